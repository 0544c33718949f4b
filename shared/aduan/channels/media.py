"""What every channel's media client shares: bounded downloads through `aduan.channels.http`, and how a
platform's answer becomes a result or an error.

A client module (`aduan.channels.<name>.media`) exports `download(job, token) -> Download`, where `token()`
returns the channel's access token. It raises:

- `TooLarge` when the file is over the job's limit (the platform said so, or the body grew past it: the
  read stops at limit + 1 byte, so an oversize file is cut off, never held whole);
- `MediaError(reason, transient=...)`: transient ones (the platform unreachable, 429, 5xx, an expired
  token) are retried; the others (404, 410, 400, a URL on a host the channel never serves media from) are
  final. The reason names the step and the status, never a URL or an id.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from aduan.channels.http import PlatformReply, PlatformUnreachable, call, platform_url

DOWNLOAD_TIMEOUT_S = 60.0
TRANSIENT_STATUSES = frozenset({401, 408, 425, 429})  # 401: a rotated token is picked up on the next read

TokenSource = Callable[[], str]


class MediaError(Exception):
    def __init__(self, reason: str, *, transient: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


class TooLarge(Exception):
    """More than `limit` bytes; `seen` is what the platform declared or what was read before the cut."""

    def __init__(self, limit: int, seen: int) -> None:
        super().__init__(f"more than {limit} bytes")
        self.limit = limit
        self.seen = seen


@dataclass(frozen=True, slots=True)
class Download:
    data: bytes
    content_type: str | None  # the platform's Content-Type (or its metadata's mime_type)


def status_error(step: str, reply: PlatformReply) -> MediaError:
    transient = reply.status >= 500 or reply.status in TRANSIENT_STATUSES
    return MediaError(f"{step}: HTTP {reply.status}", transient=transient)


def local_url(url: str) -> str:
    """A platform URL as the function reaches it: unchanged on AWS, through `PLATFORM_API_BASE_URL` locally
    (the query string kept byte for byte: CDN URLs are signed over it)."""
    if not os.environ.get("PLATFORM_API_BASE_URL"):
        return url
    parts = urlsplit(url)
    rebased = platform_url(parts.hostname or "", parts.path or "/")
    return f"{rebased}?{parts.query}" if parts.query else rebased


def host_allowed(url: str, hosts: Iterable[str]) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and any(host == h or host.endswith("." + h) for h in hosts)


def fetch(
    url: str,
    *,
    limit: int,
    hosts: Iterable[str],
    headers: dict[str, str] | None = None,
    step: str = "download",
) -> Download:
    """GET a file from one of the channel's media hosts, reading at most `limit` + 1 bytes."""
    if not host_allowed(url, hosts):
        raise MediaError(f"{step}: not a media host of this channel", transient=False)
    try:
        reply = call("GET", local_url(url), headers=headers, timeout=DOWNLOAD_TIMEOUT_S, max_bytes=limit)
    except PlatformUnreachable as error:
        raise MediaError(f"{step}: unreachable ({error})", transient=True) from error
    if not reply.ok:
        raise status_error(step, reply)
    declared = reply.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(limit, int(declared))
    if len(reply.body) > limit:
        raise TooLarge(limit, len(reply.body))
    return Download(reply.body, reply.headers.get("content-type"))


def api(method: str, url: str, *, step: str, **kwargs: object) -> PlatformReply:
    """A platform API call (not a download) whose failure is a `MediaError`."""
    try:
        reply = call(method, url, **kwargs)  # type: ignore[arg-type]
    except PlatformUnreachable as error:
        raise MediaError(f"{step}: unreachable ({error})", transient=True) from error
    if not reply.ok:
        raise status_error(step, reply)
    return reply
