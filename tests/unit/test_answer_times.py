"""Answer-time samples from audit items (pure)."""

from __future__ import annotations

from typing import Any

from aduan.domain.answer_times import TIME_TO_ACKNOWLEDGE, TIME_TO_RESOLVE, samples

SLA = {"clock_started_at": "2026-11-28T03:00:00+00:00", "priority": "darurat", "channel": "x", "unit": "sukun"}
DIMS = {"priority": "darurat", "channel": "x", "unit": "sukun"}


def audit(
    event: str, from_status: str, to_status: str, at: str = "2026-11-28T03:04:30.000000Z", **details: Any
) -> dict[str, Any]:
    return {
        "event": event,
        "from_status": from_status,
        "to_status": to_status,
        "at": at,
        "details": {"sla": SLA, **details},
    }


def test_acknowledgement_is_measured_from_the_clock_start() -> None:
    [sample] = samples(audit("ticket.acknowledged", "baru", "diterima"))
    assert (sample.name, sample.seconds, sample.dimensions) == (TIME_TO_ACKNOWLEDGE, 270.0, DIMS)


def test_resolving_straight_from_baru_is_both_answers() -> None:
    found = samples(audit("ticket.resolved", "baru", "selesai", note="x"))
    assert [(s.name, s.seconds) for s in found] == [(TIME_TO_ACKNOWLEDGE, 270.0), (TIME_TO_RESOLVE, 270.0)]


def test_later_steps_measure_only_what_they_end() -> None:
    assert [s.name for s in samples(audit("ticket.resolved", "ditangani", "selesai"))] == [TIME_TO_RESOLVE]
    assert samples(audit("ticket.assigned", "diterima", "ditangani")) == []
    assert [s.name for s in samples(audit("ticket.closed", "baru", "ditutup"))] == [TIME_TO_ACKNOWLEDGE]


def test_other_items_give_nothing() -> None:
    assert samples(audit("ticket.escalated", "baru", "baru")) == []
    assert samples(audit("ticket.reopened", "selesai", "baru")) == []
    assert samples({"event": "ticket.acknowledged", "from_status": "baru", "to_status": "diterima", "at": "x"}) == []
