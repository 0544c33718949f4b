"""`/api/tickets`: list, show, file, and act on tickets (behind the HTTP API's JWT authorizer)."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from aduan.api import services
from aduan.api.errors import BadRequest, json_response
from aduan.api.models import AssignBody, CallReport, CloseBody, EmptyBody, ListQuery, ResolveBody, TriageBody
from aduan.domain.access import Principal
from aduan.domain.workflow import Action

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]


def _caller() -> Principal:
    return services.caller(router.current_event.request_context.authorizer.jwt_claim)


def _body() -> Any:
    return parse_body(router.current_event.decoded_body)


def parse_body(raw: str | None) -> Any:
    """A request's JSON body (`{}` when empty); 400 `invalid_json` when it is not JSON."""
    raw = raw or ""
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except ValueError:
        raise BadRequest("Isi permintaan bukan JSON yang valid", code="invalid_json") from None


def _query() -> dict[str, Any]:
    """Query parameters; repeated or comma-separated values become lists for the list filters."""
    event = router.current_event
    multi = event.multi_value_query_string_parameters or {}
    single = event.query_string_parameters or {}
    out: dict[str, Any] = {}
    for name, value in single.items():
        values = multi.get(name) or [value]
        if name in ("status", "priority", "channel"):
            out[name] = [v for joined in values for v in joined.split(",") if v]
        else:
            out[name] = values[-1]
    return out


@router.get("")
def list_tickets() -> Response[str]:
    who = _caller()
    return json_response(200, services.desk().list_tickets(who, ListQuery.model_validate(_query())))


@router.post("")
def file_report() -> Response[str]:
    who = _caller()
    status, body = services.desk().file_report(who, CallReport.model_validate(_body()))
    return json_response(status, body)


@router.get("/<ticket_no>")
def show_ticket(ticket_no: str) -> Response[str]:
    who = _caller()
    body = services.desk().show(who, ticket_no)
    # the incident it belongs to now (after officers' merges and splits), for the console's incident panel
    body["incident_id"] = services.incidents().store.incident_of(body["ticket_no"])
    return json_response(200, body)


@router.post("/<ticket_no>/ack")
def acknowledge(ticket_no: str) -> Response[str]:
    who = _caller()
    EmptyBody.model_validate(_body())
    return json_response(200, services.desk().act(who, ticket_no, Action.ACK))


@router.post("/<ticket_no>/assign")
def assign(ticket_no: str) -> Response[str]:
    who = _caller()
    body = AssignBody.model_validate(_body())
    return json_response(200, services.desk().act(who, ticket_no, Action.ASSIGN, assignee=body.officer_id))


@router.post("/<ticket_no>/resolve")
def resolve(ticket_no: str) -> Response[str]:
    who = _caller()
    body = ResolveBody.model_validate(_body())
    return json_response(200, services.desk().act(who, ticket_no, Action.RESOLVE, note=body.note))


@router.post("/<ticket_no>/close")
def close(ticket_no: str) -> Response[str]:
    who = _caller()
    body = CloseBody.model_validate(_body())
    return json_response(200, services.desk().act(who, ticket_no, Action.CLOSE, reason=body.reason, note=body.note))


@router.post("/<ticket_no>/reopen")
def reopen(ticket_no: str) -> Response[str]:
    who = _caller()
    body = EmptyBody.model_validate(_body())
    return json_response(200, services.desk().act(who, ticket_no, Action.REOPEN, note=body.note))


@router.post("/<ticket_no>/triage")
def correct_triage(ticket_no: str) -> Response[str]:
    who = _caller()
    body = TriageBody.model_validate(_body())
    result = services.desk().correct_triage(
        who, ticket_no, category=body.category, priority=body.priority, area=body.area
    )
    return json_response(200, result)
