"""Sending to a citizen on X (API v2, the police account's OAuth 2.0 user token).

- A DM: ``POST /2/dm_conversations/with/<participant id>/messages`` ``{"text"}``; 201 ``{"data":
  {"dm_conversation_id", "dm_event_id"}}``.
- A public reply to a mention: ``POST /2/tweets`` ``{"text", "reply": {"in_reply_to_tweet_id"}}``; 201
  ``{"data": {"id", "text"}}``. Only the ticket number goes there (:mod:`aduan.domain.replies`).

Errors are problem documents (``{"title", "detail", "type", "status"}``) or ``{"errors": [...]}``: 429 and 5xx
are transient; 401 (token), 403 (the user does not accept our DMs, duplicate post, suspended) and 400 are
refusals.
"""

from __future__ import annotations

from typing import Any

from aduan.channels import http
from aduan.channels.sending import Outgoing, SendResult, by_status, unreachable

HOST = "api.x.com"


def request(message: Outgoing) -> tuple[str, dict[str, Any]]:
    if message.mode == "public_reply":
        return "/2/tweets", {"text": message.text, "reply": {"in_reply_to_tweet_id": message.to}}
    return f"/2/dm_conversations/with/{message.to}/messages", {"text": message.text}


def classify(reply: http.PlatformReply) -> SendResult:
    body: Any = reply.json()
    data = body.get("data") if isinstance(body, dict) else None
    if reply.ok and isinstance(data, dict) and (data.get("dm_event_id") or data.get("id")):
        return SendResult("sent", platform_message_id=str(data.get("dm_event_id") or data.get("id")))
    if reply.ok:
        return SendResult("transient", code="unexpected_body", reason="2xx without an id")
    title = ""
    if isinstance(body, dict):
        title = str(body.get("title") or "")
        errors = body.get("errors")
        if not title and isinstance(errors, list) and errors and isinstance(errors[0], dict):
            title = str(errors[0].get("title") or errors[0].get("code") or "")
    return by_status(reply.status, str(reply.status), f"HTTP {reply.status} {title[:60]}".strip())


def send(message: Outgoing, token: str) -> SendResult:
    path, body = request(message)
    try:
        reply = http.call(
            "POST", http.platform_url(HOST, path), headers={"Authorization": f"Bearer {token}"}, json_body=body
        )
    except http.PlatformUnreachable as error:
        return unreachable(str(error))
    return classify(reply)
