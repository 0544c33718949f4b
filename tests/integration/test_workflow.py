"""The officer workflow in moto: SLA clocks from the stream, escalation exactly once, the ack race, the API."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest

from aduan.adapters.sns import SnsMessenger
from aduan.adapters.workflow_store import WorkflowStore
from aduan.api import services as api_services
from aduan.domain.sla import SlaPolicy
from aduan.domain.workflow import Action, IllegalTransition, Subject
from aduan.models import TicketStatus
from aduan.services import escalation
from aduan.services import settings as workflow_settings
from aduan.services.escalation import Escalator
from aduan.services.workflow import AckLinks, WorkflowService
from aduan.store import TicketStore
from devstack.api import Router, build_http_event
from tests.duty import DutyWindow
from tests.integration.conftest import Deployed
from tests.integration.test_whatsapp_flow import post, sms_sent, topic_messages
from tests.support import load_raw

DUTY = DutyWindow()  # the demo officers work shifts: who is alerted depends on the time
SUPERVISOR_LOWOKWARU = "+6281299900491"
COMMANDERS = {"+6281299900081", "+6281299900082"}
BASE_URL = "http://127.0.0.1:3000"


class InjectedCrash(RuntimeError):
    """Stands for the execution environment dying between two steps."""


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Workflow:
    deployed: Deployed
    clock: Clock
    store: WorkflowStore
    tickets: TicketStore
    service: WorkflowService
    links: AckLinks
    escalator: Escalator

    def track(self) -> None:
        """Drive the template's second stream consumer (SLA clock, ticket events) until it settles."""
        poller = self.deployed.pollers.setdefault("tracker", self.deployed.stream_poller("SlaTrackerFunction"))
        for _ in range(20):
            if poller.poll_once() == 0:
                return
        raise AssertionError("the tracker did not settle")

    def report(self, raw: str = "whatsapp/text_urgent.json") -> str:
        """A citizen report through the webhook, normalizer, notifier and tracker; its ticket number."""
        post(self.deployed, load_raw(raw))
        self.deployed.drain()
        self.track()
        [pk] = [i["pk"]["S"] for i in self._items() if i["sk"]["S"] == "TICKET"][-1:]
        return pk.removeprefix("TICKET#")

    def _items(self) -> list[dict[str, Any]]:
        return list(self.deployed.client("dynamodb").scan(TableName=self.deployed.env["TABLE_NAME"])["Items"])

    def audit(self, ticket_no: str, event: str | None = None) -> list[dict[str, Any]]:
        trail = self.store.audit_trail(Subject.ticket(ticket_no))
        return [a for a in trail if event is None or a["event"] == event]

    def sms_to(self, phone: str) -> list[str]:
        return [text for number, text in sms_sent(self.deployed) if number == phone]


@pytest.fixture
def wf(deployed: Deployed) -> Iterator[Workflow]:
    table = deployed.env["TABLE_NAME"]
    store = WorkflowStore(table)
    tickets = TicketStore(table)
    clock = Clock(datetime.now().astimezone())
    service = WorkflowService(store, tickets, SlaPolicy(), clock=clock)
    links = AckLinks(service, BASE_URL)
    messenger = SnsMessenger(deployed.env["ALERTS_TOPIC_ARN"], deployed.env["TICKET_EVENTS_TOPIC_ARN"])
    escalator = Escalator(store, tickets, links, messenger, SlaPolicy(), clock=clock)
    workflow_settings.reset()
    api_services.reset()
    yield Workflow(deployed, clock, store, tickets, service, links, escalator)
    workflow_settings.reset()
    api_services.reset()


def started_at(wf: Workflow, ticket_no: str) -> datetime:
    state = wf.store.get(Subject.ticket(ticket_no))
    assert state is not None
    return state.clock_started_at


