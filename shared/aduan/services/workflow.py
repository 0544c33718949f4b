"""Officer actions on tickets, the SLA clock that follows each ticket, and acknowledgement links.

Use cases over the domain (`aduan.domain.workflow`, `sla`, `ack_link`) and the adapters; no boto3 here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from aduan import incident_alerts
from aduan.adapters.workflow_store import WorkflowState, WorkflowStore
from aduan.alerts import target_units
from aduan.domain import ack_link
from aduan.domain.sla import SlaPolicy
from aduan.domain.workflow import (
    BARU,
    SYSTEM,
    Action,
    CloseReason,
    EventType,
    IllegalTransition,
    NotFound,
    Subject,
    TicketEvent,
    Transition,
    transition,
)
from aduan.errors import ConcurrentUpdate
from aduan.models import Ticket, TicketStatus, TriageResult, utcnow
from aduan.store import TicketStore
from aduan.triage import priority_rank

if TYPE_CHECKING:
    from aduan.services.incidents import IncidentService

MAX_ATTEMPTS = 5


def responsible_unit(category: str, priority: str, area: str | None) -> str:
    """The unit whose supervisor is the ladder's second rung: the most responsible target unit."""
    return target_units(category, priority, area)[0]


@dataclass(frozen=True, slots=True)
class ActionResult:
    state: WorkflowState
    event: TicketEvent


