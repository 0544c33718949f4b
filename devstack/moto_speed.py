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
* **Item responses serialised by shape.** moto 5.2 serialises every response by walking botocore's output
  shape, member by member, with alias lookups at each level; for DynamoDB's item operations (a query's items,
  an update's attributes) that walk was a third of the endpoint's CPU under load. Their results are already
  in the wire's form (``{"S": ...}`` maps), so :func:`fast_dynamodb_item_responses` writes them with
  ``json.dumps``: the same keys of the output shape, binary values in base64, as the serializer does
  (``tests/unit/test_moto_speed.py`` compares the two bodies for every item operation).
* **Items built in quadratic time.** moto's item attributes are a ``LimitedSizeDict`` that re-adds the size
  of every attribute already set each time one more is set, to enforce DynamoDB's 400 KB limit: building
  an item of n attributes costs n² size computations (each walking nested lists and maps), which was most of
  a ``PutItem``'s time for a ticket. :func:`fast_item_construction` computes the item's size once and
  raises the same ``ItemSizeTooLarge`` past the same limit.
* **Backend lookup per request.** moto server finds the backend for every request by listing moto's
  package directory (``os.listdir`` plus an ``isdir`` per entry) and then matching the URL patterns of
  every service. :class:`CachedDispatcher` remembers the answer per host name (the inferred
  ``<service>.<region>.amazonaws.com``), which never changes while the server runs.
"""

from __future__ import annotations

import base64
import json
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


#: DynamoDB operations whose results hold only items, keys, counts and consumed capacity (no timestamps).
ITEM_OPERATIONS = frozenset(
    {
        "GetItem",
        "PutItem",
        "UpdateItem",
        "DeleteItem",
        "Query",
        "Scan",
        "BatchGetItem",
        "BatchWriteItem",
        "TransactGetItems",
        "TransactWriteItems",
    }
)


def _wire_value(value: Any) -> str:
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"{type(value).__name__} is not part of an item response")


def fast_dynamodb_item_responses() -> None:
    """Serialise DynamoDB item operations' results with ``json.dumps`` (idempotent)."""
    from moto.core.responses import ActionResult
    from moto.dynamodb.responses import DynamoHandler

    slow_serialized = DynamoHandler.serialized
    if getattr(slow_serialized, _PATCHED, False):
        return
    members: dict[str, frozenset[str]] = {}

    def serialized(self: DynamoHandler, action_result: ActionResult) -> Any:
        result = action_result.result
        operation = self._get_action()
        if operation not in ITEM_OPERATIONS or not isinstance(result, dict):
            return slow_serialized(self, action_result)
        wanted = members.get(operation)
        if wanted is None:
            from moto.core.utils import get_service_model

            shape = get_service_model("dynamodb").operation_model(operation).output_shape
            wanted = members[operation] = frozenset(shape.members if shape is not None else ())
        body = json.dumps(
            {key: value for key, value in result.items() if key in wanted and value is not None}, default=_wire_value
        )
        headers = {"Content-Type": "application/x-amz-json-1.0"}
        headers.update(self.response_headers)
        return 200, headers, body

    setattr(serialized, _PATCHED, True)
    serialized.__wrapped__ = slow_serialized  # type: ignore[attr-defined]
    DynamoHandler.serialized = serialized  # type: ignore[method-assign,assignment]


#: moto's item size limit (DynamoDB's 400 KB, measured between 409 and 410 KB; moto checks 405,000 bytes).
ITEM_SIZE_LIMIT = 405_000


def fast_item_construction() -> None:
    """Build a moto ``Item``'s attributes with one size check instead of one per attribute (idempotent)."""
    from moto.dynamodb.exceptions import ItemSizeTooLarge
    from moto.dynamodb.models.dynamo_type import DynamoType, Item, LimitedSizeDict
    from moto.dynamodb.models.utilities import bytesize

    if getattr(Item.__init__, _PATCHED, False):
        return

    def __init__(self: Item, hash_key: DynamoType, range_key: DynamoType | None, attrs: dict[str, Any]) -> None:
        self.hash_key = hash_key
        self.range_key = range_key
        converted = {key: DynamoType(value) for key, value in attrs.items()}
        if sum(bytesize(key) + value.size() for key, value in converted.items()) > ITEM_SIZE_LIMIT:
            raise ItemSizeTooLarge
        self.attrs = LimitedSizeDict()
        dict.update(self.attrs, converted)  # checked above; later sets keep moto's per-set check

    setattr(__init__, _PATCHED, True)
    __init__.__wrapped__ = Item.__init__  # type: ignore[attr-defined]
    Item.__init__ = __init__  # type: ignore[method-assign]


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


