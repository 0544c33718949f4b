"""Browser tests of the officer console: headless Chromium from the distribution's packages (`apt-get install
chromium`, which `.ci/run` does) driven by Playwright for Python, against one local stack per module.

Playwright's own browser download is never used (`executable_path` points at the system's Chromium). Without
Chromium these tests are skipped on a developer's machine and fail in CI (`CI=true`), so a missing install
step cannot pass silently.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import REPO_ROOT, RunningStack, _answers, _stop, free_port

STARTUP_TIMEOUT = 300.0  # the whole stack on a busy two-core machine shared by several test runs
SCREENSHOTS = REPO_ROOT / "docs" / "screenshots"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


def chromium_path() -> str | None:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and (found := shutil.which(name)):
            return found
    return None


@dataclass
class ConsoleStack(RunningStack):
    platform_url: str = ""
    recorded: dict[str, Any] = field(default_factory=dict)

    @property
    def console_url(self) -> str:
        return f"{self.api_url}/console/"


@pytest.fixture(scope="module")
def console_stack(request: pytest.FixtureRequest) -> Iterator[ConsoleStack]:
    """The local stack for this module, on free ports (its platform endpoint too, to read what it sent)."""
    api_port, aws_port, platform_port = free_port(), free_port(), free_port()
    env = dict(os.environ)
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "AWS_SESSION_TOKEN", "WHATSAPP_APP_SECRET", "SLA_SPEEDUP"):
        env.pop(name, None)
    env.update(
        API_PORT=str(api_port),
        AWS_PORT=str(aws_port),
        PLATFORM_PORT=str(platform_port),
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        PYTHONUNBUFFERED="1",
    )
    log_path = Path(tempfile.mkdtemp(prefix="aduan-browser-")) / "devstack.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "devstack", "--in-memory"],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    from devstack.seed import DEFAULT_APP_SECRET, DEFAULT_VERIFY_TOKEN

    running = ConsoleStack(
        api_url=f"http://127.0.0.1:{api_port}",
        aws_endpoint=f"http://localhost:{aws_port}",
        app_secret=DEFAULT_APP_SECRET,
        verify_token=DEFAULT_VERIFY_TOKEN,
        process=process,
        log_path=log_path,
        platform_url=f"http://127.0.0.1:{platform_port}",
    )
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not _answers(f"{running.api_url}/console/"):
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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        message = "Chromium is not installed (apt-get install chromium; .ci/run does it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()
