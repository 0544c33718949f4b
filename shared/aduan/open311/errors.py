"""Every error of the Open311 API in one table, answered in Open311's error format
(`[{"code": 403, "description": "..."}]`, `<errors><error>...</error></errors>`).

Descriptions name the parameter that failed, never what was sent (it can hold names and phone numbers);
exception text and stack traces never reach a client. Nothing a client sends is answered with a 5xx.
"""

from __future__ import annotations

from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyPersistenceLayerError,
    IdempotencyValidationError,
)
from pydantic import ValidationError

from aduan.errors import ConcurrentUpdate, InvalidPayload, StorageUnavailable


class Open311Error(Exception):
    """An answer in Open311's error format: an HTTP status and a description (English, as the spec's)."""

    status = 400

    def __init__(self, description: str, status: int | None = None) -> None:
        super().__init__(description)
        self.description = description
        if status is not None:
            self.status = status


class BadRequest(Open311Error):
    status = 400


class Forbidden(Open311Error):
    status = 403


class NotFound(Open311Error):
    status = 404


class PayloadTooLarge(Open311Error):
    status = 413


class UnsupportedMediaType(Open311Error):
    status = 415


#: (exception type, HTTP status, description), most specific first. Open311Error carries its own.
ERRORS: tuple[tuple[type[Exception], int, str], ...] = (
    (IdempotencyAlreadyInProgressError, 409, "A request with this Idempotency-Key is still being processed; retry"),
    (IdempotencyValidationError, 422, "This Idempotency-Key was already used with different parameters"),
    (InvalidPayload, 400, "The service request cannot be stored (invalid text)"),
    (IdempotencyPersistenceLayerError, 503, "Service temporarily unavailable; retry"),
    (ConcurrentUpdate, 503, "Service temporarily unavailable; retry"),
    (StorageUnavailable, 503, "Service temporarily unavailable; retry"),
)
HANDLED: tuple[type[Exception], ...] = (Open311Error, ValidationError, *(kind for kind, _, _ in ERRORS))
RETRY_AFTER_SECONDS = 1


def describe(exc: Exception) -> tuple[int, str]:
    """The status and description of an error; raises `exc` again if it is not one of the table's."""
    if isinstance(exc, Open311Error):
        return exc.status, exc.description
    if isinstance(exc, ValidationError):
        return 400, validation_description(exc)
    for kind, status, description in ERRORS:
        if isinstance(exc, kind):
            return status, description
    raise exc


def validation_description(exc: ValidationError) -> str:
    """`Invalid parameters: lat (less_than_equal), service_code (missing)`: fields and problems only."""
    problems = []
    for error in exc.errors(include_input=False, include_url=False, include_context=False):
        field = ".".join(str(part) for part in error["loc"]) or "location"
        problems.append(f"{field} ({error['type']})")
    return "Invalid parameters: " + ", ".join(sorted(set(problems)))
