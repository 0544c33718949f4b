"""The retention purge: finished tickets' personal data removed `RetentionDays` after they finished.

Driven from the closed queue (`QueueIndex`, sorted by finishing time: one query, no scan), oldest first.
Each ticket is purged in one transaction (`WorkflowStore.purge`): the redacted ticket item, the workflow
item moved from the closed queue to `purged`, and a `ticket.purged` audit item by `sistem`. Idempotent: a
purged ticket has left the closed queue, so a second run (or a run that fires twice) finds nothing to do;
a run that dies between two tickets leaves the rest for the next one; a ticket that changed meanwhile
(reopened, a late remark) fails its condition and is looked at again next time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from aduan.adapters.workflow_store import WorkflowStore
from aduan.domain.retention import PURGED_FIELDS, cutoff, redact
from aduan.domain.workflow import FINISHED, SYSTEM, EventType, Subject, TicketEvent
from aduan.errors import ConcurrentUpdate
from aduan.models import utcnow
from aduan.store import TicketStore

BATCH = 100


@dataclass
class PurgeResult:
    purged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # changed meanwhile: next run


class Purger:
    def __init__(
        self,
        store: WorkflowStore,
        tickets: TicketStore,
        retention_days: int,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self.tickets = tickets
        self.retention_days = retention_days
        self.clock = clock

    def run(self, max_batches: int = 10) -> PurgeResult:
        now = self.clock()
        before = cutoff(now, self.retention_days)
        result = PurgeResult()
        for _ in range(max_batches):
            due = [n for n in self.store.finished_before(before, BATCH) if n not in result.skipped]
            if not due:
                break
            for ticket_no in due:
                (result.purged if self.purge(ticket_no, now) else result.skipped).append(ticket_no)
        return result

    def purge(self, ticket_no: str, now: datetime) -> bool:
        subject = Subject.ticket(ticket_no)
        state = self.store.get(subject)
        if state is None or state.status not in FINISHED or state.purged_at is not None:
            return False
        ticket = self.tickets.get_ticket(ticket_no)
        redacted = None
        if ticket is not None:
            redacted = redact(ticket).model_copy(update={"version": ticket.version + 1})
        event = TicketEvent(
            type=EventType.PURGED,
            subject=subject,
            actor=SYSTEM,
            at=now,
            from_status=state.status,
            to_status=state.status,
            details={
                "retention_days": self.retention_days,
                "finished_at": state.finished_at.isoformat() if state.finished_at else None,
                "fields": list(PURGED_FIELDS),
            },
        )
        try:
            self.store.purge(state, ticket, redacted, event)
        except ConcurrentUpdate:
            return False
        return True
