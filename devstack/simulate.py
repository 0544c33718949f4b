"""``python -m devstack.simulate`` (``make simulate``): send signed sample deliveries to the local stack.

For every channel with a webhook function in the template and samples in ``events/<channel>/`` (or just
one: ``--channel instagram``, or ``make simulate CHANNEL=instagram``), it performs the platform's handshake
where there is one, then POSTs each sample signed the way the platform signs it (the channel package's
``sign``) with the channel's local secret (``devstack.seed``). Every id in a sample gets a per-run suffix
(``--keep-ids`` resends the original ids, to show deduplication) and its timestamps are moved so the newest
is now, keeping the samples' relative timing (a location pin 45 s after its report).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devstack import REPO_ROOT

EVENTS_DIR = REPO_ROOT / "events"
USER_AGENT = "aduan-simulate"
#: Keys whose string values are platform ids (messages, comments, posts, senders, accounts). They get the
#: run's suffix everywhere, so the samples of one run still refer to each other and no run repeats another.
ID_KEYS = frozenset({"id", "mid", "comment_id", "post_id", "parent_id", "message_id", "media_id"})
#: Keys holding Unix timestamps, in seconds or milliseconds, as numbers or digit strings.
TIME_KEYS = frozenset({"timestamp", "created_time", "time"})
MS_THRESHOLD = 10**11  # a Unix time above this is in milliseconds


@dataclass(frozen=True)
class Delivery:
    """The outcome of one POST."""

    name: str
    status: int
    elapsed_ms: float
    body: str


def _walk(node: Any, visit: Callable[[dict[str, Any], str], None]) -> None:
    if isinstance(node, dict):
        for key in list(node):
            visit(node, key)
            _walk(node[key], visit)
    elif isinstance(node, list):
        for item in node:
            _walk(item, visit)


def _seconds(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        return None
    number = int(value)
    return number / 1000 if number > MS_THRESHOLD else float(number)


def timestamps(payload: Any) -> list[float]:
    """Every timestamp in a delivery, in seconds."""
    found: list[float] = []

    def visit(node: dict[str, Any], key: str) -> None:
        if key in TIME_KEYS and (seconds := _seconds(node[key])) is not None:
            found.append(seconds)

    _walk(payload, visit)
    return found


def refresh(payload: Any, *, suffix: str | None, shift: int = 0) -> Any:
    """A copy of a webhook body with every id suffixed (``<id>.<suffix>``) and timestamps moved by ``shift`` s."""
    fresh = copy.deepcopy(payload)

    def visit(node: dict[str, Any], key: str) -> None:
        value = node[key]
        if suffix and key in ID_KEYS and isinstance(value, str) and value:
            node[key] = f"{value}.{suffix}"
        elif key in TIME_KEYS and _seconds(value) is not None:
            number = int(value)
            moved = number + shift * (1000 if number > MS_THRESHOLD else 1)
            node[key] = str(moved) if isinstance(value, str) else moved

    _walk(fresh, visit)
    return fresh


def encode(payload: Any) -> bytes:
    """Serialise as Meta does: compact JSON with non-ASCII escaped (the bytes that are signed)."""
    return json.dumps(payload, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def sign(channel: str, body: bytes, secret: str) -> dict[str, str]:
    """The headers `channel`'s platform sends with ``body`` (its package's ``sign``)."""
    from aduan.channels import registry

    signer = registry.webhook(channel).sign
    if signer is None:
        raise LookupError(f"channel {channel} has no sign() for the simulator")
    return signer(body, secret, time.time())


def post(url: str, body: bytes, headers: dict[str, str], timeout: float = 30) -> tuple[int, str]:
    """POST a delivery with its signature headers; return (status, response text), HTTP errors included."""
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT, **headers},
    )
    return _send(request, timeout)


def handshake(url: str, query: dict[str, str], timeout: float = 10) -> tuple[int, str]:
    """The platform's subscription check (GET with its query); return (status, body)."""
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode(query)}", headers={"User-Agent": USER_AGENT})
    return _send(request, timeout)


def _send(request: urllib.request.Request, timeout: float) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


def channels_with_samples(events_dir: Path = EVENTS_DIR) -> list[str]:
    """Channels that have a webhook function in the template and sample deliveries in ``events/<channel>/``."""
    from devstack.runtime import import_seed

    seed = import_seed()
    from devstack.cfn import Stack, load_template

    served = {f.channel for f in seed.webhook_functions(Stack(load_template()).functions())}
    return sorted(c for c in served if any((events_dir / c).glob("*.json")))


