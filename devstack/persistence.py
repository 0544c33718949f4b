"""Durable local state: a write-ahead journal of what the embedded AWS endpoint accepted.

moto keeps everything in memory; a restart or a SIGKILL of ``make dev`` would lose every ticket and every
delivery the webhook had already acknowledged (platforms never resend what was answered 200). While the stack
runs, every change the embedded endpoint makes to data is appended to ``<state dir>/journal.jsonl`` *before*
the request that made it returns, from inside moto's backends (so SQS messages, receipt handles and DynamoDB
conditions are moto's own; the journal only records outcomes):

* DynamoDB: after each successful write request (``PutItem``, ``UpdateItem``, ``DeleteItem``,
  ``BatchWriteItem``, ``TransactWriteItems``, PartiQL), the new image of every touched item (or its removal)
  and the stream records the request added, in one line, under the write lock (see
  :func:`devstack.moto_patches.add_write_observer`). A stream reader asking for records at position *p*
  has processed everything before *p* (Lambda's in-order shard processing), so ``GetRecords`` journals that
  checkpoint, per reader (a stream has several consumers: the notifier, the SLA tracker, the evidence
  dispatcher; each poller names itself with :func:`reading_as`); a restart puts back the records that the
  slowest reader has not processed (a reader that was ahead sees some again: at least once, as on Lambda,
  never lost).
* SQS: every message entering a queue (``SendMessage``, batches, SNS fan-out, a redrive to the dead-letter
  queue) with its id, and every deletion and purge. Messages come back visible, with their original ids.
* SNS: every SMS and every message published to a topic (what ``make outbox`` shows); a restart restores
  them without delivering them again.
* S3: objects put and deleted (large deliveries are stored there and referenced from the queue).

Each line is written with one ``write`` to a file opened with ``O_APPEND``: it is in the operating system's
hands when the request returns, so it survives the process being killed (not a power cut; pass
``fsync=True`` for that, at a few milliseconds per write). A line torn by a crash can only be the last one and
is ignored.

At start, :meth:`Persistence.restore` reads the journal, folds it into the current state (the last image of
each item, the messages still in their queues...), puts that state into the fresh moto, and rewrites the
journal as that state alone (compaction, via a temporary file and an atomic rename), so the journal holds one
line per live object plus what happened since the start. Control-plane state (tables, queues, topics,
parameters) is not journaled: it comes from template.yaml and the seed at every start.
"""

from __future__ import annotations

import base64
import contextlib
import contextvars
import fcntl
import functools
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from devstack import REPO_ROOT

logger = logging.getLogger("devstack.persistence")

#: Where ``make dev`` keeps its state unless told otherwise (gitignored).
DEFAULT_STATE_DIR = REPO_ROOT / ".devstack"
JOURNAL_NAME = "journal.jsonl"
LOCK_NAME = "lock"
#: Items or records per line in a compacted journal.
_CHUNK = 500

_BYTES = "__devstack_bytes__"
_DATETIME = "__devstack_datetime__"


class StateDirInUseError(RuntimeError):
    """Another local stack holds this state directory."""


def _encode(value: Any) -> Any:
    if isinstance(value, bytes | bytearray):
        return {_BYTES: base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"cannot journal a {type(value).__name__}")


