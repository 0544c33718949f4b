"""Engagement of Facebook and Instagram objects through the Graph API, many ids in one request.

What this relies on (developers.facebook.com, Graph API reference):
- multiple-id read: `GET /<version>/?ids=<id1>,<id2>&fields=...` answers `{"<id1>": {...}, "<id2>": {...}}`;
- a Page comment (`/<comment-id>`): `like_count`, `comment_count` (replies);
- a Page post (`/<post-id>`): `shares{count}`, `reactions.summary(total_count)`, `comments.summary(total_count)`
  (asked with `.limit(0)` so no reaction or comment is listed, only the totals);
- an Instagram comment (`/<ig-comment-id>`): `like_count`; an Instagram media (a mention): `like_count`,
  `comments_count`.
A missing or unreadable id makes Graph answer 400 for the whole request, so ids are asked in groups by
kind and a 400 falls back to one request per id.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from aduan.channels import http
from aduan.channels.engagement import EngagementUnavailable, Target, classify
from aduan.domain.engagement import EngagementCounts

HOST = "graph.facebook.com"
VERSION = "v21.0"
BATCH = 50  # Graph's multiple-id read takes up to 50 ids

Reader = Callable[[Mapping[str, Any]], EngagementCounts]


def _total(node: Any, key: str = "total_count") -> int | None:
    if not isinstance(node, Mapping):
        return None
    summary = node.get("summary")
    value = summary.get(key) if isinstance(summary, Mapping) else node.get(key)
    return int(value) if isinstance(value, int) else None


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None


def fetch_groups(
    targets: Sequence[Target], token: str, fields_by_kind: Mapping[str, tuple[str, Reader]], default_kind: str
) -> dict[str, EngagementCounts]:
    groups: dict[str, list[str]] = {}
    for target in targets:
        kind = target.kind if target.kind in fields_by_kind else default_kind
        groups.setdefault(kind, []).append(target.platform_id)
    found: dict[str, EngagementCounts] = {}
    for kind, ids in groups.items():
        fields, reader = fields_by_kind[kind]
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            found.update(_read(chunk, fields, reader, token))
    return found


def _read(ids: list[str], fields: str, reader: Reader, token: str) -> dict[str, EngagementCounts]:
    url = http.platform_url(HOST, f"/{VERSION}/", {"ids": ",".join(ids), "fields": fields})
    try:
        reply = http.call("GET", url, headers={"Authorization": f"Bearer {token}"})
    except http.PlatformUnreachable as exc:
        raise EngagementUnavailable(str(exc)) from exc
    if reply.status == 400 and len(ids) > 1:
        # One id Graph cannot read spoils the request: ask for each on its own.
        out: dict[str, EngagementCounts] = {}
        for one in ids:
            out.update(_read([one], fields, reader, token))
        return out
    if reply.status in (400, 404):
        return {}  # gone or not visible to us
    classify(reply.status, "graph engagement")
    body = reply.json()
    if not isinstance(body, Mapping):
        raise EngagementUnavailable("graph engagement: unreadable answer")
    return {key: reader(node) for key, node in body.items() if key in ids and isinstance(node, Mapping)}
