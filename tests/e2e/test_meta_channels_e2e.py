"""Instagram and Facebook Page end to end over HTTP against the local stack: webhook to ticket to officer SMS."""

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

from aduan.channels import registry
from devstack import DEFAULT_REGION
from devstack.simulate import encode, refresh
from tests.duty import DutyWindow
from tests.support import load_event

DUTY = DutyWindow()  # the demo officers work shifts: who is alerted depends on the time
if TYPE_CHECKING:
    from tests.e2e.conftest import RunningStack

pytestmark = pytest.mark.e2e
CHANNELS = pytest.mark.parametrize("channel", ["instagram", "facebook"])
#: Correctness, not latency, is checked here: an earlier load test may leave the notifier a backlog.
WAIT = 120
SHORT = {"instagram": "IG", "facebook": "FB"}


def sample(channel: str, name: str, suffix: str) -> bytes:
    """A sample delivery with every id suffixed (a fresh citizen and message) and timestamps moved to now."""
    payload = load_event(f"{channel}/{name}")
    return encode(refresh(payload, suffix=suffix, shift=int(time.time()) - 1764291000))


def post(stack: RunningStack, channel: str, body: bytes, secret: str | None = None) -> tuple[int, dict[str, Any]]:
    spec = registry.webhook(channel)
    assert spec.sign is not None
    signing = secret or stack.channel_secrets[channel]["signing_secret"]
    request = urllib.request.Request(
        f"{stack.api_url}{spec.path}",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", **spec.sign(body, signing, time.time())},
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def dynamodb(stack: RunningStack) -> Any:
    return boto3.client(
        "dynamodb",
        endpoint_url=stack.aws_endpoint,
        region_name=DEFAULT_REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def tickets_with(stack: RunningStack, suffix: str) -> list[dict[str, Any]]:
    """Tickets whose citizen carries this run's id suffix."""
    items = dynamodb(stack).scan(
        TableName="Table",
        FilterExpression="sk = :t AND contains(citizen.platform_id, :s)",
        ExpressionAttributeValues={":t": {"S": "TICKET"}, ":s": {"S": suffix}},
    )["Items"]
    return [
        {
            "ticket_no": i["ticket_no"]["S"],
            "channel": i["channel"]["S"],
            "priority": i["priority"]["S"],
            "messages": len(i["messages"]["L"]),
        }
        for i in items
    ]


def sms_for(stack: RunningStack, ticket_no: str) -> list[dict[str, Any]]:
    return [s for s in stack.outbox()["sms"] if f" {ticket_no} " in s["message"]]


def fresh() -> str:
    return f"e2e{uuid.uuid4().hex[:10]}"


@CHANNELS
def test_signed_urgent_report_becomes_a_ticket_and_an_sms_naming_the_channel(stack: RunningStack, channel: str) -> None:
    suffix = fresh()
    started = time.monotonic()
    assert post(stack, channel, sample(channel, "text_urgent.json", suffix)) == (200, {"status": "accepted"})
    [ticket] = stack.wait_for(lambda: tickets_with(stack, suffix), WAIT)
    sms = stack.wait_for(
        lambda: len(sms_for(stack, ticket["ticket_no"])) >= 2 and sms_for(stack, ticket["ticket_no"]), WAIT
    )
    print(f"{channel}: POST to SMS in the outbox: {time.monotonic() - started:.2f} s")
    assert (ticket["channel"], ticket["priority"]) == (channel, "darurat")
    assert sorted(s["phone_number"] for s in sms) in DUTY.phones("polresta", "lowokwaru")
    assert all(f", via {SHORT[channel]}:" in s["message"] and len(s["message"]) <= 160 for s in sms)


@CHANNELS
def test_a_follow_up_in_the_same_conversation_joins_the_ticket(stack: RunningStack, channel: str) -> None:
    suffix = fresh()
    assert post(stack, channel, sample(channel, "text_urgent.json", suffix))[0] == 200
    stack.wait_for(lambda: tickets_with(stack, suffix), WAIT)
    assert post(stack, channel, sample(channel, "text_follow_up.json", suffix))[0] == 200
    stack.wait_for(lambda: [t["messages"] for t in tickets_with(stack, suffix)] == [2], WAIT)


@CHANNELS
def test_redeliveries_also_concurrent_add_nothing(stack: RunningStack, channel: str) -> None:
    suffix = fresh()
    body = sample(channel, "comment_urgent.json", suffix)
    assert post(stack, channel, body)[0] == 200
    with ThreadPoolExecutor(2) as pool:
        assert [status for status, _ in pool.map(lambda _: post(stack, channel, body), range(2))] == [200, 200]
    [ticket] = stack.wait_for(lambda: tickets_with(stack, suffix), WAIT)
    stack.wait_for(lambda: len(sms_for(stack, ticket["ticket_no"])) >= 2, WAIT)
    # Positive signal that the redeliveries went through: a later reply in the thread joins the same ticket.
    assert post(stack, channel, sample(channel, "comment_reply_same_person.json", suffix))[0] == 200
    stack.wait_for(lambda: [t["messages"] for t in tickets_with(stack, suffix)] == [2], WAIT)
    assert len(tickets_with(stack, suffix)) == 1
    assert len(sms_for(stack, ticket["ticket_no"])) == 2


@CHANNELS
def test_bad_signatures_store_nothing(stack: RunningStack, channel: str) -> None:
    suffix = fresh()
    body = sample(channel, "text_urgent.json", suffix)
    status, reply = post(stack, channel, body, secret="someone-else")
    assert (status, reply["error"]) == (401, "invalid_signature")
    # Positive signal: a good delivery sent after the forged one is processed, and only it.
    good = fresh()
    assert post(stack, channel, sample(channel, "text_urgent.json", good))[0] == 200
    stack.wait_for(lambda: tickets_with(stack, good), WAIT)
    assert tickets_with(stack, suffix) == []


@CHANNELS
def test_a_signed_unreadable_body_is_acknowledged_and_parked(stack: RunningStack, channel: str) -> None:
    marker = fresh()
    obj = "instagram" if channel == "instagram" else "page"
    body = f'{{"object":"{obj}","entry":["{marker}",'.encode() + b"[" * 3000 + b"]" * 3000 + b"]}"
    assert post(stack, channel, body) == (200, {"status": "parked"})
    sqs = boto3.client(
        "sqs",
        endpoint_url=stack.aws_endpoint,
        region_name=DEFAULT_REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    url = sqs.get_queue_url(QueueName="IntakeDeadLetterQueue")["QueueUrl"]

    def parked() -> dict[str, str] | None:
        for message in sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"], VisibilityTimeout=0
        ).get("Messages", []):
            if marker in message["Body"]:
                return {k: v["StringValue"] for k, v in message["MessageAttributes"].items()}
        return None

    attributes = stack.wait_for(parked, WAIT)
    assert attributes["channel"] == channel and attributes["reason"].startswith("too_deep")


def test_make_simulate_for_one_channel(stack: RunningStack) -> None:
    result = stack.run_tool("devstack.simulate", "--channel", "instagram")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "instagram  handshake GET /webhooks/instagram: 200 (accepted)" in result.stdout
    assert re.search(r"instagram/text_urgent\.json +200 ", result.stdout)
    assert "facebook/" not in result.stdout
