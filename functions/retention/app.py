"""Retention: every hour (EventBridge `rate(1 hour)`), removes the personal data of tickets finished more
than `RETENTION_DAYS` ago (`aduan.services.retention`), keeping their non-personal facts and audit trail."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit

from aduan.services.retention import Purger

logger = Logger(service="aduan-retention")
metrics = Metrics()
tracer = Tracer()
_purger: Purger | None = None


def _service() -> Purger:
    global _purger
    if _purger is None:
        from aduan.adapters.workflow_store import WorkflowStore
        from aduan.services import settings
        from aduan.store import TicketStore

        cfg = settings.workflow()
        _purger = Purger(WorkflowStore(cfg.table_name), TicketStore(cfg.table_name), cfg.retention_days)
    return _purger


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
@tracer.capture_lambda_handler
def purge(event: dict[str, Any], context: Any) -> dict[str, Any]:
    result = _service().run()
    metrics.add_metric(name="TicketsPurged", unit=MetricUnit.Count, value=len(result.purged))
    if result.skipped:
        logger.info("tickets left for the next run", extra={"ticket_nos": result.skipped})
    return {"purged": len(result.purged), "skipped": len(result.skipped)}
