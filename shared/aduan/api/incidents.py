"""`/api/incidents`: an incident with all its reports across channels, and the officers' merge,
acknowledgement and resolution of a whole incident; `/api/tickets/<no>/split` takes one ticket out of its
incident. Every change is audited on the incident (and acting on an incident is one audited transition per
ticket, so each citizen's reply follows their own ticket)."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter
from pydantic import BaseModel, ConfigDict, StringConstraints

from aduan.api import services
from aduan.api.errors import BadRequest, json_response
from aduan.api.models import EmptyBody, ResolveBody
from aduan.domain.access import Principal
from aduan.domain.workflow import Action, Forbidden, NotFound, Subject
from aduan.services.officer import ticket_no_of

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
ticket_router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]
_ID_RE = re.compile(r"^IN-[0-9A-Z]{4}-[0-9A-Z]{4}$")
IncidentId = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=_ID_RE.pattern)]


class MergeBody(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, frozen=True)
    incident_id: IncidentId  # the incident whose reports move into this one (it is closed)


def _caller(r: APIGatewayHttpRouter) -> Principal:
    return services.caller(r.current_event.request_context.authorizer.jwt_claim)


def _body(r: APIGatewayHttpRouter) -> Any:
    raw = r.current_event.decoded_body or ""
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except ValueError:
        raise BadRequest("Isi permintaan bukan JSON yang valid", code="invalid_json") from None


def _id(value: str) -> str:
    value = value.strip().upper()
    if not _ID_RE.match(value):
        raise NotFound("Insiden tidak ditemukan", details={"incident_id": value[:20]})
    return value


def _may_act(who: Principal, incident_id: str) -> None:
    incident, _bucket, _members = services.incidents().load(incident_id)
    if not who.may_act(incident.category, incident.area):
        raise Forbidden("Anda tidak berwenang menangani insiden ini")


@router.get("/<incident_id>")
def show_incident(incident_id: str) -> Response[str]:
    who = _caller(router)
    view = services.incidents().view(_id(incident_id))
    if not who.may_see(view["area"]):
        raise Forbidden("Anda tidak berwenang membuka insiden ini")
    return json_response(200, _with_status(view))


def _with_status(view: dict[str, Any]) -> dict[str, Any]:
    """Each report's current workflow status (`baru` ... `ditutup`), for the console's list of reports."""
    store = services.workflow().store
    for ticket in view["tickets"]:
        state = store.get(Subject.ticket(ticket["ticket_no"]))
        ticket["status"] = state.status.value if state else None
    return view


@router.post("/<incident_id>/merge")
def merge(incident_id: str) -> Response[str]:
    who = _caller(router)
    body = MergeBody.model_validate(_body(router))
    target = _id(incident_id)
    _may_act(who, target)
    _may_act(who, body.incident_id)
    return json_response(200, _with_status(services.incidents().merge(target, body.incident_id, who.officer_id)))


@router.post("/<incident_id>/ack")
def acknowledge(incident_id: str) -> Response[str]:
    who = _caller(router)
    EmptyBody.model_validate(_body(router))
    return json_response(200, _act(who, _id(incident_id), Action.ACK, None))


@router.post("/<incident_id>/resolve")
def resolve(incident_id: str) -> Response[str]:
    who = _caller(router)
    body = ResolveBody.model_validate(_body(router))
    return json_response(200, _act(who, _id(incident_id), Action.RESOLVE, body.note))


def _act(who: Principal, incident_id: str, action: Action, note: str | None) -> dict[str, Any]:
    _may_act(who, incident_id)
    workflow = services.workflow()

    def run(ticket_no: str) -> str:
        return workflow.act(ticket_no, action, actor=who.officer_id, note=note).state.status.value

    return services.incidents().act(incident_id, action, who.officer_id, run)


@ticket_router.post("/<ticket_no>/split")
def split(ticket_no: str) -> Response[str]:
    who = _caller(ticket_router)
    EmptyBody.model_validate(_body(ticket_router))
    number = ticket_no_of(ticket_no)
    incident_id = services.incidents().store.incident_of(number)
    if incident_id is None:
        raise NotFound("Tiket tidak termasuk insiden mana pun", details={"ticket_no": number})
    _may_act(who, incident_id)
    result = services.incidents().split(number, who.officer_id)
    _with_status(result["incident"])
    return json_response(200, result)
