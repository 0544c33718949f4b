"""Engagement counts on the embedded platform endpoint: X's posts lookup and Graph's multiple-id read.

- `GET api.x.com/2/tweets?ids=..&tweet.fields=public_metrics` (bearer token required): `{"data": [{"id",
  "public_metrics": {...}}]}`; ids marked deleted come back in `errors`.
- `GET graph.facebook.com/<version>/?ids=..&fields=..` (token required): `{"<id>": {...the asked fields}}`
  for comments (`like_count`, `comment_count`), posts (`shares`, `reactions`/`comments` summaries) and
  Instagram media (`like_count`, `comments_count`); a deleted id makes the whole request 400, as on Graph.

Counts default to zero; the control route sets them (tests, `make parity` demo):
`POST /platforms.local/engagement {"channel": "x", "id": "<post id>", "counts": {"likes": 50000, ...}}`
(`"deleted": true` removes the object). Every lookup is recorded (kind `engagement`).
"""

from __future__ import annotations

from typing import Any

from devstack.platforms import STATE, PlatformRequest, PlatformResponse, Route, json_response

CONTROL_HOST = "platforms.local"
KEY = "engagement"


def _counts(channel: str, object_id: str) -> dict[str, int] | None:
    """The object's counts, or None when it was deleted."""
    with STATE.lock:
        table: dict[str, Any] = STATE.data.setdefault(KEY, {})
        entry = table.get(f"{channel}#{object_id}")
    if entry is None:
        return {}
    if entry.get("deleted"):
        return None
    return dict(entry.get("counts") or {})


def _unauthorized() -> PlatformResponse:
    return json_response({"title": "Unauthorized", "status": 401, "detail": "Unauthorized"}, 401)


def x_posts(request: PlatformRequest) -> PlatformResponse:
    if not request.bearer():
        return _unauthorized()
    ids = [i for i in (request.arg("ids") or "").split(",") if i]
    if not ids or len(ids) > 100:
        return json_response({"errors": [{"message": "ids: 1 to 100 ids"}], "title": "Invalid Request"}, 400)
    data, errors = [], []
    for post_id in ids:
        counts = _counts("x", post_id)
        if counts is None:
            errors.append(
                {
                    "value": post_id,
                    "detail": f"Could not find tweet with ids: [{post_id}].",
                    "title": "Not Found Error",
                    "resource_type": "tweet",
                    "parameter": "ids",
                }
            )
            continue
        data.append(
            {
                "id": post_id,
                "text": "",
                "public_metrics": {
                    "retweet_count": counts.get("reposts", 0),
                    "reply_count": counts.get("replies", 0),
                    "like_count": counts.get("likes", 0),
                    "quote_count": counts.get("quotes", 0),
                    "bookmark_count": counts.get("bookmarks", 0),
                    "impression_count": counts.get("views", 0),
                },
            }
        )
    STATE.record(KEY, {"host": request.host, "ids": ids})
    body: dict[str, Any] = {"data": data} if data else {}
    if errors:
        body["errors"] = errors
    return json_response(body)


def _graph_node(object_id: str, fields: str, counts: dict[str, int]) -> dict[str, Any]:
    node: dict[str, Any] = {"id": object_id}
    for field in (f.split(".", 1)[0].split("{", 1)[0] for f in fields.split(",") if f):
        if field == "like_count":
            node["like_count"] = counts.get("likes", 0)
        elif field == "comment_count":
            node["comment_count"] = counts.get("replies", 0)
        elif field == "comments_count":
            node["comments_count"] = counts.get("replies", 0)
        elif field == "shares":
            node["shares"] = {"count": counts.get("reposts", 0)}
        elif field == "reactions":
            node["reactions"] = {"data": [], "summary": {"total_count": counts.get("likes", 0)}}
        elif field == "comments":
            node["comments"] = {"data": [], "summary": {"total_count": counts.get("replies", 0)}}
    return node


def graph_ids(request: PlatformRequest) -> PlatformResponse:
    if not (request.bearer() or request.arg("access_token")):
        return json_response(
            {"error": {"message": "An access token is required", "type": "OAuthException", "code": 104}}, 400
        )
    ids = [i for i in (request.arg("ids") or "").split(",") if i]
    fields = request.arg("fields") or ""
    if not ids:
        return json_response({"error": {"message": "ids is required", "type": "OAuthException", "code": 100}}, 400)
    body: dict[str, Any] = {}
    for object_id in ids:
        counts = _counts("graph", object_id)
        if counts is None:
            message = f"Unsupported get request. Object with ID '{object_id}' does not exist"
            return json_response({"error": {"message": message, "type": "GraphMethodException", "code": 100}}, 400)
        body[object_id] = _graph_node(object_id, fields, counts)
    STATE.record(KEY, {"host": request.host, "ids": ids, "fields": fields})
    return json_response(body)


def set_counts(request: PlatformRequest) -> PlatformResponse:
    try:
        spec = request.json()
        channel = "x" if spec["channel"] == "x" else "graph"  # Instagram and Facebook share Graph ids
        key = f"{channel}#{spec['id']}"
        entry = {
            "counts": {k: int(v) for k, v in (spec.get("counts") or {}).items()},
            "deleted": bool(spec.get("deleted")),
        }
    except (ValueError, KeyError, TypeError) as error:
        return json_response({"error": f"bad engagement control: {error}"}, 400)
    with STATE.lock:
        STATE.data.setdefault(KEY, {})[key] = entry
    return json_response({"ok": True})


ROUTES = [
    Route("GET", "api.x.com", r"/2/tweets", x_posts),
    Route("GET", "graph.facebook.com", r"/v[0-9.]+/", graph_ids),
    Route("POST", CONTROL_HOST, r"/engagement", set_counts),
]
