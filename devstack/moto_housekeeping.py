"""Keep the embedded moto server's memory flat while the stream poller runs for hours.

moto keeps every DynamoDB-stream shard iterator it ever handed out, in its backend and in the model registry
that ``/moto-api/data.json`` dumps. The stream poller calls GetRecords five times a second, so an idle stack
would grow by about 25 MB an hour and ``make outbox`` (which reads data.json) would slow down with it. A
shard iterator is used once by the poller; this patch forgets each iterator once GetRecords has consumed it.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from typing import Any


def forget_consumed_shard_iterators() -> None:
    """Patch moto's DynamoDB Streams backend so GetRecords releases the iterator it consumed (idempotent)."""
    from moto.dynamodbstreams.models import DynamoDBStreamsBackend, ShardIterator

    original: Callable[..., dict[str, Any]] = DynamoDBStreamsBackend.get_records
    if getattr(original, "_devstack_housekeeping", False):
        return

    @functools.wraps(original)
    def get_records(self: DynamoDBStreamsBackend, iterator_arn: str, limit: int) -> dict[str, Any]:
        result = original(self, iterator_arn, limit)
        used = self.shard_iterators.pop(iterator_arn, None)
        tracked: list[Any] = ShardIterator.instances_tracked  # type: ignore[attr-defined]
        if used is not None:
            with contextlib.suppress(ValueError):  # already released by a concurrent call
                tracked.remove(used)
        return result

    get_records._devstack_housekeeping = True  # type: ignore[attr-defined]
    DynamoDBStreamsBackend.get_records = get_records  # type: ignore[method-assign]
