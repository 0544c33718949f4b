"""Calling a platform's API: one base-URL switch for the local stack, one pooled HTTP client.

``PLATFORM_API_BASE_URL`` is empty on AWS, so ``platform_url("graph.facebook.com", "/v21.0/1/messages")`` is
``https://graph.facebook.com/v21.0/1/messages``. The local stack sets it to its embedded platform endpoint
(``http://127.0.0.1:5100``), which serves the same paths under a first segment naming the host:
``http://127.0.0.1:5100/graph.facebook.com/v21.0/1/messages``.

:func:`call` never raises for an HTTP status: the caller (a channel's sender or media client) decides what a
status means on that platform. Network failures and timeouts raise :class:`PlatformUnreachable`, which callers
treat as transient.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import urllib3

_pool: urllib3.PoolManager | None = None

DEFAULT_TIMEOUT_S = 5.0


class PlatformUnreachable(Exception):
    """The platform did not answer (connection refused, DNS, timeout): try again later."""


@dataclass(frozen=True)
class PlatformReply:
    status: int
    body: bytes
    headers: dict[str, str]

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def json(self) -> Any:
        """The body as JSON, or ``None`` when it is empty or not JSON."""
        try:
            return json.loads(self.body.decode("utf-8")) if self.body else None
        except (UnicodeDecodeError, ValueError):
            return None


def platform_url(host: str, path: str, query: dict[str, str] | None = None) -> str:
    """The URL of ``path`` on the platform ``host``, through ``PLATFORM_API_BASE_URL`` when it is set."""
    base = os.environ.get("PLATFORM_API_BASE_URL", "").rstrip("/")
    url = f"{base}/{host}{path}" if base else f"https://{host}{path}"
    return f"{url}?{urlencode(query)}" if query else url


def _client() -> urllib3.PoolManager:
    global _pool
    if _pool is None:
        _pool = urllib3.PoolManager(num_pools=8, maxsize=4, retries=False)
    return _pool


def call(
    method: str,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    json_body: Any = None,
    body: bytes | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    max_bytes: int | None = None,
) -> PlatformReply:
    """One HTTP request; ``max_bytes`` stops reading a body that grows past it (the reply is then cut)."""
    sent_headers = dict(headers or {})
    if json_body is not None:
        body = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
        sent_headers.setdefault("Content-Type", "application/json")
    try:
        response = _client().request(
            method,
            url,
            body=body,
            headers=sent_headers,
            timeout=urllib3.Timeout(total=timeout),
            preload_content=False,
            redirect=False,
        )
        try:
            data = response.read() if max_bytes is None else response.read(max_bytes + 1)
        finally:
            response.release_conn()
    except urllib3.exceptions.HTTPError as error:
        raise PlatformUnreachable(type(error).__name__) from error
    return PlatformReply(response.status, data, {k.lower(): v for k, v in response.headers.items()})
