"""Lazily created, reused boto3 clients.

Clients are built on first use (never at import time) and cached for the life of the execution
environment, so warm invocations reuse connections. `AWS_ENDPOINT_URL` is honoured by botocore itself,
which is how the local stack and `sam local` reach the embedded AWS endpoint.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

_lock = threading.Lock()


@cache
def _config() -> Any:
    from botocore.config import Config

    return Config(
        retries={"mode": "standard", "max_attempts": 3},
        connect_timeout=2,
        read_timeout=5,
        tcp_keepalive=True,
    )


_clients: dict[str, Any] = {}


def client(service: str) -> Any:
    """Return the shared client for `service`, creating it on first use (thread-safe)."""
    existing = _clients.get(service)
    if existing is not None:
        return existing
    with _lock:
        existing = _clients.get(service)
        if existing is None:
            import boto3

            existing = boto3.session.Session().client(service, config=_config())  # type: ignore[call-overload]
            _clients[service] = existing
    return existing


def reset_clients() -> None:
    """Forget cached clients (tests switch endpoints and credentials between cases)."""
    with _lock:
        _clients.clear()
