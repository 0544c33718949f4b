"""Event source mappings run locally: SQS pollers (several concurrent batches) and a DynamoDB-stream poller.

They follow Lambda's documented behaviour: batches, event filtering, partial batch responses
(``ReportBatchItemFailures``), the queue's redrive policy (applied by moto when it receives a message more
than ``maxReceiveCount`` times), and for streams in-order processing per shard with retries,
``MaximumRetryAttempts``, ``BisectBatchOnFunctionError``, ``ParallelizationFactor`` (concurrent batches per
shard, records of one partition key in order) and the ``OnFailure`` destination.

Local deviations, for speed: a failed SQS message becomes visible again after ``retry_visibility`` seconds
(default 2) instead of the queue's VisibilityTimeout, and stream retries back off from 0.2 s to at most 2 s.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import threading
import time
import uuid
import zlib
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from devstack.cfn import SqsSource, StreamSource
from devstack.persistence import reading_as
from devstack.runtime import Invocation, Runtime

logger = logging.getLogger("devstack.pollers")

#: Batches Lambda's SQS event source mapping processes at once when a standard queue has a backlog (it starts
#: with five pollers; the local stack also bounds them by the function's concurrency).
SQS_CONCURRENT_BATCHES = 5

# --------------------------------------------------------------------------------------------- filtering


class FilterPatternError(ValueError):
    """A filter pattern Lambda would reject."""


def matches_filters(filters: Sequence[Mapping[str, Any]], record: Mapping[str, Any]) -> bool:
    """Lambda event filtering: no filters keep everything; otherwise a record must match any pattern."""
    return not filters or any(matches_pattern(pattern, record) for pattern in filters)


def matches_pattern(pattern: Mapping[str, Any], event: Mapping[str, Any]) -> bool:
    """Whether ``event`` matches one JSON filter pattern (Lambda/EventBridge semantics).

    Objects nest; a leaf is an array of alternatives: exact values (string, number, boolean, null) or
    ``{"prefix"}``, ``{"suffix"}``, ``{"equals-ignore-case"}``, ``{"anything-but"}``, ``{"numeric"}``,
    ``{"exists"}``. An event array matches when any of its elements matches.
    """
    for key, rule in pattern.items():
        present = key in event
        value = event.get(key)
        if isinstance(rule, Mapping):
            if present and not isinstance(value, Mapping):
                return False
            if not matches_pattern(rule, value if isinstance(value, Mapping) else {}):
                return False
        elif isinstance(rule, list):
            if not _matches_alternatives(rule, present, value):
                return False
        else:
            raise FilterPatternError(f"filter pattern leaf for {key!r} must be an array, got {rule!r}")
    return True


def _matches_alternatives(rules: list[Any], present: bool, value: Any) -> bool:
    candidates = value if isinstance(value, list) else [value]
    for rule in rules:
        if isinstance(rule, Mapping) and "exists" in rule:
            exists = present and not isinstance(value, Mapping)
            if bool(rule["exists"]) == exists:
                return True
            continue
        if present and any(_matches_value(rule, candidate) for candidate in candidates):
            return True
    return False


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _matches_value(rule: Any, value: Any) -> bool:  # noqa: PLR0911 - one branch per operator
    if rule is None or isinstance(rule, bool):
        return value is rule
    if _is_number(rule):
        return _is_number(value) and float(value) == float(rule)
    if isinstance(rule, str):
        return isinstance(value, str) and value == rule
    if not isinstance(rule, Mapping) or len(rule) != 1:
        raise FilterPatternError(f"invalid filter rule {rule!r}")
    ((operator, operand),) = rule.items()
    if operator == "prefix":
        if isinstance(operand, Mapping) and "equals-ignore-case" in operand:
            return isinstance(value, str) and value.lower().startswith(str(operand["equals-ignore-case"]).lower())
        return isinstance(value, str) and value.startswith(operand)
    if operator == "suffix":
        if isinstance(operand, Mapping) and "equals-ignore-case" in operand:
            return isinstance(value, str) and value.lower().endswith(str(operand["equals-ignore-case"]).lower())
        return isinstance(value, str) and value.endswith(operand)
    if operator == "equals-ignore-case":
        return isinstance(value, str) and value.lower() == str(operand).lower()
    if operator == "anything-but":
        if isinstance(operand, Mapping):
            return not _matches_value(operand, value)
        excluded = operand if isinstance(operand, list) else [operand]
        return not any(_matches_value(item, value) for item in excluded)
    if operator == "numeric":
        return _is_number(value) and _matches_numeric(operand, float(value))
    raise FilterPatternError(f"filter operator {operator!r} is not supported locally")


def _matches_numeric(conditions: list[Any], value: float) -> bool:
    if len(conditions) % 2:
        raise FilterPatternError(f"numeric filter needs operator/value pairs: {conditions!r}")
    checks = {
        "=": lambda a, b: a == b,
        "<": lambda a, b: a < b,
        "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b,
        ">=": lambda a, b: a >= b,
    }
    for operator, operand in zip(conditions[::2], conditions[1::2], strict=True):
        if operator not in checks:
            raise FilterPatternError(f"numeric operator {operator!r}")
        if not checks[operator](value, float(operand)):
            return False
    return True


def sqs_filter_view(record: Mapping[str, Any]) -> dict[str, Any]:
    """The shape Lambda filters an SQS record on: the record, with a JSON body parsed."""
    view = dict(record)
    with contextlib.suppress(TypeError, ValueError):
        view["body"] = json.loads(record["body"])
    return view


# --------------------------------------------------------------------------------------------- records


def sqs_record(message: Mapping[str, Any], queue_arn: str, region: str) -> dict[str, Any]:
    """A Lambda SQS event record from a ReceiveMessage result."""
    attributes = {key: str(value) for key, value in (message.get("Attributes") or {}).items()}
    message_attributes = {}
    for name, attr in (message.get("MessageAttributes") or {}).items():
        converted: dict[str, Any] = {
            "stringListValues": [],
            "binaryListValues": [],
            "dataType": attr["DataType"],
        }
        if "StringValue" in attr:
            converted["stringValue"] = attr["StringValue"]
        if "BinaryValue" in attr:
            converted["binaryValue"] = base64.b64encode(attr["BinaryValue"]).decode("ascii")
        message_attributes[name] = converted
    record: dict[str, Any] = {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": attributes,
        "messageAttributes": message_attributes,
        "md5OfBody": message.get("MD5OfBody", ""),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": region,
    }
    if message.get("MD5OfMessageAttributes"):
        record["md5OfMessageAttributes"] = message["MD5OfMessageAttributes"]
    return record


def _json_safe(value: Any) -> Any:
    """DynamoDB attribute values as Lambda serialises them (binary as base64)."""
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Mapping):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [_json_safe(item) for item in value]
    return value


#: Which parts of a record the filter patterns read: a key maps to the parts below it, or to None for all of it.
FilterShape = dict[str, Any]


def filter_shape(filters: Sequence[Mapping[str, Any]]) -> FilterShape:
    """The union of the paths ``filters`` read (a leaf anywhere means the whole value below it)."""
    shape: FilterShape = {}

    def merge(into: FilterShape, pattern: Mapping[str, Any]) -> None:
        for key, rule in pattern.items():
            if isinstance(rule, Mapping) and (key not in into or into[key] is not None):
                merge(into.setdefault(key, {}), rule)
            else:
                into[key] = None

    for pattern in filters:
        merge(shape, pattern)
    return shape


def _project(value: Any, shape: FilterShape | None) -> Any:
    """The parts of ``value`` that ``shape`` names, each as :func:`_json_safe` makes it."""
    if shape is None or not isinstance(value, Mapping):
        return _json_safe(value)
    return {key: _project(value[key], sub) for key, sub in shape.items() if key in value}


def stream_record(
    record: Mapping[str, Any], stream_arn: str, region: str, images: FilterShape | None = None
) -> dict[str, Any]:
    """A Lambda DynamoDB stream event record from a GetRecords result.

    With ``images`` (a :func:`filter_shape`), the keys and images hold only the attributes it names: enough
    to match the filters, without converting every attribute of records the filters drop.
    """
    dynamodb = record["dynamodb"]
    created = dynamodb.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        # moto's own records carry a naive UTC time (botocore's parsed ones an aware one)
        created_epoch = int((created if created.tzinfo else created.replace(tzinfo=UTC)).timestamp())
    else:
        created_epoch = int(float(created)) if created is not None else int(time.time())
    # None: convert every part (no shape, or a filter reads the whole `dynamodb` object)
    wanted = None if images is None else images.get("dynamodb", {})

    def convert(part: str) -> Any:
        if wanted is None:
            return _json_safe(dynamodb[part])
        return _project(dynamodb[part], wanted[part]) if part in wanted else {}

    body: dict[str, Any] = {"ApproximateCreationDateTime": created_epoch, "Keys": convert("Keys")}
    for image in ("NewImage", "OldImage"):
        if image in dynamodb:
            body[image] = convert(image)
    body["SequenceNumber"] = str(dynamodb["SequenceNumber"])
    body["SizeBytes"] = int(dynamodb.get("SizeBytes", 0))
    body["StreamViewType"] = dynamodb.get("StreamViewType", "NEW_AND_OLD_IMAGES")
    return {
        "eventID": record["eventID"],
        "eventName": record["eventName"],
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": region,
        "dynamodb": body,
        "eventSourceARN": stream_arn,
    }


def failed_item_ids(result: Any, batch_ids: Sequence[str]) -> list[str] | None:
    """Ids a partial batch response reports as failed.

    Returns ``None`` when everything succeeded, or the failed ids; an invalid response (a failure with an
    empty or unknown ``itemIdentifier``, or a malformed ``batchItemFailures``) fails the whole batch, as on
    Lambda.
    """
    if not isinstance(result, Mapping) or result.get("batchItemFailures") is None:
        return None
    failures = result["batchItemFailures"]
    if not isinstance(failures, list):
        return list(batch_ids)
    if not failures:
        return None
    ids = []
    for failure in failures:
        identifier = failure.get("itemIdentifier") if isinstance(failure, Mapping) else None
        if not identifier or identifier not in batch_ids:
            logger.warning("invalid batchItemFailures entry %r: the whole batch fails", failure)
            return list(batch_ids)
        ids.append(str(identifier))
    return ids


# --------------------------------------------------------------------------------------------- pollers


class _Poller:
    """A daemon thread calling ``poll_once`` until stopped; AWS errors are logged and retried."""

    name = "poller"

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def poll_once(self) -> int:  # pragma: no cover - overridden
        raise NotImplementedError

    def start(self) -> None:
        """Start polling in a daemon thread."""
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5) -> None:
        """Ask the thread to stop and wait for it."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=timeout)

    @property
    def stopping(self) -> bool:
        """True once :meth:`stop` was called."""
        return self._stop.is_set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once()
            except (BotoCoreError, ClientError):
                if self._stop.is_set():
                    return
                logger.exception("%s: AWS call failed; retrying in 1 s", self.name)
                self._stop.wait(1)


