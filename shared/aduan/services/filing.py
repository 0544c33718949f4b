"""Filing a report directly, without the intake queue: the 110 call centre (`POST /api/tickets`) and the
police app (Open311 `POST requests`). The caller is waiting for the ticket number, so the message is ingested
in the request (same dedup, threading and triage as any channel), the SLA clock is opened with the filer as
the `created` audit item's actor, and the ticket's stream record alerts officers like any other ticket's.
"""

from __future__ import annotations

from dataclasses import dataclass

from aduan.adapters.workflow_store import WorkflowState
from aduan.ingest import Ingestor, Outcome
from aduan.models import InboundMessage, Ticket
from aduan.services.workflow import WorkflowService


class NotFiled(Exception):
    """The ingest named no ticket (cannot happen for a new message: a duplicate always names its ticket)."""


@dataclass(frozen=True, slots=True)
class Filed:
    outcome: Outcome
    ticket: Ticket
    state: WorkflowState


def file_message(workflow: WorkflowService, ingestor: Ingestor, message: InboundMessage, actor: str) -> Filed:
    """Ingest `message` and return its ticket with its workflow state. A retried filing (same message id)
    finds the ticket the first one made (outcome `duplicate`)."""
    result = ingestor.ingest(message)
    if result.ticket_no is None:  # pragma: no cover - a duplicate always names its ticket
        raise NotFiled()
    if result.outcome == "created":
        created = workflow.tickets.get_ticket(result.ticket_no)
        if created is not None:
            workflow.open_clock(created, actor=actor)  # the audit names who filed it
    ticket, state = workflow.state(result.ticket_no)
    return Filed(result.outcome, ticket, state)
