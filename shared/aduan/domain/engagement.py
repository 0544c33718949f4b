"""A public report's engagement on its platform: recorded to prove parity, never used for triage or routing.

Counts are sampled three times (`SAMPLES`): at first sight, after 1 h and after 24 h. A report's engagement
for the parity report is the highest interaction count of its samples (`score`): likes + reposts or shares +
replies or comments + quotes. Views are kept where a platform offers them but not scored: only X reports
them, so scoring them would put X posts in higher buckets for the same attention.

Buckets (thresholds on the score):

| bucket  | score            | typical                                     |
|---------|------------------|---------------------------------------------|
| `none`  | 0 (or private)   | a DM, a WhatsApp message, a post nobody touched |
| `low`   | 1-49             | a neighbourhood's worth of likes            |
| `high`  | 50-999           | a local account's good day                  |
| `viral` | 1,000 and more   | picked up by news accounts                  |

Pure: no clock, no storage, no network.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any


class Bucket(StrEnum):
    NONE = "none"
    LOW = "low"
    HIGH = "high"
    VIRAL = "viral"


#: Lower bounds of the buckets above `none` (score >= bound).
LOW_FROM = 1
HIGH_FROM = 50
VIRAL_FROM = 1000

#: The low-engagement side of the parity ratio and the high-engagement side.
LOW_SIDE = frozenset({Bucket.NONE, Bucket.LOW})
HIGH_SIDE = frozenset({Bucket.HIGH, Bucket.VIRAL})

#: When engagement is sampled, after the ticket is created: first sight, 1 h, 24 h.
SAMPLES: tuple[tuple[str, timedelta], ...] = (
    ("first", timedelta(0)),
    ("1h", timedelta(hours=1)),
    ("24h", timedelta(hours=24)),
)

#: The counts a platform may report; `views` is kept but never scored.
SCORED = ("likes", "reposts", "replies", "quotes")


def bucket_of(score: int | None) -> Bucket:
    """The bucket of an interaction count (None: the report has no public engagement)."""
    if score is None or score < LOW_FROM:
        return Bucket.NONE
    if score < HIGH_FROM:
        return Bucket.LOW
    if score < VIRAL_FROM:
        return Bucket.HIGH
    return Bucket.VIRAL


def thresholds() -> dict[str, str]:
    """The buckets' ranges, as the parity report states them."""
    return {
        Bucket.NONE.value: "0 (or a private report)",
        Bucket.LOW.value: f"{LOW_FROM}-{HIGH_FROM - 1}",
        Bucket.HIGH.value: f"{HIGH_FROM}-{VIRAL_FROM - 1}",
        Bucket.VIRAL.value: f">= {VIRAL_FROM}",
    }


@dataclass(frozen=True, slots=True)
class EngagementCounts:
    """What a platform said about one post or comment at one moment (None: the platform does not offer it)."""

    likes: int | None = None
    reposts: int | None = None  # X reposts, Facebook shares
    replies: int | None = None  # X replies, Instagram and Facebook comments
    quotes: int | None = None  # X quotes
    views: int | None = None  # X impressions
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def score(self) -> int:
        return sum(int(getattr(self, name) or 0) for name in SCORED)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            name: getattr(self, name) for name in (*SCORED, "views") if getattr(self, name) is not None
        }
        if self.extra:
            data["extra"] = dict(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EngagementCounts:
        def count(name: str) -> int | None:
            value = data.get(name)
            return None if value is None else int(value)

        return cls(
            likes=count("likes"),
            reposts=count("reposts"),
            replies=count("replies"),
            quotes=count("quotes"),
            views=count("views"),
            extra={str(k): int(v) for k, v in (data.get("extra") or {}).items()},
        )


def score(samples: Iterable[EngagementCounts]) -> int | None:
    """A report's engagement: the highest score of its samples; None when it has none (a private report)."""
    scores = [sample.score for sample in samples]
    return max(scores) if scores else None


@dataclass(frozen=True, slots=True)
class SampleTarget:
    """What to ask a platform about: the ticket's first public message."""

    ticket_no: str
    channel: str
    platform_message_id: str
    kind: str  # post, comment, mention...
    created_at: datetime


def due_times(created_at: datetime) -> list[tuple[str, datetime]]:
    """Every sample's name and due time for a ticket created at `created_at`."""
    return [(name, created_at + offset) for name, offset in SAMPLES]


def next_sample(done: str) -> str | None:
    """The sample after `done`, or None after the last."""
    names = [name for name, _ in SAMPLES]
    index = names.index(done)
    return names[index + 1] if index + 1 < len(names) else None
