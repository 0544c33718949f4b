"""What Meta's webhooks share (WhatsApp Cloud API, Instagram, Facebook Pages): the verify-token handshake,
`X-Hub-Signature-256`, and the gate over the Instagram / Page envelope.
Standard library only: this is on every Meta webhook's cold-start path.

Source: developers.facebook.com/docs/graph-api/webhooks/getting-started (verification requests and
payload validation).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping
from typing import Any

from aduan.channels.base import (
    IGNORED,
    RELEVANT,
    VERIFY_TOKEN,
    Relevance,
    Reply,
    SecretLookup,
    Verdict,
    error,
    unreadable,
)
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


# ---------------------------------------------------------------------------------------------- gates
# Instagram and Facebook Page deliveries share one envelope: `{"object", "entry": [{"id" (our account),
# "time", "messaging": [...], "changes": [{"field", "value"}]}]}`. WhatsApp has its own (changes only).

ChangeTest = Callable[[str, dict[str, Any]], bool]  # (our account id, change) -> carries a citizen's message?


def _id(value: Any) -> str:
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""


def sender_id(node: Any, key: str = "sender") -> str:
    """`node[key].id` as a string, or "" when any part is missing or of the wrong type."""
    holder = node.get(key) if isinstance(node, dict) else None
    return _id(holder.get("id")) if isinstance(holder, dict) else ""


def is_citizen_message_event(event: dict[str, Any], account_id: str) -> bool:
    """A Messenger / Instagram messaging event that is a citizen's message (or their deletion of one).

    Echoes of our own sends, reactions, reads, deliveries, postbacks and referrals are not.
    """
    message = event.get("message")
    if not isinstance(message, dict) or message.get("is_echo") is True:
        return False
    sender = sender_id(event)
    return bool(sender) and sender != account_id


def relevance(payload: Any, object_name: str, change_is_relevant: ChangeTest) -> Relevance:
    """The gate shared by Instagram and Facebook: total (never raises), whatever the JSON.

    Relevant as soon as one item carries a citizen's message; otherwise unreadable when an item had the
    wrong shape (its path is the reason), else ignored.
    """
    if not isinstance(payload, dict):
        return unreadable("body is not an object")
    if payload.get("object") != object_name:
        return unreadable(f"object is not {object_name}")
    entries = payload.get("entry")
    if not isinstance(entries, list):
        return unreadable("entry must be a list")
    bad = ""
    for e, entry in enumerate(entries):
        if not isinstance(entry, dict):
            bad = bad or f"entry[{e}] must be an object"
            continue
        account = _id(entry.get("id"))
        for key in ("messaging", "changes"):
            items = entry.get(key)
            if items is None:
                continue
            if not isinstance(items, list):
                bad = bad or f"entry[{e}].{key} must be a list"
                continue
            for i, item in enumerate(items):
                if not isinstance(item, dict):
                    bad = bad or f"entry[{e}].{key}[{i}] must be an object"
                elif (key == "messaging" and is_citizen_message_event(item, account)) or (
                    key == "changes" and change_is_relevant(account, item)
                ):
                    return RELEVANT
    return unreadable(bad) if bad else IGNORED
