"""Incidents in moto, through the template's own wiring: reports of one event from different citizens join
one incident in the ticket's own transaction, unrelated reports stay apart, two decisions at once still make
one incident, and officers merge, split, read and acknowledge incidents through the API."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from aduan.adapters.incident_store import IncidentStore
from aduan.errors import ConcurrentUpdate
from aduan.ingest import Ingestor
from aduan.models import Channel, CitizenIdentity, InboundMessage, Ticket
from aduan.services.incidents import IncidentService
from aduan.store import TicketStore, from_item
from devstack.api import Router, build_http_event
from tests.integration.conftest import Deployed
from tests.integration.test_ingest_flow import T0, enqueue, wa_delivery, wa_message

CRASH = [
    "tolong ada tabrakan motor N 4521 AB sama truk di jl suhat depan Polinema, korbane berdarah",
    "laka di Jl. Soekarno Hatta barusan, truk nabrak motor, rame wong ngerubung",
    "lur dalan Suhat macet ra obah, onok tabrakan ndek ngarep",
    "innalillahi barusan liat tabrakan di jalan Sukarno Hatta, motor N 4521 AB ringsek",
]
THEFT = "motor Vario N 2233 QA saya ilang dari teras rumah gg 3 Mojolangu tadi subuh"


def claims(user: str, *groups: str) -> dict[str, Any]:
    return {"username": user, "cognito:groups": "[" + " ".join(groups) + "]", "client_id": "local"}


PIKET = claims("polresta-01", "piket")
SUKUN = claims("sukun-01", "polsek_sukun")


def call(deployed: Deployed, method: str, path: str, *, who: dict[str, Any], body: Any = None) -> tuple[int, Any]:
    router = Router(route for spec in deployed.stack.functions() for route in spec.routes)
    match = router.match(method, path)
    assert match is not None, f"no route for {method} {path}"
    event = build_http_event(
        method=method,
        raw_path=path,
        raw_query="",
        headers=[("host", "127.0.0.1:3000"), ("content-type", "application/json")],
        body=b"" if body is None else json.dumps(body).encode(),
        match=match,
    )
    event["requestContext"]["authorizer"] = {"jwt": {"claims": who, "scopes": None}}
    response = deployed.invoke(match.route.function, event)
    return response["statusCode"], json.loads(response["body"]) if response.get("body") else None


def tickets(deployed: Deployed) -> list[Ticket]:
    items = deployed.client("dynamodb").scan(TableName=deployed.env["TABLE_NAME"])["Items"]
    return sorted(
        (Ticket.model_validate(from_item(i)) for i in items if i["sk"]["S"] == "TICKET"),
        key=lambda t: t.messages[0].sent_at,
    )


def report(deployed: Deployed, texts: list[str], first_sender: int = 1, start: int = T0) -> None:
    """Each text from another citizen, 20 s apart, in one webhook delivery each."""
    for i, text in enumerate(texts):
        sender = f"62812000{first_sender + i:05d}"
        enqueue(
            deployed, wa_delivery(wa_message(f"wamid.inc{first_sender + i}", text, ts=start + 20 * i, sender=sender))
        )
    deployed.drain()


def test_reports_of_one_crash_join_one_incident_and_an_unrelated_report_stays_apart(deployed: Deployed) -> None:
    report(deployed, [CRASH[0], THEFT, *CRASH[1:]])
    stored = tickets(deployed)
    assert len(stored) == 5
    theft = next(t for t in stored if "Vario" in t.text)
    crash = [t for t in stored if t is not theft]
    links = [t.incident for t in crash]
    assert all(link is not None for link in links)
    ids = {link.incident_id for link in links if link}
    assert len(ids) == 1
    assert [link.opened for link in links if link] == [True, False, False, False]
    assert all(link.reasons for link in links if link)
    assert theft.incident is not None and theft.incident.incident_id not in ids and theft.incident.opened
    [incident_id] = ids
    status, view = call(deployed, "GET", f"/api/incidents/{incident_id}", who=PIKET)
    assert status == 200, view
    assert view["reports"] == 4 and view["priority"] == "darurat"
    assert [t["ticket_no"] for t in view["tickets"]] == [t.ticket_no for t in crash]
    assert [a["action"] for a in view["audit"]].count("bergabung") == 3
    assert call(deployed, "GET", f"/api/incidents/{incident_id}", who=SUKUN)[0] == 403
    assert call(deployed, "GET", "/api/incidents/IN-0000-0000", who=PIKET)[0] == 404


def test_a_sensitive_report_gets_no_incident_and_alerts_on_its_own(deployed: Deployed) -> None:
    report(deployed, [CRASH[0], "tolong pak suami saya mukul saya di rumah dekat jl suhat, saya takut"])
    crash, kdrt = tickets(deployed)
    assert crash.incident is not None and kdrt.incident is None and kdrt.triage.sensitive


def message(n: int, text: str, at: datetime) -> InboundMessage:
    return InboundMessage(
        channel=Channel.WHATSAPP,
        platform_message_id=f"wamid.race{n}",
        citizen=CitizenIdentity(channel=Channel.WHATSAPP, platform_id=f"6281200099{n:03d}"),
        sent_at=at,
        kind="text",
        text=text,
    )


def test_two_reports_decided_at_once_make_one_incident(deployed: Deployed) -> None:
    """Report B reads the buckets, then report A is stored (another worker), then B writes: B's transaction
    fails on the bucket A changed, B reads again and joins A's incident."""
    table = deployed.env["TABLE_NAME"]
    store = TicketStore(table)
    service = IncidentService(IncidentStore(table))
    now = datetime.now(UTC) - timedelta(minutes=1)
    first = Ingestor(store, timedelta(hours=2), incidents=service)

    class Interleaved:
        def __init__(self) -> None:
            self.calls = 0

        def plan(self, ticket: Ticket, at: datetime) -> tuple[Ticket, list[dict[str, Any]]]:
            planned = service.plan(ticket, at)
            self.calls += 1
            if self.calls == 1:
                first.ingest(message(1, CRASH[0], now), now)  # A lands between B's read and B's write
            return planned

    planner = Interleaved()
    second = Ingestor(store, timedelta(hours=2), incidents=planner)
    later = now + timedelta(seconds=5)
    result = second.ingest(message(2, CRASH[1], later), later)
    assert result.outcome == "created" and planner.calls == 2  # the first attempt failed and was redone
    a, b = tickets(deployed)
    assert a.incident and b.incident and a.incident.incident_id == b.incident.incident_id
    assert a.incident.opened and not b.incident.opened
    assert len(service.store.members(a.incident.incident_id)) == 2


