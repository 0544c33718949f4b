"""The ticket lifecycle: one small state machine, checked in one place.

```
baru ──ack──> diterima ──assign──> ditangani ──resolve──> selesai
  │              │  ▲                  │ ▲ (re-assign)        │
  │              │  └──────────────────┘ │                    │
  └──assign──────┼───────────────────────┘                    │
  any open ──close (reason)──> ditutup                        │
  selesai / ditutup ──reopen──> baru  <───────────────────────┘
```

`decide(status, action)` says where an action takes a ticket, or raises `IllegalTransition` with a reason
(the officer API answers it with 409). Every accepted transition produces one `TicketEvent`, which becomes
one audit item and one message on the ticket-events topic. Pure: no clock, no storage.

The thing acted on is a `Subject`: today always one ticket; an incident grouping several tickets later gets
the same acknowledgement, SLA clock and escalation by being another kind of subject.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from aduan.models import TicketStatus

BARU, DITERIMA, DITANGANI, SELESAI, DITUTUP = (
    TicketStatus.BARU,
    TicketStatus.DITERIMA,
    TicketStatus.DITANGANI,
    TicketStatus.SELESAI,
    TicketStatus.DITUTUP,
)
OPEN = frozenset({BARU, DITERIMA, DITANGANI})
FINISHED = frozenset({SELESAI, DITUTUP})
SYSTEM = "sistem"


class Action(StrEnum):
    ACK = "ack"
    ASSIGN = "assign"
    RESOLVE = "resolve"
    CLOSE = "close"
    REOPEN = "reopen"


class EventType(StrEnum):
    """Ticket events on the ticket-events topic (`type`), and the matching audit actions."""

    CREATED = "ticket.created"
    ACKNOWLEDGED = "ticket.acknowledged"
    ASSIGNED = "ticket.assigned"
    RESOLVED = "ticket.resolved"
    CLOSED = "ticket.closed"
    REOPENED = "ticket.reopened"
    ESCALATED = "ticket.escalated"
    TRIAGE_CORRECTED = "ticket.triage_corrected"
    CONTENT_READ = "ticket.content_read"  # audited, not published
    OFFICER_REPLY = "ticket.officer_reply"  # an officer's own message to the citizen (the replier sends it)
    REPLIED = "ticket.replied"  # a message to the citizen sent, refused or forbidden; audited, not published
    RATED = "ticket.rated"  # the citizen rated the handling (1-5); audited, not published: never alerts
    PURGED = "ticket.purged"  # personal data removed after the retention period; audited, not published


PUBLISHED_EVENTS = frozenset(
    {
        EventType.CREATED,
        EventType.ACKNOWLEDGED,
        EventType.ASSIGNED,
        EventType.RESOLVED,
        EventType.CLOSED,
        EventType.REOPENED,
        EventType.ESCALATED,
        EventType.TRIAGE_CORRECTED,
        EventType.OFFICER_REPLY,
    }
)


class CloseReason(StrEnum):
    """Why a ticket is closed without action."""

    SPAM = "spam"
    DUPLIKAT = "duplikat"
    BUKAN_WEWENANG = "bukan_wewenang_polisi"
    TIDAK_LENGKAP = "tidak_dapat_ditindaklanjuti"


ACTION_EVENTS = {
    Action.ACK: EventType.ACKNOWLEDGED,
    Action.ASSIGN: EventType.ASSIGNED,
    Action.RESOLVE: EventType.RESOLVED,
    Action.CLOSE: EventType.CLOSED,
    Action.REOPEN: EventType.REOPENED,
}

# (action, from) -> to. Anything not listed is illegal.
_TRANSITIONS: dict[tuple[Action, TicketStatus], TicketStatus] = {
    (Action.ACK, BARU): DITERIMA,
    (Action.ASSIGN, BARU): DITANGANI,  # assigning implies acknowledging
    (Action.ASSIGN, DITERIMA): DITANGANI,
    (Action.ASSIGN, DITANGANI): DITANGANI,  # handing it on to someone else
    (Action.RESOLVE, BARU): SELESAI,
    (Action.RESOLVE, DITERIMA): SELESAI,
    (Action.RESOLVE, DITANGANI): SELESAI,
    (Action.CLOSE, BARU): DITUTUP,
    (Action.CLOSE, DITERIMA): DITUTUP,
    (Action.CLOSE, DITANGANI): DITUTUP,
    (Action.REOPEN, SELESAI): BARU,
    (Action.REOPEN, DITUTUP): BARU,
}

# Why an action is refused in a state, in the words an officer reads (Bahasa Indonesia).
_REFUSALS: dict[tuple[Action, TicketStatus], tuple[str, str]] = {
    (Action.ACK, DITERIMA): ("already_acknowledged", "Tiket sudah diterima"),
    (Action.ACK, DITANGANI): ("already_acknowledged", "Tiket sudah ditangani"),
}


class WorkflowError(Exception):
    """Base of the lifecycle's refusals; each carries a machine-readable `code` and an officer-facing text."""

    code = "workflow_error"

    def __init__(self, message: str, *, code: str | None = None, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = details or {}


class IllegalTransition(WorkflowError):
    """The action is not allowed in the ticket's current state (HTTP 409)."""

    code = "illegal_transition"


@dataclass(frozen=True, slots=True)
class Subject:
    """What acknowledgement, SLA and escalation are about: a ticket now, an incident later."""

    kind: str  # "ticket" (later "incident")
    id: str  # the ticket number

    @classmethod
    def ticket(cls, ticket_no: str) -> Subject:
        return cls("ticket", ticket_no)

    @property
    def pk(self) -> str:
        return f"{self.kind.upper()}#{self.id}"

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


def decide(status: TicketStatus, action: Action) -> TicketStatus:
    """The status `action` moves a ticket in `status` to; `IllegalTransition` if it may not."""
    target = _TRANSITIONS.get((action, status))
    if target is not None:
        return target
    code, text = _REFUSALS.get((action, status), ("illegal_transition", ""))
    if not text:
        text = f"Tindakan '{action.value}' tidak dapat dilakukan pada tiket berstatus '{status.value}'"
    raise IllegalTransition(text, code=code, details={"status": status.value, "action": action.value})


def allowed_actions(status: TicketStatus) -> list[Action]:
    return [action for action in Action if (action, status) in _TRANSITIONS]


@dataclass(frozen=True, slots=True)
class TicketEvent:
    """One thing that happened to a ticket: an audit item and a ticket-events message."""

    type: EventType
    subject: Subject
    actor: str  # an officer id, or "sistem"
    at: datetime
    from_status: TicketStatus | None = None
    to_status: TicketStatus | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ticket_no(self) -> str:
        return self.subject.id


@dataclass(frozen=True, slots=True)
class Transition:
    action: Action
    from_status: TicketStatus
    to_status: TicketStatus
    event: TicketEvent
    assignee: str | None = None
    note: str | None = None
    reason: CloseReason | None = None

    @property
    def stops_escalation(self) -> bool:
        """Somebody has answered: the acknowledgement clock stops."""
        return self.from_status is BARU and self.to_status is not BARU

    @property
    def restarts_clock(self) -> bool:
        return self.to_status is BARU


def transition(
    subject: Subject,
    status: TicketStatus,
    action: Action,
    *,
    actor: str,
    at: datetime,
    assignee: str | None = None,
    note: str | None = None,
    reason: CloseReason | None = None,
) -> Transition:
    """Check `action` on a subject in `status` and describe the result, with the event it emits.

    `assign` needs an `assignee`, `resolve` a `note`, `close` a `reason`: the API validates their shape,
    this checks that the lifecycle has what it needs whichever caller asks.
    """
    target = decide(status, action)
    details: dict[str, Any] = {}
    if action is Action.ASSIGN:
        if not assignee:
            raise WorkflowError("Petugas yang ditugaskan wajib diisi", code="assignee_required")
        details["assignee"] = assignee
    if action is Action.RESOLVE:
        if not (note and note.strip()):
            raise WorkflowError("Catatan penyelesaian wajib diisi", code="note_required")
        details["note"] = note.strip()
    if action is Action.CLOSE:
        if reason is None:
            raise WorkflowError("Alasan penutupan wajib diisi", code="reason_required")
        details["reason"] = reason.value
        if note and note.strip():
            details["note"] = note.strip()
    if action is Action.REOPEN and note and note.strip():
        details["note"] = note.strip()
    event = TicketEvent(
        type=ACTION_EVENTS[action],
        subject=subject,
        actor=actor,
        at=at,
        from_status=status,
        to_status=target,
        details=details,
    )
    return Transition(action, status, target, event, assignee=assignee, note=note, reason=reason)


class NotFound(WorkflowError):
    """No such ticket (HTTP 404)."""

    code = "not_found"


class Forbidden(WorkflowError):
    """The officer may not see or do this (HTTP 403)."""

    code = "forbidden"
