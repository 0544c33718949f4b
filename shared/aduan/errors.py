"""Domain exceptions. Adapters translate AWS errors into these; handlers map them to responses."""

from __future__ import annotations


class AduanError(Exception):
    """Base class for Aduan's own errors."""


class InvalidPayload(AduanError):
    """A delivery that can never be processed, however often it is retried (a poison message)."""


class UnstorableMessage(InvalidPayload):
    """A message whose content can never be stored (text that is not valid Unicode, an item too large):
    parked with the reason at once instead of being retried. The reason names the field, never its content."""


class DuplicateMessage(AduanError):
    """The platform message was already stored (a re-delivery). `key` is the dedup key that was taken."""

    def __init__(self, ticket_no: str | None = None, key: str | None = None) -> None:
        super().__init__(ticket_no or "")
        self.ticket_no = ticket_no
        self.key = key


class ConcurrentUpdate(AduanError):
    """Someone else changed the item between our read and our conditional write; read again and retry."""


class TicketNumberTaken(AduanError):
    """A freshly generated ticket number collided with an existing one; generate another."""


class OriginalNotStored(AduanError):
    """A removal of a message we have not stored (yet): retried, since the original may still be on its
    way, and parked with this reason when the retries run out."""


class StorageUnavailable(AduanError):
    """A transient storage failure; the message is retried by its event source."""


class DeliveryFailed(AduanError):
    """An SMS or email publish was refused; `transient` ones are worth retrying later."""

    def __init__(self, code: str, *, transient: bool) -> None:
        super().__init__(code)
        self.code = code
        self.transient = transient
