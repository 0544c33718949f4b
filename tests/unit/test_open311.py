"""Open311 GeoReport v2, the pure parts: documents in XML and JSON, suffixes, parameters, the error table,
and the public resources (discovery, services) through the function's handler (no AWS call needed)."""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree

import pytest
from pydantic import ValidationError

from aduan.open311 import formats
from aduan.open311.catalogue import SENSITIVE, SERVICES
from aduan.open311.errors import BadRequest, NotFound, PayloadTooLarge, describe
from aduan.open311.formats import Document, Format
from aduan.open311.models import RequestQuery, ServiceRequestForm, idempotency_key, parse_form
from aduan.triage import CATEGORIES
from devstack.api import Router, build_http_event
from devstack.cfn import Stack, load_template


class Context:
    function_name = "Open311Function"
    memory_limit_in_mb = 1024
    invoked_function_arn = "arn:aws:lambda:ap-southeast-3:123456789012:function:Open311Function"
    aws_request_id = "unit"

    def get_remaining_time_in_millis(self) -> int:
        return 10_000


@pytest.fixture(scope="module")
def router() -> Router:
    return Router(route for spec in Stack(load_template()).functions() for route in spec.routes)


def call(router: Router, method: str, path: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setenv("POWERTOOLS_TRACE_DISABLED", "1")
    monkeypatch.setenv("STAGE", "dev")
    monkeypatch.setenv("POWERTOOLS_METRICS_NAMESPACE", "Aduan")
    from functions.open311 import app

    match = router.match(method, path)
    assert match is not None and match.route.function == "Open311Function"
    event = build_http_event(
        method=method, raw_path=path, raw_query="", headers=[("host", "127.0.0.1:3000")], body=b"", match=match
    )
    response = app.lambda_handler(event, Context())
    return response["statusCode"], response["headers"]["Content-Type"], response["body"]


def parse_xml(text: str) -> ElementTree.Element:
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n')
    return ElementTree.fromstring(text.encode("utf-8"))  # noqa: S314 - our own answer


# ---------------------------------------------------------------------------------------- catalogue
def test_every_triage_category_is_a_service_named_in_bahasa_indonesia() -> None:
    assert list(SERVICES) == list(CATEGORIES)
    assert SERVICES["kecelakaan"].name == "Kecelakaan lalu lintas"
    assert {"kdrt_ppa", "pengaduan_petugas"} == SENSITIVE
    assert all(s.name and s.description and s.group for s in SERVICES.values())


# ---------------------------------------------------------------------------------------- formats
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("requests.json", ("requests", Format.JSON)),
        ("requests.xml", ("requests", Format.XML)),
        ("K7M-4QX.JSON", ("K7M-4QX", Format.JSON)),
        ("discovery.xml", ("discovery", Format.XML)),
    ],
)
def test_suffix_chooses_the_format(name: str, expected: tuple[str, Format]) -> None:
    assert formats.split_suffix(name) == expected


@pytest.mark.parametrize("name", ["requests", "requests.csv", ".json", "requests.", "requests.json.gz"])
def test_no_or_another_suffix_is_not_a_resource(name: str) -> None:
    with pytest.raises(NotFound):
        formats.split_suffix(name)


def test_a_list_document_in_xml_and_json() -> None:
    rows = [{"service_request_id": "K7M-4QX", "service_notice": "a < b & c", "account_id": None, "lat": -7.95}]
    document = formats.service_requests(rows)
    root = parse_xml(formats.render(document, Format.XML))
    assert root.tag == "service_requests"
    [request] = list(root)
    assert request.tag == "request"
    assert [child.tag for child in request] == ["service_request_id", "service_notice", "account_id", "lat"]
    assert request.findtext("service_notice") == "a < b & c"
    assert request.find("account_id") is not None and request.findtext("account_id") == ""
    assert request.findtext("lat") == "-7.95"
    assert json.loads(formats.render(document, Format.JSON)) == rows


