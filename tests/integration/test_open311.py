"""Open311 in moto: an app report becomes a triaged, alerted ticket; idempotency on the Idempotency-Key
(with a crash between the ticket and the answer); reads scoped to the client; sensitive tickets; bad input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest

from aduan.adapters.open311_store import Client, Open311Store
from aduan.adapters.workflow_store import WorkflowStore
from aduan.api import services as api_services
from aduan.domain.workflow import Subject
from aduan.models import Channel, utcnow
from aduan.open311 import api as open311_api
from aduan.open311 import keys
from aduan.services import open311 as open311_service
from aduan.services import settings as workflow_settings
from aduan.store import TicketStore
from devstack.api import Router, build_http_event
from devstack.open311_seed import DEFAULT_API_KEY
from tests.duty import DutyWindow
from tests.integration.conftest import Deployed
from tests.integration.test_whatsapp_flow import sms_sent, tickets
from tests.support import load_event

DUTY = DutyWindow()  # the demo officers work shifts: whoever of Polsek Lowokwaru is on duty
URGENT: dict[str, str] = load_event("open311/request_urgent.json")  # the app's urgent report


@pytest.fixture
def o311(deployed: Deployed) -> Iterator[Deployed]:
    for reset in (workflow_settings.reset, api_services.reset, open311_api.reset):
        reset()
    yield deployed
    for reset in (workflow_settings.reset, api_services.reset, open311_api.reset):
        reset()


def call(
    deployed: Deployed,
    method: str,
    path: str,
    *,
    form: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    content_type: str = "application/x-www-form-urlencoded",
) -> tuple[int, Any]:
    router = Router(route for spec in deployed.stack.functions() for route in spec.routes)
    match = router.match(method, path)
    assert match is not None and match.route.function == "Open311Function", path
    body = urlencode(form).encode() if form is not None else b""
    event = build_http_event(
        method=method,
        raw_path=path,
        raw_query=urlencode(query or {}),
        headers=[("host", "127.0.0.1:3000"), ("content-type", content_type), *(headers or {}).items()],
        body=body,
        match=match,
    )
    response = deployed.invoke("Open311Function", event)
    text = response.get("body") or ""
    if response["headers"]["Content-Type"].startswith("application/json"):
        return response["statusCode"], json.loads(text)
    return response["statusCode"], ElementTree.fromstring(text.encode())  # noqa: S314 - our own answer


def file(deployed: Deployed, params: dict[str, str], key: str | None = None, api_key: str = DEFAULT_API_KEY) -> Any:
    headers = {"idempotency-key": key} if key else {}
    return call(deployed, "POST", "/open311/v2/requests.json", form={"api_key": api_key, **params}, headers=headers)


def read(deployed: Deployed, ticket_no: str, api_key: str = DEFAULT_API_KEY, fmt: str = "json") -> Any:
    return call(deployed, "GET", f"/open311/v2/requests/{ticket_no}.{fmt}", query={"api_key": api_key})


def test_an_app_report_becomes_a_triaged_alerted_ticket_and_reads_back_without_personal_data(o311: Deployed) -> None:
    status, body = file(o311, URGENT)
    assert status == 201, body
    [answer] = body
    number = answer["service_request_id"]
    assert answer["account_id"] is None
    assert number in answer["service_notice"] and "hubungi 110" in answer["service_notice"]

    ticket = TicketStore(o311.env["TABLE_NAME"]).get_ticket(number)
    assert ticket is not None and ticket.channel is Channel.APP
    assert (ticket.triage.category, ticket.triage.priority, ticket.triage.area) == (
        "kecelakaan",
        "darurat",
        "lowokwaru",
    )
    assert ticket.location is not None and (ticket.location.lat, ticket.location.lon) == (-7.9425, 112.6135)
    assert ticket.citizen.phone == "+6281311112222" and ticket.citizen.email == "siti@example.id"
    [created] = [a for a in WorkflowStore(o311.env["TABLE_NAME"]).audit_trail(Subject.ticket(number))]
    assert created["event"] == "ticket.created" and created["actor"] == "open311:jogo-malang-presisi"

    incident = o311.client("dynamodb").get_item(
        TableName=o311.env["TABLE_NAME"], Key={"pk": {"S": f"TICKET#{number}"}, "sk": {"S": "INCIDENT"}}
    )
    assert "Item" in incident  # it joined or opened an incident, as every channel's new ticket does

    o311.drain()  # the table's stream drives the notifier, as for any channel
    alerts = [text for phone, text in sms_sent(o311) if phone in DUTY.phone("lowokwaru")]
    assert len(alerts) == 1 and number in alerts[0] and "via App" in alerts[0]
    assert "tabrakan" in alerts[0]  # the citizen's words, not the coordinates

    status, body = read(o311, number)
    assert status == 200
    [row] = body
    assert row["service_request_id"] == number and row["status"] == "open"
    assert row["agency_responsible"] == "Polsek Lowokwaru" and row["service_code"] == "kecelakaan"
    assert row["address"] == "Kecamatan Lowokwaru, Kota Malang" and (row["lat"], row["long"]) == (-7.94, 112.61)
    assert row["expected_datetime"].endswith("+07:00") and row["requested_datetime"] <= row["expected_datetime"]
    text = json.dumps(row)
    for personal in ("Siti", "Rahayu", "+6281311112222", "siti@example.id", "tabrakan", "device-77"):
        assert personal not in text
    assert "description" not in row and "media_url" not in row

    status, root = read(o311, number, fmt="xml")
    assert status == 200 and root.tag == "service_requests"
    assert root.findtext("request/agency_responsible") == "Polsek Lowokwaru"
    assert root.findtext("request/status") == "open"


def test_the_same_idempotency_key_twice_makes_one_ticket_and_the_same_answer(o311: Deployed) -> None:
    first = file(o311, URGENT, key="app-req-0001")
    second = file(o311, URGENT, key="app-req-0001")
    assert first[0] == 201 and second == first
    assert len(tickets(o311)) == 1
    # The same key with other parameters is refused, not answered with the first request's number.
    status, body = file(o311, {**URGENT, "description": "lain"}, key="app-req-0001")
    assert status == 422 and body[0]["code"] == 422
    # Another key, or none, is another request.
    assert file(o311, URGENT, key="app-req-0002")[1][0]["service_request_id"] != first[1][0]["service_request_id"]
    file(o311, URGENT)
    assert len(tickets(o311)) == 3


def test_a_retry_while_the_first_request_is_still_running_is_409(
    o311: Deployed, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[tuple[int, Any]] = []
    original = open311_service.Open311Service.submit

    def submit_with_a_retry_meanwhile(self: Any, *args: Any) -> Any:
        if not answers:  # the app gives up waiting and retries while this one is still working
            answers.append(file(o311, URGENT, key="app-req-slow"))
        return original(self, *args)

    monkeypatch.setattr(open311_service.Open311Service, "submit", submit_with_a_retry_meanwhile)
    first = file(o311, URGENT, key="app-req-slow")
    assert first[0] == 201
    [(status, body)] = answers
    assert status == 409 and body[0]["code"] == 409 and "Idempotency-Key" in body[0]["description"]
    assert len(tickets(o311)) == 1
    assert file(o311, URGENT, key="app-req-slow") == first  # once it finished: its answer


class InjectedCrash(RuntimeError):
    """Stands for the execution environment dying between two steps."""


def test_a_crash_after_the_ticket_and_before_the_answer_loses_nothing_and_doubles_nothing(
    o311: Deployed, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = Open311Store.record_request
    crashes = iter([True])

    def crash_once(self: Open311Store, *args: Any) -> None:
        if next(crashes, False):
            raise InjectedCrash()
        original(self, *args)

    monkeypatch.setattr(Open311Store, "record_request", crash_once)
    with pytest.raises(InjectedCrash):
        file(o311, URGENT, key="app-req-crash")
    [stored] = tickets(o311)  # the ticket was stored before the crash
    status, body = file(o311, URGENT, key="app-req-crash")  # the app retries with its key
    assert status == 200 and body[0]["service_request_id"] == stored["ticket_no"]
    assert len(tickets(o311)) == 1
    status, listed = call(o311, "GET", "/open311/v2/requests.json", query={"api_key": DEFAULT_API_KEY})
    assert [r["service_request_id"] for r in listed] == [stored["ticket_no"]]


def test_reads_return_only_the_clients_own_requests(o311: Deployed) -> None:
    other_key = keys.issue(Open311Store(o311.env["TABLE_NAME"]), Client("aplikasi-lain", "Aplikasi lain"), utcnow())
    mine = file(o311, URGENT)[1][0]["service_request_id"]
    theirs = file(o311, {**URGENT, "description": "maling motor barusan"}, api_key=other_key)[1][0][
        "service_request_id"
    ]

    listed = call(o311, "GET", "/open311/v2/requests.json", query={"api_key": DEFAULT_API_KEY})[1]
    assert [r["service_request_id"] for r in listed] == [mine]
    assert read(o311, theirs)[0] == 404 and read(o311, mine, api_key=other_key)[0] == 404
    by_id = call(
        o311, "GET", "/open311/v2/requests.json", query={"api_key": other_key, "service_request_id": f"{mine},{theirs}"}
    )[1]
    assert [r["service_request_id"] for r in by_id] == [theirs]
    for filters, expected in (
        ({"status": "closed"}, []),
        ({"status": "open", "service_code": "kecelakaan"}, [mine]),
        ({"service_code": "pencurian"}, []),
        ({"start_date": "2020-01-01T00:00:00Z", "end_date": "2020-02-01T00:00:00Z"}, []),
    ):
        rows = call(o311, "GET", "/open311/v2/requests.json", query={"api_key": DEFAULT_API_KEY, **filters})[1]
        assert [r["service_request_id"] for r in rows] == expected, filters
    status, root = call(o311, "GET", "/open311/v2/requests.xml", query={"api_key": DEFAULT_API_KEY})
    assert status == 200 and [e.text for e in root.iterfind("request/service_request_id")] == [mine]


def test_a_sensitive_ticket_shows_only_its_status(o311: Deployed) -> None:
    report = {
        "service_code": "kdrt_ppa",
        "address_string": "Jl. Kawi, Klojen",
        "description": "Tetangga saya dipukuli suaminya tiap malam, anaknya juga",
    }
    status, body = file(o311, report)
    assert status == 201
    number = body[0]["service_request_id"]
    assert read(o311, number)[1] == [{"service_request_id": number, "status": "open"}]
    listed = call(o311, "GET", "/open311/v2/requests.json", query={"api_key": DEFAULT_API_KEY})[1]
    assert listed == [{"service_request_id": number, "status": "open"}]


def test_bad_input_is_answered_in_open311s_error_format(o311: Deployed) -> None:
    cases: list[tuple[dict[str, str], int, str]] = [
        ({k: v for k, v in URGENT.items()}, 403, "api_key is required"),
    ]
    status, body = call(o311, "POST", "/open311/v2/requests.json", form=URGENT)
    assert (status, body) == (403, [{"code": 403, "description": cases[0][2]}])
    status, body = file(o311, URGENT, api_key="tebakan")
    assert (status, body) == (403, [{"code": 403, "description": "Invalid api_key"}])
    status, root = call(o311, "POST", "/open311/v2/requests.xml", form={"api_key": "tebakan", **URGENT})
    assert status == 403 and root.tag == "errors" and root.findtext("error/code") == "403"
    # A wrong key is 403 even when everything else is wrong too.
    assert call(o311, "POST", "/open311/v2/requests.json", form={"api_key": "tebakan"})[0] == 403
    for params, problem in (
        ({k: v for k, v in URGENT.items() if k != "service_code"}, "service_code (missing)"),
        ({k: v for k, v in URGENT.items() if k not in ("lat", "long")}, "location (missing_location)"),
        ({**URGENT, "lat": "-97.5"}, "lat (greater_than_equal)"),
        ({**URGENT, "long": "212.6"}, "long (less_than_equal)"),
    ):
        status, body = file(o311, params)
        assert status == 400 and problem in body[0]["description"], body
    status, body = call(
        o311,
        "POST",
        "/open311/v2/requests.json",
        form={"api_key": DEFAULT_API_KEY, **URGENT},
        content_type="application/json",
    )
    assert status == 415
    assert call(o311, "GET", "/open311/v2/requests.json")[0] == 403
    assert call(o311, "GET", "/open311/v2/requests/K7M-4QX.json", query={"api_key": "tebakan"})[0] == 403
    assert read(o311, "K7M-4QX")[0] == 404 and read(o311, "bukan-nomor")[0] == 404
    status, body = call(o311, "GET", "/open311/v2/requests.json", query={"api_key": DEFAULT_API_KEY, "status": "x"})
    assert status == 400 and "status" in body[0]["description"]
    assert tickets(o311) == []
    assert open311_service.key_hash(DEFAULT_API_KEY) not in json.dumps(body)


def test_keys_are_issued_once_rotated_and_revoked(o311: Deployed) -> None:
    from scripts import open311_key

    store = Open311Store(o311.env["TABLE_NAME"])
    client = Client("aplikasi-uji", "Aplikasi uji")
    first = keys.issue(store, client, utcnow())
    assert first.startswith("o311_") and len(first) > 40
    items = o311.client("dynamodb").scan(TableName=o311.env["TABLE_NAME"])["Items"]
    assert first not in json.dumps(items)  # only its hash is stored
    assert file(o311, URGENT, api_key=first)[0] == 201
    with pytest.raises(Exception, match="aplikasi-uji"):
        keys.issue(store, client, utcnow())
    second = keys.issue(store, client, utcnow(), rotate=True)
    assert file(o311, URGENT, api_key=first)[0] == 403 and file(o311, URGENT, api_key=second)[0] == 201
    assert open311_key.main(["aplikasi-uji", "--revoke", "--table", o311.env["TABLE_NAME"]]) == 0
    assert file(o311, URGENT, api_key=second)[0] == 403
    assert open311_key.main(["aplikasi-uji", "--revoke", "--table", o311.env["TABLE_NAME"]]) == 1
