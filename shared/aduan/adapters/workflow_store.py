"""DynamoDB adapter for the workflow: lifecycle state, SLA clock, escalation, audit trail, ack links, ladder.

Items (same table as `aduan.store`; pk / sk):
- `TICKET#<no>` / `WORKFLOW`: one per subject. Its status (mirrored into the ticket item in the same
  transaction), who acknowledged and when, the assignee, the SLA deadlines, the last escalation step fired,
  and two sparse index keys:
  - `esc_pk = "DUE"`, `esc_due = "<due time>#<no>"` while the subject waits for acknowledgement
    (`DueIndex`, swept every minute by the escalator); removed by acknowledgement, assignment, resolution
    and closing, so a finished subject leaves the index at once;
  - `queue = "open" | "closed"`, `area_queue = "<area>#<queue>"`, `sla_due = "<due time>#<no>"`
    (`QueueIndex`, `AreaQueueIndex`): the officers' lists, sorted by SLA due time.
- `TICKET#<no>` / `AUDIT#<time>#<id>`: the audit trail, append-only, one item per event (actor, time,
  details). Written with `attribute_not_exists`, never updated. Their stream records become ticket events.
- `TICKET#<no>` / `ALERT#esc<step>#<medium>#<target>`: the escalation's alert ledger (beside the notifier's).
- `ACK#<sha256 of token>` / `ACK`: an acknowledgement link's grant; the token itself is never stored.
- `ROSTER#<unit>` / `LADDER#<role>#<officer id>`: the escalation ladder kept with the roster (`supervisor`
  per unit, `commander` in `polresta`); the notifier's roster query (`OFFICER#`) does not see them.

Every lifecycle change is one transaction: the workflow item's update conditional on the status it was
read in, the ticket item's status (which also bumps its version, so a normalizer holding an older copy
re-reads instead of overwriting it), and the audit item. Two officers acknowledging at once: one
transaction wins, the other fails its condition and is told who won.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from aduan.domain.ack_link import AckGrant
from aduan.domain.workflow import FINISHED, Subject, TicketEvent, Transition
from aduan.errors import ConcurrentUpdate, StorageUnavailable
from aduan.models import Officer, Ticket, TicketStatus, TriageResult
from aduan.store import TableAdapter, from_item, to_attr, to_item

WORKFLOW_SK = "WORKFLOW"
DUE_PK = "DUE"
NO_AREA = "tidak_diketahui"
DUE_INDEX = "DueIndex"
QUEUE_INDEX = "QueueIndex"
AREA_QUEUE_INDEX = "AreaQueueIndex"


def iso(moment: datetime) -> str:
    """One fixed-width UTC format, so stored times sort and compare as strings."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def queue_of(status: TicketStatus) -> str:
    return "closed" if status in FINISHED else "open"


@dataclass(frozen=True, slots=True)
class WorkflowState:
    """The stored workflow item of one subject, read back."""

    subject: Subject
    status: TicketStatus
    priority: str
    category: str
    area: str | None
    channel: str
    sensitive: bool
    unit: str
    created_at: datetime
    clock_started_at: datetime
    ack_due_at: datetime
    resolve_due_at: datetime
    step: int
    escalation_due: datetime | None
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    assignee: str | None
    updated_at: datetime
    finished_at: datetime | None
    version: int
    #: The first message's opening words and the report's coordinates, for the console's queue and map
    #: (shown only to officers who may read the ticket, never for sensitive ones; see `aduan.services.officer`).
    snippet: str | None = None
    location: tuple[float, float] | None = None
    purged_at: datetime | None = None  # personal data removed (`aduan.services.retention`)

    @property
    def ticket_no(self) -> str:
        return self.subject.id

    @classmethod
    def from_item(cls, raw: dict[str, Any]) -> WorkflowState:
        d = from_item(raw)

        def when(name: str) -> datetime | None:
            return parse_iso(d[name]) if d.get(name) else None

        esc = d.get("esc_due")
        return cls(
            subject=Subject(d.get("subject_kind", "ticket"), d["ticket_no"]),
            status=TicketStatus(d["status"]),
            priority=d["priority"],
            category=d["category"],
            area=None if d.get("area") in (None, NO_AREA) else d["area"],
            channel=d.get("channel", ""),
            sensitive=bool(d.get("sensitive")),
            unit=d.get("unit", "polresta"),
            created_at=parse_iso(d["created_at"]),
            clock_started_at=parse_iso(d["clock_started_at"]),
            ack_due_at=parse_iso(d["ack_due_at"]),
            resolve_due_at=parse_iso(d["resolve_due_at"]),
            step=int(d.get("step", 0)),
            escalation_due=parse_iso(esc.split("#", 1)[0]) if esc else None,
            acknowledged_by=d.get("acknowledged_by"),
            acknowledged_at=when("acknowledged_at"),
            assignee=d.get("assignee"),
            updated_at=parse_iso(d["updated_at"]),
            finished_at=when("finished_at"),
            version=int(d.get("version", 1)),
            snippet=d.get("snippet"),
            location=(float(d["lat"]), float(d["lon"]))
            if d.get("lat") is not None and d.get("lon") is not None
            else None,
            purged_at=when("purged_at"),
        )


