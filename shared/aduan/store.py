"""DynamoDB adapter for the single Aduan table.

Item layout (pk / sk):
- `TICKET#<no>` / `TICKET`: the ticket (its stream records drive the notifier).
- `TICKET#<no>` / `ALERT#<trigger>#<target>`: the alert ledger, one item per alert delivery.
- `MSG#<channel>#<platform message id>` / `MSG`: deduplication of platform messages.
- `CITIZEN#<channel>#<platform user id>` / `OPEN`: the citizen's latest ticket, for threading.
- `ROSTER#<unit>` / `OFFICER#<id>`: the duty roster.

Every write that must not be doubled is conditional; `ClientError` becomes a domain exception here and
nowhere else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from aduan import aws
from aduan.errors import ConcurrentUpdate, DuplicateMessage, StorageUnavailable, TicketNumberTaken
from aduan.models import HistoryEntry, Officer, Ticket

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
    )
    return to_item(doc)


def ticket_from_item(item: dict[str, Any]) -> Ticket:
    return Ticket.model_validate(from_item(item))


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


@dataclass(frozen=True, slots=True)
class OpenPointer:
    """The citizen's latest ticket as recorded for threading."""

    ticket_no: str
    last_message_at: str


class _TableAdapter:
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
            raise StorageUnavailable(exc.response["Error"]["Code"]) from exc


