"""Ticket rules: opening a ticket from a citizen's message, threading follow-ups, re-triage.

Pure functions over the models; storage and concurrency live in `aduan.store` and `aduan.intake_service`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from aduan.models import (
    GeoPoint,
    HistoryEntry,
    InboundMessage,
    Ticket,
    TicketMessage,
    TriageResult,
)
from aduan.triage import priority_rank, triage

SYSTEM = "sistem"
# A DynamoDB item holds 400 KB; past this many messages a citizen's next message opens a new ticket.
MAX_MESSAGES_PER_TICKET = 60


def run_triage(text: str, channel: str, location: GeoPoint | None) -> TriageResult:
    result = triage(text, channel=channel, location=(location.lat, location.lon) if location else None)
    return TriageResult(
        category=result.category,
        priority=result.priority,
        area=result.area,
        kelurahan=result.kelurahan,
        sensitive=result.sensitive,
        reasons=tuple(result.reasons),
    )


def _ticket_message(message: InboundMessage, received_at: datetime) -> TicketMessage:
    return TicketMessage(
        platform_message_id=message.platform_message_id,
        sent_at=message.sent_at,
        received_at=received_at,
        kind=message.kind,
        text=message.text,
        location=message.location,
        media=message.media,
    )


def open_ticket(message: InboundMessage, ticket_no: str, now: datetime) -> Ticket:
    """A new ticket for a citizen message that does not belong to an open ticket."""
    result = run_triage(message.text, message.channel.value, message.location)
    return Ticket(
        ticket_no=ticket_no,
        channel=message.channel,
        citizen=message.citizen,
        messages=(_ticket_message(message, now),),
        location=message.location,
        triage=result,
        created_at=now,
        updated_at=now,
        last_message_at=message.sent_at,
        history=(
            HistoryEntry(
                at=now,
                actor=SYSTEM,
                action="dibuat",
                detail=f"Tiket dibuat dari pesan {message.channel.value}",
                data={"category": result.category, "priority": result.priority, "area": result.area},
            ),
        ),
    )


def accepts_follow_up(ticket: Ticket, message: InboundMessage, window: timedelta) -> bool:
    """Does the citizen's new message belong to this ticket (open, recent, not full)?"""
    if not ticket.is_open or len(ticket.messages) >= MAX_MESSAGES_PER_TICKET:
        return False
    return message.sent_at - ticket.last_message_at <= window


def add_follow_up(ticket: Ticket, message: InboundMessage, now: datetime) -> Ticket:
    """The ticket with the follow-up joined and triage re-run over everything the citizen wrote.

    Priority only rises automatically (lowering it is an officer's decision); a category found in the
    whole conversation replaces `lainnya`; a location pin gives the ticket its coordinates and area.
    """
    messages = tuple(sorted((*ticket.messages, _ticket_message(message, now)), key=lambda m: m.sent_at))
    location = message.location or ticket.location
    text = "\n".join(m.text for m in messages if m.text)
    fresh = run_triage(text, ticket.channel.value, location)
    old = ticket.triage
    priority = fresh.priority if priority_rank(fresh.priority) > priority_rank(old.priority) else old.priority
    category = fresh.category if fresh.category != "lainnya" else old.category
    area = fresh.area if (message.location is not None or old.area is None) and fresh.area else old.area
    kelurahan = fresh.kelurahan if area == fresh.area else old.kelurahan
    new_triage = TriageResult(
        category=category,
        priority=priority,
        area=area,
        kelurahan=kelurahan,
        sensitive=old.sensitive or fresh.sensitive,
        reasons=fresh.reasons,
    )
    history = [
        HistoryEntry(
            at=now,
            actor=SYSTEM,
            action="pesan_ditambah",
            detail=f"Pesan lanjutan ({message.kind})",
            data={"platform_message_id": message.platform_message_id},
        )
    ]
    if (new_triage.category, new_triage.priority, new_triage.area) != (old.category, old.priority, old.area):
        history.append(
            HistoryEntry(
                at=now,
                actor=SYSTEM,
                action="triase_diubah",
                detail=f"{old.category}/{old.priority}/{old.area} -> "
                f"{new_triage.category}/{new_triage.priority}/{new_triage.area}",
                data={
                    "from": {"category": old.category, "priority": old.priority, "area": old.area},
                    "to": {"category": category, "priority": priority, "area": area},
                },
            )
        )
    return ticket.model_copy(
        update={
            "messages": messages,
            "location": location,
            "triage": new_triage,
            "updated_at": now,
            "last_message_at": max(ticket.last_message_at, message.sent_at),
            "version": ticket.version + 1,
            "history": (*ticket.history, *history),
        }
    )
