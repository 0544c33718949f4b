"""X and TikTok reports from webhook to ticket to officer SMS, in moto, through the template's own wiring.

Each channel's function is invoked with API Gateway HTTP API events built by the local stack's own event
builder, signed with the channel's own `sign` helper and the secret the stack seeded in SSM.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.sns.models import sns_backends

from aduan.channels.tiktok import webhook as tiktok
from aduan.channels.x import webhook as x
from aduan.store import from_item
from devstack.api import Router, build_http_event
from tests.duty import DutyWindow
from tests.integration.conftest import Deployed
from tests.support import load_raw

DUTY = DutyWindow()  # the demo officers work shifts: who is alerted depends on the time
FUNCTIONS = {"x": "XWebhookFunction", "tiktok": "TikTokWebhookFunction"}
SIGNERS = {"x": x.sign, "tiktok": tiktok.sign}
SHORT = {"x": "X", "tiktok": "TikTok"}
URGENT = {"x": "x/text_urgent.json", "tiktok": "tiktok/text_urgent.json"}
FOLLOW_UP = {"x": "x/post_mention_follow_up.json", "tiktok": "tiktok/text_follow_up.json"}


def secret(deployed: Deployed, channel: str) -> str:
    """The signing secret the local stack seeded for `channel` (read back from SSM, as the function does)."""
    name = deployed.stack.function(FUNCTIONS[channel]).environment["SIGNING_SECRET_PARAM"]
    value = deployed.client("ssm").get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]
    return str(value)


def request(
    deployed: Deployed, channel: str, method: str, body: bytes = b"", headers: dict[str, str] | None = None, query=""
) -> dict[str, Any]:
    path = f"/webhooks/{channel}"
    match = Router(r for f in deployed.stack.functions() for r in f.routes).match(method, path)
    assert match is not None, f"template.yaml has no route {method} {path}"
    event = build_http_event(
        method=method,
        raw_path=path,
        raw_query=query,
        headers=[("host", "localhost:3000"), *(headers or {}).items(), ("content-length", str(len(body)))],
        body=body,
        match=match,
    )
    return deployed.invoke(FUNCTIONS[channel], event)  # type: ignore[no-any-return]


def post(deployed: Deployed, channel: str, body: bytes, *, key: str | None = None, now: float | None = None) -> Any:
    headers = SIGNERS[channel](body, key if key is not None else secret(deployed, channel), now or time.time())
    return request(deployed, channel, "POST", body, headers)


def tickets(deployed: Deployed) -> list[dict[str, Any]]:
    items = deployed.client("dynamodb").scan(TableName=deployed.env["TABLE_NAME"])["Items"]
    return [from_item(i) for i in items if i["sk"]["S"] == "TICKET"]


def sms_sent(deployed: Deployed) -> list[tuple[str, str]]:
    return list(sns_backends[DEFAULT_ACCOUNT_ID][deployed.stack.region].sms_messages.values())


def queued(deployed: Deployed, env_name: str = "INTAKE_QUEUE_URL") -> list[dict[str, Any]]:
    sqs = deployed.client("sqs")
    url = deployed.env[env_name]
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0).get("Messages", [])
    return messages  # type: ignore[no-any-return]


def parked(deployed: Deployed) -> list[dict[str, Any]]:
    """What the normalizer parked in the intake dead-letter queue: body and reason attributes."""
    sqs = deployed.client("sqs")
    url = deployed.env["INTAKE_DLQ_URL"]
    return sqs.receive_message(  # type: ignore[no-any-return]
        QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"], VisibilityTimeout=0
    ).get("Messages", [])


@pytest.mark.parametrize("channel", ["x", "tiktok"])
def test_signed_urgent_report_becomes_a_ticket_and_an_sms_naming_the_channel(deployed: Deployed, channel: str) -> None:
    response = post(deployed, channel, load_raw(URGENT[channel]))
    assert (response["statusCode"], json.loads(response["body"])) == (200, {"status": "accepted"})
    deployed.drain()
    [ticket] = tickets(deployed)
    assert ticket["channel"] == channel
    assert ticket["priority"] == "darurat"
    assert ticket["area"] == "lowokwaru"
    sms = sms_sent(deployed)
    assert sorted(phone for phone, _ in sms) in DUTY.phones("polresta", "lowokwaru")
    for _, text in sms:
        assert text.startswith(f"ADUAN DARURAT {ticket['ticket_no']} ")
        assert f", via {SHORT[channel]}:" in text
        assert len(text) <= 160


@pytest.mark.parametrize("channel", ["x", "tiktok"])
def test_follow_up_in_the_same_conversation_joins_the_ticket(deployed: Deployed, channel: str) -> None:
    assert post(deployed, channel, load_raw(URGENT[channel]))["statusCode"] == 200
    assert post(deployed, channel, load_raw(FOLLOW_UP[channel]))["statusCode"] == 200
    deployed.drain()
    [ticket] = tickets(deployed)
    assert len(ticket["messages"]) == 2


@pytest.mark.parametrize("channel", ["x", "tiktok"])
def test_redeliveries_also_concurrent_add_nothing(deployed: Deployed, channel: str) -> None:
    body = load_raw(URGENT[channel])
    assert post(deployed, channel, body)["statusCode"] == 200
    with ThreadPoolExecutor(2) as pool:
        statuses = [r["statusCode"] for r in pool.map(lambda _: post(deployed, channel, body), range(2))]
    assert statuses == [200, 200]
    deployed.drain()
    [ticket] = tickets(deployed)
    assert len(ticket["messages"]) == 1
    assert len(sms_sent(deployed)) == 2  # one per on-duty recipient, not one per delivery


@pytest.mark.parametrize("channel", ["x", "tiktok"])
def test_wrong_or_missing_signature_is_a_401_and_nothing_is_stored(deployed: Deployed, channel: str) -> None:
    body = load_raw(URGENT[channel])
    response = post(deployed, channel, body, key="not-the-secret")
    assert (response["statusCode"], json.loads(response["body"])["error"]) == (401, "invalid_signature")
    response = request(deployed, channel, "POST", body, {"content-type": "application/json"})
    assert (response["statusCode"], json.loads(response["body"])["error"]) == (401, "missing_signature")
    assert queued(deployed) == []
    deployed.drain()
    assert tickets(deployed) == [] and sms_sent(deployed) == []


def test_tiktok_stale_timestamp_is_a_401_and_nothing_is_stored(deployed: Deployed) -> None:
    body = load_raw(URGENT["tiktok"])
    response = post(deployed, "tiktok", body, now=time.time() - tiktok.TOLERANCE_SECONDS - 60)
    assert (response["statusCode"], json.loads(response["body"])["error"]) == (401, "stale_timestamp")
    assert queued(deployed) == []


def test_x_crc_answer_verifies_with_the_consumer_secret(deployed: Deployed) -> None:
    token = "Yzg5ZDY1MzktOGJhNS00YjI4LWJhMTMtYWI1NTkyYmM0OWEx"
    response = request(deployed, "x", "GET", query=f"crc_token={token}")
    assert response["statusCode"] == 200
    expected = hmac.new(secret(deployed, "x").encode(), token.encode(), hashlib.sha256).digest()
    assert json.loads(response["body"]) == {"response_token": "sha256=" + base64.b64encode(expected).decode()}
    response = request(deployed, "x", "GET")
    assert response["statusCode"] == 400


@pytest.mark.parametrize(
    ("channel", "name"),
    [
        ("x", "x/post_own_reply.json"),
        ("x", "x/dm_sent_own.json"),
        ("x", "x/chat_received_encrypted.json"),
        ("x", "x/like_create_unhandled.json"),
        ("tiktok", "tiktok/send_msg_echo.json"),
        ("tiktok", "tiktok/mark_read.json"),
        ("tiktok", "tiktok/authorization_removed.json"),
    ],
)
def test_own_messages_encrypted_chats_and_other_events_are_acknowledged_and_not_queued(
    deployed: Deployed, channel: str, name: str
) -> None:
    response = post(deployed, channel, load_raw(name))
    assert (response["statusCode"], json.loads(response["body"])) == (200, {"status": "ignored"})
    assert queued(deployed) == []


def test_x_batch_with_one_bad_item_stores_the_good_ones_and_parks_the_bad_one(deployed: Deployed) -> None:
    assert post(deployed, "x", load_raw("x/dm_batch_one_bad.json"))["statusCode"] == 200
    deployed.drain()
    assert sorted(t["citizen"]["platform_id"] for t in tickets(deployed)) == [
        "1720000000000000606",
        "1720000000000000707",
    ]
    [dead] = parked(deployed)
    reasons = json.dumps(dead.get("MessageAttributes", {})) + dead["Body"]
    assert "data.payload.direct_message_events[1]" in reasons


def test_tiktok_signed_body_we_cannot_read_is_acknowledged_and_parked_whole(deployed: Deployed) -> None:
    body = load_raw("tiktok/content_unreadable.json")
    assert post(deployed, "tiktok", body)["statusCode"] == 200
    deployed.drain()
    assert tickets(deployed) == []
    [dead] = parked(deployed)
    reasons = json.dumps(dead.get("MessageAttributes", {})) + dead["Body"]
    assert "content is not a JSON document" in reasons
