"""The officer console in a real browser (headless Chromium), against the local stack.

One stack and one browser for the module. The duty desk signs in, sees a `darurat` WhatsApp report arrive
without reloading, acknowledges it from the keyboard, replies to the citizen (the reply reaches the local
platform endpoint), resolves it and reads the audit trail; a second officer who acknowledges first is
named; an expired session returns to sign-in and keeps the half-typed reply; a Polsek officer never sees a
PPA case; the call-centre form files a ticket and shows its number. Nothing the citizen sent appears in the
browser's console or in any URL it requested. Screenshots of the queue and a ticket go to docs/screenshots/.
"""

from __future__ import annotations

import importlib.util
import json
import re
import urllib.request
from typing import Any

import pytest

from devstack.cognito import DEFAULT_DEMO_PASSWORD
from tests.browser.conftest import SCREENSHOTS, ConsoleStack, Officer, api, report, ticket_with


def recorded_replies(stack: ConsoleStack) -> list[dict[str, Any]]:
    with urllib.request.urlopen(f"{stack.platform_url}/_platforms/recorded?kind=replies", timeout=5) as response:
        return list(json.loads(response.read()).get("replies", []))


def assert_private(tab: Officer, *secrets: str) -> None:
    for secret in secrets:
        assert not [line for line in tab.logs if secret in line], f"{secret!r} in the browser console"
        assert not [url for url in tab.urls if secret in url], f"{secret!r} in a requested URL"


def test_a_darurat_report_arrives_live_is_acknowledged_answered_and_resolved(
    console_stack: ConsoleStack, officers: Any
) -> None:
    desk = officers()
    desk.sign_in(console_stack, "polresta-01")
    page = desk.page
    page.evaluate("window.__sameDocument = true")  # survives only if the page is never reloaded

    words = "Tolong pak ada tabrakan motor di jl soekarno hatta sekarang korbannya berdarah"
    citizen = report(console_stack, words)
    ticket_no = ticket_with(page, "soekarno hatta")
    assert page.evaluate("window.__sameDocument") is True
    row = desk.row(ticket_no)
    assert "DARURAT" in row.inner_text().upper()
    assert re.search(r"\d+ (dtk|mnt)", row.locator(".countdown").inner_text())
    page.wait_for_function("() => document.title.includes('DARURAT')")  # the title flashes for a new darurat
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "console-queue.png"))

    # Keyboard only: focus the row (j moves down the queue), open it, acknowledge with "a".
    page.locator("#main").focus()
    for _ in range(60):
        page.keyboard.press("j")
        if page.evaluate("document.activeElement.closest('[data-row]')?.dataset.ticket") == ticket_no:
            break
    else:
        pytest.fail("j never reached the new ticket")
    page.keyboard.press("Enter")
    page.wait_for_selector("#ack-button")
    assert "Percakapan" in page.inner_text("main") and words in page.inner_text(".conversation")
    page.keyboard.press("a")
    page.wait_for_function("() => !document.getElementById('ack-button')")
    assert "polresta-01" in page.inner_text(".facts")

    # Resolve with a note; the audit trail names every step.
    page.fill("#resolve-note", "Korban dibawa ke RSSA, lalu lintas normal")
    page.screenshot(path=str(SCREENSHOTS / "console-ticket.png"), full_page=True)
    page.click("#resolve-send")
    page.wait_for_function("() => document.querySelector('.facts').textContent.includes('Selesai')")
    trail = page.inner_text(".audit")
    for step in ("Tiket dibuat", "Diterima oleh polresta-01", "Diselesaikan oleh polresta-01", "Korban dibawa ke RSSA"):
        assert step in trail
    assert_private(desk, citizen, words)


