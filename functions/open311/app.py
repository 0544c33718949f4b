"""Open311 GeoReport v2 for the police app, under `/open311/v2/` (API key per client, no JWT).

One Powertools resolver with one router (`aduan.open311.api`); every error answered in Open311's error
format in one place (`aduan.open311.errors`).
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.metrics import MetricUnit

from aduan.open311 import api
from aduan.open311.errors import HANDLED, NotFound

logger = Logger(service="aduan-open311")
metrics = Metrics()
tracer = Tracer()
app = APIGatewayHttpResolver()
app.include_router(api.router, prefix=api.PREFIX)


@app.exception_handler(list(HANDLED))  # type: ignore[untyped-decorator]
def handle_error(exc: Exception) -> Response[str]:
    # The error's class only: descriptions and messages can carry what a client sent.
    logger.info("request refused", extra={"error": type(exc).__name__})
    return api.error_answer(exc, app.current_event.path)


@app.not_found  # type: ignore[untyped-decorator]
def not_found(_: Exception) -> Response[str]:
    return api.error_answer(NotFound("Unknown resource"), app.current_event.path)


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    response = app.resolve(event, context)
    metrics.add_metric(name=f"Open311Api{response['statusCode'] // 100}xx", unit=MetricUnit.Count, value=1)
    return response