@dataclass(frozen=True, slots=True)
class NewClock:
    """What opening a subject's workflow item needs (from the ticket, when it is created)."""

    subject: Subject
    status: TicketStatus
    priority: str
    category: str
    area: str | None
    channel: str
    sensitive: bool
    unit: str
    created_at: datetime
    ack_due_at: datetime
    resolve_due_at: datetime
    first_escalation_at: datetime | None  # None: the ticket never escalates on its own (a quiet incident report)
    snippet: str | None = None
    location: tuple[float, float] | None = None


#: How much of the first message the queue shows (the alert SMS shows about as much).
SNIPPET_CHARS = 100


def snippet_of(text: str) -> str | None:
    flat = " ".join(text.split())
    if not flat:
        return None
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1].rstrip() + "…"


def location_attrs(location: tuple[float, float] | None) -> dict[str, Any]:
    if location is None:
        return {}
    return {"lat": to_attr(location[0]), "lon": to_attr(location[1])}


@dataclass(frozen=True, slots=True)
class Page:
    items: list[WorkflowState]
    cursor: dict[str, Any] | None


def _key(subject: Subject, sk: str) -> dict[str, Any]:
    return {"pk": {"S": subject.pk}, "sk": {"S": sk}}


def audit_item(event: TicketEvent) -> dict[str, Any]:
    return to_item(
        {
            "pk": event.subject.pk,
            "sk": f"AUDIT#{iso(event.at)}#{secrets.token_hex(4)}",
            "type": "audit",
            "subject_kind": event.subject.kind,
            "ticket_no": event.subject.id,
            "event": event.type.value,
            "actor": event.actor,
            "at": iso(event.at),
            "from_status": event.from_status.value if event.from_status else None,
            "to_status": event.to_status.value if event.to_status else None,
            "details": event.details,
        }
    )


