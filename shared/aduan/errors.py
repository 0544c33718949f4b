"""Domain exceptions. Adapters translate AWS errors into these; handlers map them to responses."""

from __future__ import annotations


class AduanError(Exception):
    """Base class for Aduan's own errors."""


class InvalidPayload(AduanError):
    """A delivery that can never be processed, however often it is retried (a poison message)."""


class DuplicateMessage(AduanError):
    """The platform message was already stored (a re-delivery)."""

    def __init__(self, ticket_no: str | None = None) -> None:
        super().__init__(ticket_no or "")
        self.ticket_no = ticket_no


class ConcurrentUpdate(AduanError):
    """Someone else changed the item between our read and our conditional write; read again and retry."""


class TicketNumberTaken(AduanError):
    """A freshly generated ticket number collided with an existing one; generate another."""


class StorageUnavailable(AduanError):
    """A transient storage failure; the message is retried by its event source."""
