"""Classifying Graph API answers, shared by the WhatsApp, Messenger and Instagram senders.

Error bodies are ``{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}``. Transient: HTTP 429
and 5xx, and the Graph and WhatsApp codes for rate limits and temporary failures (1, 2, 4, 17, 32, 341, 613,
80007, 130429, 131000, 131016, 131048, 131056, 133004). Everything else is a refusal, among them 10 and 200
(permission), 190 (expired or invalid token), 100 (bad parameter), 551 (the person is not available),
2018278 / 2018108 (outside the messaging window, private reply already sent), and WhatsApp 131047 (more than
24 h since the citizen's last message: a template was needed), 131026 (undeliverable), 131051, 132000-132015
(template problems). Sources: developers.facebook.com Graph API error handling, WhatsApp Cloud API error codes,
Messenger Send API errors.
"""

from __future__ import annotations

from typing import Any

from aduan.channels.http import PlatformReply
from aduan.channels.sending import SendResult, by_status

TRANSIENT_CODES = frozenset(
    {"1", "2", "4", "17", "32", "341", "613", "80007", "130429", "131000", "131016", "131048", "131056", "133004"}
)


def classify(reply: PlatformReply) -> SendResult:
    body: Any = reply.json()
    if reply.ok and isinstance(body, dict):
        messages = body.get("messages")
        if isinstance(messages, list) and messages and isinstance(messages[0], dict) and messages[0].get("id"):
            return SendResult("sent", platform_message_id=str(messages[0]["id"]))  # WhatsApp
        if body.get("message_id"):
            return SendResult("sent", platform_message_id=str(body["message_id"]))  # Messenger, Instagram
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        if reply.ok:
            return SendResult("transient", code="unexpected_body", reason="2xx without a message id")
        return by_status(reply.status, "", f"HTTP {reply.status}")
    code = str(error.get("code") or "")
    subcode = str(error.get("error_subcode") or "")
    kind = str(error.get("type") or "error")[:40]
    reason = f"{kind} {code}" + (f"/{subcode}" if subcode else "")
    if code in TRANSIENT_CODES or subcode in TRANSIENT_CODES or error.get("is_transient") is True:
        return SendResult("transient", code=code, reason=reason)
    if reply.status >= 500 and code not in ("190", "10", "200", "100"):
        return SendResult("transient", code=code, reason=reason)
    return SendResult(
        "refused", code=subcode if code == "100" and subcode else code or str(reply.status), reason=reason
    )
