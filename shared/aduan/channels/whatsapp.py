"""WhatsApp Cloud API webhook deliveries.

A delivery (`object: whatsapp_business_account`) holds `entry[]`, each with `changes[]`; a `messages`
change carries `contacts[]`, `messages[]` and/or `statuses[]`. Only citizens' messages become
`InboundMessage`s: statuses of our own outgoing messages, echoes (`smb_message_echoes`), reactions,
and system notices are acknowledged and ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from aduan.channels.whatsapp_gate import OBJECT
from aduan.errors import InvalidPayload
from aduan.models import Channel, CitizenIdentity, GeoPoint, InboundMessage, Media

MEDIA_KINDS = ("image", "video", "audio", "document", "sticker")
IGNORED_KINDS = frozenset({"reaction", "system", "unsupported", "unknown", "ephemeral", "request_welcome"})


class _Loose(BaseModel):
    model_config = ConfigDict(extra="allow", hide_input_in_errors=True)


class _Profile(_Loose):
    name: str | None = None


class _Contact(_Loose):
    wa_id: str
    profile: _Profile | None = None


class _Metadata(_Loose):
    display_phone_number: str | None = None
    phone_number_id: str | None = None


class _Value(_Loose):
    messaging_product: str | None = None
    metadata: _Metadata | None = None
    contacts: list[_Contact] = []
    messages: list[dict[str, Any]] = []
    statuses: list[dict[str, Any]] = []


class _Change(_Loose):
    field: str
    value: _Value


class _Entry(_Loose):
    id: str | None = None
    changes: list[_Change] = []


class _Delivery(_Loose):
    object: str
    entry: list[_Entry]


def parse_delivery(body: str | bytes | dict[str, Any]) -> list[InboundMessage]:
    """All citizen messages in one delivery, oldest first.

    Raises `InvalidPayload` when the body is not a WhatsApp delivery at all. Individual messages of an
    unknown or ignored type are skipped, never fatal.
    """
    try:
        data = json.loads(body) if isinstance(body, str | bytes) else body
        delivery = _Delivery.model_validate(data)
    except (ValueError, ValidationError) as exc:
        raise InvalidPayload(f"not a WhatsApp delivery: {_reason(exc)}") from exc
    if delivery.object != OBJECT:
        raise InvalidPayload(f"unexpected object {delivery.object!r}")
    messages = [m for m in _iter_messages(delivery)]
    messages.sort(key=lambda m: (m.sent_at, m.platform_message_id))
    return messages


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
    return type(exc).__name__


def _iter_messages(delivery: _Delivery) -> Iterator[InboundMessage]:
    for entry in delivery.entry:
        for change in entry.changes:
            if change.field != "messages":
                continue  # smb_message_echoes, account updates, templates...
            value = change.value
            names = {c.wa_id: (c.profile.name if c.profile else None) for c in value.contacts}
            account_id = value.metadata.phone_number_id if value.metadata else None
            for raw in value.messages:
                message = _message(raw, names, account_id)
                if message is not None:
                    yield message


def _message(raw: dict[str, Any], names: dict[str, str | None], account_id: str | None) -> InboundMessage | None:
    kind = str(raw.get("type") or "unknown")
    sender = raw.get("from")
    message_id = raw.get("id")
    if kind in IGNORED_KINDS or not sender or not message_id:
        return None
    text, location, media = _content(kind, raw)
    if not text and location is None and not media:
        return None
    try:
        sent_at = datetime.fromtimestamp(int(raw.get("timestamp") or 0), UTC)
    except (TypeError, ValueError, OverflowError):
        sent_at = datetime.now(UTC)
    return InboundMessage(
        channel=Channel.WHATSAPP,
        platform_message_id=str(message_id),
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
        reply_to=(raw.get("context") or {}).get("id"),
    )


def _content(kind: str, raw: dict[str, Any]) -> tuple[str, GeoPoint | None, tuple[Media, ...]]:
    """Text, coordinates and media of one message, whatever its type."""
    body = raw.get(kind) or {}
    if kind == "text":
        return str(body.get("body") or "").strip(), None, ()
    if kind == "location":
        try:
            point = GeoPoint(
                lat=float(body["latitude"]),
                lon=float(body["longitude"]),
                name=body.get("name"),
                address=body.get("address"),
            )
        except (KeyError, TypeError, ValueError, ValidationError):
            return "", None, ()
        label = ", ".join(x for x in (point.name, point.address) if x)
        return label, point, ()
    if kind in MEDIA_KINDS:
        if not body.get("id"):
            return "", None, ()
        media = Media(
            kind=kind, media_id=str(body["id"]), mime_type=body.get("mime_type"), filename=body.get("filename")
        )
        return str(body.get("caption") or "").strip(), None, (media,)
    if kind == "contacts":
        cards = raw.get("contacts") or []
        parts = []
        for card in cards:
            name = (card.get("name") or {}).get("formatted_name") or ""
            phones = ", ".join(p.get("phone", "") for p in card.get("phones") or [] if p.get("phone"))
            parts.append(f"Kontak: {name} {phones}".strip())
        return "\n".join(parts), None, ()
    if kind == "interactive":
        reply = body.get("button_reply") or body.get("list_reply") or body.get("nfm_reply") or {}
        return str(reply.get("title") or reply.get("body") or "").strip(), None, ()
    if kind == "button":
        return str(body.get("text") or body.get("payload") or "").strip(), None, ()
    return "", None, ()
