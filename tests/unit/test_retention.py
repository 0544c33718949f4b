"""What a purge removes from a finished ticket, and what it keeps (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aduan.domain.retention import cutoff, is_redacted, redact
from aduan.models import GeoPoint, TicketStatus
from aduan.tickets import add_follow_up, open_ticket
from tests.unit.test_tickets import NOW, THEFT, message


def test_redaction_removes_who_and_what_and_keeps_the_facts() -> None:
    ticket = open_ticket(message(THEFT), "K7M-4QX", NOW)
    pin = message("", "m2", NOW + timedelta(minutes=1)).model_copy(
        update={"kind": "location", "location": GeoPoint(lat=-7.98, lon=112.62, name="Rumah Bu Sri")}
    )
    ticket = add_follow_up(ticket, pin, NOW + timedelta(minutes=1)).model_copy(update={"status": TicketStatus.SELESAI})
    purged = redact(ticket)
    text = purged.model_dump_json()
    assert "motor saya" not in text and "citizen-1" not in text and "Rumah Bu Sri" not in text
    assert purged.location is None and all(m.location is None and not m.text for m in purged.messages)
    # The facts stay: number, channel, status, triage, times, how many messages of which kinds.
    assert (purged.ticket_no, purged.channel, purged.status, purged.triage) == (
        ticket.ticket_no,
        ticket.channel,
        ticket.status,
        ticket.triage,
    )
    assert [m.kind for m in purged.messages] == ["text", "location"] and purged.created_at == ticket.created_at
    assert [h.action for h in purged.history] == [h.action for h in ticket.history]
    assert is_redacted(purged) and not is_redacted(ticket)
    assert redact(purged) == purged  # idempotent


def test_cutoff_is_the_retention_period_before_now() -> None:
    now = datetime(2026, 12, 2, tzinfo=UTC)
    assert cutoff(now, 365) == datetime(2025, 12, 2, tzinfo=UTC)
