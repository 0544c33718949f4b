"""The local stack's parts for parity and the channel watchdog.

- `seed_tokens`: every access token the template's functions name (`ACCESS_TOKEN_PARAMS`) as a local
  SecureString (`aduan-local-<channel>-access-token`, or `<CHANNEL>_ACCESS_TOKEN` from the environment),
  so the engagement sampler and the platform checks reach the embedded platform endpoint with a token.
- `seed_history` (`make parity-seed`): 30 days of clearly labelled demo history (`DEMO-` ticket numbers,
  actor `demo-seed`), written through the real adapters (workflow items and audit items with
  `WorkflowStore`, engagement samples with `EngagementStore`, delivery counters with `ChannelStats`), so
  `make parity` and the watchdog have something to show on a fresh stack.
- `seed_channels` (part of `seed_history`, or alone with `python -m devstack.parity --seed-channels`): every
  channel's delivery counters with a realistic rhythm by hour of the week (`channel_rate`), so the watchdog
  knows each channel's rhythm and can tell a silent one.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from aduan import aws
from aduan.services.watchdog import _pairs
from devstack.cfn import FunctionSpec

if TYPE_CHECKING:
    from aduan.adapters.engagement_store import DueSample as DueSampleT
    from aduan.adapters.engagement_store import EngagementStore as EngagementStoreT
    from aduan.domain.engagement import EngagementCounts as EngagementCountsT

DEMO_ACTOR = "demo-seed"
DEMO_PREFIX = "DEMO-"


def seed_tokens(functions: Iterable[FunctionSpec], environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Put every named access token that is not there yet; returns {parameter: channel}."""
    environ = os.environ if environ is None else environ
    ssm = aws.client("ssm")
    wanted: dict[str, str] = {}
    for spec in functions:
        for channel, name in _pairs(spec.environment.get("ACCESS_TOKEN_PARAMS", "")).items():
            wanted[name] = channel
    for name, channel in wanted.items():
        value = environ.get(f"{channel.upper()}_ACCESS_TOKEN") or f"aduan-local-{channel}-access-token"
        ssm.put_parameter(Name=name, Value=value, Type="SecureString", Overwrite=True)
    return wanted


# ------------------------------------------------------------------------------------------- demo history
CHANNELS = ("whatsapp", "instagram", "facebook", "x", "tiktok")
PUBLIC = {"instagram", "facebook", "x"}
UNITS = ("klojen", "blimbing", "kedungkandang", "lowokwaru", "sukun")
PRIORITY_MIX = (("darurat", 0.12), ("tinggi", 0.25), ("sedang", 0.38), ("rendah", 0.25))
ACK_MEDIAN_MIN = {"darurat": 3.0, "tinggi": 11.0, "sedang": 95.0, "rendah": 420.0}
RESOLVE_MEDIAN_H = {"darurat": 1.2, "tinggi": 9.0, "sedang": 30.0, "rendah": 80.0}
#: Deliveries per hour by WIB hour of day (a city's day: quiet nights, a morning rise, an evening peak).
HOURLY = (2, 1, 1, 1, 1, 2, 4, 7, 9, 9, 8, 8, 9, 8, 8, 9, 10, 12, 14, 16, 15, 11, 7, 4)


def _pick(rng: random.Random, mix: tuple[tuple[str, float], ...]) -> str:
    roll, total = rng.random(), 0.0
    for name, weight in mix:
        total += weight
        if roll < total:
            return name
    return mix[-1][0]


