"""A WhatsApp report from webhook to ticket to officer SMS, in moto, through the template's own wiring."""

from __future__ import annotations

import base64
import copy
import io
import json
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.sns.models import sns_backends

from aduan.channels.whatsapp.parser import parse
from aduan.ingest import Ingestor
from aduan.signatures import meta_signature
from aduan.store import TicketStore, from_item
from tests.duty import DutyWindow
from tests.integration.conftest import Deployed
from tests.support import load_event, load_raw, signed_http_event

DUTY = DutyWindow()  # the demo officers work shifts: who is alerted depends on the time
POST = "lambda/whatsapp_delivery.json"


def sms_sent(deployed: Deployed) -> list[tuple[str, str]]:
    backend = sns_backends[DEFAULT_ACCOUNT_ID][deployed.stack.region]
    return list(backend.sms_messages.values())


def topic_messages(deployed: Deployed, env_name: str) -> list[Any]:
    backend = sns_backends[DEFAULT_ACCOUNT_ID][deployed.stack.region]
    return list(backend.topics[deployed.env[env_name]].sent_notifications)


def tickets(deployed: Deployed) -> list[dict[str, Any]]:
    items = deployed.client("dynamodb").scan(TableName=deployed.env["TABLE_NAME"])["Items"]
    return [from_item(i) for i in items if i["sk"]["S"] == "TICKET"]


def post(deployed: Deployed, body: bytes, signature: str | None = None) -> dict[str, Any]:
    event = signed_http_event(load_event(POST), body, deployed.secrets["app_secret"], signature=signature)
    return deployed.invoke("WhatsAppWebhookFunction", event)  # type: ignore[no-any-return]


def queued(deployed: Deployed) -> int:
    attributes = deployed.client("sqs").get_queue_attributes(
        QueueUrl=deployed.env["INTAKE_QUEUE_URL"], AttributeNames=["ApproximateNumberOfMessages"]
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"])


def test_signed_report_becomes_a_ticket_and_sms_to_the_officers_on_duty(deployed: Deployed) -> None:
    response = deployed.invoke("WhatsAppWebhookFunction", load_event(POST))
    assert response["statusCode"] == 200, response
    assert json.loads(response["body"]) == {"status": "accepted"}
    deployed.drain()

    [ticket] = tickets(deployed)
    assert ticket["priority"] == "darurat"
    assert ticket["category"] == "kecelakaan"
    assert ticket["area"] == "lowokwaru"
    assert ticket["citizen"]["platform_id"] == "6281200000101"

    sms = sms_sent(deployed)
    # Polsek Lowokwaru and, for a darurat ticket, the Polresta duty desk.
    assert sorted(phone for phone, _ in sms) in DUTY.phones("polresta", "lowokwaru")
    for _, text in sms:
        assert text.startswith(f"ADUAN DARURAT {ticket['ticket_no']} Kecelakaan, Lowokwaru, via WA:")
        assert len(text) <= 160
    [email] = topic_messages(deployed, "ALERTS_TOPIC_ARN")
    assert ticket["ticket_no"] in email[2]  # subject
    [event] = topic_messages(deployed, "TICKET_EVENTS_TOPIC_ARN")
    assert json.loads(event[1])["type"] == "ticket.created"

    # The deliveries are recorded in the alert ledger; the ticket item is not rewritten by them.
    store = TicketStore(deployed.env["TABLE_NAME"])
    ledger = store.alert_ledger(ticket["ticket_no"])
    actions = [item["detail"]["action"] for item in ledger]
    assert sorted(actions) == ["email_terkirim", "sms_terkirim", "sms_terkirim"]
    sent = [item["detail"] for item in ledger if item["detail"]["action"] == "sms_terkirim"]
    assert {d["officer_id"] for d in sent} in DUTY.officer_ids("polresta", "lowokwaru")
    assert all("*" in d["phone"] for d in sent)
    assert all(
        item["status"] == "sent" and item["summary"].startswith(("SMS terkirim", "Email terkirim")) for item in ledger
    )
    stored = store.get_ticket(ticket["ticket_no"])
    assert stored is not None and stored.version == 1
    assert not [h for h in stored.history if h.action.endswith("_terkirim")]


def test_base64_encoded_body_is_verified_on_the_decoded_bytes(deployed: Deployed) -> None:
    response = deployed.invoke("WhatsAppWebhookFunction", load_event("lambda/whatsapp_delivery_base64.json"))
    assert response["statusCode"] == 200
    assert queued(deployed) == 1


def test_three_deliveries_of_one_message_two_concurrent_make_one_ticket(deployed: Deployed) -> None:
    body = load_raw("whatsapp/text_urgent.json")
    assert post(deployed, body)["statusCode"] == 200
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: post(deployed, body), range(2)))
    assert [r["statusCode"] for r in results] == [200, 200]
    deployed.drain()
    assert len(tickets(deployed)) == 1
    assert len(sms_sent(deployed)) == 2  # one per on-duty recipient, not one per delivery


