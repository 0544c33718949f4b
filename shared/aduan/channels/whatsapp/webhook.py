"""WhatsApp Cloud API webhook parts: Meta's handshake and signature, and a cheap relevance gate.

Standard library only: the webhook function must not pay for pydantic at cold start.
"""

from __future__ import annotations

from typing import Any

from aduan.channels import meta
from aduan.channels.base import SIGNING_SECRET, VERIFY_TOKEN, ChannelWebhook

OBJECT = "whatsapp_business_account"


def is_citizen_delivery(payload: Any) -> bool:
    """Does this delivery carry at least one message from a citizen?

    Statuses-only deliveries (sent/delivered/read receipts of our own messages, the bulk of WhatsApp
    traffic), echoes and account notifications are acknowledged without being queued.
    """
    if not isinstance(payload, dict) or payload.get("object") != OBJECT:
        return False
    for entry in payload.get("entry") or ():
        if not isinstance(entry, dict):
            continue
        for change in entry.get("changes") or ():
            if not isinstance(change, dict) or change.get("field") != "messages":
                continue
            value = change.get("value")
            if isinstance(value, dict) and value.get("messages"):
                return True
    return False


WEBHOOK = ChannelWebhook(
    name="whatsapp",
    handshake=meta.handshake,
    verify=meta.verify,
    is_relevant=is_citizen_delivery,
    secrets=(SIGNING_SECRET, VERIFY_TOKEN),
)
