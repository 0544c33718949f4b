"""Parsing what Instagram and Facebook Page deliveries share: the envelope and Messenger-style DMs.

Only parsers import this (it uses the models, hence pydantic); the webhook path never does.

Threading (`InboundMessage.conversation_id`): a DM conversation is the user's scoped id on that platform; a
comment thread is its root comment, one conversation per person in it (`<root comment>:<author>`), so a
citizen's reply in their own thread joins their comment ticket while another person's reply in the same
thread is that person's own report. Comments, posts and mentions are `public`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from aduan.channels.base import ParseResult, Rejected
from aduan.channels.meta import sender_id
from aduan.errors import InvalidPayload
from aduan.models import Channel, CitizenIdentity, GeoPoint, InboundMessage, Media, MessageAction, MessageFlag

MS_THRESHOLD = 10**11  # a Unix time above this is in milliseconds
MEDIA_ATTACHMENTS = frozenset({"image", "video", "audio", "file", "reel", "ig_reel", "animated_image"})


class Unreadable(ValueError):
    """An item whose shape is wrong; the text says which field, never its content."""


def entries(body: str, object_name: str) -> list[Any]:
    """The delivery's `entry` list; `InvalidPayload` when the body is not this platform's delivery at all."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise InvalidPayload(f"not JSON ({type(exc).__name__})") from exc
    if not isinstance(data, dict) or data.get("object") != object_name:
        raise InvalidPayload(f"not a delivery with object {object_name!r}")
    found = data.get("entry")
    if not isinstance(found, list):
        raise InvalidPayload("entry must be a list")
    return found


def reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
    return f"{type(exc).__name__}: {exc}" if isinstance(exc, Unreadable) else type(exc).__name__


