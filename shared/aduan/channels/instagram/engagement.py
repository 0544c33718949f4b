"""Instagram comments, live comments and mentions: likes and comments (see `channels.meta_engagement`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aduan.channels.engagement import Target
from aduan.channels.meta_engagement import _int, fetch_groups
from aduan.domain.engagement import EngagementCounts

COMMENT_FIELDS = "like_count"
MEDIA_FIELDS = "like_count,comments_count"


def _comment(node: Mapping[str, Any]) -> EngagementCounts:
    return EngagementCounts(likes=_int(node.get("like_count")))


def _media(node: Mapping[str, Any]) -> EngagementCounts:
    return EngagementCounts(likes=_int(node.get("like_count")), replies=_int(node.get("comments_count")))


def fetch(targets: Sequence[Target], token: str) -> dict[str, EngagementCounts]:
    kinds = {"comment": (COMMENT_FIELDS, _comment), "live_comment": (COMMENT_FIELDS, _comment)}
    kinds["mention"] = (MEDIA_FIELDS, _media)
    return fetch_groups(targets, token, kinds, default_kind="comment")
