"""Instagram and Facebook Page reports from webhook to ticket to officer SMS, in moto, through the template's wiring."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.sns.models import sns_backends

from aduan.channels import registry
from aduan.store import from_item
from tests.duty import DutyWindow
from tests.integration.conftest import Deployed
from tests.support import load_event, load_raw

DUTY = DutyWindow()  # the demo officers work shifts: who is alerted depends on the time
FUNCTIONS = {"instagram": "InstagramWebhookFunction", "facebook": "FacebookWebhookFunction"}
SHORT = {"instagram": "IG", "facebook": "FB"}
CHANNELS = pytest.mark.parametrize("channel", sorted(FUNCTIONS))


def post(deployed: Deployed, channel: str, body: bytes, secret: str | None = None) -> dict[str, Any]:
    event = load_event(f"lambda/{channel}_delivery.json")
    spec = registry.webhook(channel)
    assert spec.sign is not None
    signing = secret if secret is not None else deployed.secrets_of(channel)["signing_secret"]
    event["body"] = body.decode()
    event["headers"] = {k: v for k, v in event["headers"].items() if not k.startswith("x-hub")}
    event["headers"].update({k.lower(): v for k, v in spec.sign(body, signing, 0).items()})
    return deployed.invoke(FUNCTIONS[channel], event)  # type: ignore[no-any-return]


def tickets(deployed: Deployed) -> list[dict[str, Any]]:
    items = deployed.client("dynamodb").scan(TableName=deployed.env["TABLE_NAME"])["Items"]
    return [from_item(i) for i in items if i["sk"]["S"] == "TICKET"]


def sms_sent(deployed: Deployed) -> list[tuple[str, str]]:
    return list(sns_backends[DEFAULT_ACCOUNT_ID][deployed.stack.region].sms_messages.values())


def queued(deployed: Deployed, queue: str = "INTAKE_QUEUE_URL") -> int:
    attributes = deployed.client("sqs").get_queue_attributes(
        QueueUrl=deployed.env[queue], AttributeNames=["ApproximateNumberOfMessages"]
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"])


@CHANNELS
def test_signed_urgent_report_becomes_a_ticket_and_an_sms_naming_the_channel(deployed: Deployed, channel: str) -> None:
    response = deployed.invoke(FUNCTIONS[channel], load_event(f"lambda/{channel}_delivery.json"))
    assert (response["statusCode"], json.loads(response["body"])) == (200, {"status": "accepted"})
    deployed.drain()
    [ticket] = tickets(deployed)
    assert (ticket["channel"], ticket["priority"], ticket["area"]) == (channel, "darurat", "lowokwaru")
    sms = sms_sent(deployed)
    assert sorted(phone for phone, _ in sms) in DUTY.phones("polresta", "lowokwaru")
    for _, text in sms:
        assert text.startswith(f"ADUAN DARURAT {ticket['ticket_no']} ")
        assert f", via {SHORT[channel]}:" in text
        assert len(text) <= 160


@CHANNELS
def test_a_follow_up_in_the_same_conversation_joins_the_ticket(deployed: Deployed, channel: str) -> None:
    post(deployed, channel, load_raw(f"{channel}/text_urgent.json"))
    post(deployed, channel, load_raw(f"{channel}/text_follow_up.json"))
    deployed.drain()
    [ticket] = tickets(deployed)
    assert len(ticket["messages"]) == 2


@CHANNELS
def test_a_reply_in_a_comment_thread_by_the_same_person_joins_their_comment_ticket(
    deployed: Deployed, channel: str
) -> None:
    post(deployed, channel, load_raw(f"{channel}/comment_urgent.json"))
    post(deployed, channel, load_raw(f"{channel}/comment_reply_same_person.json"))
    deployed.drain()
    [ticket] = tickets(deployed)
    assert [m["kind"] for m in ticket["messages"]] == ["comment", "comment"]
    assert ticket["priority"] == "darurat"


@CHANNELS
def test_three_deliveries_two_concurrent_make_one_ticket(deployed: Deployed, channel: str) -> None:
    body = load_raw(f"{channel}/text_urgent.json")
    assert post(deployed, channel, body)["statusCode"] == 200
    with ThreadPoolExecutor(2) as pool:
        statuses = [r["statusCode"] for r in pool.map(lambda _: post(deployed, channel, body), range(2))]
    assert statuses == [200, 200]
    deployed.drain()
    assert len(tickets(deployed)) == 1
    assert len(sms_sent(deployed)) == 2


@CHANNELS
def test_bad_signatures_store_nothing(deployed: Deployed, channel: str) -> None:
    body = load_raw(f"{channel}/text_urgent.json")
    response = post(deployed, channel, body, secret="not-the-app-secret")
    assert (response["statusCode"], json.loads(response["body"])["error"]) == (401, "invalid_signature")
    # Another channel's secret is a bad signature too: each function has its own.
    other = "facebook" if channel == "instagram" else "instagram"
    assert post(deployed, channel, body, secret=deployed.secrets_of(other)["signing_secret"])["statusCode"] == 401
    unsigned = load_event(f"lambda/{channel}_delivery.json")
    del unsigned["headers"]["x-hub-signature-256"]
    assert deployed.invoke(FUNCTIONS[channel], unsigned)["statusCode"] == 401
    assert (queued(deployed), queued(deployed, "INTAKE_DLQ_URL")) == (0, 0)
    deployed.drain()
    assert tickets(deployed) == []


@CHANNELS
def test_a_signed_unreadable_body_is_acknowledged_and_parked(deployed: Deployed, channel: str) -> None:
    obj = "instagram" if channel == "instagram" else "page"
    body = f'{{"object":"{obj}","entry":'.encode() + b"[" * 3000 + b"]" * 3000 + b"}"
    response = post(deployed, channel, body)
    assert (response["statusCode"], json.loads(response["body"])) == (200, {"status": "parked"})
    [message] = deployed.client("sqs").receive_message(
        QueueUrl=deployed.env["INTAKE_DLQ_URL"], MessageAttributeNames=["All"]
    )["Messages"]
    assert json.loads(message["Body"])["body"] == body.decode()
    assert message["MessageAttributes"]["channel"]["StringValue"] == channel
    assert message["MessageAttributes"]["reason"]["StringValue"].startswith("too_deep")
    assert queued(deployed) == 0


@CHANNELS
def test_echoes_and_our_own_activity_are_acknowledged_and_not_queued(deployed: Deployed, channel: str) -> None:
    response = post(deployed, channel, load_raw(f"{channel}/echo.json"))
    assert (response["statusCode"], json.loads(response["body"])) == (200, {"status": "ignored"})
    assert queued(deployed) == 0


@CHANNELS
def test_a_bad_item_is_parked_and_its_good_siblings_become_tickets(deployed: Deployed, channel: str) -> None:
    assert post(deployed, channel, load_raw(f"{channel}/batch_mixed.json"))["statusCode"] == 200
    deployed.drain()
    assert len(tickets(deployed)) == 2
    parked = deployed.client("sqs").receive_message(
        QueueUrl=deployed.env["INTAKE_DLQ_URL"], MaxNumberOfMessages=10, MessageAttributeNames=["All"]
    )["Messages"]
    reasons = sorted(m["MessageAttributes"]["reason"]["StringValue"] for m in parked)
    assert [r.split(":")[0] for r in reasons] == [f"{channel} entry[0].messaging[1]", f"{channel} entry[1].changes[1]"]


def test_handshakes(deployed: Deployed) -> None:
    for channel, function in FUNCTIONS.items():
        event = load_event(f"lambda/{channel}_handshake.json")
        response = deployed.invoke(function, event)
        assert (response["statusCode"], response["body"]) == (200, "1158201444")
        event["queryStringParameters"]["hub.verify_token"] = deployed.secrets_of("whatsapp")["verify_token"]
        assert deployed.invoke(function, event)["statusCode"] == 403
