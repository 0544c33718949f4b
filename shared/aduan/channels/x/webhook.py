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
from collections.abc import Mapping
from typing import Any

from aduan.channels.base import SIGNING_SECRET, ChannelWebhook, Reply, SecretLookup, Verdict, error

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
    """The headers X would send with `body` (the simulator and tests use this; X's signature has no time)."""
    return {SIGNATURE_HEADER: digest(body, secret), "content-type": "application/json; charset=utf-8"}


def _id(value: Any) -> str:
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""


def _ours(item: Any, own_id: str) -> bool:
    """Is this DM event or legacy post certainly our own account's (an echo of what the desk sent)?"""
    if not isinstance(item, dict):
        return False
    create = item.get("message_create")
    if isinstance(create, dict):
        return bool(own_id) and _id(create.get("sender_id")) == own_id
    user = item.get("user")
    if isinstance(user, dict):
        return bool(own_id) and _id(user.get("id_str") or user.get("id")) == own_id
    return False


def _any_not_ours(items: Any, own_id: str) -> bool:
    if items is None:
        return False
    if not isinstance(items, list):
        return True  # malformed: let the parser reject it with its path, so it is parked, not dropped
    return any(not _ours(item, own_id) for item in items)


def is_citizen_delivery(payload: Any) -> bool:
    """Could this delivery carry a post or DM written by someone other than our own account?

    Our own posts and DMs (the desk's replies echoed back), encrypted `chat.*` events, likes, follows,
    profile and OAuth events are acknowledged without being queued. A citizen event type whose items are
    malformed is let through, so that the parser rejects them with their path and they are parked, never
    silently dropped. The parser applies the same rules item by item.
    """
    if not isinstance(payload, dict):
        return False
    data = payload.get("data")
    if isinstance(data, dict):  # X Activity API envelope
        event_type = data.get("event_type")
        flt = data.get("filter")
        own_id = _id(flt.get("user_id")) if isinstance(flt, dict) else ""
        body = data.get("payload")
        if event_type in POST_EVENTS:
            return not (isinstance(body, dict) and own_id and _id(body.get("author_id")) == own_id)
        if event_type == DM_EVENT:
            events = body.get("direct_message_events") if isinstance(body, dict) else None
            return not isinstance(events, list) or _any_not_ours(events, own_id)
        return False
    if "for_user_id" in payload:  # legacy Account Activity API
        own_id = _id(payload.get("for_user_id"))
        return _any_not_ours(payload.get("tweet_create_events"), own_id) or _any_not_ours(
            payload.get("direct_message_events"), own_id
        )
    return False


WEBHOOK = ChannelWebhook(
    name="x",
    handshake=handshake,
    verify=verify,
    is_relevant=is_citizen_delivery,
    secrets=(SIGNING_SECRET,),
)