def test_a_stale_plan_is_refused_by_its_bucket(deployed: Deployed) -> None:
    table = deployed.env["TABLE_NAME"]
    service = IncidentService(IncidentStore(table))
    now = datetime.now(UTC)
    ingest = Ingestor(TicketStore(table), timedelta(hours=2), incidents=service)
    ingest.ingest(message(1, CRASH[0], now), now)
    [ticket] = tickets(deployed)
    other = ticket.model_copy(update={"ticket_no": "ZZZ-ZZ1", "incident": None})
    _, stale = service.plan(other, now)
    ingest.ingest(message(3, CRASH[2], now), now)  # the bucket moves on
    with pytest.raises(ConcurrentUpdate):
        service.store.transact(stale)


def test_officers_merge_split_and_acknowledge_incidents(deployed: Deployed) -> None:
    # two reports the rule keeps apart (no place in common), one event in the officers' judgement
    report(deployed, [CRASH[0], "ada kecelakaan parah di jl borobudur, orangnya berdarah"])
    suhat, borobudur = tickets(deployed)
    assert suhat.incident and borobudur.incident
    target, source = suhat.incident.incident_id, borobudur.incident.incident_id
    assert target != source
    status, body = call(deployed, "POST", f"/api/incidents/{target}/merge", who=PIKET, body={"incident_id": source})
    assert status == 200, body
    assert {t["ticket_no"] for t in body["tickets"]} == {suhat.ticket_no, borobudur.ticket_no}
    status, closed = call(deployed, "GET", f"/api/incidents/{source}", who=PIKET)
    assert status == 200 and not closed["open"] and closed["tickets"] == []
    assert "digabung" in [a["action"] for a in closed["audit"]]
    again = call(deployed, "POST", f"/api/incidents/{target}/merge", who=PIKET, body={"incident_id": source})
    assert again[0] == 400 and again[1]["error"] == "merge_refused"
    assert call(deployed, "POST", f"/api/incidents/{target}/merge", who=PIKET, body={"incident_id": "x"})[0] == 400

    status, body = call(deployed, "POST", f"/api/tickets/{borobudur.ticket_no}/split", who=PIKET, body={})
    assert status == 200, body
    assert [t["ticket_no"] for t in body["incident"]["tickets"]] == [suhat.ticket_no]
    assert "dipisah" in [a["action"] for a in body["incident"]["audit"]]
    assert call(deployed, "POST", f"/api/tickets/{borobudur.ticket_no}/split", who=PIKET, body={})[0] == 404

    report(deployed, [CRASH[1]], first_sender=50, start=T0 + 60)
    status, body = call(deployed, "POST", f"/api/incidents/{target}/ack", who=PIKET, body={})
    assert status == 200, body
    assert len(body["tickets"]) == 2 and all(t["ok"] and t["status"] == "diterima" for t in body["tickets"])
    status, body = call(deployed, "POST", f"/api/incidents/{target}/ack", who=PIKET, body={})
    assert status == 200 and not any(t["ok"] for t in body["tickets"])  # already acknowledged: said, not failed
    status, body = call(deployed, "POST", f"/api/incidents/{target}/resolve", who=PIKET, body={"note": "selesai"})
    assert status == 200 and all(t["status"] == "selesai" for t in body["tickets"])
    statuses = {t.ticket_no: t.status.value for t in tickets(deployed)}
    assert statuses[suhat.ticket_no] == "selesai" and statuses[borobudur.ticket_no] == "baru"


