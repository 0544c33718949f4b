"""Facebook Page webhook deliveries: Messenger messages and the Page feed (comments and visitor posts).

- Messenger (`entry[].messaging[]`): the same rules as Instagram DMs (`aduan.channels.meta_parse`); the
  conversation is the citizen's page-scoped id.
- Feed (`field: "feed"`): comments and visitor posts (`item` comment, post, status, photo, video) with
  `verb` add (a new public message), edited or edit (`action=EDIT`: the stored message is updated, never a
  new ticket), remove, delete or hide (`action=REMOVE`: the stored message is marked). Reactions, likes,
  shares, `unhide` and the Page's own posts and comments are ignored. A comment thread is its root comment
  (for a top-level comment `parent_id` is the post, so the comment is its own root; Facebook nests replies one
  level under a top-level comment), one conversation per person; a visitor post is its own root.

Edits and removals are timestamped with the notification's `entry.time` (when Meta sent it), because
`created_time` may be the item's original creation time and two edits of one comment must not share a
deduplication key (`InboundMessage.dedup_key`); a redelivered notification keeps its `entry.time`.
"""

from __future__ import annotations

from typing import Any

from aduan.channels.base import ParseResult
from aduan.channels.facebook.webhook import (
    COMPLAINT_ITEMS,
    EDIT_VERBS,
    FEED_FIELD,
    HANDLED_VERBS,
    OBJECT,
    REMOVE_VERBS,
)
from aduan.channels.meta import sender_id
from aduan.channels.meta_parse import (
    Unreadable,
    comment_conversation,
    each_item,
    entries,
    read_messaging,
    text_of,
    timestamp,
)
from aduan.models import Channel, CitizenIdentity, InboundMessage, Media, MessageAction

MEDIA_KEYS = (("photo", "image"), ("video", "video"), ("link", "link"))


def parse(body: str) -> ParseResult:
    """Every citizen message in one Page delivery, oldest first, each item read on its own."""
    found = entries(body, OBJECT)
    result = ParseResult()

    def keep(message: InboundMessage | None) -> None:
        if message is None:
            result.ignored += 1
        else:
            result.messages.append(message)

    each_item(found, "messaging", result, lambda item, path, entry: keep(read_messaging(item, entry, Channel.FACEBOOK)))
    each_item(found, "changes", result, lambda item, path, entry: keep(_read_change(item, entry)))
    return result.sort()


def _id(value: Any) -> str:
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) and value != "" else ""


def _read_change(change: dict[str, Any], entry: dict[str, Any]) -> InboundMessage | None:
    if change.get("field") != FEED_FIELD:
        return None
    value = change.get("value")
    if not isinstance(value, dict):
        raise Unreadable("value must be an object")
    item, verb = value.get("item"), value.get("verb")
    if (
        not isinstance(item, str)
        or not isinstance(verb, str)
        or item not in COMPLAINT_ITEMS
        or verb not in HANDLED_VERBS
    ):
        return None  # reactions, likes, shares, unhide, events, ratings...
    page = _id(entry.get("id"))
    author = sender_id(value, "from")
    if author and author == page:
        return None  # the Page's own post or comment
    post_id = _id(value.get("post_id"))
    comment_id = _id(value.get("comment_id"))
    target = comment_id if item == "comment" else post_id
    if not target:
        raise Unreadable(f"{'comment_id' if item == 'comment' else 'post_id'} is required")
    notified = timestamp(entry.get("time"))
    action = (
        MessageAction.EDIT
        if verb in EDIT_VERBS
        else MessageAction.REMOVE
        if verb in REMOVE_VERBS
        else MessageAction.NEW
    )
    if not author:
        if action is not MessageAction.REMOVE:
            raise Unreadable("from.id is required")
        author = f"unknown-{target}"  # a removal may not say who wrote the item: it names the item, that is enough
    parent = _id(value.get("parent_id"))
    root = parent if item == "comment" and parent and parent != post_id else target
    sender = value.get("from")
    name = sender.get("name") if isinstance(sender, dict) else None
    media = tuple(
        Media(kind=kind, media_id=value[key], url=value[key] if value[key].startswith("https://") else None)
        for key, kind in MEDIA_KEYS
        if isinstance(value.get(key), str) and value[key]
    )
    text = text_of(value.get("message"))
    if action is MessageAction.NEW and not text and not media:
        return None  # a sticker-only or empty comment
    return InboundMessage(
        channel=Channel.FACEBOOK,
        platform_message_id=target,
        account_id=page or None,
        citizen=CitizenIdentity(
            channel=Channel.FACEBOOK, platform_id=author, display_name=name if isinstance(name, str) else None
        ),
        conversation_id=comment_conversation(root, author),
        public=True,
        sent_at=timestamp(value.get("created_time"), notified) if action is MessageAction.NEW else notified,
        kind=str(item),
        text=text if action is not MessageAction.REMOVE else "",
        media=media if action is not MessageAction.REMOVE else (),
        reply_to=root if root != target else None,
        action=action,
        target_message_id=None if action is MessageAction.NEW else target,
    )
