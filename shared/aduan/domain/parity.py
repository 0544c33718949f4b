"""The parity report: is a report answered as fast with five likes as with five thousand?

For a period, time to acknowledge and time to resolve by priority, channel, unit and engagement bucket, and
the **parity ratio**: the median time to acknowledge of low-engagement reports (buckets `none` and `low`)
over that of high-engagement ones (`high` and `viral`), within each priority and combined. 1.0 is parity;
above 1 the quiet reports wait longer. Each ratio has a bootstrap confidence interval (percentile method,
resampling each side of each priority with replacement, a seeded generator: the same data and seed give the
same interval).

Where the times come from (`times_from_audit`): the ticket's audit items. Created is the `ticket.created`
item; acknowledged is the first answer after it (`ticket.acknowledged`, or an `assigned`, `resolved` or
`closed` that came first: each stops the acknowledgement clock); resolved is the first `ticket.resolved`.
A reopened ticket is measured on its first round. A report nobody has acknowledged yet is counted with the
time it has waited so far (to the end of the period): a lower bound, so a report left unanswered pushes its
side's median up instead of dropping out of it.

Combined ratio: the weighted geometric mean of the per-priority ratios, weighted by the number of reports
in the priority (both sides), over the priorities where each side has at least `MIN_SIDE` reports. Pooling
every report instead would mix priorities: if viral reports are more often `darurat` (answered in minutes),
a pooled ratio would show a gap that is only the priority mix.

Pure: no clock, no storage.
"""

from __future__ import annotations

import csv
import io
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aduan.domain.engagement import HIGH_SIDE, LOW_SIDE, Bucket, bucket_of, thresholds

PRIORITIES = ("darurat", "tinggi", "sedang", "rendah")
DIMENSIONS = ("priority", "channel", "unit", "bucket")
MIN_SIDE = 3  # reports on each side of a priority before its ratio is estimated
DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 14
ALARM_RATIO = 1.2  # the daily metric's alarm threshold (template: ParityRatioAlarm)

ANSWER_EVENTS = frozenset({"ticket.acknowledged", "ticket.assigned", "ticket.resolved", "ticket.closed"})


@dataclass(frozen=True, slots=True)
class ReportTimes:
    """One report's facts for the parity report."""

    ticket_no: str
    priority: str
    channel: str
    unit: str
    engagement: int | None  # the highest interaction count sampled; None: no public engagement
    created_at: datetime
    acknowledged_at: datetime | None = None
    resolved_at: datetime | None = None

    @property
    def bucket(self) -> Bucket:
        return bucket_of(self.engagement)

    def ack_seconds(self, period_end: datetime) -> float:
        """Time to acknowledge; for a report still waiting, the time it has waited by `period_end`."""
        end = self.acknowledged_at or period_end
        return max(0.0, (end - self.created_at).total_seconds())

    def resolve_seconds(self) -> float | None:
        if self.resolved_at is None:
            return None
        return max(0.0, (self.resolved_at - self.created_at).total_seconds())

    def value(self, dimension: str) -> str:
        if dimension == "bucket":
            return self.bucket.value
        return str(getattr(self, dimension))


@dataclass(frozen=True, slots=True)
class AuditTimes:
    created_at: datetime | None
    acknowledged_at: datetime | None
    resolved_at: datetime | None


def times_from_audit(items: Iterable[Mapping[str, Any]], parse: Any) -> AuditTimes:
    """Created, first answer and first resolution from a ticket's audit items (`event`, `at`), first round only.

    `parse` turns a stored time into a datetime (the workflow store's format)."""
    events = sorted((parse(item["at"]), str(item.get("event", ""))) for item in items if item.get("at"))
    created = acknowledged = resolved = None
    for at, event in events:
        if event == "ticket.created" and created is None:
            created = at
        elif created is None:
            continue
        elif event == "ticket.reopened":
            break  # the first round ends here
        elif event in ANSWER_EVENTS:
            acknowledged = acknowledged or at
            if event == "ticket.resolved":
                resolved = resolved or at
    return AuditTimes(created, acknowledged, resolved)


# ------------------------------------------------------------------------------------------------ statistics
def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0..100), linear between closest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ratio(low: Sequence[float], high: Sequence[float]) -> float | None:
    """median(low) / median(high); None when a side is empty; a zero high median is floored at 1 s."""
    m_low, m_high = median(low), median(high)
    if m_low is None or m_high is None:
        return None
    return max(m_low, 1.0) / max(m_high, 1.0)


