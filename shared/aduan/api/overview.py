"""`GET /api/overview`: open and overdue tickets per unit, median time to acknowledge today (the console's
overview page). Counts and durations only, filtered to the tickets the caller may see."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from aduan.api import services
from aduan.api.errors import json_response
from aduan.services.overview import OverviewService

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]


def service() -> OverviewService:
    """Cheap to build: the DynamoDB client is the process's shared one (`aduan.aws`)."""
    from aduan.services import settings
    from aduan.services.overview import QueueReader

    return OverviewService(QueueReader(settings.workflow().table_name), services.workflow().clock)


@router.get("")
def show_overview() -> Response[str]:
    who = services.caller(router.current_event.request_context.authorizer.jwt_claim)
    return json_response(200, service().build(who))
