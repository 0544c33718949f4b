"""`/api/roster`: `pimpinan` list, add, change and disable officers; the user pool follows every change."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from aduan.alerts import UNIT_NAMES
from aduan.api import services
from aduan.api.errors import json_response
from aduan.api.models import RosterBody, RosterPatch
from aduan.api.tickets import parse_body
from aduan.domain.access import Principal
from aduan.domain.roster import Role
from aduan.models import Officer

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]


def _caller() -> Principal:
    return services.caller(router.current_event.request_context.authorizer.jwt_claim)


@router.get("")
def list_roster() -> Response[str]:
    who = _caller()
    query = router.current_event.query_string_parameters or {}
    unit = query.get("unit")
    entries = services.roster().listing(who, unit if unit in UNIT_NAMES else None, query.get("active") != "true")
    return json_response(200, {"officers": entries})


@router.post("")
def add_officer() -> Response[str]:
    who = _caller()
    body = RosterBody.model_validate(parse_body(router.current_event.decoded_body))
    doc = body.model_dump(exclude={"role"})
    doc["unit_name"] = body.unit_name or UNIT_NAMES[body.unit]
    outcome = services.roster().add(who, Officer.model_validate(doc), Role(body.role))
    return json_response(201 if outcome.changed else 200, outcome.as_dict())


@router.get("/<officer_id>")
def show_officer(officer_id: str) -> Response[str]:
    who = _caller()
    return json_response(200, services.roster().get(who, officer_id))


@router.patch("/<officer_id>")
def change_officer(officer_id: str) -> Response[str]:
    who = _caller()
    body = RosterPatch.model_validate(parse_body(router.current_event.decoded_body))
    update = body.model_dump(exclude_unset=True, mode="json")
    outcome = services.roster().change(who, officer_id, update)
    return json_response(200, outcome.as_dict())


@router.delete("/<officer_id>")
def disable_officer(officer_id: str) -> Response[str]:
    who = _caller()
    return json_response(200, services.roster().disable(who, officer_id).as_dict())
