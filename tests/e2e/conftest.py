"""End-to-end fixtures: the whole local stack (``python -m devstack``) as a subprocess on free ports.

``stack`` is session-scoped: it starts once, waits until the HTTP API answers (180 s at most), and is
terminated at the end of the session; its output is printed when a test failed or it did not start.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 180.0  # the shared machines are often busy: a cold start can take over a minute


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this directory is end-to-end."""
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RunningStack:
    """A running ``python -m devstack`` process and how to reach it."""

    api_url: str
    aws_endpoint: str
    app_secret: str
    verify_token: str
    process: subprocess.Popen[bytes]
    log_path: Path
    #: Every channel's secrets by role, as the stack was started with them ($<CHANNEL>_APP_SECRET...).
    channel_secrets: dict[str, dict[str, str]] = field(default_factory=dict)
    secret_env: dict[str, str] = field(default_factory=dict)

    @property
    def webhook_url(self) -> str:
        """The WhatsApp webhook."""
        return f"{self.api_url}/webhooks/whatsapp"

    def output(self) -> str:
        """Everything the stack printed so far (banner, invocation log, tracebacks)."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def env(self) -> dict[str, str]:
        """Environment for the command-line tools (simulate, outbox) aimed at this stack."""
        env = dict(os.environ)
        env.update(
            API_PORT=self.api_url.rsplit(":", 1)[1],
            AWS_PORT=self.aws_endpoint.rsplit(":", 1)[1],
            WHATSAPP_APP_SECRET=self.app_secret,
            WHATSAPP_VERIFY_TOKEN=self.verify_token,
        )
        env.update(self.secret_env)
        return env

    def run_tool(self, module: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        """Run ``python -m <module> <args>`` against this stack."""
        return subprocess.run(
            [sys.executable, "-m", module, *args],
            cwd=REPO_ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def outbox(self) -> dict[str, Any]:
        """``python -m devstack.outbox --json``: the SMS and e-mails sent so far."""
        result = self.run_tool("devstack.outbox", "--json", "--endpoint", self.aws_endpoint)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)  # type: ignore[no-any-return]

    def wait_for(self, predicate: Any, timeout: float = 30, interval: float = 0.5) -> Any:
        """Poll ``predicate()`` until it returns something truthy; fail with the stack's output otherwise."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(interval)
        pytest.fail(f"condition not met within {timeout} s; stack output:\n{self.output()[-8000:]}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except urllib.error.HTTPError:
        return True  # any HTTP answer (404 for /) means the API is up
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="session")
def stack(request: pytest.FixtureRequest) -> Iterator[RunningStack]:
    """Start the local stack for the session (free ports, test-only secrets passed in the environment)."""
    api_port, aws_port = free_port(), free_port()
    while aws_port == api_port:
        aws_port = free_port()
    app_secret = f"e2e-app-secret-{secrets.token_hex(8)}"
    verify_token = f"e2e-verify-token-{secrets.token_hex(8)}"
    env = dict(os.environ)
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "AWS_SESSION_TOKEN"):
        env.pop(name, None)
    # Test-only secrets for every other channel too, from the variables the local stack reads.
    from aduan.channels import registry
    from devstack.seed import secret_variable

    channel_secrets = {
        channel: {role: f"e2e-{channel}-{role}-{secrets.token_hex(6)}" for role in registry.webhook(channel).secrets}
        for channel in registry.names()
        if channel != "whatsapp"
    }
    channel_secrets["whatsapp"] = {"signing_secret": app_secret, "verify_token": verify_token}
    secret_env = {
        secret_variable(channel, role): value
        for channel, roles in channel_secrets.items()
        for role, value in roles.items()
    }
    env.update(secret_env)
    env.update(
        API_PORT=str(api_port),
        AWS_PORT=str(aws_port),
        PLATFORM_PORT=str(free_port()),  # the embedded platform endpoint: never a fixed port in tests
        WHATSAPP_APP_SECRET=app_secret,
        WHATSAPP_VERIFY_TOKEN=verify_token,
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        PYTHONUNBUFFERED="1",
    )
    log_dir = Path(tempfile.mkdtemp(prefix="aduan-e2e-"))
    log_path = log_dir / "devstack.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            # Its own state directory: never the developer's .devstack/ (nor its stack.json).
            [sys.executable, "-m", "devstack", "--state-dir", str(log_dir / "state")],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    running = RunningStack(
        api_url=f"http://127.0.0.1:{api_port}",
        aws_endpoint=f"http://localhost:{aws_port}",
        app_secret=app_secret,
        verify_token=verify_token,
        process=process,
        log_path=log_path,
        channel_secrets=channel_secrets,
        secret_env=secret_env,
    )
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not _answers(f"{running.api_url}/"):
        if process.poll() is not None or time.monotonic() > deadline:
            _stop(process)
            pytest.fail(f"the local stack did not start (exit {process.returncode}):\n{running.output()}")
        time.sleep(0.2)
    try:
        yield running
    finally:
        _stop(process)
        if request.session.testsfailed:
            sys.stderr.write(f"\n----- local stack output ({log_path}) -----\n{running.output()[-20000:]}\n")
