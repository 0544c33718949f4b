"""DynamoDB adapter for Open311: client API keys and each client's requests (same table as `aduan.store`).

Items (pk / sk):
- `OPEN311_CLIENT#<sha256 of key>` / `CLIENT`: an API key, stored only as its hash, and its client.
- `OPEN311_CLIENTS` / `CLIENT#<client id>`: the client's current key hash (to rotate or revoke it).
- `OPEN311#<client id>` / `REQ#<requested time>#<ticket no>`: a request the client filed, with its coarse
  location, so `GET requests` is one query over the client's own requests, in time order, never a scan.

None of these sort keys is `TICKET` or `AUDIT#...`, so the stream consumers' filters pass none of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from botocore.exceptions import ClientError

from aduan.adapters.workflow_store import WORKFLOW_SK, WorkflowState, iso
from aduan.errors import StorageUnavailable
from aduan.store import TableAdapter, from_item, to_item

CLIENT_SK = "CLIENT"
CLIENTS_PK = "OPEN311_CLIENTS"
BATCH_GET_MAX = 100


@dataclass(frozen=True, slots=True)
class Client:
    client_id: str
    name: str


@dataclass(frozen=True, slots=True)
class FiledRequest:
    """One of a client's requests as indexed: its ticket and its coarse location."""

    ticket_no: str
    requested_at: str
    lat: float | None
    lon: float | None


class ClientExists(Exception):
    """A client of that id already has a key (rotate it instead)."""


class Open311Store(TableAdapter):
    # ------------------------------------------------------------------ API keys
    def client_for(self, key_hash: str) -> Client | None:
        item = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": f"OPEN311_CLIENT#{key_hash}"}, "sk": {"S": CLIENT_SK}},
        ).get("Item")
        if not item:
            return None
        data = from_item(item)
        return Client(data["client_id"], data.get("name") or data["client_id"])

    def current_key_hash(self, client_id: str) -> str | None:
        item = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": CLIENTS_PK}, "sk": {"S": f"CLIENT#{client_id}"}},
            ConsistentRead=True,
        ).get("Item")
        return item["key_hash"]["S"] if item else None

    def put_key(self, client: Client, key_hash: str, now: datetime, *, replace: str | None = None) -> None:
        """Store a client's key (its hash) and make it the client's current one, in one transaction.

        `replace` is the hash it replaces (rotation; that key stops working in the same transaction); without
        it the client must have no key yet (`ClientExists`)."""
        items: list[dict[str, Any]] = [
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": to_item(
                        {
                            "pk": f"OPEN311_CLIENT#{key_hash}",
                            "sk": CLIENT_SK,
                            "type": "open311_client",
                            "client_id": client.client_id,
                            "name": client.name,
                            "created_at": iso(now),
                        }
                    ),
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            },
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": to_item(
                        {
                            "pk": CLIENTS_PK,
                            "sk": f"CLIENT#{client.client_id}",
                            "type": "open311_client_index",
                            "client_id": client.client_id,
                            "name": client.name,
                            "key_hash": key_hash,
                            "updated_at": iso(now),
                        }
                    ),
                    **(
                        {
                            "ConditionExpression": "key_hash = :old",
                            "ExpressionAttributeValues": {":old": {"S": replace}},
                        }
                        if replace
                        else {"ConditionExpression": "attribute_not_exists(pk)"}
                    ),
                }
            },
        ]
        if replace:
            items.append(
                {
                    "Delete": {
                        "TableName": self.table_name,
                        "Key": {"pk": {"S": f"OPEN311_CLIENT#{replace}"}, "sk": {"S": CLIENT_SK}},
                    }
                }
            )
        try:
            self.client.transact_write_items(TransactItems=items)
        except ClientError as exc:
            if exc.response["Error"]["Code"] == "TransactionCanceledException":
                raise ClientExists(client.client_id) from exc
            raise StorageUnavailable(exc.response["Error"]["Code"]) from exc

    def revoke(self, client_id: str) -> bool:
        """Delete the client's key; False if it had none."""
        current = self.current_key_hash(client_id)
        if current is None:
            return False
        self._call(
            "transact_write_items",
            TransactItems=[
                {
                    "Delete": {
                        "TableName": self.table_name,
                        "Key": {"pk": {"S": f"OPEN311_CLIENT#{current}"}, "sk": {"S": CLIENT_SK}},
                    }
                },
                {
                    "Delete": {
                        "TableName": self.table_name,
                        "Key": {"pk": {"S": CLIENTS_PK}, "sk": {"S": f"CLIENT#{client_id}"}},
                    }
                },
            ],
        )
        return True

    # ------------------------------------------------------------------ a client's requests
    def record_request(self, client_id: str, filed: FiledRequest) -> None:
        """Index a request under its client. A plain put of the same item: repeating it changes nothing."""
        self._call(
            "put_item",
            TableName=self.table_name,
            Item=to_item(
                {
                    "pk": f"OPEN311#{client_id}",
                    "sk": f"REQ#{filed.requested_at}#{filed.ticket_no}",
                    "type": "open311_request",
                    "ticket_no": filed.ticket_no,
                    "requested_at": filed.requested_at,
                    "lat": filed.lat,
                    "lon": filed.lon,
                }
            ),
        )

    def requests(self, client_id: str, start: datetime, end: datetime, limit: int) -> list[FiledRequest]:
        """The client's requests filed in [start, end], newest first, at most `limit`."""
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": "pk = :pk AND sk BETWEEN :from AND :to",
            "ExpressionAttributeValues": {
                ":pk": {"S": f"OPEN311#{client_id}"},
                ":from": {"S": f"REQ#{iso(start)}"},
                ":to": {"S": f"REQ#{iso(end)}#~"},
            },
            "ScanIndexForward": False,
        }
        found: list[FiledRequest] = []
        while len(found) < limit:
            response = self._call("query", **kwargs, Limit=limit - len(found))
            found.extend(_filed(from_item(i)) for i in response.get("Items", []))
            if "LastEvaluatedKey" not in response:
                break
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]
        return found[:limit]

    def request(self, client_id: str, ticket_no: str, requested_at: str) -> FiledRequest | None:
        item = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": f"OPEN311#{client_id}"}, "sk": {"S": f"REQ#{requested_at}#{ticket_no}"}},
        ).get("Item")
        return _filed(from_item(item)) if item else None

    def workflow_states(self, ticket_nos: Sequence[str]) -> dict[str, WorkflowState]:
        """The workflow items of these tickets (BatchGetItem, 100 keys a call; unprocessed keys retried)."""
        states: dict[str, WorkflowState] = {}
        for chunk in _chunks(list(dict.fromkeys(ticket_nos)), BATCH_GET_MAX):
            keys: list[dict[str, Any]] = [{"pk": {"S": f"TICKET#{no}"}, "sk": {"S": WORKFLOW_SK}} for no in chunk]
            for _ in range(5):
                response = self._call("batch_get_item", RequestItems={self.table_name: {"Keys": keys}})
                for item in response.get("Responses", {}).get(self.table_name, []):
                    state = WorkflowState.from_item(item)
                    states[state.ticket_no] = state
                keys = response.get("UnprocessedKeys", {}).get(self.table_name, {}).get("Keys", [])
                if not keys:
                    break
            else:
                raise StorageUnavailable("BatchGetItem left keys unprocessed")
        return states


def _filed(data: dict[str, Any]) -> FiledRequest:
    return FiledRequest(data["ticket_no"], data["requested_at"], data.get("lat"), data.get("lon"))


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
