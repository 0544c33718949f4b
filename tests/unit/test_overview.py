"""The overview's arithmetic: overdue per unit, today's acknowledgements (WIB day), medians, visibility."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aduan.adapters.workflow_store import WorkflowState
from aduan.domain.access import Principal
from aduan.domain.workflow import Subject
from aduan.models import TicketStatus
from aduan.services.overview import overview, start_of_day

NOW = datetime(2026, 3, 10, 5, 0, tzinfo=UTC)  # 12:00 WIB
PIKET = Principal("polresta-01", frozenset({"piket"}))
SUKUN = Principal("sukun-01", frozenset({"polsek_sukun"}))


def state(
    no: str,
    *,
    priority: str = "darurat",
    area: str | None = "sukun",
    category: str = "kecelakaan",
    channel: str = "whatsapp",
    started: datetime,
    acked_after: timedelta | None = None,
    ack_within: timedelta = timedelta(minutes=5),
) -> WorkflowState:
    acked = started + acked_after if acked_after is not None else None
    return WorkflowState(
        subject=Subject.ticket(no),
        status=TicketStatus.DITERIMA if acked else TicketStatus.BARU,
        priority=priority,
        category=category,
        area=area,
        channel=channel,
        sensitive=category == "kdrt_ppa",
        unit=area or "polresta",
        created_at=started,
        clock_started_at=started,
        ack_due_at=started + ack_within,
        resolve_due_at=started + timedelta(hours=2),
        step=0,
        escalation_due=None,
        acknowledged_by="x" if acked else None,
        acknowledged_at=acked,
        assignee=None,
        updated_at=started,
        finished_at=None,
        version=1,
    )


def test_the_day_starts_at_midnight_wib() -> None:
    assert start_of_day(NOW) == datetime(2026, 3, 9, 17, 0, tzinfo=UTC)
    assert start_of_day(datetime(2026, 3, 9, 17, 30, tzinfo=UTC)) == datetime(2026, 3, 9, 17, 0, tzinfo=UTC)


def test_overdue_per_unit_and_medians_per_priority_and_channel() -> None:
    items = [
        state("AAA-001", started=NOW - timedelta(minutes=10)),  # unacknowledged, 5 min deadline: overdue
        state("AAA-002", started=NOW - timedelta(minutes=2)),  # within its deadline
        state("AAA-003", started=NOW - timedelta(hours=1), acked_after=timedelta(minutes=2)),
        state("AAA-004", started=NOW - timedelta(hours=1), acked_after=timedelta(minutes=6), channel="instagram"),
        state("AAA-005", started=NOW - timedelta(hours=1), acked_after=timedelta(minutes=10), area="klojen"),
        # acknowledged yesterday (WIB): not in today's medians
        state("AAA-006", started=NOW - timedelta(hours=20), acked_after=timedelta(minutes=1), priority="tinggi"),
    ]
    seen = overview(PIKET, items, [], NOW)
    units = {row["unit"]: row for row in seen["units"]}
    # AAA-001 missed its acknowledgement deadline, AAA-006 its 2-hour resolution target.
    assert units["sukun"] == {"unit": "sukun", "open": 5, "overdue": 2, "unacknowledged": 2}
    assert units["klojen"]["open"] == 1 and units["klojen"]["overdue"] == 0
    assert seen["totals"] == {"open": 6, "overdue": 2, "acknowledged_today": 3}
    assert seen["ack_today"]["by_priority"] == [{"key": "darurat", "count": 3, "median_minutes": 6.0}]
    assert seen["ack_today"]["by_channel"] == [
        {"key": "instagram", "count": 1, "median_minutes": 6.0},
        {"key": "whatsapp", "count": 2, "median_minutes": 6.0},
    ]


def test_a_finished_ticket_acknowledged_today_counts_and_a_polsek_sees_only_its_area() -> None:
    done = state("BBB-001", started=NOW - timedelta(hours=2), acked_after=timedelta(minutes=4), priority="tinggi")
    elsewhere = state("BBB-002", started=NOW - timedelta(minutes=30), area="klojen")
    ppa = state("BBB-003", started=NOW - timedelta(minutes=30), category="kdrt_ppa")
    seen = overview(PIKET, [elsewhere, ppa], [done], NOW)
    assert seen["ack_today"]["by_priority"] == [{"key": "tinggi", "count": 1, "median_minutes": 4.0}]
    assert seen["totals"]["open"] == 2  # piket counts the PPA case (its existence and SLA are not withheld)
    sukun = overview(SUKUN, [elsewhere, ppa], [done], NOW)
    assert sukun["totals"] == {"open": 0, "overdue": 0, "acknowledged_today": 1}
