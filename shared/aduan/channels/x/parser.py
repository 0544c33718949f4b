"""X deliveries: X Activity API webhook envelopes and, behind the same parser, legacy Account Activity payloads.

Citizen messages are:
- `post.mention.create` (someone @mentions our account) and `post.reply.create` (a direct reply to one of our
  posts): public. The conversation is the post's thread (`conversation_id`) with its author, so two citizens
  replying under the same police post are two conversations, and a citizen's follow-up in their own thread
  joins their ticket.
- `dm.received`: `payload.direct_message_events[]`, each read on its own. The conversation is the DM partner.

Not complaints, acknowledged and counted as ignored: our own posts and DMs (author or sender = the filter's
`user_id`), reposts, encrypted XChat `chat.*` events (only `encoded_event` ciphertext: nothing to read), and
every other event type (likes, follows, profile, OAuth...).

Sources (xdevplatform/docs, the source of docs.x.com, 2026 snapshot): `x-api/activity/event-payloads.mdx` (the
envelope, `post.mention.create`, `dm.received` with `users` as `{id: {"data": user}}`, `chat.received`);
`post.reply.create` has the same v2 post payload (event list of the Activity API introduction, direct replies
only). A v2 post's `geo` is `{"place_id", "coordinates": {"type": "Point", "coordinates": [lon, lat]}}`, with
the place's `full_name` in `includes.places[]`; posts carry no coordinates unless the author tagged a
location. Legacy shapes: `x-api/account-activity/introduction.mdx` (`for_user_id`, `tweet_create_events[]`
with v1.1 tweets: `id_str`, `user`, `extended_tweet.full_text`, `coordinates`, `place`;
`direct_message_events[]` with `users` as `{id: user}`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

from pydantic import ValidationError

from aduan.channels.base import ParseResult, Rejected
from aduan.channels.x.webhook import DM_EVENT, POST_EVENTS
from aduan.errors import InvalidPayload
from aduan.models import Channel, CitizenIdentity, GeoPoint, InboundMessage, Media, MessageAction, MessageFlag

MEDIA_KINDS = {"photo": "image", "video": "video", "animated_gif": "video"}


class _Unreadable(ValueError):
    """An item whose shape is wrong; the text names the field, never its content."""


def parse(body: str) -> ParseResult:
    """Every citizen post and DM in one delivery, oldest first, each read on its own.

    Raises `InvalidPayload` only when the body is neither an X Activity API envelope nor an Account Activity
    delivery.
    """
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise InvalidPayload(f"not JSON ({type(exc).__name__})") from exc
    if not isinstance(data, dict):
        raise InvalidPayload("not an X delivery: body is not an object")
    result = ParseResult()
    if "data" in data:
        _activity(data["data"], result)
    elif "for_user_id" in data:
        _legacy(data, result)
    else:
        raise InvalidPayload("not an X delivery: neither data (Activity API) nor for_user_id (Account Activity)")
    return result.sort()


# --- X Activity API -------------------------------------------------------------------------------------------


def _activity(envelope: Any, result: ParseResult) -> None:
    if not isinstance(envelope, dict):
        raise InvalidPayload("not an X Activity API envelope: data must be an object")
    event_type = envelope.get("event_type")
    if not isinstance(event_type, str):
        raise InvalidPayload("not an X Activity API envelope: event_type must be a string")
    if event_type not in POST_EVENTS and event_type != DM_EVENT:
        result.ignored += 1  # chat.* (encrypted), dm.sent, dm.read, likes, follows, profile, OAuth...
        return
    flt = envelope.get("filter")
    own_id = _id(flt.get("user_id")) if isinstance(flt, dict) else ""
    payload = envelope.get("payload")
    if not isinstance(payload, dict):
        result.rejected.append(Rejected("data.payload", "payload must be an object"))
        return
    raw_includes = envelope.get("includes")
    includes: dict[str, Any] = raw_includes if isinstance(raw_includes, dict) else {}
    if event_type in POST_EVENTS:
        _add(result, "data.payload", payload, lambda: _v2_post(payload, includes, own_id, event_type))
        return
    events = payload.get("direct_message_events")
    if not isinstance(events, list):
        result.rejected.append(Rejected("data.payload.direct_message_events", "direct_message_events must be a list"))
        return
    users = _user_map(payload.get("users"))
    for i, event in enumerate(events):
        _add(result, f"data.payload.direct_message_events[{i}]", event, partial(_dm, event, users, own_id))


def _v2_post(post: dict[str, Any], includes: dict[str, Any], own_id: str, event_type: str) -> InboundMessage | None:
    post_id = _id(post.get("id"))
    author = _id(post.get("author_id"))
    if not post_id or not author:
        raise _Unreadable("id and author_id must be non-empty strings")
    if own_id and author == own_id:
        return None  # our own post (a reply the desk wrote): never a complaint
    raw_referenced = post.get("referenced_tweets")
    referenced: list[Any] = raw_referenced if isinstance(raw_referenced, list) else []
    if any(isinstance(r, dict) and r.get("type") == "retweeted" for r in referenced):
        return None  # a repost carries no words of its own
    note = post.get("note_tweet")
    text = note.get("text") if isinstance(note, dict) and isinstance(note.get("text"), str) else post.get("text")
    if not isinstance(text, str):
        raise _Unreadable("text must be a string")
    user = _user_from_list(includes.get("users"), author)
    raw_places = includes.get("places")
    places = {_id(p.get("id")): p for p in raw_places if isinstance(p, dict)} if isinstance(raw_places, list) else {}
    location, text, flags = _v2_geo(post.get("geo"), places, text.strip())
    media = _v2_media(post.get("attachments"), includes.get("media"))
    if not text and location is None and not media:
        return None
    thread = _id(post.get("conversation_id")) or _id(post.get("in_reply_to_tweet_id")) or post_id
    reply_to = _id(post.get("in_reply_to_tweet_id")) or next(
        (_id(r.get("id")) for r in referenced if isinstance(r, dict) and r.get("type") == "replied_to"), ""
    )
    history = post.get("edit_history_tweet_ids")
    original = _id(history[0]) if isinstance(history, list) and history else ""
    edited = bool(original) and original != post_id
    return InboundMessage(
        channel=Channel.X,
        platform_message_id=post_id,
        account_id=own_id or None,
        citizen=_citizen(author, user),
        conversation_id=f"post:{thread}:{author}",
        public=True,
        sent_at=_iso_time(post.get("created_at")),
        kind="comment" if event_type == "post.reply.create" else "post",
        text=text,
        location=location,
        media=media,
        reply_to=reply_to or None,
        action=MessageAction.EDIT if edited else MessageAction.NEW,
        target_message_id=original if edited else None,
        flags=flags,
    )


def _v2_geo(geo: Any, places: dict[str, Any], text: str) -> tuple[GeoPoint | None, str, tuple[MessageFlag, ...]]:
    if not isinstance(geo, dict):
        return None, text, ()
    place = places.get(_id(geo.get("place_id")))
    place_name = place.get("full_name") if isinstance(place, dict) and isinstance(place.get("full_name"), str) else None
    coordinates = geo.get("coordinates")
    return _point(coordinates.get("coordinates") if isinstance(coordinates, dict) else None, place_name, text)


def _point(lon_lat: Any, place_name: str | None, text: str) -> tuple[GeoPoint | None, str, tuple[MessageFlag, ...]]:
    """A GeoJSON `[lon, lat]` pair as a point; out of range, kept as text and flagged (never dropped)."""
    if lon_lat is None:
        # A tagged place without exact coordinates: its name helps the officers and the area triage.
        return None, f"{text}\nLokasi: {place_name}".strip() if place_name else text, ()
    try:
        lon, lat = lon_lat
        point = GeoPoint(lat=float(lat), lon=float(lon), name=place_name)
    except (TypeError, ValueError, ValidationError):
        raw = str(lon_lat)[:60]
        label = f"{place_name} " if place_name else ""
        return None, f"{text}\n{label}(lokasi tidak valid: {raw})".strip(), (MessageFlag.INVALID_LOCATION,)
    return point, text, ()


def _v2_media(attachments: Any, media: Any) -> tuple[Media, ...]:
    keys = attachments.get("media_keys") if isinstance(attachments, dict) else None
    if not isinstance(keys, list):
        return ()
    found = {_id(m.get("media_key")): m for m in media if isinstance(m, dict)} if isinstance(media, list) else {}
    return tuple(
        Media(
            kind=MEDIA_KINDS.get(str(found.get(_id(key), {}).get("type")), "image"),
            media_id=_id(key),
            url=_media_url(found.get(_id(key))),
        )
        for key in keys
        if _id(key)
    )


def _media_url(media: Any) -> str | None:
    """Where X serves a media entity's file: `url` (v2 photos), `media_url_https` (legacy), or the best video
    variant (`variants[]` in v2, `video_info.variants[]` in legacy)."""
    if not isinstance(media, dict):
        return None
    variants = media.get("variants")
    if not isinstance(variants, list) and isinstance(media.get("video_info"), dict):
        variants = media["video_info"].get("variants")
    if isinstance(variants, list):
        mp4 = [v for v in variants if isinstance(v, dict) and v.get("content_type") == "video/mp4" and v.get("url")]
        if mp4:
            best = max(mp4, key=lambda v: v.get("bit_rate") or v.get("bitrate") or 0)
            return str(best["url"])
    for name in ("url", "media_url_https"):
        if isinstance(media.get(name), str) and media[name].startswith("https://"):
            return str(media[name])
    return None


# --- Direct messages (Activity API and legacy share the event shape) -------------------------------------------


def _dm(event: Any, users: dict[str, dict[str, Any]], own_id: str) -> InboundMessage | None:
    if not isinstance(event, dict):
        raise _Unreadable("direct message event must be an object")
    if event.get("type") != "message_create":
        return None
    create = event.get("message_create")
    if not isinstance(create, dict):
        raise _Unreadable("message_create must be an object")
    event_id = _id(event.get("id"))
    sender = _id(create.get("sender_id"))
    if not event_id or not sender:
        raise _Unreadable("id and message_create.sender_id must be non-empty strings")
    if own_id and sender == own_id:
        return None  # a DM we sent (echoed to us): never a complaint
    message_data = create.get("message_data")
    if not isinstance(message_data, dict):
        raise _Unreadable("message_create.message_data must be an object")
    text = message_data.get("text", "")
    if not isinstance(text, str):
        raise _Unreadable("message_data.text must be a string")
    media = _dm_media(message_data.get("attachment"))
    if not text.strip() and not media:
        return None
    kind = "text" if text.strip() else media[0].kind
    return InboundMessage(
        channel=Channel.X,
        platform_message_id=event_id,
        account_id=own_id or None,
        citizen=_citizen(sender, users.get(sender)),
        conversation_id=f"dm:{sender}",
        public=False,
        sent_at=_ms_time(event.get("created_timestamp")),
        kind=kind,
        text=text.strip(),
        media=media,
    )


def _dm_media(attachment: Any) -> tuple[Media, ...]:
    media = attachment.get("media") if isinstance(attachment, dict) else None
    if not isinstance(media, dict) or not _id(media.get("id_str") or media.get("id")):
        return ()
    kind = MEDIA_KINDS.get(str(media.get("type")), "image")
    return (Media(kind=kind, media_id=_id(media.get("id_str") or media.get("id")), url=_media_url(media)),)


# --- Legacy Account Activity API -------------------------------------------------------------------------------


def _legacy(data: dict[str, Any], result: ParseResult) -> None:
    own_id = _id(data.get("for_user_id"))
    users = _user_map(data.get("users"))
    readers: dict[str, Callable[[Any], InboundMessage | None]] = {
        "tweet_create_events": lambda tweet: _legacy_tweet(tweet, own_id),
        "direct_message_events": lambda event: _dm(event, users, own_id),
    }
    handled = False
    for key, value in data.items():
        if key in readers:
            handled = True
            if not isinstance(value, list):
                result.rejected.append(Rejected(key, f"{key} must be a list"))
                continue
            for i, item in enumerate(value):
                _add(result, f"{key}[{i}]", item, partial(readers[key], item))
        elif key.endswith("_events") and isinstance(value, list):
            # Likes, follows, typing, read receipts, deletes: acknowledged, one count per event.
            result.ignored += len(value)
            handled = True
        elif key in ("user_event", "replay_job_status"):
            result.ignored += 1
            handled = True
    if not handled:
        result.ignored += 1


def _legacy_tweet(tweet: Any, own_id: str) -> InboundMessage | None:
    if not isinstance(tweet, dict):
        raise _Unreadable("tweet must be an object")
    tweet_id = _id(tweet.get("id_str") or tweet.get("id"))
    user = tweet.get("user")
    if not isinstance(user, dict):
        raise _Unreadable("user must be an object")
    author = _id(user.get("id_str") or user.get("id"))
    if not tweet_id or not author:
        raise _Unreadable("id_str and user.id_str must be non-empty strings")
    if own_id and author == own_id:
        return None
    if "retweeted_status" in tweet:
        return None
    extended = tweet.get("extended_tweet")
    text = extended.get("full_text") if isinstance(extended, dict) else None
    text = text if isinstance(text, str) else tweet.get("full_text") or tweet.get("text")
    if not isinstance(text, str):
        raise _Unreadable("text must be a string")
    place = tweet.get("place")
    place_name = place.get("full_name") if isinstance(place, dict) and isinstance(place.get("full_name"), str) else None
    coordinates = tweet.get("coordinates")
    lon_lat = coordinates.get("coordinates") if isinstance(coordinates, dict) else None
    location, text, flags = _point(lon_lat, place_name, text.strip())
    nested = extended.get("extended_entities") if isinstance(extended, dict) else None
    media = _legacy_media(nested or tweet.get("extended_entities"))
    if not text and location is None and not media:
        return None
    reply_to = _id(tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id"))
    replying_to_us = own_id and _id(tweet.get("in_reply_to_user_id_str")) == own_id
    # v1.1 tweets carry no conversation_id: a reply threads under the post it answers, a new post under itself
    # (so a citizen's post and their reply to it share a conversation; deeper chains may not).
    return InboundMessage(
        channel=Channel.X,
        platform_message_id=tweet_id,
        account_id=own_id or None,
        citizen=_citizen(author, {"name": user.get("name"), "username": user.get("screen_name")}),
        conversation_id=f"post:{reply_to or tweet_id}:{author}",
        public=True,
        sent_at=_legacy_time(tweet),
        kind="comment" if replying_to_us else "post",
        text=text,
        location=location,
        media=media,
        reply_to=reply_to or None,
        flags=flags,
    )


def _legacy_media(entities: Any) -> tuple[Media, ...]:
    items = entities.get("media") if isinstance(entities, dict) else None
    if not isinstance(items, list):
        return ()
    return tuple(
        Media(
            kind=MEDIA_KINDS.get(str(m.get("type")), "image"),
            media_id=_id(m.get("id_str") or m.get("id")),
            url=_media_url(m),
        )
        for m in items
        if isinstance(m, dict) and _id(m.get("id_str") or m.get("id"))
    )


# --- Shared helpers ---------------------------------------------------------------------------------------------


def _add(result: ParseResult, path: str, raw: Any, read: Callable[[], InboundMessage | None]) -> None:
    """Read one item; a bad one is rejected with its path and never takes its siblings down."""
    try:
        message = read()
    except (_Unreadable, TypeError, ValueError, AttributeError, KeyError, ValidationError) as exc:
        result.rejected.append(Rejected(path, _reason(exc), _item_id(raw)))
        return
    if message is None:
        result.ignored += 1
    else:
        result.messages.append(message)


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
    return str(exc) if isinstance(exc, _Unreadable) else type(exc).__name__


def _item_id(raw: Any) -> str | None:
    if not isinstance(raw, dict):
        return None
    return _id(raw.get("id_str") or raw.get("id")) or None


def _id(value: Any) -> str:
    """Ids arrive as strings (v2, id_str) or numbers (legacy `id`); anything else is no id."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    return str(value).strip()


