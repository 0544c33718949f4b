"""Take the per-call cost out of the embedded moto server where it grows with the data (moto 5.2).

Profiled under `make load` (1,000 deliveries in 10 s), the embedded endpoint spent about 70 % of its CPU in
two places that do no useful work, each a narrow fix moto could take upstream:

* **SQS clock reads.** Every ``ReceiveMessage`` and ``GetQueueAttributes`` walks every message of the
  queue and asks each whether it is visible and whether it is delayed; each question reads the clock
  through ``moto.core.utils.unix_time_millis``, which builds two datetimes (and re-imports ``UTC``) to
  compute what ``time.time()`` gives. With a thousand messages queued and five pollers receiving, that was
  most of the server's time. The replacement reads ``time.time()`` (the same Unix milliseconds).
* **Queries that read the whole table.** moto's ``Table.query`` on the table itself (no index) lists every
  item of the table, sorted, to keep those of one partition key: each query of a ticket's alert ledger or a
  unit's roster cost time in the size of the table. :func:`fast_table_queries` hands it the partition's
  items only (moto sorts and filters them as before).
* **Backend lookup per request.** moto server finds the backend for every request by listing moto's
  package directory (``os.listdir`` plus an ``isdir`` per entry) and then matching the URL patterns of
  every service. :class:`CachedDispatcher` remembers the answer per host name (the inferred
  ``<service>.<region>.amazonaws.com``), which never changes while the server runs.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime
from typing import Any

from moto.moto_server.werkzeug_app import DomainDispatcherApplication

_PATCHED = "_devstack_fast_clock"


def fast_sqs_clock() -> None:
    """Make moto's SQS read the clock with ``time.time()`` (idempotent)."""
    from moto.sqs import models

    slow_millis = getattr(models, "unix_time_millis")  # noqa: B009 - moto does not export it
    slow_seconds = getattr(models, "unix_time")  # noqa: B009
    if getattr(slow_millis, _PATCHED, False):
        return

    def unix_time_millis(dt: datetime | None = None) -> float:
        return time.time() * 1000.0 if dt is None else float(slow_millis(dt))

    def unix_time(dt: datetime | None = None) -> float:
        return time.time() if dt is None else float(slow_seconds(dt))

    setattr(unix_time_millis, _PATCHED, True)
    setattr(models, "unix_time_millis", unix_time_millis)  # noqa: B010
    setattr(models, "unix_time", unix_time)  # noqa: B010


_PARTITION = threading.local()


def fast_table_queries() -> None:
    """Make a base-table query look at its partition only (idempotent)."""
    from moto.dynamodb.models.table import Table

    slow_query = Table.query
    if getattr(slow_query, _PATCHED, False):
        return
    slow_all_items = Table.all_items

    def all_items(self: Table) -> list[Any]:
        wanted = getattr(_PARTITION, "key", None)
        if wanted is None or wanted[0] is not self:
            return slow_all_items(self)
        partition = self.items.get(wanted[1])  # .get: never insert into moto's defaultdict
        if partition is None:
            return []
        return list(partition.values()) if self.range_key_attr else [partition]

    def query(self: Table, hash_key: Any, *args: Any, **kwargs: Any) -> Any:
        index_name = args[6] if len(args) > 6 else kwargs.get("index_name")
        if index_name or hash_key is None:
            return slow_query(self, hash_key, *args, **kwargs)
        previous = getattr(_PARTITION, "key", None)
        _PARTITION.key = (self, hash_key)
        try:
            return slow_query(self, hash_key, *args, **kwargs)
        finally:
            _PARTITION.key = previous

    setattr(query, _PATCHED, True)
    Table.all_items = all_items  # type: ignore[method-assign]
    Table.query = query  # type: ignore[method-assign]


class CachedDispatcher(DomainDispatcherApplication):
    """moto server's request dispatcher, remembering which backend serves each host name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._backends: dict[str, Any] = {}

    def get_backend_for_host(self, host: str | None) -> Any:
        if host is None:
            return None
        backend = self._backends.get(host)
        if backend is None:
            backend = super().get_backend_for_host(host)
            if backend is not None:
                self._backends[host] = backend
        return backend


class InProcessStreams:
    """The three DynamoDB Streams calls a stream poller makes, answered by moto's backend in this process.

    The pollers run in the embedded endpoint's process; over HTTP, every record of the table (both images of
    every item written, for each of the stream's consumers) was serialised to JSON by moto and parsed back
    by botocore, which under load was the largest single cost of the endpoint. The backend's methods are
    the patched ones (under the DynamoDB lock, journaling the checkpoint, forgetting used iterators), and
    the records have the shape GetRecords returns. An error of moto's becomes a ``ClientError``, which the
    poller logs and retries, as it does over HTTP.
    """

    def __init__(self, account_id: str, region: str) -> None:
        self.account_id = account_id
        self.region = region

    @property
    def _backend(self) -> Any:
        from moto.dynamodbstreams.models import dynamodbstreams_backends

        return dynamodbstreams_backends[self.account_id][self.region]

    def _call(self, operation: str, method: str, *args: Any) -> Any:
        from botocore.exceptions import ClientError

        try:
            return getattr(self._backend, method)(*args)
        except Exception as error:
            code = getattr(error, "error_type", None) or type(error).__name__
            raise ClientError({"Error": {"Code": str(code), "Message": str(error)}}, operation) from error

    def describe_stream(self, StreamArn: str) -> dict[str, Any]:
        return {"StreamDescription": self._call("DescribeStream", "describe_stream", StreamArn)}

    def get_shard_iterator(
        self,
        StreamArn: str,
        ShardId: str,
        ShardIteratorType: str,
        SequenceNumber: str | None = None,
    ) -> dict[str, Any]:
        sequence = int(SequenceNumber) if SequenceNumber is not None else None
        iterator = self._call("GetShardIterator", "get_shard_iterator", StreamArn, ShardId, ShardIteratorType, sequence)
        return {"ShardIterator": iterator.arn}

    def get_records(self, ShardIterator: str, Limit: int = 1000) -> dict[str, Any]:
        result = self._call("GetRecords", "get_records", ShardIterator, Limit)
        return {"Records": list(result["Records"]), "NextShardIterator": result["NextShardIterator"]}
