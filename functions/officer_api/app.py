"""Officer API: `/api/tickets...`, `/api/incidents...` (JWT authorizer, Cognito user pool) and the `/a/<token>`
ack page.

One Powertools resolver, one router per resource (`aduan.api.tickets`, `aduan.api.replies`,
`aduan.api.incidents`, `aduan.api.roster`, `aduan.api.ack_pages`), every error mapped to a response in one place
(`aduan.api.errors`).
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.metrics import MetricUnit
from pydantic import ValidationError

from aduan.api import ack_pages, evidence, incidents, overview, replies, roster, tickets
from aduan.api.errors import ERROR_STATUS, error_response

logger = Logger(service="aduan-officer-api")
metrics = Metrics()
tracer = Tracer()
app = APIGatewayHttpResolver()
app.include_router(tickets.router, prefix="/api/tickets")
app.include_router(replies.router, prefix="/api/tickets")
app.include_router(evidence.router, prefix="/api/tickets")
app.include_router(incidents.ticket_router, prefix="/api/tickets")
app.include_router(incidents.router, prefix="/api/incidents")
app.include_router(roster.router, prefix="/api/roster")
app.include_router(ack_pages.router, prefix="/a")
app.include_router(overview.router, prefix="/api/overview")


@app.exception_handler([ValidationError, *(kind for kind, _ in ERROR_STATUS)])  # type: ignore[untyped-decorator]
def handle_error(exc: Exception) -> Response[str]:
    # The error's class and code only: messages can carry what a caller sent.
    logger.info("request refused", extra={"error": type(exc).__name__, "code": getattr(exc, "code", None)})
    return error_response(exc)


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    response = app.resolve(event, context)
    metrics.add_metric(name=f"OfficerApi{response['statusCode'] // 100}xx", unit=MetricUnit.Count, value=1)
    return response
