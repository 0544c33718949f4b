"""The Open311 routes under `/open311/v2/` (a Powertools `Router`), and the services they use.

HttpApi path variables fill whole segments, so the routes take `{file}` (`requests.json`) and read the
suffix (`aduan.open311.formats.split_suffix`). No JWT: the client's API key is the authentication, checked
before anything else a request asks. `discovery` and `services` are public, as in the spec.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from aduan.open311 import formats
from aduan.open311.catalogue import SERVICES
from aduan.open311.errors import NotFound, UnsupportedMediaType, describe
from aduan.open311.formats import Document, Format
from aduan.open311.models import RequestQuery, ServiceRequestForm, idempotency_key, parse_form, parse_query
from aduan.services.open311 import Open311Service

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
PREFIX = "/open311/v2"
CHANGESET = "2026-12-02T00:00:00+07:00"  # when the catalogue or these routes last changed
CONTACT = "Polresta Malang Kota, layanan pengaduan Aduan. Dalam keadaan darurat hubungi 110."
KEY_SERVICE = "Kunci API diberikan oleh pengelola Aduan di Polresta Malang Kota untuk aplikasi mitra."
FORM = "application/x-www-form-urlencoded"


# ---------------------------------------------------------------------------------------- services
@cache
def service() -> Open311Service:
    from datetime import timedelta

    from aduan.adapters.open311_store import Open311Store
    from aduan.api.services import incidents, workflow
    from aduan.ingest import Ingestor
    from aduan.services import settings

    flow = workflow()
    window = timedelta(hours=settings.workflow().thread_window_hours)
    ingestor = Ingestor(flow.tickets, window, incidents=incidents())  # as the 110 call centre's reports
    return Open311Service(Open311Store(settings.workflow().table_name), flow, lambda: ingestor)


@cache
def submitter() -> Any:
    from aduan.open311.idempotency import IdempotentSubmit

    table = os.environ.get("IDEMPOTENCY_TABLE", "")
    if not table:
        raise RuntimeError("environment variable IDEMPOTENCY_TABLE is not set (see template.yaml)")
    return IdempotentSubmit(service(), table)


def reset() -> None:
    for built in (service, submitter):
        built.cache_clear()


# ---------------------------------------------------------------------------------------- responses
def answer(document: Document, fmt: Format, status: int = 200) -> Response[str]:
    return Response(
        status_code=status,
        content_type=formats.CONTENT_TYPES[fmt],
        body=formats.render(document, fmt),
        headers={"Cache-Control": "no-store"},
    )


def error_answer(exc: Exception, path: str) -> Response[str]:
    """An error in Open311's format, in the format the resource asked for (XML when it cannot be told)."""
    status, description = describe(exc)
    suffix = path.rsplit("/", 1)[-1].rpartition(".")[2].lower()
    fmt = Format.JSON if suffix == Format.JSON.value else Format.XML
    response = answer(formats.errors(status, description), fmt, status)
    if status == 503:
        response.headers["Retry-After"] = "1"
    return response


def _query() -> dict[str, str]:
    return parse_query(router.current_event.raw_query_string or "")


def _client(params: dict[str, str]) -> Any:
    return service().authenticate(params.get("api_key"))


# ---------------------------------------------------------------------------------------- routes
@router.get("/<file>")
def top_level(file: str) -> Response[str]:
    name, fmt = formats.split_suffix(file)
    if name == "discovery":
        return answer(_discovery(), fmt)
    if name == "services":
        return answer(Document("services", [_service(code) for code in SERVICES]), fmt)
    if name == "requests":
        params = _query()
        client = _client(params)
        query = RequestQuery.model_validate(params)
        return answer(formats.service_requests(service().requests(client, query)), fmt)
    raise NotFound("Unknown resource")


@router.get("/services/<file>")
def service_definition(file: str) -> Response[str]:
    code, fmt = formats.split_suffix(file)
    if code not in SERVICES:
        raise NotFound("service_code not found")
    # No service declares attributes (metadata false): the definition says so with an empty list.
    return answer(Document("service_definition", {"service_code": code, "attributes": []}), fmt)


@router.get("/requests/<file>")
def one_request(file: str) -> Response[str]:
    wanted, fmt = formats.split_suffix(file)
    client = _client(_query())
    return answer(formats.service_requests([service().request(client, wanted)]), fmt)


@router.post("/<file>")
def create_request(file: str) -> Response[str]:
    name, fmt = formats.split_suffix(file)
    if name != "requests":
        raise NotFound("Unknown resource")
    event = router.current_event
    media = (event.headers.get("content-type") or "").split(";")[0].strip().lower()
    body = event.decoded_body or ""
    params = parse_form(body.encode("utf-8") if isinstance(body, str) else body) if body else {}
    if not params.get("api_key"):
        params.setdefault("api_key", _query().get("api_key", ""))
    client = _client(params)  # the key first: a stranger learns nothing about what else is wrong
    if body and media != FORM:
        raise UnsupportedMediaType(f"Send the parameters as {FORM}")
    form = ServiceRequestForm.model_validate(params)
    key = idempotency_key(event.headers.get("idempotency-key"))
    result = submitter()(client, form, key, router.lambda_context)
    document = formats.service_requests(
        [
            {
                "service_request_id": result["service_request_id"],
                "service_notice": result["service_notice"],
                "account_id": None,
            }
        ]
    )
    return answer(document, fmt, int(result["status"]))


def _discovery() -> Document:
    event = router.current_event
    host = event.headers.get("host") or event.request_context.domain_name
    proto = (event.headers.get("x-forwarded-proto") or "https").split(",")[0].strip()
    return formats.discovery(
        f"{proto}://{host}{PREFIX}",
        production=os.environ.get("STAGE") == "prod",
        changeset=CHANGESET,
        contact=CONTACT,
        key_service=KEY_SERVICE,
    )


def _service(code: str) -> dict[str, Any]:
    s = SERVICES[code]
    return {
        "service_code": s.code,
        "service_name": s.name,
        "description": s.description,
        "metadata": False,
        "type": "realtime",
        "keywords": ", ".join(s.keywords),
        "group": s.group,
    }