def _user_map(users: Any) -> dict[str, dict[str, Any]]:
    """`users` keyed by id: `{id: {"data": user}}` (Activity API) or `{id: user}` (legacy)."""
    if not isinstance(users, dict):
        return {}
    out: dict[str, dict[str, Any]] = {}
    for key, value in users.items():
        user = value.get("data", value) if isinstance(value, dict) else None
        if isinstance(user, dict):
            out[str(key)] = {"name": user.get("name"), "username": user.get("username") or user.get("screen_name")}
    return out


def _user_from_list(users: Any, user_id: str) -> dict[str, Any] | None:
    for user in users if isinstance(users, list) else ():
        if isinstance(user, dict) and _id(user.get("id")) == user_id:
            return user
    return None


def _citizen(user_id: str, user: dict[str, Any] | None) -> CitizenIdentity:
    name = user.get("name") if user and isinstance(user.get("name"), str) else None
    handle = user.get("username") if user and isinstance(user.get("username"), str) else None
    display = f"{name} (@{handle})" if name and handle else name or (f"@{handle}" if handle else None)
    return CitizenIdentity(channel=Channel.X, platform_id=user_id, display_name=display)


def _iso_time(value: Any) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return datetime.now(UTC)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _ms_time(value: Any) -> datetime:
    try:
        return datetime.fromtimestamp(int(value) / 1000, UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return datetime.now(UTC)


def _legacy_time(tweet: dict[str, Any]) -> datetime:
    if tweet.get("timestamp_ms") is not None:
        return _ms_time(tweet.get("timestamp_ms"))
    try:
        return datetime.strptime(str(tweet.get("created_at")), "%a %b %d %H:%M:%S %z %Y")
    except ValueError:
        return datetime.now(UTC)
