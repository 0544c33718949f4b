"""The platforms' send APIs, as the local stack's embedded endpoint answers them.

Each route takes the platform's documented path and auth header, checks the request's shape as the platform
would, records what it accepted (``STATE.record("replies", {"channel", "to", "text", ...})``, what ``make
outbox`` and ``GET /_local/outbox`` show) and answers in the platform's format, with its ids:

- WhatsApp Cloud API: ``POST graph.facebook.com/v<n>/<phone-number-id>/messages`` (text or template);
- Messenger: the same path with ``recipient`` (an id, a ``comment_id`` or a ``post_id``: a private reply);
- Instagram: ``POST graph.instagram.com/v<n>/<account id>/messages``;
- X: ``POST api.x.com/2/dm_conversations/with/<participant id>/messages`` and ``POST api.x.com/2/tweets``;
- TikTok: ``POST business-api.tiktok.com/open_api/v1.3/business/message/send/`` (header ``Access-Token``).

Refusals are the platforms' own: a wrong or missing token (Graph 190, X 401, TikTok 40105), a malformed
request (Graph 100, X 400, TikTok 40002), a second private reply to one comment (Graph 10900), a post longer
than 280 characters (X 400). Tests inject other answers with ``/_platforms/faults``.
"""

from __future__ import annotations

import itertools
import secrets
import time
from typing import Any

from devstack.platforms import STATE, PlatformRequest, PlatformResponse, Route, json_response

CHANNELS = ("whatsapp", "instagram", "facebook", "x", "tiktok")
KIND = "replies"
_ids = itertools.count(1_700_000_000_000_000_000)


def local_access_token(channel: str) -> str:
    """The local stack's access token for a channel, as seeded into the SSM parameter the replier reads."""
    from devstack.seed import local_access_token as seeded

    return seeded(channel)


def _record(channel: str, to: str, text: str, message_id: str, **extra: Any) -> None:
    STATE.record(KIND, {"channel": channel, "to": to, "text": text, "id": message_id, "at": time.time(), **extra})


def _graph_error(status: int, code: int, message: str, kind: str = "OAuthException") -> PlatformResponse:
    trace = secrets.token_urlsafe(8)
    return json_response({"error": {"message": message, "type": kind, "code": code, "fbtrace_id": trace}}, status)


def _body(request: PlatformRequest) -> dict[str, Any] | None:
    try:
        body = request.json()
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None


def _text(value: Any, limit: int) -> str | None:
    return value if isinstance(value, str) and value.strip() and len(value) <= limit else None


# ---------------------------------------------------------------------------------------------- Meta


def graph_facebook(request: PlatformRequest) -> PlatformResponse:
    body = _body(request)
    if body is None:
        return _graph_error(400, 100, "(#100) The request body is not JSON", "OAuthException")
    if body.get("messaging_product") == "whatsapp":
        return _whatsapp(request, body)
    return _messenger("facebook", request, body, limit=2000)


def graph_instagram(request: PlatformRequest) -> PlatformResponse:
    body = _body(request)
    if body is None:
        return _graph_error(400, 100, "(#100) The request body is not JSON")
    return _messenger("instagram", request, body, limit=1000)


def _whatsapp(request: PlatformRequest, body: dict[str, Any]) -> PlatformResponse:
    if request.bearer() != local_access_token("whatsapp"):
        return _graph_error(401, 190, "Invalid OAuth access token - Cannot parse access token")
    to = body.get("to")
    if not isinstance(to, str) or not to.lstrip("+").isdigit():
        return _graph_error(400, 100, "(#100) Invalid parameter: to", "OAuthException")
    kind = body.get("type", "text")
    template_name = ""
    if kind == "text":
        text = _text((body.get("text") or {}).get("body") if isinstance(body.get("text"), dict) else None, 4096)
        if text is None:
            return _graph_error(400, 100, "(#100) Param text['body'] is required and at most 4096 characters")
    elif kind == "template":
        template = body.get("template")
        if not isinstance(template, dict) or not template.get("name") or not isinstance(template.get("language"), dict):
            return _graph_error(400, 100, "(#100) Param template['name'] and template['language'] are required")
        template_name = str(template["name"])
        values = [
            str(p.get("text", ""))
            for c in template.get("components") or []
            if isinstance(c, dict)
            for p in c.get("parameters") or []
            if isinstance(p, dict)
        ]
        text = f"[template {template_name}] " + " | ".join(values)
    else:
        return _graph_error(400, 100, f"(#100) Unsupported message type for the local stack: {kind}")
    message_id = f"wamid.{secrets.token_urlsafe(24)}"
    _record("whatsapp", to, text, message_id, account=request.params["account"], template=template_name or None)
    return json_response(
        {"messaging_product": "whatsapp", "contacts": [{"input": to, "wa_id": to}], "messages": [{"id": message_id}]}
    )


