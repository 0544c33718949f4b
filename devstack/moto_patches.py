"""Make moto's DynamoDB behave like DynamoDB under concurrent requests.

moto runs a transaction by snapshotting the tables, applying the writes and restoring the snapshot if a
condition fails. Two requests at once (moto server is threaded) can then interleave: a failed
transaction restores a snapshot taken before another request's writes and silently erases them, or lets
a duplicate through. DynamoDB itself makes every request atomic. Serialising moto's mutating DynamoDB
operations restores that property, which the deduplication tests and the local stack rely on.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

_LOCK = threading.RLock()
_MUTATING = (
    "put_item",
    "update_item",
    "delete_item",
    "transact_write_items",
    "execute_statement",
    "batch_execute_statement",
)


def serialize_dynamodb_writes() -> None:
    """Patch moto's DynamoDB backend so mutating requests run one at a time (idempotent)."""
    from moto.dynamodb.models import DynamoDBBackend

    for name in _MUTATING:
        original = getattr(DynamoDBBackend, name)
        if getattr(original, "_aduan_serialized", False):
            continue
        setattr(DynamoDBBackend, name, _locked(original))


def _locked(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _LOCK:
            return method(*args, **kwargs)

    wrapper._aduan_serialized = True  # type: ignore[attr-defined]
    return wrapper