# ---------------------------------------------------------------- alerts per incident
TEN = [
    "tolong ada tabrakan motor N 4521 AB sama truk di jl suhat depan Polinema, korbane berdarah",
    "laka di Jl. Soekarno Hatta barusan, truk nabrak motor, rame wong ngerubung",
    "lur dalan Suhat macet ra obah, onok tabrakan ndek ngarep",
    "innalillahi barusan liat tabrakan di jalan Sukarno Hatta, motor N 4521 AB ringsek",
    "@polrestamalangkota barusan tabrakan motor vs truk di Soekarno-Hatta, korban tergeletak",
    "Jl. Soekarno Hatta macet total gara2 ada kecelakaan depan Polinema, hindari dulu",
    "gaes hati2 lewat Suhat, ada tabrakan motor sama truk, polisi belum dateng",
    "min ada kecelakaan jl suhat depan Polinema motor N 4521 AB ditabrak truk, orangnya berdarah",
    "tabrakan cuk nang Suhat, truk karo motor, arek e berdarah",
    "Suhat ada kecelakaan, truk vs motor N 4521 AB, butuh ambulans secepatnya!!",
]


def sms_by_phone(deployed: Deployed) -> dict[str, list[str]]:
    from tests.integration.test_whatsapp_flow import sms_sent

    out: dict[str, list[str]] = {}
    for phone, text in sms_sent(deployed):
        out.setdefault(phone, []).append(text)
    return out


