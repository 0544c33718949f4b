"""What the console needs from the officer API, in moto: queue lines with a snippet and coordinates (never for
a sensitive ticket), and `GET /api/overview` (open and overdue per unit, median time to acknowledge today)."""

from __future__ import annotations

from aduan.domain.workflow import Subject
from tests.integration.test_workflow import LOWOKWARU, PIKET, PPA, Workflow, call, claims, wf

__all__ = ["wf"]  # the fixture, shared with the workflow tests


def test_queue_lines_carry_a_snippet_and_the_pin_but_not_for_a_sensitive_ticket(wf: Workflow) -> None:
    # (`wf.report` names the table's last ticket in scan order: with two tickets, tell them apart by category)
    wf.report()
    wf.report("whatsapp/video_caption_ppa.json")
    status, body = call(
        wf,
        "POST",
        "/api/tickets",
        who=PIKET,
        body={
            "text": "Ada kebakaran rumah di Sukun",
            "report_id": "call-console-0001",
            "location": {"lat": -7.99, "lon": 112.61},
        },
    )
    assert status == 201
    filed = body["ticket"]["ticket_no"]

    _, page = call(wf, "GET", "/api/tickets", who=PIKET, query="limit=100")
    rows = {row["ticket_no"]: row for row in page["items"]}
    [urgent] = [no for no, row in rows.items() if row["category"] == "kecelakaan"]
    [ppa_case] = [no for no, row in rows.items() if row["category"] == "kdrt_ppa"]
    assert rows[urgent]["snippet"] and "tabrakan" in rows[urgent]["snippet"].lower()
    assert len(rows[urgent]["snippet"]) <= 100
    assert rows[filed]["snippet"] == "Ada kebakaran rumah di Sukun"
    assert rows[filed]["location"] == {"lat": -7.99, "lon": 112.61}
    assert rows[ppa_case]["snippet"] is None and rows[ppa_case]["location"] is None  # sensitive: open it (audited)
    _, ppa_page = call(wf, "GET", "/api/tickets", who=PPA, query="limit=100")
    assert {r["ticket_no"]: r for r in ppa_page["items"]}[ppa_case]["snippet"] is None
    # Listing reads no content: nobody's read is audited until a ticket is opened.
    assert wf.audit(urgent, "ticket.content_read") == []


def test_overview_counts_open_tickets_per_unit_and_the_time_to_acknowledge_today(wf: Workflow) -> None:
    first = wf.report()
    status, body = call(
        wf,
        "POST",
        "/api/tickets",
        who=PIKET,
        body={"text": "Mau tanya cara membuat SKCK", "report_id": "call-console-0002"},
    )
    assert status == 201
    question = wf.store.get(Subject.ticket(body["ticket"]["ticket_no"]))
    assert question is not None
    assert call(wf, "POST", f"/api/tickets/{first}/ack", who=LOWOKWARU)[0] == 200

    status, seen = call(wf, "GET", "/api/overview", who=PIKET)
    assert status == 200
    units = {row["unit"]: row for row in seen["units"]}
    assert units[question.unit]["open"] >= 1 and units[question.unit]["unacknowledged"] >= 1
    assert seen["totals"]["open"] == 2 and seen["totals"]["acknowledged_today"] == 1
    [darurat] = [row for row in seen["ack_today"]["by_priority"] if row["key"] == "darurat"]
    assert darurat["count"] == 1 and 0 <= darurat["median_minutes"] < 60
    assert [row["key"] for row in seen["ack_today"]["by_channel"]] == ["whatsapp"]

    # A Polsek officer's overview counts only their area's tickets.
    _, sukun = call(wf, "GET", "/api/overview", who=claims("sukun-01", "polsek_sukun"))
    assert sukun["totals"]["acknowledged_today"] == 0
    assert call(wf, "GET", "/api/overview")[0] == 401