def _decode(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if _BYTES in obj:
            return base64.b64decode(obj[_BYTES])
        if _DATETIME in obj:
            return datetime.fromisoformat(obj[_DATETIME])
    return obj


def dumps(entry: dict[str, Any]) -> bytes:
    """One journal line: UTF-8, or all ASCII (``\\u`` escapes) when the entry holds text that is not valid
    Unicode (a lone surrogate in a message a platform sent), which UTF-8 cannot encode but JSON escapes can."""
    line = json.dumps(entry, default=_encode, ensure_ascii=False, separators=(",", ":")) + "\n"
    try:
        return line.encode()
    except UnicodeEncodeError:
        return (json.dumps(entry, default=_encode, ensure_ascii=True, separators=(",", ":")) + "\n").encode()


def read_journal(path: Path) -> Iterator[dict[str, Any]]:
    """The entries of a journal; a torn last line (a crash in mid-write) is skipped, a torn middle one is not."""
    if not path.exists():
        return
    with path.open("rb") as journal:
        pending: bytes | None = None
        for line in journal:
            if pending is not None:
                raise ValueError(f"{path}: unreadable line in the middle of the journal: {pending[:80]!r}")
            try:
                yield json.loads(line, object_hook=_decode)
            except ValueError:
                pending = line
        if pending is not None:
            logger.warning("%s: ignoring a torn last line (%d bytes), written when the stack died", path, len(pending))


class Journal:
    """An append-only file of JSON lines, each written with one ``write`` before the caller returns."""

    def __init__(self, path: Path, *, fsync: bool = False) -> None:
        self.path = path
        self.fsync = fsync
        self._lock = threading.Lock()
        self._fd: int | None = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        self.entries = 0

    def append(self, entry: dict[str, Any]) -> None:
        data = dumps(entry)
        with self._lock:
            if self._fd is None:
                raise RuntimeError("the journal is closed")
            view = memoryview(data)
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
            if self.fsync:
                os.fsync(self._fd)
            self.entries += 1

    def close(self) -> None:
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None


# --------------------------------------------------------------------------------------------- the folded state
@dataclass
class TableState:
    items: dict[str, dict[str, Any]] = field(default_factory=dict)  # key JSON -> image
    records: list[dict[str, Any]] = field(default_factory=list)  # stream records, oldest first
    consumed_by: dict[str, int] = field(default_factory=dict)  # reader -> records[:n] it has processed
    positions: dict[str, int] = field(default_factory=dict)  # eventID -> index in records

    @property
    def consumed(self) -> int:
        """records[:consumed] were processed by every reader that has checkpointed."""
        return min(self.consumed_by.values(), default=0)

    def add_records(self, records: list[dict[str, Any]]) -> None:
        for record in records:
            self.positions[record["eventID"]] = len(self.records)
            self.records.append(record)


@dataclass
class State:
    """What the journal says the embedded endpoint holds."""

    tables: dict[tuple[str, str, str], TableState] = field(default_factory=dict)
    messages: dict[str, tuple[str, str, str, dict[str, Any]]] = field(default_factory=dict)  # id -> queue, message
    sms: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    notifications: dict[tuple[str, str, str], list[list[Any]]] = field(default_factory=dict)
    objects: dict[tuple[str, str, str, str], bytes] = field(default_factory=dict)

    def table(self, entry: dict[str, Any]) -> TableState:
        return self.tables.setdefault((entry["account"], entry["region"], entry["table"]), TableState())

    def apply(self, entry: dict[str, Any]) -> None:
        """Fold one journal entry in."""
        handler = getattr(self, "_" + entry["op"].replace(".", "_"), None)
        if handler is None:
            raise ValueError(f"unknown journal entry {entry['op']!r}")
        handler(entry)

    def _ddb(self, entry: dict[str, Any]) -> None:
        table = self.table(entry)
        if entry.get("replace"):
            table.items = {}
        for key, image in entry.get("put") or []:
            table.items[key] = image
        for key in entry.get("delete") or []:
            table.items.pop(key, None)
        table.add_records(entry.get("stream") or [])

    def _ddb_checkpoint(self, entry: dict[str, Any]) -> None:
        table = self.table(entry)
        position = table.positions.get(entry["after"])
        if position is not None:
            reader = entry.get("reader", "")
            table.consumed_by[reader] = max(table.consumed_by.get(reader, 0), position + 1)

    def _sqs_add(self, entry: dict[str, Any]) -> None:
        message = entry["message"]
        self.messages.pop(message["id"], None)  # a redrive moves it: a message is in one queue at a time
        self.messages[message["id"]] = (entry["account"], entry["region"], entry["queue"], message)

    def _sqs_delete(self, entry: dict[str, Any]) -> None:
        for message_id in entry["ids"]:
            self.messages.pop(message_id, None)

    def _sqs_purge(self, entry: dict[str, Any]) -> None:
        place = (entry["account"], entry["region"], entry["queue"])
        self.messages = {k: v for k, v in self.messages.items() if v[:3] != place}

    def _sns_sms(self, entry: dict[str, Any]) -> None:
        self.sms.setdefault((entry["account"], entry["region"]), []).append(entry["sms"])

    def _sns_topic(self, entry: dict[str, Any]) -> None:
        place = (entry["account"], entry["region"], entry["topic"])
        self.notifications.setdefault(place, []).append(entry["notification"])

    def _s3_put(self, entry: dict[str, Any]) -> None:
        self.objects[(entry["account"], entry["region"], entry["bucket"], entry["key"])] = entry["body"]

    def _s3_delete(self, entry: dict[str, Any]) -> None:
        self.objects.pop((entry["account"], entry["region"], entry["bucket"], entry["key"]), None)

    def entries(self) -> Iterator[dict[str, Any]]:
        """This state as journal entries (what a compacted journal holds)."""
        for (account, region, name), table in self.tables.items():
            place = {"account": account, "region": region, "table": name}
            images = list(table.items.items())
            pending = table.records[table.consumed :]
            yield {"op": "ddb", **place, "replace": True, "put": images[:_CHUNK], "stream": pending[:_CHUNK]}
            for start in range(_CHUNK, max(len(images), len(pending)), _CHUNK):
                chunk = {"put": images[start : start + _CHUNK], "stream": pending[start : start + _CHUNK]}
                yield {"op": "ddb", **place, **chunk}
        for account, region, queue, message in self.messages.values():
            yield {"op": "sqs.add", "account": account, "region": region, "queue": queue, "message": message}
        for (account, region), sent in self.sms.items():
            for sms in sent:
                yield {"op": "sns.sms", "account": account, "region": region, "sms": sms}
        for (account, region, topic), notifications in self.notifications.items():
            for notification in notifications:
                yield {
                    "op": "sns.topic",
                    "account": account,
                    "region": region,
                    "topic": topic,
                    "notification": notification,
                }
        for (account, region, bucket, key), body in self.objects.items():
            yield {"op": "s3.put", "account": account, "region": region, "bucket": bucket, "key": key, "body": body}


def fold(path: Path) -> State:
    """Read a journal into the state it describes."""
    state = State()
    for entry in read_journal(path):
        state.apply(entry)
    return state


# ------------------------------------------------------------------------------------- putting state into moto
@dataclass
class RestoreReport:
    """What a restore put back, and how long it took."""

    items: int = 0
    stream_records: int = 0
    messages: int = 0
    sms: int = 0
    notifications: int = 0
    objects: int = 0
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        text = (
            f"{self.items} items ({self.stream_records} stream records not yet processed), {self.messages} queued"
            f" messages, {self.sms} SMS, {self.notifications} topic messages, {self.objects} objects"
            f" in {self.seconds * 1000:.0f} ms"
        )
        if self.skipped:
            text += "; not restored (no longer in the template): " + ", ".join(sorted(set(self.skipped)))
        return text


def load_into_moto(state: State) -> RestoreReport:
    """Put ``state`` into the running (fresh) moto backends, without side effects (no stream records, no
    deliveries, no notifications)."""
    report = RestoreReport()
    _load_tables(state, report)
    _load_messages(state, report)
    _load_sns(state, report)
    _load_objects(state, report)
    return report


def _load_tables(state: State, report: RestoreReport) -> None:
    from moto.dynamodb.models import dynamodb_backends
    from moto.dynamodb.models.dynamo_type import DynamoType, Item
    from moto.dynamodb.models.table import StreamRecord

    for (account, region, name), saved in state.tables.items():
        table = dynamodb_backends[account][region].tables.get(name)
        if table is None:
            report.skipped.append(f"table {name}")
            continue
        for image in saved.items.values():
            hash_value = DynamoType(image[table.hash_key_attr])
            if table.range_key_attr is not None:
                range_value = DynamoType(image[table.range_key_attr])
                table.items[hash_value][range_value] = Item(hash_value, range_value, image)
            else:
                table.items[hash_value] = Item(hash_value, None, image)  # type: ignore[assignment]
            report.items += 1
        shard = table.stream_shard
        if shard is None:
            continue
        for record in saved.records[saved.consumed :]:
            restored: Any = StreamRecord.__new__(StreamRecord)
            record["dynamodb"]["SequenceNumber"] = str(shard.starting_sequence_number + len(shard.items))
            restored.record = record
            shard.items.append(restored)
            report.stream_records += 1


def _load_messages(state: State, report: RestoreReport) -> None:
    from moto.sqs.models import Message, sqs_backends

    for account, region, queue_name, saved in state.messages.values():
        queue = sqs_backends[account][region].queues.get(queue_name)
        if queue is None:
            report.skipped.append(f"queue {queue_name}")
            continue
        message = Message(saved["id"], saved["body"], saved.get("system_attributes"))
        for attribute in ("message_attributes", "group_id", "deduplication_id", "sequence_number", "sent_timestamp"):
            if saved.get(attribute) is not None:
                setattr(message, attribute, saved[attribute])
        message.approximate_receive_count = int(saved.get("approximate_receive_count") or 0)
        with queue._messages_lock:
            queue._messages.append(message)
        report.messages += 1


def _load_sns(state: State, report: RestoreReport) -> None:
    from moto.sns.models import SMS, sns_backends

    for (account, region), sent in state.sms.items():
        backend = sns_backends[account][region]
        for sms in sent:
            backend.sms_messages[sms["id"]] = (sms["phone_number"], sms["message"])
            backend.sms_message_objects[sms["id"]] = SMS(sms["id"], sms["phone_number"], sms["message"])
            report.sms += 1
    for (account, region, topic_arn), notifications in state.notifications.items():
        topic = sns_backends[account][region].topics.get(topic_arn)
        if topic is None:
            report.skipped.append(f"topic {topic_arn.rsplit(':', 1)[-1]}")
            continue
        topic.sent_notifications.extend(tuple(n) for n in notifications)  # type: ignore[misc]
        report.notifications += len(notifications)


def _load_objects(state: State, report: RestoreReport) -> None:
    from moto.s3.models import s3_backends

    for (account, region, bucket, key), body in state.objects.items():
        backend = s3_backends[account][region]
        if bucket not in backend.buckets:
            report.skipped.append(f"bucket {bucket}")
            continue
        backend.put_object(bucket, key, body, disable_notification=True)
        report.objects += 1


# -------------------------------------------------------------------------------------------- recording in moto
_ACTIVE: Journal | None = None
_INSTALLED = False
_INSTALL_LOCK = threading.Lock()


def _record(entry: dict[str, Any]) -> None:
    journal = _ACTIVE
    if journal is not None:
        journal.append(entry)


def _key_json(key: dict[str, Any]) -> str:
    return json.dumps(key, sort_keys=True, separators=(",", ":"))


def _on_dynamodb_write(change: Any) -> None:
    if _ACTIVE is None:
        return
    backend = change.backend
    names = list(backend.tables) if change.whole_tables else list(change.keys)
    for name in names:
        table = backend.tables.get(name)
        if table is None:
            continue
        place = {"account": backend.account_id, "region": backend.region_name, "table": name}
        stream = change.new_stream_records(name)
        if change.whole_tables:
            images = [item.to_json()["Attributes"] for item in table.all_items()]
            put = [[_key_json(_key_of(table, image)), image] for image in images]
            _record({"op": "ddb", **place, "replace": True, "put": put, "stream": stream})
            continue
        put, delete = [], []
        for key in change.keys[name].values():
            try:
                hash_value, range_value = backend.get_keys_value(table, key)
            except Exception:  # noqa: BLE001, S112 - a malformed key was refused by the write itself
                continue
            item = table.get_item(hash_value, range_value)
            canonical = _key_json(_key_of(table, key))
            if item is None:
                delete.append(canonical)
            else:
                put.append([canonical, item.to_json()["Attributes"]])
        if put or delete or stream:
            _record({"op": "ddb", **place, "put": put, "delete": delete, "stream": stream})


def _key_of(table: Any, attrs: dict[str, Any]) -> dict[str, Any]:
    names = [table.hash_key_attr] + ([table.range_key_attr] if table.range_key_attr else [])
    return {name: attrs[name] for name in names}


def _message_record(message: Any) -> dict[str, Any]:
    return {
        "id": message.id,
        "body": message.body,
        "message_attributes": message.message_attributes,
        "system_attributes": message.system_attributes,
        "group_id": message.group_id,
        "deduplication_id": message.deduplication_id,
        "sequence_number": message.sequence_number,
        "sent_timestamp": message.sent_timestamp,
        "approximate_receive_count": message.approximate_receive_count,
    }


def _wrap(owner: type, name: str, make: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
    original = getattr(owner, name)
    if getattr(original, "_devstack_journaled", False):
        return
    wrapper = functools.wraps(original)(make(original))
    wrapper._devstack_journaled = True  # type: ignore[attr-defined]
    setattr(owner, name, wrapper)


def install_recording() -> None:
    """Patch moto's backends so every data change reaches the active journal (idempotent; inert without one)."""
    global _INSTALLED
    with _INSTALL_LOCK:
        if _INSTALLED:
            return
        from moto.dynamodbstreams.models import DynamoDBStreamsBackend
        from moto.s3.models import S3Backend
        from moto.sns.models import SNSBackend
        from moto.sqs.models import Queue, SQSBackend

        from devstack.moto_patches import add_write_observer, serialize_dynamodb_writes

        serialize_dynamodb_writes()
        add_write_observer(_on_dynamodb_write)
        _wrap(Queue, "add_message", _journal_add_message)
        _wrap(Queue, "delete_message", _journal_delete_message)
        _wrap(SQSBackend, "purge_queue", _journal_purge)
        _wrap(SNSBackend, "publish", _journal_publish)
        _wrap(S3Backend, "put_object", _journal_put_object)
        _wrap(S3Backend, "delete_object", _journal_delete_object)
        _wrap(DynamoDBStreamsBackend, "get_records", _journal_checkpoint)
        _INSTALLED = True


def _journal_add_message(original: Callable[..., Any]) -> Callable[..., Any]:
    def add_message(queue: Any, message: Any) -> None:
        if _ACTIVE is None:
            original(queue, message)
            return
        place = {"account": queue.account_id, "region": queue.region}
        # Journaled before it becomes visible: a consumer's deletion can never precede it in the journal.
        _record({"op": "sqs.add", **place, "queue": queue.name, "message": _message_record(message)})
        original(queue, message)
        if queue.fifo_queue and not any(m is message for m in queue._messages):  # dropped as a FIFO duplicate
            _record({"op": "sqs.delete", **place, "ids": [message.id]})

    return add_message


def _journal_delete_message(original: Callable[..., Any]) -> Callable[..., Any]:
    def delete_message(queue: Any, receipt_handle: str) -> None:
        ids = [m.id for m in queue._messages if m.had_receipt_handle(receipt_handle)] if _ACTIVE else []
        original(queue, receipt_handle)
        if ids:
            _record({"op": "sqs.delete", "account": queue.account_id, "region": queue.region, "ids": ids})

    return delete_message


def _journal_purge(original: Callable[..., Any]) -> Callable[..., Any]:
    def purge_queue(backend: Any, queue_name: str) -> None:
        original(backend, queue_name)
        _record({"op": "sqs.purge", "account": backend.account_id, "region": backend.region_name, "queue": queue_name})

    return purge_queue


def _journal_publish(original: Callable[..., Any]) -> Callable[..., Any]:
    def publish(backend: Any, message: str, arn: str | None, *args: Any, **kwargs: Any) -> str:
        message_id: str = original(backend, message, arn, *args, **kwargs)
        if _ACTIVE is None:
            return message_id
        place = {"account": backend.account_id, "region": backend.region_name}
        if message_id in backend.sms_messages:
            phone_number, text = backend.sms_messages[message_id]
            _record(
                {"op": "sns.sms", **place, "sms": {"id": message_id, "phone_number": phone_number, "message": text}}
            )
            return message_id
        topic = backend.topics.get(arn)
        if topic is not None:
            for notification in reversed(topic.sent_notifications):
                if notification[0] == message_id:
                    _record({"op": "sns.topic", **place, "topic": arn, "notification": list(notification)})
                    break
        return message_id

    return publish


def _journal_put_object(original: Callable[..., Any]) -> Callable[..., Any]:
    def put_object(backend: Any, bucket_name: str, key_name: str, value: bytes, *args: Any, **kwargs: Any) -> Any:
        key = original(backend, bucket_name, key_name, value, *args, **kwargs)
        if _ACTIVE is not None:
            place = {"account": backend.account_id, "region": backend.region_name}
            _record({"op": "s3.put", **place, "bucket": bucket_name, "key": key_name, "body": bytes(key.value)})
        return key

    return put_object


def _journal_delete_object(original: Callable[..., Any]) -> Callable[..., Any]:
    def delete_object(backend: Any, bucket_name: str, key_name: str, *args: Any, **kwargs: Any) -> Any:
        result = original(backend, bucket_name, key_name, *args, **kwargs)
        if _ACTIVE is not None:
            place = {"account": backend.account_id, "region": backend.region_name}
            _record({"op": "s3.delete", **place, "bucket": bucket_name, "key": key_name})
        return result

    return delete_object


_CHECKPOINTS: dict[tuple[int, str], str] = {}  # (id(shard), reader) -> eventID of the last record it processed
_READER: contextvars.ContextVar[str] = contextvars.ContextVar("devstack_stream_reader", default="")


@contextlib.contextmanager
def reading_as(reader: str) -> Iterator[None]:
    """``GetRecords`` calls made in this block checkpoint as ``reader`` (a stream poller's name)."""
    token = _READER.set(reader)
    try:
        yield
    finally:
        _READER.reset(token)


def _journal_checkpoint(original: Callable[..., Any]) -> Callable[..., Any]:
    def get_records(backend: Any, iterator_arn: str, limit: int) -> dict[str, Any]:
        iterator = backend.shard_iterators.get(iterator_arn)
        if _ACTIVE is not None and iterator is not None:
            shard = iterator.stream_shard
            position = iterator.sequence_number - shard.starting_sequence_number
            if 0 < position <= len(shard.items):
                last = shard.items[position - 1].record["eventID"]
                reader = _READER.get()
                if _CHECKPOINTS.get((id(shard), reader)) != last:
                    _CHECKPOINTS[(id(shard), reader)] = last
                    table = shard.table
                    _record(
                        {
                            "op": "ddb.checkpoint",
                            "account": table.account_id,
                            "region": table.region_name,
                            "table": table.name,
                            "after": last,
                            "reader": reader,
                        }
                    )
        result: dict[str, Any] = original(backend, iterator_arn, limit)
        return result

    return get_records


# ------------------------------------------------------------------------------------------------ the lifecycle
class Persistence:
    """The local stack's durable state in ``state_dir``: restore at start, journal while running."""

    def __init__(self, state_dir: Path, *, fsync: bool = False) -> None:
        self.state_dir = state_dir
        self.journal_path = state_dir / JOURNAL_NAME
        self.fsync = fsync
        self.journal: Journal | None = None
        self.report = RestoreReport()
        self._lock_fd: int | None = None

    def acquire(self) -> None:
        """Hold the state directory for this process (fails when another stack holds it)."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.state_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StateDirInUseError(
                f"another local stack is using {self.state_dir}: stop it, or pass --state-dir for a second one"
            ) from None
        self._lock_fd = fd

    def wipe(self) -> None:
        """Forget the saved state (``--fresh``)."""
        with contextlib.suppress(FileNotFoundError):
            self.journal_path.unlink()

    def restore(self) -> RestoreReport:
        """Put the journaled state into moto, compact the journal, and start journaling."""
        global _ACTIVE
        started = time.perf_counter()
        state = fold(self.journal_path)
        report = load_into_moto(state)
        temporary = self.journal_path.with_suffix(".compacting")
        with temporary.open("wb") as compacted:
            for entry in state.entries():
                compacted.write(dumps(entry))
            compacted.flush()
            os.fsync(compacted.fileno())
        os.replace(temporary, self.journal_path)
        directory = os.open(self.state_dir, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
        install_recording()
        _CHECKPOINTS.clear()
        self.journal = Journal(self.journal_path, fsync=self.fsync)
        _ACTIVE = self.journal
        report.seconds = time.perf_counter() - started
        self.report = report
        return report

    def close(self) -> None:
        """Stop journaling and release the state directory (idempotent)."""
        global _ACTIVE
        if self.journal is not None:
            if _ACTIVE is self.journal:
                _ACTIVE = None
            self.journal.close()
            self.journal = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