class SqsPoller(_Poller):
    """Lambda's SQS event source mapping for one function event."""

    def __init__(
        self,
        source: SqsSource,
        runtime: Runtime,
        sqs: Any,
        *,
        region: str,
        wait_seconds: int = 1,
        retry_visibility: int | None = 2,
    ) -> None:
        super().__init__()
        self.source = source
        self.runtime = runtime
        self.sqs = sqs
        self.region = region
        self.wait_seconds = wait_seconds
        self.retry_visibility = retry_visibility
        self.queue_name = source.queue_arn.rsplit(":", 1)[-1]
        self.name = f"sqs:{self.queue_name}->{source.function}"
        self._queue_url: str | None = None

    @property
    def queue_url(self) -> str:
        """The queue's URL (looked up once)."""
        if self._queue_url is None:
            account = self.source.queue_arn.split(":")[4]
            self._queue_url = self.sqs.get_queue_url(QueueName=self.queue_name, QueueOwnerAWSAccountId=account)[
                "QueueUrl"
            ]
        return self._queue_url

    def _receive(self, count: int, wait: int) -> list[dict[str, Any]]:
        response = self.sqs.receive_message(
            QueueUrl=self.queue_url,
            MaxNumberOfMessages=min(10, count),
            WaitTimeSeconds=wait,
            MessageSystemAttributeNames=["All"],
            MessageAttributeNames=["All"],
        )
        return list(response.get("Messages") or [])

    def poll_once(self) -> int:
        """Receive one batch and invoke the function with it; return the number of records received."""
        messages = self._receive(self.source.batch_size, self.wait_seconds)
        deadline = time.monotonic() + self.source.batching_window
        while messages and len(messages) < self.source.batch_size:
            more = self._receive(self.source.batch_size - len(messages), 0)
            if not more and time.monotonic() >= deadline:
                break
            messages.extend(more)
        if not messages:
            return 0
        records = [sqs_record(message, self.source.queue_arn, self.region) for message in messages]
        kept = [r for r in records if matches_filters(self.source.filters, sqs_filter_view(r))]
        dropped = [r for r in records if r not in kept]
        if dropped:  # Lambda deletes messages its filters reject
            self._delete(dropped)
        if not kept:
            return len(records)
        invocation = self.runtime.invoke({"Records": kept}, source=f"SQS {self.queue_name}")
        ids = [r["messageId"] for r in kept]
        if not invocation.ok:
            failed = ids
        elif self.source.report_batch_item_failures:
            failed = failed_item_ids(invocation.result, ids) or []
        else:
            failed = []
        self._delete([r for r in kept if r["messageId"] not in failed])
        retry = [r for r in kept if r["messageId"] in failed]
        if retry and self.retry_visibility is not None:
            self._make_visible(retry)
        _log_invocation(invocation, f"SQS {self.queue_name}", len(kept), len(failed))
        return len(records)

    def _delete(self, records: Iterable[Mapping[str, Any]]) -> None:
        entries = [{"Id": str(i), "ReceiptHandle": r["receiptHandle"]} for i, r in enumerate(records)]
        for start in range(0, len(entries), 10):
            self.sqs.delete_message_batch(QueueUrl=self.queue_url, Entries=entries[start : start + 10])

    def _make_visible(self, records: Iterable[Mapping[str, Any]]) -> None:
        entries = [
            {"Id": str(i), "ReceiptHandle": r["receiptHandle"], "VisibilityTimeout": self.retry_visibility}
            for i, r in enumerate(records)
        ]
        for start in range(0, len(entries), 10):
            self.sqs.change_message_visibility_batch(QueueUrl=self.queue_url, Entries=entries[start : start + 10])


