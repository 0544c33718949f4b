"""Sampling public reports' engagement at first sight, after 1 h and after 24 h.

First sight: the ticket-events topic's `ticket.created` (through the engagement queue) for a public report
on a channel with engagement counts puts the ticket on the schedule and takes the first sample at once.
Later samples: a sweep every few minutes takes every sample due on the due-time index (see
`aduan.adapters.engagement_store`), many posts per platform request.

Why a due-time index and not SQS delays or one EventBridge schedule per sample: the same reasons as the
escalator's (README, "SLA and escalation"): the schedule is data next to the ticket, written in the same
transaction that records a sample, so a crash between two steps loses no sample and doubles none; nothing to
create or delete elsewhere; a missed sweep is caught up by the next; the local stack runs the same rule.
SQS can delay a message by 15 minutes at most (a 24 h sample would be 96 re-enqueues), and a per-sample
schedule would be two systems to keep in step. The cost is a sample up to one sweep late (5 minutes).

This module is the only reader of engagement items besides the parity report; triage, ingest and the
notifier never import it (a test checks the import graph).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from aduan.adapters.engagement_store import DueSample, EngagementStore
from aduan.channels.engagement import (
    PUBLIC_CHANNELS,
    EngagementRefused,
    EngagementUnavailable,
    Fetch,
    Target,
    fetcher,
)
from aduan.domain.engagement import SAMPLES, EngagementCounts, SampleTarget, next_sample
from aduan.errors import ConcurrentUpdate
from aduan.models import Ticket

#: A sample the platform cannot give (unreachable, busy) is retried by later sweeps until this late.
GIVE_UP_AFTER = timedelta(hours=1)


class TicketReader(Protocol):
    def get_ticket(self, ticket_no: str) -> Ticket | None: ...


@dataclass
class SweepResult:
    due: int = 0
    taken: int = 0
    gone: int = 0
    refused: int = 0
    deferred: int = 0
    skipped: list[str] = field(default_factory=list)


def target_of(ticket: Ticket) -> SampleTarget | None:
    """The object to ask about: the report's first public message, on a channel with counts."""
    if not ticket.public or ticket.channel.value not in PUBLIC_CHANNELS or not ticket.messages:
        return None
    first = ticket.messages[0]
    return SampleTarget(
        ticket_no=ticket.ticket_no,
        channel=ticket.channel.value,
        platform_message_id=first.platform_message_id,
        kind=first.kind,
        created_at=ticket.created_at,
    )


class EngagementSampler:
    def __init__(
        self,
        store: EngagementStore,
        tickets: TicketReader,
        token: Callable[[str], str | None],
        clock: Callable[[], datetime],
        fetchers: Mapping[str, Fetch] | None = None,
        speedup: float = 1.0,
    ) -> None:
        self.store = store
        self.tickets = tickets
        self.token = token
        self.clock = clock
        self.fetchers = dict(fetchers or {})
        self.speedup = speedup

    def _fetch(self, channel: str) -> Fetch | None:
        if channel not in self.fetchers:
            found = fetcher(channel)
            if found is None:
                return None
            self.fetchers[channel] = found
        return self.fetchers[channel]

    def offset(self, name: str) -> timedelta:
        """When sample `name` is due after creation (divided by the local stack's speedup)."""
        return dict(SAMPLES)[name] / self.speedup

    # ------------------------------------------------------------------ first sight
    def first_sight(self, event: Mapping[str, Any]) -> str:
        """Handle one ticket event; returns what happened (`scheduled`, `duplicate`, `not_public`, `ignored`)."""
        if event.get("type") != "ticket.created":
            return "ignored"
        if not event.get("public") or event.get("channel") not in PUBLIC_CHANNELS:
            return "not_public"
        ticket = self.tickets.get_ticket(str(event.get("ticket_no")))
        target = target_of(ticket) if ticket is not None else None
        if target is None:
            return "not_public"
        if not self.store.schedule_first(target):
            return "duplicate"
        self._take([DueSample(target, "first", target.created_at)], self.clock(), SweepResult())
        return "scheduled"

    # ------------------------------------------------------------------ the sweep
    def sweep(self, limit: int = 200) -> SweepResult:
        now = self.clock()
        due = self.store.due(now, limit=limit)
        result = SweepResult(due=len(due))
        by_channel: dict[str, list[DueSample]] = {}
        for item in due:
            by_channel.setdefault(item.target.channel, []).append(item)
        for group in by_channel.values():
            self._take(group, now, result)
        return result

    def _take(self, group: list[DueSample], now: datetime, result: SweepResult) -> None:
        channel = group[0].target.channel
        fetch = self._fetch(channel)
        token = self.token(channel) if fetch is not None else None
        counts: dict[str, EngagementCounts] = {}
        note = ""
        if fetch is None or not token:
            note = "no engagement client or token for the channel"
            result.refused += len(group)
        else:
            try:
                counts = fetch([Target(d.target.platform_message_id, d.target.kind) for d in group], token)
            except EngagementRefused as exc:
                note = f"refused: {exc}"[:200]
                result.refused += len(group)
            except EngagementUnavailable as exc:
                late = [d for d in group if now - d.due_at >= GIVE_UP_AFTER / self.speedup]
                result.deferred += len(group) - len(late)
                if not late:
                    return
                group, note = late, f"unavailable: {exc}"[:200]
        for due in group:
            found = counts.get(due.target.platform_message_id)
            following = next_sample(due.sample)
            nxt = (following, due.target.created_at + self.offset(following)) if following else None
            try:
                self.store.record(due, found, now, nxt, note=note if found is None else "")
            except ConcurrentUpdate:
                result.skipped.append(due.target.ticket_no)
                continue
            if found is not None:
                result.taken += 1
            elif not note:
                result.gone += 1
