"""Instagram webhook parts (object `instagram`): Meta's handshake and signature, and a cheap relevance gate.

Standard library only: the webhook function must not pay for pydantic at cold start.

What a delivery carries (developers.facebook.com/docs/instagram-platform/webhooks/examples and the
Graph API webhook reference for Instagram, checked 2026): `entry[].messaging[]` for direct messages
(`sender.id` the user's Instagram-scoped id, `recipient.id` our account, `timestamp` in ms, `message{mid,
text, attachments, is_echo, is_deleted, reply_to}`; reactions, reads and postbacks carry no `message`), and
`entry[].changes[]` with `field` `comments` / `live_comments` (`value{id, text, from{id, username}, media{id,
media_product_type}, parent_id?}`) or, with Facebook Login, `mentions` (`value{media_id, comment_id}`: ids
only). With Instagram Login, @mentions arrive as `comments`.
"""

from __future__ import annotations

from typing import Any

from aduan.channels import meta
from aduan.channels.base import SIGNING_SECRET, VERIFY_TOKEN, ChannelWebhook, Relevance

OBJECT = "instagram"
COMMENT_FIELDS = frozenset({"comments", "live_comments"})
MENTION_FIELD = "mentions"


def _change_is_relevant(account_id: str, change: dict[str, Any]) -> bool:
    value = change.get("value")
    if not isinstance(value, dict):
        return False
    field = change.get("field")
    if not isinstance(field, str):
        return False
    if field in COMMENT_FIELDS:
        author = meta.sender_id(value, "from")
        return bool(author) and author != account_id  # our own replies under our posts are not complaints
    return field == MENTION_FIELD and bool(value.get("comment_id") or value.get("media_id"))


def is_citizen_delivery(payload: Any) -> Relevance:
    """Does this delivery carry a citizen's DM, comment or mention? Total: never raises."""
    return meta.relevance(payload, OBJECT, _change_is_relevant)


WEBHOOK = ChannelWebhook(
    name="instagram",
    handshake=meta.handshake,
    verify=meta.verify,
    is_relevant=is_citizen_delivery,
    secrets=(SIGNING_SECRET, VERIFY_TOKEN),
    sign=meta.sign,
    probe=meta.probe,
)
