"""Who the demo roster has on duty, for tests whose alerts depend on the time of day.

The demo officers work real shifts (`-01` 07:00-19:00 WIB, `-02` 19:00-07:00), so which of a unit's
officers an alert reaches depends on when the test runs. `DutyWindow` notes when a test starts; its
expectations are the recipients on duty at the start or at the moment of asserting (a shift change can fall
between the two, never twice within one test), so the assertion is exact whenever the test runs.
"""

from __future__ import annotations

from datetime import datetime

from aduan.alerts import on_duty
from aduan.models import utcnow
from devstack.seed import demo_roster


def on_duty_at(*units: str, at: datetime) -> list[str]:
    """The officer ids of `units` on shift at `at`, in roster order."""
    return [o.officer_id for o in on_duty([o for o in demo_roster() if o.unit in units], at)]


def phones_at(*units: str, at: datetime) -> list[str]:
    ids = set(on_duty_at(*units, at=at))
    return sorted(o.phone for o in demo_roster() if o.officer_id in ids)


class DutyWindow:
    """From a test's start to now: the sets of recipients an alert sent in between may have reached."""

    def __init__(self) -> None:
        self.start = utcnow()

    def _moments(self) -> tuple[datetime, datetime]:
        return self.start, utcnow()

    def phones(self, *units: str) -> list[list[str]]:
        """The sorted SMS phone lists possible for one alert to `units` (officers on duty at either end)."""
        return [phones_at(*units, at=moment) for moment in self._moments()]

    def officer_ids(self, *units: str) -> list[set[str]]:
        return [set(on_duty_at(*units, at=moment)) for moment in self._moments()]

    def phone(self, unit: str) -> set[str]:
        """Any phone of `unit` on duty at either end (one unit, one officer on shift)."""
        return {p for moment in self._moments() for p in phones_at(unit, at=moment)}
