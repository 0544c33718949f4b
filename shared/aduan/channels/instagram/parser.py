"""Instagram webhook deliveries: DMs, comments and live comments on our media, and mentions.

- DMs (`entry[].messaging[]`): text, attachments (image, video, audio, file, reel), story mentions, story
  replies and shares become messages in the citizen's DM conversation (their Instagram-scoped id). Echoes of
  our own messages, reactions, reads and postbacks are ignored; a deleted message marks the stored one
  removed.
- Comments (`field` `comments` or `live_comments`) become public messages; a comment thread is its root
  comment, one conversation per person (`aduan.channels.meta_parse`). Our own replies are ignored. With
  Instagram Login, @mentions of the account arrive as comments too.
- Mentions with Facebook Login (`field: "mentions"`) carry only `media_id` and `comment_id` (Instagram's
  mentions docs: the text must be fetched with `GET /{ig-user-id}?fields=mentioned_comment`). They are kept
  as a public message saying so, rather than dropped: an officer sees that the account was mentioned, and a
  later fetcher can fill in the text. The author is unknown, so the mention is its own conversation.
"""

from __future__ import annotations

from typing import Any

from aduan.channels.base import ParseResult
from aduan.channels.instagram.webhook import COMMENT_FIELDS, MENTION_FIELD, OBJECT
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
from aduan.models import Channel, CitizenIdentity, InboundMessage

MENTION_TEXT = (
    "[Akun ini disebut (mention) di Instagram; isi belum diambil. Ambil lewat Graph API: "
    "media {media}, komentar {comment}]"
)


def parse(body: str) -> ParseResult:
    """Every citizen message in one Instagram delivery, oldest first, each item read on its own."""
    found = entries(body, OBJECT)
    result = ParseResult()

    def messaging(item: dict[str, Any], path: str, entry: dict[str, Any]) -> None:
        message = read_messaging(item, entry, Channel.INSTAGRAM)
        _keep(result, message)

    def change(item: dict[str, Any], path: str, entry: dict[str, Any]) -> None:
        _keep(result, _read_change(item, entry))

    each_item(found, "messaging", result, messaging)
    each_item(found, "changes", result, change)
    return result.sort()


def _keep(result: ParseResult, message: InboundMessage | None) -> None:
    if message is None:
        result.ignored += 1
    else:
        result.messages.append(message)


def _read_change(change: dict[str, Any], entry: dict[str, Any]) -> InboundMessage | None:
    field = change.get("field")
    if not isinstance(field, str) or (field not in COMMENT_FIELDS and field != MENTION_FIELD):
        return None  # story_insights, message_reactions, messaging_seen as changes...
    value = change.get("value")
    if not isinstance(value, dict):
        raise Unreadable("value must be an object")
    account = str(entry.get("id") or "")
    received = timestamp(entry.get("time"))
    if field == MENTION_FIELD:
        media_id, comment_id = value.get("media_id"), value.get("comment_id")
        key = comment_id or media_id
        if not isinstance(key, str | int) or isinstance(key, bool) or not str(key):
            raise Unreadable("mentions need media_id or comment_id")
        mention = f"mention-{key}"
        return InboundMessage(
            channel=Channel.INSTAGRAM,
            platform_message_id=mention,
            account_id=account or None,
            citizen=CitizenIdentity(channel=Channel.INSTAGRAM, platform_id=mention),
            conversation_id=mention,
            public=True,
            sent_at=received,
            kind="mention",
            text=MENTION_TEXT.format(media=media_id or "-", comment=comment_id or "-"),
        )
    comment_id = value.get("id")
    author = sender_id(value, "from")
    if not isinstance(comment_id, str) or not comment_id or not author:
        raise Unreadable("comment id and from.id are required")
    if author == account:
        return None  # our own reply under our post
    text = text_of(value.get("text"))
    if not text:
        return None
    parent = value.get("parent_id")
    root = str(parent) if isinstance(parent, str | int) and not isinstance(parent, bool) and parent else comment_id
    sender = value.get("from")
    username = sender.get("username") if isinstance(sender, dict) else None
    return InboundMessage(
        channel=Channel.INSTAGRAM,
        platform_message_id=comment_id,
        account_id=account or None,
        citizen=CitizenIdentity(
            channel=Channel.INSTAGRAM,
            platform_id=author,
            display_name=username if isinstance(username, str) else None,
        ),
        conversation_id=comment_conversation(root, author),
        public=True,
        sent_at=timestamp(value.get("timestamp") or value.get("created_time"), received),
        kind="live_comment" if field == "live_comments" else "comment",
        text=text,
        reply_to=root if root != comment_id else None,
    )
