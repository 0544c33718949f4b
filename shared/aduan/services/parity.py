"""The parity report as a use case: read the period's reports, compute, and the daily metric's figure."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from aduan.domain.parity import DEFAULT_RESAMPLES, DEFAULT_SEED, ParityReport, ReportTimes, parity

ROLLING_DAYS = 30


class ReportSource(Protocol):
    def reports(self, start: datetime, end: datetime) -> list[ReportTimes]: ...


class ReportShelf(Protocol):
    def save(self, report: ParityReport, computed_at: datetime) -> bool: ...


class ParityService:
    def __init__(self, source: ReportSource) -> None:
        self.source = source

    def report(
        self, start: datetime, end: datetime, *, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED
    ) -> ParityReport:
        return parity(self.source.reports(start, end), start, end, resamples=resamples, seed=seed)

    def rolling(self, now: datetime, days: int = ROLLING_DAYS, resamples: int = DEFAULT_RESAMPLES) -> ParityReport:
        """The rolling report the daily metric publishes: the `days` days to `now`."""
        return self.report(now - timedelta(days=days), now, resamples=resamples)

    def refresh(self, shelf: ReportShelf, now: datetime, days: int = ROLLING_DAYS) -> ParityReport:
        """Compute the rolling report and store it for the API (the daily function; `make parity`)."""
        report = self.rolling(now, days)
        shelf.save(report, now)
        return report