class WorkflowService:
    def __init__(
        self,
        store: WorkflowStore,
        tickets: TicketStore,
        policy: SlaPolicy,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self.tickets = tickets
        self.policy = policy
        self.clock = clock

    # ------------------------------------------------------------------ the clock
    def open_clock(self, ticket: Ticket, actor: str = SYSTEM) -> bool:
        """Start the SLA clock of a new ticket, with its `created` audit item (`actor` filed it: the system
        for a channel's message, the operator for a call-centre report); False if it is already running."""
        from aduan.adapters.workflow_store import NO_AREA, NewClock, snippet_of

        t = ticket.triage
        started = ticket.created_at
        subject = Subject.ticket(ticket.ticket_no)
        return self.store.open(
            NewClock(
                subject=subject,
                status=ticket.status,
                priority=t.priority,
                category=t.category,
                area=t.area,
                channel=ticket.channel.value,
                sensitive=t.sensitive,
                unit=responsible_unit(t.category, t.priority, t.area),
                created_at=started,
                ack_due_at=self.policy.ack_due(started, t.priority),
                resolve_due_at=self.policy.resolve_due(started, t.priority),
                # a report that joined an alerted incident and added nothing escalates with the incident's
                # alerted tickets, not on its own (acknowledging the incident acknowledges it too)
                first_escalation_at=None
                if ticket.incident is not None and not ticket.incident.alert and incident_alerts.per_incident()
                else self.policy.step_due(started, t.priority, 1),
                snippet=snippet_of(ticket.messages[0].text) if ticket.messages else None,
                location=(ticket.location.lat, ticket.location.lon) if ticket.location else None,
            ),
            event=TicketEvent(
                type=EventType.CREATED,
                subject=subject,
                actor=actor,
                at=started,
                details={"channel": ticket.channel.value, "priority": t.priority, "area": t.area or NO_AREA},
            ),
        )

    def follow_triage(self, old: Ticket, new: Ticket) -> None:
        """A ticket's triage changed (a follow-up raised its priority, a pin gave its area, an officer
        corrected it): the workflow item follows, and a shorter clock pulls the next escalation earlier."""
        if old.triage == new.triage:
            return
        subject = Subject.ticket(new.ticket_no)
        state = self.store.get(subject)
        if state is None:
            self.open_clock(new)
            return
        t = new.triage
        escalate_by = None
        if state.status is BARU and priority_rank(t.priority) > priority_rank(state.priority):
            escalate_by = self.policy.step_due(state.clock_started_at, t.priority, state.step + 1)
        self.store.sync_triage(
            subject,
            priority=t.priority,
            category=t.category,
            area=t.area,
            sensitive=t.sensitive,
            unit=responsible_unit(t.category, t.priority, t.area),
            escalate_by=max(escalate_by, self.clock()) if escalate_by else None,
            location=(new.location.lat, new.location.lon) if new.location else None,
        )

    def state(self, ticket_no: str) -> tuple[Ticket, WorkflowState]:
        """The ticket and its workflow item (started now if the stream has not got to it yet)."""
        ticket = self.tickets.get_ticket(ticket_no)
        if ticket is None:
            raise NotFound("Tiket tidak ditemukan", details={"ticket_no": ticket_no})
        subject = Subject.ticket(ticket_no)
        state = self.store.get(subject)
        if state is None:
            self.open_clock(ticket)
            state = self.store.get(subject)
            if state is None:  # pragma: no cover - just written with a consistent read after it
                raise ConcurrentUpdate()
        return ticket, state

    # ------------------------------------------------------------------ officer actions
    def act(
        self,
        ticket_no: str,
        action: Action,
        *,
        actor: str,
        assignee: str | None = None,
        note: str | None = None,
        reason: CloseReason | None = None,
        mirror_ticket: bool = True,
    ) -> ActionResult:
        """Apply one officer action (or the citizen's reopening, whose ticket item is already `baru`:
        `mirror_ticket=False`). `IllegalTransition` (409) when the ticket's state forbids it, naming
        who acknowledged it when that is why; `NotFound` for an unknown ticket."""
        subject = Subject.ticket(ticket_no)
        for _ in range(MAX_ATTEMPTS):
            _, state = self.state(ticket_no)
            now = self.clock()
            if action is Action.REOPEN and state.purged_at is not None:
                raise IllegalTransition(
                    "Data pribadi tiket ini sudah dihapus (masa simpan habis); buat laporan baru",
                    code="purged",
                    details={"status": state.status.value, "action": action.value},
                )
            try:
                change = transition(
                    subject, state.status, action, actor=actor, at=now, assignee=assignee, note=note, reason=reason
                )
            except IllegalTransition as refused:
                if state.acknowledged_by:
                    refused.details.update(
                        acknowledged_by=state.acknowledged_by,
                        acknowledged_at=state.acknowledged_at.isoformat() if state.acknowledged_at else None,
                    )
                    if action is Action.ACK:
                        refused.message = f"Tiket sudah diterima oleh {state.acknowledged_by}"
                raise
            change = with_sla_facts(change, state)
            new_clock = None
            if change.restarts_clock:
                priority = state.priority
                new_clock = (
                    self.policy.ack_due(now, priority),
                    self.policy.resolve_due(now, priority),
                    self.policy.step_due(now, priority, 1),
                )
            try:
                self.store.apply(state, change, ticket_update=mirror_ticket, new_clock=new_clock)
            except ConcurrentUpdate:
                continue  # someone else acted first: read again and decide again
            fresh = self.store.get(subject)
            return ActionResult(fresh or state, change.event)
        raise ConcurrentUpdate(f"gave up after {MAX_ATTEMPTS} attempts")

    def correct_triage(
        self,
        ticket_no: str,
        *,
        actor: str,
        category: str | None,
        priority: str | None,
        area: str | None,
        clear_area: bool = False,
    ) -> tuple[TriageResult, TriageResult]:
        """An officer corrects triage. The ticket item changes (its stream record re-routes the alert when
        the priority rises or the area changes, through the notifier), the correction is audited with
        before and after, which is the labelled data later training reads."""
        for _ in range(MAX_ATTEMPTS):
            ticket = self.tickets.get_ticket(ticket_no)
            if ticket is None:
                raise NotFound("Tiket tidak ditemukan", details={"ticket_no": ticket_no})
            old = ticket.triage
            new = old.model_copy(
                update={
                    "category": category or old.category,
                    "priority": priority or old.priority,
                    "area": None if clear_area else (area or old.area),
                    "kelurahan": old.kelurahan if (area or old.area) == old.area and not clear_area else None,
                    "sensitive": old.sensitive or (category or old.category) in ("kdrt_ppa", "pengaduan_petugas"),
                    "reasons": (*old.reasons, f"dikoreksi oleh {actor}"),
                }
            )
            event = TicketEvent(
                type=EventType.TRIAGE_CORRECTED,
                subject=Subject.ticket(ticket_no),
                actor=actor,
                at=self.clock(),
                details={
                    "from": {"category": old.category, "priority": old.priority, "area": old.area},
                    "to": {"category": new.category, "priority": new.priority, "area": new.area},
                    "channel": ticket.channel.value,
                },
            )
            try:
                self.store.correct_triage(ticket, new, event)
            except ConcurrentUpdate:
                continue
            return old, new
        raise ConcurrentUpdate(f"gave up after {MAX_ATTEMPTS} attempts")

    def audit_read(self, ticket_no: str, actor: str, what: str) -> None:
        """Reading a ticket's content is itself audited (UU PDP 27/2022)."""
        self.store.append_audit(
            TicketEvent(
                type=EventType.CONTENT_READ,
                subject=Subject.ticket(ticket_no),
                actor=actor,
                at=self.clock(),
                details={"what": what},
            )
        )


def with_sla_facts(change: Transition, state: WorkflowState) -> Transition:
    """The transition with what the answer-time metrics need on its audit item (`sla`): when the clock
    started, and the ticket's priority, channel and unit then. The tracker measures from the audit item
    alone, however late it reads it."""
    facts = {
        "clock_started_at": state.clock_started_at.isoformat(),
        "priority": state.priority,
        "channel": state.channel or "unknown",
        "unit": state.unit,
    }
    event = replace(change.event, details={**change.event.details, "sla": facts})
    return replace(change, event=event)


# ---------------------------------------------------------------------- acknowledgement links
def link_issuer(
    store: WorkflowStore, base_url: str, clock: Callable[[], datetime] = utcnow
) -> Callable[[str, str, str | None], str]:
    """`(ticket number, officer id, incident id) -> link` for the notifier's alert SMS (an incident's alert
    links to acknowledging the incident); only the token's hash is stored."""

    def issue(ticket_no: str, officer_id: str, incident_id: str | None = None) -> str:
        token, grant = ack_link.AckGrant.issue(Subject.ticket(ticket_no), officer_id, clock(), incident_id)
        store.put_grant(grant)
        return ack_link.link(base_url, token)

    return issue


@dataclass(frozen=True, slots=True)
class IncidentAck:
    """An incident's link: the incident the ticket is in now, its reports, how many still wait for an
    acknowledgement, and (after the page's POST) how many the officer acknowledged."""

    incident_id: str
    tickets: int
    waiting: int
    acknowledged: int = 0


@dataclass(frozen=True, slots=True)
class LinkView:
    """What the ack page shows: a problem (`state` not valid) or the ticket (and its incident) and its
    officer."""

    state: ack_link.LinkState
    grant: ack_link.AckGrant | None = None
    workflow: WorkflowState | None = None
    incident: IncidentAck | None = None


class AckLinks:
    def __init__(self, workflow: WorkflowService, base_url: str, incidents: IncidentService | None = None) -> None:
        self.workflow = workflow
        self.base_url = base_url
        self._incidents = incidents

    @property
    def store(self) -> WorkflowStore:
        return self.workflow.store

    @property
    def incidents(self) -> IncidentService:
        if self._incidents is None:
            from aduan.adapters.incident_store import IncidentStore
            from aduan.services.incidents import IncidentService

            tickets = self.workflow.tickets
            self._incidents = IncidentService(IncidentStore(tickets.table_name, client=tickets.client))
        return self._incidents

    def issue(self, subject: Subject, officer_id: str, incident_id: str | None = None) -> str:
        """A fresh link for `officer_id` to acknowledge `subject` (with `incident_id`: the incident it is in);
        only its hash is stored."""
        token, grant = ack_link.AckGrant.issue(subject, officer_id, self.workflow.clock(), incident_id)
        self.store.put_grant(grant)
        return ack_link.link(self.base_url, token)

    def view(self, token: str) -> LinkView:
        """Look a token up. Changes nothing (a GET: link scanners and SMS previews open links)."""
        if not ack_link.well_formed(token):
            return LinkView(ack_link.LinkState.UNKNOWN)
        grant = self.store.get_grant(ack_link.token_hash(token))
        state = self.store.get(grant.subject) if grant else None
        status: TicketStatus | None = state.status if state else None
        link_state = ack_link.check(grant, status, self.workflow.clock())
        incident = None
        if link_state is ack_link.LinkState.VALID and grant is not None:
            incident = self._incident(grant)
        return LinkView(link_state, grant, state, incident)

    def _incident(self, grant: ack_link.AckGrant) -> IncidentAck | None:
        """The incident an incident's link acts on: the one its ticket is in now (an officer may have merged
        it into another since, or split the ticket out: then the ticket alone)."""
        if grant.incident_id is None:
            return None
        current = self.incidents.store.incident_of(grant.subject.id)
        if current is None:
            return None
        tickets = self.incidents.tickets_of(current)
        waiting = 0
        for ticket_no in tickets:
            state = self.store.get(Subject.ticket(ticket_no))
            waiting += state is None or state.status is BARU
        return IncidentAck(current, len(tickets), waiting)

    def acknowledge(self, token: str) -> tuple[LinkView, ActionResult | None]:
        """The page's POST: acknowledge as the link's officer (an incident's link: every ticket of the
        incident still waiting, each its own audited transition, so escalation stops for all of them and each
        citizen hears of their own ticket). (view, None) when the link does not work or everything was already
        acknowledged (the view's workflow says by whom)."""
        view = self.view(token)
        if view.state is not ack_link.LinkState.VALID or view.grant is None:
            return view, None
        grant = view.grant
        if view.incident is not None:
            return self._acknowledge_incident(view, grant, view.incident)
        try:
            result = self.workflow.act(grant.subject.id, Action.ACK, actor=grant.officer_id)
        except IllegalTransition:
            return LinkView(view.state, grant, self.store.get(grant.subject)), None
        return LinkView(view.state, grant, result.state), result

    def _acknowledge_incident(
        self, view: LinkView, grant: ack_link.AckGrant, incident: IncidentAck
    ) -> tuple[LinkView, ActionResult | None]:
        results: dict[str, ActionResult] = {}

        def run(ticket_no: str) -> str:
            results[ticket_no] = self.workflow.act(ticket_no, Action.ACK, actor=grant.officer_id)
            return results[ticket_no].state.status.value

        self.incidents.act(incident.incident_id, Action.ACK, grant.officer_id, run, via="tautan_sms")
        mine = results.get(grant.subject.id)
        state = mine.state if mine else self.store.get(grant.subject)
        done = replace(incident, acknowledged=len(results))
        first = mine or next(iter(results.values()), None)
        return LinkView(view.state, grant, state, done), first


def audit_entry(item: dict[str, Any]) -> dict[str, Any]:
    """An audit item as the API shows it."""
    return {
        "at": item["at"],
        "event": item["event"],
        "actor": item["actor"],
        "from_status": item.get("from_status"),
        "to_status": item.get("to_status"),
        "details": item.get("details") or {},
    }