def test_the_officer_replies_with_a_canned_answer_and_the_reply_reaches_the_citizen(
    console_stack: ConsoleStack, officers: Any
) -> None:
    if api(console_stack, "POST", "/api/tickets/ZZZ-ZZZ/reply", "polresta-01", {})[0] == 404:
        pytest.skip("POST /api/tickets/{no}/reply is not in this build yet")
    desk = officers()
    desk.sign_in(console_stack, "polresta-01")
    page = desk.page
    citizen = report(console_stack, "Pak ada copet di pasar besar barusan, dompet saya hilang")
    ticket_no = ticket_with(page, "pasar besar")
    page.goto(f"{console_stack.console_url}#/tiket/{ticket_no}")
    page.wait_for_selector("#reply-text")
    page.locator("#main").focus()
    page.keyboard.press("r")
    assert page.evaluate("document.activeElement.id") == "reply-text"
    page.select_option("#reply-canned", "meluncur")
    page.locator("#reply-text").press("End")
    page.keyboard.type(" Unit reskrim sudah di jalan.")
    reply_text = page.input_value("#reply-text")
    page.click("#reply-send")
    page.wait_for_function(
        "() => document.getElementById('reply-text') && !document.getElementById('reply-text').value"
    )
    page.wait_for_selector(".bubble.out")  # the accepted reply shows in the conversation (from the audit trail)
    assert "Unit reskrim sudah di jalan" in page.inner_text(".bubble.out")
    assert_private(desk, citizen, reply_text)
    if importlib.util.find_spec("devstack.platforms.send") is None:
        pytest.skip("the local platform endpoint has no send API in this build: the delivery cannot be checked")
    sent = console_stack.wait_for(
        lambda: [r for r in recorded_replies(console_stack) if "Unit reskrim sudah di jalan" in r.get("text", "")], 60
    )
    assert sent[0]["channel"] == "whatsapp" and sent[0]["to"] == citizen


def test_a_second_officer_is_told_who_acknowledged_first_and_keeps_what_they_typed(
    console_stack: ConsoleStack, officers: Any
) -> None:
    desk = officers()
    desk.sign_in(console_stack, "polresta-01")
    report(console_stack, "Tolong ada kebakaran rumah di jl danau toba sekarang apinya besar")
    ticket_no = ticket_with(desk.page, "danau toba")
    page = desk.page
    page.goto(f"{console_stack.console_url}#/tiket/{ticket_no}")
    page.wait_for_selector("#ack-button")
    page.fill("#reply-text", "Petugas pemadam sedang kami hubungi")
    # Polsek Kedungkandang's officer acknowledges first, from elsewhere.
    assert api(console_stack, "POST", f"/api/tickets/{ticket_no}/ack", "kedungkandang-01")[0] == 200
    page.click("#ack-button")
    conflict = page.locator('.error[data-for="ack"], #notice').filter(has_text="kedungkandang-01").first
    conflict.wait_for()
    assert "lebih dulu" in conflict.inner_text()
    assert page.input_value("#reply-text") == "Petugas pemadam sedang kami hubungi"  # nothing typed is lost


