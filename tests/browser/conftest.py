"""Browser tests of the officer console: headless Chromium from the distribution's packages (`apt-get install
chromium`, which `.ci/run` does) driven by Playwright for Python, against one local stack per module.

Playwright's own browser download is never used (`executable_path` points at the system's Chromium). Without
Chromium these tests are skipped on a developer's machine and fail in CI (`CI=true`), so a missing install
step cannot pass silently.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from devstack import DEFAULT_REGION
from devstack.cognito import DEFAULT_DEMO_PASSWORD, TOTP_PARAM, totp_code
from tests.e2e.conftest import REPO_ROOT, RunningStack, _answers, _stop, free_port
from tests.e2e.test_whatsapp_e2e import delivery, post

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
    """The local stack for this module, on free ports (its platform endpoint too, to read what it sent); a
    module's `STACK_ENV` (say `{"SLA_SPEEDUP": "120"}`) is added to the stack's environment."""
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
    env.update(getattr(request.module, "STACK_ENV", {}))
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


TIMEOUT_MS = 30_000  # a busy shared machine; every wait ends as soon as its condition holds


def authenticator_code(stack: ConsoleStack, username: str) -> str:
    """The current code of the authenticator the local stack enrolled for a demo leader (as their phone shows)."""
    import boto3

    ssm = boto3.client(
        "ssm",
        endpoint_url=stack.aws_endpoint,
        region_name=DEFAULT_REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    secret = ssm.get_parameter(Name=TOTP_PARAM.format(username=username), WithDecryption=True)
    return totp_code(secret["Parameter"]["Value"])


@dataclass
class Officer:
    """One officer's browser tab, recording what the page logged and every URL it requested."""

    page: Any
    logs: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)

    def sign_in(self, stack: ConsoleStack, username: str) -> None:
        self.page.goto(stack.console_url)
        self.page.fill("#signin-user", username)
        self.page.fill("#signin-password", DEFAULT_DEMO_PASSWORD)
        self.page.keyboard.press("Enter")
        self.page.wait_for_selector(".queue-status, #mfa-code", timeout=TIMEOUT_MS)
        if self.page.locator("#mfa-code").count():  # ppa, propam, pimpinan: the authenticator's code
            self.page.fill("#mfa-code", authenticator_code(stack, username))
            self.page.keyboard.press("Enter")
            self.page.wait_for_selector(".queue-status", timeout=TIMEOUT_MS)
        self.page.wait_for_function(
            "() => /tiket terbuka|Tidak ada tiket/.test(document.querySelector('.queue-status').textContent)",
            timeout=TIMEOUT_MS,
        )

    def row(self, ticket_no: str) -> Any:
        return self.page.locator(f'li[data-ticket="{ticket_no}"]')


@pytest.fixture
def officers(browser: Any) -> Iterator[Any]:
    opened: list[Any] = []
    tabs: list[Officer] = []

    def open_tab() -> Officer:
        context = browser.new_context(
            viewport={"width": 1366, "height": 900}, locale="id-ID", timezone_id="Asia/Jakarta"
        )
        context.set_default_timeout(TIMEOUT_MS)
        opened.append(context)
        tab = Officer(context.new_page())
        tab.page.on("console", lambda message: tab.logs.append(message.text))
        tab.page.on("pageerror", lambda error: tab.logs.append(f"pageerror {error}"))
        tab.page.on("request", lambda request: tab.urls.append(request.url))
        tabs.append(tab)
        return tab

    yield open_tab
    for tab in tabs:
        assert not [line for line in tab.logs if line.startswith("pageerror")], tab.logs
    for context in opened:
        context.close()


def report(stack: ConsoleStack, text: str) -> str:
    """A signed WhatsApp delivery from a new citizen; returns the citizen's number."""
    citizen = "62812" + str(uuid.uuid4().int)[:8]
    status, _ = post(stack, delivery(citizen, f"wamid.BROWSER{uuid.uuid4().hex}", text))
    assert status == 200
    return citizen


def api(stack: ConsoleStack, method: str, path: str, user: str, body: Any = None) -> tuple[int, Any]:
    token = stack.run_tool("devstack.token", user, "--aws-port", stack.aws_endpoint.rsplit(":", 1)[1]).stdout.strip()
    request = urllib.request.Request(
        stack.api_url + path,
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def ticket_with(page: Any, snippet_words: str) -> str:
    """The number of the queue row whose snippet contains `snippet_words` (waits until it is there)."""
    row = page.locator("li[data-row]", has_text=snippet_words).first
    row.wait_for(timeout=TIMEOUT_MS)
    return str(row.get_attribute("data-ticket"))
