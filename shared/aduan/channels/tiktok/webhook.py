"""TikTok Business Messaging webhook parts: `Tiktok-Signature` with a replay window, and a cheap relevance gate.

Standard library only: the webhook function must not pay for pydantic at cold start.

What this relies on:
- developers.tiktok.com/doc/webhooks-verification: the header is `Tiktok-Signature: t=<unix seconds>,s=<hex>`;
  split on `,` then on `=`; the signed payload is `<t>` + `.` + the raw request body; the signature is
  HMAC-SHA256 keyed with the app's client secret, hex encoded. The timestamp is inside the signed payload so it
  cannot be changed without breaking the signature, and the docs suggest rejecting payloads whose timestamp is
  too old, without naming a tolerance.
- developers.tiktok.com/doc/webhooks-overview: deliveries are HTTPS POSTs of JSON; anything but a 200 is a
  failed delivery, retried with exponential backoff for up to 72 hours; delivery is at least once. Neither page
  describes a GET verification request, and Chatwoot's TikTok controller routes only POST, so there is no
  handshake (`handshake=None`: the route answers 405 to GET).
- Body: `{"client_key", "event", "create_time", "user_openid" (our business account), "content": "<JSON
  string>"}` with events `im_receive_msg` (a user writes to us), `im_send_msg` (our own send, echoed) and
  `im_mark_read_msg` (a read receipt): the Business API docs as cited by Chatwoot (`tiktok_events_job.rb`,
  business-api.tiktok.com/portal/docs?id=1832190670631937).

Replay window: a signed timestamp more than `TOLERANCE_SECONDS` (300 s) away from our clock, in the past or the
future, is refused with 401 `stale_timestamp`. Why 300 s:
- a replay inside the window gains an attacker nothing: every message is deduplicated on its `message_id` with a
  conditional write, so the window only has to stop old captured requests, not duplicates;
- a tight window (Chatwoot allows 5 s) refuses genuine deliveries that a Lambda cold start, API Gateway or
  TikTok's own queueing delayed by a few seconds, or that a small clock skew shifted; a refused delivery is
  retried and, after 72 h, discarded: a lost report;
- 300 s is the default of Stripe's and the Standard Webhooks libraries, so operators know what it means;
- the same bound in the future: Lambda's clock is NTP-synchronised, so a timestamp minutes ahead means a broken
  clock on one side, which the 401 count (and its alarm) should reveal rather than hide.
Retries are assumed to be signed afresh (the only way Chatwoot's 5 s window can work); if TikTok ever resent an
old signature, those retries would be refused and counted, and the window would need widening.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

from aduan.channels.base import IGNORED, RELEVANT, SIGNING_SECRET, ChannelWebhook, Relevance, Verdict, unreadable

SIGNATURE_HEADER = "tiktok-signature"
TOLERANCE_SECONDS = 300
RECEIVE_EVENT = "im_receive_msg"


def signature(body: bytes, secret: str, timestamp: int) -> str:
    """Hex HMAC-SHA256 of `"<timestamp>.<raw body>"` keyed with the app secret."""
    return hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def _parts(header: str) -> tuple[int | None, list[str]]:
    timestamp: int | None = None
    signatures: list[str] = []
    for element in header.split(","):
        prefix, _, value = element.strip().partition("=")
        if prefix == "t" and timestamp is None:
            try:
                timestamp = int(value)
            except ValueError:
                return None, []
        elif prefix == "s" and value:
            signatures.append(value.strip().lower())
    return timestamp, signatures


def verify(body: bytes, headers: Mapping[str, str], secret: str, now: float) -> Verdict:
    """The signature first (so `stale_timestamp` always names a genuine but late delivery), then the window."""
    header = headers.get(SIGNATURE_HEADER)
    if not header:
        return Verdict.invalid("missing_signature")
    timestamp, signatures = _parts(header)
    if timestamp is None or not signatures:
        return Verdict.invalid("malformed_signature")
    expected = signature(body, secret, timestamp).encode() if secret else b""
    # Every candidate is compared, in constant time, so timing does not reveal which one matched.
    matches = [hmac.compare_digest(expected, candidate.encode()) for candidate in signatures]
    if not secret or not any(matches):
        return Verdict.invalid("invalid_signature")
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        return Verdict.invalid("stale_timestamp")
    return Verdict.valid()


def sign(body: bytes, secret: str, now: float) -> dict[str, str]:
    """The signature header TikTok would send with `body` at time `now` (the simulator and tests use this)."""
    timestamp = int(now)
    return {SIGNATURE_HEADER: f"t={timestamp},s={signature(body, secret, timestamp)}"}


def is_citizen_delivery(payload: Any) -> Relevance:
    """Only `im_receive_msg` carries a citizen's message. Total: never raises, whatever the JSON.

    Our own sends (`im_send_msg`), read receipts and every other event are ignored, and so is a receive
    event whose content shows it was written by our own account. A receive event whose double-encoded
    `content` cannot be read is unreadable: the glue parks it whole with the reason.
    """
    if not isinstance(payload, dict):
        return unreadable("body is not an object")
    event = payload.get("event")
    if not isinstance(event, str):
        return unreadable("event must be a string")
    if event != RECEIVE_EVENT:
        return IGNORED
    content = payload.get("content")
    try:
        inner = json.loads(content) if isinstance(content, str) else content
    except (ValueError, RecursionError):
        return unreadable("content is not a JSON document")
    if not isinstance(inner, dict):
        return unreadable("content must be a JSON object")
    sender = inner.get("from_user")
    own = payload.get("user_openid")
    if isinstance(sender, dict) and own and sender.get("id") == own:
        return IGNORED
    return RELEVANT


WEBHOOK = ChannelWebhook(
    name="tiktok",
    handshake=None,
    verify=verify,
    is_relevant=is_citizen_delivery,
    secrets=(SIGNING_SECRET,),
    signing_secret_name="app secret",  # noqa: S106 - a name (TIKTOK_APP_SECRET locally), not a secret
    sign=sign,
    probe=None,
)
