"""WhatsApp end to end over HTTP against the local stack: webhook, queue, normalizer, stream, notifier, SMS."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import boto3
import pytest

from aduan.signatures import meta_signature
from devstack import DEFAULT_REGION
from tests.duty import DutyWindow
from tests.support import load_event

DUTY = DutyWindow()  # the demo officers work shifts: who is alerted depends on the time
if TYPE_CHECKING:
    from tests.e2e.conftest import RunningStack

pytestmark = pytest.mark.e2e


def delivery(citizen: str, message_id: str, text: str) -> bytes:
    """The sample urgent report, from `citizen`, with `message_id` and `text`."""
    data = load_event("whatsapp/text_urgent.json")
    value = data["entry"][0]["changes"][0]["value"]
    value["contacts"][0]["wa_id"] = citizen
    message = value["messages"][0]
    message.update({"from": citizen, "id": message_id, "timestamp": str(int(time.time()))})
    message["text"]["body"] = text
    return json.dumps(data, separators=(",", ":")).encode()


def post(stack: RunningStack, body: bytes, signature: str | None = None) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        stack.webhook_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Hub-Signature-256": signature or meta_signature(body, stack.app_secret),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def tickets_of(stack: RunningStack, citizen: str) -> list[dict[str, Any]]:
    dynamodb = boto3.client(
        "dynamodb",
        endpoint_url=stack.aws_endpoint,
        region_name=DEFAULT_REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    items = dynamodb.scan(
        TableName="Table",
        FilterExpression="sk = :t AND citizen.platform_id = :c",
        ExpressionAttributeValues={":t": {"S": "TICKET"}, ":c": {"S": citizen}},
    )["Items"]
    return [{"ticket_no": i["ticket_no"]["S"], "priority": i["priority"]["S"]} for i in items]


def sms_for(stack: RunningStack, ticket_no: str) -> list[dict[str, Any]]:
    return [s for s in stack.outbox()["sms"] if f" {ticket_no} " in s["message"]]


def fresh_citizen() -> str:
    return "62812" + str(uuid.uuid4().int)[:8]


def intake_backlog(stack: RunningStack) -> int:
    """Deliveries still on the intake queue: waiting, in flight (being processed) or delayed."""
    sqs = boto3.client(
        "sqs",
        endpoint_url=stack.aws_endpoint,
        region_name=DEFAULT_REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    url = sqs.get_queue_url(QueueName="IntakeQueue")["QueueUrl"]
    names = [f"ApproximateNumberOfMessages{state}" for state in ("", "NotVisible", "Delayed")]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
    return sum(int(attributes[name]) for name in names)


def settle(stack: RunningStack) -> None:
    """Wait for a positive signal that everything sent so far has been fully processed.

    The intake queue empty (nothing waiting or in flight) means the normalizer is done with every
    delivery; then a fresh urgent marker report reaching its SMS means the notifier has passed every
    earlier record of the table's stream (a shard is processed in order).
    """
    stack.wait_for(lambda: intake_backlog(stack) == 0)
    marker = fresh_citizen()
    assert post(stack, delivery(marker, f"wamid.e2e.marker.{uuid.uuid4().hex}", URGENT))[0] == 200
    [ticket] = stack.wait_for(lambda: tickets_of(stack, marker))
    stack.wait_for(lambda: sms_for(stack, ticket["ticket_no"]))
    stack.wait_for(lambda: intake_backlog(stack) == 0)


URGENT = "TOLONG ada begal bawa celurit di jl soekarno hatta dekat kampus, korban luka bacok berdarah sekarang!!"


def test_signed_report_becomes_a_ticket_and_an_sms(stack: RunningStack) -> None:
    citizen = fresh_citizen()
    started = time.monotonic()
    status, body = post(stack, delivery(citizen, f"wamid.e2e.{uuid.uuid4().hex}", URGENT))
    assert (status, body) == (200, {"status": "accepted"})
    [ticket] = stack.wait_for(lambda: tickets_of(stack, citizen))
    sms = stack.wait_for(lambda: sms_for(stack, ticket["ticket_no"]))
    elapsed = time.monotonic() - started
    print(f"POST to first SMS in the outbox: {elapsed:.2f} s")
    assert ticket["priority"] == "darurat"
    assert all(s["message"].startswith(f"ADUAN DARURAT {ticket['ticket_no']} ") for s in sms)
    assert all(len(s["message"]) <= 160 for s in sms)


def test_three_deliveries_two_concurrent_make_one_ticket_and_one_sms_per_officer(stack: RunningStack) -> None:
    citizen = fresh_citizen()
    body = delivery(citizen, f"wamid.e2e.{uuid.uuid4().hex}", URGENT)
    assert post(stack, body)[0] == 200
    with ThreadPoolExecutor(2) as pool:
        statuses = [status for status, _ in pool.map(lambda _: post(stack, body), range(2))]
    assert statuses == [200, 200]
    [ticket] = stack.wait_for(lambda: tickets_of(stack, citizen))
    stack.wait_for(lambda: len(sms_for(stack, ticket["ticket_no"])) >= 2)
    settle(stack)  # the two duplicate deliveries have passed through the normalizer and the stream
    assert len(tickets_of(stack, citizen)) == 1
    phones = sorted(s["phone_number"] for s in sms_for(stack, ticket["ticket_no"]))
    # Polsek Lowokwaru and the Polresta duty desk, one SMS each.
    assert phones in DUTY.phones("polresta", "lowokwaru")


def test_bad_signature_is_rejected_and_nothing_is_stored(stack: RunningStack) -> None:
    citizen = fresh_citizen()
    body = delivery(citizen, f"wamid.e2e.{uuid.uuid4().hex}", URGENT)
    status, reply = post(stack, body, signature=meta_signature(body, "someone-else"))
    assert (status, reply["error"]) == (401, "invalid_signature")
    settle(stack)
    assert tickets_of(stack, citizen) == []


def test_signed_unreadable_body_is_acknowledged_and_parked(stack: RunningStack) -> None:
    marker = uuid.uuid4().hex
    body = b'{"object":"whatsapp_business_account","entry":' + b"[" * 5000 + marker.encode() + b"]" * 5000 + b"}"
    status, reply = post(stack, body)
    assert (status, reply) == (200, {"status": "parked"})
    sqs = boto3.client(
        "sqs",
        endpoint_url=stack.aws_endpoint,
        region_name=DEFAULT_REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    url = sqs.get_queue_url(QueueName="IntakeDeadLetterQueue")["QueueUrl"]

    def parked_reason() -> str | None:
        for message in sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"], VisibilityTimeout=0
        ).get("Messages", []):
            if marker in message["Body"]:
                return str(message["MessageAttributes"]["reason"]["StringValue"])
        return None

    assert stack.wait_for(parked_reason, timeout=10).startswith("too_deep")


def test_make_simulate_shows_an_urgent_sms_in_the_outbox(stack: RunningStack) -> None:
    result = stack.run_tool("devstack.simulate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"whatsapp/text_urgent\.json +200 ", result.stdout), result.stdout

    def urgent_phones() -> set[str]:
        marker = ' Kecelakaan, Lowokwaru, via WA: "Tolong pak!!'
        return {s["phone_number"] for s in stack.outbox()["sms"] if marker in s["message"]}

    # Polsek Lowokwaru and the Polresta duty desk.
    stack.wait_for(lambda: sorted(urgent_phones()) in DUTY.phones("polresta", "lowokwaru"))
    # The domestic-violence sample reaches the PPA unit with its text withheld.
    stack.wait_for(
        lambda: any("KDRT/PPA" in s["message"] and "isi dibatasi" in s["message"] for s in stack.outbox()["sms"])
    )
