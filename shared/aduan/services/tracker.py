"""Follows the table's stream for the workflow (the second stream consumer, beside the notifier).

- A new ticket item starts its SLA clock (the workflow item, in the escalator's due-time index). Doing it
  from the stream means the normalizer stays as it is and a ticket stored just before a crash still gets
  its clock: the stream keeps the record until this succeeds.
- A ticket whose triage changed (follow-up, correction) moves its workflow item with it.
- A resolved ticket a citizen's follow-up reopened (`selesai` -> `baru` with a new message) reopens its
  workflow as `warga` and alerts the unit again (`aduan.services.reopen`).
- Each new audit item of a lifecycle event (created, acknowledged, assigned, resolved, closed, reopened,
  escalated, triage corrected, an officer's reply to the citizen) is published to the ticket-events
  topic (attribute `source=audit`), and its answer times (time to acknowledge, time to resolve:
  `aduan.domain.answer_times`) are emitted as metrics, once per audit item. The audit trail is the outbox:
  the event is published even if the API function died right after its transaction. Delivery is at least
  once; consumers deduplicate on `event_id`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from aduan.domain.answer_times import Sample, samples
from aduan.domain.workflow import PUBLISHED_EVENTS, EventType, Subject
from aduan.services.reopen import Reopener, reopened_by_citizen
from aduan.services.workflow import WorkflowService
from aduan.store import from_item, ticket_from_item

# Officers' free text (resolution notes, replies to citizens) can name people: it stays in the audit trail,
# off the topic (the replier reads it from the audit item the event names).
PRIVATE_DETAILS = frozenset({"note", "text"})
# Marks these events apart from the notifier's own `ticket.created` / `ticket.updated` (ticket versions).
SOURCE = "audit"


class EventSink(Protocol):
    def publish_event(self, payload: dict[str, Any], attributes: dict[str, str | list[str]]) -> str: ...


class Tracker:
    def __init__(
        self,
        workflow: WorkflowService,
        events: EventSink,
        reopener: Reopener | None = None,
        metrics: Callable[[Sample], None] | None = None,
    ) -> None:
        self.workflow = workflow
        self.events = events
        self.reopener = reopener
        self.metrics = metrics

    def handle(self, record: dict[str, Any]) -> str:
        """Act on one stream record; says what it did (for logs and metrics)."""
        images = record["dynamodb"]
        sk = images["Keys"]["sk"]["S"]
        name = record["eventName"]
        if sk == "TICKET" and "NewImage" in images:
            new = ticket_from_item(images["NewImage"])
            if name == "INSERT":
                return "clock_started" if self.workflow.open_clock(new) else "clock_exists"
            if "OldImage" in images:
                old = ticket_from_item(images["OldImage"])
                self.workflow.follow_triage(old, new)
                if self.reopener is not None and reopened_by_citizen(old, new):
                    self.reopener.handle(new)
                    return "reopened"
                return "followed"
            return "ignored"
        if sk.startswith("AUDIT#") and name == "INSERT":
            audit = from_item(images["NewImage"])
            outcome = self.publish(sk, audit)
            self.measure(sk, audit)
            return outcome
        return "ignored"

    def measure(self, event_id: str, audit: dict[str, Any]) -> int:
        """Emit the audit item's answer-time samples once: the first reading of the item claims them
        (a conditional write keyed by the audit item), a retried stream record finds them claimed. The
        one window: dying between the claim and the emit loses that sample (never doubles it)."""
        found = samples(audit)
        if not found or self.metrics is None:
            return 0
        if not self.workflow.store.claim_measurement(Subject("ticket", audit["ticket_no"]), event_id):
            return 0
        for sample in found:
            self.metrics(sample)
        return len(found)

    def publish(self, event_id: str, audit: dict[str, Any]) -> str:
        try:
            event_type = EventType(str(audit.get("event", "")))
        except ValueError:  # an audit item of another kind (an incident's, an evidence record's)
            return "ignored"
        if event_type not in PUBLISHED_EVENTS:
            return "ignored"
        details = {k: v for k, v in (audit.get("details") or {}).items() if k not in PRIVATE_DETAILS}
        payload = {
            "type": event_type.value,
            "event_id": f"{audit['ticket_no']}/{event_id}",
            "subject": {"kind": audit.get("subject_kind", "ticket"), "id": audit["ticket_no"]},
            "ticket_no": audit["ticket_no"],
            "actor": audit["actor"],
            "at": audit["at"],
            "from_status": audit.get("from_status"),
            "to_status": audit.get("to_status"),
            "details": details,
        }
        self.events.publish_event(payload, {"type": event_type.value, "source": SOURCE})
        return "published"