def combine(ratios: Sequence[tuple[float, int]]) -> float | None:
    """The weighted geometric mean of (ratio, weight) pairs."""
    total = sum(weight for _, weight in ratios)
    if not ratios or total <= 0:
        return None
    return math.exp(sum(math.log(r) * weight for r, weight in ratios) / total)


@dataclass(frozen=True, slots=True)
class RatioEstimate:
    priority: str  # one of PRIORITIES, or "all" (combined)
    ratio: float | None
    ci_low: float | None
    ci_high: float | None
    low_reports: int
    high_reports: int
    low_median_s: float | None
    high_median_s: float | None

    @property
    def estimated(self) -> bool:
        return self.ratio is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "priority": self.priority,
            "ratio": _round(self.ratio, 3),
            "ci95": [_round(self.ci_low, 3), _round(self.ci_high, 3)] if self.ci_low is not None else None,
            "low_engagement_reports": self.low_reports,
            "high_engagement_reports": self.high_reports,
            "low_median_ack_minutes": _minutes(self.low_median_s),
            "high_median_ack_minutes": _minutes(self.high_median_s),
        }


@dataclass(frozen=True, slots=True)
class GroupStats:
    dimension: str
    value: str
    reports: int
    waiting: int  # not acknowledged by the end of the period
    ack_median_s: float | None
    ack_p90_s: float | None
    resolved: int
    resolve_median_s: float | None
    resolve_p90_s: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension,
            "value": self.value,
            "reports": self.reports,
            "waiting": self.waiting,
            "ack_median_minutes": _minutes(self.ack_median_s),
            "ack_p90_minutes": _minutes(self.ack_p90_s),
            "resolved": self.resolved,
            "resolve_median_minutes": _minutes(self.resolve_median_s),
            "resolve_p90_minutes": _minutes(self.resolve_p90_s),
        }


