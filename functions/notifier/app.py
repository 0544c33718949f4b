"""Notifier: reads ticket changes from the table's stream and alerts the officers on duty.

The stream is the outbox: a stored ticket is alerted even if the normalizer died right after storing it.
Partial batch failures make Lambda retry from the first failed record; the alert ledger makes those
retries safe.
"""

from __future__ import annotations

import os
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

from aduan import config
from aduan.notify import Change, Notifier
from aduan.store import RosterStore, TicketStore

logger = Logger(service="aduan-notifier")
metrics = Metrics()
tracer = Tracer()
processor = BatchProcessor(event_type=EventType.DynamoDBStreams)
_notifier: tuple[config.NotifierConfig, Notifier] | None = None


def _ack_links(table_name: str) -> Any:
    """One-tap acknowledgement links in alert SMS, where the template gives a base URL."""
    base_url = os.environ.get("ACK_BASE_URL", "")
    if not base_url:
        return None
    from aduan.adapters.workflow_store import WorkflowStore
    from aduan.services.workflow import link_issuer

    return link_issuer(WorkflowStore(table_name), base_url)


def notifier() -> Notifier:
    """The warm notifier (with its roster cache), built again only when the configuration is reloaded."""
    global _notifier
    settings = config.notifier()
    if _notifier is None or _notifier[0] is not settings:
        built = Notifier(
            ack_link=_ack_links(settings.table_name),
            store=TicketStore(settings.table_name),
            roster=RosterStore(settings.table_name),
            alerts_topic_arn=settings.alerts_topic_arn,
            ticket_events_topic_arn=settings.ticket_events_topic_arn,
            sms_sender_id=settings.sms_sender_id,
            roster_ttl=settings.roster_cache_seconds,
        )
        _notifier = (settings, built)
    return _notifier[1]


@tracer.capture_method
def record_handler(record: DynamoDBRecord) -> None:
    change = Change.from_stream_record(record.raw_event)
    metrics.add_metric(name="TicketChanges", unit=MetricUnit.Count, value=1)
    ticket = change.new
    for plan in notifier().handle(change):
        metrics.add_metric(name="Alerts", unit=MetricUnit.Count, value=1)
        metrics.add_metric(name="AlertSmsRecipients", unit=MetricUnit.Count, value=len(plan.sms_recipients))
        logger.info(
            "ticket alerted",
            extra={
                "ticket_no": ticket.ticket_no,
                "trigger": plan.trigger,
                "priority": ticket.triage.priority,
                "units": list(plan.units),
                "sms_recipients": [o.officer_id for o in plan.sms_recipients],
                "notes": list(plan.notes),
            },
        )


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: Any) -> PartialItemFailureResponse:
    return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