def test_booleans_nested_lists_and_characters_xml_cannot_carry() -> None:
    document = Document("services", [{"service_code": "x\x00y", "metadata": False, "formats": ["text/xml"]}])
    root = parse_xml(formats.render(document, Format.XML))
    service = root.find("service")
    assert service is not None
    assert service.findtext("service_code") == "xy"
    assert service.findtext("metadata") == "false"
    assert [f.text for f in service.iterfind("formats/format")] == ["text/xml"]


def test_errors_document_is_open311s_error_format() -> None:
    document = formats.errors(403, "Invalid api_key")
    assert json.loads(formats.render(document, Format.JSON)) == [{"code": 403, "description": "Invalid api_key"}]
    root = parse_xml(formats.render(document, Format.XML))
    assert root.tag == "errors"
    assert [(e.findtext("code"), e.findtext("description")) for e in root.iterfind("error")] == [
        ("403", "Invalid api_key")
    ]


# ---------------------------------------------------------------------------------------- parameters
def form(**overrides: Any) -> dict[str, str]:
    base = {"service_code": "kecelakaan", "lat": "-7.95", "long": "112.62", "description": "ada tabrakan"}
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def test_a_valid_form() -> None:
    parsed = ServiceRequestForm.model_validate(form(phone="+62 812-3456-7890", email="warga@example.id"))
    assert (parsed.lat, parsed.lon, parsed.service_code) == (-7.95, 112.62, "kecelakaan")
    assert ServiceRequestForm.model_validate(form(lat=None, long=None, address_string="Jl. Ijen")).lat is None


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"service_code": None}, "service_code (missing)"),
        ({"service_code": "jalan_berlubang"}, "service_code (unknown_service_code)"),
        ({"lat": None, "long": None}, "location (missing_location)"),
        ({"long": None}, "location (lat_and_long)"),
        ({"lat": "91"}, "lat (less_than_equal)"),
        ({"long": "-180.5"}, "long (greater_than_equal)"),
        ({"lat": "nan"}, "lat"),
        ({"lat": "utara"}, "lat (float_parsing)"),
        ({"phone": "call me"}, "phone (phone)"),
        ({"email": "no-at-sign"}, "email (email)"),
        ({"media_url": "javascript:alert(1)"}, "media_url (url)"),
        ({"description": "x" * 4001}, "description (string_too_long)"),
    ],
)
def test_invalid_forms_name_the_parameter_never_the_value(overrides: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ServiceRequestForm.model_validate(form(**overrides))
    status, description = describe(caught.value)
    assert status == 400 and problem in description
    for value in overrides.values():
        if value and len(value) > 3:
            assert value not in description


def test_form_bodies() -> None:
    assert parse_form(b"service_code=kecelakaan&description=ada+tabrakan%21&email=") == {
        "service_code": "kecelakaan",
        "description": "ada tabrakan!",
    }
    with pytest.raises(BadRequest):
        parse_form(b"lat=1&lat=2")
    with pytest.raises(BadRequest):
        parse_form(b"description=%ff%fe")
    with pytest.raises(PayloadTooLarge):
        parse_form(b"description=" + b"x" * 70_000)


def test_idempotency_keys() -> None:
    assert idempotency_key(None) is None and idempotency_key("") is None
    assert idempotency_key("app-7f3c:2026-12-02") == "app-7f3c:2026-12-02"
    for bad in ("with space", "x" * 256, "kunci\u00e9"):
        with pytest.raises(BadRequest):
            idempotency_key(bad)


def test_request_filters() -> None:
    query = RequestQuery.model_validate(
        {"service_request_id": "K7M-4QX, H2R-9PT", "status": "open,closed", "start_date": "2026-12-01T00:00:00Z"}
    )
    assert query.service_request_id == ("K7M-4QX", "H2R-9PT") and query.status == ("open", "closed")
    for bad in ({"status": "pending"}, {"start_date": "2026-12-01T00:00:00"}, {"service_code": "x"}):
        with pytest.raises(ValidationError):
            RequestQuery.model_validate(bad)
    with pytest.raises(ValidationError):
        RequestQuery.model_validate({"start_date": "2026-12-02T00:00:00Z", "end_date": "2026-12-01T00:00:00Z"})


# ---------------------------------------------------------------------------------------- public resources
def test_services_in_xml_and_json(router: Router, monkeypatch: pytest.MonkeyPatch) -> None:
    status, content_type, body = call(router, "GET", "/open311/v2/services.xml", monkeypatch)
    assert status == 200 and content_type == "text/xml; charset=utf-8"
    services = parse_xml(body).findall("service")
    assert [s.findtext("service_code") for s in services] == list(CATEGORIES)
    first = services[0]
    assert first.findtext("service_name") == "Kecelakaan lalu lintas"
    assert (first.findtext("metadata"), first.findtext("type")) == ("false", "realtime")
    status, content_type, body = call(router, "GET", "/open311/v2/services.json", monkeypatch)
    assert status == 200 and content_type == "application/json; charset=utf-8"
    assert [s["service_code"] for s in json.loads(body)] == list(CATEGORIES)
    assert json.loads(body)[0]["metadata"] is False


def test_service_definition_declares_no_attributes(router: Router, monkeypatch: pytest.MonkeyPatch) -> None:
    status, _, body = call(router, "GET", "/open311/v2/services/pencurian.json", monkeypatch)
    assert status == 200 and json.loads(body) == {"service_code": "pencurian", "attributes": []}
    status, _, body = call(router, "GET", "/open311/v2/services/pencurian.xml", monkeypatch)
    root = parse_xml(body)
    assert root.tag == "service_definition" and root.find("attributes") is not None
    status, _, body = call(router, "GET", "/open311/v2/services/jalan_berlubang.json", monkeypatch)
    assert status == 404 and json.loads(body)[0]["code"] == 404


def test_discovery_document(router: Router, monkeypatch: pytest.MonkeyPatch) -> None:
    status, _, body = call(router, "GET", "/open311/v2/discovery.json", monkeypatch)
    assert status == 200
    [endpoint] = json.loads(body)["endpoints"]
    assert endpoint["url"] == "http://127.0.0.1:3000/open311/v2"
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["formats"] == ["text/xml", "application/json"] and endpoint["type"] == "test"
    status, _, body = call(router, "GET", "/open311/v2/discovery.xml", monkeypatch)
    root = parse_xml(body)
    assert root.tag == "discovery" and root.findtext("endpoints/endpoint/type") == "test"
    assert [f.text for f in root.iterfind("endpoints/endpoint/formats/format")] == ["text/xml", "application/json"]


def test_unknown_resources_and_formats_are_404_in_the_format_asked(
    router: Router, monkeypatch: pytest.MonkeyPatch
) -> None:
    status, _, body = call(router, "GET", "/open311/v2/tokens.json", monkeypatch)
    assert status == 404 and json.loads(body)[0]["code"] == 404
    status, content_type, body = call(router, "GET", "/open311/v2/services.csv", monkeypatch)
    assert status == 404 and content_type.startswith("text/xml")
    assert parse_xml(body).findtext("error/code") == "404"


# ---------------------------------------------------------------------------------------- what a client sees
def workflow_state(**overrides: Any) -> Any:
    from datetime import UTC, datetime, timedelta

    from aduan.adapters.workflow_store import WorkflowState
    from aduan.domain.workflow import Subject
    from aduan.models import TicketStatus

    created = datetime(2026, 12, 2, 3, 15, 4, tzinfo=UTC)
    values: dict[str, Any] = {
        "subject": Subject.ticket("K7M-4QX"),
        "status": TicketStatus.BARU,
        "priority": "darurat",
        "category": "kecelakaan",
        "area": "lowokwaru",
        "channel": "app",
        "sensitive": False,
        "unit": "lowokwaru",
        "created_at": created,
        "clock_started_at": created,
        "ack_due_at": created + timedelta(minutes=5),
        "resolve_due_at": created + timedelta(hours=2),
        "step": 0,
        "escalation_due": None,
        "acknowledged_by": None,
        "acknowledged_at": None,
        "assignee": None,
        "updated_at": created,
        "finished_at": None,
        "version": 1,
    }
    values.update(overrides)
    return WorkflowState(**values)


def test_a_request_row_is_the_tickets_public_face() -> None:
    from aduan.services.open311 import request_row

    row = request_row(workflow_state(), -7.942512, 112.613549)
    assert row == {
        "service_request_id": "K7M-4QX",
        "status": "open",
        "status_notes": "Laporan sudah masuk dan menunggu petugas.",
        "service_name": "Kecelakaan lalu lintas",
        "service_code": "kecelakaan",
        "agency_responsible": "Polsek Lowokwaru",
        "requested_datetime": "2026-12-02T10:15:04+07:00",
        "updated_datetime": "2026-12-02T10:15:04+07:00",
        "expected_datetime": "2026-12-02T12:15:04+07:00",
        "address": "Kecamatan Lowokwaru, Kota Malang",
        "lat": -7.94,
        "long": 112.61,
    }


def test_closed_unknown_area_and_sensitive_rows() -> None:
    from aduan.models import TicketStatus
    from aduan.services.open311 import request_row

    done = request_row(workflow_state(status=TicketStatus.SELESAI, area=None), None, None)
    assert done["status"] == "closed" and done["agency_responsible"] == "Polresta Malang Kota"
    assert "address" not in done and "lat" not in done
    outside = request_row(workflow_state(status=TicketStatus.DITUTUP, area="luar_kota"), None, None)
    assert outside["status"] == "closed" and outside["address"] == "Luar Kota Malang"
    assert outside["agency_responsible"] == "Polresta Malang Kota"
    for state in (workflow_state(category="pengaduan_petugas"), workflow_state(sensitive=True)):
        assert request_row(state, -7.9, 112.6) == {"service_request_id": "K7M-4QX", "status": "open"}


def test_the_app_message_carries_the_service_the_place_and_the_contact() -> None:
    from datetime import UTC, datetime

    from aduan.adapters.open311_store import Client
    from aduan.services.open311 import app_message, request_key

    client = Client("jogo-malang-presisi", "Jogo")
    parsed = ServiceRequestForm.model_validate(
        form(lat=None, long=None, address_string="Jl. Ijen depan gereja", phone="0812 3456 789", first_name="Ani")
    )
    key = request_key(client, "app-1")
    assert key == request_key(client, "app-1") != request_key(Client("lain", "Lain"), "app-1")
    assert request_key(client, None) != request_key(client, None)
    message = app_message(client, parsed, key, datetime(2026, 12, 2, tzinfo=UTC))
    assert message.text == "ada tabrakan\nLokasi: Jl. Ijen depan gereja\n(Pilihan aplikasi: Kecelakaan lalu lintas)"
    assert message.location is None and message.conversation_key == f"app#open311:jogo-malang-presisi:{key}"
    assert (message.citizen.display_name, message.citizen.phone) == ("Ani", "0812 3456 789")
    assert message.dedup_key == f"app#{key}"


def test_the_sample_lambda_event_lists_the_services(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support import load_event

    monkeypatch.setenv("POWERTOOLS_TRACE_DISABLED", "1")
    monkeypatch.setenv("POWERTOOLS_METRICS_NAMESPACE", "Aduan")
    from functions.open311 import app

    response = app.lambda_handler(load_event("lambda/open311_services.json"), Context())
    assert response["statusCode"] == 200
    assert len(parse_xml(response["body"]).findall("service")) == len(SERVICES)
