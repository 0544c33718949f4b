"""Facebook Page comments and visitor posts: likes or reactions, shares, replies (see `channels.meta_engagement`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aduan.channels.engagement import Target
from aduan.channels.meta_engagement import _int, _total, fetch_groups
from aduan.domain.engagement import EngagementCounts

POST_FIELDS = "shares,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)"
COMMENT_FIELDS = "like_count,comment_count"


def _post(node: Mapping[str, Any]) -> EngagementCounts:
    shares = node.get("shares")
    return EngagementCounts(
        likes=_total(node.get("reactions")),
        reposts=_int(shares.get("count")) if isinstance(shares, Mapping) else 0,
        replies=_total(node.get("comments")),
    )


def _comment(node: Mapping[str, Any]) -> EngagementCounts:
    return EngagementCounts(likes=_int(node.get("like_count")), replies=_int(node.get("comment_count")))


def fetch(targets: Sequence[Target], token: str) -> dict[str, EngagementCounts]:
    kinds = {"post": (POST_FIELDS, _post), "status": (POST_FIELDS, _post), "comment": (COMMENT_FIELDS, _comment)}
    return fetch_groups(targets, token, kinds, default_kind="comment")
