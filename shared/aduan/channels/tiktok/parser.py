"""TikTok Business Messaging deliveries.

One event per POST: `{"client_key", "event", "create_time", "user_openid", "content"}` where `content` is a
JSON document encoded as a string, parsed a second time into `{conversation_id, message_id, timestamp (ms),
type, text{body} | image{media_id} | share_post{embed_url, video_id} | ..., referenced_message_info?,
from, from_user{id}, to, to_user{id}}`.

`im_receive_msg` is the citizen writing to us; the conversation is TikTok's own `conversation_id` (the reply API
addresses a conversation, not a user). `im_send_msg` (our own send, echoed), `im_mark_read_msg` and every other
event are acknowledged and counted as ignored.

Sources: Chatwoot `app/jobs/webhooks/tiktok_events_job.rb` and `app/services/tiktok/message_service.rb`
(field names, message types text/image/sticker/share_post, `referenced_message_info.referenced_message_id`,
incoming = `to_user.id` is our business id); field outlines in ../shared/docs/platforms.md.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from aduan.channels.base import ParseResult, Rejected
from aduan.channels.tiktok.webhook import RECEIVE_EVENT
from aduan.errors import InvalidPayload
from aduan.models import Channel, CitizenIdentity, InboundMessage, Media

#: Message types whose body carries a media id the replier can fetch (`image.media_id`; video and sticker
#: bodies are read the same way when they carry one).
MEDIA_TYPES = ("image", "video", "sticker")


class _Unreadable(ValueError):
    """A message whose shape is wrong; the text names the field, never its content."""


def parse(body: str) -> ParseResult:
    """The citizen message in one delivery, if any. Raises `InvalidPayload` only when the body is not a TikTok
    webhook event at all; an `im_receive_msg` whose content cannot be read is `Rejected` with its path."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise InvalidPayload(f"not JSON ({type(exc).__name__})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("event"), str):
        raise InvalidPayload("not a TikTok webhook event: an object with an event name is required")
    result = ParseResult()
    if data["event"] != RECEIVE_EVENT:
        result.ignored += 1  # im_send_msg (our echo), im_mark_read_msg, anything new
        return result
    own_id = data.get("user_openid") if isinstance(data.get("user_openid"), str) else None
    raw = data.get("content")
    try:
        content = json.loads(raw) if isinstance(raw, str) else raw
    except (ValueError, RecursionError):
        result.rejected.append(Rejected("content", "content is not a JSON document"))
        return result
    try:
        message = _message(content, own_id, data.get("create_time"))
    except (_Unreadable, ValidationError) as exc:
        message_id = content.get("message_id") if isinstance(content, dict) else None
        result.rejected.append(Rejected("content", _reason(exc), message_id if isinstance(message_id, str) else None))
        return result
    if message is None:
        result.ignored += 1
    else:
        result.messages.append(message)
    return result


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
    return str(exc)


def _message(content: Any, own_id: str | None, create_time: Any) -> InboundMessage | None:
    if not isinstance(content, dict):
        raise _Unreadable("content must be a JSON object")
    conversation = _required(content.get("conversation_id"), "conversation_id")
    message_id = _required(content.get("message_id"), "message_id")
    sender = content.get("from_user")
    sender_id = _required(sender.get("id") if isinstance(sender, dict) else None, "from_user.id")
    if own_id and sender_id == own_id:
        return None  # written by our own account: never a complaint
    kind = content.get("type")
    if not isinstance(kind, str) or not kind:
        raise _Unreadable("type must be a non-empty string")
    text, media = _content(kind, content)
    if not text and not media:
        return None  # a sticker without an id, or a type we cannot show: nothing for an officer to read
    referenced = content.get("referenced_message_info")
    reply_to = referenced.get("referenced_message_id") if isinstance(referenced, dict) else None
    name = content.get("from")
    return InboundMessage(
        channel=Channel.TIKTOK,
        platform_message_id=message_id,
        account_id=own_id,
        citizen=CitizenIdentity(
            channel=Channel.TIKTOK, platform_id=sender_id, display_name=name if isinstance(name, str) else None
        ),
        conversation_id=conversation,
        public=False,
        sent_at=_sent_at(content.get("timestamp"), create_time),
        kind=kind,
        text=text,
        media=media,
        reply_to=reply_to if isinstance(reply_to, str) and reply_to else None,
    )


def _required(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value:
        raise _Unreadable(f"{name} must be a non-empty string")
    return value


def _content(kind: str, content: dict[str, Any]) -> tuple[str, tuple[Media, ...]]:
    body = content.get(kind)
    if body is not None and not isinstance(body, dict):
        raise _Unreadable(f"{kind} must be an object")
    body = body or {}
    if kind == "text":
        text = body.get("body")
        if not isinstance(text, str):
            raise _Unreadable("text.body must be a string")
        return text.strip(), ()
    if kind == "share_post":
        # A shared video: its link is what the officer opens (the video id is the fallback).
        url = body.get("embed_url") or body.get("video_id")
        return (f"Video dibagikan: {url}" if isinstance(url, str) and url else ""), ()
    if kind in MEDIA_TYPES:
        media_id = body.get("media_id")
        if not isinstance(media_id, str) or not media_id:
            return "", ()
        return "", (Media(kind=kind, media_id=media_id),)
    return "", ()


def _sent_at(timestamp: Any, create_time: Any) -> datetime:
    """The message's own time (ms); the event's `create_time` (seconds, or ms) if it is missing."""
    for value in (timestamp, create_time):
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        try:
            return datetime.fromtimestamp(number / 1000 if number > 1e11 else number, UTC)
        except (OverflowError, OSError, ValueError):
            continue
    return datetime.now(UTC)
