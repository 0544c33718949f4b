"""Asking the platforms about our side of them: is our webhook subscription active, when does a token expire.

What this relies on:
- Meta (developers.facebook.com, Graph API): `GET /<app-id>/subscriptions` with the app access token
  (`<app-id>|<app-secret>`) answers `{"data": [{"object": "page" | "instagram" | "whatsapp_business_account",
  "callback_url", "active": true, "fields": [{"name", "version"}]}]}`; `GET /debug_token?input_token=<token>`
  with the app token answers `{"data": {"is_valid", "expires_at", "data_access_expires_at", ...}}` (epoch
  seconds; `expires_at` 0 for a token that does not expire).
- X (docs.x.com, webhooks): `GET /2/webhooks` with the app's bearer token answers `{"data": [{"id", "url",
  "valid", "created_at"}]}`; `valid` false means the webhook failed its CRC and X no longer delivers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aduan.channels import http

GRAPH = "graph.facebook.com"
GRAPH_VERSION = "v21.0"
X_API = "api.x.com"

#: The Graph webhook object each Meta channel subscribes to.
META_OBJECTS = {"whatsapp": "whatsapp_business_account", "instagram": "instagram", "facebook": "page"}


@dataclass(frozen=True, slots=True)
class SubscriptionAnswer:
    active: bool | None  # None: the platform could not be asked (unreachable, 5xx)
    detail: str


@dataclass(frozen=True, slots=True)
class TokenAnswer:
    valid: bool | None
    expires_at: int | None
    data_access_expires_at: int | None
    detail: str


def _get(host: str, path: str, query: dict[str, str], token: str | None = None) -> tuple[int, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        reply = http.call("GET", http.platform_url(host, path, query), headers=headers)
    except http.PlatformUnreachable as exc:
        return 0, str(exc)
    return reply.status, reply.json()


def meta_subscription(channel: str, app_id: str, app_token: str, callback_url: str = "") -> SubscriptionAnswer:
    obj = META_OBJECTS[channel]
    status, body = _get(GRAPH, f"/{GRAPH_VERSION}/{app_id}/subscriptions", {"access_token": app_token})
    if status == 0 or status >= 500 or status == 429:
        return SubscriptionAnswer(None, f"Graph unreachable or busy (HTTP {status})")
    if status != 200 or not isinstance(body, Mapping):
        return SubscriptionAnswer(False, f"Graph refused the subscriptions read (HTTP {status})")
    for entry in body.get("data") or []:
        if isinstance(entry, Mapping) and entry.get("object") == obj:
            if callback_url and entry.get("callback_url") not in (callback_url, None):
                return SubscriptionAnswer(False, f"the {obj} subscription points at another callback URL")
            if entry.get("active") is True:
                return SubscriptionAnswer(True, f"{obj} subscription active")
            return SubscriptionAnswer(False, f"{obj} subscription inactive")
    return SubscriptionAnswer(False, f"no {obj} subscription on the app")


def meta_token(input_token: str, app_token: str) -> TokenAnswer:
    status, body = _get(GRAPH, f"/{GRAPH_VERSION}/debug_token", {"input_token": input_token, "access_token": app_token})
    if status == 0 or status >= 500 or status == 429:
        return TokenAnswer(None, None, None, f"Graph unreachable or busy (HTTP {status})")
    data = body.get("data") if isinstance(body, Mapping) else None
    if status != 200 or not isinstance(data, Mapping):
        return TokenAnswer(False, None, None, f"debug_token refused (HTTP {status})")

    def epoch(name: str) -> int | None:
        value = data.get(name)
        return int(value) if isinstance(value, int) and not isinstance(value, bool) else None

    valid = data.get("is_valid") is True
    return TokenAnswer(valid, epoch("expires_at"), epoch("data_access_expires_at"), "valid" if valid else "invalid")


def x_webhook(bearer: str, callback_url: str = "") -> SubscriptionAnswer:
    status, body = _get(X_API, "/2/webhooks", {}, token=bearer)
    if status == 0 or status >= 500 or status == 429:
        return SubscriptionAnswer(None, f"X unreachable or busy (HTTP {status})")
    if status != 200 or not isinstance(body, Mapping):
        return SubscriptionAnswer(False, f"X refused the webhooks read (HTTP {status})")
    hooks = [h for h in body.get("data") or [] if isinstance(h, Mapping)]
    if callback_url:
        hooks = [h for h in hooks if h.get("url") == callback_url] or hooks
    if not hooks:
        return SubscriptionAnswer(False, "no webhook registered with X")
    if any(h.get("valid") is True for h in hooks):
        return SubscriptionAnswer(True, "X webhook valid")
    return SubscriptionAnswer(False, "X marks the webhook invalid (failed CRC): re-validate with PUT /2/webhooks/<id>")
