"""A citizen's message after their ticket was resolved: reopen, keep as a remark, or start anew (pure)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from aduan.models import GeoPoint, TicketStatus
from aduan.services.reopen import reopened_by_citizen
from aduan.tickets import Placement, add_remark, open_ticket, own_triage, place, reopen_with
from tests.unit.test_tickets import NOW, THANKS, THEFT, WINDOW, message

LATER = NOW + timedelta(hours=2)


def resolved(status: TicketStatus = TicketStatus.SELESAI):  # type: ignore[no-untyped-def]
    ticket = open_ticket(message(THEFT), "K7M-4QX", NOW)
    return ticket.model_copy(update={"status": status, "updated_at": NOW + timedelta(hours=1)})


def placement(text: str, at=LATER, status: TicketStatus = TicketStatus.SELESAI, **extra):  # type: ignore[no-untyped-def]
    follow_up = message(text, "m2", at).model_copy(update=extra)
    return place(resolved(status), follow_up, own_triage(follow_up), WINDOW, flooding=False)


@pytest.mark.parametrize("text", ["pelakunya datang lagi", "motor saya belum ketemu", "Pak, helmnya juga hilang"])
def test_a_follow_up_that_adds_to_the_report_reopens(text: str) -> None:
    assert placement(text) is Placement.REOPEN


@pytest.mark.parametrize("text", ["terima kasih", "makasih pak", "5", "👍", "ok siap", THANKS])
def test_thanks_and_ratings_join_without_reopening(text: str) -> None:
    assert placement(text) is Placement.REMARK


def test_a_location_pin_reopens() -> None:
    assert placement("", kind="location", location=GeoPoint(lat=-7.98, lon=112.62)) is Placement.REOPEN


def test_past_the_window_or_after_closing_a_message_starts_anew() -> None:
    assert (
        placement("pelakunya datang lagi", at=NOW + timedelta(hours=1) + WINDOW + timedelta(minutes=1)) is Placement.NEW
    )
    assert placement("pelakunya datang lagi", status=TicketStatus.DITUTUP) is Placement.NEW
    assert placement("terima kasih", status=TicketStatus.DITUTUP) is Placement.NEW


def test_reopening_sets_the_ticket_back_to_baru_with_the_message_and_says_who() -> None:
    before = resolved()
    after = reopen_with(before, message("pelakunya datang lagi bawa senjata tajam", "m2", LATER), LATER)
    assert after.status is TicketStatus.BARU and len(after.messages) == 2 and after.version == before.version + 1
    assert after.history[-1].action == "dibuka_kembali" and after.history[-1].actor == "warga"
    assert reopened_by_citizen(before, after)


def test_a_remark_keeps_the_ticket_resolved_and_its_triage() -> None:
    before = resolved()
    after = add_remark(before, message("5", "m2", LATER), LATER)
    assert after.status is TicketStatus.SELESAI and after.triage == before.triage and len(after.messages) == 2
    assert after.history[-1].action == "pesan_penutup"
    assert not reopened_by_citizen(before, after)
    # An officer's reopening adds no message: not the citizen's (the API already reopened the workflow).
    assert not reopened_by_citizen(before, before.model_copy(update={"status": TicketStatus.BARU}))
