"""X (Twitter) webhook parts: the CRC handshake, `x-twitter-webhooks-signature`, and a cheap relevance gate.

Standard library only: the webhook function must not pay for pydantic at cold start.

What this relies on (xdevplatform/docs, the source of docs.x.com, 2026 snapshot):
- `x-api/webhooks/quickstart.mdx`: the Challenge-Response Check is `GET <callback>?crc_token=<t>`, sent at
  registration (`POST /2/webhooks`), hourly, and on `PUT /2/webhooks/:id`; the answer is 200 with the JSON
  `{"response_token": "sha256=" + base64(HMAC-SHA256(key=consumer secret, msg=crc_token))}`. Every POST carries
  `x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, raw body)>`. The signature has no
  timestamp, so there is no replay window: deliveries are deduplicated on post and DM ids downstream. The
  docs warn that duplicates happen.
- `x-api/activity/event-payloads.mdx`: X Activity API deliveries are one envelope
  `{"data": {"event_uuid", "filter": {"user_id"}, "event_type", "tag", "payload", "includes"}}`.
- `x-api/account-activity/introduction.mdx`: legacy Account Activity deliveries are
  `{"for_user_id", "tweet_create_events": [...] | "direct_message_events": [...], "users": {...}}`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable, Mapping
from typing import Any

from aduan.channels.base import (
    IGNORED,
    RELEVANT,
    SIGNING_SECRET,
    ChannelWebhook,
    Relevance,
    Reply,
    SecretLookup,
    Verdict,
    error,
    unreadable,
)

SIGNATURE_HEADER = "x-twitter-webhooks-signature"
PREFIX = "sha256="

#: X Activity API event types that can carry a citizen's words.
POST_EVENTS = frozenset({"post.mention.create", "post.reply.create"})
DM_EVENT = "dm.received"
# XChat `chat.*` events carry only end-to-end encrypted content (`encoded_event`): they fall through the gate
# like every other event type, acknowledged with 200 and counted as ignored.


def digest(message: bytes, secret: str) -> str:
    """`sha256=` + base64 HMAC-SHA256 of `message` keyed with the consumer secret (CRC and signature alike)."""
    mac = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).digest()
    return PREFIX + base64.b64encode(mac).decode("ascii")


def handshake(query: Mapping[str, str], secrets: SecretLookup) -> Reply:
    """X's Challenge-Response Check: the CRC token signed with the consumer secret; no token is a 400."""
    token = query.get("crc_token")
    if not token:
        return error(400, "missing_crc_token", "crc_token query parameter is required")
    return Reply(200, {"response_token": digest(token.encode("utf-8"), secrets(SIGNING_SECRET, False))})


def verify(body: bytes, headers: Mapping[str, str], secret: str, now: float) -> Verdict:
    """The header must equal our own HMAC of the raw body, compared in constant time."""
    signature = (headers.get(SIGNATURE_HEADER) or "").strip()
    if not signature:
        return Verdict.invalid("missing_signature")
    if not signature.startswith(PREFIX):
        return Verdict.invalid("malformed_signature")
    if not secret or not hmac.compare_digest(digest(body, secret).encode(), signature.encode()):
        return Verdict.invalid("invalid_signature")
    return Verdict.valid()


def sign(body: bytes, secret: str, now: float) -> dict[str, str]:
    """The signature header X sends with `body` (the simulator and tests use this; it has no timestamp)."""
    return {SIGNATURE_HEADER: digest(body, secret)}


def probe(secrets: Mapping[str, str], nonce: str) -> tuple[dict[str, str], Callable[[int, str], bool]]:
    """The CRC X sends (`nonce` is its crc_token), and how X judges the answer: 200 and the right token."""

    def accepted(status: int, body: str) -> bool:
        try:
            answer = json.loads(body)
        except ValueError:
            return False
        expected = digest(nonce.encode("utf-8"), secrets[SIGNING_SECRET])
        return status == 200 and isinstance(answer, dict) and answer.get("response_token") == expected

    return {"crc_token": nonce}, accepted


