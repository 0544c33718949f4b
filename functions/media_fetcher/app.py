"""Evidence: the two Lambda entry points.

- `dispatch`: the table's stream, filtered to ticket items that carry media (`media_count`): enqueues one
  fetch job per new attachment on the evidence queue (`aduan.services.evidence.Dispatcher`).
- `fetch`: the evidence queue: downloads each file through its channel's client, checks and keeps it in the
  evidence bucket, records hash, size and type in the audit trail (`aduan.services.evidence.Fetcher`).
  A transient failure is retried with backoff; a final one, or the last attempt, is recorded on the ticket
  and parked in the dead-letter queue with its reason. Logs carry the ticket number, hash and size only.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from aduan.adapters.evidence_store import EvidenceBucket, EvidenceLedger, JobQueue, job_from_body
from aduan.services.evidence import Dispatcher, EvidenceConfig, Fetcher, Outcome

logger = Logger(service="aduan-evidence")
metrics = Metrics()
tracer = Tracer()
stream_processor = BatchProcessor(event_type=EventType.DynamoDBStreams)
queue_processor = BatchProcessor(event_type=EventType.SQS)
_built: tuple[EvidenceConfig, Dispatcher, Fetcher, JobQueue] | None = None


class RetryLater(Exception):
    """A transient failure: the record is reported failed and comes back after its backoff."""


def _services() -> tuple[EvidenceConfig, Dispatcher, Fetcher, JobQueue]:
    global _built
    if _built is None:
        cfg = EvidenceConfig.from_env()
        queue = JobQueue(cfg.queue_url, cfg.dead_letter_url)
        _built = (cfg, Dispatcher(queue), Fetcher(EvidenceBucket(cfg.bucket), EvidenceLedger(cfg.table_name)), queue)
    return _built


@tracer.capture_method
def dispatch_record(record: DynamoDBRecord) -> None:
    _, dispatcher, _, _ = _services()
    jobs = dispatcher.handle(record.raw_event)
    if jobs:
        metrics.add_metric(name="EvidenceJobs", unit=MetricUnit.Count, value=jobs)


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
@tracer.capture_lambda_handler
def dispatch(event: dict[str, Any], context: Any) -> PartialItemFailureResponse:
    return process_partial_response(
        event=event, record_handler=dispatch_record, processor=stream_processor, context=context
    )


@tracer.capture_method
def fetch_record(record: SQSRecord) -> None:
    cfg, _, fetcher, queue = _services()
    job = job_from_body(record.body)
    attempt = int(record.attributes.approximate_receive_count or 1)
    result = fetcher.fetch(job, attempt, cfg.max_attempts)
    metrics.add_metric(name=f"Evidence_{result.outcome.value}", unit=MetricUnit.Count, value=1)
    log = {"ticket_no": job.ticket_no, "outcome": result.outcome.value, "sha256": result.sha256, "size": result.size}
    if result.outcome is Outcome.RETRY:
        delay = cfg.backoff(attempt)
        queue.back_off(record.receipt_handle, delay)
        logger.warning("evidence fetch failed, retrying", extra={**log, "attempt": attempt, "retry_in_s": delay})
        raise RetryLater(result.reason)
    if result.outcome is Outcome.PARKED:
        queue.park(job, result.reason, attempt)
        metrics.add_metric(name="EvidenceParked", unit=MetricUnit.Count, value=1)
        logger.warning("evidence parked", extra={**log, "attempt": attempt, "reason": result.reason})
        return
    logger.info("evidence", extra=log)


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
@tracer.capture_lambda_handler
def fetch(event: dict[str, Any], context: Any) -> PartialItemFailureResponse:
    return process_partial_response(
        event=event, record_handler=fetch_record, processor=queue_processor, context=context
    )