def _engagement(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.35:
        return 0
    if roll < 0.75:
        return rng.randint(1, 49)
    if roll < 0.95:
        return rng.randint(50, 999)
    return rng.randint(1000, 40000)


def seed_history(table: str, now: datetime, days: int = 30, per_day: int = 20, seed: int = 14) -> dict[str, int]:
    """Write `days` of demo tickets (about `per_day` a day) and the channels' delivery counters.

    The demo force answers every report as fast whatever its engagement (the medians depend on priority
    only), except that a few viral reports jump the queue: the parity report should show a ratio a little
    above 1 within its interval."""
    from aduan.adapters.engagement_store import DueSample, EngagementStore
    from aduan.adapters.workflow_store import NewClock, WorkflowStore
    from aduan.domain.engagement import EngagementCounts, SampleTarget
    from aduan.domain.workflow import Action, EventType, Subject, TicketEvent, transition
    from aduan.models import TicketStatus

    rng = random.Random(seed)  # noqa: S311 - demo data
    store, samples = WorkflowStore(table), EngagementStore(table)
    start = now - timedelta(days=days)
    written = 0
    for index in range(days * per_day):
        created = start + timedelta(seconds=rng.uniform(0, days * 86400 - 7200))
        channel = rng.choice(CHANNELS)
        priority = _pick(rng, PRIORITY_MIX)
        unit = rng.choice(UNITS)
        score = _engagement(rng) if channel in PUBLIC else None
        ticket_no = f"{DEMO_PREFIX}{index:05d}"
        subject = Subject.ticket(ticket_no)
        clock = NewClock(
            subject=subject,
            status=TicketStatus.BARU,
            priority=priority,
            category="lainnya",
            area=unit,
            channel=channel,
            sensitive=False,
            unit=unit,
            created_at=created,
            ack_due_at=created + timedelta(minutes=15),
            resolve_due_at=created + timedelta(hours=24),
            # Never escalated: demo tickets must not page anyone (the sweep would, for a past deadline).
            first_escalation_at=now + timedelta(days=3650),
        )
        created_event = TicketEvent(
            EventType.CREATED,
            subject,
            DEMO_ACTOR,
            created,
            details={"channel": channel, "priority": priority, "demo": True},
        )
        if not store.open(clock, created_event):
            continue
        factor = 0.6 if score is not None and score >= 1000 and rng.random() < 0.5 else 1.0
        ack_at = created + timedelta(minutes=rng.lognormvariate(0, 0.6) * ACK_MEDIAN_MIN[priority] * factor)
        done_at = ack_at + timedelta(hours=rng.lognormvariate(0, 0.5) * RESOLVE_MEDIAN_H[priority])
        state = store.get(subject)
        if state is None:
            continue
        if ack_at < now:
            ack = transition(subject, state.status, Action.ACK, actor=DEMO_ACTOR, at=ack_at)
            store.apply(state, ack, ticket_update=False)
            state = store.get(subject)
            if state is not None and done_at < now:
                resolve = transition(subject, state.status, Action.RESOLVE, actor=DEMO_ACTOR, at=done_at, note="demo")
                store.apply(state, resolve, ticket_update=False)
        if score is not None:
            target = SampleTarget(ticket_no, channel, f"demo-{index}", "post", created)
            for sample, offset, share in (("first", 0, 0.2), ("1h", 1, 0.6), ("24h", 24, 1.0)):
                at = created + timedelta(hours=offset, seconds=30)
                if at >= now:
                    break
                counts = EngagementCounts(
                    likes=int(score * share * 0.8), reposts=int(score * share * 0.1), replies=int(score * share * 0.1)
                )
                _put_sample(samples, DueSample(target, sample, at), counts, at)
        written += 1
    counted = seed_channels(table, now, days=days, seed=seed)
    return {"tickets": written, "deliveries": counted}


# ------------------------------------------------------------------------------------------- delivery rhythm
#: Each channel's share of the city's day and the WIB hours it is busier or quieter in (factor).
CHANNEL_SHAPES: dict[str, tuple[float, dict[range, float]]] = {
    # The hotline: citizens' messages and follow-ups, and the statuses (sent, delivered, read) of every
    # message we send back: the busiest channel at every hour.
    "whatsapp": (2.5, {}),
    "instagram": (0.6, {range(5, 10): 0.6, range(18, 24): 1.4}),  # evenings
    "facebook": (0.4, {range(7, 14): 1.3, range(0, 5): 0.6}),  # mornings and midday
    "x": (0.6, {range(6, 10): 1.5, range(16, 20): 1.5}),  # the commute (weekdays)
    "tiktok": (0.25, {range(8, 17): 0.6, range(19, 24): 1.8}),  # late evenings
}


def channel_rate(channel: str, moment: datetime) -> float:
    """The demo history's mean deliveries per hour for `channel` in the WIB hour of the week of `moment`:
    the city's day (`HOURLY`), the channel's share and busy hours, and the week (Saturday night, malam
    Minggu, is busier; Sunday morning quieter; no commute at the weekend)."""
    from aduan.domain.watchdog import WIB

    local = moment.astimezone(WIB)
    share, shape = CHANNEL_SHAPES[channel]
    factor = 1.0
    weekend = local.weekday() >= 5
    for hours, busier in shape.items():
        if local.hour in hours and not (channel == "x" and weekend):
            factor = busier
    if (local.weekday() == 5 and local.hour >= 19) or (local.weekday() == 6 and local.hour < 3):
        factor *= 1.3
    elif local.weekday() == 6 and 5 <= local.hour < 12:
        factor *= 0.75
    return HOURLY[local.hour] * share * factor


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (deliveries arrive independently): Knuth's method for small means, normal beyond."""
    if mean > 30:
        return max(0, round(rng.gauss(mean, mean**0.5)))
    limit, count, product = pow(2.718281828459045, -mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def seed_channels(table: str, now: datetime, days: int = 30, seed: int = 14) -> int:
    """Every channel's delivery counters (`CHANNEL#<name>` / `HOUR#...`) for the `days` before the current
    hour, drawn from `channel_rate`, for the watchdog's rhythm (it learns the last four weeks; it judges a
    channel once a week is there). Written in bulk (`ChannelStats.put_hours`); the current hour is left to
    real deliveries. Returns the deliveries counted."""
    from aduan.adapters.channel_stats import ChannelStats
    from aduan.domain.watchdog import hour_start

    rng = random.Random(seed)  # noqa: S311 - demo data
    stats = ChannelStats(table)
    end = hour_start(now)
    counted = 0
    for channel in CHANNELS:
        hours: dict[datetime, tuple[int, datetime]] = {}
        hour = end - timedelta(days=days)
        while hour < end:
            count = _poisson(rng, channel_rate(channel, hour))
            if count:
                hours[hour] = (count, hour + timedelta(seconds=rng.uniform(60, 3540)))
                counted += count
            hour += timedelta(hours=1)
        stats.put_hours(channel, hours)
    return counted


def _put_sample(store: EngagementStoreT, due: DueSampleT, counts: EngagementCountsT, at: datetime) -> None:
    """A demo sample item (the sampler's shape, without a schedule to advance)."""
    from aduan.adapters.engagement_store import SAMPLE_PREFIX
    from aduan.adapters.workflow_store import iso
    from aduan.store import to_item

    doc = {
        "pk": f"TICKET#{due.target.ticket_no}",
        "sk": f"{SAMPLE_PREFIX}{iso(at)}",
        "type": "engagement",
        "ticket_no": due.target.ticket_no,
        "channel": due.target.channel,
        "sample": due.sample,
        "at": iso(at),
        "available": True,
        "counts": counts.to_dict(),
        "score": counts.score,
        "note": "demo",
    }
    store.client.put_item(TableName=store.table_name, Item=to_item(doc))


def now_utc() -> datetime:
    return datetime.now(UTC)