def test_concurrent_ingest_of_the_same_message_stores_it_once(deployed: Deployed) -> None:
    [message] = parse(load_raw("whatsapp/text_urgent.json")).messages
    ingestor = Ingestor(TicketStore(deployed.env["TABLE_NAME"]), timedelta(hours=24))
    barrier = threading.Barrier(4)

    def ingest(_: int) -> str:
        barrier.wait()
        return ingestor.ingest(message).outcome

    with ThreadPoolExecutor(4) as pool:
        outcomes = sorted(pool.map(ingest, range(4)))
    assert outcomes == ["created", "duplicate", "duplicate", "duplicate"]
    assert len(tickets(deployed)) == 1


def test_wrong_signature_is_rejected_and_nothing_is_stored(deployed: Deployed) -> None:
    body = load_raw("whatsapp/text_urgent.json")
    response = post(deployed, body, signature=meta_signature(body, "not-the-app-secret"))
    assert response["statusCode"] == 401
    assert json.loads(response["body"])["error"] == "invalid_signature"
    unsigned = load_event(POST)
    del unsigned["headers"]["x-hub-signature-256"]
    assert deployed.invoke("WhatsAppWebhookFunction", unsigned)["statusCode"] == 401
    assert queued(deployed) == 0
    deployed.drain()
    assert tickets(deployed) == []
    assert sms_sent(deployed) == []


def test_handshake(deployed: Deployed) -> None:
    event = load_event("lambda/whatsapp_handshake.json")
    response = deployed.invoke("WhatsAppWebhookFunction", event)
    assert (response["statusCode"], response["body"]) == (200, "1158201444")
    assert response["headers"]["Content-Type"].startswith("text/plain")
    event["queryStringParameters"]["hub.verify_token"] = "wrong-token"
    response = deployed.invoke("WhatsAppWebhookFunction", event)
    assert response["statusCode"] == 403
    assert "1158201444" not in response["body"]


def parked(deployed: Deployed) -> list[tuple[dict[str, Any], dict[str, str]]]:
    """Every message in the intake dead-letter queue: its envelope and its attributes."""
    messages = (
        deployed.client("sqs")
        .receive_message(QueueUrl=deployed.env["INTAKE_DLQ_URL"], MaxNumberOfMessages=10, MessageAttributeNames=["All"])
        .get("Messages", [])
    )
    return [
        (json.loads(m["Body"]), {k: v["StringValue"] for k, v in m.get("MessageAttributes", {}).items()})
        for m in messages
    ]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"entry=1&object=whatsapp", "not_json"),
        (b'{"object":"whatsapp_business_account","entry":' + b"[" * 5000 + b"]" * 5000 + b"}", "too_deep"),
        (b'{"object":"whatsapp_business_account","entry":NaN}', "not_json"),
        (b'{"object":"whatsapp_business_account","entry":true}', "unreadable: entry must be a list"),
    ],
)
def test_signed_body_we_cannot_read_is_acknowledged_and_parked_whole(
    deployed: Deployed, body: bytes, reason: str
) -> None:
    response = post(deployed, body)
    assert response["statusCode"] == 200
    assert json.loads(response["body"]) == {"status": "parked"}
    assert queued(deployed) == 0
    [(envelope, attributes)] = parked(deployed)
    assert envelope["body"] == body.decode()
    assert envelope["channel"] == attributes["channel"] == "whatsapp"
    assert attributes["reason"].startswith(reason)


