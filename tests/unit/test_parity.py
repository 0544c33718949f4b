"""The parity report's arithmetic: medians, buckets, audit times, ratios and the seeded bootstrap."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from aduan.adapters.workflow_store import iso, parse_iso
from aduan.domain.engagement import Bucket, EngagementCounts, bucket_of, score
from aduan.domain.parity import MIN_SIDE, ReportTimes, median, parity, percentile, ratio, times_from_audit
from aduan.domain.watchdog import WIB

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
END = T0 + timedelta(days=30)


def report(no: int, priority: str, engagement: int | None, ack_minutes: float | None, **kw: object) -> ReportTimes:
    created = T0 + timedelta(hours=no)
    acked = created + timedelta(minutes=ack_minutes) if ack_minutes is not None else None
    return ReportTimes(
        ticket_no=f"T{no:04d}",
        priority=priority,
        channel=str(kw.get("channel", "x")),
        unit=str(kw.get("unit", "klojen")),
        engagement=engagement,
        created_at=created,
        acknowledged_at=acked,
        resolved_at=acked + timedelta(hours=1) if acked else None,
    )


def test_median_and_percentile() -> None:
    assert median([]) is None
    assert median([5.0]) == 5.0
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 90) == pytest.approx(4.6)
    assert percentile([7.0], 90) == 7.0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, Bucket.NONE),
        (0, Bucket.NONE),
        (1, Bucket.LOW),
        (49, Bucket.LOW),
        (50, Bucket.HIGH),
        (999, Bucket.HIGH),
        (1000, Bucket.VIRAL),
        (50_000, Bucket.VIRAL),
    ],
)
def test_buckets(value: int | None, expected: Bucket) -> None:
    assert bucket_of(value) is expected


def test_score_is_the_highest_sample_without_views() -> None:
    samples = [EngagementCounts(likes=3, reposts=1), EngagementCounts(likes=40, replies=5, views=90_000)]
    assert score(samples) == 45
    assert score([]) is None


def test_times_from_audit_take_the_first_answer_of_the_first_round() -> None:
    at = lambda minutes: iso(T0 + timedelta(minutes=minutes))  # noqa: E731
    items = [
        {"event": "ticket.content_read", "at": at(1)},
        {"event": "ticket.created", "at": at(0)},
        {"event": "ticket.assigned", "at": at(7)},  # assigning first stops the acknowledgement clock
        {"event": "ticket.acknowledged", "at": at(9)},
        {"event": "ticket.resolved", "at": at(60)},
        {"event": "ticket.reopened", "at": at(70)},
        {"event": "ticket.resolved", "at": at(300)},
    ]
    times = times_from_audit(items, parse_iso)
    assert times.created_at == T0
    assert times.acknowledged_at == T0 + timedelta(minutes=7)
    assert times.resolved_at == T0 + timedelta(minutes=60)


def test_ratio_is_low_over_high_and_one_at_parity() -> None:
    assert ratio([10.0, 20.0, 30.0], [10.0, 20.0, 30.0]) == 1.0
    assert ratio([60.0, 60.0], [30.0]) == 2.0
    assert ratio([], [1.0]) is None


def test_parity_finds_a_gap_within_a_priority_and_its_interval_excludes_one() -> None:
    reports = [report(i, "tinggi", 0, 30 + i % 5) for i in range(20)]  # quiet reports: ~32 min
    reports += [report(100 + i, "tinggi", 5000, 10 + i % 5) for i in range(20)]  # viral: ~12 min
    result = parity(reports, T0, END, resamples=300, seed=1)
    tinggi = next(r for r in result.by_priority if r.priority == "tinggi")
    assert tinggi.ratio == pytest.approx(32 / 12)
    assert tinggi.ci_low is not None and tinggi.ci_low > 1.0
    assert result.combined.ratio == pytest.approx(32 / 12)


def test_parity_is_one_when_engagement_does_not_matter_and_the_interval_covers_one() -> None:
    reports = [report(i, "sedang", 0 if i % 2 else 800, 20 + (i * 7) % 13) for i in range(60)]
    result = parity(reports, T0, END, resamples=400, seed=3)
    assert result.combined.ci_low is not None and result.combined.ci_high is not None
    assert result.combined.ci_low <= 1.0 <= result.combined.ci_high


def test_combined_ratio_does_not_mistake_the_priority_mix_for_a_gap() -> None:
    # Viral reports are mostly darurat (answered fast), quiet ones mostly rendah (answered slowly), but within
    # each priority both are answered alike: the combined ratio is 1, a pooled median would say 10.
    reports = [report(i, "darurat", 5000, 5) for i in range(30)] + [report(30 + i, "darurat", 0, 5) for i in range(3)]
    reports += [report(100 + i, "rendah", 0, 50) for i in range(30)] + [
        report(130 + i, "rendah", 2000, 50) for i in range(3)
    ]
    result = parity(reports, T0, END, resamples=200, seed=5)
    assert result.combined.ratio == pytest.approx(1.0)


def test_bootstrap_is_seeded() -> None:
    reports = [report(i, "tinggi", (10, 900)[i % 2], 5 + (i * 11) % 40) for i in range(50)]
    first = parity(reports, T0, END, resamples=200, seed=9).combined
    again = parity(reports, T0, END, resamples=200, seed=9).combined
    other = parity(reports, T0, END, resamples=200, seed=10).combined
    assert (first.ci_low, first.ci_high) == (again.ci_low, again.ci_high)
    assert (first.ci_low, first.ci_high) != (other.ci_low, other.ci_high)


def test_a_report_still_waiting_counts_with_its_wait_so_far() -> None:
    reports = [report(i, "tinggi", 0, None) for i in range(MIN_SIDE)] + [
        report(10 + i, "tinggi", 900, 10) for i in range(MIN_SIDE)
    ]
    result = parity(reports, T0, END, resamples=100, seed=1)
    tinggi = next(r for r in result.by_priority if r.priority == "tinggi")
    assert tinggi.ratio is not None and tinggi.ratio > 100  # waiting for weeks against 10 minutes
    bucket_none = next(g for g in result.groups if g.dimension == "bucket" and g.value == "none")
    assert bucket_none.waiting == MIN_SIDE


def test_too_few_on_a_side_gives_no_ratio_and_says_so() -> None:
    result = parity([report(1, "tinggi", 0, 5), report(2, "tinggi", 5000, 5)], T0, END, resamples=100)
    assert result.combined.ratio is None
    assert result.notes
    assert parity([], T0, END).notes == ("no reports in the period",)


def test_groups_and_csv_cover_every_dimension() -> None:
    reports = [
        report(i, "tinggi", i * 20, 10, channel=("x", "instagram")[i % 2], unit=("klojen", "sukun")[i % 2])
        for i in range(8)
    ]
    result = parity(reports, T0, END, resamples=100)
    dims = {(g.dimension, g.value) for g in result.groups}
    assert {("channel", "x"), ("channel", "instagram"), ("unit", "sukun"), ("priority", "tinggi")} <= dims
    assert {("bucket", "none"), ("bucket", "high"), ("bucket", "low")} <= dims
    rows = list(csv.DictReader(io.StringIO(result.csv())))
    assert {r["section"] for r in rows} == {"times", "parity"}
    assert rows[0]["ack_median_min"] == "10"
    body = result.to_dict()
    assert body["buckets"]["viral"] == ">= 1000"
    assert set(body["groups"]) == {"priority", "channel", "unit", "bucket"}


def test_the_demo_rhythm_has_whatsapp_busiest_at_every_hour_of_the_week_and_a_quiet_night() -> None:
    from devstack.parity_seed import CHANNELS, channel_rate

    monday = datetime(2026, 11, 30, tzinfo=WIB)  # a Monday, 00:00 WIB
    hours = [monday + timedelta(hours=h) for h in range(168)]
    for hour in hours:  # the e2e silences WhatsApp whatever the hour it runs at
        rates = {channel: channel_rate(channel, hour) for channel in CHANNELS}
        assert max(rates, key=lambda c: rates[c]) == "whatsapp" and min(rates.values()) > 0
    whatsapp = [channel_rate("whatsapp", hour) for hour in hours]
    assert min(whatsapp) * 10 < max(whatsapp)  # nights are quiet, evenings busy
    saturday_night, tuesday_night = monday + timedelta(days=5, hours=20), monday + timedelta(days=1, hours=20)
    assert channel_rate("tiktok", saturday_night) > channel_rate("tiktok", tuesday_night)