# ---------------------------------------------------------------- the clock
def test_a_new_ticket_gets_its_sla_clock_from_the_stream(wf: Workflow) -> None:
    ticket_no = wf.report()
    state = wf.store.get(Subject.ticket(ticket_no))
    assert state is not None and state.status is TicketStatus.BARU and state.priority == "darurat"
    assert state.ack_due_at - state.created_at == timedelta(minutes=5)
    assert state.unit == "lowokwaru" and state.step == 0
    [created] = wf.audit(ticket_no, "ticket.created")
    assert created["actor"] == "sistem"
    assert wf.store.due(state.created_at + timedelta(minutes=4)) == []
    assert wf.store.due(state.created_at + timedelta(minutes=5, seconds=1)) == [ticket_no]


def test_the_first_alert_sms_carries_a_link_that_acknowledges_as_its_officer(wf: Workflow) -> None:
    ticket_no = wf.report()
    [officer] = DUTY.phone("lowokwaru") & {phone for phone, _ in sms_sent(wf.deployed)}  # on duty
    [alert] = wf.sms_to(officer)
    assert alert.startswith(f"ADUAN DARURAT {ticket_no} ") and len(alert) <= 160
    link = alert.rsplit(" ", 1)[1]
    path = "/a/" + link.rsplit("/a/", 1)[1]
    assert call(wf, "GET", path)[0] == 200
    assert call(wf, "POST", path)[0] == 200
    state = wf.store.get(Subject.ticket(ticket_no))
    assert state is not None and {state.acknowledged_by} in DUTY.officer_ids("lowokwaru")


# ---------------------------------------------------------------- escalation
def test_unanswered_emergency_climbs_the_ladder_then_stops_on_acknowledgement(wf: Workflow) -> None:
    ticket_no = wf.report()
    start = started_at(wf, ticket_no)
    wf.clock.now = start + timedelta(minutes=4, seconds=59)
    assert wf.escalator.sweep().escalated == []

    wf.clock.now = start + timedelta(minutes=5, seconds=1)
    assert wf.escalator.sweep().escalated == [(ticket_no, 1)]
    [sms] = wf.sms_to(SUPERVISOR_LOWOKWARU)
    assert sms.startswith(f"ESKALASI 1 DARURAT {ticket_no} blm diterima 5 mnt.") and f" {BASE_URL}/a/" in sms
    assert wf.escalator.sweep().escalated == []  # a second sweep in the same minute: nothing twice

    wf.clock.now = start + timedelta(minutes=10, seconds=1)
    assert wf.escalator.sweep().escalated == [(ticket_no, 2)]
    to_commanders = [text for phone, text in sms_sent(wf.deployed) if phone in COMMANDERS]
    assert len(to_commanders) == 1 and to_commanders[0].startswith(f"ESKALASI 2 DARURAT {ticket_no}")

    wf.service.act(ticket_no, Action.ACK, actor="lowokwaru-01")
    wf.clock.now = start + timedelta(hours=1)
    assert wf.escalator.sweep().due == 0
    steps = [a["details"]["step"] for a in wf.audit(ticket_no, "ticket.escalated")]
    assert steps == [1, 2]
    wf.track()
    events = [json.loads(n[1])["type"] for n in topic_messages(wf.deployed, "TICKET_EVENTS_TOPIC_ARN")]
    assert events.count("ticket.escalated") == 2 and events.count("ticket.acknowledged") == 1


def test_the_last_rung_repeats_until_someone_answers(wf: Workflow) -> None:
    ticket_no = wf.report()
    start = started_at(wf, ticket_no)
    for minutes, step in ((5, 1), (10, 2), (15, 3), (20, 4)):
        wf.clock.now = start + timedelta(minutes=minutes, seconds=1)
        assert wf.escalator.sweep().escalated == [(ticket_no, step)]
    assert len([p for p, _ in sms_sent(wf.deployed) if p in COMMANDERS]) == 3


