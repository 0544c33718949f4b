"""X and TikTok end to end over HTTP against the local stack: webhook, queue, normalizer, stream, notifier, SMS.

Every test writes as a fresh citizen in a fresh conversation (the stack is shared by the session), signs with
the channel's own `sign` helper and the secret the stack seeded in SSM, and waits for positive signals (a
ticket, an SMS, an empty queue) rather than sleeping.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import TYPE_CHECKING, Any

import boto3
import pytest

from aduan.channels.tiktok import webhook as tiktok
from aduan.channels.x import webhook as x
from devstack import DEFAULT_REGION
from devstack.cfn import Stack, load_template
from tests.duty import DutyWindow
from tests.support import load_event

DUTY = DutyWindow()  # the demo officers work shifts: who is alerted depends on the time
if TYPE_CHECKING:
    from tests.e2e.conftest import RunningStack

pytestmark = pytest.mark.e2e

FUNCTIONS = {"x": "XWebhookFunction", "tiktok": "TikTokWebhookFunction"}
SIGNERS = {"x": x.sign, "tiktok": tiktok.sign}
SHORT = {"x": "X", "tiktok": "TikTok"}
URGENT = "TOLONG ada begal bawa celurit di jl soekarno hatta dekat kampus, korban luka bacok berdarah sekarang!!"
URGENT_TEXT = {"x": f"@PolrestaMlgKota {URGENT}", "tiktok": URGENT}
#: Correctness, not latency: a busy machine, or a load test before these, can leave a backlog to drain first.
#: The figure printed by the first test is the latency; the benchmarks and `make load` measure it properly.
WAIT = 120.0
FOLLOW_UP_TEXT = "pelakunya dua orang pakai motor nmax hitam, kabur ke arah dinoyo"


def _aws(stack: RunningStack, service: str) -> Any:
    return boto3.client(
        service,
        endpoint_url=stack.aws_endpoint,
        region_name=DEFAULT_REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


@cache
def _secret_param(channel: str) -> str:
    return Stack(load_template()).function(FUNCTIONS[channel]).environment["SIGNING_SECRET_PARAM"]


def secret(stack: RunningStack, channel: str) -> str:
    """The signing secret the running stack seeded for `channel`, read back from its SSM."""
    parameter = _aws(stack, "ssm").get_parameter(Name=_secret_param(channel), WithDecryption=True)["Parameter"]
    return str(parameter["Value"])


def fresh_id() -> str:
    return "17" + str(uuid.uuid4().int)[:17]


def x_post(citizen: str, post_id: str, thread: str, text: str) -> bytes:
    """The urgent mention sample, written by `citizen` as post `post_id` in conversation `thread`."""
    data = load_event("x/text_urgent.json")
    payload = data["data"]["payload"]
    payload.update(id=post_id, author_id=citizen, conversation_id=thread, text=text, edit_history_tweet_ids=[post_id])
    payload["created_at"] = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
    if thread != post_id:
        payload["in_reply_to_tweet_id"] = thread
    data["data"]["event_uuid"] = post_id
    data["data"]["includes"]["users"][0]["id"] = citizen
    return json.dumps(data, separators=(",", ":")).encode()


def tiktok_message(citizen: str, conversation: str, message_id: str, text: str) -> bytes:
    """The urgent TikTok sample, from `citizen` in `conversation`, as message `message_id`."""
    data = load_event("tiktok/text_urgent.json")
    content = json.loads(data["content"])
    content.update(conversation_id=conversation, message_id=message_id, timestamp=int(time.time() * 1000))
    content["from_user"]["id"] = content["unique_identifier"] = citizen
    content["text"]["body"] = text
    data.update(create_time=int(time.time()), content=json.dumps(content, separators=(",", ":")))
    return json.dumps(data, separators=(",", ":")).encode()


def report(channel: str, citizen: str, thread: str, message_id: str, text: str) -> bytes:
    if channel == "x":
        return x_post(citizen, message_id, thread, text)
    return tiktok_message(citizen, thread, message_id, text)


def request(
    stack: RunningStack, channel: str, method: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, Any]:
    url = f"{stack.api_url}/webhooks/{channel}"
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=15) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def post(stack: RunningStack, channel: str, body: bytes, key: str | None = None) -> tuple[int, Any]:
    headers = SIGNERS[channel](body, key if key is not None else secret(stack, channel), time.time())
    return request(stack, channel, "POST", body, headers)


def tickets_of(stack: RunningStack, citizen: str) -> list[dict[str, Any]]:
    items = _aws(stack, "dynamodb").scan(
        TableName="Table",
        FilterExpression="sk = :t AND citizen.platform_id = :c",
        ExpressionAttributeValues={":t": {"S": "TICKET"}, ":c": {"S": citizen}},
    )["Items"]
    return [
        {
            "ticket_no": i["ticket_no"]["S"],
            "priority": i["priority"]["S"],
            "channel": i["channel"]["S"],
            "messages": len(i["messages"]["L"]),
        }
        for i in items
    ]


def sms_for(stack: RunningStack, ticket_no: str) -> list[dict[str, Any]]:
    return [s for s in stack.outbox()["sms"] if f" {ticket_no} " in s["message"]]


def intake_backlog(stack: RunningStack) -> int:
    sqs = _aws(stack, "sqs")
    url = sqs.get_queue_url(QueueName="IntakeQueue")["QueueUrl"]
    names = [f"ApproximateNumberOfMessages{state}" for state in ("", "NotVisible", "Delayed")]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
    return sum(int(attributes[name]) for name in names)


def settle(stack: RunningStack, channel: str) -> None:
    """Everything sent so far is processed: the queue is empty, then a fresh urgent marker reaches its SMS
    (the notifier reads the table's stream in order, so every earlier record has passed)."""
    stack.wait_for(lambda: intake_backlog(stack) == 0, timeout=WAIT)
    marker = fresh_id()
    assert post(stack, channel, report(channel, marker, fresh_id(), fresh_id(), URGENT_TEXT[channel]))[0] == 200
    [ticket] = stack.wait_for(lambda: tickets_of(stack, marker), timeout=WAIT)
    stack.wait_for(lambda: sms_for(stack, ticket["ticket_no"]), timeout=WAIT)
    stack.wait_for(lambda: intake_backlog(stack) == 0, timeout=WAIT)


@pytest.mark.parametrize("channel", ["x", "tiktok"])
def test_signed_urgent_report_becomes_a_ticket_and_an_sms_naming_the_channel(stack: RunningStack, channel: str) -> None:
    citizen, thread = fresh_id(), fresh_id()
    started = time.monotonic()
    status, body = post(stack, channel, report(channel, citizen, thread, thread, URGENT_TEXT[channel]))
    assert (status, body) == (200, {"status": "accepted"})
    [ticket] = stack.wait_for(lambda: tickets_of(stack, citizen), timeout=WAIT)
    sms = stack.wait_for(lambda: sms_for(stack, ticket["ticket_no"]), timeout=WAIT)
    print(f"{channel}: POST to first SMS in the outbox: {time.monotonic() - started:.2f} s")
    assert (ticket["channel"], ticket["priority"]) == (channel, "darurat")
    assert all(s["message"].startswith(f"ADUAN DARURAT {ticket['ticket_no']} ") for s in sms)
    assert all(f", via {SHORT[channel]}:" in s["message"] and len(s["message"]) <= 160 for s in sms)


@pytest.mark.parametrize("channel", ["x", "tiktok"])
def test_follow_up_in_the_same_conversation_joins_the_ticket(stack: RunningStack, channel: str) -> None:
    citizen, thread = fresh_id(), fresh_id()
    assert post(stack, channel, report(channel, citizen, thread, thread, URGENT_TEXT[channel]))[0] == 200
    [ticket] = stack.wait_for(lambda: tickets_of(stack, citizen), timeout=WAIT)
    assert post(stack, channel, report(channel, citizen, thread, fresh_id(), FOLLOW_UP_TEXT))[0] == 200
    stack.wait_for(lambda: [t for t in tickets_of(stack, citizen) if t["messages"] == 2], timeout=WAIT)
    assert [t["ticket_no"] for t in tickets_of(stack, citizen)] == [ticket["ticket_no"]]


@pytest.mark.parametrize("channel", ["x", "tiktok"])
def test_redeliveries_also_concurrent_add_nothing(stack: RunningStack, channel: str) -> None:
    citizen, thread = fresh_id(), fresh_id()
    body = report(channel, citizen, thread, thread, URGENT_TEXT[channel])
    assert post(stack, channel, body)[0] == 200
    with ThreadPoolExecutor(2) as pool:
        statuses = [status for status, _ in pool.map(lambda _: post(stack, channel, body), range(2))]
    assert statuses == [200, 200]
    [ticket] = stack.wait_for(lambda: tickets_of(stack, citizen), timeout=WAIT)
    stack.wait_for(lambda: len(sms_for(stack, ticket["ticket_no"])) >= 2, timeout=WAIT)
    settle(stack, channel)
    [ticket] = tickets_of(stack, citizen)
    assert ticket["messages"] == 1
    # Polsek Lowokwaru and the Polresta duty desk, one SMS each.
    phones = sorted(s["phone_number"] for s in sms_for(stack, ticket["ticket_no"]))
    assert phones in DUTY.phones("polresta", "lowokwaru")


@pytest.mark.parametrize("channel", ["x", "tiktok"])
def test_bad_signature_is_a_401_and_nothing_is_stored(stack: RunningStack, channel: str) -> None:
    citizen, thread = fresh_id(), fresh_id()
    body = report(channel, citizen, thread, thread, URGENT_TEXT[channel])
    status, reply = post(stack, channel, body, key="someone-else")
    assert (status, reply["error"]) == (401, "invalid_signature")
    settle(stack, channel)
    assert tickets_of(stack, citizen) == []


def test_tiktok_stale_timestamp_is_a_401(stack: RunningStack) -> None:
    citizen, thread = fresh_id(), fresh_id()
    body = report("tiktok", citizen, thread, thread, URGENT_TEXT["tiktok"])
    headers = tiktok.sign(body, secret(stack, "tiktok"), time.time() - tiktok.TOLERANCE_SECONDS - 60)
    status, reply = request(stack, "tiktok", "POST", body, headers)
    assert (status, reply["error"]) == (401, "stale_timestamp")


def test_x_crc_answer_verifies_with_the_consumer_secret(stack: RunningStack) -> None:
    token = uuid.uuid4().hex
    req = urllib.request.Request(f"{stack.api_url}/webhooks/x?crc_token={token}", method="GET")
    with urllib.request.urlopen(req, timeout=15) as response:
        status, answer = response.status, json.loads(response.read())
    expected = hmac.new(secret(stack, "x").encode(), token.encode(), hashlib.sha256).digest()
    assert (status, answer) == (200, {"response_token": "sha256=" + base64.b64encode(expected).decode()})
    status, reply = request(stack, "x", "GET")
    assert (status, reply["error"]) == (400, "missing_crc_token")
