"""`POST /api/tickets/{ticket_no}/reply`: an officer's own message to the citizen, on the channel they wrote on.

Authorised like every other ticket action (whoever may act on the ticket). The reply is an audit item
(`ticket.officer_reply`, with the text); the trail's stream publishes it and the replier sends it, with the
same window rules, retries and exactly-once ledger as every other reply. The answer is 202: accepted, sent
shortly (what happened to it shows in the ticket's audit trail as `ticket.replied`).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter
from pydantic import BaseModel, ConfigDict, StringConstraints

from aduan.api import services
from aduan.api.errors import BadRequest, json_response

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]

MAX_REPLY_CHARS = 900  # fits every platform's limit with the ticket number in front (Instagram: 1000)


class ReplyBody(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, frozen=True)

    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_REPLY_CHARS)]


def _body() -> Any:
    raw = router.current_event.decoded_body or ""
    try:
        return json.loads(raw) if raw.strip() else {}
    except ValueError:
        raise BadRequest("Isi permintaan bukan JSON yang valid", code="invalid_json") from None


@router.post("/<ticket_no>/reply")
def reply(ticket_no: str) -> Response[str]:
    who = services.caller(router.current_event.request_context.authorizer.jwt_claim)
    body = ReplyBody.model_validate(_body())
    from aduan.services.officer_replies import officer_reply

    return json_response(202, officer_reply(services.workflow(), who, ticket_no, body.text))
