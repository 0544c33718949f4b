"""The Messenger and Instagram Send API, shared by the Facebook and Instagram senders.

``POST /<version>/<account id>/messages`` with ``{"recipient": {"id": <PSID or IGSID>}, "messaging_type":
"RESPONSE", "message": {"text": ...}}`` inside the 24 h window, or a private reply to a public comment
(``"recipient": {"comment_id": ...}``) or visitor post (``{"post_id": ...}``): one per comment, within 7 days.
"""

from __future__ import annotations

from typing import Any

from aduan.channels import http
from aduan.channels.meta_send import classify
from aduan.channels.sending import Outgoing, SendResult, unreachable

VERSION = "v21.0"


def request_body(message: Outgoing) -> dict[str, Any]:
    if message.mode == "private_reply":
        recipient = {"post_id" if message.target_kind == "post" else "comment_id": message.to}
    else:
        recipient = {"id": message.to}
    return {"recipient": recipient, "messaging_type": "RESPONSE", "message": {"text": message.text}}


def send(host: str, message: Outgoing, token: str) -> SendResult:
    url = http.platform_url(host, f"/{VERSION}/{message.account_id}/messages")
    try:
        reply = http.call("POST", url, headers={"Authorization": f"Bearer {token}"}, json_body=request_body(message))
    except http.PlatformUnreachable as error:
        return unreachable(str(error))
    return classify(reply)
