"""Sending to a citizen on WhatsApp (Cloud API): ``POST graph.facebook.com/v21.0/<phone-number-id>/messages``.

Free-form text inside the 24 h customer-service window; outside it an approved template (its name and body
parameters; the window rule is :func:`aduan.domain.replies.decide`). Bearer token: the system user's access
token. Answers are classified by :func:`aduan.channels.meta_send.classify`.
"""

from __future__ import annotations

from typing import Any

from aduan.channels import http
from aduan.channels.meta_send import classify
from aduan.channels.sending import Outgoing, SendResult, unreachable

HOST = "graph.facebook.com"
VERSION = "v21.0"


def request_body(message: Outgoing) -> dict[str, Any]:
    body: dict[str, Any] = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": message.to}
    if message.mode == "template":
        template: dict[str, Any] = {"name": message.template, "language": {"code": message.template_language}}
        if message.template_params:
            template["components"] = [
                {"type": "body", "parameters": [{"type": "text", "text": p} for p in message.template_params]}
            ]
        body.update(type="template", template=template)
    else:
        body.update(type="text", text={"preview_url": False, "body": message.text})
    return body


def send(message: Outgoing, token: str) -> SendResult:
    url = http.platform_url(HOST, f"/{VERSION}/{message.account_id}/messages")
    try:
        reply = http.call("POST", url, headers={"Authorization": f"Bearer {token}"}, json_body=request_body(message))
    except http.PlatformUnreachable as error:
        return unreachable(str(error))
    return classify(reply)
