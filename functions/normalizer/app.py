"""Normalizer: queued platform deliveries become deduplicated, threaded, triaged tickets.

SQS batches with partial failures: a record that fails for a passing reason is retried and, after the
queue's maxReceiveCount, lands in the dead-letter queue (alarmed). A record that can never be processed
(not a delivery we understand) is parked in the dead-letter queue at once with its reason.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from aduan import config
from aduan.channels import registry
from aduan.errors import InvalidPayload
from aduan.ingest import Ingestor
from aduan.intake import Envelope, IntakeQueue
from aduan.store import TicketStore

logger = Logger(service="aduan-normalizer")
metrics = Metrics()
tracer = Tracer()
processor = BatchProcessor(event_type=EventType.SQS)
_services: tuple[IntakeQueue, Ingestor] | None = None


def services() -> tuple[IntakeQueue, Ingestor]:
    global _services
    if _services is None:
        settings = config.normalizer()
        _services = (
            IntakeQueue(settings.payload_bucket, dead_letter_queue_url=settings.dead_letter_queue_url),
            Ingestor(TicketStore(settings.table_name), timedelta(hours=settings.thread_window_hours)),
        )
    return _services


@tracer.capture_method
def record_handler(record: SQSRecord) -> None:
    queue, ingestor = services()
    metrics.add_metric(name="Deliveries", unit=MetricUnit.Count, value=1)
    try:
        envelope = Envelope.from_json(record.body)
        try:
            parse = registry.parser(envelope.channel)
        except registry.UnknownChannel as exc:
            raise InvalidPayload(f"no parser for channel {envelope.channel!r}") from exc
        parsed = parse(queue.load_body(envelope))
    except InvalidPayload as exc:
        queue.dead_letter(record.body, str(exc))
        metrics.add_metric(name="PoisonDeliveries", unit=MetricUnit.Count, value=1)
        logger.error("delivery parked in dead-letter queue", extra={"reason": str(exc), "sqs_id": record.message_id})
        return
    for rejected in parsed.rejected:
        # One unreadable item is parked on its own; the good messages of the delivery still become tickets.
        reason = f"{envelope.channel} {rejected.path}: {rejected.reason}"
        queue.dead_letter(record.body, reason)
        metrics.add_metric(name="RejectedItems", unit=MetricUnit.Count, value=1)
        logger.warning("delivery item parked", extra={"path": rejected.path, "reason": rejected.reason})
    for message in parsed.messages:
        result = ingestor.ingest(message)
        metrics.add_metric(name=f"Messages_{result.outcome}", unit=MetricUnit.Count, value=1)
        logger.info(
            "message ingested",
            extra={
                "outcome": result.outcome,
                "ticket_no": result.ticket_no,
                "channel": message.channel.value,
                "kind": message.kind,
                "request_id": envelope.request_id,
            },
        )


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: Any) -> PartialItemFailureResponse:
    return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
