"""The notifier's delivery records live in the alert ledger, and a warm notifier reuses the roster."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from aduan.notify import Change, Notifier
from aduan.store import RosterStore, TicketStore
from tests.integration.conftest import Deployed
from tests.integration.test_whatsapp_flow import post, sms_sent, tickets
from tests.support import load_raw


def _report(citizen: str, message_id: str) -> bytes:
    raw = load_raw("whatsapp/text_urgent.json")
    return raw.replace(b"6281200000101", citizen.encode()).replace(b"wamid.HBgN", message_id.encode())


def _stream_keys(deployed: Deployed) -> list[tuple[str, str, str]]:
    """(event, pk, sk) of every record on the table's stream so far."""
    streams = deployed.client("dynamodbstreams")
    arn = deployed.client("dynamodb").describe_table(TableName=deployed.env["TABLE_NAME"])["Table"]["LatestStreamArn"]
    found = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")
        records = streams.get_records(ShardIterator=iterator["ShardIterator"])["Records"]
        found += [(r["eventName"], r["dynamodb"]["Keys"]["pk"]["S"], r["dynamodb"]["Keys"]["sk"]["S"]) for r in records]
    return found


def test_alerting_a_ticket_adds_no_ticket_record_to_the_stream(deployed: Deployed) -> None:
    post(deployed, load_raw("whatsapp/text_urgent.json"))
    deployed.drain()
    [ticket] = tickets(deployed)
    assert len(sms_sent(deployed)) == 2

    ticket_records = [r for r in _stream_keys(deployed) if r[2] == "TICKET"]
    assert ticket_records == [("INSERT", f"TICKET#{ticket['ticket_no']}", "TICKET")]
    ledger = TicketStore(deployed.env["TABLE_NAME"]).alert_ledger(ticket["ticket_no"])
    assert len(ledger) == 3
    assert all(item["type"] == "alert" and item["ticket_no"] == ticket["ticket_no"] for item in ledger)
    assert all(item["attempted_at"] <= item["finished_at"] for item in ledger)


def test_a_finished_delivery_is_never_rewritten(deployed: Deployed) -> None:
    post(deployed, load_raw("whatsapp/text_urgent.json"))
    deployed.drain()
    [ticket] = tickets(deployed)
    store = TicketStore(deployed.env["TABLE_NAME"])
    [first, *_] = [item for item in store.alert_ledger(ticket["ticket_no"]) if item["detail"]["medium"] == "sms"]
    key = first["sk"].removeprefix("ALERT#")

    assert store.claim_alert(ticket["ticket_no"], key, datetime.now(UTC)) is False
    store.record_delivery(ticket["ticket_no"], key, "failed", {"error": "late"}, at=datetime.now(UTC), summary="x")
    [again] = [item for item in store.alert_ledger(ticket["ticket_no"]) if item["sk"] == first["sk"]]
    assert again == first


def test_a_warm_notifier_reads_each_units_roster_once_per_ttl(
    deployed: Deployed, monkeypatch: pytest.MonkeyPatch
) -> None:
    post(deployed, _report("6281200000201", "wamid.ROSTER1"))
    post(deployed, _report("6281200000202", "wamid.ROSTER2"))
    deployed.sqs_poller().poll_once()
    table = deployed.env["TABLE_NAME"]
    store = TicketStore(table)
    first, second = (store.get_ticket(t["ticket_no"]) for t in sorted(tickets(deployed), key=lambda t: t["ticket_no"]))
    assert first is not None and second is not None

    reads: list[str] = []
    original = RosterStore.officers

    def counted(self: RosterStore, unit: str) -> Any:
        reads.append(unit)
        return original(self, unit)

    monkeypatch.setattr(RosterStore, "officers", counted)
    now = [1000.0]
    notifier = Notifier(
        store=store,
        roster=RosterStore(table),
        alerts_topic_arn=deployed.env["ALERTS_TOPIC_ARN"],
        ticket_events_topic_arn=deployed.env["TICKET_EVENTS_TOPIC_ARN"],
        roster_ttl=60,
        monotonic=lambda: now[0],
    )
    [plan] = notifier.handle(Change("INSERT", first, None))
    units = sorted(set(reads))
    assert units == sorted(plan.units) and len(reads) == len(units)

    now[0] += 59
    notifier.handle(Change("INSERT", second, None))
    assert len(reads) == len(units)  # the second ticket, within the TTL: no roster read

    now[0] += 2
    notifier.handle(Change("MODIFY", second.model_copy(update={"version": 2}), second))
    assert len(reads) == len(units)  # nothing to alert: nothing read
    third = second.model_copy(update={"ticket_no": "ZZZ-ZZZ"})
    notifier.handle(Change("INSERT", third, None))
    assert len(reads) == 2 * len(units)  # the TTL ran out: read again
    assert len(sms_sent(deployed)) == 3 * 2