class _InProcessBackend:
    """Calls answered by one of moto's backends in this process, its errors raised as botocore's."""

    def __init__(self, account_id: str, region: str) -> None:
        self.account_id = account_id
        self.region = region

    def _backends(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def _call(self, operation: str, method: str, *args: Any) -> Any:
        from botocore.exceptions import ClientError

        try:
            return getattr(self._backends()[self.account_id][self.region], method)(*args)
        except Exception as error:
            code = getattr(error, "error_type", None) or type(error).__name__
            raise ClientError({"Error": {"Code": str(code), "Message": str(error)}}, operation) from error


class InProcessStreams(_InProcessBackend):
    """The three DynamoDB Streams calls a stream poller makes, answered by moto's backend in this process.

    The pollers run in the embedded endpoint's process; over HTTP, every record of the table (both images of
    every item written, for each of the stream's consumers) was serialised to JSON by moto and parsed back
    by botocore, which under load was the largest single cost of the endpoint. The backend's methods are
    the patched ones (under the DynamoDB lock, journaling the checkpoint, forgetting used iterators), and
    the records have the shape GetRecords returns. An error of moto's becomes a ``ClientError``, which the
    poller logs and retries, as it does over HTTP.
    """

    def _backends(self) -> Any:
        from moto.dynamodbstreams.models import dynamodbstreams_backends

        return dynamodbstreams_backends

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


class InProcessQueues(_InProcessBackend):
    """The SQS calls an SQS poller makes, answered by moto's backend in this process.

    Each poller long-polls its queue; over HTTP every receive (and each deletion) was a request for the
    embedded server to parse and serialise and for botocore to sign and parse back, several per batch. The
    backend's methods are moto's own (journaled by the local stack's persistence, redriving to the
    dead-letter queue after ``maxReceiveCount`` receives), and the answers have the shapes botocore returns.
    An error of moto's becomes a ``ClientError``, which the poller logs and retries, as it does over HTTP.
    """

    def _backends(self) -> Any:
        from moto.sqs.models import sqs_backends

        return sqs_backends

    @staticmethod
    def _queue_name(queue_url: str) -> str:
        return queue_url.rsplit("/", 1)[-1]

    def get_queue_url(self, QueueName: str, QueueOwnerAWSAccountId: str | None = None) -> dict[str, Any]:
        queue = self._call("GetQueueUrl", "get_queue_url", QueueName)
        return {"QueueUrl": f"local://{queue.account_id}/{queue.name}"}

    def receive_message(
        self,
        QueueUrl: str,
        MaxNumberOfMessages: int = 1,
        WaitTimeSeconds: int = 0,
        MessageSystemAttributeNames: list[str] | None = None,
        MessageAttributeNames: list[str] | None = None,
        VisibilityTimeout: int | None = None,
    ) -> dict[str, Any]:
        name = self._queue_name(QueueUrl)
        if VisibilityTimeout is None:
            VisibilityTimeout = int(self._call("ReceiveMessage", "get_queue", name).visibility_timeout)
        received = self._call(
            "ReceiveMessage",
            "receive_message",
            name,
            MaxNumberOfMessages,
            WaitTimeSeconds,
            VisibilityTimeout,
            MessageAttributeNames or [],
        )
        messages = []
        for message in received:
            answer: dict[str, Any] = {
                "MessageId": message.id,
                "ReceiptHandle": message.receipt_handle,
                "MD5OfBody": message.body_md5,
                "Body": message.body,
                "Attributes": _system_attributes(message),
            }
            if message.message_attributes:
                answer["MessageAttributes"] = message.message_attributes
                answer["MD5OfMessageAttributes"] = message.attribute_md5
            messages.append(answer)
        return {"Messages": messages} if messages else {}

    def delete_message_batch(self, QueueUrl: str, Entries: list[dict[str, Any]]) -> dict[str, Any]:
        done, failed = self._call("DeleteMessageBatch", "delete_message_batch", self._queue_name(QueueUrl), Entries)
        return {"Successful": [{"Id": i} for i in done], "Failed": failed}

    def change_message_visibility_batch(self, QueueUrl: str, Entries: list[dict[str, Any]]) -> dict[str, Any]:
        done, failed = self._call(
            "ChangeMessageVisibilityBatch", "change_message_visibility_batch", self._queue_name(QueueUrl), Entries
        )
        return {"Successful": [{"Id": i} for i in done], "Failed": failed}


def _system_attributes(message: Any) -> dict[str, str]:
    """A received message's system attributes, as ``MessageSystemAttributeNames=["All"]`` returns them."""
    attributes = {
        "SenderId": str(message.sender_id),
        "SentTimestamp": str(message.sent_timestamp),
        "ApproximateReceiveCount": str(message.approximate_receive_count),
        "ApproximateFirstReceiveTimestamp": str(message.approximate_first_receive_timestamp),
    }
    if message.deduplication_id is not None:
        attributes["MessageDeduplicationId"] = str(message.deduplication_id)
    if message.group_id is not None:
        attributes["MessageGroupId"] = str(message.group_id)
    if message.system_attributes and message.system_attributes.get("AWSTraceHeader"):
        attributes["AWSTraceHeader"] = str(message.system_attributes["AWSTraceHeader"].get("StringValue"))
    if message.sequence_number is not None:
        attributes["SequenceNumber"] = str(message.sequence_number)
    return attributes
