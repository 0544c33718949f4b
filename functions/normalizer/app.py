"""Normalizer: queued platform deliveries become deduplicated, threaded, triaged tickets.

SQS batches with partial failures, and failures isolated per message: a delivery is parsed item by item,
every unreadable item and every message whose content can never be stored is parked in the dead-letter
queue at once with its channel, path and reason, and the good messages around it are stored. A delivery
fails as a whole only when nothing in it can be read (parked at once too). A message that fails for a
passing reason is retried with its record; on the queue's last attempt (`ApproximateReceiveCount` reaching
its maxReceiveCount) the normalizer parks the record itself with the last error's class and a safe reason,
so nothing reaches the dead-letter queue without one. A delivery with more messages than one record's
work budget is split into parts on the intake queue (see `aduan.work`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from botocore.exceptions import ClientError

from aduan import config, work
from aduan.adapters.incident_store import IncidentStore
from aduan.channels import registry
from aduan.errors import AduanError, InvalidPayload, UnstorableMessage
from aduan.ingest import Ingestor
from aduan.intake import Envelope, IntakeQueue
from aduan.models import InboundMessage
from aduan.services.incidents import IncidentService
from aduan.store import TicketStore

logger = Logger(service="aduan-normalizer")
metrics = Metrics()
tracer = Tracer()
processor = BatchProcessor(event_type=EventType.SQS)
_services: tuple[IntakeQueue, Ingestor, config.NormalizerConfig] | None = None
_stats: Any = None  # aduan.adapters.channel_stats.ChannelStats, built on the first delivery


def services() -> tuple[IntakeQueue, Ingestor, config.NormalizerConfig]:
    global _services
    if _services is None:
        settings = config.normalizer()
        _services = (
            IntakeQueue(
                settings.payload_bucket,
                queue_url=settings.intake_queue_url or None,
                dead_letter_queue_url=settings.dead_letter_queue_url,
            ),
            Ingestor(
                TicketStore(settings.table_name),
                timedelta(hours=settings.thread_window_hours),
                flood_limit=settings.flood_messages_per_minute,
                incidents=IncidentService(IncidentStore(settings.table_name)),
                answers=_answers(settings),
            ),
            settings,
        )
    return _services


def _answers(settings: config.NormalizerConfig) -> Any:
    """Status requests (`cek <nomor>`) to the replier, ratings onto their ticket (where there is a replier)."""
    if not settings.reply_queue_url:
        return None
    from aduan.adapters.replies_store import ReplyStore
    from aduan.adapters.reply_queue import CitizenAnswerSink, ReplyQueue

    return CitizenAnswerSink(ReplyQueue(settings.reply_queue_url), ReplyStore(settings.table_name))


def safe_reason(exc: BaseException) -> str:
    """What went wrong, safe for logs and the dead-letter queue: our own errors say it without content;
    AWS errors by their code; anything else by its class only (its text may quote a message)."""
    if isinstance(exc, AduanError):
        return f"{type(exc).__name__}: {exc}"[:200] if str(exc) else type(exc).__name__
    if isinstance(exc, ClientError):
        return f"ClientError: {exc.response.get('Error', {}).get('Code', 'unknown')}"
    return type(exc).__name__


def park(record: SQSRecord, reason: str, **attributes: str) -> None:
    queue, _, _ = services()
    queue.dead_letter(record.body, reason, attributes)
    # Platform message ids can encode the sender's number (WhatsApp's do): they go to the queue, not the logs.
    logged = {k: v for k, v in attributes.items() if v and k != "platform_message_id"}
    logger.warning("parked in dead-letter queue", extra={"reason": reason, "sqs_id": record.message_id, **logged})


@tracer.capture_method
def record_handler(record: SQSRecord) -> None:
    _, _, settings = services()
    try:
        _process(record)
    except Exception as exc:
        attempt = int(record.attributes.approximate_receive_count or 1)
        if attempt < settings.max_receive_count:
            raise  # retried with the record; the error is reported by the batch processor
        # The queue would now move the record to the dead-letter queue without a word: park it here,
        # with the last error, and report success.
        metrics.add_metric(name="RetriesExhausted", unit=MetricUnit.Count, value=1)
        park(
            record,
            f"retries exhausted ({attempt} attempts): {safe_reason(exc)}",
            channel=_channel_of(record),
            error=type(exc).__name__,
            attempts=str(attempt),
        )


def _channel_of(record: SQSRecord) -> str:
    attributes: Mapping[str, Any] = record.raw_event.get("messageAttributes") or {}
    channel = attributes.get("channel") or {}
    return str(channel.get("stringValue") or "")


def _process(record: SQSRecord) -> None:
    queue, ingestor, _ = services()
    metrics.add_metric(name="Deliveries", unit=MetricUnit.Count, value=1)
    try:
        data = _json(record.body)
        if work.is_part(data):
            part = work.MessagePart.from_data(data)
            channel, received_at, request_id = part.channel, part.received_at, part.request_id
            messages = list(part.messages)
        else:
            envelope = Envelope.from_json(record.body)
            channel, received_at, request_id = envelope.channel, envelope.received_at, envelope.request_id
            if int(record.attributes.approximate_receive_count or 1) == 1:
                _count_delivery(channel, received_at)
            try:
                parse = registry.parser(envelope.channel)
            except registry.UnknownChannel as exc:
                raise InvalidPayload(f"no parser for channel {envelope.channel!r}") from exc
            parsed = parse(queue.load_body(envelope))
            for rejected in parsed.rejected:
                # One unreadable item is parked on its own; the good messages of the delivery still become tickets.
                metrics.add_metric(name="RejectedItems", unit=MetricUnit.Count, value=1)
                park(
                    record,
                    f"{channel} {rejected.path}: {rejected.reason}",
                    channel=channel,
                    path=rejected.path,
                    error="Rejected",
                    platform_message_id=rejected.platform_message_id or "",
                    request_id=request_id,
                )
            messages = parsed.messages
            if len(messages) > work.MAX_MESSAGES and queue.queue_url:
                parts = work.split(channel, received_at, request_id, messages)
                queue.requeue([p.to_json() for p in parts], channel)
                metrics.add_metric(name="DeliveriesSplit", unit=MetricUnit.Count, value=1)
                logger.info("delivery split", extra={"parts": len(parts), "request_id": request_id})
                return
    except InvalidPayload as exc:
        metrics.add_metric(name="PoisonDeliveries", unit=MetricUnit.Count, value=1)
        park(record, str(exc), channel=_channel_of(record), error=type(exc).__name__)
        return
    _ingest_all(record, ingestor, messages, channel, received_at, request_id)


def _count_delivery(channel: str, received_at: str) -> None:
    """The channel watchdog's counter of deliveries per channel and hour (first attempt only); a failed
    count is logged, never fails the delivery."""
    global _stats
    if _stats is None:
        from aduan.adapters.channel_stats import ChannelStats

        _stats = ChannelStats(services()[2].table_name)
    try:
        _stats.count_delivery(channel, work.parse_time(received_at) or datetime.now(UTC))
    except (AduanError, ValueError) as exc:
        logger.warning("delivery not counted for the watchdog", extra={"error": safe_reason(exc)})


def _json(body: str) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None  # Envelope.from_json says why


def _ingest_all(
    record: SQSRecord,
    ingestor: Ingestor,
    messages: list[InboundMessage],
    channel: str,
    received_at: str,
    request_id: str,
) -> None:
    """Ingest every message on its own; a passing failure of one does not stop the others (the record is
    retried afterwards and the stored ones are then duplicates)."""
    received = work.parse_time(received_at)
    failure: Exception | None = None
    for index, message in enumerate(messages):
        try:
            result = ingestor.ingest(message, received)
        except UnstorableMessage as exc:
            metrics.add_metric(name="UnstorableMessages", unit=MetricUnit.Count, value=1)
            park(
                record,
                f"{channel} message {index}: {exc}",
                channel=channel,
                path=f"messages[{index}]",
                error=type(exc).__name__,
                platform_message_id=message.platform_message_id,
                request_id=request_id,
            )
            continue
        except Exception as exc:  # noqa: BLE001 - kept and re-raised once the other messages are stored
            failure = exc
            logger.warning("message not stored; the record will be retried", extra={"error": safe_reason(exc)})
            continue
        metrics.add_metric(name=f"Messages_{result.outcome}", unit=MetricUnit.Count, value=1)
        if result.flooding:
            metrics.add_metric(name="FloodedMessages", unit=MetricUnit.Count, value=1)
        logger.info(
            "message ingested",
            extra={
                "outcome": result.outcome,
                "placement": result.placement.value if result.placement else None,
                "ticket_no": result.ticket_no,
                "channel": message.channel.value,
                "kind": message.kind,
                "action": message.action.value,
                "request_id": request_id,
            },
        )
    if failure is not None:
        raise failure


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: Any) -> PartialItemFailureResponse:
    return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
