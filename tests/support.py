"""Helpers shared by the test suites: sample events from `events/`, signing, building the stack."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aduan.signatures import meta_signature

EVENTS = Path(__file__).resolve().parent.parent / "events"


def load_event(name: str) -> dict[str, Any]:
    """A sample event from `events/` (e.g. `whatsapp/text_urgent.json`, `lambda/whatsapp_delivery.json`)."""
    return json.loads((EVENTS / name).read_text())  # type: ignore[no-any-return]


def load_raw(name: str) -> bytes:
    return (EVENTS / name).read_bytes()


def whatsapp_deliveries() -> list[Path]:
    return sorted((EVENTS / "whatsapp").glob("*.json"))


def signed_http_event(
    base: dict[str, Any], body: bytes, secret: str, *, signature: str | None = None
) -> dict[str, Any]:
    """`base` (an HTTP API event from `events/lambda/`) carrying `body`, signed with `secret`."""
    event = json.loads(json.dumps(base))
    event["body"] = body.decode()
    event["isBase64Encoded"] = False
    event["headers"]["x-hub-signature-256"] = signature if signature is not None else meta_signature(body, secret)
    event["headers"]["content-length"] = str(len(body))
    return event
