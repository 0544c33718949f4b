"""Channel health and parity in the console's overview, in a real browser against a local stack of its own.

The stack runs with `SLA_SPEEDUP=120`, so its hourly platform check (PlatformHealthFunction) runs every 30 s.
The embedded platform endpoint is told that X's webhook subscription is no longer active; once the scheduled
check has run, the overview shows X as failing (its subscription cell says so in Bahasa Indonesia) while the
other channels are listed; with labelled demo history seeded (a week of it, by `devstack.parity --seed-demo`)
and its report stored as the daily function stores one, the parity section shows the ratio with its
95% interval and the tables by priority, channel, unit and engagement bucket, and its CSV downloads. A
Polsek officer is told the section is for leaders and the desk.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from tests.browser.conftest import SCREENSHOTS, ConsoleStack, api

STACK_ENV = {"SLA_SPEEDUP": "120"}  # the hourly platform check every 30 s


def fail_subscription(stack: ConsoleStack, channel: str) -> None:
    request = urllib.request.Request(
        f"{stack.platform_url}/platforms.local/subscriptions",
        data=json.dumps({"channel": channel, "active": False}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        assert reply.status == 200


def subscription_failing(stack: ConsoleStack, channel: str) -> bool:
    status, health = api(stack, "GET", "/api/channels/health", "polresta-01")
    if status != 200:
        return False
    found = next((c for c in health["channels"] if c["channel"] == channel), None)
    return bool(found and (found["checks"].get("subscription") or {}).get("failing"))


def test_the_overview_shows_a_failing_channel_and_the_parity_report(console_stack: ConsoleStack, officers: Any) -> None:
    # A week of labelled demo history (DEMO- tickets), the smallest that still gives a combined ratio, and its
    # report stored as the daily function stores it (GET /api/parity serves the stored report).
    seeded = console_stack.run_tool(
        "devstack.parity",
        "--seed-demo",
        "--days",
        "7",
        "--resamples",
        "200",
        "--endpoint",
        console_stack.aws_endpoint,
        timeout=400,
    )
    assert seeded.returncode == 0, seeded.stderr
    fail_subscription(console_stack, "x")
    console_stack.wait_for(lambda: subscription_failing(console_stack, "x"), 150, interval=2)

    desk = officers()
    desk.sign_in(console_stack, "polresta-01")
    page = desk.page
    page.goto(f"{console_stack.console_url}#/ringkasan")

    # Channel health: every channel listed, X failing on its subscription, said in Bahasa Indonesia.
    page.wait_for_selector("#channel-health tbody tr[data-channel]")
    channels = {
        row.get_attribute("data-channel"): row.get_attribute("data-status")
        for row in page.locator("#channel-health tbody tr[data-channel]").all()
    }
    assert {"whatsapp", "instagram", "facebook", "x", "tiktok"} <= set(channels), channels
    assert channels["x"] == "gagal"
    x_row = page.locator('#channel-health tr[data-channel="x"]')
    assert "GAGAL" in x_row.locator("td.status-cell").inner_text()
    assert "langganan webhook tidak aktif" in x_row.locator('td[data-check="subscription"]').inner_text()
    assert "X" in page.inner_text("#channel-health-summary") and "bermasalah" in page.inner_text(
        "#channel-health-summary"
    )
    whatsapp = page.locator('#channel-health tr[data-channel="whatsapp"]')
    assert "tidak berlaku" in whatsapp.locator('td[data-check="crc"]').inner_text()  # CRC is X's alone

    # Parity: the combined ratio with its interval, the tables by priority, channel, unit and bucket.
    page.wait_for_selector("#parity-ratio tbody tr")
    assert "laporan harian tersimpan" in page.inner_text("#parity-slot")
    verdict = page.inner_text("#parity-verdict")
    assert "Rasio paritas gabungan" in verdict and "selang kepercayaan 95%" in verdict
    combined = page.locator('#parity-ratio tr[data-priority="gabungan"]')
    assert combined.locator("td.ratio").inner_text().replace(",", "").isdigit()
    assert " – " in combined.locator("td.interval").inner_text()
    for dimension in ("priority", "channel", "unit", "bucket"):
        assert page.locator(f'table.parity-group[data-dimension="{dimension}"] tbody tr[data-value]').count() > 0
    assert "Viral" in page.inner_text('table.parity-group[data-dimension="bucket"]')

    text = page.inner_text("main")
    assert "null" not in text and "undefined" not in text and "NaN" not in text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "console-overview.png"), full_page=True)

    # The CSV export downloads (with the officer's token: it is not a public link).
    with page.expect_download() as info:
        page.click("#parity-csv")
    download = info.value
    assert download.suggested_filename.startswith("paritas-") and download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8") as handle:
        header = handle.readline()
    assert header.startswith("section,dimension,value")

    # A Polsek officer is told whose section it is.
    polsek = officers()
    polsek.sign_in(console_stack, "sukun-01")
    polsek.page.goto(f"{console_stack.console_url}#/ringkasan")
    polsek.page.wait_for_selector("#channel-health-slot .muted")
    assert "Hanya pimpinan dan piket" in polsek.page.inner_text("#channel-health-slot")
    assert "Hanya pimpinan dan piket" in polsek.page.inner_text("#parity-slot")
