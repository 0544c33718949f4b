"""Incidents in the officer console, in a real browser against the local stack (one stack for the module).

Three citizens report one crash on Jl. Soekarno Hatta, two on WhatsApp and one on X; the ticket page shows
the incident (its number, priority, reports per channel and why the ticket joined) and links to the incident
page, which lists the reports of both channels. The duty officer splits one report out (after confirming)
and the page shows the incident without it; merges a second incident by its number (a wrong number is
refused in Bahasa Indonesia); and acknowledges the whole incident, each ticket's outcome shown. A Polsek
officer of another area is refused the incident page.
"""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import SCREENSHOTS, ConsoleStack, api, report, ticket_with
from tests.e2e.test_x_tiktok_e2e import fresh_id, x_post
from tests.e2e.test_x_tiktok_e2e import post as post_channel

CRASH_WA = "tolong ada tabrakan motor N 4521 AB sama truk di jl suhat depan Polinema, korbane berdarah"
CRASH_WA_2 = "laka di Jl. Soekarno Hatta barusan, truk nabrak motor, rame wong ngerubung"
CRASH_X = "@PolrestaMlgKota innalillahi barusan liat tabrakan di jalan Sukarno Hatta, motor N 4521 AB ringsek"
OTHER = "ada kecelakaan parah di jl borobudur, orangnya berdarah"


def incident_of(stack: ConsoleStack, ticket_no: str, reports: int) -> dict[str, Any]:
    """The ticket's incident once it has `reports` reports (the API's view)."""

    def ready() -> dict[str, Any] | None:
        status, ticket = api(stack, "GET", f"/api/tickets/{ticket_no}", "polresta-01")
        if status != 200 or not ticket.get("incident_id"):
            return None
        status, view = api(stack, "GET", f"/api/incidents/{ticket['incident_id']}", "polresta-01")
        return view if status == 200 and view["reports"] == reports else None

    return dict(stack.wait_for(ready, 90))


def test_the_incident_lists_reports_of_two_channels_and_officers_split_merge_and_acknowledge(
    console_stack: ConsoleStack, officers: Any
) -> None:
    desk = officers()
    desk.sign_in(console_stack, "polresta-01")
    page = desk.page
    report(console_stack, CRASH_WA)
    first = ticket_with(page, "N 4521 AB sama truk")
    report(console_stack, CRASH_WA_2)
    citizen, post_id = fresh_id(), fresh_id()
    status, _ = post_channel(console_stack, "x", x_post(citizen, post_id, post_id, CRASH_X))
    assert status == 200
    view = incident_of(console_stack, first, 3)
    incident_id = view["incident_id"]
    by_channel = {t["channel"]: t["ticket_no"] for t in view["tickets"]}
    assert set(by_channel) == {"whatsapp", "x"}, view["tickets"]
    x_ticket = by_channel["x"]
    second = next(t["ticket_no"] for t in view["tickets"] if t["channel"] == "whatsapp" and t["ticket_no"] != first)

    # The ticket page: the incident, its reports per channel, why this ticket joined; a link to the incident.
    page.goto(f"{console_stack.console_url}#/tiket/{x_ticket}")
    link = page.locator("#incident-link")
    link.wait_for()
    panel = page.inner_text("#incident-slot")
    assert incident_id in panel and "3 laporan" in panel and "WhatsApp 2, X 1" in panel
    assert "Alasan tiket ini digabung" in panel and "tempat" in panel  # the rule's own reasons, shown
    assert "null" not in panel and "undefined" not in panel
    link.click()

    # The incident page: every report, both channels, each linked to its ticket, with its status.
    page.wait_for_selector("#incident-reports")
    assert page.url.endswith(f"#/insiden/{incident_id}")
    rows = page.locator("#incident-reports tbody tr")
    assert rows.count() == 3
    assert {rows.nth(i).get_attribute("data-channel") for i in range(3)} == {"whatsapp", "x"}
    assert page.locator(f'#incident-reports a[href="#/tiket/{x_ticket}"]').count() == 1
    assert "Baru" in page.inner_text("#incident-reports")
    assert "null" not in page.inner_text("main") and "undefined" not in page.inner_text("main")
    assert page.locator("#main svg.map").count() == 1

    # Split the second WhatsApp report out: asked first, then done, and the page shows the incident without it.
    page.click(f"#split-{second}")
    assert page.locator(f"#split-{second}-yes").is_visible()
    page.click(f"#split-{second}-yes")
    page.wait_for_function("() => document.querySelectorAll('#incident-reports tbody tr').length === 2")
    assert f"Tiket {second} dipisahkan" in page.inner_text("#incident-result")
    assert page.locator(f'#incident-reports tr[data-ticket="{second}"]').count() == 0
    assert "Laporan dipisah" in page.inner_text("#incident-audit")
    assert api(console_stack, "GET", f"/api/tickets/{second}", "polresta-01")[1]["incident_id"] is None

    # Merge: a number that is not an incident is refused in Bahasa Indonesia; the other crash's incident merges.
    report(console_stack, OTHER)
    other_ticket = ticket_with(desk_queue(desk, console_stack), "jl borobudur")
    other = incident_of(console_stack, other_ticket, 1)["incident_id"]
    page.goto(f"{console_stack.console_url}#/insiden/{incident_id}")
    page.wait_for_selector("#incident-merge-id")
    page.fill("#incident-merge-id", "IN-0000-0000")
    page.click("#incident-merge")
    page.click("#incident-merge-yes")
    refusal = page.locator("#incident-result.error")
    refusal.wait_for()
    assert "Insiden tidak ditemukan" in refusal.inner_text()
    page.fill("#incident-merge-id", other.lower())
    page.click("#incident-merge")
    page.click("#incident-merge-yes")
    page.wait_for_function("() => document.querySelectorAll('#incident-reports tbody tr').length === 3")
    assert f"Insiden {other} digabung" in page.inner_text("#incident-result")
    assert page.locator(f'#incident-reports tr[data-ticket="{other_ticket}"]').count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "console-incident.png"), full_page=True)

    # Acknowledge the whole incident: each ticket's outcome is listed, and the statuses follow.
    page.click("#incident-ack")
    page.click("#incident-ack-yes")
    page.wait_for_selector("#incident-result .outcomes")
    assert "3 dari 3 laporan diterima" in page.inner_text("#incident-result")
    assert page.inner_text("#incident-reports").count("Diterima") == 3

    # A Polsek officer of another area is refused the incident by the API, and the console says so.
    polsek = officers()
    polsek.sign_in(console_stack, "sukun-01")
    polsek.page.goto(f"{console_stack.console_url}#/insiden/{incident_id}")
    refusal = polsek.page.locator("main .error")
    refusal.wait_for()
    assert "tidak berwenang" in refusal.inner_text().lower()
    assert polsek.page.locator("#incident-reports").count() == 0


def desk_queue(desk: Any, stack: ConsoleStack) -> Any:
    """The desk's page back on the queue (where new reports arrive)."""
    desk.page.goto(f"{stack.console_url}#/antrian")
    desk.page.wait_for_selector(".queue-status")
    return desk.page
