"""Retention (UU PDP 27/2022): what of a finished ticket is personal data, removed after `RetentionDays`.

Removed: who the citizen is (platform id, name, phone), the conversation key (it holds the platform id),
every message's words, location and media references, the ticket's location, and the details of its
history entries. Kept: the non-personal facts a report needs (ticket number, channel, status, triage,
times, message count and kinds, flags, related tickets) and the audit trail, which gains a `ticket.purged`
item. Pure: no clock, no storage.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from aduan.models import CitizenIdentity, HistoryEntry, Ticket

REMOVED = "dihapus"
#: The ticket fields whose content a purge removes (named in the `ticket.purged` audit item).
PURGED_FIELDS = (
    "citizen",
    "conversation_key",
    "messages.text",
    "messages.location",
    "messages.media",
    "location",
    "history.details",
)


def cutoff(now: datetime, retention_days: int) -> datetime:
    """Tickets finished before this moment are due for purging."""
    return now - timedelta(days=retention_days)


def redact(ticket: Ticket) -> Ticket:
    """The ticket without personal data (idempotent: redacting a redacted ticket changes nothing)."""
    messages = tuple(m.model_copy(update={"text": "", "location": None, "media": ()}) for m in ticket.messages)
    history = tuple(HistoryEntry(at=h.at, actor=h.actor, action=h.action, detail="", data={}) for h in ticket.history)
    return ticket.model_copy(
        update={
            "citizen": CitizenIdentity(channel=ticket.citizen.channel, platform_id=REMOVED),
            "conversation_key": f"{ticket.channel.value}#{REMOVED}",
            "messages": messages,
            "location": None,
            "history": history,
        }
    )


def is_redacted(ticket: Ticket) -> bool:
    return ticket.citizen.platform_id == REMOVED and not any(m.text or m.location or m.media for m in ticket.messages)
