"""Bounded work per intake record: a big delivery is split into parts the normalizer handles one by one.

A platform may batch many messages in one delivery (a 1,000-message delivery outlived the intake queue's
visibility timeout and was handed out again while still being processed). The normalizer parses a
delivery once; if it holds more than `MAX_MESSAGES` messages, it puts them back on the intake queue as
parts of at most `MAX_MESSAGES` parsed messages (and at most `MAX_BYTES`), and each part is one record of
bounded work. A crash after some parts were queued redelivers the delivery and queues every part again:
the messages' dedup records make the second copy a no-op.

Budget: one message costs about three DynamoDB round trips plus its triage (tens of milliseconds on
Lambda), so a part of 25 messages takes about a second and a batch of ten records well under the
normalizer's 30-second timeout; the intake queue's visibility timeout is six times that (AWS's advice
for SQS event sources).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from aduan.errors import InvalidPayload
from aduan.models import InboundMessage

KIND = "messages"
VERSION = 1
MAX_MESSAGES = 25
MAX_BYTES = 200 * 1024  # well inside an SQS message (256 KiB)


@dataclass(frozen=True, slots=True)
class MessagePart:
    """Parsed messages of one delivery, as queued for the normalizer."""

    channel: str
    received_at: str
    request_id: str
    part: int
    messages: tuple[InboundMessage, ...]

    def to_json(self) -> str:
        return json.dumps(
            {
                "v": VERSION,
                "kind": KIND,
                "channel": self.channel,
                "received_at": self.received_at,
                "request_id": self.request_id,
                "part": self.part,
                "messages": [m.model_dump(mode="json") for m in self.messages],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> MessagePart:
        try:
            return cls(
                channel=str(data["channel"]),
                received_at=str(data["received_at"]),
                request_id=str(data.get("request_id", "")),
                part=int(data.get("part", 0)),
                messages=tuple(InboundMessage.model_validate(m) for m in data["messages"]),
            )
        except (KeyError, TypeError, ValueError, ValidationError) as exc:
            raise InvalidPayload(f"not a message part: {type(exc).__name__}") from exc


def is_part(data: Any) -> bool:
    return isinstance(data, dict) and data.get("kind") == KIND


def split(channel: str, received_at: str, request_id: str, messages: list[InboundMessage]) -> list[MessagePart]:
    """`messages` in parts of at most `MAX_MESSAGES` messages and `MAX_BYTES` bytes, in order."""
    parts: list[MessagePart] = []
    current: list[InboundMessage] = []
    size = 0
    for message in messages:
        cost = len(message.model_dump_json().encode())
        if current and (len(current) >= MAX_MESSAGES or size + cost > MAX_BYTES):
            parts.append(MessagePart(channel, received_at, request_id, len(parts), tuple(current)))
            current, size = [], 0
        current.append(message)
        size += cost
    if current:
        parts.append(MessagePart(channel, received_at, request_id, len(parts), tuple(current)))
    return parts


def parse_time(value: str) -> datetime | None:
    """The envelope's ISO time of receipt, or None when it cannot be read."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
