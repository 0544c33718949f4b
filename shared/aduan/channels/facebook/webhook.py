"""Facebook Page webhook parts (object `page`): Meta's handshake and signature, and a cheap relevance gate.

Standard library only: the webhook function must not pay for pydantic at cold start.

What a delivery carries (developers.facebook.com Messenger Platform webhook docs and the Graph API Page
webhook reference; the item/verb lists, marked unconfirmed in platforms.md, were checked against that
reference and against open-source receivers such as bottender's Facebook connector, 2026):
`entry[].messaging[]` for Messenger (same shape as Instagram's DMs, `sender.id` the user's page-scoped id),
and `entry[].changes[]` with `field: "feed"`, `value{item, verb, post_id, comment_id?, parent_id?,
from{id, name}, message?, created_time, photo?, video?, link?}` where `item` is one of comment, post,
status, photo, video, share, reaction, like... and `verb` one of add, edited (also edit), remove (also
delete), hide, unhide.
"""

from __future__ import annotations

from typing import Any

from aduan.channels import meta
from aduan.channels.base import SIGNING_SECRET, VERIFY_TOKEN, ChannelWebhook, Relevance

OBJECT = "page"
FEED_FIELD = "feed"
#: Feed items a citizen writes. Reactions, likes and shares are not complaints.
COMPLAINT_ITEMS = frozenset({"comment", "post", "status", "photo", "video"})
NEW_VERBS = frozenset({"add"})
EDIT_VERBS = frozenset({"edited", "edit"})
REMOVE_VERBS = frozenset({"remove", "delete", "hide"})
HANDLED_VERBS = NEW_VERBS | EDIT_VERBS | REMOVE_VERBS


def _change_is_relevant(page_id: str, change: dict[str, Any]) -> bool:
    value = change.get("value")
    if change.get("field") != FEED_FIELD or not isinstance(value, dict):
        return False
    item, verb = value.get("item"), value.get("verb")
    if (
        not isinstance(item, str)
        or not isinstance(verb, str)
        or item not in COMPLAINT_ITEMS
        or verb not in HANDLED_VERBS
    ):
        return False
    author = meta.sender_id(value, "from")
    # The Page's own posts and comments are not complaints; a removal may come without `from`.
    return author != page_id and (bool(author) or verb in REMOVE_VERBS)


def is_citizen_delivery(payload: Any) -> Relevance:
    """Does this delivery carry a citizen's Messenger message, comment or visitor post? Total: never raises."""
    return meta.relevance(payload, OBJECT, _change_is_relevant)


WEBHOOK = ChannelWebhook(
    name="facebook",
    handshake=meta.handshake,
    verify=meta.verify,
    is_relevant=is_citizen_delivery,
    secrets=(SIGNING_SECRET, VERIFY_TOKEN),
    sign=meta.sign,
    probe=meta.probe,
)
