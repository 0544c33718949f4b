"""An officer's own reply to a citizen: checked, audited, and left to the replier to send."""

from __future__ import annotations

from typing import Any

from aduan.domain.access import Principal
from aduan.domain.workflow import EventType, Forbidden, NotFound, Subject, TicketEvent
from aduan.services.workflow import WorkflowService
from aduan.ticket_number import normalize


def officer_reply(workflow: WorkflowService, who: Principal, ticket_no: str, text: str) -> dict[str, Any]:
    try:
        number = normalize(ticket_no)
    except ValueError:
        raise NotFound("Tiket tidak ditemukan", details={"ticket_no": ticket_no[:20]}) from None
    _, state = workflow.state(number)
    if not who.may_act(state.category, state.area):
        raise Forbidden("Anda tidak berwenang menangani tiket ini")
    event = TicketEvent(
        type=EventType.OFFICER_REPLY,
        subject=Subject.ticket(number),
        actor=who.officer_id,
        at=workflow.clock(),
        details={"text": text, "channel": state.channel},
    )
    workflow.store.append_audit(event)
    return {
        "ticket_no": number,
        "status": "accepted",
        "event": {"type": event.type.value, "actor": event.actor, "at": event.at.isoformat()},
    }
