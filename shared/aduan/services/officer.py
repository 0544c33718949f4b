"""The officer desk: what the officer API does, in terms of the workflow, visibility and ingest.

HTTP lives in `aduan.api`; this module decides what an officer may see and do and shapes the answers.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from aduan.adapters.workflow_store import WorkflowState
from aduan.api.models import CallReport, ListQuery
from aduan.domain.access import Principal, View
from aduan.domain.sla import sla_state
from aduan.domain.workflow import (
    Action,
    CloseReason,
    Forbidden,
    NotFound,
    TicketEvent,
    WorkflowError,
)
from aduan.ingest import Ingestor
from aduan.models import Channel, CitizenIdentity, GeoPoint, InboundMessage, Ticket, TicketStatus
from aduan.services.filing import file_message
from aduan.services.workflow import WorkflowService, audit_entry
from aduan.ticket_number import normalize

REDACTED_DETAILS = frozenset({"note"})


def ticket_no_of(value: str) -> str:
    try:
        return normalize(value)
    except ValueError:
        raise NotFound("Tiket tidak ditemukan", details={"ticket_no": value[:20]}) from None


def summary(state: WorkflowState, now: datetime) -> dict[str, Any]:
    """What every officer who sees a ticket may know: existence, status, SLA."""
    if state.status is TicketStatus.BARU:
        due, kind = state.ack_due_at, "diterima"
    else:
        due, kind = state.resolve_due_at, "selesai"
    finished = state.status in (TicketStatus.SELESAI, TicketStatus.DITUTUP)
    return {
        "ticket_no": state.ticket_no,
        "status": state.status.value,
        "priority": state.priority,
        "category": state.category,
        "area": state.area,
        "channel": state.channel,
        "sensitive": state.sensitive,
        "unit": state.unit,
        "created_at": state.created_at.isoformat(),
        "sla": {
            "target": kind,
            "due_at": due.isoformat(),
            "state": "selesai" if finished else sla_state(now=now, due=due),
            "ack_due_at": state.ack_due_at.isoformat(),
            "resolve_due_at": state.resolve_due_at.isoformat(),
        },
        "acknowledged_by": state.acknowledged_by,
        "acknowledged_at": state.acknowledged_at.isoformat() if state.acknowledged_at else None,
        "assignee": state.assignee,
        "escalation_step": state.step,
        "next_escalation_at": state.escalation_due.isoformat() if state.escalation_due else None,
    }


def queue_row(state: WorkflowState, now: datetime, view: View) -> dict[str, Any] | None:
    """A queue line: the summary, plus the first message's opening words and the coordinates for an officer
    who may read the ticket, as the alert SMS carries them; never for a sensitive ticket (its content is
    read by opening it, which is audited)."""
    if view is View.NONE:
        return None
    row = summary(state, now)
    if view is View.FULL and not state.sensitive:
        row["snippet"] = state.snippet
        row["location"] = {"lat": state.location[0], "lon": state.location[1]} if state.location else None
    else:
        row["snippet"] = None
        row["location"] = None
    return row


def content(ticket: Ticket) -> dict[str, Any]:
    """What the citizen said and who they are: only for a FULL view, and reading it is audited."""
    return {
        "citizen": ticket.citizen.model_dump(mode="json"),
        "location": ticket.location.model_dump(mode="json") if ticket.location else None,
        "messages": [m.model_dump(mode="json") for m in ticket.messages],
        "triage": ticket.triage.model_dump(mode="json"),
    }


def encode_cursor(key: dict[str, Any] | None) -> str | None:
    if not key:
        return None
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, binascii.Error):
        raise WorkflowError("Kursor halaman tidak valid", code="invalid_cursor") from None
    valid = isinstance(key, dict) and all(
        isinstance(k, str) and isinstance(v, dict) and set(v) == {"S"} and isinstance(v["S"], str)
        for k, v in key.items()
    )
    if not valid:
        raise WorkflowError("Kursor halaman tidak valid", code="invalid_cursor")
    return dict(key)


class OfficerDesk:
    def __init__(self, workflow: WorkflowService, ingestor: Callable[[], Ingestor]) -> None:
        self.workflow = workflow
        self._ingestor = ingestor

    @property
    def clock(self) -> Callable[[], datetime]:
        return self.workflow.clock

    # ------------------------------------------------------------------ reading
    def list_tickets(self, who: Principal, query: ListQuery) -> dict[str, Any]:
        allowed = who.list_areas()
        area: str | None = query.area
        if allowed is not None:
            if area is None and len(allowed) == 1:
                area = next(iter(allowed))
            if area is None or area not in allowed:
                raise Forbidden("Anda hanya dapat melihat tiket wilayah Anda", details={"areas": sorted(allowed)})
        page = self.workflow.store.queue_page(
            queue=query.queue,
            area=area,
            statuses=frozenset(query.status) if query.status else None,
            priorities=frozenset(query.priority) if query.priority else None,
            channels=frozenset(query.channel) if query.channel else None,
            created_from=query.created_from,
            created_to=query.created_to,
            limit=query.limit,
            cursor=decode_cursor(query.cursor),
        )
        now = self.clock()
        items = [queue_row(s, now, who.view(s.category, s.area)) for s in page.items]
        return {"items": [i for i in items if i is not None], "next_cursor": encode_cursor(page.cursor)}

    def show(self, who: Principal, ticket_no: str) -> dict[str, Any]:
        ticket, state = self.workflow.state(ticket_no_of(ticket_no))
        view = who.view(state.category, state.area)
        if view is View.NONE:
            raise Forbidden("Anda tidak berwenang membuka tiket ini")
        body = summary(state, self.clock())
        trail = [audit_entry(a) for a in self.workflow.store.audit_trail(state.subject)]
        if view is View.FULL:
            self.workflow.audit_read(state.ticket_no, who.officer_id, "isi tiket")
            body.update(content(ticket))
            body["audit"] = trail
        else:
            body["content_withheld"] = True
            body["audit"] = [
                {**a, "details": {k: v for k, v in a["details"].items() if k not in REDACTED_DETAILS}} for a in trail
            ]
        body["allowed_actions"] = [a.value for a in _allowed(state.status)]
        return body

    def _authorise(self, who: Principal, ticket_no: str) -> WorkflowState:
        _, state = self.workflow.state(ticket_no)
        if not who.may_act(state.category, state.area):
            raise Forbidden("Anda tidak berwenang menangani tiket ini")
        return state

    # ------------------------------------------------------------------ acting
    def act(
        self,
        who: Principal,
        ticket_no: str,
        action: Action,
        *,
        assignee: str | None = None,
        note: str | None = None,
        reason: CloseReason | None = None,
    ) -> dict[str, Any]:
        number = ticket_no_of(ticket_no)
        self._authorise(who, number)
        result = self.workflow.act(number, action, actor=who.officer_id, assignee=assignee, note=note, reason=reason)
        return {"ticket": summary(result.state, self.clock()), "event": _event(result.event)}

    def correct_triage(
        self, who: Principal, ticket_no: str, *, category: str | None, priority: str | None, area: str | None
    ) -> dict[str, Any]:
        number = ticket_no_of(ticket_no)
        self._authorise(who, number)
        if not (category or priority or area):
            raise WorkflowError("Isi kategori, prioritas atau wilayah", code="nothing_to_correct")
        old, new = self.workflow.correct_triage(
            number, actor=who.officer_id, category=category, priority=priority, area=area
        )
        return {
            "ticket_no": number,
            "from": {"category": old.category, "priority": old.priority, "area": old.area},
            "to": {"category": new.category, "priority": new.priority, "area": new.area},
        }

    # ------------------------------------------------------------------ filing (110 call centre)
    def file_report(self, who: Principal, report: CallReport) -> tuple[int, dict[str, Any]]:
        """Ingest a call-centre report directly (same dedup, threading and triage as any channel); its
        stream record alerts officers like any other ticket. Direct, not through the intake queue: the
        operator is still on the phone and tells the caller the ticket number."""
        if not who.may_file:
            raise Forbidden("Hanya piket dan pimpinan yang dapat mencatat laporan")
        now = self.clock()
        caller = report.caller_phone or f"panggilan-{report.report_id}"
        message = InboundMessage(
            channel=Channel.CALL_CENTER,
            platform_message_id=report.report_id,
            citizen=CitizenIdentity(
                channel=Channel.CALL_CENTER,
                platform_id=caller,
                display_name=report.caller_name,
                phone=report.caller_phone,
            ),
            sent_at=min(report.received_at or now, now),
            kind="location" if report.location and not report.text else "text",
            text=report.text,
            location=GeoPoint(lat=report.location.lat, lon=report.location.lon, name=report.location.name)
            if report.location
            else None,
        )
        filed = file_message(self.workflow, self._ingestor(), message, actor=who.officer_id)
        status = 201 if filed.outcome == "created" else 200
        return status, {"outcome": filed.outcome, "ticket": summary(filed.state, now)}


def _allowed(status: TicketStatus) -> list[Action]:
    from aduan.domain.workflow import allowed_actions

    return allowed_actions(status)


def _event(event: TicketEvent) -> dict[str, Any]:
    return {
        "type": event.type.value,
        "actor": event.actor,
        "at": event.at.isoformat(),
        "from_status": event.from_status.value if event.from_status else None,
        "to_status": event.to_status.value if event.to_status else None,
        "details": event.details,
    }
