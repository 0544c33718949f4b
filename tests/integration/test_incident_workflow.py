"""An incident's workflow in moto, with the template's wiring and alerts per incident: the SMS link
of an incident's alert acknowledges every ticket of it, escalation runs once per incident and rung, resolving
the incident resolves each ticket and answers each citizen on their own channel, and a follow-up in a ticket of
an incident brings the incident up to date (its latest report, its priority, new danger alerted once more)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest

from aduan import incident_alerts
from aduan.adapters.incident_store import IncidentStore
from aduan.adapters.sns import SnsMessenger
from aduan.adapters.workflow_store import WorkflowStore
from aduan.api import services as api_services
from aduan.domain.sla import SlaPolicy
from aduan.domain.workflow import Subject
from aduan.models import Ticket, TicketStatus
from aduan.services import reply_settings
from aduan.services import settings as workflow_settings
from aduan.services.escalation import Escalator
from aduan.services.workflow import AckLinks, WorkflowService
from aduan.store import TicketStore, from_item
from devstack.platforms import STATE, PlatformEndpoint
from tests import replies_support as fresh
from tests.integration.conftest import Deployed
from tests.integration.test_replier import Replies
from tests.integration.test_whatsapp_flow import sms_sent
from tests.integration.test_workflow import BASE_URL, SUPERVISOR_LOWOKWARU, Clock, call, claims

PIKET = claims("polresta-01", "piket")
# One crash on Jl. Soekarno Hatta as three citizens tell it (the first two tell of a victim: darurat).
CRASH = [
    "tolong ada tabrakan motor N 4521 AB sama truk di jl suhat depan Polinema, korbane berdarah",
    "laka di Jl. Soekarno Hatta depan Polinema barusan, truk nabrak motor, korban tergeletak berdarah",
    "lur dalan Suhat macet ra obah, onok tabrakan ndek ngarep Polinema",
]
SENDERS = ["6281200005001", "6281200005002", "6281200005003"]


@dataclass
class Setup:
    rp: Replies
    clock: Clock
    store: WorkflowStore
    tickets: TicketStore
    service: WorkflowService
    links: AckLinks
    escalator: Escalator
    sent_messages: int = 0

    @property
    def deployed(self) -> Deployed:
        return self.rp.deployed

    def report(self, texts: list[str], senders: list[str] = SENDERS) -> list[Ticket]:
        """Each text from its own citizen on WhatsApp, through webhook, normalizer, notifier and tracker; the
        tickets in the order they came."""
        known = {t.ticket_no for t in self.all_tickets()}
        for text, sender in zip(texts, senders, strict=False):
            self.sent_messages += 1
            message_id = f"wamid.incwf{self.sent_messages}"
            self.rp.deliver("whatsapp", fresh.whatsapp(text, message_id=message_id, sender=sender))
        self.rp.upstream()
        return [t for t in self.all_tickets() if t.ticket_no not in known]

    def all_tickets(self) -> list[Ticket]:
        items = self.deployed.client("dynamodb").scan(TableName=self.deployed.env["TABLE_NAME"])["Items"]
        found = [Ticket.model_validate(from_item(i)) for i in items if i["sk"]["S"] == "TICKET"]
        return sorted(found, key=lambda t: (t.created_at, t.ticket_no))

    def ticket(self, ticket_no: str) -> Ticket:
        found = self.tickets.get_ticket(ticket_no)
        assert found is not None
        return found

    def status(self, ticket_no: str) -> TicketStatus:
        state = self.store.get(Subject.ticket(ticket_no))
        assert state is not None
        return state.status

    def sms(self) -> list[tuple[str, str]]:
        return sms_sent(self.deployed)

    def page(self, method: str, link: str) -> tuple[int, str]:
        status, body = self.api(method, "/a/" + link.rsplit("/a/", 1)[1])
        return status, str(body)

    def api(self, method: str, path: str, *, who: dict[str, Any] | None = None, body: Any = None) -> tuple[int, Any]:
        answer = call(self, method, path, who=who, body=body)  # type: ignore[arg-type]  # it needs `.deployed`
        # an invocation sets its function's variables, the template's empty platform base URL among them
        self.rp.monkeypatch.setenv("PLATFORM_API_BASE_URL", self.rp.endpoint.url)
        return answer


@pytest.fixture
def setup(deployed: Deployed, monkeypatch: pytest.MonkeyPatch) -> Iterator[Setup]:
    # alerts and escalation per incident (`INCIDENT_ALERTS=per_incident`) in every function run in-process
    monkeypatch.setattr(incident_alerts, "per_incident", lambda: True)
    STATE.reset()
    endpoint = PlatformEndpoint(port=0)
    endpoint.start()
    monkeypatch.setenv("PLATFORM_API_BASE_URL", endpoint.url)
    reply_settings.reset()
    workflow_settings.reset()
    api_services.reset()
    table = deployed.env["TABLE_NAME"]
    store = WorkflowStore(table)
    tickets = TicketStore(table)
    clock = Clock(datetime.now().astimezone())
    service = WorkflowService(store, tickets, SlaPolicy(), clock=clock)
    links = AckLinks(service, BASE_URL)
    messenger = SnsMessenger(deployed.env["ALERTS_TOPIC_ARN"], deployed.env["TICKET_EVENTS_TOPIC_ARN"])
    escalator = Escalator(store, tickets, links, messenger, SlaPolicy(), clock=clock)
    yield Setup(Replies(deployed, endpoint, monkeypatch), clock, store, tickets, service, links, escalator)
    endpoint.stop()
    STATE.reset()
    reply_settings.reset()
    workflow_settings.reset()
    api_services.reset()


def incident_of(tickets: list[Ticket]) -> str:
    ids = {t.incident.incident_id for t in tickets if t.incident}
    assert len(ids) == 1 and all(t.incident for t in tickets), tickets
    return ids.pop()


def link_in(text: str) -> str:
    link = text.rsplit(" ", 1)[1]
    assert "/a/" in link, text
    return link


# ---------------------------------------------------------------- acknowledgement
def test_the_sms_link_of_an_incident_alert_acknowledges_every_ticket_of_it(setup: Setup) -> None:
    crash = setup.report(CRASH)
    incident_id = incident_of(crash)
    sent = setup.sms()
    by_phone: dict[str, list[str]] = {}
    for phone, text in sent:
        by_phone.setdefault(phone, []).append(text)
    assert by_phone and all(len(texts) == 1 for texts in by_phone.values()), by_phone  # one SMS per officer
    phone, [alert] = next(iter(by_phone.items()))
    link = link_in(alert)

    status, page = setup.page("GET", link)
    assert status == 200 and f"Insiden {incident_id}" in page and "3 dari 3 laporan" in page
    assert all(setup.status(t.ticket_no) is TicketStatus.BARU for t in crash)  # GET changes nothing
    status, page = setup.page("POST", link)
    assert status == 200 and "Insiden diterima" in page and "3 laporan diterima" in page
    states = [setup.store.get(Subject.ticket(t.ticket_no)) for t in crash]
    officer = {s.acknowledged_by for s in states if s}
    assert len(officer) == 1 and all(s and s.status is TicketStatus.DITERIMA for s in states)
    for t in crash:  # each ticket its own audited transition
        trail = setup.store.audit_trail(Subject.ticket(t.ticket_no))
        assert [a["actor"] for a in trail if a["event"] == "ticket.acknowledged"] == list(officer)
    audit = IncidentStore(setup.deployed.env["TABLE_NAME"]).audit(incident_id)
    [acted] = [a for a in audit if a["action"] == "tindakan_ack"]
    assert acted["actor"] in officer and acted["detail"]["via"] == "tautan_sms"
    assert sorted(acted["detail"]["tickets"]) == sorted(t.ticket_no for t in crash)
    # escalation stops for all of them; the link again says who acknowledged, changing nothing
    setup.clock.advance(hours=1)
    assert setup.escalator.sweep().due == 0
    status, page = setup.page("POST", link)
    assert status == 200 and "Insiden" in page


def test_an_incident_escalates_once_per_rung_and_its_link_stops_it_for_every_ticket(setup: Setup) -> None:
    crash = setup.report(CRASH[:2])  # both darurat, both alerted (the second tells the incident's danger anew?)
    incident_id = incident_of(crash)
    alerted = [t for t in crash if t.incident and t.incident.alert]
    start = min(s.clock_started_at for t in crash if (s := setup.store.get(Subject.ticket(t.ticket_no))))
    setup.clock.now = start + timedelta(minutes=6)
    result = setup.escalator.sweep()
    assert sorted(result.escalated) == sorted((t.ticket_no, 1) for t in alerted), result
    [sms] = [text for phone, text in setup.sms() if phone == SUPERVISOR_LOWOKWARU]  # once for the incident
    assert sms.startswith("ESKALASI 1 DARURAT ") and f"Insiden {incident_id} 2 lap." in sms
    for t in alerted:  # each ticket still records its own step
        trail = setup.store.audit_trail(Subject.ticket(t.ticket_no))
        [step] = [a for a in trail if a["event"] == "ticket.escalated"]
        assert step["details"]["incident_id"] == incident_id

    status, page = setup.page("POST", link_in(sms))
    assert status == 200 and "2 laporan diterima" in page
    assert all(setup.status(t.ticket_no) is TicketStatus.DITERIMA for t in crash)
    setup.clock.advance(minutes=30)
    assert setup.escalator.sweep().due == 0


# ---------------------------------------------------------------- resolution
def test_resolving_an_incident_resolves_each_ticket_and_each_citizen_gets_their_own_reply(setup: Setup) -> None:
    crash = setup.report(CRASH)
    incident_id = incident_of(crash)
    setup.rp.settle()
    receipts = {r["to"] for r in setup.rp.sent()}
    assert receipts == set(SENDERS)  # each citizen their own receipt
    note = {"note": "Korban dibawa ke RSSA oleh Bripka Anton.\nPublik: korban sudah dibawa ke RSSA"}
    status, body = setup.api("POST", f"/api/incidents/{incident_id}/resolve", who=PIKET, body=note)
    assert status == 200, body
    assert [t["status"] for t in body["tickets"]] == ["selesai"] * 3
    setup.rp.settle()
    by_citizen: dict[str, list[str]] = {}
    for reply in setup.rp.sent():
        by_citizen.setdefault(reply["to"], []).append(reply["text"])
    for ticket, sender in zip(crash, SENDERS, strict=True):
        [answer] = [text for text in by_citizen[sender] if "selesai" in text.lower()]
        assert ticket.ticket_no in answer and "RSSA" in answer and "Anton" not in answer  # their own ticket
    status, view = setup.api("GET", f"/api/incidents/{incident_id}", who=PIKET)
    assert status == 200 and view["open"] is False
    # a late report of the same crash opens a new incident (and is alerted) rather than join a finished one
    [late] = setup.report(
        ["tabrakan di jl suhat depan Polinema tadi, truk sama motor, korbane berdarah"], ["6281200005009"]
    )
    assert late.incident and late.incident.opened and late.incident.incident_id != incident_id


# ---------------------------------------------------------------- follow-ups
def test_a_follow_up_brings_its_incident_up_to_date_and_raises_it(setup: Setup) -> None:
    opener, quiet = setup.report(
        [
            "ada tabrakan motor sama mobil di jl suhat depan Polinema",
            "jl suhat macet total ada kecelakaan depan polinema",
        ]
    )
    incident_id = incident_of([opener, quiet])
    assert opener.triage.priority == "tinggi" and quiet.incident and not quiet.incident.alert
    before = len(setup.sms())
    # the quiet report's citizen writes again: someone is trapped (darurat, new danger)
    setup.report(["korbannya masih terjepit di mobil pak"], [SENDERS[1]])
    followed = setup.ticket(quiet.ticket_no)
    assert len(followed.messages) == 2 and followed.triage.priority == "darurat"
    link = followed.incident
    assert link and link.incident_id == incident_id and link.raised and link.follow_ups == 1
    assert "terjebak" in link.new_danger
    status, view = setup.api("GET", f"/api/incidents/{incident_id}", who=PIKET)
    assert status == 200 and view["priority"] == "darurat" and view["messages"] == 3 and view["reports"] == 2
    assert view["last_at"] == max(m.sent_at for m in followed.messages).isoformat()
    assert "orang terjebak / terjepit" in view["danger"]
    assert [a["action"] for a in view["audit"]].count("pesan_susulan") == 1
    raised = setup.sms()[before:]
    assert raised and all(text.startswith(f"ADUAN NAIK DARURAT {quiet.ticket_no} ") for _, text in raised)
    assert len({phone for phone, _ in raised}) == len(raised)  # one SMS per officer, not one per trigger

    # the opener's citizen adds a detail that tells nothing new: the incident follows, nobody is alerted
    after_raise = len(setup.sms())
    setup.report(["mobilnya warna hitam pak"], [SENDERS[0]])
    assert len(setup.sms()) == after_raise
    status, view = setup.api("GET", f"/api/incidents/{incident_id}", who=PIKET)
    assert view["messages"] == 4 and [a["action"] for a in view["audit"]].count("pesan_susulan") == 2


def test_a_follow_up_telling_new_danger_alerts_the_incident_once_more(setup: Setup) -> None:
    opener, quiet = setup.report([CRASH[0], CRASH[2]])
    incident_id = incident_of([opener, quiet])
    before = len(setup.sms())
    setup.report(["update pak korbannya meninggal di tempat, tidak bernapas"], [SENDERS[1]])
    followed = setup.ticket(quiet.ticket_no)
    assert followed.incident and "korban_jiwa" in followed.incident.new_danger
    danger = setup.sms()[before:]
    assert danger and len({p for p, _ in danger}) == len(danger), danger  # once per officer
    assert all(text.startswith(f"ADUAN BAHAYA BARU DARURAT {quiet.ticket_no} ") for _, text in danger), danger
    assert all(' "update' in text for _, text in danger)  # quoting the newest message
    # the stream record again (a retry) and a repeat of the same news: nothing more
    setup.report(["korban meninggal pak"], [SENDERS[1]])
    assert len(setup.sms()) == before + len(danger)
    ledger = TicketStore(setup.deployed.env["TABLE_NAME"]).alert_ledger(
        quiet.ticket_no, owner=f"INCIDENT#{incident_id}"
    )
    assert any("bahaya-korban_jiwa" in e["sk"] for e in ledger)


def _events(setup: Setup) -> list[dict[str, Any]]:
    from tests.integration.test_whatsapp_flow import topic_messages

    return [json.loads(m[1]) for m in topic_messages(setup.deployed, "TICKET_EVENTS_TOPIC_ARN")]
