"""Incidents as a use case: filing each new ticket in an incident (from ingest, in the ticket's own
transaction), showing an incident with its reports across channels, and the officers' merge, split,
acknowledgement and resolution of a whole incident. No boto3 here.

Which tickets take part: every new ticket except the sensitive ones (`kdrt_ppa`, `pengaduan_petugas`: each is
its own case, alerted and handled alone, never in an incident) and those that name no event (`lainnya`,
`layanan_polisi`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from aduan.adapters.incident_store import IncidentStore, Member
from aduan.domain import incidents as rule
from aduan.domain.workflow import Action, IllegalTransition, NotFound, WorkflowError
from aduan.models import IncidentLink, Ticket, utcnow
from aduan.ticket_number import ALPHABET

SYSTEM = "sistem"
FINISHING = frozenset({Action.RESOLVE, Action.CLOSE})  # acting so on an incident closes it


class MergeRefused(WorkflowError):
    code = "merge_refused"


def new_incident_id() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"IN-{raw[:4]}-{raw[4:]}"


def takes_part(ticket: Ticket) -> bool:
    t = ticket.triage
    return not (t.sensitive or t.category in rule.SENSITIVE or t.category in rule.NON_EVENT)


def report_of(ticket: Ticket) -> rule.Report:
    """The rule's view of a ticket: its triage, its first message's time, its shared location (and, once
    follow-ups came, its latest message's time and how many messages it has)."""
    first = ticket.messages[0]
    loc = ticket.location or next((m.location for m in ticket.messages if m.location), None)
    point = (loc.lat, loc.lon) if loc else None
    report = rule.report_from(ticket.ticket_no, ticket.text, first.sent_at, ticket.channel.value, ticket.triage, point)
    if len(ticket.messages) > 1:
        latest = max(m.sent_at for m in ticket.messages)
        report = replace(report, last_at=latest if latest > first.sent_at else None, messages=len(ticket.messages))
    return report


@dataclass(frozen=True, slots=True)
class ActOutcome:
    ticket_no: str
    ok: bool
    status: str | None = None
    reason: str | None = None


class IncidentService:
    def __init__(
        self,
        store: IncidentStore,
        new_id: Callable[[], str] = new_incident_id,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self.new_id = new_id
        self.clock = clock

    # ------------------------------------------------------------------ ingest
    def plan(self, ticket: Ticket, now: datetime) -> tuple[Ticket, list[dict[str, Any]]]:
        """The ticket with its incident link, and the items that file it (conditional on the buckets read:
        a concurrent decision in the same buckets makes the ticket's transaction fail and ingest retry)."""
        if not takes_part(ticket):
            return ticket, []
        report = report_of(ticket)
        read = self.store.candidates(report.area, report.at)
        decision = rule.decide(report, read.incidents)
        if decision.incident_id is None:
            incident = rule.Incident.open_with(self.new_id(), report)
            opened = True
        else:
            current = next(i for i in read.incidents if i.incident_id == decision.incident_id)
            incident = current.with_report(report)
            opened = False
        link = IncidentLink(
            incident_id=incident.incident_id,
            opened=opened,
            alert=opened or decision.alerts_again,
            reasons=decision.reasons,
            raised=decision.raised,
            new_danger=tuple(sorted(decision.new_danger)),
        )
        items = self.store.join_items(read, incident, report, opened=opened, reasons=decision.reasons, now=now)
        return ticket.model_copy(update={"incident": link}), items

    def follow_up(self, ticket: Ticket, now: datetime) -> tuple[Ticket, list[dict[str, Any]]]:
        """A follow-up joined `ticket` (already re-triaged with it): the ticket with its incident link brought up
        to date, and the items that update its incident in the follow-up's own transaction (conditional on the
        incident's bucket being unchanged: a concurrent join, merge or split makes ingest read again).

        The incident's evidence, latest report time and message count follow the ticket; its priority rises
        when the ticket's now is higher (`raised`: the officers are alerted at the new level) and danger the
        incident did not know of is added to the ticket's `new_danger` (alerted once more). A ticket an officer
        split out meanwhile stands alone (its link goes); a follow-up that makes the ticket a sensitive case
        takes it out of its incident (sensitive cases are never grouped)."""
        link = ticket.incident
        if link is None:
            return ticket, []
        incident_id = self.store.incident_of(ticket.ticket_no)
        if incident_id is None:
            return ticket.model_copy(update={"incident": None}), []
        incident, bucket, members = self.load(incident_id)
        member = next((m for m in members if m.ticket_no == ticket.ticket_no), None)
        if member is None:  # pragma: no cover - the ticket's incident item and its member are written together
            return ticket.model_copy(update={"incident": None}), []
        seq = self.store.bucket_seq(bucket)
        if not takes_part(ticket):
            rest = [m.report for m in members if m.ticket_no != ticket.ticket_no]
            left = (
                rule.Incident.from_reports(incident_id, rest, is_open=incident.open)
                if rest
                else replace(rule.Incident.from_reports(incident_id, [member.report], is_open=False), tickets=())
            )
            items = self.store.split_items(left, bucket, member, actor=SYSTEM, now=now, seq=seq)
            return ticket.model_copy(update={"incident": None}), items
        report = report_of(ticket)
        reports = [report if m.ticket_no == ticket.ticket_no else m.report for m in members]
        after = rule.Incident.from_reports(incident_id, reports, is_open=incident.open)
        raised = rule.rank(after.priority) > rule.rank(incident.priority)
        danger = report.danger - incident.danger
        reasons: list[str] = []
        if raised:
            reasons.append(f"prioritas insiden naik: {incident.priority} → {after.priority}")
        if danger:
            reasons.append("bahaya baru: " + ", ".join(rule.DANGER[t] for t in sorted(danger)))
        items = self.store.follow_up_items(after, bucket, seq, member, report, reasons=reasons, now=now)
        updated = link.model_copy(
            update={
                "incident_id": incident_id,
                "alert": raised or bool(danger),
                "raised": raised,
                "new_danger": tuple(sorted(set(link.new_danger) | danger)),
                "follow_ups": link.follow_ups + 1,
            }
        )
        return ticket.model_copy(update={"incident": updated}), items

    # ------------------------------------------------------------------ reads
    def load(self, incident_id: str) -> tuple[rule.Incident, str, list[Member]]:
        found = self.store.get(incident_id)
        if found is None:
            raise NotFound("Insiden tidak ditemukan", details={"incident_id": incident_id})
        incident, bucket = found
        return incident, bucket, self.store.members(incident_id)

    def view(self, incident_id: str) -> dict[str, Any]:
        """The incident as the API shows it: its evidence, every report across channels, its audit trail."""
        incident, _bucket, members = self.load(incident_id)
        reports = sorted(members, key=lambda m: (m.report.at, m.ticket_no))
        return {
            "incident_id": incident.incident_id,
            "open": incident.open,
            "category": incident.category,
            "categories": sorted(incident.categories),
            "priority": incident.priority,
            "area": incident.area,
            "first_at": incident.first_at.isoformat(),
            "last_at": incident.last_at.isoformat(),
            "reports": len(reports),
            "messages": sum(m.report.messages for m in reports),
            "channels": sorted(incident.channels),
            "places": sorted(incident.segments | incident.kelurahans),
            "points": [{"lat": p[0], "lon": p[1]} for p in incident.points],
            "danger": [rule.DANGER[d] for d in sorted(incident.danger)],
            "tickets": [
                {
                    "ticket_no": m.ticket_no,
                    "channel": m.report.channel,
                    "reported_at": m.report.at.isoformat(),
                    "last_message_at": m.report.latest.isoformat(),
                    "messages": m.report.messages,
                    "category": m.report.category,
                    "priority": m.report.priority,
                    "point": {"lat": m.report.point[0], "lon": m.report.point[1]} if m.report.point else None,
                    "opened": m.opened,
                    "reasons": list(m.reasons),
                }
                for m in reports
            ],
            "audit": [
                {
                    "at": a["at"],
                    "action": a["action"],
                    "actor": a["actor"],
                    "ticket_no": a.get("ticket_no"),
                    "reasons": a.get("reasons", []),
                    "detail": a.get("detail", {}),
                }
                for a in self.store.audit(incident_id)
            ],
        }

    def tickets_of(self, incident_id: str) -> list[str]:
        _incident, _bucket, members = self.load(incident_id)
        return [m.ticket_no for m in sorted(members, key=lambda m: (m.report.at, m.ticket_no))]

    # ------------------------------------------------------------------ officer actions
    def merge(self, target_id: str, source_id: str, actor: str) -> dict[str, Any]:
        """Move every report of `source_id` into `target_id` and close the source; audited on both."""
        if target_id == source_id:
            raise MergeRefused("Insiden tidak dapat digabung dengan dirinya sendiri")
        target, target_bucket, target_members = self.load(target_id)
        source, source_bucket, source_members = self.load(source_id)
        if not target.open or not source.open:
            raise MergeRefused("Insiden yang sudah ditutup tidak dapat digabung")
        merged = rule.Incident.from_reports(target_id, [m.report for m in (*target_members, *source_members)])
        # the source stays readable (closed) so links to it still say where its reports went
        closed = rule.Incident.from_reports(source_id, [m.report for m in source_members], is_open=False)
        items = self.store.merge_items(
            merged, target_bucket, closed, source_bucket, source_members, actor=actor, now=self.clock()
        )
        self.store.transact(items)
        return self.view(target_id)

    def split(self, ticket_no: str, actor: str) -> dict[str, Any]:
        """Take one ticket out of its incident (it stands alone from now on); audited."""
        incident_id = self.store.incident_of(ticket_no)
        if incident_id is None:
            raise NotFound("Tiket tidak termasuk insiden mana pun", details={"ticket_no": ticket_no})
        incident, bucket, members = self.load(incident_id)
        member = next((m for m in members if m.ticket_no == ticket_no), None)
        if member is None:
            raise NotFound("Tiket tidak termasuk insiden ini", details={"ticket_no": ticket_no})
        rest = [m.report for m in members if m.ticket_no != ticket_no]
        left = (
            rule.Incident.from_reports(incident_id, rest, is_open=incident.open)
            if rest
            else rule.Incident.from_reports(incident_id, [member.report], is_open=False)
        )
        if not rest:
            left = replace(left, tickets=())
        self.store.transact(self.store.split_items(left, bucket, member, actor=actor, now=self.clock()))
        return {"ticket_no": ticket_no, "incident": self.view(incident_id)}

    def act(
        self, incident_id: str, action: Action, actor: str, run: Callable[[str], str], via: str | None = None
    ) -> dict[str, Any]:
        """Apply `action` to every ticket of the incident through `run(ticket_no) -> new status` (the
        workflow service, one audited transition per ticket: each citizen's reply follows its own ticket's
        event). A ticket whose state forbids it (already acknowledged, already resolved) is reported, not
        failed. Resolving or closing an incident closes it: later reports open a new one. Audited on the
        incident (`via`: how, when not the API: `tautan_sms`)."""
        outcomes: list[ActOutcome] = []
        for ticket_no in self.tickets_of(incident_id):
            try:
                outcomes.append(ActOutcome(ticket_no, True, status=run(ticket_no)))
            except IllegalTransition as refused:
                outcomes.append(ActOutcome(ticket_no, False, reason=refused.message))
        incident, bucket, _members = self.load(incident_id)
        done: dict[str, Any] = {"tickets": [o.ticket_no for o in outcomes if o.ok]}
        if via:
            done["via"] = via
        items = self.store.audit_items(incident_id, f"tindakan_{action.value}", actor, self.clock(), done)
        if action in FINISHING and incident.open:
            # a resolved incident takes no more reports: a late one opens a new incident and is alerted, rather
            # than wait unseen in a finished one
            incident = replace(incident, open=False)
            items += self.store.close_items(incident, bucket)
        self.store.transact(items)
        return {
            "incident_id": incident.incident_id,
            "action": action.value,
            "tickets": [
                {"ticket_no": o.ticket_no, "ok": o.ok, "status": o.status, "reason": o.reason} for o in outcomes
            ],
        }
