"""Meta-style webhook intake (WhatsApp Cloud API; Instagram and Facebook Pages share the scheme).

Verify, enqueue, answer: no parsing beyond what is needed to give a malformed body a clear 400 and to
skip deliveries that carry no citizen message. Kept free of pydantic and the ticket model so that the
webhook function's cold start stays close to boto3's own.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aduan.signatures import verify_meta_signature

SecretLoader = Callable[[str, bool], str]  # (parameter name, force refresh) -> value
REFRESH_COOLDOWN_SECONDS = 60


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    body: dict[str, Any] | str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def is_text(self) -> bool:
        return isinstance(self.body, str)


def error(status: int, code: str, message: str) -> Reply:
    return Reply(status, {"error": code, "message": message})


def raw_body(event: Mapping[str, Any]) -> bytes:
    """The request body exactly as the platform sent it (API Gateway may hand it over base64-encoded)."""
    body = event.get("body") or ""
    if event.get("isBase64Encoded"):
        try:
            return base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            return b""
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


class MetaWebhook:
    """Handshake and deliveries for one Meta webhook (one app secret, one verify token)."""

    def __init__(
        self,
        channel: str,
        app_secret_param: str,
        verify_token_param: str,
        secrets: SecretLoader,
        enqueue: Callable[[str, str, str, str], str],
        is_relevant: Callable[[Any], bool],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.channel = channel
        self.app_secret_param = app_secret_param
        self.verify_token_param = verify_token_param
        self.secrets = secrets
        self.enqueue = enqueue
        self.is_relevant = is_relevant
        self.clock = clock
        self._last_refresh = float("-inf")

    def handshake(self, query: Mapping[str, str]) -> Reply:
        """Meta's subscription check: echo `hub.challenge` when the verify token matches, else 403."""
        mode = query.get("hub.mode")
        token = query.get("hub.verify_token") or ""
        challenge = query.get("hub.challenge")
        if mode != "subscribe" or not challenge:
            return error(400, "invalid_handshake", "hub.mode=subscribe and hub.challenge are required")
        expected = self.secrets(self.verify_token_param, False)
        if not hmac.compare_digest(token.encode(), expected.encode()):
            return error(403, "invalid_verify_token", "verify token does not match")
        return Reply(200, challenge)

    def deliver(self, body: bytes, headers: Mapping[str, str], request_id: str) -> tuple[Reply, str]:
        """Verify and enqueue one delivery; returns the reply and what happened (for logs and metrics)."""
        signature = headers.get("x-hub-signature-256")
        if not signature:
            return error(401, "missing_signature", "X-Hub-Signature-256 header is required"), "unsigned"
        if not self._signature_ok(body, signature):
            return error(401, "invalid_signature", "signature does not match the body"), "bad_signature"
        try:
            text = body.decode("utf-8")
            payload = json.loads(text)
        except (UnicodeDecodeError, ValueError) as exc:
            reason = f"line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else "not UTF-8"
            return error(400, "malformed_body", f"body is not valid JSON ({reason})"), "malformed"
        if not isinstance(payload, dict):
            return error(400, "malformed_body", "body must be a JSON object"), "malformed"
        if not self.is_relevant(payload):
            return Reply(200, {"status": "ignored"}), "ignored"
        received_at = datetime.now(UTC).isoformat(timespec="milliseconds")
        self.enqueue(self.channel, text, received_at, request_id)
        return Reply(200, {"status": "accepted"}), "accepted"

    def _signature_ok(self, body: bytes, signature: str) -> bool:
        if verify_meta_signature(body, signature, self.secrets(self.app_secret_param, False)):
            return True
        # The app secret may have just been rotated: re-read it, at most once a minute.
        now = self.clock()
        if now - self._last_refresh < REFRESH_COOLDOWN_SECONDS:
            return False
        self._last_refresh = now
        return verify_meta_signature(body, signature, self.secrets(self.app_secret_param, True))