class TicketStore(_TableAdapter):
    """Tickets, message deduplication, threading pointers and the alert ledger."""

    # ------------------------------------------------------------------ reads
    def get_ticket(self, ticket_no: str) -> Ticket | None:
        item = self._call("get_item", TableName=self.table_name, Key=ticket_key(ticket_no), ConsistentRead=True)
        return ticket_from_item(item["Item"]) if "Item" in item else None

    def get_pointer(self, channel: str, citizen_id: str) -> OpenPointer | None:
        item = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": f"CITIZEN#{channel}#{citizen_id}"}, "sk": {"S": "OPEN"}},
            ConsistentRead=True,
        ).get("Item")
        if not item:
            return None
        return OpenPointer(ticket_no=item["ticket_no"]["S"], last_message_at=item["last_message_at"]["S"])

    def ticket_for_message(self, dedup_key: str) -> str | None:
        item = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": f"MSG#{dedup_key}"}, "sk": {"S": "MSG"}},
            ConsistentRead=True,
        ).get("Item")
        return item["ticket_no"]["S"] if item else None

    # ------------------------------------------------------------------ writes
    def create_ticket(self, ticket: Ticket, dedup_key: str, previous: OpenPointer | None, now: datetime) -> None:
        """Store a new ticket, its message's dedup record and the citizen's pointer, all or nothing.

        Raises `DuplicateMessage` (the message is already stored), `TicketNumberTaken`, or
        `ConcurrentUpdate` (another message from the same citizen moved the pointer first).
        """
        pointer_condition: dict[str, Any] = {"ConditionExpression": "attribute_not_exists(pk)"}
        if previous is not None:
            pointer_condition = {
                "ConditionExpression": "ticket_no = :prev",
                "ExpressionAttributeValues": {":prev": {"S": previous.ticket_no}},
            }
        self._transact(
            [
                {"Put": {**self._dedup_put(dedup_key, ticket.ticket_no, now)}},
                {
                    "Put": {
                        "TableName": self.table_name,
                        "Item": ticket_to_item(ticket),
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                },
                {"Put": {**self._pointer_put(ticket), **pointer_condition}},
            ],
            on_condition=(DuplicateMessage, TicketNumberTaken, ConcurrentUpdate),
        )

    def add_message(self, ticket: Ticket, dedup_key: str, expected_version: int, now: datetime) -> None:
        """Store a follow-up: the updated ticket (if nobody changed it since we read it) and the dedup record."""
        self._transact(
            [
                {"Put": {**self._dedup_put(dedup_key, ticket.ticket_no, now)}},
                {
                    "Put": {
                        "TableName": self.table_name,
                        "Item": ticket_to_item(ticket),
                        "ConditionExpression": "attribute_exists(pk) AND version = :v",
                        "ExpressionAttributeValues": {":v": {"N": str(expected_version)}},
                    }
                },
                {
                    "Put": {
                        **self._pointer_put(ticket),
                        "ConditionExpression": "attribute_not_exists(pk) OR ticket_no = :t",
                        "ExpressionAttributeValues": {":t": {"S": ticket.ticket_no}},
                    }
                },
            ],
            on_condition=(DuplicateMessage, ConcurrentUpdate, ConcurrentUpdate),
        )

    # ------------------------------------------------------------------ alert ledger
    def claim_alert(self, ticket_no: str, ledger_key: str, now: datetime) -> bool:
        """Record that an alert delivery is about to be attempted; False if it was already attempted to
        completion (sent, or failed for good).

        A delivery left `pending` by a crashed attempt is attempted again: a possible duplicate SMS is
        better than a missed emergency.
        """
        try:
            self.client.update_item(
                TableName=self.table_name,
                Key={"pk": {"S": f"TICKET#{ticket_no}"}, "sk": {"S": f"ALERT#{ledger_key}"}},
                UpdateExpression="SET #s = :pending, attempted_at = :now ADD attempts :one",
                ConditionExpression="attribute_not_exists(pk) OR #s = :pending",
                ExpressionAttributeNames={"#s": "status"},
                ExpressionAttributeValues={
                    ":pending": {"S": "pending"},
                    ":now": {"S": now.isoformat()},
                    ":one": {"N": "1"},
                },
            )
        except ClientError as exc:
            if exc.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return False
            raise StorageUnavailable(exc.response["Error"]["Code"]) from exc
        return True

    def record_delivery(
        self, ticket_no: str, ledger_key: str, status: str, detail: dict[str, Any], entry: HistoryEntry
    ) -> None:
        """Mark an alert delivery done and append it to the ticket's history, in one transaction.

        The history append bumps the ticket's version, so a normalizer that read the ticket before
        this write re-reads it instead of overwriting the entry.
        """
        self._transact(
            [
                {
                    "Update": {
                        "TableName": self.table_name,
                        "Key": {"pk": {"S": f"TICKET#{ticket_no}"}, "sk": {"S": f"ALERT#{ledger_key}"}},
                        "UpdateExpression": "SET #s = :s, detail = :d",
                        "ExpressionAttributeNames": {"#s": "status"},
                        "ExpressionAttributeValues": {":s": {"S": status}, ":d": to_attr(detail)},
                    }
                },
                {
                    "Update": {
                        "TableName": self.table_name,
                        "Key": ticket_key(ticket_no),
                        "UpdateExpression": "SET history = list_append(if_not_exists(history, :empty), :h), "
                        "updated_at = :now ADD version :one",
                        "ExpressionAttributeValues": {
                            ":h": to_attr([entry.model_dump(mode="json")]),
                            ":empty": {"L": []},
                            ":now": {"S": entry.at.isoformat()},
                            ":one": {"N": "1"},
                        },
                    }
                },
            ]
        )

    def alert_ledger(self, ticket_no: str) -> list[dict[str, Any]]:
        items = self._call(
            "query",
            TableName=self.table_name,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :a)",
            ExpressionAttributeValues={":pk": {"S": f"TICKET#{ticket_no}"}, ":a": {"S": "ALERT#"}},
        )["Items"]
        return [from_item(i) for i in items]

    # ------------------------------------------------------------------ helpers
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

    def _pointer_put(self, ticket: Ticket) -> dict[str, Any]:
        citizen = ticket.citizen
        return {
            "TableName": self.table_name,
            "Item": to_item(
                {
                    "pk": f"CITIZEN#{citizen.channel.value}#{citizen.platform_id}",
                    "sk": "OPEN",
                    "type": "citizen_pointer",
                    "ticket_no": ticket.ticket_no,
                    "last_message_at": ticket.last_message_at.isoformat(),
                    "expires_at": _epoch(ticket.last_message_at + timedelta(days=30)),
                }
            ),
        }

    def _transact(self, items: list[dict[str, Any]], on_condition: tuple[type[Exception], ...] = ()) -> None:
        """Run a transaction; a failed condition on item i raises `on_condition[i]`."""
        try:
            self.client.transact_write_items(TransactItems=items)
        except ClientError as exc:
            error = exc.response["Error"]["Code"]
            if error != "TransactionCanceledException":
                raise StorageUnavailable(error) from exc
            reasons = exc.response.get("CancellationReasons") or []
            for index, reason in enumerate(reasons):
                code = reason.get("Code")
                if code == "ConditionalCheckFailed" and index < len(on_condition):
                    failure = on_condition[index]
                    if failure is DuplicateMessage:
                        old: dict[str, Any] = dict(reason.get("Item") or {})
                        raise DuplicateMessage(old.get("ticket_no", {}).get("S")) from exc
                    raise failure() from exc
            if any(r.get("Code") == "TransactionConflict" for r in reasons):
                raise ConcurrentUpdate() from exc
            raise StorageUnavailable(error) from exc


class RosterStore(_TableAdapter):
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
