"""WhatsApp Cloud API webhook parts: Meta's handshake and signature, and a cheap relevance gate.

Standard library only: the webhook function must not pay for pydantic at cold start.
"""

from __future__ import annotations

from typing import Any

from aduan.channels import meta
from aduan.channels.base import IGNORED, RELEVANT, SIGNING_SECRET, VERIFY_TOKEN, ChannelWebhook, Relevance, unreadable

OBJECT = "whatsapp_business_account"


def is_citizen_delivery(payload: Any) -> Relevance:
    """Does this delivery carry at least one message from a citizen? Total: never raises, whatever the JSON.

    Statuses-only deliveries (sent/delivered/read receipts of our own messages, the bulk of WhatsApp
    traffic), echoes and account notifications are ignored. A delivery with a citizen message is relevant
    even when some of its other items are malformed (the parser rejects those one by one); one with no
    message and a malformed item is unreadable, with the path of the first bad item.
    """
    if not isinstance(payload, dict):
        return unreadable("body is not an object")
    if payload.get("object") != OBJECT:
        return unreadable(f"object is not {OBJECT}")
    entries = payload.get("entry")
    if not isinstance(entries, list):
        return unreadable("entry must be a list")
    bad = ""
    for e, entry in enumerate(entries):
        changes = entry.get("changes") if isinstance(entry, dict) else None
        if not isinstance(changes, list):
            bad = bad or f"entry[{e}] must be an object with a changes list"
            continue
        for c, change in enumerate(changes):
            if not isinstance(change, dict):
                bad = bad or f"entry[{e}].changes[{c}] must be an object"
                continue
            if change.get("field") != "messages":
                continue
            value = change.get("value")
            messages = value.get("messages") if isinstance(value, dict) else None
            if isinstance(messages, list) and messages:
                return RELEVANT
            if not isinstance(value, dict) or messages not in (None, []):
                bad = bad or f"entry[{e}].changes[{c}].value has no readable messages list"
    return unreadable(bad) if bad else IGNORED


WEBHOOK = ChannelWebhook(
    name="whatsapp",
    handshake=meta.handshake,
    verify=meta.verify,
    is_relevant=is_citizen_delivery,
    secrets=(SIGNING_SECRET, VERIFY_TOKEN),
    sign=meta.sign,
    probe=meta.probe,
)