def test_signed_body_that_is_not_utf8_is_parked_byte_for_byte_in_the_bucket(deployed: Deployed) -> None:
    body = b'{"object":"whatsapp_business_account","entry":"\xff\xfe' + bytes([0xFF, 0xFE]) + b'"}'
    event = signed_http_event(load_event(POST), b"", deployed.secrets["app_secret"])
    event.update(body=base64.b64encode(body).decode(), isBase64Encoded=True)
    event["headers"]["x-hub-signature-256"] = meta_signature(body, deployed.secrets["app_secret"])
    response = deployed.invoke("WhatsAppWebhookFunction", event)
    assert (response["statusCode"], json.loads(response["body"])) == (200, {"status": "parked"})
    [(envelope, attributes)] = parked(deployed)
    assert attributes["reason"].startswith("not_utf8")
    stored = deployed.client("s3").get_object(Bucket=envelope["body_ref"]["bucket"], Key=envelope["body_ref"]["key"])
    assert stored["Body"].read() == body


def test_forged_unreadable_body_is_401_and_nothing_is_parked(deployed: Deployed) -> None:
    body = b"[" * 5000
    response = post(deployed, body, signature=meta_signature(body, "forger"))
    assert response["statusCode"] == 401
    assert parked(deployed) == []
    assert queued(deployed) == 0


def test_statuses_only_delivery_is_acknowledged_without_a_ticket(deployed: Deployed) -> None:
    response = post(deployed, load_raw("whatsapp/statuses_only.json"))
    assert response["statusCode"] == 200
    assert queued(deployed) == 0
    deployed.drain()
    assert tickets(deployed) == []


def test_location_pin_after_the_text_joins_the_ticket(deployed: Deployed) -> None:
    post(deployed, load_raw("whatsapp/text_urgent.json"))
    post(deployed, load_raw("whatsapp/location_pin.json"))
    deployed.drain()
    [ticket] = tickets(deployed)
    assert len(ticket["messages"]) == 2
    assert ticket["location"]["lat"] == pytest.approx(-7.9556)
    assert ticket["area"] == "lowokwaru"
    assert len(sms_sent(deployed)) == 2  # the follow-up did not raise the priority: no second alert


def _text_delivery(message_id: str, text: str, timestamp: int) -> bytes:
    delivery = load_event("whatsapp/text_urgent.json")
    message = delivery["entry"][0]["changes"][0]["value"]["messages"][0]
    message.update(id=message_id, timestamp=str(timestamp))
    message["text"]["body"] = text
    return json.dumps(delivery).encode()


def test_follow_up_that_raises_priority_alerts_again(deployed: Deployed) -> None:
    post(
        deployed,
        _text_delivery(
            "wamid.first", "Pak, motor saya hilang dicuri kemarin sore di parkiran pasar besar, mau lapor", 1764290000
        ),
    )
    deployed.drain()
    [ticket] = tickets(deployed)
    assert ticket["priority"] in ("sedang", "tinggi")
    first_sms = len(sms_sent(deployed))
    post(
        deployed,
        _text_delivery(
            "wamid.second",
            "TOLONG pak sekarang malingnya ketemu, dia bawa celurit mengancam warga, ada yang luka berdarah!!",
            1764290300,
        ),
    )
    deployed.drain()
    [ticket] = tickets(deployed)
    assert ticket["priority"] == "darurat"
    assert len(ticket["messages"]) == 2
    raised = [text for _, text in sms_sent(deployed)[first_sms:]]
    assert raised
    assert all(text.startswith(f"ADUAN NAIK DARURAT {ticket['ticket_no']}") for text in raised)


