"""Make moto's DynamoDB behave like DynamoDB under concurrent requests.

moto runs a transaction by snapshotting the tables, applying the writes and restoring the snapshot if a
condition fails. Two requests at once (moto server is threaded) can then interleave: a failed
transaction restores a snapshot taken before another request's writes and silently erases them, or lets
a duplicate through. DynamoDB itself makes every request atomic. Serialising moto's mutating DynamoDB
operations restores that property, which the deduplication tests and the local stack rely on.

The rollback also replaces each table with a deep copy, stream shard included, while open shard iterators
keep pointing at the old shard: after the first failed transaction (a duplicate delivery) the stream
would go silent for its reader. The patched transaction puts the original shard back, trimmed to the
records it had before the transaction.
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
        if name == "transact_write_items":
            original = _keeping_stream_shards(original)
        setattr(DynamoDBBackend, name, _locked(original))


def _keeping_stream_shards(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(backend: Any, *args: Any, **kwargs: Any) -> Any:
        shards = {
            name: (table.stream_shard, len(table.stream_shard.items))
            for name, table in backend.tables.items()
            if getattr(table, "stream_shard", None) is not None
        }
        try:
            return method(backend, *args, **kwargs)
        except Exception:
            for name, (shard, length) in shards.items():
                table = backend.tables.get(name)
                if table is not None and table.stream_shard is not shard:
                    del shard.items[length:]
                    table.stream_shard = shard
            raise

    return wrapper


def _locked(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _LOCK:
            return method(*args, **kwargs)

    wrapper._aduan_serialized = True  # type: ignore[attr-defined]
    return wrapper
