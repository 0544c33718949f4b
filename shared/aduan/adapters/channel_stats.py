"""DynamoDB adapter for the channel watchdog (same table; pk / sk):

- `CHANNEL#<name>` / `HOUR#<yyyy-mm-ddThh>`: deliveries counted in that UTC hour (an atomic `ADD`, written by
  the normalizer, one update per delivery) and the last one's time; kept 60 days (TTL).
- `CHANNEL#<name>` / `CRC`: when the platform last checked our webhook (X's hourly CRC), written by the X
  webhook function on a CRC it answered (once an hour: no cost to deliveries).
- `CHANNEL#<name>` / `HEALTH#<check>`: the watchdog's last verdict per check (`silence`, `crc`, `token`,
  `subscription`): state, detail, figure, since when. A change of state is a conditional write, so two
  watchdog runs at once announce it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from aduan.adapters.workflow_store import iso, parse_iso
from aduan.domain.watchdog import Verdict, hour_start
from aduan.errors import StorageUnavailable
from aduan.store import TableAdapter, from_item

COUNTER_RETENTION = timedelta(days=60)


def hour_key(moment: datetime) -> str:
    return "HOUR#" + hour_start(moment).strftime("%Y-%m-%dT%H")


def parse_hour(sk: str) -> datetime:
    return datetime.strptime(sk.removeprefix("HOUR#"), "%Y-%m-%dT%H").replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class History:
    counts: dict[datetime, int]
    last_delivery: datetime | None
    first_seen: datetime | None


@dataclass(frozen=True, slots=True)
class HealthState:
    check: str
    failing: bool
    detail: str
    value: float | None
    checked_at: datetime
    since: datetime


class ChannelStats(TableAdapter):
    # ------------------------------------------------------------------ writes on the delivery path
    def count_delivery(self, channel: str, at: datetime, count: int = 1) -> None:
        self._call(
            "update_item",
            TableName=self.table_name,
            Key={"pk": {"S": f"CHANNEL#{channel}"}, "sk": {"S": hour_key(at)}},
            UpdateExpression="ADD deliveries :n SET last_at = :at, expires_at = :exp, #t = :type",
            ExpressionAttributeNames={"#t": "type"},
            ExpressionAttributeValues={
                ":n": {"N": str(count)},
                ":at": {"S": iso(at)},
                ":exp": {"N": str(int((at + COUNTER_RETENTION).timestamp()))},
                ":type": {"S": "channel_hour"},
            },
        )

    def put_hours(self, channel: str, hours: dict[datetime, tuple[int, datetime]]) -> int:
        """Write whole hours of history at once ({hour start: (deliveries, last delivery)}), replacing
        those hours' counters: the demo seed's bulk path (25 items per `BatchWriteItem`), the same items
        `count_delivery` keeps. Returns the number of items written."""
        items = [
            {
                "PutRequest": {
                    "Item": {
                        "pk": {"S": f"CHANNEL#{channel}"},
                        "sk": {"S": hour_key(hour)},
                        "type": {"S": "channel_hour"},
                        "deliveries": {"N": str(count)},
                        "last_at": {"S": iso(last)},
                        "expires_at": {"N": str(int((hour + COUNTER_RETENTION).timestamp()))},
                    }
                }
            }
            for hour, (count, last) in sorted(hours.items())
            if count > 0
        ]
        for start in range(0, len(items), 25):
            pending: dict[str, Any] = {self.table_name: items[start : start + 25]}
            for _ in range(10):
                unprocessed = self._call("batch_write_item", RequestItems=pending).get("UnprocessedItems") or {}
                if not unprocessed:
                    break
                pending = unprocessed
            else:
                raise StorageUnavailable("BatchWriteItem left items unprocessed")
        return len(items)

    def record_crc(self, channel: str, at: datetime) -> None:
        self._call(
            "put_item",
            TableName=self.table_name,
            Item={
                "pk": {"S": f"CHANNEL#{channel}"},
                "sk": {"S": "CRC"},
                "type": {"S": "channel_crc"},
                "last_at": {"S": iso(at)},
            },
        )

    # ------------------------------------------------------------------ reads
    def history(self, channel: str, since: datetime) -> History:
        """Counters from `since`, the last delivery and the first counted hour."""
        pk = {":pk": {"S": f"CHANNEL#{channel}"}}
        counts: dict[datetime, int] = {}
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": "pk = :pk AND sk BETWEEN :from AND :to",
            "ExpressionAttributeValues": {**pk, ":from": {"S": hour_key(since)}, ":to": {"S": "HOUR#~"}},
            "ProjectionExpression": "sk, deliveries, last_at",
        }
        last: datetime | None = None
        while True:
            response = self._call("query", **kwargs)
            for raw in response.get("Items", []):
                item = from_item(raw)
                counts[parse_hour(item["sk"])] = int(item.get("deliveries", 0))
                if item.get("last_at"):
                    moment = parse_iso(item["last_at"])
                    last = moment if last is None or moment > last else last
            if "LastEvaluatedKey" not in response:
                break
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]
        if last is None:
            last = self._newest(channel)
        first = self._edge(channel, forward=True)
        return History(counts, last, parse_hour(first) if first else None)

    def _edge(self, channel: str, forward: bool) -> str | None:
        response = self._call(
            "query",
            TableName=self.table_name,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :h)",
            ExpressionAttributeValues={":pk": {"S": f"CHANNEL#{channel}"}, ":h": {"S": "HOUR#"}},
            ProjectionExpression="sk, last_at",
            ScanIndexForward=forward,
            Limit=1,
        )
        items = response.get("Items") or []
        return str(items[0]["sk"]["S"]) if items else None

    def _newest(self, channel: str) -> datetime | None:
        response = self._call(
            "query",
            TableName=self.table_name,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :h)",
            ExpressionAttributeValues={":pk": {"S": f"CHANNEL#{channel}"}, ":h": {"S": "HOUR#"}},
            ScanIndexForward=False,
            Limit=1,
        )
        items = response.get("Items") or []
        return parse_iso(items[0]["last_at"]["S"]) if items and "last_at" in items[0] else None

    def last_crc(self, channel: str) -> datetime | None:
        item = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": f"CHANNEL#{channel}"}, "sk": {"S": "CRC"}},
            ConsistentRead=True,
        ).get("Item")
        return parse_iso(item["last_at"]["S"]) if item else None

    # ------------------------------------------------------------------ health
    def set_health(self, channel: str, verdict: Verdict, at: datetime) -> str:
        """Store a verdict: `new` (first verdict of the check), `changed` (its state changed: the caller
        announces it) or `same`."""
        key = {"pk": {"S": f"CHANNEL#{channel}"}, "sk": {"S": f"HEALTH#{verdict.check.value}"}}
        values: dict[str, Any] = {
            ":f": {"BOOL": verdict.failing},
            ":d": {"S": verdict.detail},
            ":at": {"S": iso(at)},
            ":type": {"S": "channel_health"},
        }
        sets = "failing = :f, detail = :d, checked_at = :at, #t = :type"
        if verdict.value is not None:
            values[":v"] = {"N": repr(float(verdict.value))}
            sets += ", #v = :v"
            names = {"#t": "type", "#v": "value"}
        else:
            names = {"#t": "type"}
        try:
            old = (
                self.client.update_item(
                    TableName=self.table_name,
                    Key=key,
                    UpdateExpression=f"SET {sets}, since = :at",
                    ConditionExpression="attribute_not_exists(failing) OR failing <> :f",
                    ExpressionAttributeNames=names,
                    ExpressionAttributeValues=values,
                    ReturnValues="UPDATED_OLD",
                ).get("Attributes")
                or {}
            )
        except ClientError as exc:
            if exc.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise StorageUnavailable(exc.response["Error"]["Code"]) from exc
            self._call(
                "update_item",
                TableName=self.table_name,
                Key=key,
                UpdateExpression=f"SET {sets}",
                ExpressionAttributeNames=names,
                ExpressionAttributeValues=values,
            )
            return "same"
        return "changed" if "failing" in old else "new"

    def health(self, channel: str) -> list[HealthState]:
        response = self._call(
            "query",
            TableName=self.table_name,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :h)",
            ExpressionAttributeValues={":pk": {"S": f"CHANNEL#{channel}"}, ":h": {"S": "HEALTH#"}},
            ConsistentRead=True,
        )
        out = []
        for raw in response.get("Items", []):
            d = from_item(raw)
            out.append(
                HealthState(
                    check=d["sk"].removeprefix("HEALTH#"),
                    failing=bool(d.get("failing")),
                    detail=str(d.get("detail", "")),
                    value=float(d["value"]) if d.get("value") is not None else None,
                    checked_at=parse_iso(d["checked_at"]),
                    since=parse_iso(d["since"]),
                )
            )
        return out
