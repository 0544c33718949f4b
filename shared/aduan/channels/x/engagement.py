"""X posts (mentions and replies): likes, reposts, replies, quotes and impressions.

What this relies on (docs.x.com, posts lookup): `GET /2/tweets?ids=<up to 100 ids>&tweet.fields=public_metrics`
with an app-only bearer token answers `{"data": [{"id", "public_metrics": {"retweet_count", "reply_count",
"like_count", "quote_count", "bookmark_count", "impression_count"}}], "errors": [...]}`; ids that are deleted
or protected come back in `errors`, not `data`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aduan.channels import http
from aduan.channels.engagement import EngagementUnavailable, Target, classify
from aduan.domain.engagement import EngagementCounts

HOST = "api.x.com"
BATCH = 100


def _int(metrics: Mapping[str, Any], key: str) -> int | None:
    value = metrics.get(key)
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None


def counts(metrics: Mapping[str, Any]) -> EngagementCounts:
    bookmarks = _int(metrics, "bookmark_count")
    return EngagementCounts(
        likes=_int(metrics, "like_count"),
        reposts=_int(metrics, "retweet_count"),
        replies=_int(metrics, "reply_count"),
        quotes=_int(metrics, "quote_count"),
        views=_int(metrics, "impression_count"),
        extra={"bookmarks": bookmarks} if bookmarks is not None else {},
    )


def fetch(targets: Sequence[Target], token: str) -> dict[str, EngagementCounts]:
    ids = [t.platform_id for t in targets]
    found: dict[str, EngagementCounts] = {}
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        url = http.platform_url(HOST, "/2/tweets", {"ids": ",".join(chunk), "tweet.fields": "public_metrics"})
        try:
            reply = http.call("GET", url, headers={"Authorization": f"Bearer {token}"})
        except http.PlatformUnreachable as exc:
            raise EngagementUnavailable(str(exc)) from exc
        classify(reply.status, "x posts lookup")
        body = reply.json()
        if not reply.ok or not isinstance(body, Mapping):
            raise EngagementUnavailable(f"x posts lookup: HTTP {reply.status}")
        for post in body.get("data") or []:
            if isinstance(post, Mapping) and str(post.get("id")) in chunk:
                metrics = post.get("public_metrics")
                found[str(post["id"])] = counts(metrics if isinstance(metrics, Mapping) else {})
    return found
