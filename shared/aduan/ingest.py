"""Turning one citizen message into a ticket: deduplicated, threaded per conversation, triaged, throttled.

Concurrency is handled with optimistic, conditional writes (see `aduan.store`): the same message
delivered several times at once yields one ticket, and two different messages of one conversation at
once join one ticket. Edits update the stored message (an edit that arrives before its original becomes
the message, and the original is then a duplicate); removals mark it. The ticket rules are in
`aduan.tickets`.

Two kinds of message never become part of a ticket (`CitizenAnswers`, where the caller provides it): a
status request `cek <nomor>` is handed to the replier (never triaged, never threaded, never a ticket;
redeliveries are answered once, by the replier's ledger), and an answer 1-5 to the rating request, sent
to a conversation whose ticket is resolved, is stored as the ticket's rating (never reopening it, never
alerting anyone; `aduan.domain.replies.parse_rating`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from aduan import ticket_number
from aduan.domain.replies import StatusRequest, parse_rating, parse_status_request
from aduan.errors import ConcurrentUpdate, DuplicateMessage, OriginalNotStored, TicketNumberTaken, UnstorableMessage
from aduan.models import InboundMessage, MessageAction, Ticket, TicketStatus, utcnow
from aduan.store import TicketStore
from aduan.tickets import (
    Placement,
    RateState,
    add_follow_up,
    add_remark,
    clamp_clock,
    edit_message,
    observe_rate,
    open_ticket,
    own_triage,
    place,
    remove_message,
    reopen_with,
    target_id,
    unstorable_reason,
)


class IncidentPlanner(Protocol):
    """Decides a new ticket's incident: the ticket with its `incident` link and the transaction items that
    file it; and what a follow-up in a ticket of an incident changes in the incident
    (`aduan.services.incidents.IncidentService`)."""

    def plan(self, ticket: Ticket, now: datetime) -> tuple[Ticket, list[dict[str, Any]]]: ...

    def follow_up(self, ticket: Ticket, now: datetime) -> tuple[Ticket, list[dict[str, Any]]]: ...


MAX_ATTEMPTS = 8
DEFAULT_FLOOD_LIMIT = 20  # messages a minute from one conversation (template parameter FloodMessagesPerMinute)

Outcome = Literal[
    "created", "appended", "reopened", "remarked", "edited", "removed", "duplicate", "status_requested", "rated"
]


class CitizenAnswers(Protocol):
    """Where status requests and ratings go (the replier's queue, the ticket's rating item)."""

    def request_status(self, request: StatusRequest) -> None: ...

    def store_rating(self, ticket_no: str, rating: int, dedup_key: str, now: datetime) -> None: ...


@dataclass(frozen=True, slots=True)
class IngestResult:
    outcome: Outcome
    ticket_no: str | None
    placement: Placement | None = None  # for a new message: joined, new, split off, overflow
    flooding: bool = False


class Ingestor:
    def __init__(
        self,
        store: TicketStore,
        thread_window: timedelta,
        clock: Callable[[], datetime] = utcnow,
        new_ticket_number: Callable[[], str] = ticket_number.generate,
        flood_limit: int = DEFAULT_FLOOD_LIMIT,
        incidents: IncidentPlanner | None = None,
        answers: CitizenAnswers | None = None,
    ) -> None:
        self.incidents = incidents  # files each new ticket in an incident, in the ticket's own transaction
        self.answers = answers
        self.store = store
        self.thread_window = thread_window
        self.clock = clock
        self.new_ticket_number = new_ticket_number
        self.flood_limit = flood_limit

    def ingest(self, message: InboundMessage, received_at: datetime | None = None) -> IngestResult:
        """Store `message` exactly once: as a new ticket, a follow-up, an edit or a removal.

        `received_at` is when our webhook received it (the envelope's time); the platform's timestamp is
        clamped to it. Raises `UnstorableMessage` for content that can never be stored (park it),
        `OriginalNotStored` for a removal of a message not stored yet, and transient storage errors.
        """
        received = min(received_at or self.clock(), self.clock())
        key = message.dedup_key  # before clamping: a redelivered edit must keep its key
        message = clamp_clock(message, received)
        reason = unstorable_reason(message)
        if reason is not None:
            raise UnstorableMessage(reason)
        if self.answers is not None and message.action is MessageAction.NEW:
            number = parse_status_request(message.text)
            if number is not None:
                self.answers.request_status(_status_request(message, key, number))
                return IngestResult("status_requested", number)
        for _ in range(MAX_ATTEMPTS):
            try:
                if message.action is MessageAction.EDIT:
                    return self._edit(message, key, received)
                if message.action is MessageAction.REMOVE:
                    return self._remove(message, key)
                return self._new(message, received, (key,))
            except DuplicateMessage as duplicate:
                if duplicate.key in (None, key):
                    return IngestResult("duplicate", duplicate.ticket_no)
                continue  # an edit's original arrived meanwhile: apply the edit to it
            except (ConcurrentUpdate, TicketNumberTaken):
                continue
        raise ConcurrentUpdate(f"gave up after {MAX_ATTEMPTS} attempts")

    def _new(self, message: InboundMessage, received: datetime, dedup_keys: tuple[str, ...]) -> IngestResult:
        now = self.clock()
        pointer = self.store.get_pointer(message.conversation_key)
        rate = observe_rate(pointer.rate if pointer else RateState(), received, self.flood_limit)
        current = self.store.get_ticket(pointer.ticket_no) if pointer else None
        rating = parse_rating(message.text) if self.answers is not None and current is not None else None
        if (
            self.answers is not None
            and current is not None
            and rating is not None
            and current.status is TicketStatus.SELESAI
        ):
            self.answers.store_rating(current.ticket_no, rating, dedup_keys[0], now)
            return IngestResult("rated", current.ticket_no)
        own = own_triage(message)
        placement = place(current, message, own, self.thread_window, flooding=rate.flooding)
        if placement is Placement.JOIN and current is not None:
            updated = add_follow_up(current, message, now, received, own=own, rate=rate)
            followed: list[dict[str, Any]] = []
            if self.incidents is not None and current.incident is not None:
                updated, followed = self.incidents.follow_up(updated, now)  # in the follow-up's transaction
            self.store.add_message(
                updated,
                dedup_keys,
                expected_version=current.version,
                now=now,
                previous=pointer,
                rate=rate,
                extra=followed,
            )
            return IngestResult("appended", updated.ticket_no, placement, rate.flooding)
        if placement in (Placement.REOPEN, Placement.REMARK) and current is not None:
            if placement is Placement.REOPEN:
                updated = reopen_with(current, message, now, received, own=own, rate=rate)
            else:
                updated = add_remark(current, message, now, received)
            self.store.add_message(
                updated, dedup_keys, expected_version=current.version, now=now, previous=pointer, rate=rate
            )
            outcome: Outcome = "reopened" if placement is Placement.REOPEN else "remarked"
            return IngestResult(outcome, updated.ticket_no, placement, rate.flooding)
        related_to = current.ticket_no if current is not None and placement is not Placement.NEW else None
        ticket = open_ticket(
            message, self.new_ticket_number(), now, received, own=own, related_to=related_to, rate=rate
        )
        extra: list[dict[str, Any]] = []
        if self.incidents is not None:
            ticket, extra = self.incidents.plan(ticket, now)
        self.store.create_ticket(ticket, dedup_keys, previous=pointer, now=now, rate=rate, extra=extra)
        return IngestResult("created", ticket.ticket_no, placement, rate.flooding)

    def _edit(self, message: InboundMessage, key: str, received: datetime) -> IngestResult:
        target = target_id(message)
        original_key = f"{message.channel.value}#{target}"
        ticket_no = self.store.ticket_for_message(original_key)
        ticket = self.store.get_ticket(ticket_no) if ticket_no else None
        if ticket is None:
            # The edit arrived before its original: it becomes the message, and the original, when it
            # comes, is a duplicate of it (its text is older than the edit's).
            as_new = message.model_copy(
                update={"action": MessageAction.NEW, "platform_message_id": target, "target_message_id": None}
            )
            return self._new(as_new, received, (key, original_key))
        updated = edit_message(ticket, message, self.clock())
        self.store.update_ticket(updated, key, expected_version=ticket.version, now=self.clock())
        return IngestResult("edited", ticket.ticket_no)

    def _remove(self, message: InboundMessage, key: str) -> IngestResult:
        ticket_no = self.store.ticket_for_message(f"{message.channel.value}#{target_id(message)}")
        ticket = self.store.get_ticket(ticket_no) if ticket_no else None
        if ticket is None:
            raise OriginalNotStored("removal of a message that is not stored (yet)")
        updated = remove_message(ticket, message, self.clock())
        self.store.update_ticket(updated, key, expected_version=ticket.version, now=self.clock())
        return IngestResult("removed", ticket.ticket_no)


def _status_request(message: InboundMessage, key: str, ticket_no: str) -> StatusRequest:
    return StatusRequest(
        request_key=key,
        ticket_no=ticket_no,
        channel=message.channel.value,
        platform_id=message.citizen.platform_id,
        conversation_id=message.conversation_id,
        message_id=message.platform_message_id,
        message_kind=message.kind,
        public=message.public,
        sent_at=message.sent_at,
    )
