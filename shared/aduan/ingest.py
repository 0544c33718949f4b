"""Turning one citizen message into a ticket: deduplicated, threaded, triaged.

Concurrency is handled with optimistic, conditional writes (see `aduan.store`): the same message
delivered several times at once yields one ticket, and two different messages from one citizen at
once join one ticket.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from aduan import ticket_number
from aduan.errors import ConcurrentUpdate, DuplicateMessage, TicketNumberTaken
from aduan.models import InboundMessage, utcnow
from aduan.store import TicketStore
from aduan.tickets import accepts_follow_up, add_follow_up, open_ticket

MAX_ATTEMPTS = 8


@dataclass(frozen=True, slots=True)
class IngestResult:
    outcome: Literal["created", "appended", "duplicate"]
    ticket_no: str | None


class Ingestor:
    def __init__(
        self,
        store: TicketStore,
        thread_window: timedelta,
        clock: Callable[[], datetime] = utcnow,
        new_ticket_number: Callable[[], str] = ticket_number.generate,
    ) -> None:
        self.store = store
        self.thread_window = thread_window
        self.clock = clock
        self.new_ticket_number = new_ticket_number

    def ingest(self, message: InboundMessage) -> IngestResult:
        """Store `message` exactly once: as a new ticket or as a follow-up to the citizen's open ticket."""
        for _ in range(MAX_ATTEMPTS):
            now = self.clock()
            pointer = self.store.get_pointer(message.citizen.channel.value, message.citizen.platform_id)
            current = self.store.get_ticket(pointer.ticket_no) if pointer else None
            try:
                if current is not None and accepts_follow_up(current, message, self.thread_window):
                    updated = add_follow_up(current, message, now)
                    self.store.add_message(updated, message.dedup_key, expected_version=current.version, now=now)
                    return IngestResult("appended", updated.ticket_no)
                ticket = open_ticket(message, self.new_ticket_number(), now)
                self.store.create_ticket(ticket, message.dedup_key, previous=pointer, now=now)
                return IngestResult("created", ticket.ticket_no)
            except DuplicateMessage as duplicate:
                return IngestResult("duplicate", duplicate.ticket_no)
            except (ConcurrentUpdate, TicketNumberTaken):
                continue
        raise ConcurrentUpdate(f"gave up after {MAX_ATTEMPTS} attempts")
