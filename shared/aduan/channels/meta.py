"""What Meta's webhooks share (WhatsApp Cloud API, Instagram, Facebook Pages): the verify-token handshake
and `X-Hub-Signature-256`. Standard library only: this is on every Meta webhook's cold-start path.

Source: developers.facebook.com/docs/graph-api/webhooks/getting-started (verification requests and
payload validation).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping

from aduan.channels.base import VERIFY_TOKEN, Reply, SecretLookup, Verdict, error
from aduan.signatures import meta_signature, verify_meta_signature

SIGNATURE_HEADER = "x-hub-signature-256"


def handshake(query: Mapping[str, str], secrets: SecretLookup) -> Reply:
    """Meta's subscription check: echo `hub.challenge` as plain text when the verify token matches, else 403."""
    mode = query.get("hub.mode")
    token = query.get("hub.verify_token") or ""
    challenge = query.get("hub.challenge")
    if mode != "subscribe" or not challenge:
        return error(400, "invalid_handshake", "hub.mode=subscribe and hub.challenge are required")
    expected = secrets(VERIFY_TOKEN, False)
    if not hmac.compare_digest(token.encode(), expected.encode()):
        return error(403, "invalid_verify_token", "verify token does not match")
    return Reply(200, challenge)


def verify(body: bytes, headers: Mapping[str, str], secret: str, now: float) -> Verdict:
    """HMAC-SHA256 of the raw body with the app secret; Meta's signature has no timestamp (dedup on ids)."""
    signature = headers.get(SIGNATURE_HEADER)
    if not signature:
        return Verdict.invalid("missing_signature")
    if not verify_meta_signature(body, signature, secret):
        return Verdict.invalid("invalid_signature")
    return Verdict.valid()


def sign(body: bytes, secret: str, now: float) -> dict[str, str]:
    """The signature header Meta sends with `body` (the simulator and the tests sign like Meta does)."""
    return {"X-Hub-Signature-256": meta_signature(body, secret)}


def probe(secrets: Mapping[str, str], nonce: str) -> tuple[dict[str, str], Callable[[int, str], bool]]:
    """The subscription check Meta sends when the callback URL is saved, and how Meta judges the answer."""
    query = {"hub.mode": "subscribe", "hub.challenge": nonce, "hub.verify_token": secrets[VERIFY_TOKEN]}
    return query, lambda status, body: status == 200 and body == nonce