@dataclass(frozen=True, slots=True)
class ParityReport:
    period_start: datetime
    period_end: datetime
    reports: int
    groups: tuple[GroupStats, ...]
    by_priority: tuple[RatioEstimate, ...]
    combined: RatioEstimate
    resamples: int
    seed: int
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": {"from": self.period_start.isoformat(), "to": self.period_end.isoformat()},
            "reports": self.reports,
            "parity": {
                "combined": self.combined.to_dict(),
                "by_priority": [estimate.to_dict() for estimate in self.by_priority],
                "alarm_above": ALARM_RATIO,
                "method": "median time to acknowledge, buckets none+low over high+viral; "
                f"bootstrap 95% interval, {self.resamples} resamples, seed {self.seed}",
            },
            "buckets": thresholds(),
            "groups": {
                dimension: [g.to_dict() for g in self.groups if g.dimension == dimension] for dimension in DIMENSIONS
            },
            "notes": list(self.notes),
        }

    def csv(self) -> str:
        """Every group's figures, then every ratio, as one CSV table (minutes)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            [
                "section",
                "dimension",
                "value",
                "reports",
                "waiting",
                "ack_median_min",
                "ack_p90_min",
                "resolved",
                "resolve_median_min",
                "resolve_p90_min",
                "parity_ratio",
                "ci95_low",
                "ci95_high",
            ]
        )
        for g in self.groups:
            writer.writerow(
                [
                    "times",
                    g.dimension,
                    g.value,
                    g.reports,
                    g.waiting,
                    _cell(_minutes(g.ack_median_s)),
                    _cell(_minutes(g.ack_p90_s)),
                    g.resolved,
                    _cell(_minutes(g.resolve_median_s)),
                    _cell(_minutes(g.resolve_p90_s)),
                    "",
                    "",
                    "",
                ]
            )
        for r in (*self.by_priority, self.combined):
            writer.writerow(
                [
                    "parity",
                    "priority",
                    r.priority,
                    r.low_reports + r.high_reports,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    _cell(_round(r.ratio, 3)),
                    _cell(_round(r.ci_low, 3)),
                    _cell(_round(r.ci_high, 3)),
                ]
            )
        return out.getvalue()


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def _cell(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


# ------------------------------------------------------------------------------------------------ the report
def group_stats(reports: Sequence[ReportTimes], period_end: datetime) -> list[GroupStats]:
    out: list[GroupStats] = []
    for dimension in DIMENSIONS:
        values: dict[str, list[ReportTimes]] = {}
        for report in reports:
            values.setdefault(report.value(dimension), []).append(report)
        order = _order(dimension, values)
        for value in order:
            members = values[value]
            acks = [r.ack_seconds(period_end) for r in members]
            resolves = [s for s in (r.resolve_seconds() for r in members) if s is not None]
            out.append(
                GroupStats(
                    dimension=dimension,
                    value=value,
                    reports=len(members),
                    waiting=sum(1 for r in members if r.acknowledged_at is None),
                    ack_median_s=median(acks),
                    ack_p90_s=percentile(acks, 90),
                    resolved=len(resolves),
                    resolve_median_s=median(resolves),
                    resolve_p90_s=percentile(resolves, 90),
                )
            )
    return out


def _order(dimension: str, values: Mapping[str, Any]) -> list[str]:
    fixed = {"priority": PRIORITIES, "bucket": tuple(b.value for b in Bucket)}.get(dimension)
    if fixed is None:
        return sorted(values)
    return [v for v in fixed if v in values] + sorted(v for v in values if v not in fixed)


def _sides(reports: Sequence[ReportTimes], period_end: datetime) -> dict[str, tuple[list[float], list[float]]]:
    sides: dict[str, tuple[list[float], list[float]]] = {p: ([], []) for p in PRIORITIES}
    for report in reports:
        low, high = sides.setdefault(report.priority, ([], []))
        seconds = report.ack_seconds(period_end)
        if report.bucket in LOW_SIDE:
            low.append(seconds)
        elif report.bucket in HIGH_SIDE:
            high.append(seconds)
    return sides


def _estimable(low: Sequence[float], high: Sequence[float]) -> bool:
    return len(low) >= MIN_SIDE and len(high) >= MIN_SIDE


def _point(sides: Mapping[str, tuple[Sequence[float], Sequence[float]]]) -> tuple[dict[str, float], float | None]:
    per: dict[str, float] = {}
    weighted: list[tuple[float, int]] = []
    for priority, (low, high) in sides.items():
        if _estimable(low, high):
            value = ratio(low, high)
            if value is not None:
                per[priority] = value
                weighted.append((value, len(low) + len(high)))
    return per, combine(weighted)


def parity(
    reports: Sequence[ReportTimes],
    period_start: datetime,
    period_end: datetime,
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> ParityReport:
    """The parity report over `reports` (those created in the period)."""
    sides = _sides(reports, period_end)
    per, combined = _point(sides)
    rng = random.Random(seed)  # noqa: S311 - a statistical resample, not a secret
    boot: dict[str, list[float]] = {p: [] for p in sides}
    boot_all: list[float] = []
    if per:
        for _ in range(resamples):
            resampled = {
                p: ([rng.choice(low) for _ in low], [rng.choice(high) for _ in high]) if p in per else ([], [])
                for p, (low, high) in sides.items()
            }
            r_per, r_all = _point(resampled)
            for p, value in r_per.items():
                boot[p].append(value)
            if r_all is not None:
                boot_all.append(r_all)

    def estimate(
        priority: str, low: Sequence[float], high: Sequence[float], point: float | None, draws: list[float]
    ) -> RatioEstimate:
        return RatioEstimate(
            priority=priority,
            ratio=point,
            ci_low=percentile(draws, 2.5) if point is not None else None,
            ci_high=percentile(draws, 97.5) if point is not None else None,
            low_reports=len(low),
            high_reports=len(high),
            low_median_s=median(low),
            high_median_s=median(high),
        )

    by_priority = tuple(
        estimate(p, sides[p][0], sides[p][1], per.get(p), boot.get(p, [])) for p in _order("priority", sides)
    )
    all_low = [s for p in per for s in sides[p][0]]
    all_high = [s for p in per for s in sides[p][1]]
    notes: list[str] = []
    if not reports:
        notes.append("no reports in the period")
    elif combined is None:
        notes.append(f"too few high-engagement reports: each side of a priority needs {MIN_SIDE}")
    return ParityReport(
        period_start=period_start,
        period_end=period_end,
        reports=len(reports),
        groups=tuple(group_stats(reports, period_end)),
        by_priority=by_priority,
        combined=estimate("all", all_low, all_high, combined, boot_all),
        resamples=resamples,
        seed=seed,
        notes=tuple(notes),
    )
