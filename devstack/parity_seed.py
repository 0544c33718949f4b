"""The local stack's parts for parity and the channel watchdog.

- `seed_tokens`: every access token the template's functions name (`ACCESS_TOKEN_PARAMS`) as a local
  SecureString (`aduan-local-<channel>-access-token`, or `<CHANNEL>_ACCESS_TOKEN` from the environment),
  so the engagement sampler and the platform checks reach the embedded platform endpoint with a token.
- `seed_history` (`make parity-seed`): 30 days of clearly labelled demo history (`DEMO-` ticket numbers,
  actor `demo-seed`), written through the real adapters (workflow items and audit items with
  `WorkflowStore`, engagement samples with `EngagementStore`, delivery counters with `ChannelStats`), so
  `make parity` and the watchdog have something to show on a fresh stack.
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


def seed_history(  # noqa: PLR0915 - one linear script of demo data
    table: str, now: datetime, days: int = 30, per_day: int = 20, seed: int = 14
) -> dict[str, int]:
    """Write `days` of demo tickets (about `per_day` a day) and the channels' delivery counters.

    The demo force answers every report as fast whatever its engagement (the medians depend on priority
    only), except that a few viral reports jump the queue: the parity report should show a ratio a little
    above 1 within its interval."""
    from aduan.adapters.channel_stats import ChannelStats
    from aduan.adapters.engagement_store import DueSample, EngagementStore
    from aduan.adapters.workflow_store import NewClock, WorkflowStore
    from aduan.domain.engagement import EngagementCounts, SampleTarget
    from aduan.domain.watchdog import WIB
    from aduan.domain.workflow import Action, EventType, Subject, TicketEvent, transition
    from aduan.models import TicketStatus

    rng = random.Random(seed)  # noqa: S311 - demo data
    store, samples, stats = WorkflowStore(table), EngagementStore(table), ChannelStats(table)
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
    # Delivery counters: the city's hourly rhythm, a little noise, on every channel.
    hour = start.replace(minute=0, second=0, microsecond=0)
    weights = {"whatsapp": 1.0, "instagram": 0.5, "facebook": 0.3, "x": 0.6, "tiktok": 0.2}
    counted = 0
    while hour < now - timedelta(hours=1):
        local = hour.astimezone(WIB)
        for channel, weight in weights.items():
            count = max(0, round(HOURLY[local.hour] * weight * rng.uniform(0.6, 1.4)))
            if count:
                stats.count_delivery(channel, hour + timedelta(minutes=rng.uniform(0, 59)), count)
                counted += count
        hour += timedelta(hours=1)
    return {"tickets": written, "deliveries": counted}


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
