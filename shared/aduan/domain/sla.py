"""SLA clocks and the escalation ladder.

Each priority has an acknowledgement deadline and a resolution target. A subject (a ticket, later an
incident) not acknowledged by its deadline climbs the ladder, one rung per deadline interval:

| step | when (after the clock starts) | who |
|---|---|---|
| 0 | at once (the notifier's first alert) | the unit's officers on duty |
| 1 | 1 x the acknowledgement deadline | the unit's supervisor (kanit / kapolsek) |
| 2 | 2 x | the Polresta duty commander |
| 3, 4, ... | every further interval, until acknowledged | the duty commander again |

`SLA_SPEEDUP` divides every duration (locally, `60` makes a minute last a second). Pure: the caller
passes the time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

PRIORITIES = ("darurat", "tinggi", "sedang", "rendah")
DEFAULT_ACK = {
    "darurat": timedelta(minutes=5),
    "tinggi": timedelta(minutes=15),
    "sedang": timedelta(hours=4),
    "rendah": timedelta(hours=24),
}
DEFAULT_RESOLVE = {
    "darurat": timedelta(hours=2),
    "tinggi": timedelta(hours=24),
    "sedang": timedelta(hours=72),
    "rendah": timedelta(hours=168),
}


class Rung(StrEnum):
    OFFICERS_ON_DUTY = "petugas_jaga"
    SUPERVISOR = "atasan_unit"
    COMMANDER = "perwira_piket"


RUNG_LABELS = {
    Rung.OFFICERS_ON_DUTY: "petugas jaga",
    Rung.SUPERVISOR: "atasan unit",
    Rung.COMMANDER: "perwira piket Polresta",
}


def rung(step: int) -> Rung:
    """Who step `step` of the ladder reaches; the last rung repeats."""
    if step <= 0:
        return Rung.OFFICERS_ON_DUTY
    if step == 1:
        return Rung.SUPERVISOR
    return Rung.COMMANDER


def parse_durations(text: str, unit: timedelta, defaults: Mapping[str, timedelta]) -> dict[str, timedelta]:
    """`"darurat=5,tinggi=15"` in `unit`s, over the defaults; `ValueError` for an unknown priority or a bad number."""
    result = dict(defaults)
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        name = name.strip()
        if name not in PRIORITIES:
            raise ValueError(f"unknown priority {name!r} in SLA setting")
        amount = float(value)
        if amount <= 0:
            raise ValueError(f"SLA duration for {name} must be positive")
        result[name] = unit * amount
    return result


@dataclass(frozen=True, slots=True)
class SlaPolicy:
    ack: Mapping[str, timedelta] = field(default_factory=lambda: dict(DEFAULT_ACK))
    resolve: Mapping[str, timedelta] = field(default_factory=lambda: dict(DEFAULT_RESOLVE))
    speedup: float = 1.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> SlaPolicy:
        """`SLA_ACK_MINUTES`, `SLA_RESOLVE_HOURS` (`darurat=5,tinggi=15,...`) and `SLA_SPEEDUP`."""
        env = os.environ if environ is None else environ
        speedup = float(env.get("SLA_SPEEDUP") or 1)
        if speedup <= 0:
            raise ValueError("SLA_SPEEDUP must be positive")
        return cls(
            ack=parse_durations(env.get("SLA_ACK_MINUTES", ""), timedelta(minutes=1), DEFAULT_ACK),
            resolve=parse_durations(env.get("SLA_RESOLVE_HOURS", ""), timedelta(hours=1), DEFAULT_RESOLVE),
            speedup=speedup,
        )

    def ack_interval(self, priority: str) -> timedelta:
        return self.ack.get(priority, DEFAULT_ACK["rendah"]) / self.speedup

    def resolve_interval(self, priority: str) -> timedelta:
        return self.resolve.get(priority, DEFAULT_RESOLVE["rendah"]) / self.speedup

    def ack_due(self, started_at: datetime, priority: str) -> datetime:
        return started_at + self.ack_interval(priority)

    def resolve_due(self, started_at: datetime, priority: str) -> datetime:
        return started_at + self.resolve_interval(priority)

    def step_due(self, started_at: datetime, priority: str, step: int) -> datetime:
        """When ladder step `step` (1 = the first escalation) is due."""
        return started_at + self.ack_interval(priority) * step

    def next_due(self, started_at: datetime, priority: str, fired_step: int, now: datetime) -> datetime:
        """When the step after `fired_step` is due: on the ladder's schedule, but never in the past (a sweep
        that ran late does not fire the next rung straight after)."""
        scheduled = self.step_due(started_at, priority, fired_step + 1)
        return scheduled if scheduled > now else now + self.ack_interval(priority)


def waited_text(waited: timedelta) -> str:
    """`7 mnt`, `2 jam 5 mnt`, `45 dtk`: how long a subject has waited, for an SMS."""
    seconds = max(0, int(waited.total_seconds()))
    if seconds < 60:
        return f"{seconds} dtk"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} mnt"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} jam" + (f" {minutes} mnt" if minutes else "")
    return f"{hours // 24} hari"


def sla_state(*, now: datetime, due: datetime) -> str:
    """`aman` before the deadline, `lewat` after it."""
    return "lewat" if now > due else "aman"
