"""Reads what the parity report needs: every ticket created in a period, its audit times and its engagement.

Tickets come from the workflow's queue index (never a scan): the closed queue from the period's start on
(a finished ticket sorts by its finish time, which is after its creation) and the whole open queue (small),
both filtered on `created_at`. Per ticket, two queries: its audit items (`AUDIT#`) and its engagement
samples (`ENGAGEMENT#`), run on a few threads. At 1,000 reports a day a 30-day report is about 60,000 small
queries (a few minutes of the daily function, cents of read capacity).

The daily function stores what it computed (`save`), so the API reads one item (`latest`) instead:

- `PARITY#rolling` / `REPORT#LATEST`: the last rolling report (its JSON document and CSV, the period, when it
  was computed). A conditional write: an older computation finishing late never replaces a newer one.
- `PARITY#rolling` / `REPORT#<yyyy-mm-dd>`: each day's report, kept 400 days (TTL), for the trend.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from aduan.adapters.engagement_store import SAMPLE_PREFIX
from aduan.adapters.workflow_store import QUEUE_INDEX, iso, parse_iso
from aduan.domain.parity import ReportTimes, times_from_audit
from aduan.errors import StorageUnavailable
from aduan.store import TableAdapter, from_item

if TYPE_CHECKING:
    from aduan.domain.parity import ParityReport

WORKERS = 8
REPORT_PK = "PARITY#rolling"
LATEST_SK = "REPORT#LATEST"
HISTORY_RETENTION = timedelta(days=400)


@dataclass(frozen=True, slots=True)
class StoredReport:
    computed_at: datetime
    period_start: datetime
    period_end: datetime
    reports: int
    document: dict[str, Any]  # ParityReport.to_dict()
    csv: str


class ParityStore(TableAdapter):
    def __init__(self, table_name: str, client: Any = None, workers: int = WORKERS) -> None:
        super().__init__(table_name, client)
        self.workers = workers

    def reports(self, start: datetime, end: datetime) -> list[ReportTimes]:
        """Every ticket created in [start, end), with its first-round times and its engagement score."""
        heads = list(self._created_in(start, end))
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            found = list(pool.map(self._report, heads))
        return [report for report in found if report is not None]

    # ------------------------------------------------------------------ the stored rolling report
    def save(self, report: ParityReport, computed_at: datetime) -> bool:
        """Store the day's copy and, unless a newer one is there, the latest. False: a newer one was."""
        ratio = report.combined.ratio
        item: dict[str, Any] = {
            "pk": {"S": REPORT_PK},
            "type": {"S": "parity_report"},
            "computed_at": {"S": iso(computed_at)},
            "period_from": {"S": iso(report.period_start)},
            "period_to": {"S": iso(report.period_end)},
            "reports": {"N": str(report.reports)},
            "document": {"S": json.dumps(report.to_dict(), separators=(",", ":"))},
            "csv": {"S": report.csv()},
        }
        if ratio is not None:
            item["ratio"] = {"N": repr(float(ratio))}
        day = {
            **item,
            "sk": {"S": f"REPORT#{computed_at.date().isoformat()}"},
            "expires_at": {"N": str(int((computed_at + HISTORY_RETENTION).timestamp()))},
        }
        self._call("put_item", TableName=self.table_name, Item=day)
        try:
            self.client.put_item(
                TableName=self.table_name,
                Item={**item, "sk": {"S": LATEST_SK}},
                ConditionExpression="attribute_not_exists(computed_at) OR computed_at <= :c",
                ExpressionAttributeValues={":c": {"S": iso(computed_at)}},
            )
        except ClientError as exc:
            if exc.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise StorageUnavailable(exc.response["Error"]["Code"]) from exc
            return False
        return True

    def latest(self) -> StoredReport | None:
        item = self._call(
            "get_item", TableName=self.table_name, Key={"pk": {"S": REPORT_PK}, "sk": {"S": LATEST_SK}}
        ).get("Item")
        if not item:
            return None
        doc = from_item(item)
        return StoredReport(
            computed_at=parse_iso(doc["computed_at"]),
            period_start=parse_iso(doc["period_from"]),
            period_end=parse_iso(doc["period_to"]),
            reports=int(doc["reports"]),
            document=json.loads(doc["document"]),
            csv=str(doc["csv"]),
        )

    # ------------------------------------------------------------------ reading the period's tickets
    def _created_in(self, start: datetime, end: datetime) -> Iterator[dict[str, Any]]:
        seen: set[str] = set()
        for queue, since in (("closed", iso(start)), ("open", "0")):
            kwargs: dict[str, Any] = {
                "TableName": self.table_name,
                "IndexName": QUEUE_INDEX,
                "KeyConditionExpression": "#q = :q AND sla_due >= :since",
                "FilterExpression": "created_at >= :from AND created_at < :to",
                "ProjectionExpression": "ticket_no, priority, channel, #u, created_at",
                "ExpressionAttributeNames": {"#q": "queue", "#u": "unit"},
                "ExpressionAttributeValues": {
                    ":q": {"S": queue},
                    ":since": {"S": since},
                    ":from": {"S": iso(start)},
                    ":to": {"S": iso(end)},
                },
            }
            while True:
                response = self._call("query", **kwargs)
                for raw in response.get("Items", []):
                    item = from_item(raw)
                    if item["ticket_no"] not in seen:
                        seen.add(item["ticket_no"])
                        yield item
                if "LastEvaluatedKey" not in response:
                    break
                kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    def _items(self, ticket_no: str, prefix: str, projection: str) -> list[dict[str, Any]]:
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :p)",
            "ExpressionAttributeValues": {":pk": {"S": f"TICKET#{ticket_no}"}, ":p": {"S": prefix}},
            "ProjectionExpression": projection,
            "ExpressionAttributeNames": {"#e": "event", "#at": "at"} if "#e" in projection else {"#s": "score"},
        }
        items: list[dict[str, Any]] = []
        while True:
            response = self._call("query", **kwargs)
            items.extend(from_item(i) for i in response.get("Items", []))
            if "LastEvaluatedKey" not in response:
                return items
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    def _report(self, head: dict[str, Any]) -> ReportTimes | None:
        ticket_no = head["ticket_no"]
        audit = self._items(ticket_no, "AUDIT#", "#e, #at")
        times = times_from_audit(audit, parse_iso)
        scores = [int(i["score"]) for i in self._items(ticket_no, SAMPLE_PREFIX, "#s") if "score" in i]
        created = times.created_at or parse_iso(head["created_at"])
        return ReportTimes(
            ticket_no=ticket_no,
            priority=str(head.get("priority", "")),
            channel=str(head.get("channel", "")),
            unit=str(head.get("unit", "")),
            engagement=max(scores) if scores else None,
            created_at=created,
            acknowledged_at=times.acknowledged_at,
            resolved_at=times.resolved_at,
        )