class WorkflowStore(TableAdapter):
    """Workflow items, the audit trail, escalation claims, ack grants and the ladder."""

    def _conditional(self, operation: str, **kwargs: Any) -> dict[str, Any] | None:
        """Run a conditional write; None when its condition failed."""
        try:
            return getattr(self.client, operation)(**kwargs)  # type: ignore[no-any-return]
        except ClientError as exc:
            if exc.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return None
            raise StorageUnavailable(exc.response["Error"]["Code"]) from exc

    def _transact(self, items: list[dict[str, Any]]) -> None:
        """A transaction; `ConcurrentUpdate` when a condition failed or another transaction interfered."""
        try:
            self.client.transact_write_items(TransactItems=items)
        except ClientError as exc:
            code = exc.response["Error"]["Code"]
            if code in ("TransactionCanceledException", "TransactionConflictException"):
                reasons = {r.get("Code") for r in exc.response.get("CancellationReasons") or []}
                if code == "TransactionConflictException" or reasons & {
                    "ConditionalCheckFailed",
                    "TransactionConflict",
                }:
                    raise ConcurrentUpdate() from exc
            raise StorageUnavailable(code) from exc

    # ------------------------------------------------------------------ workflow items
    def get(self, subject: Subject) -> WorkflowState | None:
        item = self._call(
            "get_item", TableName=self.table_name, Key=_key(subject, WORKFLOW_SK), ConsistentRead=True
        ).get("Item")
        return WorkflowState.from_item(item) if item else None

    def open(self, clock: NewClock, event: TicketEvent | None = None) -> bool:
        """Create the subject's workflow item (its SLA clock); False if it already exists. With `event`, the
        audit item is written in the same transaction."""
        status = clock.status
        doc: dict[str, Any] = {
            "pk": clock.subject.pk,
            "sk": WORKFLOW_SK,
            "type": "workflow",
            "subject_kind": clock.subject.kind,
            "ticket_no": clock.subject.id,
            "status": status.value,
            "priority": clock.priority,
            "category": clock.category,
            "area": clock.area or NO_AREA,
            "channel": clock.channel,
            "sensitive": clock.sensitive,
            "unit": clock.unit,
            "created_at": iso(clock.created_at),
            "clock_started_at": iso(clock.created_at),
            "ack_due_at": iso(clock.ack_due_at),
            "resolve_due_at": iso(clock.resolve_due_at),
            "updated_at": iso(clock.created_at),
            "step": 0,
            "version": 1,
            **({"snippet": clock.snippet} if clock.snippet else {}),
            **({"lat": clock.location[0], "lon": clock.location[1]} if clock.location else {}),
            **self._list_keys(clock.subject, status, clock.area, clock.ack_due_at, clock.resolve_due_at, None),
        }
        if status is TicketStatus.BARU and clock.first_escalation_at is not None:
            doc.update(esc_pk=DUE_PK, esc_due=f"{iso(clock.first_escalation_at)}#{clock.subject.id}")
        put = {"TableName": self.table_name, "Item": to_item(doc), "ConditionExpression": "attribute_not_exists(pk)"}
        if event is None:
            return self._conditional("put_item", **put) is not None
        try:
            self._transact([{"Put": put}, {"Put": {"TableName": self.table_name, "Item": audit_item(event)}}])
        except ConcurrentUpdate:
            return False
        return True

    @staticmethod
    def _list_keys(
        subject: Subject,
        status: TicketStatus,
        area: str | None,
        ack_due: datetime,
        resolve_due: datetime,
        finished_at: datetime | None,
    ) -> dict[str, str]:
        queue = queue_of(status)
        if status is TicketStatus.BARU:
            due = ack_due
        elif queue == "open":
            due = resolve_due
        else:
            due = finished_at or resolve_due
        return {
            "queue": queue,
            "area_queue": f"{area or NO_AREA}#{queue}",
            "sla_due": f"{iso(due)}#{subject.id}",
        }

    def apply(
        self,
        state: WorkflowState,
        change: Transition,
        *,
        ticket_update: bool = True,
        new_clock: tuple[datetime, datetime, datetime] | None = None,
    ) -> None:
        """Store one lifecycle transition of `state`, conditional on the status it was read in.

        `new_clock` (ack due, resolve due, first escalation) restarts the SLA clock (a reopen).
        Raises `ConcurrentUpdate` if someone else changed the subject first (read again, decide again).
        """
        now = change.event.at
        names = {"#s": "status"}
        values: dict[str, Any] = {
            ":from": {"S": state.status.value},
            ":to": {"S": change.to_status.value},
            ":now": {"S": iso(now)},
            ":one": {"N": "1"},
        }
        sets = ["#s = :to", "updated_at = :now"]
        removes: list[str] = []
        ack_due, resolve_due = state.ack_due_at, state.resolve_due_at
        finished_at = now if change.to_status in FINISHED else None
        if change.stops_escalation:
            removes += ["esc_pk", "esc_due", "lease_until"]
            if state.acknowledged_by is None:
                sets += ["acknowledged_by = :actor", "acknowledged_at = :now"]
                values[":actor"] = {"S": change.event.actor}
        if change.assignee:
            sets.append("assignee = :assignee")
            values[":assignee"] = {"S": change.assignee}
        if finished_at is not None:
            sets.append("finished_at = :now")
        if change.reason is not None:
            sets.append("close_reason = :reason")
            values[":reason"] = {"S": change.reason.value}
        if new_clock is not None:
            ack_due, resolve_due, first = new_clock
            sets += [
                "clock_started_at = :now",
                "ack_due_at = :ack",
                "resolve_due_at = :res",
                "step = :zero",
                "esc_pk = :due_pk",
                "esc_due = :esc",
            ]
            removes += ["acknowledged_by", "acknowledged_at", "assignee", "finished_at", "close_reason"]
            values.update(
                {
                    ":ack": {"S": iso(ack_due)},
                    ":res": {"S": iso(resolve_due)},
                    ":zero": {"N": "0"},
                    ":due_pk": {"S": DUE_PK},
                    ":esc": {"S": f"{iso(first)}#{state.ticket_no}"},
                }
            )
        keys = self._list_keys(state.subject, change.to_status, state.area, ack_due, resolve_due, finished_at)
        for name, value in keys.items():
            sets.append(f"{name} = :{name}")
            values[f":{name}"] = {"S": value}
        expression = (
            "SET " + ", ".join(sets) + (" REMOVE " + ", ".join(removes) if removes else "") + " ADD version :one"
        )
        items: list[dict[str, Any]] = [
            {
                "Update": {
                    "TableName": self.table_name,
                    "Key": _key(state.subject, WORKFLOW_SK),
                    "UpdateExpression": expression,
                    "ConditionExpression": "#s = :from",
                    "ExpressionAttributeNames": names,
                    "ExpressionAttributeValues": values,
                }
            },
            {"Put": {"TableName": self.table_name, "Item": audit_item(change.event)}},
        ]
        if ticket_update and state.subject.kind == "ticket":
            items.append(
                {
                    "Update": {
                        "TableName": self.table_name,
                        "Key": _key(state.subject, "TICKET"),
                        "UpdateExpression": "SET #s = :to, updated_at = :at ADD version :one",
                        "ConditionExpression": "attribute_exists(pk)",
                        "ExpressionAttributeNames": {"#s": "status"},
                        "ExpressionAttributeValues": {
                            ":to": {"S": change.to_status.value},
                            # The ticket model's own time format (pydantic's ISO), not the index format.
                            ":at": {"S": now.isoformat()},
                            ":one": {"N": "1"},
                        },
                    }
                }
            )
        self._transact(items)

    def sync_triage(
        self,
        subject: Subject,
        *,
        priority: str,
        category: str,
        area: str | None,
        sensitive: bool,
        unit: str,
        escalate_by: datetime | None,
        location: tuple[float, float] | None = None,
    ) -> None:
        """Follow a ticket's triage change (a follow-up raised it, an officer corrected it). `escalate_by`
        pulls the next escalation earlier when the new priority's clock runs shorter (only while waiting)."""
        values: dict[str, Any] = {
            ":p": {"S": priority},
            ":c": {"S": category},
            ":a": {"S": area or NO_AREA},
            ":sens": {"BOOL": sensitive},
            ":u": {"S": unit},
        }
        sets = ["priority = :p", "category = :c", "area = :a", "#sens = :sens", "#u = :u"]
        if location is not None:
            sets += ["lat = :lat", "lon = :lon"]
            values.update({":" + k: v for k, v in location_attrs(location).items()})
        state = self.get(subject)
        if state is None:
            return
        values[":aq"] = {"S": f"{area or NO_AREA}#{queue_of(state.status)}"}
        expression = "SET " + ", ".join([*sets, "area_queue = :aq"])
        condition = "attribute_exists(pk)"
        if escalate_by is not None and state.escalation_due is not None and escalate_by < state.escalation_due:
            expression += ", esc_due = :esc"
            values[":esc"] = {"S": f"{iso(escalate_by)}#{subject.id}"}
            values[":old"] = {"S": f"{iso(state.escalation_due)}#{subject.id}"}
            condition += " AND esc_due = :old"
        self._conditional(
            "update_item",
            TableName=self.table_name,
            Key=_key(subject, WORKFLOW_SK),
            UpdateExpression=expression,
            ConditionExpression=condition,
            ExpressionAttributeNames={"#u": "unit", "#sens": "sensitive"},
            ExpressionAttributeValues=values,
        )

    def correct_triage(self, ticket: Ticket, new: TriageResult, event: TicketEvent) -> None:
        """An officer's triage correction on the ticket item (if nobody changed it since it was read), with its
        audit item. `ConcurrentUpdate` if the ticket moved on: read it again."""
        self._transact(
            [
                {
                    "Update": {
                        "TableName": self.table_name,
                        "Key": {"pk": {"S": f"TICKET#{ticket.ticket_no}"}, "sk": {"S": "TICKET"}},
                        "UpdateExpression": "SET triage = :t, category = :c, priority = :p, area = :a, "
                        "#sens = :s, updated_at = :now ADD version :one",
                        "ConditionExpression": "version = :v",
                        "ExpressionAttributeNames": {"#sens": "sensitive"},
                        "ExpressionAttributeValues": {
                            ":t": to_attr(new.model_dump(mode="json")),
                            ":c": {"S": new.category},
                            ":p": {"S": new.priority},
                            ":a": {"S": new.area or NO_AREA},
                            ":s": {"BOOL": new.sensitive},
                            ":now": {"S": event.at.isoformat()},
                            ":one": {"N": "1"},
                            ":v": {"N": str(ticket.version)},
                        },
                    }
                },
                {"Put": {"TableName": self.table_name, "Item": audit_item(event)}},
            ]
        )

    # ------------------------------------------------------------------ lists (GSIs, never a scan)
    def queue_page(
        self,
        *,
        queue: str,
        area: str | None = None,
        statuses: frozenset[str] | None = None,
        priorities: frozenset[str] | None = None,
        channels: frozenset[str] | None = None,
        created_from: datetime | None = None,
        created_to: datetime | None = None,
        limit: int = 50,
        cursor: dict[str, Any] | None = None,
    ) -> Page:
        """One page of a queue, sorted by SLA due time (earliest first), filtered."""
        if area is None:
            index, key_condition = QUEUE_INDEX, "#q = :q"
            values: dict[str, Any] = {":q": {"S": queue}}
            names = {"#q": "queue"}
        else:
            index, key_condition = AREA_QUEUE_INDEX, "area_queue = :q"
            values = {":q": {"S": f"{area}#{queue}"}}
            names = {}
        filters: list[str] = []
        for attr, wanted in (("status", statuses), ("priority", priorities), ("channel", channels)):
            if wanted:
                placeholders = []
                for i, value in enumerate(sorted(wanted)):
                    values[f":{attr}{i}"] = {"S": value}
                    placeholders.append(f":{attr}{i}")
                names[f"#{attr}"] = attr
                filters.append(f"#{attr} IN ({', '.join(placeholders)})")
        if created_from is not None:
            values[":cf"] = {"S": iso(created_from)}
            filters.append("created_at >= :cf")
        if created_to is not None:
            values[":ct"] = {"S": iso(created_to)}
            filters.append("created_at < :ct")
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "IndexName": index,
            "KeyConditionExpression": key_condition,
            "ExpressionAttributeValues": values,
            "Limit": limit,
            "ScanIndexForward": True,
        }
        if names:
            kwargs["ExpressionAttributeNames"] = names
        if filters:
            kwargs["FilterExpression"] = " AND ".join(filters)
        if cursor:
            kwargs["ExclusiveStartKey"] = cursor
        response = self._call("query", **kwargs)
        return Page(
            items=[WorkflowState.from_item(i) for i in response.get("Items", [])],
            cursor=response.get("LastEvaluatedKey"),
        )

    # ------------------------------------------------------------------ retention
    def finished_before(self, moment: datetime, limit: int = 100) -> list[str]:
        """Ticket numbers of the closed queue finished before `moment`, oldest first (`QueueIndex`: a
        finished ticket's `sla_due` is its finishing time)."""
        response = self._call(
            "query",
            TableName=self.table_name,
            IndexName=QUEUE_INDEX,
            KeyConditionExpression="#q = :closed AND sla_due < :cut",
            ExpressionAttributeNames={"#q": "queue"},
            ExpressionAttributeValues={":closed": {"S": "closed"}, ":cut": {"S": iso(moment)}},
            ProjectionExpression="ticket_no",
            Limit=limit,
        )
        return [i["ticket_no"]["S"] for i in response.get("Items", [])]

    def purge(self, state: WorkflowState, ticket: Ticket | None, redacted: Ticket | None, event: TicketEvent) -> None:
        """Store the redacted ticket (if nobody changed it since it was read), move the workflow item from
        the closed queue to `purged` (if it is still finished and closed), and the `ticket.purged` audit
        item, in one transaction. `ConcurrentUpdate` if either moved on: the next run tries again."""
        from aduan.store import ticket_to_item

        area = state.area or NO_AREA
        items: list[dict[str, Any]] = [
            {
                "Update": {
                    "TableName": self.table_name,
                    "Key": _key(state.subject, WORKFLOW_SK),
                    # The console's opening words and pin are the citizen's too.
                    "UpdateExpression": "SET #q = :purged, area_queue = :aq, purged_at = :now REMOVE snippet, lat, lon",
                    "ConditionExpression": "#q = :closed AND #s = :status",
                    "ExpressionAttributeNames": {"#q": "queue", "#s": "status"},
                    "ExpressionAttributeValues": {
                        ":purged": {"S": "purged"},
                        ":closed": {"S": "closed"},
                        ":aq": {"S": f"{area}#purged"},
                        ":now": {"S": iso(event.at)},
                        ":status": {"S": state.status.value},
                    },
                }
            },
            {"Put": {"TableName": self.table_name, "Item": audit_item(event)}},
        ]
        if ticket is not None and redacted is not None:
            items.append(
                {
                    "Put": {
                        "TableName": self.table_name,
                        "Item": ticket_to_item(redacted),
                        "ConditionExpression": "version = :v",
                        "ExpressionAttributeValues": {":v": {"N": str(ticket.version)}},
                    }
                }
            )
        self._transact(items)

    # ------------------------------------------------------------------ audit trail
    def append_audit(self, event: TicketEvent) -> None:
        self._call(
            "put_item",
            TableName=self.table_name,
            Item=audit_item(event),
            ConditionExpression="attribute_not_exists(pk)",
        )

    def audit_trail(self, subject: Subject) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :a)",
            "ExpressionAttributeValues": {":pk": {"S": subject.pk}, ":a": {"S": "AUDIT#"}},
            "ConsistentRead": True,
        }
        while True:
            response = self._call("query", **kwargs)
            items.extend(from_item(i) for i in response.get("Items", []))
            if "LastEvaluatedKey" not in response:
                return items
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    # ------------------------------------------------------------------ escalation
    def due(self, now: datetime, limit: int = 100) -> list[str]:
        """Ticket numbers whose next escalation step is due, earliest first (the `DueIndex`)."""
        found: list[str] = []
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "IndexName": DUE_INDEX,
            "KeyConditionExpression": "esc_pk = :d AND esc_due <= :now",
            "ExpressionAttributeValues": {":d": {"S": DUE_PK}, ":now": {"S": iso(now) + "#~"}},
            "ProjectionExpression": "ticket_no",
        }
        while len(found) < limit:
            response = self._call("query", **kwargs)
            found.extend(i["ticket_no"]["S"] for i in response.get("Items", []))
            if "LastEvaluatedKey" not in response:
                break
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]
        return found[:limit]

    def claim_escalation(self, subject: Subject, now: datetime, lease: timedelta) -> WorkflowState | None:
        """Take the subject's due escalation for `lease`; None if it is not due, was answered, or another
        sweep holds it. A sweep that dies loses its lease, and the next sweep after it takes over."""
        response = self._conditional(
            "update_item",
            TableName=self.table_name,
            Key=_key(subject, WORKFLOW_SK),
            UpdateExpression="SET lease_until = :until",
            ConditionExpression="esc_due <= :due AND (attribute_not_exists(lease_until) OR lease_until < :now)",
            ExpressionAttributeValues={
                ":until": {"S": iso(now + lease)},
                ":now": {"S": iso(now)},
                ":due": {"S": iso(now) + "#~"},
            },
            ReturnValues="ALL_NEW",
        )
        return WorkflowState.from_item(response["Attributes"]) if response else None

    def advance(self, state: WorkflowState, step: int, next_due: datetime, event: TicketEvent) -> bool:
        """Record that escalation `step` fired and when the next is due, with its audit item, once.
        False if the subject was answered meanwhile (the escalation stops) or the step was recorded."""
        try:
            self._transact(
                [
                    {
                        "Update": {
                            "TableName": self.table_name,
                            "Key": _key(state.subject, WORKFLOW_SK),
                            "UpdateExpression": "SET step = :step, esc_due = :next REMOVE lease_until",
                            "ConditionExpression": "step = :prev AND attribute_exists(esc_due)",
                            "ExpressionAttributeValues": {
                                ":step": {"N": str(step)},
                                ":prev": {"N": str(step - 1)},
                                ":next": {"S": f"{iso(next_due)}#{state.ticket_no}"},
                            },
                        }
                    },
                    {"Put": {"TableName": self.table_name, "Item": audit_item(event)}},
                ]
            )
        except ConcurrentUpdate:
            return False
        return True

    def release(self, subject: Subject) -> None:
        self._call(
            "update_item",
            TableName=self.table_name,
            Key=_key(subject, WORKFLOW_SK),
            UpdateExpression="REMOVE lease_until",
        )

    def claim_delivery(self, subject: Subject, key: str, now: datetime, lease: timedelta) -> bool:
        """Claim one escalation delivery (one SMS to one officer) before sending it. False if it was sent
        already, or another attempt holds it; a claim left `pending` by a dead attempt is taken again once
        its lease runs out (then the SMS may go twice: better than a missed escalation)."""
        return (
            self._conditional(
                "update_item",
                TableName=self.table_name,
                Key=_key(subject, f"ALERT#{key}"),
                UpdateExpression="SET #s = :pending, lease_until = :until ADD attempts :one",
                ConditionExpression="attribute_not_exists(pk) OR (#s = :pending AND lease_until < :now)",
                ExpressionAttributeNames={"#s": "status"},
                ExpressionAttributeValues={
                    ":pending": {"S": "pending"},
                    ":until": {"S": iso(now + lease)},
                    ":now": {"S": iso(now)},
                    ":one": {"N": "1"},
                },
            )
            is not None
        )

    def record_delivery(self, subject: Subject, key: str, status: str, detail: dict[str, Any]) -> None:
        self._call(
            "update_item",
            TableName=self.table_name,
            Key=_key(subject, f"ALERT#{key}"),
            UpdateExpression="SET #s = :s, detail = :d",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":s": {"S": status}, ":d": to_attr(detail)},
        )

    def deliveries(self, subject: Subject, prefix: str = "esc") -> list[dict[str, Any]]:
        response = self._call(
            "query",
            TableName=self.table_name,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :a)",
            ExpressionAttributeValues={":pk": {"S": subject.pk}, ":a": {"S": f"ALERT#{prefix}"}},
            ConsistentRead=True,
        )
        return [from_item(i) for i in response.get("Items", [])]

    def claim_measurement(self, subject: Subject, event_id: str) -> bool:
        """Claim the answer-time samples of one audit item; False if an earlier reading claimed them."""
        item = {
            "pk": subject.pk,
            "sk": f"METRIC#{event_id}",
            "type": "measurement",
            # Kept past the stream's 24 h retention, then removed by the table's TTL.
            "expires_at": int(datetime.now(UTC).timestamp()) + 7 * 86400,
        }
        return (
            self._conditional(
                "put_item",
                TableName=self.table_name,
                Item=to_item(item),
                ConditionExpression="attribute_not_exists(pk)",
            )
            is not None
        )

    # ------------------------------------------------------------------ ack links
    def put_grant(self, grant: AckGrant) -> None:
        self._call(
            "put_item",
            TableName=self.table_name,
            Item=to_item(
                {
                    "pk": f"ACK#{grant.token_hash}",
                    "sk": "ACK",
                    "type": "ack_grant",
                    "subject_kind": grant.subject.kind,
                    "ticket_no": grant.subject.id,
                    "officer_id": grant.officer_id,
                    **({"incident_id": grant.incident_id} if grant.incident_id else {}),
                    "issued_at": iso(grant.issued_at),
                    "valid_until": iso(grant.expires_at),
                    # The table's TTL removes it a day after it stops working.
                    "expires_at": int((grant.expires_at + timedelta(days=1)).timestamp()),
                }
            ),
            ConditionExpression="attribute_not_exists(pk)",
        )

    def get_grant(self, token_hash: str) -> AckGrant | None:
        item = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": f"ACK#{token_hash}"}, "sk": {"S": "ACK"}},
            ConsistentRead=True,
        ).get("Item")
        if not item:
            return None
        d = from_item(item)
        return AckGrant(
            token_hash=token_hash,
            subject=Subject(d.get("subject_kind", "ticket"), d["ticket_no"]),
            officer_id=d["officer_id"],
            issued_at=parse_iso(d["issued_at"]),
            expires_at=parse_iso(d["valid_until"]),
            incident_id=d.get("incident_id"),
        )

    # ------------------------------------------------------------------ the ladder
    def ladder(self, unit: str, role: str) -> list[Officer]:
        """The unit's people at one rung of the escalation ladder (`supervisor`, `commander`)."""
        response = self._call(
            "query",
            TableName=self.table_name,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :l)",
            ExpressionAttributeValues={":pk": {"S": f"ROSTER#{unit}"}, ":l": {"S": f"LADDER#{role}#"}},
        )
        return [Officer.model_validate(from_item(i)) for i in response.get("Items", [])]

    def put_ladder(self, officer: Officer, role: str) -> None:
        doc = officer.model_dump(mode="json")
        doc.update(pk=f"ROSTER#{officer.unit}", sk=f"LADDER#{role}#{officer.officer_id}", type="ladder", role=role)
        self._call("put_item", TableName=self.table_name, Item=to_item(doc))
