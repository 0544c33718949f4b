"""WhatsApp Cloud API webhook deliveries.

A delivery (`object: whatsapp_business_account`) holds `entry[]`, each with `changes[]`; a `messages`
change carries `contacts[]`, `messages[]` and/or `statuses[]`. Only citizens' messages become
`InboundMessage`s: statuses of our own outgoing messages, echoes (`smb_message_echoes`), reactions,
and system notices are acknowledged and ignored.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from aduan.channels.base import ParseResult, Rejected
from aduan.channels.whatsapp.webhook import OBJECT
from aduan.errors import InvalidPayload
from aduan.models import Channel, CitizenIdentity, GeoPoint, InboundMessage, Media, MessageFlag

MEDIA_KINDS = ("image", "video", "audio", "document", "sticker")
IGNORED_KINDS = frozenset({"reaction", "system", "unsupported", "unknown", "ephemeral", "request_welcome"})


class _Loose(BaseModel):
    model_config = ConfigDict(extra="allow", hide_input_in_errors=True)


class _Profile(_Loose):
    name: str | None = None


class _Contact(_Loose):
    wa_id: str
    profile: _Profile | None = None


def parse(body: str) -> ParseResult:
    """Every citizen message in one delivery, oldest first, each read on its own.

    A malformed item (a change, a contact, a message) is `Rejected` with its path and the reason; the
    good items around it are still returned. Raises `InvalidPayload` only when the body is not a WhatsApp
    delivery at all.
    """
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise InvalidPayload(f"not JSON ({type(exc).__name__})") from exc
    if not isinstance(data, dict):
        raise InvalidPayload("not a WhatsApp delivery: body is not an object")
    if data.get("object") != OBJECT:
        raise InvalidPayload(f"unexpected object {str(data.get('object'))[:40]!r}")
    entries = data.get("entry")
    if not isinstance(entries, list):
        raise InvalidPayload("not a WhatsApp delivery: entry must be a list")
    result = ParseResult()
    for e, entry in enumerate(entries):
        changes = entry.get("changes") if isinstance(entry, dict) else None
        if not isinstance(changes, list):
            result.rejected.append(Rejected(f"entry[{e}]", "entry must be an object with a changes list"))
            continue
        for c, change in enumerate(changes):
            _read_change(change, f"entry[{e}].changes[{c}]", result)
    return result.sort()


def _read_change(change: Any, path: str, result: ParseResult) -> None:
    if not isinstance(change, dict):
        result.rejected.append(Rejected(path, "change must be an object"))
        return
    if change.get("field") != "messages":
        result.ignored += 1  # smb_message_echoes, account updates, templates...
        return
    value = change.get("value")
    if not isinstance(value, dict):
        result.rejected.append(Rejected(f"{path}.value", "value must be an object"))
        return
    names: dict[str, str | None] = {}
    contacts = value.get("contacts") or []
    for k, raw_contact in enumerate(contacts if isinstance(contacts, list) else []):
        try:
            contact = _Contact.model_validate(raw_contact)
        except ValidationError as exc:
            # A bad contact card only costs the sender's display name, never their message.
            result.rejected.append(Rejected(f"{path}.value.contacts[{k}]", _reason(exc)))
            continue
        names[contact.wa_id] = contact.profile.name if contact.profile else None
    metadata = value.get("metadata")
    account_id = metadata.get("phone_number_id") if isinstance(metadata, dict) else None
    statuses = value.get("statuses")
    result.ignored += len(statuses) if isinstance(statuses, list) else 0
    messages = value.get("messages") or []
    if not isinstance(messages, list):
        result.rejected.append(Rejected(f"{path}.value.messages", "messages must be a list"))
        return
    for m, raw in enumerate(messages):
        item_path = f"{path}.value.messages[{m}]"
        try:
            message = _message(raw, names, str(account_id) if account_id is not None else None)
        except (TypeError, ValueError, AttributeError, ValidationError) as exc:
            message_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
            result.rejected.append(Rejected(item_path, _reason(exc), message_id))
            continue
        if message is None:
            result.ignored += 1
        else:
            result.messages.append(message)


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
    return f"{type(exc).__name__}: {exc}" if isinstance(exc, _Unreadable) else type(exc).__name__


class _Unreadable(ValueError):
    """A message whose shape is wrong; the text says which field, never its content."""


def _message(raw: Any, names: dict[str, str | None], account_id: str | None) -> InboundMessage | None:
    if not isinstance(raw, dict):
        raise _Unreadable("message must be an object")
    kind = raw.get("type")
    sender = raw.get("from")
    message_id = raw.get("id")
    if not isinstance(kind, str) or not kind:
        # Not "unknown" (a type WhatsApp sends for what it cannot show, ignored): a message without a type is
        # malformed, and is parked with its reason rather than dropped.
        raise _Unreadable("type must be a non-empty string")
    if kind in IGNORED_KINDS:
        return None
    if not isinstance(sender, str | int) or not isinstance(message_id, str) or not sender or not message_id:
        raise _Unreadable("from and id must be non-empty strings")
    text, location, media, flags = _content(kind, raw)
    if not text and location is None and not media:
        return None
    try:
        sent_at = datetime.fromtimestamp(int(raw.get("timestamp") or 0), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        sent_at = datetime.now(UTC)
    context = raw.get("context")
    reply_to = context.get("id") if isinstance(context, dict) and isinstance(context.get("id"), str) else None
    return InboundMessage(
        channel=Channel.WHATSAPP,
        platform_message_id=message_id,
        account_id=account_id,
        citizen=CitizenIdentity(
            channel=Channel.WHATSAPP,
            platform_id=str(sender),
            display_name=names.get(str(sender)),
            phone="+" + str(sender).lstrip("+"),
        ),
        sent_at=sent_at,
        kind=kind,
        text=text,
        location=location,
        media=media,
        reply_to=reply_to,
        flags=flags,
    )


def _content(kind: str, raw: dict[str, Any]) -> tuple[str, GeoPoint | None, tuple[Media, ...], tuple[MessageFlag, ...]]:
    """Text, coordinates and media of one message, whatever its type."""
    body = raw.get(kind) or {}
    if not isinstance(body, dict) and kind != "contacts":
        raise _Unreadable(f"{kind} must be an object")
    if kind == "text":
        return str(body.get("body") or "").strip(), None, (), ()
    if kind == "location":
        name = body.get("name") if isinstance(body.get("name"), str) else None
        address = body.get("address") if isinstance(body.get("address"), str) else None
        label = ", ".join(x for x in (name, address) if x)
        try:
            point = GeoPoint(lat=float(body["latitude"]), lon=float(body["longitude"]), name=name, address=address)
        except (KeyError, TypeError, ValueError, ValidationError):
            # Out of range or missing: keep what the citizen sent as text and flag it, never drop it.
            raw_coords = f"{body.get('latitude')}, {body.get('longitude')}"[:60]
            text = f"{label} (lokasi tidak valid: {raw_coords})".strip()
            return text, None, (), (MessageFlag.INVALID_LOCATION,)
        return label, point, (), ()
    if kind in MEDIA_KINDS:
        if not body.get("id"):
            return "", None, (), ()
        media = Media(
            kind=kind,
            media_id=str(body["id"]),
            mime_type=body.get("mime_type"),
            filename=body.get("filename"),
            sha256=body.get("sha256") if isinstance(body.get("sha256"), str) else None,
        )
        return str(body.get("caption") or "").strip(), None, (media,), ()
    if kind == "contacts":
        cards = raw.get("contacts")
        if not isinstance(cards, list):
            raise _Unreadable("contacts must be a list")
        parts = []
        for card in cards:
            name = (card.get("name") or {}).get("formatted_name") or ""
            phones = ", ".join(p.get("phone", "") for p in card.get("phones") or [] if p.get("phone"))
            parts.append(f"Kontak: {name} {phones}".strip())
        return "\n".join(parts), None, (), ()
    if kind == "interactive":
        reply = body.get("button_reply") or body.get("list_reply") or body.get("nfm_reply") or {}
        return str(reply.get("title") or reply.get("body") or "").strip(), None, (), ()
    if kind == "button":
        return str(body.get("text") or body.get("payload") or "").strip(), None, (), ()
    return "", None, (), ()
