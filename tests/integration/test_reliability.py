"""Crashes, poison messages and partial batch failures: nothing lost, nothing doubled."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aduan import notify, store
from aduan.intake import IntakeQueue
from tests.duty import DutyWindow
from tests.integration.conftest import Deployed
from tests.integration.test_whatsapp_flow import post, sms_sent, tickets
from tests.support import load_event, load_raw

DUTY = DutyWindow()  # the demo officers work shifts: who is alerted depends on the time


class InjectedCrash(RuntimeError):
    """Stands for the execution environment dying between two steps."""


def dead_letters(deployed: Deployed) -> list[dict[str, Any]]:
    sqs = deployed.client("sqs")
    url = deployed.env["INTAKE_DLQ_URL"]
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"])
    return list(messages.get("Messages", []))


def test_normalizer_dying_after_storing_the_ticket_loses_nothing_and_doubles_nothing(
    deployed: Deployed, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = store.TicketStore.create_ticket
    crashes = []

    def store_then_die(self: store.TicketStore, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        if not crashes:
            crashes.append(1)
            raise InjectedCrash("after storing the ticket, before acknowledging the queue message")

    monkeypatch.setattr(store.TicketStore, "create_ticket", store_then_die)
    post(deployed, load_raw("whatsapp/text_urgent.json"))
    deployed.drain()  # first attempt crashes; the queue message comes back and is retried

    assert crashes == [1]
    [ticket] = tickets(deployed)
    assert len(ticket["messages"]) == 1
    sms = sms_sent(deployed)
    assert sorted(phone for phone, _ in sms) in DUTY.phones("polresta", "lowokwaru")  # each officer once


def test_notifier_dying_between_two_officers_alerts_each_exactly_once(
    deployed: Deployed, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = store.TicketStore.record_delivery
    calls: list[str] = []

    def record_then_die(self: store.TicketStore, ticket_no: str, ledger_key: str, *args: Any, **kwargs: Any) -> None:
        original(self, ticket_no, ledger_key, *args, **kwargs)
        calls.append(ledger_key)
        if len(calls) == 1:
            raise InjectedCrash("after the first SMS was sent and recorded")

    monkeypatch.setattr(store.TicketStore, "record_delivery", record_then_die)
    post(deployed, load_raw("whatsapp/text_urgent.json"))
    deployed.drain()  # the stream record fails once and is retried from the ledger's state

    phones = sorted(phone for phone, _ in sms_sent(deployed))
    assert phones in DUTY.phones("polresta", "lowokwaru")
    ledger = store.TicketStore(deployed.env["TABLE_NAME"]).alert_ledger(tickets(deployed)[0]["ticket_no"])
    assert sorted(item["status"] for item in ledger) == ["sent", "sent", "sent"]  # two SMS and one email
    assert all(item["attempts"] == 1 for item in ledger)


def test_transient_sms_failure_is_retried_and_permanent_one_is_recorded(
    deployed: Deployed, monkeypatch: pytest.MonkeyPatch
) -> None:
    from botocore.exceptions import ClientError

    original = notify.Notifier._send_sms
    attempts: dict[str, int] = {}

    def flaky(self: notify.Notifier, officer: Any, plan: Any) -> str:
        attempts[officer.unit] = attempts.get(officer.unit, 0) + 1
        if officer.unit == "polresta" and attempts[officer.unit] == 1:
            raise ClientError({"Error": {"Code": "Throttling", "Message": "slow down"}}, "Publish")
        if officer.unit == "lowokwaru":
            raise ClientError({"Error": {"Code": "InvalidParameter", "Message": "bad number"}}, "Publish")
        return original(self, officer, plan)

    monkeypatch.setattr(notify.Notifier, "_send_sms", flaky)
    post(deployed, load_raw("whatsapp/text_urgent.json"))
    deployed.drain()

    assert attempts == {"lowokwaru": 1, "polresta": 2}  # one officer on duty in each unit
    assert [phone for phone, _ in sms_sent(deployed)] in DUTY.phones("polresta")
    ledger = store.TicketStore(deployed.env["TABLE_NAME"]).alert_ledger(tickets(deployed)[0]["ticket_no"])
    failed = [item for item in ledger if item["status"] == "failed"]
    assert len(failed) == 1
    assert failed[0]["detail"]["error"] == "InvalidParameter"
    assert {failed[0]["detail"]["officer_id"]} in DUTY.officer_ids("lowokwaru")
    assert failed[0]["detail"]["action"] == "sms_gagal"


def test_poison_message_is_parked_in_the_dead_letter_queue_with_its_reason(deployed: Deployed) -> None:
    sqs = deployed.client("sqs")
    sqs.send_message(QueueUrl=deployed.env["INTAKE_QUEUE_URL"], MessageBody="this is not an envelope")
    envelope = json.loads(load_event("lambda/normalizer_intake.json")["Records"][0]["body"])
    envelope["body"] = json.dumps({"object": "page", "entry": []})
    sqs.send_message(QueueUrl=deployed.env["INTAKE_QUEUE_URL"], MessageBody=json.dumps(envelope))
    deployed.drain()
    parked = dead_letters(deployed)
    reasons = sorted(m["MessageAttributes"]["reason"]["StringValue"] for m in parked)
    assert reasons == ["not an intake envelope: JSONDecodeError", "unexpected object 'page'"]
    assert tickets(deployed) == []


def test_batch_reports_only_the_failed_record(deployed: Deployed, monkeypatch: pytest.MonkeyPatch) -> None:
    event = load_event("lambda/normalizer_intake.json")
    good = event["Records"][0]
    other = json.loads(json.dumps(good))
    other["messageId"] = "second-record"
    body = json.loads(other["body"])
    body["body"] = body["body"].replace("wamid.HBgN", "wamid.OTHER").replace("6281200000101", "6281200000999")
    other["body"] = json.dumps(body)
    event["Records"].append(other)

    original = store.TicketStore.create_ticket

    def fail_for_one_citizen(self: store.TicketStore, ticket: Any, *args: Any, **kwargs: Any) -> None:
        if ticket.citizen.platform_id == "6281200000999":
            raise store.StorageUnavailable("ProvisionedThroughputExceededException")
        original(self, ticket, *args, **kwargs)

    monkeypatch.setattr(store.TicketStore, "create_ticket", fail_for_one_citizen)
    result = deployed.invoke("NormalizerFunction", event)
    assert result == {"batchItemFailures": [{"itemIdentifier": "second-record"}]}
    assert len(tickets(deployed)) == 1


def test_reference_to_a_vanished_stored_delivery_is_parked_with_its_reason(deployed: Deployed) -> None:
    queue = IntakeQueue(deployed.env["PAYLOAD_BUCKET"], queue_url=deployed.env["INTAKE_QUEUE_URL"])
    event = load_event("lambda/normalizer_intake.json")
    body = json.loads(event["Records"][0]["body"])
    del body["body"]
    body["body_ref"] = {"bucket": queue.bucket, "key": "deliveries/whatsapp/missing.json"}
    event["Records"][0]["body"] = json.dumps(body)
    assert deployed.invoke("NormalizerFunction", event) == {"batchItemFailures": []}
    [parked] = dead_letters(deployed)
    assert parked["MessageAttributes"]["reason"]["StringValue"].startswith(
        "stored delivery deliveries/whatsapp/missing"
    )


def test_the_stream_keeps_flowing_after_a_duplicate_is_refused(deployed: Deployed) -> None:
    """A refused duplicate is a failed transaction; the notifier must still see every later ticket."""
    body = load_raw("whatsapp/text_urgent.json")
    post(deployed, body)
    deployed.drain()
    post(deployed, body)  # the duplicate's transaction is cancelled by its condition
    deployed.drain()
    other = load_event("whatsapp/video_caption_ppa.json")
    post(deployed, json.dumps(other).encode())
    deployed.drain()
    assert len(tickets(deployed)) == 2
    assert DUTY.phone("ppa") & {phone for phone, _ in sms_sent(deployed)}  # the PPA officer, for the second