def _messenger(channel: str, request: PlatformRequest, body: dict[str, Any], limit: int) -> PlatformResponse:
    if request.bearer() != local_access_token(channel):
        return _graph_error(401, 190, "Invalid OAuth access token - Cannot parse access token")
    recipient = body.get("recipient")
    message = body.get("message")
    if not isinstance(recipient, dict) or len(recipient) != 1 or not isinstance(message, dict):
        return _graph_error(400, 100, "(#100) Param recipient must be one of id, comment_id, post_id; message required")
    [(field, to)] = recipient.items()
    if field not in ("id", "comment_id", "post_id") or not isinstance(to, str) or not to:
        return _graph_error(400, 100, "(#100) Param recipient must be one of id, comment_id, post_id")
    text = _text(message.get("text"), limit)
    if text is None:
        return _graph_error(400, 100, f"(#100) Param message[text] is required and under {limit} characters")
    mode = "direct" if field == "id" else "private_reply"
    if mode == "private_reply":
        used = STATE.data.setdefault("private_replies", set())
        key = (channel, to)
        with STATE.lock:
            if key in used:
                return _graph_error(400, 10900, "Activity already replied to", "OAuthException")
            used.add(key)
    message_id = f"m_{secrets.token_urlsafe(24)}"
    _record(channel, to, text, message_id, account=request.params["account"], mode=mode, recipient=field)
    return json_response({"recipient_id": to, "message_id": message_id})


# ---------------------------------------------------------------------------------------------- X


def _x_error(status: int, title: str, detail: str) -> PlatformResponse:
    return json_response({"title": title, "detail": detail, "type": "about:blank", "status": status}, status)


def _x_auth(request: PlatformRequest) -> PlatformResponse | None:
    if request.bearer() != local_access_token("x"):
        return _x_error(401, "Unauthorized", "Unauthorized")
    return None


def x_dm(request: PlatformRequest) -> PlatformResponse:
    refused = _x_auth(request)
    if refused is not None:
        return refused
    body = _body(request)
    text = _text(body.get("text"), 10000) if body else None
    if text is None:
        return _x_error(400, "Invalid Request", "One or more parameters to your request was invalid: text")
    participant = request.params["participant"]
    event_id = str(next(_ids))
    _record("x", participant, text, event_id, mode="direct")
    return json_response({"data": {"dm_conversation_id": f"police-{participant}", "dm_event_id": event_id}}, 201)


def x_post(request: PlatformRequest) -> PlatformResponse:
    refused = _x_auth(request)
    if refused is not None:
        return refused
    body = _body(request) or {}
    text = _text(body.get("text"), 280)
    reply = body.get("reply")
    in_reply_to = reply.get("in_reply_to_tweet_id") if isinstance(reply, dict) else None
    if text is None:
        return _x_error(400, "Invalid Request", "One or more parameters to your request was invalid: text")
    if reply is not None and not (isinstance(in_reply_to, str) and in_reply_to):
        return _x_error(400, "Invalid Request", "reply.in_reply_to_tweet_id must be a post id")
    post_id = str(next(_ids))
    _record("x", str(in_reply_to or ""), text, post_id, mode="public_reply" if in_reply_to else "post")
    return json_response({"data": {"id": post_id, "text": text, "edit_history_tweet_ids": [post_id]}}, 201)


# ---------------------------------------------------------------------------------------------- TikTok


def _tiktok_answer(code: int, message: str, data: dict[str, Any] | None = None) -> PlatformResponse:
    return json_response({"code": code, "message": message, "request_id": secrets.token_hex(10), "data": data or {}})


def tiktok_send(request: PlatformRequest) -> PlatformResponse:
    if request.headers.get("access-token") != local_access_token("tiktok"):
        return _tiktok_answer(40105, "The access token is invalid or has been revoked.")
    body = _body(request)
    if body is None:
        return _tiktok_answer(40002, "Invalid request body.")
    text = _text((body.get("text") or {}).get("body") if isinstance(body.get("text"), dict) else None, 1000)
    recipient = body.get("recipient")
    valid = (
        isinstance(body.get("business_id"), str)
        and body.get("business_id")
        and body.get("recipient_type") == "CONVERSATION"
        and isinstance(recipient, str)
        and recipient
        and body.get("message_type") == "TEXT"
        and text is not None
    )
    if not valid:
        return _tiktok_answer(
            40002, "business_id, recipient_type CONVERSATION, recipient, message_type TEXT, text.body"
        )
    message_id = f"tt-{secrets.token_hex(12)}"
    _record("tiktok", str(recipient), str(text), message_id, account=body["business_id"], mode="direct")
    return _tiktok_answer(0, "OK", {"message_id": message_id})


_VERSION = r"/v\d+\.\d+"
ROUTES = [
    Route("POST", "graph.facebook.com", _VERSION + r"/(?P<account>[^/]+)/messages", graph_facebook),
    Route("POST", "graph.instagram.com", _VERSION + r"/(?P<account>[^/]+)/messages", graph_instagram),
    Route("POST", "api.x.com", r"/2/dm_conversations/with/(?P<participant>[^/]+)/messages", x_dm),
    Route("POST", "api.x.com", r"/2/tweets", x_post),
    Route("POST", "business-api.tiktok.com", r"/open_api/v1\.3/business/message/send/?", tiktok_send),
]