def per_incident_notifier(deployed: Deployed, clock: Any = None) -> Any:
    """The notifier as the function builds it, alerting per incident (`INCIDENT_ALERTS=per_incident`)."""
    from aduan.notify import Notifier
    from aduan.store import RosterStore

    env = deployed.stack.function("NotifierFunction").environment
    return Notifier(
        TicketStore(env["TABLE_NAME"]),
        RosterStore(env["TABLE_NAME"]),
        env["ALERTS_TOPIC_ARN"],
        env["TICKET_EVENTS_TOPIC_ARN"],
        clock=clock or (lambda: datetime.now(UTC)),
        per_incident=True,
    )


def ingest_all(deployed: Deployed, texts: list[str], start: datetime, first: int = 1) -> list[Ticket]:
    """Each text from another citizen, 10 s apart, ingested as the normalizer does; the new tickets."""
    table = deployed.env["TABLE_NAME"]
    ingestor = Ingestor(TicketStore(table), timedelta(hours=2), incidents=IncidentService(IncidentStore(table)))
    known = {t.ticket_no for t in tickets(deployed)}
    for i, text in enumerate(texts):
        at = start + timedelta(seconds=10 * i)
        ingestor.ingest(message(first + i, text, at), at)
    return [t for t in tickets(deployed) if t.ticket_no not in known]


def test_ten_reports_of_one_crash_alert_each_officer_once_and_new_danger_once_more(deployed: Deployed) -> None:
    from aduan.notify import Change

    start = datetime.now(UTC) - timedelta(minutes=5)
    stored = ingest_all(deployed, TEN, start)
    assert len(stored) == 10 and len({t.incident.incident_id for t in stored if t.incident}) == 1
    notifier = per_incident_notifier(deployed)
    for ticket in stored:
        notifier.handle(Change("INSERT", ticket, None))
    sent = sms_by_phone(deployed)
    assert sent and all(len(texts) == 1 for texts in sent.values()), sent  # 10 reports: one SMS each
    death = "update jl suhat depan Polinema: korban tabrakan motor N 4521 AB meninggal di tempat"
    [worse] = ingest_all(deployed, [death], start + timedelta(minutes=2), first=70)
    assert worse.incident and worse.incident.new_danger == ("korban_jiwa",) and worse.incident.alert
    notifier.handle(Change("INSERT", worse, None))
    again = sms_by_phone(deployed)
    assert {p: len(t) for p, t in again.items()} == {p: 2 for p in sent}  # new danger: once more, once
    assert all(worse.ticket_no in texts[-1] for texts in again.values())
    notifier.handle(Change("INSERT", worse, None))  # the stream record again: nothing more
    assert sms_by_phone(deployed) == again


def test_a_joining_report_after_the_interval_sends_one_short_update(deployed: Deployed) -> None:
    from aduan.notify import Change

    start = datetime.now(UTC) - timedelta(minutes=5)
    opener, *joined_all = ingest_all(deployed, TEN[:3], start)
    notifier = per_incident_notifier(deployed)
    notifier.handle(Change("INSERT", opener, None))
    before = sms_by_phone(deployed)
    joined = joined_all[-1]
    assert joined.incident and not joined.incident.alert
    assert notifier.handle(Change("INSERT", joined, None)) == []  # within the interval of the alert: nothing
    later = datetime.now(UTC) + timedelta(minutes=11)
    notifier = per_incident_notifier(deployed, clock=lambda: later)
    plans = notifier.handle(Change("INSERT", joined, None))
    assert plans and all(p.trigger == "pembaruan_insiden" for p in plans)
    after = sms_by_phone(deployed)
    assert {p: len(t) for p, t in after.items()} == {p: 2 for p in before}
    update = next(iter(after.values()))[-1]
    assert update.startswith(f"INSIDEN {joined.incident.incident_id}") and "+2 laporan (WA 2)" in update
    assert notifier.handle(Change("INSERT", joined, None)) == []  # within the interval of that update: none
    assert sms_by_phone(deployed) == after
