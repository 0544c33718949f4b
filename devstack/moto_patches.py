"""Make moto's DynamoDB behave like DynamoDB under load and under concurrent requests (moto 5.2).

Four narrow fixes, each one moto could take upstream:

* **Atomic requests.** moto server is threaded and its DynamoDB backend is not: two requests at once can
  interleave (a failed transaction's rollback could erase another request's write, or let a duplicate
  through), and a reader iterating a table while a writer adds to it fails with ``RuntimeError: dictionary
  changed size during iteration``. DynamoDB makes every request atomic; every item operation, and every
  stream ``GetRecords``, runs under one lock (moto is bound by the GIL anyway, so the lock costs no
  parallelism).
* **Transactions without a table copy.** moto's ``transact_write_items`` deep-copies every table it touches
  before writing, to restore it if a condition fails: time and memory per transaction grow with the table, so
  a load grows with the square of the data. The replacement evaluates every condition first (DynamoDB checks
  them all against the state before the transaction; no two operations may touch one item), writes only when
  all pass, and keeps an undo log of the touched items for a write that still fails half-way (an update
  expression that does not apply). The table, its stream shard and the shard iterators open on it stay the
  same objects, and a cancelled transaction leaves no stream record.
* **Reads that do not write.** ``Table.get_item`` on a table with a sort key inserted an empty partition into
  the table's ``defaultdict`` for every key it did not find; it now returns ``None`` without touching the table.
* **A model registry that does not keep everything.** Every moto model instance (each ``Item`` written, each
  copy of a table or of a received SQS message) is appended to its class's ``instances_tracked`` list, which
  only ``/moto-api/data.json`` and S3's reset read, and is never released. The registry now holds its
  instances weakly: it lists what is alive and lets the rest go.

:func:`add_write_observer` lets the local stack's journal see every DynamoDB write that succeeded, with the
keys it touched, while the lock is still held (so the journal's order is the order the writes happened in).
"""

from __future__ import annotations

import copy
import functools
import inspect
import json
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

_LOCK = threading.RLock()
_CONTEXT = threading.local()

#: Backend methods that change items, serialised and observed.
_ITEM_WRITES = ("put_item", "update_item", "delete_item", "transact_write_items")
#: PartiQL writes: the keys they touch are not known before they run, so observers see whole tables.
_STATEMENT_WRITES = ("execute_statement", "batch_execute_statement", "execute_transaction")
#: Backend methods that read items: serialised so no read iterates a table while a write changes it.
_READS = ("get_item", "query", "scan")

_PATCHED = "_aduan_patched"


@dataclass
class DynamoDBChange:
    """What one successful write request changed: keys per table, or whole tables for PartiQL."""

    backend: Any
    keys: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    whole_tables: bool = False
    stream_marks: dict[str, tuple[Any, int]] = field(default_factory=dict)

    def touch(self, table_name: str, key: dict[str, Any]) -> None:
        self.keys.setdefault(table_name, {})[json.dumps(key, sort_keys=True)] = key

    def new_stream_records(self, table_name: str) -> list[dict[str, Any]]:
        """The stream records this request added to ``table_name``'s shard."""
        table = self.backend.tables.get(table_name)
        mark = self.stream_marks.get(table_name)
        shard = getattr(table, "stream_shard", None)
        if shard is None:
            return []
        if mark is None or mark[0] is not shard:
            return [record.record for record in shard.items]
        return [record.record for record in shard.items[mark[1] :]]


WriteObserver = Callable[[DynamoDBChange], None]
_OBSERVERS: list[WriteObserver] = []


def add_write_observer(observer: WriteObserver) -> None:
    """Call ``observer`` after each successful DynamoDB write request, under the write lock."""
    if observer not in _OBSERVERS:
        _OBSERVERS.append(observer)


def remove_write_observer(observer: WriteObserver) -> None:
    """Stop calling ``observer``."""
    if observer in _OBSERVERS:
        _OBSERVERS.remove(observer)