def test_an_expired_session_returns_to_sign_in_and_keeps_the_half_typed_reply(
    console_stack: ConsoleStack, officers: Any
) -> None:
    desk = officers()
    desk.sign_in(console_stack, "polresta-01")
    report(console_stack, "Ada orang pingsan di depan stasiun kota baru tolong")
    ticket_no = ticket_with(desk.page, "stasiun kota baru")
    page = desk.page
    page.goto(f"{console_stack.console_url}#/tiket/{ticket_no}")
    page.wait_for_selector("#reply-text")
    page.locator("#reply-text").press_sequentially("Ambulans sedang menuju lok")
    # The session ends: the access token and the refresh token are no longer valid.
    page.evaluate(
        """() => {
          const s = JSON.parse(sessionStorage.getItem('aduan.session'));
          s.access = 'x.' + btoa('{}') + '.y'; s.refresh = 'revoked'; s.expiresAt = 0;
          sessionStorage.setItem('aduan.session', JSON.stringify(s));
        }"""
    )
    page.wait_for_selector("#signin-user")  # the next poll finds it out
    assert "Sesi Anda berakhir" in page.inner_text("#signin-error")
    page.fill("#signin-user", "polresta-01")
    page.fill("#signin-password", DEFAULT_DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("#reply-text")
    assert ticket_no in page.inner_text("h1")
    assert page.input_value("#reply-text") == "Ambulans sedang menuju lok"


def test_a_polsek_officer_never_sees_a_ppa_case(console_stack: ConsoleStack, officers: Any) -> None:
    text = "Tolong pak tetangga saya di kedungkandang dipukuli suaminya sampai lebam, anaknya menangis"
    citizen = report(console_stack, text)
    desk = officers()
    desk.sign_in(console_stack, "ppa-01")
    ppa_case = console_stack.wait_for(
        lambda: next(
            (
                t["ticket_no"]
                for t in api(console_stack, "GET", "/api/tickets?limit=100", "ppa-01")[1]["items"]
                if t["category"] == "kdrt_ppa" and t["area"] == "kedungkandang"
            ),
            None,
        ),
        60,
    )
    polsek = officers()
    polsek.sign_in(console_stack, "kedungkandang-01")
    polsek.page.wait_for_function(
        "() => /tiket terbuka|Tidak ada/.test(document.querySelector('.queue-status').textContent)"
    )
    assert polsek.row(ppa_case).count() == 0
    assert ppa_case not in polsek.page.inner_text("main")
    polsek.page.goto(f"{console_stack.console_url}#/tiket/{ppa_case}")
    refusal = polsek.page.locator("main .error")
    refusal.wait_for()
    assert "tidak berwenang" in refusal.inner_text().lower()
    assert text not in polsek.page.inner_text("body")
    assert_private(polsek, citizen, text)
    assert_private(desk, citizen, text)


def test_the_call_centre_form_files_a_ticket_and_shows_its_number(console_stack: ConsoleStack, officers: Any) -> None:
    desk = officers()
    desk.sign_in(console_stack, "polresta-01")
    page = desk.page
    page.locator("#main").focus()
    page.keyboard.press("g")
    page.keyboard.press("l")
    page.wait_for_selector("#call-text")
    words = "Penelepon melapor ada perkelahian pakai senjata tajam di depan pasar, satu orang luka"
    page.fill("#call-text", words)
    page.fill("#call-place", "Pasar Gadang")
    page.locator("svg.map").focus()
    for key in ("ArrowDown", "ArrowDown", "ArrowRight", "Enter"):
        page.keyboard.press(key)
    assert page.inner_text("#call-pin-text").startswith("Pin: -7.")
    page.fill("#call-phone", "0812 3456 7890")
    page.click("#call-send")
    number = page.locator("#call-ticket-no")
    number.wait_for()
    ticket_no = number.inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{3}-[0-9A-Z]{3}", ticket_no)
    status, ticket = api(console_stack, "GET", f"/api/tickets/{ticket_no}", "polresta-01")
    assert status == 200 and ticket["channel"] == "call_center"
    assert ticket["messages"][0]["text"].startswith(words) and ticket["location"] is not None
    # One created entry. (Its actor is the operator only when the API opens the SLA clock before the stream's
    # tracker does: a race in the filing path, not the console's to settle.)
    assert len([a for a in ticket["audit"] if a["event"] == "ticket.created"]) == 1
    assert page.input_value("#call-text") == ""  # the form is cleared for the next caller
    assert_private(desk, "081234567890", words)


def test_an_expiring_access_token_is_renewed_with_the_refresh_token(console_stack: ConsoleStack, officers: Any) -> None:
    desk = officers()
    desk.sign_in(console_stack, "polresta-01")
    page = desk.page
    stale = page.evaluate(
        """() => {
          const s = JSON.parse(sessionStorage.getItem('aduan.session'));
          const old = s.access; s.access = 'x.' + btoa('{}') + '.y'; s.expiresAt = 0;
          sessionStorage.setItem('aduan.session', JSON.stringify(s));
          return old;
        }"""
    )
    # The next poll renews the token (REFRESH_TOKEN_AUTH against the user pool) instead of signing out.
    page.wait_for_function(
        "(stale) => { const s = JSON.parse(sessionStorage.getItem('aduan.session'));"
        " return s.expiresAt > Date.now() && s.access !== stale && s.access.split('.').length === 3; }",
        arg=stale,
    )
    assert page.locator("#signin-user").count() == 0 and page.locator(".queue-status").count() == 1
