"""Escalator: the SLA clock's two Lambda entry points.

- `sweep`: every minute (EventBridge `rate(1 minute)`), escalates every subject whose acknowledgement
  deadline has passed, one ladder step each, exactly once (`aduan.services.escalation`).
- `track`: the table's stream (ticket inserts and changes, audit inserts): starts each ticket's SLA clock,
  reopens tickets a citizen reopened, publishes lifecycle events to the ticket-events topic and emits the
  answer-time metrics (`TimeToAcknowledge`, `TimeToResolve` by priority, channel, unit) once per audit
  item (`aduan.services.tracker`).
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit, single_metric
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

from aduan.domain.answer_times import Sample
from aduan.services.escalation import Escalator
from aduan.services.tracker import Tracker

logger = Logger(service="aduan-escalator")
metrics = Metrics()
tracer = Tracer()
processor = BatchProcessor(event_type=EventType.DynamoDBStreams)
_escalator: Escalator | None = None
_tracker: Tracker | None = None


def _services() -> tuple[Escalator, Tracker]:
    global _escalator, _tracker
    if _escalator is None or _tracker is None:
        from aduan.adapters.sns import SnsMessenger
        from aduan.adapters.workflow_store import WorkflowStore
        from aduan.services import settings
        from aduan.services.reopen import Reopener
        from aduan.services.workflow import AckLinks, WorkflowService
        from aduan.store import RosterStore, TicketStore

        cfg = settings.workflow()
        store = WorkflowStore(cfg.table_name)
        tickets = TicketStore(cfg.table_name)
        workflow = WorkflowService(store, tickets, cfg.policy)
        messenger = SnsMessenger(cfg.alerts_topic_arn, cfg.ticket_events_topic_arn, cfg.sms_sender_id)
        links = AckLinks(workflow, cfg.ack_base_url)
        _escalator = Escalator(store, tickets, links, messenger, cfg.policy)
        reopener = Reopener(workflow, RosterStore(cfg.table_name).officers, links, messenger)
        _tracker = Tracker(workflow, messenger, reopener, emit_answer_time)
    return _escalator, _tracker


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
@tracer.capture_lambda_handler
def sweep(event: dict[str, Any], context: Any) -> dict[str, Any]:
    escalator, _ = _services()
    result = escalator.sweep()
    metrics.add_metric(name="EscalationsDue", unit=MetricUnit.Count, value=result.due)
    metrics.add_metric(name="Escalations", unit=MetricUnit.Count, value=len(result.escalated))
    if result.failed:
        metrics.add_metric(name="EscalationFailures", unit=MetricUnit.Count, value=len(result.failed))
    for ticket_no, step in result.escalated:
        logger.info("escalated", extra={"ticket_no": ticket_no, "step": step})
    if result.failed:
        logger.warning("escalations left for the next sweep", extra={"ticket_nos": result.failed})
    return {"due": result.due, "escalated": len(result.escalated), "failed": len(result.failed)}


def emit_answer_time(sample: Sample) -> None:
    """One answer-time sample as its own EMF document, written at once (not at the end of the batch), so
    the claim that keeps it to once and the emit stay next to each other."""
    with single_metric(name=sample.name, unit=MetricUnit.Seconds, value=sample.seconds) as metric:
        for name, value in sample.dimensions.items():
            metric.add_dimension(name=name, value=value)


@tracer.capture_method
def track_record(record: DynamoDBRecord) -> None:
    _, tracker = _services()
    outcome = tracker.handle(record.raw_event)
    metrics.add_metric(name=f"Tracked_{outcome}", unit=MetricUnit.Count, value=1)


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
@tracer.capture_lambda_handler
def track(event: dict[str, Any], context: Any) -> PartialItemFailureResponse:
    return process_partial_response(event=event, record_handler=track_record, processor=processor, context=context)
