"""DynamoDB adapter for roster management (`/api/roster`).

Items (same table; pk / sk):
- `STAFF#<officer id>` / `PROFILE`: the entry as managed (role, unit, shifts, contact, active, version).
  It claims the officer id (created with `attribute_not_exists`) and carries the version every change is
  conditional on.
- its placement, which the alerting and the escalation read: `ROSTER#<unit>` / `OFFICER#<id>` for an
  officer (the notifier's roster query), `ROSTER#<unit>` / `LADDER#<role>#<id>` for a supervisor or a duty
  commander (the escalator's ladder query);
- `STAFF#<officer id>` / `AUDIT#<time>#<id>`: the roster's audit trail, append-only.

A change is one transaction: the profile (conditional on the version read), the old placement deleted when
the unit or role moves it, the new placement, and the audit item. Disabling sets `active = false` on both,
so the entry stops receiving alerts and escalations with that write.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aduan.adapters.workflow_store import iso
from aduan.domain.roster import UNITS, Role, placement_sk
from aduan.errors import ConcurrentUpdate
from aduan.models import Officer
from aduan.store import TableAdapter, from_item, to_item

PROFILE_SK = "PROFILE"


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """An officer as the roster manages them: the alerting's `Officer`, their role and the profile's version."""

    officer: Officer
    role: Role
    version: int = 0
    updated_at: str | None = None
    updated_by: str | None = None

    @property
    def officer_id(self) -> str:
        return self.officer.officer_id

    @property
    def placement(self) -> tuple[str, str]:
        return f"ROSTER#{self.officer.unit}", placement_sk(self.role, self.officer_id)

    def document(self) -> dict[str, Any]:
        return {**self.officer.model_dump(mode="json"), "role": self.role.value}


def _profile_key(officer_id: str) -> dict[str, Any]:
    return {"pk": {"S": f"STAFF#{officer_id}"}, "sk": {"S": PROFILE_SK}}


class RosterAdmin(TableAdapter):
    """Profiles, placements and the roster's audit trail."""

    def get(self, officer_id: str) -> RosterEntry | None:
        item = self._call("get_item", TableName=self.table_name, Key=_profile_key(officer_id), ConsistentRead=True).get(
            "Item"
        )
        return _entry(from_item(item)) if item else None

    def entries(self, units: tuple[str, ...] = UNITS) -> list[RosterEntry]:
        """Every managed entry, unit by unit (one query per unit of the fixed set: no scan)."""
        found: list[RosterEntry] = []
        for unit in units:
            kwargs: dict[str, Any] = {
                "TableName": self.table_name,
                "KeyConditionExpression": "pk = :pk",
                "ExpressionAttributeValues": {":pk": {"S": f"ROSTER#{unit}"}},
            }
            while True:
                response = self._call("query", **kwargs)
                for raw in response.get("Items", []):
                    doc = from_item(raw)
                    if doc.get("type") in ("officer", "ladder"):
                        doc.setdefault("role", "officer")
                        found.append(_entry(doc))
                if "LastEvaluatedKey" not in response:
                    break
                kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]
        return sorted(found, key=lambda e: (e.officer.unit, e.role.value, e.officer_id))

    def put(
        self,
        new: RosterEntry,
        *,
        previous: RosterEntry | None,
        actor: str,
        at: datetime,
        event: str,
        details: dict[str, Any],
    ) -> RosterEntry:
        """Write `new` (version = previous + 1), moving its placement when the unit or role changed, with an
        audit item. `ConcurrentUpdate` when the id is taken (add) or the entry changed since it was read."""
        version = (previous.version if previous else 0) + 1
        stored = RosterEntry(new.officer, new.role, version, iso(at), actor)
        profile = {
            **stored.document(),
            "pk": f"STAFF#{new.officer_id}",
            "sk": PROFILE_SK,
            "type": "staff",
            "version": version,
            "updated_at": stored.updated_at,
            "updated_by": actor,
        }
        if previous is None:
            condition: dict[str, Any] = {"ConditionExpression": "attribute_not_exists(pk)"}
        else:
            condition = {
                "ConditionExpression": "version = :v",
                "ExpressionAttributeValues": {":v": {"N": str(previous.version)}},
            }
        pk, sk = stored.placement
        placement = {
            **stored.document(),
            "pk": pk,
            "sk": sk,
            "type": "officer" if new.role is Role.OFFICER else "ladder",
        }
        items: list[dict[str, Any]] = [
            {"Put": {"TableName": self.table_name, "Item": to_item(profile), **condition}},
            {"Put": {"TableName": self.table_name, "Item": to_item(placement)}},
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": to_item(
                        {
                            "pk": f"STAFF#{new.officer_id}",
                            "sk": f"AUDIT#{iso(at)}#{secrets.token_hex(4)}",
                            "type": "roster_audit",
                            "officer_id": new.officer_id,
                            "event": event,
                            "actor": actor,
                            "at": iso(at),
                            "details": details,
                        }
                    ),
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            },
        ]
        if previous is not None and previous.placement != stored.placement:
            old_pk, old_sk = previous.placement
            items.append({"Delete": {"TableName": self.table_name, "Key": {"pk": {"S": old_pk}, "sk": {"S": old_sk}}}})
        self._transact(items)
        return stored

    def seed(self, entry: RosterEntry) -> None:
        """Write a demo entry as it is (the local stack's seed: no audit, no condition)."""
        pk, sk = entry.placement
        kind = "officer" if entry.role is Role.OFFICER else "ladder"
        for key in ((f"STAFF#{entry.officer_id}", PROFILE_SK), (pk, sk)):
            doc = {**entry.document(), "pk": key[0], "sk": key[1], "type": "staff" if key[1] == PROFILE_SK else kind}
            if key[1] == PROFILE_SK:
                doc["version"] = max(entry.version, 1)
            self._call("put_item", TableName=self.table_name, Item=to_item(doc))

    def remove_placement(self, entry: RosterEntry) -> None:
        pk, sk = entry.placement
        self._call("delete_item", TableName=self.table_name, Key={"pk": {"S": pk}, "sk": {"S": sk}})

    def _transact(self, items: list[dict[str, Any]]) -> None:
        from botocore.exceptions import ClientError

        from aduan.errors import StorageUnavailable

        try:
            self.client.transact_write_items(TransactItems=items)
        except ClientError as exc:
            code = exc.response["Error"]["Code"]
            if code in ("TransactionCanceledException", "TransactionConflictException"):
                raise ConcurrentUpdate() from exc
            raise StorageUnavailable(code) from exc

    def audit_trail(self, officer_id: str) -> list[dict[str, Any]]:
        response = self._call(
            "query",
            TableName=self.table_name,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :a)",
            ExpressionAttributeValues={":pk": {"S": f"STAFF#{officer_id}"}, ":a": {"S": "AUDIT#"}},
            ConsistentRead=True,
        )
        return [from_item(i) for i in response.get("Items", [])]


def _entry(doc: dict[str, Any]) -> RosterEntry:
    return RosterEntry(
        officer=Officer.model_validate(doc),
        role=Role(doc.get("role") or "officer"),
        version=int(doc.get("version") or 0),
        updated_at=doc.get("updated_at"),
        updated_by=doc.get("updated_by"),
    )
