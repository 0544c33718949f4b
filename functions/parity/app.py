"""Parity and channel health: the Lambda entry points (one template function each, least privilege each).

- `api`: `GET /api/parity`, `/api/parity.csv`, `/api/channels/health` (JWT; `pimpinan`, `piket`).
- `first_sight`: the engagement queue (ticket-events topic, `ticket.created`): schedule a public report's
  engagement samples and take the first.
- `sample`: every 5 minutes, the samples due (1 h, 24 h).
- `watch`: every 5 minutes, silence and CRC checks; `check_platforms`: every hour, subscriptions and tokens.
- `daily`: the rolling 30-day parity report, stored for the API (`aduan.adapters.parity_store`), and its ratio
  as the `ParityRatio` metric (alarm above 1.2).

See `aduan.services.engagement`, `aduan.services.watchdog`, `aduan.services.parity`.
"""

from __future__ import annotations

import json
import os
from functools import cache
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit

if TYPE_CHECKING:
    from aws_lambda_powertools.event_handler import APIGatewayHttpResolver
    from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

    from aduan.services.engagement import EngagementSampler
    from aduan.services.watchdog import Finding, Watchdog

logger = Logger()
metrics = Metrics()


def _table() -> str:
    name = os.environ.get("TABLE_NAME", "")
    if not name:
        raise RuntimeError("environment variable TABLE_NAME is not set (see template.yaml)")
    return name


def _speedup() -> float:
    return float(os.environ.get("SLA_SPEEDUP", "1") or 1)


# ---------------------------------------------------------------------------------------------------- API
@cache
def _resolver() -> APIGatewayHttpResolver:
    from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response

    from aduan.api import parity
    from aduan.api.errors import ERROR_STATUS, error_response

    app = APIGatewayHttpResolver()
    app.include_router(parity.router, prefix="/api")

    @app.exception_handler([kind for kind, _ in ERROR_STATUS])  # type: ignore[untyped-decorator]
    def handle_error(exc: Exception) -> Response[str]:
        logger.info("request refused", extra={"error": type(exc).__name__, "code": getattr(exc, "code", None)})
        return error_response(exc)

    return app


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def api(event: dict[str, Any], context: Any) -> dict[str, Any]:
    response: dict[str, Any] = _resolver().resolve(event, context)
    metrics.add_metric(name=f"ParityApi{response['statusCode'] // 100}xx", unit=MetricUnit.Count, value=1)
    return response


# ---------------------------------------------------------------------------------------------------- engagement
@cache
def _sampler() -> EngagementSampler:
    from aduan.adapters.engagement_store import EngagementStore
    from aduan.models import utcnow
    from aduan.services.engagement import EngagementSampler
    from aduan.services.watchdog import _pairs
    from aduan.store import TicketStore

    params = _pairs(os.environ.get("ACCESS_TOKEN_PARAMS", ""))

    def token(channel: str) -> str | None:
        from aws_lambda_powertools.utilities import parameters

        name = params.get(channel)
        if not name:
            return None
        try:
            return str(parameters.get_parameter(name, decrypt=True, max_age=300)) or None
        except parameters.exceptions.GetParameterError:
            return None

    return EngagementSampler(EngagementStore(_table()), TicketStore(_table()), token, utcnow, speedup=_speedup())


def _count(name: str, dimensions: dict[str, str], value: float) -> None:
    """One metric with its own dimensions (not the function's `service` set)."""
    from aws_lambda_powertools.metrics import single_metric

    namespace = os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "Aduan")
    with single_metric(name=name, unit=MetricUnit.Count, value=value, namespace=namespace) as metric:
        for key, dimension in dimensions.items():
            metric.add_dimension(name=key, value=dimension)


