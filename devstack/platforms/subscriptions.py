"""Subscription and token checks on the embedded platform endpoint.

- `GET graph.facebook.com/<version>/<app-id>/subscriptions?access_token=<app-id>|<secret>`: the app's webhook
  subscriptions (`page`, `instagram`, `whatsapp_business_account`), each `active` unless failed by control.
- `GET graph.facebook.com/<version>/debug_token?input_token=..&access_token=..`: `is_valid`, `expires_at`
  (60 days from now unless set), `data_access_expires_at` (90 days).
- `GET api.x.com/2/webhooks` (bearer): one webhook, `valid` unless failed by control.

Control (tests, demos): `POST /platforms.local/subscriptions {"channel": "x", "active": false}` makes that
channel's subscription fail (true restores it); `POST /platforms.local/tokens {"token": "...", "expires_at":
<epoch>, "data_access_expires_at": <epoch>, "is_valid": true}`. Every check is recorded (kind `subscriptions`).
"""

from __future__ import annotations

import time
from typing import Any

from devstack.platforms import STATE, PlatformRequest, PlatformResponse, Route, json_response
from devstack.platforms.engagement import CONTROL_HOST

KEY = "subscriptions"
TOKENS = "tokens"
OBJECTS = {"facebook": "page", "instagram": "instagram", "whatsapp": "whatsapp_business_account"}


def _active(channel: str) -> bool:
    with STATE.lock:
        return bool(STATE.data.setdefault(KEY, {}).get(channel, True))


def app_subscriptions(request: PlatformRequest) -> PlatformResponse:
    token = request.arg("access_token") or request.bearer() or ""
    if "|" not in token or not token.startswith(request.params["app"] + "|"):
        message = "An app access token is required for this resource"
        return json_response({"error": {"message": message, "type": "OAuthException", "code": 15}}, 400)
    data = [
        {
            "object": obj,
            "callback_url": None,
            "active": _active(channel),
            "fields": [{"name": "feed" if obj == "page" else "messages", "version": "v21.0"}],
        }
        for channel, obj in OBJECTS.items()
    ]
    STATE.record(KEY, {"host": request.host, "app": request.params["app"]})
    return json_response({"data": data})


def debug_token(request: PlatformRequest) -> PlatformResponse:
    token = request.arg("input_token") or ""
    if not token or "|" not in (request.arg("access_token") or ""):
        return json_response({"error": {"message": "input_token and an app token are required", "code": 100}}, 400)
    now = int(time.time())
    with STATE.lock:
        spec: dict[str, Any] = dict(STATE.data.setdefault(TOKENS, {}).get(token) or {})
    data = {
        "app_id": (request.arg("access_token") or "").split("|", 1)[0],
        "type": "PAGE",
        "is_valid": bool(spec.get("is_valid", True)),
        "expires_at": int(spec.get("expires_at", now + 60 * 86400)),
        "data_access_expires_at": int(spec.get("data_access_expires_at", now + 90 * 86400)),
        "scopes": ["pages_read_engagement", "pages_manage_metadata"],
    }
    STATE.record(KEY, {"host": request.host, "debug_token": True})
    return json_response({"data": data})


def x_webhooks(request: PlatformRequest) -> PlatformResponse:
    if not request.bearer():
        return json_response({"title": "Unauthorized", "status": 401}, 401)
    STATE.record(KEY, {"host": request.host, "webhooks": True})
    hook = {"id": "1146654567674912769", "url": "", "valid": _active("x"), "created_at": "2026-11-01T00:00:00.000Z"}
    return json_response({"data": [hook], "meta": {"result_count": 1}})


def control_subscription(request: PlatformRequest) -> PlatformResponse:
    try:
        spec = request.json()
        channel, active = str(spec["channel"]), bool(spec.get("active", False))
    except (ValueError, KeyError, TypeError) as error:
        return json_response({"error": f"bad subscription control: {error}"}, 400)
    with STATE.lock:
        STATE.data.setdefault(KEY, {})[channel] = active
    return json_response({"ok": True})


def control_token(request: PlatformRequest) -> PlatformResponse:
    try:
        spec = request.json()
        token = str(spec["token"])
    except (ValueError, KeyError, TypeError) as error:
        return json_response({"error": f"bad token control: {error}"}, 400)
    with STATE.lock:
        STATE.data.setdefault(TOKENS, {})[token] = {k: v for k, v in spec.items() if k != "token"}
    return json_response({"ok": True})


ROUTES = [
    Route("GET", "graph.facebook.com", r"/v[0-9.]+/debug_token", debug_token),
    Route("GET", "graph.facebook.com", r"/v[0-9.]+/(?P<app>[0-9]+)/subscriptions", app_subscriptions),
    Route("GET", "api.x.com", r"/2/webhooks", x_webhooks),
    Route("POST", CONTROL_HOST, r"/subscriptions", control_subscription),
    Route("POST", CONTROL_HOST, r"/tokens", control_token),
]