def test_oversized_delivery_goes_through_the_payload_bucket(deployed: Deployed) -> None:
    delivery = load_event("whatsapp/text_urgent.json")
    status = load_event("whatsapp/statuses_only.json")["entry"][0]["changes"][0]["value"]["statuses"][0]
    delivery["entry"][0]["changes"][0]["value"]["statuses"] = [
        {**copy.deepcopy(status), "id": f"wamid.status{i:05d}"} for i in range(1200)
    ]
    body = json.dumps(delivery).encode()
    assert len(body) > 256 * 1024
    assert post(deployed, body)["statusCode"] == 200
    objects = deployed.client("s3").list_objects_v2(Bucket=deployed.env["PAYLOAD_BUCKET"])
    assert objects["KeyCount"] == 1
    deployed.drain()
    assert len(tickets(deployed)) == 1


def test_sample_lambda_events_are_current() -> None:
    from scripts.make_events import OUT, build

    for name, event in build().items():
        assert json.loads((OUT / name).read_text()) == event, f"events/lambda/{name} is stale: run make events"


def _pin_delivery(message_id: str, lat: float, lon: float, timestamp: int) -> bytes:
    delivery = load_event("whatsapp/location_pin.json")
    message = delivery["entry"][0]["changes"][0]["value"]["messages"][0]
    message.update(id=message_id, timestamp=str(timestamp))
    message["location"] = {"latitude": lat, "longitude": lon}
    return json.dumps(delivery).encode()


def test_location_pin_that_reveals_the_area_alerts_that_polsek_too(deployed: Deployed) -> None:
    post(
        deployed,
        _text_delivery(
            "wamid.fire", "TOLONG ada kebakaran rumah, api besar, ada anak kecil masih terjebak di dalam!!", 1764290000
        ),
    )
    deployed.drain()
    [ticket] = tickets(deployed)
    assert (ticket["priority"], ticket["area"]) == ("darurat", "tidak_diketahui")
    assert [phone for phone, _ in sms_sent(deployed)] in DUTY.phones("polresta")  # duty desk only

    post(deployed, _pin_delivery("wamid.firepin", -7.9870, 112.6180, 1764290030))  # kelurahan Sukun
    deployed.drain()
    [ticket] = tickets(deployed)
    assert ticket["area"] == "sukun"
    desk, sukun = (phone for phone, _ in sms_sent(deployed))
    assert [desk] in DUTY.phones("polresta") and sukun in DUTY.phone("sukun")  # the desk is not alerted twice
    emails = topic_messages(deployed, "ALERTS_TOPIC_ARN")
    assert [json.loads(e[3]["units"]["Value"]) for e in emails] == [["polresta"], ["sukun"]]


def test_logs_never_carry_phone_numbers_or_names(deployed: Deployed, capsys: pytest.CaptureFixture[str]) -> None:
    # Powertools loggers write through their own handlers (bound to the stdout of the test that created
    # them), so capture what each function logger formats, plus everything printed (metrics).
    sink = io.StringIO()
    for name in ("aduan-webhook-whatsapp", "aduan-normalizer", "aduan-notifier"):
        logger = logging.getLogger(name)
        handler = logging.StreamHandler(sink)
        handler.setFormatter(logger.handlers[0].formatter if logger.handlers else logging.Formatter())
        logger.addHandler(handler)
    try:
        post(deployed, load_raw("whatsapp/text_urgent.json"))
        post(deployed, load_raw("whatsapp/batch_mixed.json"))
        deployed.drain()
    finally:
        for name in ("aduan-webhook-whatsapp", "aduan-normalizer", "aduan-notifier"):
            logger = logging.getLogger(name)
            logger.handlers = [h for h in logger.handlers if getattr(h, "stream", None) is not sink]
    assert len(sms_sent(deployed)) >= 2
    printed = capsys.readouterr()
    text = sink.getvalue() + printed.out + printed.err
    assert "message ingested" in text  # the functions did log
    assert "ticket alerted" in text
    personal = (
        "6281200000101",
        "6281200000202",
        "Sari Wulandari",
        "Agus Prasetyo",
        "6281299900401",
        "Yoga Pratama",
        "Andi Saputra",
    )
    for value in personal:
        assert value not in text
