"""Escalation: subjects nobody acknowledged climb the ladder, one step per deadline, exactly once each.

A sweep (every minute) reads the due-time index and, for each due subject:
1. takes a lease on it (a conditional write): two sweeps at once never work on one subject together;
2. for each recipient of the step, claims the delivery in the alert ledger, issues a fresh ack link, sends
   the SMS and marks the delivery sent; deliveries already marked sent are skipped;
3. records the step and the next due time with its audit item in one conditional transaction
   (`step = previous AND still waiting`): a step is recorded once; an acknowledgement that landed
   meanwhile wins and escalation stops.
A sweep that dies anywhere loses its lease after `LEASE`, and the next sweep after that redoes the step:
sent deliveries are not sent again, the step is recorded once. The one window left: dying after SNS
accepted an SMS and before its delivery was marked sent; that one SMS is sent again (a duplicate beats a
missed escalation).

A ticket in an incident (alerts per incident, `INCIDENT_ALERTS`) escalates with its incident: the step's
deliveries are claimed in the incident's ledger (`INCIDENT#<id>` / `ALERT#esc<step>#<priority>#...`), so two
alerted tickets of one incident reach each rung once per priority level; the SMS names the incident and its
link acknowledges the whole incident (`aduan.services.workflow.AckLinks`); each ticket still records its own
step, and acknowledging the incident stops the escalation of all its tickets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from aduan import incident_alerts
from aduan.adapters.workflow_store import WorkflowState, WorkflowStore
from aduan.alerts import DUTY_DESK, UNIT_NAMES, on_duty
from aduan.domain.sla import RUNG_LABELS, Rung, SlaPolicy, rung, waited_text
from aduan.domain.workflow import EventType, Subject, TicketEvent
from aduan.domain.workflow_texts import escalation_sms
from aduan.errors import DeliveryFailed, StorageUnavailable
from aduan.models import CHANNEL_SHORT, Channel, Officer, utcnow
from aduan.privacy import mask_phone
from aduan.services.workflow import AckLinks
from aduan.store import TicketStore

ACTOR = "eskalasi"
LEASE = timedelta(seconds=60)  # longer than the escalator's timeout


class Messenger(Protocol):
    """Sends officer SMS and alert emails, returning the provider's message id (`aduan.adapters.sns`);
    raises `DeliveryFailed`."""

    def send_sms(self, phone: str, text: str) -> str: ...

    def publish_email(self, subject: str, body: str, attributes: dict[str, str | list[str]]) -> str: ...


@dataclass
class SweepResult:
    due: int = 0
    escalated: list[tuple[str, int]] = field(default_factory=list)  # (ticket number, step)
    skipped: int = 0  # another sweep held it, or it was answered meanwhile
    failed: list[str] = field(default_factory=list)


class Escalator:
    def __init__(
        self,
        store: WorkflowStore,
        tickets: TicketStore,
        links: AckLinks,
        messenger: Messenger,
        policy: SlaPolicy,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self.tickets = tickets
        self.links = links
        self.messenger = messenger
        self.policy = policy
        self.clock = clock

    def sweep(self) -> SweepResult:
        now = self.clock()
        result = SweepResult()
        due = self.store.due(now)
        result.due = len(due)
        for ticket_no in due:
            try:
                step = self.escalate(ticket_no)
            except (StorageUnavailable, DeliveryFailed):
                # This subject waits for the next sweep; the others still go now.
                result.failed.append(ticket_no)
                continue
            if step is None:
                result.skipped += 1
            else:
                result.escalated.append((ticket_no, step))
        return result

    def recipients(self, state: WorkflowState, level: Rung) -> tuple[list[Officer], list[str]]:
        now = self.clock()
        notes: list[str] = []

        def reachable(people: list[Officer]) -> list[Officer]:
            active = [o for o in people if o.active]
            return on_duty(active, now) or active

        if level is Rung.SUPERVISOR:
            people = reachable(self.store.ladder(state.unit, "supervisor"))
            if people:
                return people, notes
            notes.append(f"Tidak ada atasan terdaftar di {UNIT_NAMES.get(state.unit, state.unit)}; ke perwira piket")
        people = reachable(self.store.ladder(DUTY_DESK, "commander"))
        if not people:
            notes.append("Tidak ada perwira piket terdaftar")
        return people, notes

    def incident_of(self, ticket_no: str) -> tuple[str, int] | None:
        """The incident a ticket escalates with (its id and reports), or None: alone."""
        if not incident_alerts.per_incident():
            return None
        incidents = self.links.incidents
        incident_id = incidents.store.incident_of(ticket_no)
        if incident_id is None:
            return None
        return incident_id, len(incidents.store.members(incident_id))

    def escalate(self, ticket_no: str) -> int | None:
        """Fire the subject's due step; the step number, or None if there was nothing to do."""
        subject = Subject.ticket(ticket_no)
        now = self.clock()
        state = self.store.claim_escalation(subject, now, LEASE)
        if state is None:
            return None
        step = state.step + 1
        level = rung(step)
        ticket = self.tickets.get_ticket(ticket_no)
        snippet = ticket.messages[-1].text if ticket and ticket.messages else ""
        waited = waited_text(now - state.clock_started_at)
        people, notes = self.recipients(state, level)
        incident = self.incident_of(ticket_no) if ticket is not None and ticket.incident is not None else None
        # the ledger the step's deliveries are claimed in: the ticket's, or its incident's (once per rung)
        ledger, prefix = (
            (Subject("incident", incident[0]), f"esc{step}#{state.priority}") if incident else (subject, f"esc{step}")
        )
        sent: list[dict[str, Any]] = []
        for officer in people:
            key = f"{prefix}#sms#{officer.officer_id}"
            if not self.store.claim_delivery(ledger, key, now, LEASE):
                continue
            link = self.links.issue(subject, officer.officer_id, incident[0] if incident else None)
            text = escalation_sms(
                ticket_no=ticket_no,
                priority=state.priority,
                step=step,
                waited=waited,
                category=state.category,
                area=state.area,
                snippet=snippet,
                link=link,
                sensitive=state.sensitive,
                incident=incident,
            )
            detail: dict[str, Any] = {
                "medium": "sms",
                "step": step,
                "officer_id": officer.officer_id,
                "unit": officer.unit,
                "phone": mask_phone(officer.phone),
            }
            if incident:
                detail["ticket_no"] = ticket_no
            try:
                detail["message_id"] = self.messenger.send_sms(officer.phone, text)
            except DeliveryFailed as failure:
                if failure.transient:
                    raise  # the delivery stays pending: the next sweep after the lease retries it
                detail["error"] = failure.code
                self.store.record_delivery(ledger, key, "failed", detail)
                notes.append(f"SMS ke {officer.officer_id} gagal: {failure.code}")
                continue
            self.store.record_delivery(ledger, key, "sent", detail)
            sent.append(detail)
        self._email(state, step, level, waited, people, now, ledger, prefix, incident)
        next_due = self.policy.next_due(state.clock_started_at, state.priority, step, now)
        event = TicketEvent(
            type=EventType.ESCALATED,
            subject=subject,
            actor=ACTOR,
            at=now,
            details={
                "step": step,
                "rung": level.value,
                "waited_seconds": int((now - state.clock_started_at).total_seconds()),
                "recipients": [o.officer_id for o in people],
                "next_due": next_due.isoformat(),
                "notes": notes,
                **({"incident_id": incident[0], "sms_sent": len(sent)} if incident else {}),
            },
        )
        if not self.store.advance(state, step, next_due, event):
            return None
        return step

    def _email(
        self,
        state: WorkflowState,
        step: int,
        level: Rung,
        waited: str,
        people: list[Officer],
        now: datetime,
        ledger: Subject,
        prefix: str,
        incident: tuple[str, int] | None,
    ) -> None:
        key = f"{prefix}#email"
        if not self.store.claim_delivery(ledger, key, now, LEASE):
            return
        channel = CHANNEL_SHORT.get(Channel(state.channel), state.channel) if state.channel else "-"
        title = f"[Aduan ESKALASI {step}] {state.priority.upper()} {state.ticket_no} belum diterima {waited}"
        lines = [
            f"Tiket {state.ticket_no} ({state.priority}, {state.category}, via {channel}) belum diterima "
            f"siapa pun setelah {waited}.",
        ]
        if incident:
            lines.append(f"Tiket ini bagian dari insiden {incident[0]} ({incident[1]} laporan).")
        lines += [
            f"Eskalasi tahap {step}: {RUNG_LABELS[level]}.",
            "Penerima SMS: " + (", ".join(o.officer_id for o in people) or "-"),
            "Buka tiket di Aduan dan terima (acknowledge) agar eskalasi berhenti.",
        ]
        body = "\n".join(lines)
        units = sorted({state.unit, DUTY_DESK})
        try:
            message_id = self.messenger.publish_email(
                title[:100], body, {"units": units, "priority": state.priority, "trigger": f"eskalasi-{step}"}
            )
        except DeliveryFailed as failure:
            if failure.transient:
                raise
            self.store.record_delivery(ledger, key, "failed", {"medium": "email", "error": failure.code})
            return
        self.store.record_delivery(ledger, key, "sent", {"medium": "email", "units": units, "message_id": message_id})
