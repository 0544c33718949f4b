"""DynamoDB adapter for engagement samples and their schedule (same table as `aduan.store`; pk / sk):

- `TICKET#<no>` / `ENGAGEMENT#<when>`: one sample of a public report's engagement (counts, score, which
  sample), the ticket's own item: the ticket item is never rewritten for it, so no stream record reaches the
  notifier (its filter passes `sk = TICKET` only) and ingest never reads it (it reads `sk = TICKET`).
- `TICKET#<no>` / `ENGAGEMENT_DUE`: the next sample due, on the due-time index the escalator sweeps
  (`DueIndex`) under its own partition, `esc_pk = "ENGAGEMENT"`, `esc_due = "<due>#<no>"` (the escalator
  queries `esc_pk = "DUE"` only). After the last sample it stays as `next_sample = "done"` without the index
  keys: the index holds only pending samples, and a redelivered ticket event schedules nothing twice.

A sample is recorded with the schedule's advance in one transaction conditional on the schedule still naming
that sample: two sweeps at once, or a sweep racing a redelivered first-sight message, record it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from botocore.exceptions import ClientError

from aduan.adapters.workflow_store import DUE_INDEX, iso, parse_iso
from aduan.domain.engagement import EngagementCounts, SampleTarget
from aduan.errors import ConcurrentUpdate, StorageUnavailable
from aduan.store import TableAdapter, from_item, to_item

DUE_SK = "ENGAGEMENT_DUE"
SAMPLE_PREFIX = "ENGAGEMENT#"
DUE_PARTITION = "ENGAGEMENT"


@dataclass(frozen=True, slots=True)
class DueSample:
    target: SampleTarget
    sample: str
    due_at: datetime


@dataclass(frozen=True, slots=True)
class StoredSample:
    sample: str
    at: datetime
    counts: EngagementCounts


class EngagementStore(TableAdapter):
    def schedule_first(self, target: SampleTarget) -> bool:
        """Put the first sample on the schedule; False if the ticket is already scheduled (a redelivery)."""
        item = {
            "pk": f"TICKET#{target.ticket_no}",
            "sk": DUE_SK,
            "type": "engagement_due",
            "ticket_no": target.ticket_no,
            "channel": target.channel,
            "platform_id": target.platform_message_id,
            "kind": target.kind,
            "created_at": iso(target.created_at),
            "next_sample": "first",
            "esc_pk": DUE_PARTITION,
            "esc_due": f"{iso(target.created_at)}#{target.ticket_no}",
        }
        try:
            self.client.put_item(
                TableName=self.table_name, Item=to_item(item), ConditionExpression="attribute_not_exists(pk)"
            )
        except ClientError as exc:
            if exc.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return False
            raise StorageUnavailable(exc.response["Error"]["Code"]) from exc
        return True

    def due(self, now: datetime, limit: int = 200) -> list[DueSample]:
        """Samples due by `now`, earliest first."""
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "IndexName": DUE_INDEX,
            "KeyConditionExpression": "esc_pk = :d AND esc_due <= :now",
            "ExpressionAttributeValues": {":d": {"S": DUE_PARTITION}, ":now": {"S": iso(now) + "#~"}},
        }
        numbers: list[str] = []
        while len(numbers) < limit:
            response = self._call("query", **kwargs)
            numbers.extend(i["ticket_no"]["S"] for i in response.get("Items", []))
            if "LastEvaluatedKey" not in response:
                break
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]
        out: list[DueSample] = []
        for ticket_no in numbers[:limit]:
            item = self._call(
                "get_item",
                TableName=self.table_name,
                Key={"pk": {"S": f"TICKET#{ticket_no}"}, "sk": {"S": DUE_SK}},
                ConsistentRead=True,
            ).get("Item")
            if not item:
                continue  # taken meanwhile
            d = from_item(item)
            out.append(
                DueSample(
                    target=SampleTarget(
                        ticket_no=ticket_no,
                        channel=d["channel"],
                        platform_message_id=d["platform_id"],
                        kind=d.get("kind", ""),
                        created_at=parse_iso(d["created_at"]),
                    ),
                    sample=d["next_sample"],
                    due_at=parse_iso(d["esc_due"].split("#", 1)[0]),
                )
            )
        return out

    def record(
        self,
        due: DueSample,
        counts: EngagementCounts | None,
        at: datetime,
        following: tuple[str, datetime] | None,
        note: str = "",
    ) -> None:
        """Store the sample (None: the platform no longer shows the object) and move the schedule on, at once.

        `ConcurrentUpdate` if another sweep recorded this sample first."""
        key = {"pk": {"S": f"TICKET#{due.target.ticket_no}"}, "sk": {"S": DUE_SK}}
        condition: dict[str, Any] = {
            "ConditionExpression": "next_sample = :s",
            "ExpressionAttributeValues": {":s": {"S": due.sample}},
        }
        advance: dict[str, Any]
        if following is None:
            # Kept, off the index: a ticket event redelivered later finds it and schedules nothing again.
            advance = {
                "Update": {
                    "TableName": self.table_name,
                    "Key": key,
                    "UpdateExpression": "SET next_sample = :done REMOVE esc_pk, esc_due",
                    "ConditionExpression": condition["ConditionExpression"],
                    "ExpressionAttributeValues": {**condition["ExpressionAttributeValues"], ":done": {"S": "done"}},
                }
            }
        else:
            name, when = following
            advance = {
                "Update": {
                    "TableName": self.table_name,
                    "Key": key,
                    "UpdateExpression": "SET next_sample = :n, esc_due = :due",
                    "ConditionExpression": condition["ConditionExpression"],
                    "ExpressionAttributeValues": {
                        **condition["ExpressionAttributeValues"],
                        ":n": {"S": name},
                        ":due": {"S": f"{iso(when)}#{due.target.ticket_no}"},
                    },
                }
            }
        items: list[dict[str, Any]] = [advance]
        doc: dict[str, Any] = {
            "pk": f"TICKET#{due.target.ticket_no}",
            "sk": f"{SAMPLE_PREFIX}{iso(at)}",
            "type": "engagement",
            "ticket_no": due.target.ticket_no,
            "channel": due.target.channel,
            "sample": due.sample,
            "at": iso(at),
            "available": counts is not None,
            "note": note or None,
        }
        if counts is not None:
            doc.update(counts=counts.to_dict(), score=counts.score)
        items.append(
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": to_item(doc),
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            }
        )
        try:
            self.client.transact_write_items(TransactItems=items)
        except ClientError as exc:
            code = exc.response["Error"]["Code"]
            if code in ("TransactionCanceledException", "TransactionConflictException"):
                raise ConcurrentUpdate() from exc
            raise StorageUnavailable(code) from exc

    def samples(self, ticket_no: str) -> list[StoredSample]:
        """The ticket's engagement samples, oldest first."""
        items = self._call(
            "query",
            TableName=self.table_name,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :e)",
            ExpressionAttributeValues={":pk": {"S": f"TICKET#{ticket_no}"}, ":e": {"S": SAMPLE_PREFIX}},
        )["Items"]
        out = []
        for raw in items:
            d = from_item(raw)
            if d.get("available") and isinstance(d.get("counts"), dict):
                out.append(StoredSample(d["sample"], parse_iso(d["at"]), EngagementCounts.from_dict(d["counts"])))
        return out