def serialize_dynamodb_writes() -> None:
    """Install every fix above (idempotent). The name is historical: it started with the lock alone."""
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.table import Table

    track_instances_weakly()
    if not getattr(Table.get_item, _PATCHED, False):
        Table.get_item = _get_item_without_inserting(Table.get_item)  # type: ignore[method-assign]
    if not getattr(DynamoDBBackend.transact_write_items, "_aduan_undo_log", False):
        DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign,assignment]
    for name in (*_ITEM_WRITES, *_STATEMENT_WRITES, *_READS):
        original = getattr(DynamoDBBackend, name)
        if getattr(original, _PATCHED, False):
            continue
        setattr(DynamoDBBackend, name, _locked(name, original))
    # A stream reader must not see the records of a transaction that is still being written (or undone).
    from moto.dynamodbstreams.models import DynamoDBStreamsBackend

    if not getattr(DynamoDBStreamsBackend.get_records, _PATCHED, False):
        DynamoDBStreamsBackend.get_records = _locked("get_records", DynamoDBStreamsBackend.get_records)  # type: ignore[method-assign]


def _locked(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    signature = inspect.signature(method)
    observed = name in _ITEM_WRITES or name in _STATEMENT_WRITES

    @functools.wraps(method)
    def wrapper(backend: Any, *args: Any, **kwargs: Any) -> Any:
        with _LOCK:
            depth = getattr(_CONTEXT, "depth", 0)
            change: DynamoDBChange | None = getattr(_CONTEXT, "change", None) if depth else None
            if observed and depth == 0 and _OBSERVERS:
                change = DynamoDBChange(backend, stream_marks=_stream_marks(backend))
                _CONTEXT.change = change
            if observed and change is not None:
                _note(name, change, backend, signature.bind(backend, *args, **kwargs).arguments)
            _CONTEXT.depth = depth + 1
            try:
                result = method(backend, *args, **kwargs)
            finally:
                _CONTEXT.depth = depth
                if depth == 0:
                    _CONTEXT.change = None
            if depth == 0 and change is not None:
                for observer in list(_OBSERVERS):
                    observer(change)
            return result

    setattr(wrapper, _PATCHED, True)
    return wrapper


def _stream_marks(backend: Any) -> dict[str, tuple[Any, int]]:
    return {
        name: (table.stream_shard, len(table.stream_shard.items))
        for name, table in backend.tables.items()
        if getattr(table, "stream_shard", None) is not None
    }


def _note(name: str, change: DynamoDBChange, backend: Any, arguments: dict[str, Any]) -> None:
    """Record the keys a write request is about to touch."""
    if name in _STATEMENT_WRITES:
        change.whole_tables = True
        return
    if name == "transact_write_items":
        for entry in arguments.get("transact_items") or []:
            for op_type, op in entry.items():
                if op_type in ("Put", "Update", "Delete") and isinstance(op, dict) and "TableName" in op:
                    key = _put_key(backend, op["TableName"], op.get("Item")) if op_type == "Put" else op.get("Key")
                    if key:
                        change.touch(op["TableName"], key)
        return
    table_name = arguments.get("table_name")
    key = _put_key(backend, table_name, arguments.get("item_attrs")) if name == "put_item" else arguments.get("key")
    if table_name and isinstance(key, dict):
        change.touch(table_name, key)


def _put_key(backend: Any, table_name: Any, attrs: Any) -> dict[str, Any] | None:
    table = backend.tables.get(table_name)
    if table is None or not isinstance(attrs, dict):
        return None
    names = [table.hash_key_attr] + ([table.range_key_attr] if table.range_key_attr else [])
    if not all(name in attrs for name in names):
        return None
    return {name: attrs[name] for name in names}


def _get_item_without_inserting(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def get_item(table: Any, hash_key: Any, range_key: Any = None, projection_expression: Any = None) -> Any:
        if range_key and hash_key not in table.items:
            return None  # moto's ``self.items[hash_key][range_key]`` would insert an empty partition
        return method(table, hash_key, range_key, projection_expression)

    setattr(get_item, _PATCHED, True)
    return get_item


def transact_write_items(backend: Any, transact_items: list[dict[str, Any]]) -> None:
    """``DynamoDBBackend.transact_write_items``: check every condition, then write, with an undo log."""
    from moto.dynamodb.exceptions import TooManyTransactionsException, TransactionCanceledException

    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    plan, reasons = _check_transaction(backend, transact_items)
    if any(code is not None for code, _, _ in reasons):
        raise TransactionCanceledException(reasons)
    _apply_transaction(backend, plan)


_Reason = tuple[str | None, str | None, dict[str, Any] | None]
_Plan = list[tuple[str, dict[str, Any], dict[str, Any]]]


def _check_transaction(backend: Any, transact_items: list[dict[str, Any]]) -> tuple[_Plan, list[_Reason]]:
    """Validate every operation and evaluate every condition against the state before the transaction."""
    from moto.dynamodb.exceptions import (
        MockValidationException,
        MultipleTransactionsException,
        TransactWriteSingleOpException,
    )

    targets: set[tuple[str, str]] = set()
    plan: _Plan = []
    reasons: list[_Reason] = []
    for entry in transact_items:
        if len(entry) > 1:
            raise TransactWriteSingleOpException
        try:
            op_type, op = next(iter(entry.items()))
            if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
                raise ValueError("Unsupported transaction operation")
            key = _operation_key(backend, op_type, op)
            target = (str(op["TableName"]), str(dict(sorted(key.items()))))
            if target in targets:
                raise MultipleTransactionsException()
            targets.add(target)
            _check_condition(backend, op, key)
            plan.append((op_type, op, key))
            reasons.append((None, None, None))
        except (MultipleTransactionsException, MockValidationException):
            raise
        except _ConditionFailed as error:
            reasons.append(("ConditionalCheckFailed", error.message, error.old_image))
        except Exception as error:  # noqa: BLE001 - moto reports any other failure as the item's reason
            reasons.append((type(error).__name__, str(error), None))
    return plan, reasons


def _operation_key(backend: Any, op_type: str, op: dict[str, Any]) -> dict[str, Any]:
    if op_type != "Put":
        return op["Key"]  # type: ignore[no-any-return]
    table = backend.get_table(op["TableName"])
    attrs = op["Item"]
    key = {table.hash_key_attr: attrs[table.hash_key_attr]}
    if table.range_key_attr is not None:
        key[table.range_key_attr] = attrs[table.range_key_attr]
    return key


class _ConditionFailed(Exception):
    def __init__(self, message: str, old_image: dict[str, Any] | None) -> None:
        super().__init__(message)
        self.message = message
        self.old_image = old_image


def _check_condition(backend: Any, op: dict[str, Any], key: dict[str, Any]) -> None:
    from moto.dynamodb.comparisons import get_filter_expression

    current = backend.get_item(op["TableName"], key)
    condition = op.get("ConditionExpression")
    if condition is None:
        return
    condition_op = get_filter_expression(
        condition, op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")
    )
    if not condition_op.expr(current):
        old_image = None
        if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
            old_image = current.to_json()["Attributes"]
        raise _ConditionFailed("The conditional request failed", old_image)


def _apply_transaction(backend: Any, plan: _Plan) -> None:
    """Every condition holds: write, remembering each touched item as it was, and undo on a failure."""
    from moto.dynamodb.exceptions import MockValidationException, TransactionCanceledException

    undo: list[tuple[Any, Any, Any, Any]] = []
    shards = _stream_marks(backend)
    index = -1
    try:
        for index, (op_type, op, key) in enumerate(plan):  # noqa: B007 - index is read on failure
            if op_type == "ConditionCheck":
                continue
            table = backend.get_table(op["TableName"])
            hash_value, range_value = backend.get_keys_value(table, key)
            before = table.get_item(hash_value, range_value)
            # An update changes the stored Item in place; a put or a delete replaces or removes it.
            undo.append((table, hash_value, range_value, copy.deepcopy(before) if op_type == "Update" else before))
            if op_type == "Put":
                backend.put_item(op["TableName"], op["Item"])
            elif op_type == "Delete":
                backend.delete_item(op["TableName"], key)
            else:
                backend.update_item(
                    op["TableName"],
                    key,
                    update_expression=op["UpdateExpression"],
                    expression_attribute_names=op.get("ExpressionAttributeNames"),
                    expression_attribute_values=op.get("ExpressionAttributeValues"),
                )
    except Exception as error:
        for table, hash_value, range_value, before in reversed(undo):
            _restore(table, hash_value, range_value, before)
        for shard, length in shards.values():
            del shard.items[length:]
        if isinstance(error, MockValidationException):
            raise
        failed: list[_Reason] = [(None, None, None)] * len(plan)
        failed[index] = (type(error).__name__, str(error), None)
        raise TransactionCanceledException(failed) from error


transact_write_items._aduan_undo_log = True  # type: ignore[attr-defined]


def _restore(table: Any, hash_value: Any, range_value: Any, before: Any) -> None:
    if table.range_key_attr is None:
        if before is None:
            table.items.pop(hash_value, None)
        else:
            table.items[hash_value] = before
        return
    if before is None:
        partition = table.items.get(hash_value)
        if partition is not None:
            partition.pop(range_value, None)
            if not partition:
                del table.items[hash_value]
    else:
        table.items[hash_value][range_value] = before


class WeakInstances:
    """moto's per-class ``instances_tracked`` list, holding its instances weakly.

    It supports what moto does with the list (``append``, iteration, ``remove``, ``len``); iteration lists the
    instances still alive, in creation order. Dead references are dropped as the list grows (amortised O(1)).
    """

    _MIN_COMPACT = 1024

    def __init__(self, instances: Iterable[Any] = ()) -> None:
        self._lock = threading.Lock()
        self._refs: list[Callable[[], Any]] = []
        self._compact_at = self._MIN_COMPACT
        for instance in instances:
            self.append(instance)

    def append(self, instance: Any) -> None:
        try:
            ref: Callable[[], Any] = weakref.ref(instance)
        except TypeError:  # a class with __slots__ and no __weakref__: kept, as moto always did

            def ref(instance: Any = instance) -> Any:
                return instance

        with self._lock:
            self._refs.append(ref)
            if len(self._refs) >= self._compact_at:
                self._refs = [r for r in self._refs if r() is not None]
                self._compact_at = max(self._MIN_COMPACT, 2 * len(self._refs))

    def remove(self, instance: Any) -> None:
        with self._lock:
            for position, ref in enumerate(self._refs):
                if ref() is instance:
                    del self._refs[position]
                    return
        raise ValueError("instance not tracked")

    def clear(self) -> None:
        with self._lock:
            self._refs = []

    def __iter__(self) -> Iterator[Any]:
        for ref in list(self._refs):
            instance = ref()
            if instance is not None:
                yield instance

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __bool__(self) -> bool:
        return any(True for _ in self)


def _tracked(cls: type) -> WeakInstances:
    registry = cls.__dict__.get("_aduan_instances")
    if registry is None:
        # The class was made before the patch: move what moto's strong list holds, then empty that list.
        legacy = cls.__dict__.get("instances_tracked")
        registry = WeakInstances(legacy or ())
        if isinstance(legacy, list):
            legacy.clear()
        type.__setattr__(cls, "_aduan_instances", registry)
    return registry  # type: ignore[no-any-return]


def _set_tracked(cls: type, instances: Iterable[Any]) -> None:
    type.__setattr__(cls, "_aduan_instances", WeakInstances(instances))


def track_instances_weakly() -> None:
    """Make every moto model class's ``instances_tracked`` a :class:`WeakInstances` (idempotent).

    A property on moto's ``InstanceTrackerMeta`` takes precedence over the list stored in each class, so
    classes made before and after this call, and moto's own ``cls.instances_tracked = []`` resets, all go
    through it.
    """
    from moto.core.base_backend import InstanceTrackerMeta

    if isinstance(InstanceTrackerMeta.__dict__.get("instances_tracked"), property):
        return
    InstanceTrackerMeta.instances_tracked = property(_tracked, _set_tracked)  # type: ignore[attr-defined]
