"""DynamoDB adapter for the single Aduan table.

Item layout (pk / sk):
- `TICKET#<no>` / `TICKET`: the ticket (its stream records drive the notifier).
- `TICKET#<no>` / `ALERT#<level>#<medium>#<target>`: the alert ledger, one item per alert delivery: claimed
  (`pending`) before it is sent, then marked `sent` or `failed` with its details (who, when, the SNS message
  id or the error). It is the delivery history; the ticket item is not rewritten by an alert.
- `MSG#<dedup key>` / `MSG`: deduplication of platform messages (and of their edits and removals).
- `CITIZEN#<conversation key>` / `OPEN`: the conversation's latest ticket, for threading, and its recent
  message times, for the flood limit (a citizen's DM and their public comment are two conversations).
- `ROSTER#<unit>` / `OFFICER#<id>`: the duty roster.

Every write that must not be doubled is conditional; `ClientError` becomes a domain exception here and
nowhere else.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from aduan import aws
from aduan.errors import (
    ConcurrentUpdate,
    DuplicateMessage,
    StorageUnavailable,
    TicketNumberTaken,
    UnstorableMessage,
)
from aduan.models import Officer, Ticket
from aduan.tickets import RateState

TICKET_SK = "TICKET"
DEDUP_RETENTION = timedelta(days=90)  # far beyond any platform's retry window (WhatsApp: 7 days)

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


def to_attr(value: Any) -> dict[str, Any]:
    """A Python value (floats allowed) as a DynamoDB attribute value."""
    return dict(_serializer.serialize(json.loads(json.dumps(value), parse_float=Decimal)))


def to_item(data: dict[str, Any]) -> dict[str, Any]:
    return {k: to_attr(v) for k, v in data.items() if v is not None}


def from_item(item: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(_deserializer.deserialize(v)) for k, v in item.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | set | tuple):
        return [_plain(v) for v in value]
    return value


def ticket_key(ticket_no: str) -> dict[str, Any]:
    return {"pk": {"S": f"TICKET#{ticket_no}"}, "sk": {"S": TICKET_SK}}


def ticket_to_item(ticket: Ticket) -> dict[str, Any]:
    """The stored shape: the ticket document plus top-level attributes for filters and indexes."""
    doc = ticket.model_dump(mode="json")
    doc.update(
        pk=f"TICKET#{ticket.ticket_no}",
        sk=TICKET_SK,
        type="ticket",
        category=ticket.triage.category,
        priority=ticket.triage.priority,
        area=ticket.triage.area or "tidak_diketahui",
        sensitive=ticket.triage.sensitive,
        # Only on tickets with attachments: the evidence dispatcher's stream filter (`exists`) reads it.
        media_count=sum(len(m.media) for m in ticket.messages) or None,
    )
    return to_item(doc)


def ticket_from_item(item: dict[str, Any]) -> Ticket:
    return Ticket.model_validate(from_item(item))


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


@dataclass(frozen=True, slots=True)
class OpenPointer:
    """A conversation's latest ticket as recorded for threading, with its recent message times.

    `seq` counts the pointer's writes; every write is conditional on the one read (None: written before
    pointers were counted), so two messages of one conversation at once never both move it.
    """

    ticket_no: str
    last_message_at: str
    seq: int | None = None
    rate: RateState = field(default_factory=RateState)


class TableAdapter:
    """Shared plumbing: the table name and a lazily created, reused DynamoDB client."""

    def __init__(self, table_name: str, client: Any = None) -> None:
        self.table_name = table_name
        self._client = client

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = aws.client("dynamodb")
        return self._client

    def _call(self, operation: str, **kwargs: Any) -> dict[str, Any]:
        try:
            return getattr(self.client, operation)(**kwargs)  # type: ignore[no-any-return]
        except ClientError as exc:
            raise _storage_error(exc) from exc


def _storage_error(exc: ClientError) -> Exception:
    """A DynamoDB refusal that retrying cannot fix (the item itself is invalid, e.g. too large) is
    `UnstorableMessage`; anything else is transient."""
    code = exc.response["Error"]["Code"]
    if code == "ValidationException":
        return UnstorableMessage(f"DynamoDB refused the item ({code})")
    return StorageUnavailable(code)


class TicketStore(TableAdapter):
    """Tickets, message deduplication, threading pointers and the alert ledger."""

    # ------------------------------------------------------------------ reads
    def get_ticket(self, ticket_no: str) -> Ticket | None:
        item = self._call("get_item", TableName=self.table_name, Key=ticket_key(ticket_no), ConsistentRead=True)
        return ticket_from_item(item["Item"]) if "Item" in item else None

    def get_pointer(self, conversation_key: str) -> OpenPointer | None:
        item = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": f"CITIZEN#{conversation_key}"}, "sk": {"S": "OPEN"}},
            ConsistentRead=True,
        ).get("Item")
        if not item:
            return None
        data = from_item(item)
        return OpenPointer(
            ticket_no=data["ticket_no"],
            last_message_at=data["last_message_at"],
            seq=data.get("seq"),
            rate=RateState(
                recent=tuple(float(t) for t in data.get("recent") or ()), flooding=bool(data.get("flooding"))
            ),
        )

    def ticket_for_message(self, dedup_key: str) -> str | None:
        item = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": f"MSG#{dedup_key}"}, "sk": {"S": "MSG"}},
            ConsistentRead=True,
        ).get("Item")
        return item["ticket_no"]["S"] if item else None

    # ------------------------------------------------------------------ writes
    def create_ticket(
        self,
        ticket: Ticket,
        dedup_keys: str | Sequence[str],
        previous: OpenPointer | None,
        now: datetime,
        rate: RateState | None = None,
        extra: Sequence[dict[str, Any]] = (),
    ) -> None:
        """Store a new ticket, its message's dedup records and the conversation's pointer, all or nothing.

        `extra` are more transaction items written with them (the ticket's incident: `aduan.adapters.
        incident_store`). Raises `DuplicateMessage` (a message is already stored; `key` says which),
        `TicketNumberTaken`, or `ConcurrentUpdate` (another message of the conversation moved the pointer
        first, or an `extra` item's condition failed).
        """
        dedups = self._dedup_puts(dedup_keys, ticket.ticket_no, now)
        self._transact(
            [
                *dedups,
                {
                    "Put": {
                        "TableName": self.table_name,
                        "Item": ticket_to_item(ticket),
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                },
                self._pointer_put(ticket, previous, rate),
                *extra,
            ],
            on_condition=(
                *(DuplicateMessage for _ in dedups),
                TicketNumberTaken,
                ConcurrentUpdate,
                *(ConcurrentUpdate for _ in extra),
            ),
        )

    def add_message(
        self,
        ticket: Ticket,
        dedup_keys: str | Sequence[str],
        expected_version: int,
        now: datetime,
        previous: OpenPointer | None = None,
        rate: RateState | None = None,
        extra: Sequence[dict[str, Any]] = (),
    ) -> None:
        """Store a follow-up: the updated ticket (if nobody changed it since we read it), the dedup
        records and the conversation's pointer (if nobody moved it since we read it); `extra` are more items
        written with them (the ticket's incident brought up to date; a failed condition: `ConcurrentUpdate`)."""
        dedups = self._dedup_puts(dedup_keys, ticket.ticket_no, now)
        self._transact(
            [*dedups, self._ticket_update(ticket, expected_version), self._pointer_put(ticket, previous, rate), *extra],
            on_condition=(
                *(DuplicateMessage for _ in dedups),
                ConcurrentUpdate,
                ConcurrentUpdate,
                *(ConcurrentUpdate for _ in extra),
            ),
        )

    def update_ticket(
        self, ticket: Ticket, dedup_keys: str | Sequence[str], expected_version: int, now: datetime
    ) -> None:
        """Store an edit or a removal: the updated ticket and the change's dedup records; the conversation's
        pointer stays where it is (the message may belong to an older ticket)."""
        dedups = self._dedup_puts(dedup_keys, ticket.ticket_no, now)
        self._transact(
            [*dedups, self._ticket_update(ticket, expected_version)],
            on_condition=(*(DuplicateMessage for _ in dedups), ConcurrentUpdate),
        )

    # ------------------------------------------------------------------ alert ledger
    def claim_alert(self, ticket_no: str, ledger_key: str, now: datetime, owner: str | None = None) -> bool:
        """Record that an alert delivery is about to be attempted; False if it was already attempted to
        completion (sent, or failed for good). `owner` is the ledger's partition when it is not the ticket's
        (`INCIDENT#<id>`: one SMS per incident, priority level and officer).

        A delivery left `pending` by a crashed attempt is attempted again: a possible duplicate SMS is
        better than a missed emergency.
        """
        try:
            self.client.update_item(
                TableName=self.table_name,
                Key={"pk": {"S": owner or f"TICKET#{ticket_no}"}, "sk": {"S": f"ALERT#{ledger_key}"}},
                UpdateExpression="SET #s = :pending, attempted_at = :now, #type = :alert, ticket_no = :no "
                "ADD attempts :one",
                ConditionExpression="attribute_not_exists(pk) OR #s = :pending",
                ExpressionAttributeNames={"#s": "status", "#type": "type"},
                ExpressionAttributeValues={
                    ":pending": {"S": "pending"},
                    ":now": {"S": now.isoformat()},
                    ":alert": {"S": "alert"},
                    ":no": {"S": ticket_no},
                    ":one": {"N": "1"},
                },
            )
        except ClientError as exc:
            if exc.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return False
            raise StorageUnavailable(exc.response["Error"]["Code"]) from exc
        return True

    def record_delivery(
        self,
        ticket_no: str,
        ledger_key: str,
        status: str,
        detail: dict[str, Any],
        at: datetime,
        summary: str,
        owner: str | None = None,
    ) -> None:
        """Mark a claimed alert delivery done (`sent` or `failed`): its ledger item is its record.

        The ticket item is not written: a delivery never bumps the ticket's version (a normalizer working on
        the ticket meanwhile is not disturbed) and adds no ticket record to the table's stream. Conditional
        on the claim still being pending, so a finished delivery is never rewritten; a second mark (a retry
        racing a slow first attempt) changes nothing.
        """
        try:
            self.client.update_item(
                TableName=self.table_name,
                Key={"pk": {"S": owner or f"TICKET#{ticket_no}"}, "sk": {"S": f"ALERT#{ledger_key}"}},
                UpdateExpression="SET #s = :s, detail = :d, finished_at = :at, summary = :summary",
                ConditionExpression="#s = :pending",
                ExpressionAttributeNames={"#s": "status"},
                ExpressionAttributeValues={
                    ":s": {"S": status},
                    ":d": to_attr(detail),
                    ":at": {"S": at.isoformat()},
                    ":summary": {"S": summary},
                    ":pending": {"S": "pending"},
                },
            )
        except ClientError as exc:
            if exc.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return  # already marked by another attempt: the first record stands
            raise _storage_error(exc) from exc

    def alert_ledger(self, ticket_no: str, owner: str | None = None) -> list[dict[str, Any]]:
        """The ticket's alert deliveries (the notifier's and the escalations'), oldest key first; with
        `owner` (`INCIDENT#<id>`), that incident's."""
        items: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :a)",
            "ExpressionAttributeValues": {":pk": {"S": owner or f"TICKET#{ticket_no}"}, ":a": {"S": "ALERT#"}},
            "ConsistentRead": True,
        }
        while True:
            response = self._call("query", **kwargs)
            items.extend(from_item(i) for i in response.get("Items", []))
            if "LastEvaluatedKey" not in response:
                return items
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    # ------------------------------------------------------------------ helpers
    def _dedup_puts(self, dedup_keys: str | Sequence[str], ticket_no: str, now: datetime) -> list[dict[str, Any]]:
        keys = [dedup_keys] if isinstance(dedup_keys, str) else list(dedup_keys)
        return [{"Put": self._dedup_put(key, ticket_no, now)} for key in keys]

    def _dedup_put(self, dedup_key: str, ticket_no: str, now: datetime) -> dict[str, Any]:
        return {
            "TableName": self.table_name,
            "Item": to_item(
                {
                    "pk": f"MSG#{dedup_key}",
                    "sk": "MSG",
                    "type": "message",
                    "ticket_no": ticket_no,
                    "stored_at": now.isoformat(),
                    "expires_at": _epoch(now + DEDUP_RETENTION),
                }
            ),
            "ConditionExpression": "attribute_not_exists(pk)",
            "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
        }

    def _ticket_update(self, ticket: Ticket, expected_version: int) -> dict[str, Any]:
        return {
            "Put": {
                "TableName": self.table_name,
                "Item": ticket_to_item(ticket),
                "ConditionExpression": "attribute_exists(pk) AND version = :v",
                "ExpressionAttributeValues": {":v": {"N": str(expected_version)}},
            }
        }

    def _pointer_put(self, ticket: Ticket, previous: OpenPointer | None, rate: RateState | None) -> dict[str, Any]:
        condition: dict[str, Any]
        if previous is None:
            condition = {"ConditionExpression": "attribute_not_exists(pk)"}
        elif previous.seq is None:
            condition = {
                "ConditionExpression": "ticket_no = :prev AND attribute_not_exists(seq)",
                "ExpressionAttributeValues": {":prev": {"S": previous.ticket_no}},
            }
        else:
            condition = {
                "ConditionExpression": "seq = :seq",
                "ExpressionAttributeValues": {":seq": {"N": str(previous.seq)}},
            }
        rate = rate or (previous.rate if previous else RateState())
        return {
            "Put": {
                "TableName": self.table_name,
                "Item": to_item(
                    {
                        "pk": f"CITIZEN#{ticket.conversation}",
                        "sk": "OPEN",
                        "type": "citizen_pointer",
                        "ticket_no": ticket.ticket_no,
                        "last_message_at": ticket.last_message_at.isoformat(),
                        "seq": (previous.seq or 0) + 1 if previous else 1,
                        "recent": list(rate.recent),
                        "flooding": rate.flooding,
                        "expires_at": _epoch(ticket.last_message_at + timedelta(days=30)),
                    }
                ),
                **condition,
            }
        }

    def _transact(self, items: list[dict[str, Any]], on_condition: tuple[type[Exception], ...] = ()) -> None:
        """Run a transaction; a failed condition on item i raises `on_condition[i]`."""
        try:
            self.client.transact_write_items(TransactItems=items)
        except UnicodeEncodeError as exc:
            # Text that is not valid Unicode (a lone surrogate) can never be sent, however often we retry.
            raise UnstorableMessage("text is not valid Unicode (lone surrogate)") from exc
        except ClientError as exc:
            error = exc.response["Error"]["Code"]
            if error != "TransactionCanceledException":
                raise _storage_error(exc) from exc
            reasons = exc.response.get("CancellationReasons") or []
            for index, reason in enumerate(reasons):
                code = reason.get("Code")
                if code == "ConditionalCheckFailed" and index < len(on_condition):
                    failure = on_condition[index]
                    if failure is DuplicateMessage:
                        old: dict[str, Any] = dict(reason.get("Item") or {})
                        key = str(items[index]["Put"]["Item"]["pk"]["S"]).removeprefix("MSG#")
                        raise DuplicateMessage(old.get("ticket_no", {}).get("S"), key=key) from exc
                    raise failure() from exc
                if code == "ValidationError":
                    raise UnstorableMessage("DynamoDB refused the item (ValidationError)") from exc
            if any(r.get("Code") == "TransactionConflict" for r in reasons):
                raise ConcurrentUpdate() from exc
            raise StorageUnavailable(error) from exc


class RosterStore(TableAdapter):
    """The duty roster: officers per unit (Polsek, Polresta duty desk, PPA, Propam)."""

    def put_officer(self, officer: Officer) -> None:
        doc = officer.model_dump(mode="json")
        doc.update(pk=f"ROSTER#{officer.unit}", sk=f"OFFICER#{officer.officer_id}", type="officer")
        self.client.put_item(TableName=self.table_name, Item=to_item(doc))

    def officers(self, unit: str) -> list[Officer]:
        try:
            pages = self.client.get_paginator("query").paginate(
                TableName=self.table_name,
                KeyConditionExpression="pk = :pk AND begins_with(sk, :o)",
                ExpressionAttributeValues={":pk": {"S": f"ROSTER#{unit}"}, ":o": {"S": "OFFICER#"}},
            )
            return [Officer.model_validate(from_item(i)) for page in pages for i in page["Items"]]
        except ClientError as exc:
            raise StorageUnavailable(exc.response["Error"]["Code"]) from exc
