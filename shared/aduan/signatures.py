"""Webhook signature checks, in constant time, over the raw request body."""

from __future__ import annotations

import hashlib
import hmac

META_SIGNATURE_PREFIX = "sha256="


def meta_signature(body: bytes, app_secret: str) -> str:
    """The `X-Hub-Signature-256` value Meta sends for `body` (used by tests and the local simulator)."""
    return META_SIGNATURE_PREFIX + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def verify_meta_signature(body: bytes, header: str | None, app_secret: str) -> bool:
    """True when `header` is Meta's HMAC-SHA256 of the raw `body` keyed with the app secret.

    Meta signs the exact bytes it sends (an escaped-unicode JSON form), so the body must never be
    re-serialised before this check.
    """
    if not header or not app_secret or not header.startswith(META_SIGNATURE_PREFIX):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header[len(META_SIGNATURE_PREFIX) :].strip().lower())
