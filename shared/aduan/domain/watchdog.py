"""The channel watchdog's rules: is a channel silent beyond its rhythm, has X stopped checking our CRC, is an
access token about to expire, is our subscription still active. Pure: no clock, no storage.

**Rhythm.** Every delivery is counted per channel and hour (the normalizer's counter items). A channel's
rhythm is, for each of the 168 hours of the week (in WIB, the city's clock), the mean number of deliveries in
that hour over the last `RHYTHM_WEEKS` weeks it has history for.

**Silence.** Since the last delivery, the rhythm says how many deliveries were expected (the rates of the
hours in between, summed pro rata). Deliveries arrive roughly as a Poisson process, so the chance of hearing
nothing while `e` were expected is about exp(-e): the channel is **silent** when `e >= SILENCE_EXPECTED`
(6: under a 0.25% chance of a natural lull) and it has been quiet at least `MIN_SILENCE`. Ten minutes of
quiet in the Friday evening rush is an alarm; ten quiet hours on a Tuesday night may not be. A channel with
less than `MIN_HISTORY` of history is not judged (its rhythm is not known yet).

**CRC.** X repeats its Challenge-Response Check every hour; none for `CRC_MAX_AGE` (two hours) means X has
stopped checking the webhook (it was unregistered, or the app lost access).

**Tokens.** An access token whose expiry (Meta `debug_token` `expires_at` or `data_access_expires_at`,
whichever comes first; 0 means never) is less than `TOKEN_WARN` away.

`speedup` (the local stack's `SLA_SPEEDUP`) makes elapsed time count `speedup` times: with 60, a minute of
quiet weighs as an hour, so silencing a channel in its busy hour raises the alarm within a minute or two.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from enum import StrEnum

WIB = timezone(timedelta(hours=7), "WIB")
HOURS_OF_WEEK = 168
RHYTHM_WEEKS = 4
SILENCE_EXPECTED = 6.0
MIN_SILENCE = timedelta(minutes=10)
MIN_HISTORY = timedelta(days=7)
CRC_MAX_AGE = timedelta(hours=2)
TOKEN_WARN = timedelta(days=7)


class Check(StrEnum):
    SILENCE = "silence"
    CRC = "crc"
    TOKEN = "token"  # noqa: S105 - the name of a check, not a secret
    SUBSCRIPTION = "subscription"


def hour_of_week(moment: datetime) -> int:
    """0 = Monday 00:00-01:00 WIB ... 167 = Sunday 23:00-24:00 WIB."""
    local = moment.astimezone(WIB)
    return local.weekday() * 24 + local.hour


def hour_start(moment: datetime) -> datetime:
    """The UTC hour `moment` falls in."""
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


@dataclass(frozen=True, slots=True)
class Rhythm:
    """Mean deliveries per hour of the week, learned from `history` of counters."""

    rates: tuple[float, ...]  # 168 entries
    history: timedelta  # how far back the counters used go (capped at RHYTHM_WEEKS)
    deliveries: int  # counted in that history

    def rate(self, moment: datetime) -> float:
        return self.rates[hour_of_week(moment)]

    @property
    def known(self) -> bool:
        return self.history >= MIN_HISTORY and self.deliveries > 0

    def busiest(self) -> tuple[int, float]:
        """The busiest hour of the week and its rate."""
        index = max(range(HOURS_OF_WEEK), key=lambda h: self.rates[h])
        return index, self.rates[index]


def learn(counts: Mapping[datetime, int], now: datetime, first_seen: datetime | None = None) -> Rhythm:
    """The rhythm from per-hour counts (key: the UTC hour's start) over the full hours before `now`.

    `first_seen`: the channel's first counted hour (its history starts there); the earliest count if None.
    """
    end = hour_start(now)
    start = end - timedelta(weeks=RHYTHM_WEEKS)
    if counts or first_seen is not None:
        earliest = min([*counts.keys(), *([first_seen] if first_seen else [])])
        start = max(start, hour_start(earliest))
    totals = [0.0] * HOURS_OF_WEEK
    occurrences = [0] * HOURS_OF_WEEK
    hour = start
    while hour < end:
        occurrences[hour_of_week(hour)] += 1
        hour += timedelta(hours=1)
    delivered = 0
    for moment, count in counts.items():
        if start <= moment < end:
            totals[hour_of_week(moment)] += count
            delivered += count
    rates = tuple(totals[h] / occurrences[h] if occurrences[h] else 0.0 for h in range(HOURS_OF_WEEK))
    return Rhythm(rates=rates, history=max(end - start, timedelta(0)), deliveries=delivered)


def expected(rhythm: Rhythm, start: datetime, end: datetime) -> float:
    """Deliveries the rhythm expects in [start, end), hour by hour, pro rata at the edges."""
    total = 0.0
    cursor = start
    while cursor < end:
        boundary = min(hour_start(cursor) + timedelta(hours=1), end)
        total += rhythm.rate(cursor) * (boundary - cursor).total_seconds() / 3600
        cursor = boundary
    return total


@dataclass(frozen=True, slots=True)
class Verdict:
    check: Check
    failing: bool
    detail: str  # English, for operators
    value: float | None = None  # the figure behind it (expected deliveries, minutes, days)


def silence(
    rhythm: Rhythm,
    last_delivery: datetime | None,
    now: datetime,
    speedup: float = 1.0,
    history_start: datetime | None = None,
) -> Verdict:
    """Is the channel silent well beyond its rhythm?"""
    if not rhythm.known:
        return Verdict(Check.SILENCE, False, "rhythm not known yet (under a week of history)", None)
    since = last_delivery or history_start
    if since is None:
        return Verdict(Check.SILENCE, False, "no delivery ever", None)
    quiet = (now - since) * speedup
    effective_end = since + quiet
    due = expected(rhythm, since, effective_end)
    minutes = quiet.total_seconds() / 60
    failing = due >= SILENCE_EXPECTED and quiet >= MIN_SILENCE
    detail = f"quiet for {minutes:.0f} min while the rhythm expected {due:.1f} deliveries"
    return Verdict(Check.SILENCE, failing, detail, round(due, 2))


def crc(
    last_crc: datetime | None, now: datetime, speedup: float = 1.0, watching_since: datetime | None = None
) -> Verdict:
    """Has X checked our webhook's CRC in the last two hours? `watching_since`: when the first CRC was
    expected (before any CRC was recorded, the check waits two hours from then)."""
    since = last_crc or watching_since
    if since is None:
        return Verdict(Check.CRC, False, "no CRC recorded yet", None)
    age = (now - since) * speedup
    minutes = age.total_seconds() / 60
    if last_crc is None:
        return Verdict(Check.CRC, age > CRC_MAX_AGE, f"no CRC in {minutes:.0f} min of watching", round(minutes, 1))
    return Verdict(Check.CRC, age > CRC_MAX_AGE, f"last CRC {minutes:.0f} min ago", round(minutes, 1))


def token(expires_at: int | None, data_access_expires_at: int | None, now: datetime) -> Verdict:
    """Is the access token close to expiry? Epoch seconds; 0 or None: never (Meta long-lived Page tokens)."""
    moments = [t for t in (expires_at, data_access_expires_at) if t]
    if not moments:
        return Verdict(Check.TOKEN, False, "token does not expire", None)
    left = datetime.fromtimestamp(min(moments), UTC) - now
    days = left.total_seconds() / 86400
    if left <= timedelta(0):
        return Verdict(Check.TOKEN, True, "token has expired", round(days, 2))
    return Verdict(Check.TOKEN, left < TOKEN_WARN, f"token expires in {days:.1f} days", round(days, 2))


def subscription(active: bool | None, detail: str) -> Verdict:
    """The platform's own answer on our webhook subscription (None: it could not be asked)."""
    if active is None:
        return Verdict(Check.SUBSCRIPTION, False, f"not checked: {detail}", None)
    return Verdict(Check.SUBSCRIPTION, not active, detail, 1.0 if active else 0.0)