def test_a_crash_after_the_sms_before_the_step_is_recorded_neither_skips_nor_doubles_it(
    wf: Workflow, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket_no = wf.report()
    start = started_at(wf, ticket_no)
    original = WorkflowStore.advance
    crashes: list[int] = []

    def die_before_recording(self: WorkflowStore, *args: Any) -> bool:
        if not crashes:
            crashes.append(1)
            raise InjectedCrash("after the escalation SMS, before the step's record")
        return original(self, *args)

    monkeypatch.setattr(WorkflowStore, "advance", die_before_recording)
    wf.clock.now = start + timedelta(minutes=5, seconds=1)
    with pytest.raises(InjectedCrash):
        wf.escalator.sweep()
    assert len(wf.sms_to(SUPERVISOR_LOWOKWARU)) == 1

    assert wf.escalator.sweep().escalated == []  # the dead sweep's lease still holds
    wf.clock.advance(seconds=escalation.LEASE.total_seconds() + 1)
    assert wf.escalator.sweep().escalated == [(ticket_no, 1)]  # the next sweep finishes the step
    assert len(wf.sms_to(SUPERVISOR_LOWOKWARU)) == 1  # not sent again: its delivery was recorded
    assert [a["details"]["step"] for a in wf.audit(ticket_no, "ticket.escalated")] == [1]
    wf.clock.now = start + timedelta(minutes=10, seconds=1)
    assert wf.escalator.sweep().escalated == [(ticket_no, 2)]  # and the ladder goes on


def test_a_crash_between_sns_and_the_delivery_record_resends_that_one_sms_only(
    wf: Workflow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one window left: SNS accepted the SMS, the function died before marking it sent."""
    ticket_no = wf.report()
    start = started_at(wf, ticket_no)
    original = WorkflowStore.record_delivery
    crashes: list[int] = []

    def die_before_marking(self: WorkflowStore, *args: Any) -> None:
        if not crashes:
            crashes.append(1)
            raise InjectedCrash("SNS accepted the SMS; the delivery is still pending")
        original(self, *args)

    monkeypatch.setattr(WorkflowStore, "record_delivery", die_before_marking)
    wf.clock.now = start + timedelta(minutes=5, seconds=1)
    with pytest.raises(InjectedCrash):
        wf.escalator.sweep()
    wf.clock.advance(seconds=escalation.LEASE.total_seconds() + 1)
    assert wf.escalator.sweep().escalated == [(ticket_no, 1)]
    assert len(wf.sms_to(SUPERVISOR_LOWOKWARU)) == 2  # sent again rather than missed
    assert [a["details"]["step"] for a in wf.audit(ticket_no, "ticket.escalated")] == [1]


def test_two_sweeps_at_once_fire_a_step_once(wf: Workflow) -> None:
    ticket_no = wf.report()
    wf.clock.now = started_at(wf, ticket_no) + timedelta(minutes=5, seconds=1)
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: wf.escalator.sweep(), range(2)))
    assert sorted(len(r.escalated) for r in results) == [0, 1]
    assert len(wf.sms_to(SUPERVISOR_LOWOKWARU)) == 1
    assert len(wf.audit(ticket_no, "ticket.escalated")) == 1


# ---------------------------------------------------------------- the acknowledgement race
def test_two_officers_acknowledging_at_once_leave_one_winner_and_one_audit_entry(
    wf: Workflow, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket_no = wf.report()
    both_read = threading.Barrier(2, timeout=10)
    original = WorkflowStore.get
    waiting = {"left": 2}
    lock = threading.Lock()

    def read_then_wait(self: WorkflowStore, subject: Subject) -> Any:
        state = original(self, subject)
        with lock:
            first_read = waiting["left"] > 0
            waiting["left"] -= 1
        if first_read:
            both_read.wait()  # both officers have read `baru` before either writes
        return state

    monkeypatch.setattr(WorkflowStore, "get", read_then_wait)

    def ack(officer: str) -> str:
        try:
            wf.service.act(ticket_no, Action.ACK, actor=officer)
        except IllegalTransition as refused:
            return f"refused:{refused.details.get('acknowledged_by')}"
        return f"won:{officer}"

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(ack, ["lowokwaru-01", "polresta-01"]))
    winners = [o for o in outcomes if o.startswith("won:")]
    assert len(winners) == 1
    winner = winners[0].removeprefix("won:")
    assert [o for o in outcomes if o.startswith("refused:")] == [f"refused:{winner}"]  # told who did it
    [acked] = wf.audit(ticket_no, "ticket.acknowledged")
    assert acked["actor"] == winner
    ticket = wf.tickets.get_ticket(ticket_no)
    assert ticket is not None and ticket.status is TicketStatus.DITERIMA


# ---------------------------------------------------------------- the officer API
def claims(user: str, *groups: str) -> dict[str, Any]:
    return {"username": user, "cognito:groups": "[" + " ".join(groups) + "]", "client_id": "local"}


def call(
    wf: Workflow,
    method: str,
    path: str,
    *,
    who: dict[str, Any] | None = None,
    body: Any = None,
    query: str = "",
) -> tuple[int, Any]:
    router = Router(route for spec in wf.deployed.stack.functions() for route in spec.routes)
    match = router.match(method, path)
    assert match is not None, f"no route for {method} {path}"
    raw = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    event = build_http_event(
        method=method,
        raw_path=path,
        raw_query=query,
        headers=[("host", "127.0.0.1:3000"), ("content-type", "application/json")],
        body=raw,
        match=match,
    )
    if who is not None:
        event["requestContext"]["authorizer"] = {"jwt": {"claims": who, "scopes": None}}
    response = wf.deployed.invoke(match.route.function, event)
    content = response.get("body") or ""
    is_json = response.get("headers", {}).get("Content-Type", "").startswith("application/json")
    return response["statusCode"], json.loads(content) if is_json and content else content


PIKET = claims("polresta-01", "piket")
LOWOKWARU = claims("lowokwaru-01", "polsek_lowokwaru")
SUKUN = claims("sukun-01", "polsek_sukun")
PPA = claims("ppa-01", "ppa")


def test_api_needs_a_token_and_names_what_is_wrong(wf: Workflow) -> None:
    ticket_no = wf.report()
    assert call(wf, "GET", "/api/tickets")[0] == 401
    assert call(wf, "GET", "/api/tickets/ZZZ-ZZZ", who=PIKET)[0] == 404
    assert call(wf, "GET", "/api/tickets/not-a-number", who=PIKET)[0] == 404
    status, body = call(wf, "POST", f"/api/tickets/{ticket_no}/assign", who=PIKET, body={"officer": "x"})
    assert status == 400 and {f["field"] for f in body["fields"]} == {"officer_id", "officer"}
    status, body = call(wf, "POST", f"/api/tickets/{ticket_no}/resolve", who=PIKET, body=b"{not json")
    assert status == 400 and body["error"] == "invalid_json"
    assert call(wf, "GET", f"/api/tickets/{ticket_no}", who=SUKUN)[0] == 403  # another Polsek's ticket


def test_officer_lists_shows_assigns_resolves_and_the_trail_names_each_actor(wf: Workflow) -> None:
    ticket_no = wf.report()
    status, page = call(wf, "GET", "/api/tickets", who=LOWOKWARU)
    assert status == 200 and [t["ticket_no"] for t in page["items"]] == [ticket_no]
    assert call(wf, "GET", "/api/tickets", who=LOWOKWARU, query="area=sukun")[0] == 403

    status, shown = call(wf, "GET", f"/api/tickets/{ticket_no}", who=LOWOKWARU)
    assert status == 200 and shown["messages"] and shown["sla"]["target"] == "diterima"
    assert shown["allowed_actions"] == ["ack", "assign", "resolve", "close"]

    assert call(wf, "POST", f"/api/tickets/{ticket_no}/ack", who=LOWOKWARU)[0] == 200
    status, refused = call(wf, "POST", f"/api/tickets/{ticket_no}/ack", who=PIKET)
    assert status == 409 and refused["details"]["acknowledged_by"] == "lowokwaru-01"
    status, _ = call(wf, "POST", f"/api/tickets/{ticket_no}/assign", who=PIKET, body={"officer_id": "lowokwaru-01"})
    assert status == 200
    status, done = call(
        wf, "POST", f"/api/tickets/{ticket_no}/resolve", who=LOWOKWARU, body={"note": "Korban dibawa ke RSSA"}
    )
    assert status == 200 and done["ticket"]["status"] == "selesai"
    assert call(wf, "POST", f"/api/tickets/{ticket_no}/resolve", who=LOWOKWARU, body={"note": "lagi"})[0] == 409

    _, shown = call(wf, "GET", f"/api/tickets/{ticket_no}", who=PIKET)
    trail = [(a["event"], a["actor"]) for a in shown["audit"]]
    assert trail[0] == ("ticket.created", "sistem")
    assert [t for t in trail if t[0] != "ticket.content_read"][1:] == [
        ("ticket.acknowledged", "lowokwaru-01"),
        ("ticket.assigned", "polresta-01"),
        ("ticket.resolved", "lowokwaru-01"),
    ]
    assert ("ticket.content_read", "lowokwaru-01") in trail  # reading content is audited

    _, closed_queue = call(wf, "GET", "/api/tickets", who=PIKET, query="queue=closed")
    assert [t["ticket_no"] for t in closed_queue["items"]] == [ticket_no]
    assert call(wf, "POST", f"/api/tickets/{ticket_no}/reopen", who=PIKET)[0] == 200
    state = wf.store.get(Subject.ticket(ticket_no))
    assert state is not None and state.status is TicketStatus.BARU and state.escalation_due is not None


def test_a_polsek_officer_cannot_read_a_ppa_case_and_piket_sees_it_without_content(wf: Workflow) -> None:
    ticket_no = wf.report("whatsapp/video_caption_ppa.json")
    state = wf.store.get(Subject.ticket(ticket_no))
    assert state is not None and state.category == "kdrt_ppa"
    area_claims = claims(f"{state.area}-01", f"polsek_{state.area}") if state.area else SUKUN
    assert call(wf, "GET", f"/api/tickets/{ticket_no}", who=area_claims)[0] == 403
    status, redacted = call(wf, "GET", f"/api/tickets/{ticket_no}", who=PIKET)
    assert status == 200 and redacted["content_withheld"] and "messages" not in redacted
    status, full = call(wf, "GET", f"/api/tickets/{ticket_no}", who=PPA)
    assert status == 200 and full["messages"]
    readers = [a["actor"] for a in wf.audit(ticket_no, "ticket.content_read")]
    assert readers == ["ppa-01"]  # piket's redacted view read no content


def test_list_is_sorted_by_sla_due_and_paginated(wf: Workflow) -> None:
    def file(text: str, report_id: str) -> str:
        status, body = call(wf, "POST", "/api/tickets", who=PIKET, body={"text": text, "report_id": report_id})
        assert status == 201
        return str(body["ticket"]["ticket_no"])

    later = file("Mau tanya cara membuat SKCK untuk melamar kerja", "call-sorted-0001")
    sooner = file("Tolong ada begal di Suhat sekarang, korban luka parah berdarah", "call-sorted-0002")
    _, page = call(wf, "GET", "/api/tickets", who=PIKET, query="limit=1")
    assert [t["ticket_no"] for t in page["items"]] == [sooner] and page["next_cursor"]
    _, rest = call(wf, "GET", "/api/tickets", who=PIKET, query=f"limit=1&cursor={page['next_cursor']}")
    assert [t["ticket_no"] for t in rest["items"]] == [later]
    _, urgent = call(wf, "GET", "/api/tickets", who=PIKET, query="priority=darurat,tinggi")
    assert [t["ticket_no"] for t in urgent["items"]] == [sooner]
    assert call(wf, "GET", "/api/tickets", who=PIKET, query="cursor=bm90LWEta2V5")[0] == 400
    assert call(wf, "GET", "/api/tickets", who=PIKET, query="limit=1000")[0] == 400


def test_an_officer_corrects_triage_and_the_alert_follows(wf: Workflow) -> None:
    status, body = call(
        wf,
        "POST",
        "/api/tickets",
        who=PIKET,
        body={"text": "Ada orang mencurigakan mondar mandir", "report_id": "call-fix-0001"},
    )
    assert status == 201
    ticket_no = body["ticket"]["ticket_no"]
    wf.deployed.drain()
    before = len(sms_sent(wf.deployed))
    status, fixed = call(
        wf, "POST", f"/api/tickets/{ticket_no}/triage", who=PIKET, body={"priority": "darurat", "area": "sukun"}
    )
    assert status == 200 and fixed["to"]["priority"] == "darurat" and fixed["to"]["area"] == "sukun"
    wf.deployed.drain()
    wf.track()
    raised = sms_sent(wf.deployed)[before:]
    assert DUTY.phone("sukun") & {phone for phone, _ in raised}  # Polsek Sukun alerted now
    [corrected] = wf.audit(ticket_no, "ticket.triage_corrected")
    assert corrected["actor"] == "polresta-01" and corrected["details"]["to"]["priority"] == "darurat"
    state = wf.store.get(Subject.ticket(ticket_no))
    assert state is not None and state.priority == "darurat" and state.area == "sukun"
    assert call(wf, "POST", f"/api/tickets/{ticket_no}/triage", who=PIKET, body={"priority": "gawat"})[0] == 400


def test_a_call_centre_report_is_triaged_and_alerted_like_a_whatsapp_one(wf: Workflow) -> None:
    report = {
        "text": "Ada tabrakan motor sama truk di jalan Soekarno Hatta dekat kampus, korbannya berdarah, tolong cepat",
        "caller_phone": "+6281355500001",
        "report_id": "call-20261201-0001",
    }
    assert call(wf, "POST", "/api/tickets", who=LOWOKWARU, body=report)[0] == 403
    status, filed = call(wf, "POST", "/api/tickets", who=PIKET, body=report)
    assert status == 201 and filed["outcome"] == "created"
    ticket_no = filed["ticket"]["ticket_no"]
    assert filed["ticket"]["channel"] == "call_center" and filed["ticket"]["priority"] == "darurat"
    status, again = call(wf, "POST", "/api/tickets", who=PIKET, body=report)
    assert status == 200 and again["outcome"] == "duplicate" and again["ticket"]["ticket_no"] == ticket_no
    wf.deployed.drain()
    wf.track()
    alerted = [text for _, text in sms_sent(wf.deployed) if ticket_no in text]
    assert alerted and all(" via 110:" in text for text in alerted)
    [created] = wf.audit(ticket_no, "ticket.created")
    assert created["actor"] == "polresta-01"


def test_the_sms_link_page_changes_nothing_and_its_button_acknowledges(wf: Workflow) -> None:
    ticket_no = wf.report()
    link = wf.links.issue(Subject.ticket(ticket_no), "lowokwaru-kapolsek")
    path = link.removeprefix(BASE_URL)
    status, page = call(wf, "GET", path)
    assert status == 200 and ticket_no in page and 'method="post"' in page
    assert wf.store.get(Subject.ticket(ticket_no)).status is TicketStatus.BARU  # type: ignore[union-attr]
    status, page = call(wf, "POST", path)
    assert status == 200 and "Anda terima" in page
    state = wf.store.get(Subject.ticket(ticket_no))
    assert state is not None and state.acknowledged_by == "lowokwaru-kapolsek" and state.escalation_due is None
    other = wf.links.issue(Subject.ticket(ticket_no), "pawas-malam").removeprefix(BASE_URL)
    status, page = call(wf, "POST", other)
    assert status == 409 and "lowokwaru-kapolsek" in page

    status, page = call(wf, "GET", "/a/AAAAAAAAAAAAAAAA")
    assert status == 404 and "tidak dikenal" in page
    assert call(wf, "GET", "/a/..%2F..%2Fetc")[0] == 404


def test_an_expired_or_finished_link_says_so(wf: Workflow, monkeypatch: pytest.MonkeyPatch) -> None:
    ticket_no = wf.report()
    link = wf.links.issue(Subject.ticket(ticket_no), "lowokwaru-kapolsek").removeprefix(BASE_URL)
    later = datetime.now().astimezone() + timedelta(hours=25)
    monkeypatch.setattr(api_services.workflow(), "clock", lambda: later)
    status, page = call(wf, "POST", link)
    assert status == 410 and "kedaluwarsa" in page
    assert wf.store.get(Subject.ticket(ticket_no)).status is TicketStatus.BARU  # type: ignore[union-attr]
    monkeypatch.undo()
    wf.service.act(ticket_no, Action.RESOLVE, actor="polresta-01", note="selesai")
    assert call(wf, "GET", link)[0] == 409
