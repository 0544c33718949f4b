"""Routes the local HTTP API serves beside the template's: ``GET /_local/outbox``.

``{"sms": [...], "email": [...], "replies": [{"channel", "to", "text", ...}]}``: every SMS and alert e-mail
the stack has sent (from the embedded AWS endpoint, as ``make outbox`` reads them) and every reply to a
citizen the embedded platform endpoint accepted, oldest first, for tests and tools. Hooked into
:class:`devstack.api.ApiServer` with one line; nothing here is part of the deployed API.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from devstack.api import HttpResponse

PREFIX = "/_local/"
OUTBOX = "/_local/outbox"


def outbox() -> dict[str, list[dict[str, object]]]:
    from devstack.outbox import read_outbox
    from devstack.platforms import STATE

    sms, emails = read_outbox(os.environ.get("AWS_ENDPOINT_URL") or "http://localhost:5000")
    return {
        "sms": [asdict(s) for s in sms],
        "email": [asdict(e) for e in emails],
        "replies": STATE.entries("replies")["replies"],
    }


def handle(method: str, path: str) -> HttpResponse | None:
    """The answer for a ``/_local/...`` request, or None for any other path."""
    if not path.startswith(PREFIX):
        return None
    from devstack.api import HttpResponse, error_response

    if path != OUTBOX:
        return error_response(404, "Not Found")
    if method != "GET":
        return error_response(405, "Method Not Allowed")
    body = json.dumps(outbox(), ensure_ascii=False).encode()
    return HttpResponse(200, [("Content-Type", "application/json"), ("Cache-Control", "no-store")], body)