def timestamp(value: Any, fallback: datetime | None = None) -> datetime:
    """A platform time (Unix seconds or milliseconds, number or digit string, or ISO 8601) as UTC."""
    try:
        if isinstance(value, str) and not value.isdigit():
            parsed = datetime.fromisoformat(value.replace("+0000", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        if isinstance(value, bool):
            raise TypeError
        number = float(value)
        return datetime.fromtimestamp(number / 1000 if number > MS_THRESHOLD else number, UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return fallback or datetime.now(UTC)


def text_of(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def each_item(
    entries_: list[Any], key: str, result: ParseResult, read: Callable[[dict[str, Any], str, dict[str, Any]], None]
) -> None:
    """Call `read(item, path, entry)` for every `entry[].<key>[]` item, rejecting bad shapes with their path.

    `read` may raise `Unreadable`, `ValidationError`, `TypeError`, `ValueError` or `AttributeError`: the
    item is then rejected on its own and its siblings still read.
    """
    for e, entry in enumerate(entries_):
        if not isinstance(entry, dict):
            if key == "messaging":  # report a bad entry once, not once per key
                result.rejected.append(Rejected(f"entry[{e}]", "entry must be an object"))
            continue
        items = entry.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            result.rejected.append(Rejected(f"entry[{e}].{key}", f"{key} must be a list"))
            continue
        for i, item in enumerate(items):
            path = f"entry[{e}].{key}[{i}]"
            if not isinstance(item, dict):
                result.rejected.append(Rejected(path, "item must be an object"))
                continue
            try:
                read(item, path, entry)
            except (Unreadable, ValidationError, TypeError, ValueError, AttributeError) as exc:
                result.rejected.append(Rejected(path, reason(exc), _message_id(item)))


def _message_id(item: dict[str, Any]) -> str | None:
    message = item.get("message")
    value = item.get("value")
    for holder, key in ((message, "mid"), (value, "comment_id"), (value, "id"), (value, "post_id")):
        if isinstance(holder, dict) and isinstance(holder.get(key), str):
            return str(holder[key])
    return None


def _media(kind: str, payload: Any, fallback_id: str) -> Media:
    url = payload.get("url") if isinstance(payload, dict) else None
    media_id = payload.get("id") if isinstance(payload, dict) else None
    return Media(kind=kind, media_id=str(url or media_id or fallback_id), url=url if isinstance(url, str) else None)


def _location(payload: Any) -> tuple[GeoPoint | None, str, tuple[MessageFlag, ...]]:
    """Messenger's historical location attachment (`payload.coordinates{lat, long}`); kept as text if invalid."""
    coordinates = payload.get("coordinates") if isinstance(payload, dict) else None
    if not isinstance(coordinates, dict):
        return None, "", ()
    try:
        return GeoPoint(lat=float(coordinates["lat"]), lon=float(coordinates["long"])), "", ()
    except (KeyError, TypeError, ValueError, ValidationError):
        raw = f"{coordinates.get('lat')}, {coordinates.get('long')}"[:60]
        return None, f"(lokasi tidak valid: {raw})", (MessageFlag.INVALID_LOCATION,)


def read_messaging(item: dict[str, Any], entry: dict[str, Any], channel: Channel) -> InboundMessage | None:
    """One Messenger / Instagram messaging event as a citizen message, or None when it is not one.

    Not messages: echoes of our own sends (`is_echo`), reactions, reads, deliveries, postbacks, referrals
    (no `message`), and anything our own account sent. A deleted message (`is_deleted`, Instagram) marks the
    stored one removed (`action=REMOVE`).
    """
    message = item.get("message")
    if message is None:
        return None  # reaction, read, delivery, postback, referral, typing...
    if not isinstance(message, dict):
        raise Unreadable("message must be an object")
    if message.get("is_echo") is True:
        return None
    account = str(entry.get("id") or "") or sender_id(item, "recipient")
    sender = sender_id(item)
    mid = message.get("mid")
    if not sender or not isinstance(mid, str) or not mid:
        raise Unreadable("sender.id and message.mid are required")
    if sender == account:
        return None
    sent_at = timestamp(item.get("timestamp"), timestamp(entry.get("time")))
    citizen = CitizenIdentity(channel=channel, platform_id=sender)
    common: dict[str, Any] = {
        "channel": channel,
        "account_id": account or None,
        "citizen": citizen,
        "conversation_id": sender,
        "public": False,
        "sent_at": sent_at,
    }
    if message.get("is_deleted") is True:
        return InboundMessage(
            **common,
            platform_message_id=mid,
            kind="deleted",
            action=MessageAction.REMOVE,
            target_message_id=mid,
        )
    text = text_of(message.get("text"))
    content = _attachments(message, mid, text)
    kind, parts, media, location, flags = content.kind, content.parts, content.media, content.location, content.flags
    reply = message.get("reply_to")
    reply_to = None
    if isinstance(reply, dict):
        story = reply.get("story")
        if isinstance(story, dict):
            media.append(_media("story", story, f"{mid}#story"))
            kind = "story_reply"
        elif isinstance(reply.get("mid"), str):
            reply_to = reply["mid"]
    if not parts and not media and location is None:
        return None
    return InboundMessage(
        **common,
        platform_message_id=mid,
        kind=kind,
        text="\n".join(parts),
        media=tuple(media),
        location=location,
        reply_to=reply_to,
        flags=flags,
    )


@dataclass
class _Content:
    kind: str
    parts: list[str]
    media: list[Media] = field(default_factory=list)
    location: GeoPoint | None = None
    flags: tuple[MessageFlag, ...] = ()


def _attachments(message: dict[str, Any], mid: str, text: str) -> _Content:
    """The text, media and location a message's attachments add; an attachment we cannot read is flagged."""
    content = _Content("text", [text] if text else [])
    attachments = message.get("attachments") or []
    if not isinstance(attachments, list):
        raise Unreadable("message.attachments must be a list")
    for n, attachment in enumerate(attachments):
        if not isinstance(attachment, dict) or not isinstance(attachment.get("type"), str):
            content.flags = (*content.flags, MessageFlag.UNREADABLE_PARTS)
            continue
        a_type, payload = attachment["type"], attachment.get("payload")
        fallback = f"{mid}#{n}"
        if a_type == "location":
            content.location, note, flags = _location(payload)
            content.parts += [note] if note else []
            content.flags = (*content.flags, *flags)
            content.kind = "location"
            continue
        # Everything else is kept as media (template, fallback and unknown types too: never drop a message).
        content.media.append(_media(a_type, payload, fallback))
        if a_type == "story_mention":
            content.parts.append("[Menyebut akun ini di story]")
            content.kind = a_type
        elif a_type == "share":
            url = payload.get("url") if isinstance(payload, dict) else None
            content.parts.append(f"[Membagikan kiriman] {url}" if isinstance(url, str) else "[Membagikan kiriman]")
            content.kind = a_type
        elif a_type in MEDIA_ATTACHMENTS and not text:
            content.kind = a_type
    return content


def comment_conversation(root: str, author: str) -> str:
    """A comment thread's conversation for one person: `<root comment>:<author>`."""
    return f"{root}:{author}"
