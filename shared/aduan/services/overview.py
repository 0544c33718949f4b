"""The duty desk's overview: open and overdue tickets per unit, and the median time to acknowledge today per
priority and per channel.

Read from the queue indexes only (`QueueIndex`: the open queue whole, the closed queue from the start of
today, WIB, by its sort key, the finish time), never a scan. Counts and durations only: no content.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, time, timedelta, timezone
from typing import Any

from aduan.adapters.workflow_store import QUEUE_INDEX, WorkflowState, iso
from aduan.domain.access import Principal, View
from aduan.store import TableAdapter

WIB = timezone(timedelta(hours=7), "WIB")
PRIORITIES = ("darurat", "tinggi", "sedang", "rendah")


def start_of_day(now: datetime) -> datetime:
    """Midnight WIB of `now`'s day, in UTC."""
    local = now.astimezone(WIB)
    return datetime.combine(local.date(), time(0), tzinfo=WIB).astimezone(UTC)


class QueueReader(TableAdapter):
    """Every item of one queue (optionally from a sort-key time on), page after page of the index."""

    def items(self, queue: str, since: datetime | None = None) -> Iterator[WorkflowState]:
        condition = "#q = :q"
        values: dict[str, Any] = {":q": {"S": queue}}
        if since is not None:
            condition += " AND sla_due >= :since"
            values[":since"] = {"S": iso(since)}
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "IndexName": QUEUE_INDEX,
            "KeyConditionExpression": condition,
            "ExpressionAttributeNames": {"#q": "queue"},
            "ExpressionAttributeValues": values,
        }
        while True:
            response = self._call("query", **kwargs)
            for raw in response.get("Items", []):
                yield WorkflowState.from_item(raw)
            if "LastEvaluatedKey" not in response:
                return
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]


def _median_minutes(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def overview(
    who: Principal,
    open_items: Iterable[WorkflowState],
    finished_today: Iterable[WorkflowState],
    now: datetime,
) -> dict[str, Any]:
    """What the overview shows `who` (only the tickets they may see)."""
    day = start_of_day(now)
    units: dict[str, dict[str, int]] = defaultdict(lambda: {"open": 0, "overdue": 0, "unacknowledged": 0})
    ack_minutes: dict[str, dict[str, list[float]]] = {"priority": defaultdict(list), "channel": defaultdict(list)}
    totals = {"open": 0, "overdue": 0, "acknowledged_today": 0}

    def visible(state: WorkflowState) -> bool:
        return who.view(state.category, state.area) is not View.NONE

    def count_ack(state: WorkflowState) -> None:
        if state.acknowledged_at is None or state.acknowledged_at < day:
            return
        minutes = max(0.0, (state.acknowledged_at - state.clock_started_at).total_seconds() / 60)
        ack_minutes["priority"][state.priority].append(minutes)
        ack_minutes["channel"][state.channel or "lainnya"].append(minutes)
        totals["acknowledged_today"] += 1

    for state in open_items:
        if not visible(state):
            continue
        due = state.ack_due_at if state.acknowledged_at is None else state.resolve_due_at
        row = units[state.unit]
        row["open"] += 1
        totals["open"] += 1
        if now > due:
            row["overdue"] += 1
            totals["overdue"] += 1
        if state.acknowledged_at is None:
            row["unacknowledged"] += 1
        count_ack(state)
    for state in finished_today:
        if visible(state):
            count_ack(state)

    def medians(groups: dict[str, list[float]], order: Iterable[str]) -> list[dict[str, Any]]:
        keys = [k for k in order if k in groups] + sorted(k for k in groups if k not in order)
        return [{"key": k, "count": len(groups[k]), "median_minutes": _median_minutes(groups[k])} for k in keys]

    return {
        "generated_at": now.isoformat(),
        "day_start": day.isoformat(),
        "totals": totals,
        "units": [{"unit": unit, **counts} for unit, counts in sorted(units.items())],
        "ack_today": {
            "by_priority": medians(ack_minutes["priority"], PRIORITIES),
            "by_channel": medians(ack_minutes["channel"], ()),
        },
    }


class OverviewService:
    def __init__(self, reader: QueueReader, clock: Callable[[], datetime]) -> None:
        self.reader = reader
        self.clock = clock

    def build(self, who: Principal) -> dict[str, Any]:
        now = self.clock()
        return overview(
            who,
            self.reader.items("open"),
            self.reader.items("closed", since=start_of_day(now)),
            now,
        )
