"""Find the running local stack, so ``make outbox`` and ``make simulate`` need no ports repeated.

A running ``make dev`` writes ``<state dir>/stack.json`` (its API URL, AWS endpoint and pid) once it serves
requests, and removes it when it stops. :func:`discover` picks, in order: the ``API_PORT`` / ``AWS_PORT``
environment variables when set; that file when its process is alive and its ports answer; the default ports
when something answers there. Otherwise :class:`StackNotFoundError` says what to pass.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import urllib.parse
from dataclasses import asdict, dataclass
from pathlib import Path

from devstack import DEFAULT_API_PORT, DEFAULT_AWS_PORT

STATE_FILE_NAME = "stack.json"


class StackNotFoundError(RuntimeError):
    """No running local stack was found."""


@dataclass(frozen=True)
class StackAddress:
    """Where a running local stack answers, and how it was found."""

    api_url: str
    aws_endpoint: str
    pid: int | None = None
    source: str = "defaults"
    platform_url: str = ""  # the embedded platform endpoint (Meta, X, TikTok send APIs), when published


def default_state_dir() -> Path:
    """``$DEVSTACK_STATE_DIR``, else ``.devstack/`` in the repository."""
    from devstack.persistence import DEFAULT_STATE_DIR

    configured = os.environ.get("DEVSTACK_STATE_DIR")
    return Path(configured) if configured else DEFAULT_STATE_DIR


def write_state_file(state_dir: Path, address: StackAddress) -> Path:
    """Publish a running stack's address (atomically: a reader never sees half a file)."""
    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / STATE_FILE_NAME
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(address), indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return path


def remove_state_file(state_dir: Path, pid: int | None = None) -> None:
    """Withdraw the address, unless another process has since published its own."""
    path = state_dir / STATE_FILE_NAME
    with contextlib.suppress(FileNotFoundError, ValueError, KeyError):
        if pid is not None and json.loads(path.read_text(encoding="utf-8")).get("pid") != pid:
            return
        path.unlink()


def _answers(url: str, timeout: float = 0.5) -> bool:
    parsed = urllib.parse.urlsplit(url)
    host = parsed.hostname or "127.0.0.1"
    if host == "localhost":
        host = "127.0.0.1"
    try:
        with socket.create_connection((host, parsed.port or 80), timeout=timeout):
            return True
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_state_file(state_dir: Path) -> StackAddress | None:
    """The address a live stack published in ``state_dir``, or None (no file, dead process, silent ports)."""
    path = state_dir / STATE_FILE_NAME
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        address = StackAddress(
            api_url=str(document["api_url"]),
            aws_endpoint=str(document["aws_endpoint"]),
            pid=int(document["pid"]),
            source=str(path),
            platform_url=str(document.get("platform_url") or ""),
        )
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return None
    if address.pid is None or not _alive(address.pid):
        return None
    if not (_answers(address.api_url) and _answers(address.aws_endpoint)):
        return None
    return address


def discover(state_dir: Path | None = None, *, need: str = "both") -> StackAddress:
    """The running stack's address; ``need`` is ``"api"``, ``"aws"`` or ``"both"`` (what must answer)."""
    api_port, aws_port = os.environ.get("API_PORT"), os.environ.get("AWS_PORT")
    if api_port or aws_port:
        return StackAddress(
            api_url=f"http://127.0.0.1:{api_port or DEFAULT_API_PORT}",
            aws_endpoint=f"http://localhost:{aws_port or DEFAULT_AWS_PORT}",
            source="API_PORT/AWS_PORT",
        )
    directory = state_dir or default_state_dir()
    published = read_state_file(directory)
    if published is not None:
        return published
    fallback = StackAddress(f"http://127.0.0.1:{DEFAULT_API_PORT}", f"http://localhost:{DEFAULT_AWS_PORT}")
    checks = {"api": [fallback.api_url], "aws": [fallback.aws_endpoint]}
    urls = checks.get(need, [fallback.api_url, fallback.aws_endpoint])
    if all(_answers(url) for url in urls):
        return fallback
    raise StackNotFoundError(
        f"no running local stack found: {directory / STATE_FILE_NAME} does not name a live one and nothing"
        f" answers on the default ports ({DEFAULT_API_PORT} for the API, {DEFAULT_AWS_PORT} for AWS)."
        " Start it with `make dev`, or point at yours with API_PORT=<port> AWS_PORT=<port>"
        " (or DEVSTACK_STATE_DIR=<its --state-dir>)."
    )
