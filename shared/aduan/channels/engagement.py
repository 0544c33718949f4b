"""Engagement clients: what a platform says about a public post or comment (likes, reposts, replies).

Each public channel has `aduan.channels.<name>.engagement` with `fetch(targets, token) -> {id: counts}`, over
`aduan.channels.http` (so the local stack's embedded platform endpoint answers). An id missing from the
answer is gone (deleted, hidden, not visible to us): nothing to record. Only the engagement sampler imports
these modules; ingest, triage and the notifier never do.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from aduan.domain.engagement import EngagementCounts

#: Channels whose public reports have engagement counts (TikTok's Business Messaging is private: no).
PUBLIC_CHANNELS = ("facebook", "instagram", "x")


class EngagementUnavailable(Exception):
    """The platform did not answer usefully now (unreachable, 429, 5xx): try the sample again later."""


class EngagementRefused(Exception):
    """The platform refused our token (401, 403, an OAuth error): the sample cannot be taken with it."""


@dataclass(frozen=True, slots=True)
class Target:
    platform_id: str
    kind: str  # post, comment, mention, live_comment...


Fetch = Callable[[Sequence[Target], str], dict[str, EngagementCounts]]


def fetcher(channel: str) -> Fetch | None:
    """The channel's engagement client, or None for a channel without public engagement."""
    if channel not in PUBLIC_CHANNELS:
        return None
    module = importlib.import_module(f"aduan.channels.{channel}.engagement")
    fetch: Fetch = module.fetch
    return fetch


def classify(status: int, what: str) -> None:
    """Raise for a platform answer that carries no counts."""
    if status in (401, 403):
        raise EngagementRefused(f"{what}: HTTP {status}")
    if status == 429 or status >= 500:
        raise EngagementUnavailable(f"{what}: HTTP {status}")