class StreamPoller(_Poller):
    """Lambda's DynamoDB-stream event source mapping for one function event (in order, per shard).

    With a ``ParallelizationFactor`` above 1, the records read from a shard are spread over that many lanes
    by a hash of their partition key, and the lanes' batches run concurrently, as Lambda does: the records of
    one partition key stay in one lane, in order, each after the one before succeeded or was discarded. The
    shard is read again only once every lane has finished (so a GetRecords position still means that every
    earlier record was processed: the journal's checkpoint relies on it).
    """

    def __init__(
        self,
        source: StreamSource,
        runtime: Runtime,
        streams: Any,
        *,
        region: str,
        sqs: Any = None,
        sns: Any = None,
        poll_interval: float = 0.2,
        retry_delay: float = 0.2,
        max_retry_delay: float = 2.0,
    ) -> None:
        super().__init__()
        self.source = source
        self.runtime = runtime
        self.streams = streams
        self.sqs = sqs
        self.sns = sns
        self.region = region
        self.poll_interval = poll_interval
        self.retry_delay = retry_delay
        self.max_retry_delay = max_retry_delay
        self.table = source.stream_arn.split(":table/")[-1].split("/")[0]
        self.name = f"stream:{self.table}->{source.function}"
        self._iterators: dict[str, str | None] = {}
        self._hash_key: str | None = None
        self._filter_shape: FilterShape | None = None
        self.lanes = max(1, min(10, source.parallelization_factor))  # Lambda allows 1 to 10
        self._lane_pool = ThreadPoolExecutor(self.lanes, thread_name_prefix=self.name) if self.lanes > 1 else None

    def _refresh_shards(self) -> None:
        description = self.streams.describe_stream(StreamArn=self.source.stream_arn)["StreamDescription"]
        for key in description.get("KeySchema") or []:
            if key.get("KeyType") == "HASH":
                self._hash_key = key["AttributeName"]
        for shard in description.get("Shards") or []:
            shard_id = shard["ShardId"]
            if shard_id not in self._iterators:
                iterator_type = "LATEST" if self.source.starting_position == "LATEST" else "TRIM_HORIZON"
                self._iterators[shard_id] = self.streams.get_shard_iterator(
                    StreamArn=self.source.stream_arn, ShardId=shard_id, ShardIteratorType=iterator_type
                )["ShardIterator"]

    def poll_once(self) -> int:
        """Read every shard once and process what arrived; return the number of records read."""
        self._refresh_shards()
        total = 0
        for shard_id, iterator in list(self._iterators.items()):
            if iterator is None:
                continue
            with reading_as(self.name):  # the journal keeps each reader's own checkpoint
                response = self.streams.get_records(ShardIterator=iterator, Limit=1000)
            self._iterators[shard_id] = response.get("NextShardIterator")
            raw = response.get("Records") or []
            total += len(raw)
            records = self.kept_records(raw)
            lanes = self.partition(records)
            if self._lane_pool is None or len(lanes) == 1:
                for lane in lanes:
                    self._run_lane(shard_id, lane)
            else:
                futures = [self._lane_pool.submit(self._run_lane, shard_id, lane) for lane in lanes]
                for future in futures:
                    future.result()  # every lane finishes before the shard is read again
            if self.stopping:
                return total
        if total == 0:
            self._stop.wait(self.poll_interval)
        return total

    def kept_records(self, raw: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Lambda records of the GetRecords ``raw`` that pass the filters; only those are converted in full."""
        arn, region, filters = self.source.stream_arn, self.region, self.source.filters
        if not filters:
            return [stream_record(r, arn, region) for r in raw]
        if self._filter_shape is None:
            self._filter_shape = filter_shape(filters)
        return [
            stream_record(r, arn, region)
            for r in raw
            if matches_filters(filters, stream_record(r, arn, region, images=self._filter_shape))
        ]

    def partition(self, records: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        """The non-empty lanes of ``records``: by a stable hash of the partition key, each in stream order."""
        if self.lanes == 1:
            return [list(records)] if records else []
        lanes: list[list[dict[str, Any]]] = [[] for _ in range(self.lanes)]
        for record in records:
            lanes[self.lane_of(record)].append(record)
        return [lane for lane in lanes if lane]

    def lane_of(self, record: Mapping[str, Any]) -> int:
        """The lane of a record: a stable hash of its partition key (its whole key before the schema is read)."""
        keys = record["dynamodb"]["Keys"]
        key = keys.get(self._hash_key) if self._hash_key else keys
        return zlib.crc32(json.dumps(key, sort_keys=True).encode()) % self.lanes

    def _run_lane(self, shard_id: str, records: list[dict[str, Any]]) -> None:
        for start in range(0, len(records), self.source.batch_size):
            if self.stopping:
                return
            self._process(shard_id, records[start : start + self.source.batch_size])

    def stop(self, timeout: float = 5) -> None:
        super().stop(timeout)
        if self._lane_pool is not None:
            self._lane_pool.shutdown(wait=False, cancel_futures=True)

    def _process(self, shard_id: str, batch: list[dict[str, Any]]) -> None:
        """Invoke until the batch succeeds or its records are discarded, like Lambda's shard iterator."""
        pending: deque[tuple[list[dict[str, Any]], int]] = deque([(batch, 0)])
        source = f"DynamoDB {self.table}"
        while pending and not self.stopping:
            records, retries = pending.popleft()
            invocation = self.runtime.invoke({"Records": records}, source=source)
            sequence_numbers = [r["dynamodb"]["SequenceNumber"] for r in records]
            function_error = not invocation.ok
            if invocation.ok:
                failed = (
                    failed_item_ids(invocation.result, sequence_numbers)
                    if self.source.report_batch_item_failures
                    else None
                )
                _log_invocation(invocation, source, len(records), len(failed or []))
                if not failed:
                    continue
                first = min(sequence_numbers.index(seq) for seq in failed)
                remaining = records[first:]  # checkpoint before the first failure
            else:
                _log_invocation(invocation, source, len(records), len(records))
                remaining = records
            limit = self.source.maximum_retry_attempts
            if 0 <= limit <= retries:
                self._discard(shard_id, remaining, retries + 1, function_error)
                continue
            if function_error and self.source.bisect_on_error and len(remaining) > 1:
                middle = len(remaining) // 2
                pending.appendleft((remaining[middle:], retries + 1))
                pending.appendleft((remaining[:middle], retries + 1))
            else:
                pending.appendleft((remaining, retries + 1))
            self._stop.wait(min(self.max_retry_delay, self.retry_delay * 2**retries))

    def on_failure_record(
        self, shard_id: str, records: Sequence[Mapping[str, Any]], invoke_count: int, function_error: bool
    ) -> dict[str, Any]:
        """The record Lambda sends to an OnFailure destination for discarded stream records."""
        first, last = records[0]["dynamodb"], records[-1]["dynamodb"]

        def iso(epoch: float) -> str:
            return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

        response_context: dict[str, Any] = {"statusCode": 200, "executedVersion": "$LATEST"}
        if function_error:
            response_context["functionError"] = "Unhandled"
        return {
            "requestContext": {
                "requestId": str(uuid.uuid4()),
                "functionArn": self.runtime.spec.arn,
                "condition": "RetryAttemptsExhausted",
                "approximateInvokeCount": invoke_count,
            },
            "responseContext": response_context,
            "version": "1.0",
            "timestamp": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "DDBStreamBatchInfo": {
                "shardId": shard_id,
                "startSequenceNumber": first["SequenceNumber"],
                "endSequenceNumber": last["SequenceNumber"],
                "approximateArrivalOfFirstRecord": iso(first["ApproximateCreationDateTime"]),
                "approximateArrivalOfLastRecord": iso(last["ApproximateCreationDateTime"]),
                "batchSize": len(records),
                "streamArn": self.source.stream_arn,
            },
        }

    def _discard(
        self, shard_id: str, records: Sequence[Mapping[str, Any]], invoke_count: int, function_error: bool
    ) -> None:
        body = json.dumps(self.on_failure_record(shard_id, records, invoke_count, function_error))
        destination = self.source.on_failure_arn
        logger.warning(
            "%s: %d record(s) %s..%s exhausted %d attempt(s); sent to %s",
            self.name,
            len(records),
            records[0]["dynamodb"]["SequenceNumber"],
            records[-1]["dynamodb"]["SequenceNumber"],
            invoke_count,
            destination or "nowhere (discarded)",
        )
        if destination is None:
            return
        if ":sqs:" in destination:
            parts = destination.split(":")
            url = self.sqs.get_queue_url(QueueName=parts[5], QueueOwnerAWSAccountId=parts[4])["QueueUrl"]
            self.sqs.send_message(QueueUrl=url, MessageBody=body)
        elif ":sns:" in destination:
            self.sns.publish(TopicArn=destination, Message=body)
        else:
            logger.error("%s: unsupported OnFailure destination %s", self.name, destination)


def _log_invocation(invocation: Invocation, source: str, records: int, failed: int) -> None:
    if not invocation.ok:
        outcome = f"ERROR {invocation.error_type}"
    elif failed:
        outcome = f"OK, {failed} failed item(s) reported"
    else:
        outcome = "OK"
    logger.info(
        "invoke %s via %s: %d record(s), %.0f ms%s, %s",
        invocation.function,
        source,
        records,
        invocation.duration_ms,
        invocation.start_note,
        outcome,
    )