def _id(value: Any) -> str:
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""


#: What one item of a delivery is, for the gate: a citizen's, our own (or not a message), or unreadable.
_CITIZEN, _NOT_A_COMPLAINT = "citizen", "ignored"


def _dm_kind(event: Any, own_id: str) -> str:
    if not isinstance(event, dict):
        return "must be an object"
    if event.get("type") != "message_create":
        return _NOT_A_COMPLAINT
    create = event.get("message_create")
    sender = _id(create.get("sender_id")) if isinstance(create, dict) else ""
    if not sender:
        return "has no message_create.sender_id"
    return _NOT_A_COMPLAINT if sender == own_id else _CITIZEN


def _legacy_post_kind(post: Any, own_id: str) -> str:
    if not isinstance(post, dict):
        return "must be an object"
    user = post.get("user")
    author = _id(user.get("id_str") or user.get("id")) if isinstance(user, dict) else ""
    if not author:
        return "has no user.id_str"
    return _NOT_A_COMPLAINT if author == own_id or "retweeted_status" in post else _CITIZEN


def _items(path: str, items: Any, kind: Callable[[Any, str], str], own_id: str) -> Relevance:
    """Relevant when one item is a citizen's (its malformed siblings are rejected by the parser one by one);
    unreadable when none is and one cannot be read; otherwise ignored."""
    if not isinstance(items, list):
        return unreadable(f"{path} must be a list")
    bad = ""
    for i, item in enumerate(items):
        what = kind(item, own_id)
        if what == _CITIZEN:
            return RELEVANT
        if what != _NOT_A_COMPLAINT:
            bad = bad or f"{path}[{i}] {what}"
    return unreadable(bad) if bad else IGNORED


def _activity(data: Any) -> Relevance:
    if not isinstance(data, dict):
        return unreadable("data must be an object")
    event_type = data.get("event_type")
    if not isinstance(event_type, str):
        return unreadable("data.event_type must be a string")
    if event_type not in POST_EVENTS and event_type != DM_EVENT:
        return IGNORED
    flt = data.get("filter")
    own_id = _id(flt.get("user_id")) if isinstance(flt, dict) else ""
    body = data.get("payload")
    if not isinstance(body, dict):
        return unreadable("data.payload must be an object")
    if event_type == DM_EVENT:
        return _items("data.payload.direct_message_events", body.get("direct_message_events"), _dm_kind, own_id)
    author = _id(body.get("author_id"))
    if not author or not _id(body.get("id")):
        return unreadable("data.payload has no id or author_id")
    return IGNORED if author == own_id else RELEVANT


def is_citizen_delivery(payload: Any) -> Relevance:
    """Does this delivery carry a post or DM written by someone other than our own account? Total: never raises.

    Our own posts and DMs (the desk's replies echoed back), reposts, encrypted `chat.*` events, likes,
    follows, profile and OAuth events are ignored. A delivery whose shape cannot be read (no envelope, a
    citizen event without its payload, no readable item) is unreadable: the glue parks it whole.
    """
    if not isinstance(payload, dict):
        return unreadable("body is not an object")
    if "data" in payload:  # X Activity API envelope
        return _activity(payload["data"])
    if "for_user_id" in payload:  # legacy Account Activity API
        own_id = _id(payload.get("for_user_id"))
        results = [
            _items(key, payload[key], kind, own_id)
            for key, kind in (("tweet_create_events", _legacy_post_kind), ("direct_message_events", _dm_kind))
            if key in payload
        ]
        if any(r.relevant for r in results):
            return RELEVANT
        return next((r for r in results if r.unreadable), IGNORED)
    return unreadable("neither data (X Activity API) nor for_user_id (Account Activity API)")


WEBHOOK = ChannelWebhook(
    name="x",
    handshake=handshake,
    verify=verify,
    is_relevant=is_citizen_delivery,
    secrets=(SIGNING_SECRET,),
    signing_secret_name="consumer secret",  # noqa: S106 - a name (X_CONSUMER_SECRET locally), not a secret
    sign=sign,
    probe=probe,
)
