"""The webhook service, written once for every channel: verify, read, gate, enqueue or park, answer.

A platform's webhook must be answered in milliseconds and never with a 5xx for what the platform sent
(Meta and TikTok retry every non-200 for days and then unsubscribe the endpoint). So, for every channel:

- a missing, forged or stale signature is a 401 and nothing is stored;
- a correctly signed body we cannot read (too large, not UTF-8, nested too deep, not JSON, NaN, or a shape
  the channel's gate cannot read) is answered 200, kept whole in the parking place (the intake dead-letter
  queue, with its reason) and counted: an operator inspects it, the platform does not resend it;
- a delivery without a citizen message (receipts, echoes, events we do not handle) is answered 200 and
  dropped;
- everything else is enqueued for the normalizer and answered 200.

Size and depth are checked before `json.loads`, so no body can make the parser recurse or allocate without
bound. Standard library only (plus the channel's own webhook module): this is on every webhook's cold start.
The Lambda side (routes, logging, metrics, secrets from SSM) is `aduan.webhook_handler`.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from aduan.channels.base import SIGNING_SECRET, ChannelWebhook, Relevance, Reply, SecretLookup, Verdict, error

#: Larger than any delivery a platform documents (WhatsApp's reach 3 MB) and below Lambda's 6 MB request
#: limit: a signed body above it is parked unread.
MAX_BODY_BYTES = 4 * 1024 * 1024
#: Platform deliveries nest about ten levels (entry, changes, value, messages, a message, its media...);
#: anything deeper than this is not a delivery and is parked before it reaches the JSON parser.
MAX_DEPTH = 64
#: A rotated signing secret is re-read when a signature does not match, at most this often.
REFRESH_COOLDOWN_SECONDS = 60

_MESSAGES = {
    "missing_signature": "the request carries no signature header",
    "invalid_signature": "signature does not match the body",
    "malformed_signature": "the signature header cannot be read",
    "stale_timestamp": "the signed timestamp is outside the accepted window",
}


class Intake(Protocol):
    """Where verified deliveries go (`aduan.intake.IntakeQueue`)."""

    def enqueue(self, channel: str, body: str, received_at: str, request_id: str) -> str: ...

    def park(self, channel: str, body: bytes, reason: str, received_at: str, request_id: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one request: the reply, a short outcome for metrics, and the reason for logs."""

    reply: Reply
    outcome: str  # accepted, ignored, parked, rejected, handshake
    reason: str = ""  # a machine-readable code, never content from the body


def raw_body(event: Mapping[str, Any]) -> bytes:
    """The request body exactly as the platform sent it (API Gateway may hand it over base64-encoded).

    A body flagged base64 that does not decode is returned empty: its signature then cannot match (401).
    """
    body = event.get("body") or ""
    if event.get("isBase64Encoded"):
        try:
            return base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            return b""
    return body.encode("utf-8", errors="surrogatepass") if isinstance(body, str) else bytes(body)


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Does this JSON text nest arrays and objects more than `limit` levels deep? Never recurses.

    Brackets inside strings do not count. A text with no more than `limit` opening brackets in all cannot
    be too deep, which is the common case and costs two `str.count` calls.
    """
    if text.count("{") + text.count("[") <= limit:
        return False
    depth = 0
    for char in _NOT_BRACKET.sub("", _STRING.sub("", text)):
        if char in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def read_json(body: bytes) -> tuple[Any, str]:
    """The body's JSON value and "", or None and why it cannot be read (a code and a detail, no content)."""
    if len(body) > MAX_BODY_BYTES:
        return None, f"too_large: {len(body)} bytes, limit {MAX_BODY_BYTES}"
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not_utf8: invalid byte at offset {exc.start}"
    if too_deep(text):
        return None, f"too_deep: nested more than {MAX_DEPTH} levels"
    try:
        return json.loads(text, parse_constant=_reject_constant), ""
    except json.JSONDecodeError as exc:
        return None, f"not_json: line {exc.lineno} column {exc.colno}"
    except (ValueError, RecursionError) as exc:  # NaN/Infinity, integers over Python's digit limit
        return None, f"not_json: {type(exc).__name__}"


def received_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class WebhookService:
    """One channel's webhook: handshake and deliveries, with the secrets and the intake injected."""

    def __init__(
        self,
        channel: ChannelWebhook,
        secrets: SecretLookup,
        intake: Intake,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.channel = channel
        self.secrets = secrets
        self.intake = intake
        self.clock = clock
        self.wall_clock = wall_clock
        self._last_refresh = float("-inf")

    def handshake(self, query: Mapping[str, str]) -> Outcome:
        """The platform's subscription check (Meta's verify token, X's CRC)."""
        if self.channel.handshake is None:
            return Outcome(error(405, "no_handshake", f"{self.channel.name} has no GET handshake"), "handshake")
        reply = self.channel.handshake(query, self.secrets)
        return Outcome(reply, "handshake", "" if reply.status == 200 else str(_code(reply)))

    def deliver(self, body: bytes, headers: Mapping[str, str], request_id: str) -> Outcome:
        """Verify one delivery, then enqueue it, drop it (no citizen message) or park it (unreadable)."""
        lowered = {name.lower(): value for name, value in headers.items()}
        verdict = self._verify(body, lowered)
        if not verdict.ok:
            message = _MESSAGES.get(verdict.reason, "signature rejected")
            return Outcome(error(401, verdict.reason or "invalid_signature", message), "rejected", verdict.reason)
        payload, problem = read_json(body)
        if problem:
            return self._park(body, problem, request_id)
        relevance = self._relevance(payload)
        if relevance.unreadable:
            return self._park(body, f"unreadable: {relevance.unreadable}", request_id)
        if not relevance.relevant:
            return Outcome(Reply(200, {"status": "ignored"}), "ignored")
        self.intake.enqueue(self.channel.name, body.decode("utf-8"), received_now(), request_id)
        return Outcome(Reply(200, {"status": "accepted"}), "accepted")

    def _relevance(self, payload: Any) -> Relevance:
        try:
            return self.channel.relevance(payload)
        except Exception as exc:  # noqa: BLE001 - a gate bug must not become a 5xx: the body is parked and alarmed
            return Relevance(False, f"gate_error: {type(exc).__name__}")

    def _park(self, body: bytes, reason: str, request_id: str) -> Outcome:
        self.intake.park(self.channel.name, body, reason, received_now(), request_id)
        return Outcome(Reply(200, {"status": "parked"}), "parked", reason)

    def _verify(self, body: bytes, headers: Mapping[str, str]) -> Verdict:
        now = self.wall_clock()
        verdict = self.channel.verify(body, headers, self.secrets(SIGNING_SECRET, False), now)
        if verdict.ok or verdict.reason != "invalid_signature":
            return verdict
        # The signing secret may have just been rotated: re-read it, at most once a minute.
        tick = self.clock()
        if tick - self._last_refresh < REFRESH_COOLDOWN_SECONDS:
            return verdict
        self._last_refresh = tick
        return self.channel.verify(body, headers, self.secrets(SIGNING_SECRET, True), now)


def _code(reply: Reply) -> str:
    return str(reply.body.get("error", reply.status)) if isinstance(reply.body, dict) else str(reply.status)