def sample_files(name: str | None = None, directory: Path = EVENTS_DIR / "whatsapp") -> list[Path]:
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


def api_base_url(explicit: str | None = None) -> str:
    """Where the local stack's HTTP API answers: ``--url``, else what ``devstack.discover`` finds
    (``API_PORT``, the ``stack.json`` of a running ``make dev``, port 3000); exits saying what to pass."""
    if explicit:
        return explicit.rstrip("/")
    from devstack.discover import StackNotFoundError, discover

    try:
        return discover(need="api").api_url
    except StackNotFoundError as error:
        raise SystemExit(str(error)) from None


def simulate_channel(base_url: str, channel: str, files: list[Path], *, suffix: str | None, do_handshake: bool) -> int:
    """Handshake and POST every sample of one channel; print a line each; return the number of failures."""
    from aduan.channels import registry
    from devstack.runtime import import_seed

    spec = registry.webhook(channel)
    secret_values = import_seed().local_secrets(channel)
    url = f"{base_url}{spec.path}"
    failures = 0
    if do_handshake and spec.probe is not None:
        query, accepted = spec.probe(secret_values, str(secrets.randbelow(10**9)))
        status, text = handshake(url, query)
        ok = accepted(status, text)
        verdict = "accepted" if ok else f"unexpected: {text[:80]!r}"
        print(f"{channel:<10} handshake GET {spec.path}: {status} ({verdict})")
        failures += not ok
    # Send in the order the samples were written (their own timestamps), moved to end now.
    payloads = sorted(
        ((path, json.loads(path.read_text(encoding="utf-8"))) for path in files),
        key=lambda pair: (min(timestamps(pair[1]), default=0), pair[0].name),
    )
    latest = max((stamp for _, p in payloads for stamp in timestamps(p)), default=0)
    shift = int(time.time() - latest) if latest else 0
    for path, payload in payloads:
        body = encode(refresh(payload, suffix=suffix, shift=shift))
        started = time.perf_counter()
        status, text = post(url, body, sign(channel, body, secret_values["signing_secret"]))
        elapsed = (time.perf_counter() - started) * 1000
        print(f"{channel + '/' + path.name:<44} {status}  {elapsed:6.0f} ms  {text[:100]}")
        failures += not 200 <= status < 300
    return failures


def main(argv: list[str] | None = None) -> int:
    """Send the samples; exit 1 when the stack is unreachable or a delivery is not answered 2xx."""
    parser = argparse.ArgumentParser(prog="python -m devstack.simulate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="base URL of the local HTTP API (default: the running stack, found)")
    parser.add_argument(
        "--channel", default=os.environ.get("CHANNEL") or None, help="one channel (default: every channel; $CHANNEL)"
    )
    parser.add_argument("--file", help="send one sample (a name in events/<channel>/ or a path); needs --channel")
    parser.add_argument("--keep-ids", action="store_true", help="resend the original ids (dedup demo)")
    parser.add_argument("--no-handshake", action="store_true", help="skip the GET handshakes")
    args = parser.parse_args(argv)

    available = channels_with_samples()
    if args.channel and args.channel not in available:
        print(f"no channel {args.channel!r} with samples (available: {', '.join(available)})", file=sys.stderr)
        return 1
    if args.file and not args.channel:
        args.channel = "whatsapp"
    chosen = [args.channel] if args.channel else available
    try:
        plan = {channel: sample_files(args.file, EVENTS_DIR / channel) for channel in chosen}
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    base_url = api_base_url(args.url)
    suffix = None if args.keep_ids else f"sim{int(time.time())}{secrets.token_hex(2)}"
    failures = 0
    try:
        for channel, files in plan.items():
            failures += simulate_channel(base_url, channel, files, suffix=suffix, do_handshake=not args.no_handshake)
    except urllib.error.URLError as error:
        reason = error.reason
        print(f"the local stack does not answer at {base_url} ({reason}); start it with `make dev`", file=sys.stderr)
        return 1
    ids_note = "original ids (expect duplicates to be ignored)" if args.keep_ids else f"id suffix .{suffix}"
    sent = sum(len(files) for files in plan.values())
    print(f"sent {sent} deliveries on {', '.join(plan)}, {ids_note}; see the alerts with `make outbox`")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
