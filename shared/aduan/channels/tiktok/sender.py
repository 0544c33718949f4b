"""Sending to a citizen on TikTok (Business Messaging): ``POST business-api.tiktok.com/open_api/v1.3/business/
message/send/`` with header ``Access-Token`` and ``{"business_id", "recipient_type": "CONVERSATION",
"recipient": <conversation id>, "message_type": "TEXT", "text": {"body"}}``.

The answer is HTTP 200 with ``{"code", "message", "request_id", "data"}``; ``code`` 0 is success, anything
else an error. Transient: 40100 (too many requests) and 5xxxx (TikTok's internal errors), and HTTP 429/5xx;
other codes are refusals (40001-40099 bad parameters, 40101-40199 token and permission, among them the 48 h
window and the 10-message limit). The code table is as the Business API documents it in general; the send
endpoint's own codes are *unconfirmed* (see /work/shared/docs/platforms.md).
"""

from __future__ import annotations

from typing import Any

from aduan.channels import http
from aduan.channels.sending import Outgoing, SendResult, by_status, unreachable

HOST = "business-api.tiktok.com"
PATH = "/open_api/v1.3/business/message/send/"
TRANSIENT_CODES = frozenset({40100, 40200})


def request_body(message: Outgoing) -> dict[str, Any]:
    return {
        "business_id": message.account_id,
        "recipient_type": "CONVERSATION",
        "recipient": message.to,
        "message_type": "TEXT",
        "text": {"body": message.text},
    }


def classify(reply: http.PlatformReply) -> SendResult:
    body: Any = reply.json()
    if not isinstance(body, dict) or not isinstance(body.get("code"), int):
        return by_status(reply.status if not reply.ok else 502, "", f"HTTP {reply.status} without a code")
    code = body["code"]
    if code == 0 and reply.ok:
        data = body["data"] if isinstance(body.get("data"), dict) else {}
        return SendResult("sent", platform_message_id=str(data.get("message_id") or body.get("request_id") or ""))
    reason = f"code {code}"
    if code in TRANSIENT_CODES or code >= 50000 or reply.status == 429 or reply.status >= 500:
        return SendResult("transient", code=str(code), reason=reason)
    return SendResult("refused", code=str(code), reason=reason)


def send(message: Outgoing, token: str) -> SendResult:
    try:
        reply = http.call(
            "POST", http.platform_url(HOST, PATH), headers={"Access-Token": token}, json_body=request_body(message)
        )
    except http.PlatformUnreachable as error:
        return unreachable(str(error))
    return classify(reply)
