"""The reply ledger, per-window quotas and citizens' ratings, in the one table.

Items (pk / sk):
- `TICKET#<no>` / `REPLY#<event id>#<kind>`: one message to the citizen for one ticket event, claimed with a
  conditional write before it is sent (`pending`, with a lease) and marked after (`sent`, `refused`,
  `forbidden`, `uncertain`) together with a `ticket.replied` audit item, in one transaction.
- `CEK#<message key>` / `REPLY#status`: the answer to one `cek` message (the ticket may not exist).
- `QUOTA#<scope>` / `<window start>`: how many messages a per-window limit has used (TikTok: 10 per 48 h
  window; Meta private replies and X public replies: one per comment or post), claimed in the same
  transaction as the reply, so two replies at once never both take the last place.
- `TICKET#<no>` / `RATING`: the citizen's rating (1-5) of the handling, with a `ticket.rated` audit item.

`ClientError` becomes a domain exception here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from botocore.exceptions import ClientError

from aduan.adapters.workflow_store import audit_item, iso
from aduan.domain.workflow import EventType, Subject, TicketEvent
from aduan.errors import ConcurrentUpdate, DuplicateMessage, StorageUnavailable
from aduan.store import TicketStore, from_item, to_attr, to_item

REPLY_PREFIX = "REPLY#"
QUOTA_RETENTION = timedelta(days=10)


class Claim(StrEnum):
    CLAIMED = "claimed"  # ours to send
    DONE = "done"  # already sent, refused, forbidden or uncertain: nothing to do
    BUSY = "busy"  # another attempt holds it (its lease is live): try again later
    STALE = "stale"  # a dead attempt left it pending: it may have been sent, so it is never sent again
    QUOTA_FULL = "quota_full"  # the window's limit is used up


@dataclass(frozen=True, slots=True)
class Quota:
    scope: str
    window: str
    limit: int

    def key(self) -> dict[str, Any]:
        return {"pk": {"S": f"QUOTA#{self.scope}"}, "sk": {"S": self.window}}


@dataclass(frozen=True, slots=True)
class LedgerKey:
    pk: str  # TICKET#<no> or CEK#<message key>
    sk: str  # REPLY#...

    def key(self) -> dict[str, Any]:
        return {"pk": {"S": self.pk}, "sk": {"S": self.sk}}


def ticket_ledger(ticket_no: str, event_id: str, kind: str) -> LedgerKey:
    return LedgerKey(f"TICKET#{ticket_no}", f"{REPLY_PREFIX}{event_id}#{kind}")


def status_ledger(message_key: str) -> LedgerKey:
    return LedgerKey(f"CEK#{message_key}", f"{REPLY_PREFIX}status")


class ReplyStore(TicketStore):
    """Claims, records, quotas and ratings (and, as a `TicketStore`, the tickets they are about)."""

    # ------------------------------------------------------------------ the ledger
    def claim(
        self, ledger: LedgerKey, *, kind: str, channel: str, now: datetime, lease: timedelta, quota: Quota | None
    ) -> Claim:
        put = {
            "Put": {
                "TableName": self.table_name,
                "Item": to_item(
                    {
                        **{"pk": ledger.pk, "sk": ledger.sk},
                        "type": "reply",
                        "status": "pending",
                        "kind": kind,
                        "channel": channel,
                        "claimed_at": iso(now),
                        "lease_until": iso(now + lease),
                    }
                ),
                "ConditionExpression": "attribute_not_exists(pk)",
            }
        }
        items = [put]
        if quota is not None:
            items.append(self._quota_update(quota, now, +1))
        try:
            self.client.transact_write_items(TransactItems=items)
        except ClientError as exc:
            reasons = [r.get("Code") for r in exc.response.get("CancellationReasons") or []]
            if exc.response["Error"]["Code"] != "TransactionCanceledException":
                raise StorageUnavailable(exc.response["Error"]["Code"]) from exc
            if reasons and reasons[0] == "ConditionalCheckFailed":
                return self._existing(ledger, now)
            if len(reasons) > 1 and reasons[1] == "ConditionalCheckFailed":
                return Claim.QUOTA_FULL
            if "TransactionConflict" in reasons:
                raise ConcurrentUpdate() from exc
            raise StorageUnavailable(exc.response["Error"]["Code"]) from exc
        return Claim.CLAIMED

    def _existing(self, ledger: LedgerKey, now: datetime) -> Claim:
        item = self.entry(ledger)
        if item is None:  # pragma: no cover - it failed the condition because it exists
            raise ConcurrentUpdate()
        if item.get("status") != "pending":
            return Claim.DONE
        return Claim.BUSY if str(item.get("lease_until", "")) > iso(now) else Claim.STALE

    def _quota_update(self, quota: Quota, now: datetime, delta: int) -> dict[str, Any]:
        update: dict[str, Any] = {
            "TableName": self.table_name,
            "Key": quota.key(),
            "UpdateExpression": "ADD used :d SET expires_at = if_not_exists(expires_at, :exp)",
            "ExpressionAttributeValues": {
                ":d": {"N": str(delta)},
                ":exp": {"N": str(int((now + QUOTA_RETENTION).timestamp()))},
            },
        }
        if delta > 0:
            update["ConditionExpression"] = "attribute_not_exists(used) OR used < :limit"
            update["ExpressionAttributeValues"][":limit"] = {"N": str(quota.limit)}
        return {"Update": update}

    def entry(self, ledger: LedgerKey) -> dict[str, Any] | None:
        item = self._call("get_item", TableName=self.table_name, Key=ledger.key(), ConsistentRead=True).get("Item")
        return from_item(item) if item else None

    def release(self, ledger: LedgerKey, quota: Quota | None, now: datetime) -> None:
        """Give a claim back after a transient failure (nothing was sent): the retry claims it again."""
        items: list[dict[str, Any]] = [
            {
                "Delete": {
                    "TableName": self.table_name,
                    "Key": ledger.key(),
                    "ConditionExpression": "#s = :pending",
                    "ExpressionAttributeNames": {"#s": "status"},
                    "ExpressionAttributeValues": {":pending": {"S": "pending"}},
                }
            }
        ]
        if quota is not None:
            items.append(self._quota_update(quota, now, -1))
        self._transact(items)

    def record(
        self,
        ledger: LedgerKey,
        status: str,
        detail: dict[str, Any],
        audit: TicketEvent | None,
        *,
        claimed: bool = True,
        kind: str = "",
        channel: str = "",
    ) -> None:
        """Mark a claimed reply done (`claimed`), or record one that was never claimed (forbidden by a rule),
        with its `ticket.replied` audit item, in one transaction."""
        if claimed:
            write: dict[str, Any] = {
                "Update": {
                    "TableName": self.table_name,
                    "Key": ledger.key(),
                    "UpdateExpression": "SET #s = :s, detail = :d REMOVE lease_until",
                    "ConditionExpression": "#s = :pending",
                    "ExpressionAttributeNames": {"#s": "status"},
                    "ExpressionAttributeValues": {
                        ":s": {"S": status},
                        ":d": to_attr(detail),
                        ":pending": {"S": "pending"},
                    },
                }
            }
        else:
            write = {
                "Put": {
                    "TableName": self.table_name,
                    "Item": to_item(
                        {
                            **{"pk": ledger.pk, "sk": ledger.sk},
                            "type": "reply",
                            "status": status,
                            "kind": kind,
                            "channel": channel,
                            "detail": detail,
                        }
                    ),
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            }
        items = [write]
        if audit is not None:
            items.append({"Put": {"TableName": self.table_name, "Item": audit_item(audit)}})
        try:
            self._transact(items, on_condition=(_AlreadyRecorded,))
        except _AlreadyRecorded:
            return  # recorded by an earlier attempt: the audit item went with it

    def replies(self, ticket_no: str) -> list[dict[str, Any]]:
        response = self._call(
            "query",
            TableName=self.table_name,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :r)",
            ExpressionAttributeValues={":pk": {"S": f"TICKET#{ticket_no}"}, ":r": {"S": REPLY_PREFIX}},
            ConsistentRead=True,
        )
        return [from_item(i) for i in response.get("Items", [])]

    def audit(self, ticket_no: str, audit_sk: str) -> dict[str, Any] | None:
        """One audit item (the replier reads officers' texts from the trail, never from the topic)."""
        item = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": f"TICKET#{ticket_no}"}, "sk": {"S": audit_sk}},
            ConsistentRead=True,
        ).get("Item")
        return from_item(item) if item else None

    # ------------------------------------------------------------------ ratings
    def store_rating(self, ticket_no: str, rating: int, dedup_key: str, now: datetime) -> None:
        """The citizen's rating on the ticket (the latest answer counts), its audit item, and the message's
        dedup key, in one transaction; `DuplicateMessage` for a redelivered answer."""
        event = TicketEvent(
            type=EventType.RATED, subject=Subject.ticket(ticket_no), actor="warga", at=now, details={"rating": rating}
        )
        self._transact(
            [
                {"Put": self._dedup_put(dedup_key, ticket_no, now)},
                {
                    "Put": {
                        "TableName": self.table_name,
                        "Item": to_item(
                            {
                                "pk": f"TICKET#{ticket_no}",
                                "sk": "RATING",
                                "type": "rating",
                                "ticket_no": ticket_no,
                                "rating": rating,
                                "rated_at": iso(now),
                            }
                        ),
                    }
                },
                {"Put": {"TableName": self.table_name, "Item": audit_item(event)}},
            ],
            on_condition=(DuplicateMessage,),
        )

    def rating(self, ticket_no: str) -> int | None:
        item = self._call(
            "get_item",
            TableName=self.table_name,
            Key={"pk": {"S": f"TICKET#{ticket_no}"}, "sk": {"S": "RATING"}},
            ConsistentRead=True,
        ).get("Item")
        return int(from_item(item)["rating"]) if item else None


class _AlreadyRecorded(Exception):
    pass
