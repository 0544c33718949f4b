"""DynamoDB adapter for incidents, in the single Aduan table.

Item layout (pk / sk):
- `INCIDENTS#<area>#<day>` / `HEAD`: the bucket's version (`seq`). Every write to an incident filed in the
  bucket raises it, conditional on the value read, and every bucket a decision read is checked unchanged in
  the same transaction: two reports of one event decided at once cannot both open an incident (the second
  one's transaction fails, it reads again and joins the first one's).
- `INCIDENTS#<area>#<day>` / `INCIDENT#<id>`: the incident as the rule sees it, filed under the area and day
  (WIB) of its first report (`aduan.domain.incident_index`); one Query of a bucket returns its head and every
  incident in it: no scan.
- `INCIDENT#<id>` / `INCIDENT`: the same document, found by id, with the bucket it is filed in.
- `INCIDENT#<id>` / `MEMBER#<ticket no>`: one per ticket: the report's evidence, its channel, time and why it
  joined; the incident is rebuilt from its members after an officer splits a ticket out or merges incidents.
- `INCIDENT#<id>` / `AUDIT#<time>#<id>`: the incident's audit trail (opened, joined, merged, split, acted on).
- `TICKET#<no>` / `INCIDENT`: the ticket's incident; written only if absent, so a ticket belongs to at most one.

`ClientError` becomes a domain exception here (through the table adapter's transaction helper).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aduan.domain import incident_index as ix
from aduan.domain.incidents import Incident, Report
from aduan.errors import ConcurrentUpdate
from aduan.store import TableAdapter, TicketStore, from_item, to_item

HEAD_SK = "HEAD"
DOC_SK = "INCIDENT"


@dataclass(frozen=True, slots=True)
class Bucket:
    """One bucket as read: its key and version (None: no incident was ever filed in it)."""

    pk: str
    seq: int | None


@dataclass(frozen=True, slots=True)
class Candidates:
    """What a decision read: the buckets (to be checked unchanged) and the incidents filed in them."""

    buckets: tuple[Bucket, ...]
    incidents: tuple[Incident, ...]
    filed_in: dict[str, str]  # incident id -> bucket pk


@dataclass(frozen=True, slots=True)
class Member:
    incident_id: str
    ticket_no: str
    report: Report
    opened: bool
    reasons: tuple[str, ...]
    at: str


class IncidentStore(TableAdapter):
    # ------------------------------------------------------------------ reads
    def candidates(self, area: str | None, at: datetime) -> Candidates:
        """The buckets a report of `area` at `at` looks in, with their open incidents (consistent reads)."""
        buckets: list[Bucket] = []
        found: list[Incident] = []
        filed_in: dict[str, str] = {}
        for bucket_area in ix.buckets_for(area):
            for day in ix.bucket_dates(at):
                pk = f"INCIDENTS#{bucket_area}#{day}"
                seq: int | None = None
                for item in self._query(pk):
                    data = from_item(item)
                    if data["sk"] == HEAD_SK:
                        seq = int(data["seq"])
                    elif data.get("open", True):
                        incident = Incident.from_dict(data)
                        found.append(incident)
                        filed_in[incident.incident_id] = pk
                buckets.append(Bucket(pk, seq))
        return Candidates(tuple(buckets), tuple(found), filed_in)

    def get(self, incident_id: str) -> tuple[Incident, str] | None:
        """The incident and the bucket it is filed in, or None."""
        item = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": f"INCIDENT#{incident_id}"}, "sk": {"S": DOC_SK}},
            ConsistentRead=True,
        ).get("Item")
        if not item:
            return None
        data = from_item(item)
        return Incident.from_dict(data), str(data["bucket"])

    def members(self, incident_id: str) -> list[Member]:
        out = []
        for item in self._query(f"INCIDENT#{incident_id}", "MEMBER#"):
            d = from_item(item)
            out.append(
                Member(
                    incident_id=incident_id,
                    ticket_no=d["ticket_no"],
                    report=Report.from_dict(d["report"]),
                    opened=bool(d.get("opened")),
                    reasons=tuple(d.get("reasons", ())),
                    at=d["joined_at"],
                )
            )
        return out

    def audit(self, incident_id: str) -> list[dict[str, Any]]:
        return [from_item(i) for i in self._query(f"INCIDENT#{incident_id}", "AUDIT#")]

    def bucket_seq(self, pk: str) -> int | None:
        """A bucket's version (None: nothing was ever filed in it)."""
        item = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": pk}, "sk": {"S": HEAD_SK}},
            ConsistentRead=True,
        ).get("Item")
        return int(item["seq"]["N"]) if item and "seq" in item else None

    def incident_of(self, ticket_no: str) -> str | None:
        item = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": f"TICKET#{ticket_no}"}, "sk": {"S": "INCIDENT"}},
            ConsistentRead=True,
        ).get("Item")
        return item["incident_id"]["S"] if item else None

    # ------------------------------------------------------------------ writes (transaction items)
    def join_items(
        self,
        read: Candidates,
        incident: Incident,
        report: Report,
        *,
        opened: bool,
        reasons: Sequence[str],
        now: datetime,
    ) -> list[dict[str, Any]]:
        """The transaction items that file `report` in `incident` (its state after the report), conditional
        on every bucket `read` being unchanged; the caller adds them to the ticket's own transaction."""
        home = read.filed_in.get(incident.incident_id) or ix.bucket_key(incident.area, incident.first_at)
        items = [self._bucket_guard(b, bump=b.pk == home) for b in read.buckets]
        if home not in {b.pk for b in read.buckets}:
            items.append(self._bucket_guard(Bucket(home, None), bump=True))
        items += self._doc_puts(incident, home, new=opened)
        items.append(self._member_put(incident.incident_id, report, opened=opened, reasons=reasons, now=now))
        items.append(
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": to_item(
                        {
                            "pk": f"TICKET#{report.ticket_no}",
                            "sk": "INCIDENT",
                            "type": "ticket_incident",
                            "incident_id": incident.incident_id,
                        }
                    ),
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            }
        )
        action = "dibuka" if opened else "bergabung"
        items.append(self._audit_put(incident.incident_id, action, "sistem", now, report.ticket_no, reasons))
        return items

    def transact(self, items: list[dict[str, Any]]) -> None:
        """Run incident writes on their own (an officer's merge or split); any failed condition is a
        `ConcurrentUpdate` (read again and decide again)."""
        self._transact_items(items)

    def merge_items(
        self,
        target: Incident,
        target_bucket: str,
        source: Incident,
        source_bucket: str,
        moved: Sequence[Member],
        *,
        actor: str,
        now: datetime,
    ) -> list[dict[str, Any]]:
        """Items that move `moved` (the source's members) into `target` (rebuilt with them) and close
        `source`, with an audit item on each."""
        items = [self._bump(pk) for pk in dict.fromkeys((target_bucket, source_bucket))]
        items += self._doc_puts(target, target_bucket)
        items += self._doc_puts(source, source_bucket)
        for m in moved:
            items.append(self._member_delete(m))
            items.append(self._member_put(target.incident_id, m.report, opened=False, reasons=m.reasons, now=now))
            items.append(
                {
                    "Update": {
                        "TableName": self.table_name,
                        "Key": {"pk": {"S": f"TICKET#{m.ticket_no}"}, "sk": {"S": "INCIDENT"}},
                        "UpdateExpression": "SET incident_id = :t",
                        "ConditionExpression": "incident_id = :s",
                        "ExpressionAttributeValues": {":t": {"S": target.incident_id}, ":s": {"S": m.incident_id}},
                    }
                }
            )
        detail = {"from": source.incident_id, "into": target.incident_id, "tickets": [m.ticket_no for m in moved]}
        items.append(self._audit_put(target.incident_id, "digabung", actor, now, None, (), detail))
        items.append(self._audit_put(source.incident_id, "digabung", actor, now, None, (), detail))
        return items

    def follow_up_items(
        self,
        incident: Incident,
        bucket: str,
        seq: int | None,
        member: Member,
        report: Report,
        *,
        reasons: Sequence[str],
        now: datetime,
    ) -> list[dict[str, Any]]:
        """Items that store a follow-up's effect: `incident` rebuilt with the member's `report` (its evidence
        now), conditional on the bucket's version `seq` read before; the member keeps when it joined (the
        officers' short updates count reports that joined, not messages)."""
        joined = datetime.fromisoformat(member.at)
        return [
            self._bucket_guard(Bucket(bucket, seq), bump=True),
            *self._doc_puts(incident, bucket),
            self._member_put(incident.incident_id, report, opened=member.opened, reasons=member.reasons, now=joined),
            self._audit_put(incident.incident_id, "pesan_susulan", "sistem", now, report.ticket_no, reasons),
        ]

    def split_items(
        self,
        rest: Incident,
        bucket: str,
        member: Member,
        *,
        actor: str,
        now: datetime,
        seq: int | None = None,
    ) -> list[dict[str, Any]]:
        """Items that take `member` out of its incident (`rest`: the incident rebuilt without it); with `seq`,
        conditional on the bucket's version read (a split decided by ingest, not by an officer)."""
        return [
            self._bucket_guard(Bucket(bucket, seq), bump=True) if seq is not None else self._bump(bucket),
            *self._doc_puts(rest, bucket),
            self._member_delete(member),
            {
                "Delete": {
                    "TableName": self.table_name,
                    "Key": {"pk": {"S": f"TICKET#{member.ticket_no}"}, "sk": {"S": "INCIDENT"}},
                    "ConditionExpression": "incident_id = :s",
                    "ExpressionAttributeValues": {":s": {"S": member.incident_id}},
                }
            },
            self._audit_put(rest.incident_id, "dipisah", actor, now, member.ticket_no, ()),
        ]

    def close_items(self, incident: Incident, bucket: str) -> list[dict[str, Any]]:
        """Items that store `incident` closed (resolved by the officers): it leaves its bucket's candidates."""
        return [self._bump(bucket), *self._doc_puts(incident, bucket)]

    def audit_items(
        self, incident_id: str, action: str, actor: str, now: datetime, detail: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return [self._audit_put(incident_id, action, actor, now, None, (), detail)]

    # ------------------------------------------------------------------ helpers
    def _query(self, pk: str, prefix: str | None = None) -> list[dict[str, Any]]:
        values: dict[str, Any] = {":pk": {"S": pk}}
        condition = "pk = :pk"
        if prefix is not None:
            condition += " AND begins_with(sk, :p)"
            values[":p"] = {"S": prefix}
        out: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": condition,
            "ExpressionAttributeValues": values,
            "ConsistentRead": True,
        }
        while True:
            page = self._call("query", **kwargs)
            out += page.get("Items", [])
            if "LastEvaluatedKey" not in page:
                return out
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def _bucket_guard(self, bucket: Bucket, *, bump: bool) -> dict[str, Any]:
        key = {"pk": {"S": bucket.pk}, "sk": {"S": HEAD_SK}}
        if bucket.seq is None:
            condition: dict[str, Any] = {"ConditionExpression": "attribute_not_exists(pk)"}
        else:
            condition = {
                "ConditionExpression": "seq = :seq",
                "ExpressionAttributeValues": {":seq": {"N": str(bucket.seq)}},
            }
        if not bump:
            return {"ConditionCheck": {"TableName": self.table_name, "Key": key, **condition}}
        values = {**condition.get("ExpressionAttributeValues", {}), ":next": {"N": str((bucket.seq or 0) + 1)}}
        return {
            "Update": {
                "TableName": self.table_name,
                "Key": key,
                "UpdateExpression": "SET seq = :next, #t = :type",
                "ExpressionAttributeNames": {"#t": "type"},
                "ConditionExpression": condition["ConditionExpression"],
                "ExpressionAttributeValues": {**values, ":type": {"S": "incident_bucket"}},
            }
        }

    def _member_delete(self, m: Member) -> dict[str, Any]:
        return {
            "Delete": {
                "TableName": self.table_name,
                "Key": {"pk": {"S": f"INCIDENT#{m.incident_id}"}, "sk": {"S": f"MEMBER#{m.ticket_no}"}},
            }
        }

    def _bump(self, pk: str) -> dict[str, Any]:
        """An unconditional version raise (officer actions): deciders that read the old version retry."""
        return {
            "Update": {
                "TableName": self.table_name,
                "Key": {"pk": {"S": pk}, "sk": {"S": HEAD_SK}},
                "UpdateExpression": "ADD seq :one SET #t = :type",
                "ExpressionAttributeNames": {"#t": "type"},
                "ExpressionAttributeValues": {":one": {"N": "1"}, ":type": {"S": "incident_bucket"}},
            }
        }

    def _doc_puts(self, incident: Incident, bucket: str, *, new: bool = False) -> list[dict[str, Any]]:
        doc = incident.to_dict()
        # a new incident's id must be free (ids are random: a collision reads again and draws another)
        fresh = {"ConditionExpression": "attribute_not_exists(pk)"} if new else {}
        return [
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": to_item(
                        {**doc, "pk": bucket, "sk": f"INCIDENT#{incident.incident_id}", "type": "incident"}
                    ),
                }
            },
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": to_item(
                        {
                            **doc,
                            "pk": f"INCIDENT#{incident.incident_id}",
                            "sk": DOC_SK,
                            "type": "incident",
                            "bucket": bucket,
                            "reports": len(incident.tickets),
                        }
                    ),
                    **fresh,
                }
            },
        ]

    def _member_put(
        self, incident_id: str, report: Report, *, opened: bool, reasons: Sequence[str], now: datetime
    ) -> dict[str, Any]:
        return {
            "Put": {
                "TableName": self.table_name,
                "Item": to_item(
                    {
                        "pk": f"INCIDENT#{incident_id}",
                        "sk": f"MEMBER#{report.ticket_no}",
                        "type": "incident_member",
                        "ticket_no": report.ticket_no,
                        "channel": report.channel,
                        "reported_at": report.at.isoformat(),
                        "joined_at": now.isoformat(),
                        "opened": opened,
                        "reasons": list(reasons),
                        "report": report.to_dict(),
                    }
                ),
            }
        }

    def _audit_put(
        self,
        incident_id: str,
        action: str,
        actor: str,
        now: datetime,
        ticket_no: str | None,
        reasons: Sequence[str],
        detail: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        return {
            "Put": {
                "TableName": self.table_name,
                "Item": to_item(
                    {
                        "pk": f"INCIDENT#{incident_id}",
                        "sk": f"AUDIT#{now.isoformat()}#{uuid.uuid4().hex[:12]}",
                        "type": "incident_audit",
                        "action": action,
                        "actor": actor,
                        "at": now.isoformat(),
                        "ticket_no": ticket_no,
                        "reasons": list(reasons),
                        "detail": detail or {},
                    }
                ),
            }
        }

    def _transact_items(self, items: list[dict[str, Any]]) -> None:
        # the ticket store's helper maps cancellation reasons; every failed condition here means "read again"
        TicketStore._transact(self, items, on_condition=tuple(ConcurrentUpdate for _ in items))  # type: ignore[arg-type]