def _first_sight_record(record: SQSRecord) -> None:
    attributes = record.raw_event.get("messageAttributes") or {}
    if (attributes.get("source") or {}).get("stringValue") == "audit":
        return  # the tracker's copy of ticket.created (for receipts); the notifier's carries the ticket's facts
    body = json.loads(record.body)
    if isinstance(body, dict) and body.get("Type") == "Notification" and "Message" in body:
        body = json.loads(body["Message"])  # a subscription without raw delivery
    event = body if isinstance(body, dict) else {}
    if event.get("type") == "ticket.created" and event.get("priority"):
        _count("TicketsCreated", {"priority": str(event["priority"])}, 1)  # the dashboard's tickets per priority
    outcome = _sampler().first_sight(event)
    metrics.add_metric(name=f"EngagementFirstSight_{outcome}", unit=MetricUnit.Count, value=1)
    logger.info("first sight", extra={"outcome": outcome, "ticket_no": body.get("ticket_no")})


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def first_sight(event: dict[str, Any], context: Any) -> PartialItemFailureResponse:
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

    processor = BatchProcessor(event_type=EventType.SQS)
    return process_partial_response(
        event=event, record_handler=_first_sight_record, processor=processor, context=context
    )


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def sample(event: dict[str, Any], context: Any) -> dict[str, Any]:
    result = _sampler().sweep()
    for name, value in (
        ("EngagementSamplesDue", result.due),
        ("EngagementSamples", result.taken),
        ("EngagementGone", result.gone),
        ("EngagementRefused", result.refused),
        ("EngagementDeferred", result.deferred),
    ):
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=value)
    return {"due": result.due, "taken": result.taken, "refused": result.refused, "deferred": result.deferred}


# ---------------------------------------------------------------------------------------------------- watchdog
def _watchdog() -> Watchdog:
    """Built per run (every 5 minutes, every hour: nothing to save by keeping it; settings stay current)."""
    from aduan import aws
    from aduan.services.watchdog import from_environment

    topic = os.environ.get("OPS_TOPIC_ARN", "")

    def announce(subject: str, message: str) -> None:
        if topic:
            aws.client("sns").publish(TopicArn=topic, Subject=subject, Message=message)

    return from_environment(announce=announce)


def _emit(findings: list[Finding]) -> dict[str, int]:
    """Aggregate figures for the alarms (one metric per check) and one per channel for the dashboard."""
    failing: dict[str, int] = {}
    for finding in findings:
        check = finding.verdict.check.value
        failing[check] = failing.get(check, 0) + int(finding.verdict.failing)
        _count("ChannelCheckFailing", {"channel": finding.channel, "check": check}, int(finding.verdict.failing))
        if finding.changed:
            log = logger.warning if finding.verdict.failing else logger.info
            log(
                "channel check changed",
                extra={
                    "channel": finding.channel,
                    "check": check,
                    "failing": finding.verdict.failing,
                    "detail": finding.verdict.detail,
                },
            )
    names = {
        "silence": "SilentChannels",
        "crc": "CrcOverdue",
        "token": "TokensNearExpiry",
        "subscription": "InactiveSubscriptions",
    }
    for check, count in failing.items():
        metrics.add_metric(name=names[check], unit=MetricUnit.Count, value=count)
    return failing


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def watch(event: dict[str, Any], context: Any) -> dict[str, int]:
    return _emit(_watchdog().watch())


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def check_platforms(event: dict[str, Any], context: Any) -> dict[str, int]:
    return _emit(_watchdog().check_platforms())


# ---------------------------------------------------------------------------------------------------- daily parity
@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def daily(event: dict[str, Any], context: Any) -> dict[str, Any]:
    from aduan.adapters.parity_store import ParityStore
    from aduan.models import utcnow
    from aduan.services.parity import ParityService

    store = ParityStore(_table())
    report = ParityService(store).refresh(store, utcnow())  # stored: GET /api/parity serves it
    combined = report.combined
    metrics.add_metric(name="ParityReports", unit=MetricUnit.Count, value=report.reports)
    if combined.ratio is not None:
        metrics.add_metric(name="ParityRatio", unit=MetricUnit.NoUnit, value=combined.ratio)
        if combined.ci_low is not None and combined.ci_high is not None:
            metrics.add_metric(name="ParityRatioCiLow", unit=MetricUnit.NoUnit, value=combined.ci_low)
            metrics.add_metric(name="ParityRatioCiHigh", unit=MetricUnit.NoUnit, value=combined.ci_high)
    logger.info(
        "rolling parity",
        extra={"reports": report.reports, "ratio": combined.ratio, "ci95": [combined.ci_low, combined.ci_high]},
    )
    return {"reports": report.reports, "ratio": combined.ratio, "ci95": [combined.ci_low, combined.ci_high]}
