"""``python -m devstack.simulate`` (``make simulate``): send sample WhatsApp deliveries to the local stack.

Each file in ``events/whatsapp/`` is a raw WhatsApp Cloud API webhook body. Every message gets a per-run id
suffix (``--keep-ids`` resends the original ids, to show deduplication) and the current timestamp; the exact
bytes sent are signed like Meta does (``X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>``).
The GET handshake is performed once first.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import hmac
import json
import os
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devstack import DEFAULT_API_PORT, REPO_ROOT

EVENTS_DIR = REPO_ROOT / "events" / "whatsapp"
WEBHOOK_PATH = "/webhooks/whatsapp"
USER_AGENT = "facebookexternalua"


@dataclass(frozen=True)
class Delivery:
    """The outcome of one POST."""

    name: str
    status: int
    elapsed_ms: float
    body: str


def _timestamped(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Every message and status in a delivery (the items that carry a ``timestamp``)."""
    items: list[dict[str, Any]] = []
    for entry in payload.get("entry") or []:
        for change in entry.get("changes") or []:
            value = change.get("value") or {}
            for key in ("messages", "statuses", "message_echoes"):
                items.extend(item for item in value.get(key) or [] if isinstance(item, dict))
    return items


def timestamps(payload: dict[str, Any]) -> list[int]:
    """The timestamps in a delivery, in seconds."""
    return [int(item["timestamp"]) for item in _timestamped(payload) if str(item.get("timestamp", "")).isdigit()]


def refresh(payload: dict[str, Any], *, suffix: str | None, shift: int = 0) -> dict[str, Any]:
    """A copy of a webhook body with fresh message ids (``<id>.<suffix>``) and timestamps moved by ``shift``
    seconds, so a run keeps the samples' relative timing (a location pin 45 s after its report)."""
    fresh = copy.deepcopy(payload)
    for item in _timestamped(fresh):
        if suffix and "id" in item and "status" not in item:
            item["id"] = f"{item['id']}.{suffix}"
        if str(item.get("timestamp", "")).isdigit():
            item["timestamp"] = str(int(item["timestamp"]) + shift)
    return fresh


def encode(payload: dict[str, Any]) -> bytes:
    """Serialise as Meta does: compact JSON with non-ASCII escaped (the bytes that are signed)."""
    return json.dumps(payload, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def sign(body: bytes, app_secret: str) -> str:
    """The ``X-Hub-Signature-256`` header value for ``body``."""
    return "sha256=" + hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def post(url: str, body: bytes, app_secret: str, timeout: float = 30) -> tuple[int, str]:
    """POST a signed delivery; return (status, response text), HTTP errors included."""
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Hub-Signature-256": sign(body, app_secret),
        },
    )
    return _send(request, timeout)


def handshake(url: str, verify_token: str, timeout: float = 10) -> tuple[int, str, str]:
    """Meta's subscription handshake; return (status, body, the challenge sent)."""
    challenge = str(secrets.randbelow(10**9))
    query = urllib.parse.urlencode(
        {"hub.mode": "subscribe", "hub.verify_token": verify_token, "hub.challenge": challenge}
    )
    request = urllib.request.Request(f"{url}?{query}", headers={"User-Agent": USER_AGENT})
    status, text = _send(request, timeout)
    return status, text, challenge


def _send(request: urllib.request.Request, timeout: float) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


def sample_files(name: str | None = None, directory: Path = EVENTS_DIR) -> list[Path]:
    """The sample deliveries to send: all of them, or the one named (with or without ``.json``)."""
    if name is None:
        files = sorted(directory.glob("*.json"))
        if not files:
            raise FileNotFoundError(f"no sample deliveries in {directory}")
        return files
    candidates = [Path(name), directory / name, directory / f"{name}.json"]
    for candidate in candidates:
        if candidate.is_file():
            return [candidate]
    available = ", ".join(p.stem for p in sorted(directory.glob("*.json")))
    raise FileNotFoundError(f"no sample delivery {name!r} (available: {available})")


def main(argv: list[str] | None = None) -> int:
    """Send the samples; exit 1 when the stack is unreachable or a delivery is not answered 2xx."""
    port = os.environ.get("API_PORT", str(DEFAULT_API_PORT))
    parser = argparse.ArgumentParser(prog="python -m devstack.simulate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=f"http://127.0.0.1:{port}{WEBHOOK_PATH}", help="the webhook URL")
    parser.add_argument("--file", help="send one sample (a name in events/whatsapp/ or a path)")
    parser.add_argument("--keep-ids", action="store_true", help="resend the original message ids (dedup demo)")
    parser.add_argument("--no-handshake", action="store_true", help="skip the GET handshake")
    args = parser.parse_args(argv)

    from devstack.runtime import import_seed

    seed = import_seed()
    app_secret = os.environ.get("WHATSAPP_APP_SECRET") or seed.DEFAULT_APP_SECRET
    verify_token = os.environ.get("WHATSAPP_VERIFY_TOKEN") or seed.DEFAULT_VERIFY_TOKEN
    try:
        files = sample_files(args.file)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    suffix = None if args.keep_ids else f"sim{int(time.time())}{secrets.token_hex(2)}"
    failures = 0
    try:
        if not args.no_handshake:
            status, text, challenge = handshake(args.url, verify_token)
            verdict = "challenge echoed" if status == 200 and text == challenge else f"unexpected: {text[:80]!r}"
            print(f"handshake GET {args.url}: {status} ({verdict})")
            failures += status != 200 or text != challenge
        # Send in the order the samples were written (their own timestamps), moved to end now.
        payloads = sorted(
            ((path, json.loads(path.read_text(encoding="utf-8"))) for path in files),
            key=lambda pair: (min(timestamps(pair[1]), default=0), pair[0].name),
        )
        latest = max((stamp for _, p in payloads for stamp in timestamps(p)), default=0)
        shift = int(time.time()) - latest if latest else 0
        for path, payload in payloads:
            body = encode(refresh(payload, suffix=suffix, shift=shift))
            started = time.perf_counter()
            status, text = post(args.url, body, app_secret)
            elapsed = (time.perf_counter() - started) * 1000
            print(f"{path.name:<32} {status}  {elapsed:6.0f} ms  {text[:100]}")
            failures += not 200 <= status < 300
    except urllib.error.URLError as error:
        print(
            f"the local stack does not answer at {args.url} ({error.reason}); start it with `make dev`",
            file=sys.stderr,
        )
        return 1
    ids_note = "original ids (expect duplicates to be ignored)" if args.keep_ids else f"id suffix .{suffix}"
    print(f"sent {len(files)} deliveries, {ids_note}; see the alerts with `make outbox`")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
