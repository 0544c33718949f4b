"""Replier: answers citizens on the channel they wrote on (receipts, status changes, officers' replies, `cek`).

Fed by the reply queue (the ticket-events topic's events that citizens hear about, and `cek` requests from
the normalizer), with partial batch failures: a platform's transient failure retries its record with
backoff, a refusal or a message a platform rule forbids is recorded on the ticket and never fails the
batch, an unreadable record is parked in the dead-letter queue with its reason. The logic is in
`aduan.services.replies`.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from aduan.services.replies import Replier, RetryLater, UnreadableEvent

logger = Logger(service="aduan-replier")
metrics = Metrics()
tracer = Tracer()
processor = BatchProcessor(event_type=EventType.SQS)
_replier: Replier | None = None

METRICS = {
    "sent": "RepliesSent",
    "refused": "RepliesRefused",
    "forbidden": "RepliesForbidden",
    "uncertain": "RepliesUncertain",
    "duplicate": "RepliesDuplicate",
}


def replier() -> Replier:
    global _replier
    if _replier is None:
        from aduan.adapters.replies_store import ReplyStore
        from aduan.services import reply_settings

        settings = reply_settings.read()
        _replier = Replier(ReplyStore(settings.table_name), reply_settings.channels(settings))
    return _replier


@tracer.capture_method
def record_handler(record: SQSRecord) -> None:
    from aduan.services import reply_settings

    try:
        event = json.loads(record.body)
        outcomes = replier().handle(event)
    except ValueError:
        _park(record, "body is not JSON")
        return
    except UnreadableEvent as exc:
        _park(record, str(exc))
        return
    except RetryLater as exc:
        metrics.add_metric(name="RepliesRetried", unit=MetricUnit.Count, value=1)
        logger.info("reply retried later", extra={"reason": str(exc), "sqs_id": record.message_id})
        reply_settings.back_off(record.receipt_handle, int(record.attributes.approximate_receive_count or 1))
        raise
    for outcome in outcomes:
        metrics.add_metric(name=METRICS.get(outcome.outcome, "RepliesOther"), unit=MetricUnit.Count, value=1)
        logger.info(
            "reply",
            extra={
                "type": event.get("type"),
                "ticket_no": event.get("ticket_no"),
                "kind": outcome.kind,
                "outcome": outcome.outcome,
                "reason": outcome.reason,
            },
        )


def _park(record: SQSRecord, reason: str) -> None:
    from aduan.services import reply_settings

    metrics.add_metric(name="RepliesParked", unit=MetricUnit.Count, value=1)
    reply_settings.park(record.body, reason)
    logger.warning("reply event parked", extra={"reason": reason, "sqs_id": record.message_id})


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: Any) -> PartialItemFailureResponse:
    return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
