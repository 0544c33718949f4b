"""Ingest under bad input and odd conversations, through the template's own wiring in moto: per-message
failure isolation, follow-ups triaged on their own, different incidents, floods, clamped clocks, invalid
coordinates, retries that run out, edits and removals, and threading per conversation."""

from __future__ import annotations

import json
import sys
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from aduan import config, store, work
from aduan import tickets as tickets_rules
from aduan.errors import StorageUnavailable
from aduan.intake import IntakeQueue
from aduan.models import Channel, CitizenIdentity, InboundMessage, MessageAction
from tests.duty import DutyWindow
from tests.integration.conftest import Deployed
from tests.integration.test_whatsapp_flow import sms_sent, tickets, topic_messages
from tests.support import load_event

DUTY = DutyWindow()  # the demo officers work shifts: who is alerted depends on the time
SENDER = "6281200000101"
CRASH = "Tolong pak ada tabrakan di jl sumbersari, korbannya pingsan berdarah gak sadar"
T0 = 1764290000  # 2025-11-28, a platform timestamp well before any test's time of receipt


def wa_message(
    message_id: str, text: str | None = None, ts: int = T0, sender: str = SENDER, **raw: Any
) -> dict[str, Any]:
    message: dict[str, Any] = {"from": sender, "id": message_id, "timestamp": str(ts), "type": "text"}
    if text is not None:
        message["text"] = {"body": text}
    message.update(raw)
    return message


def wa_delivery(*messages: dict[str, Any]) -> str:
    delivery = load_event("whatsapp/text_urgent.json")
    value = delivery["entry"][0]["changes"][0]["value"]
    value["messages"] = list(messages)
    value["contacts"] = [{"profile": {"name": "Warga"}, "wa_id": m["from"]} for m in messages if "from" in m]
    return json.dumps(delivery)


def queue(deployed: Deployed) -> IntakeQueue:
    return IntakeQueue(deployed.env["PAYLOAD_BUCKET"], queue_url=deployed.env["INTAKE_QUEUE_URL"])


def enqueue(deployed: Deployed, body: str, received_at: datetime | None = None) -> None:
    """A delivery as the webhook enqueues it, received at `received_at` (default now)."""
    moment = received_at or datetime.now(UTC)
    queue(deployed).enqueue("whatsapp", body, moment.isoformat(timespec="milliseconds"), str(uuid.uuid4()))


def enqueue_messages(deployed: Deployed, *messages: InboundMessage) -> None:
    """Parsed messages as one work item on the intake queue (how a split delivery's parts travel)."""
    part = work.MessagePart(messages[0].channel.value, datetime.now(UTC).isoformat(), "req", 0, messages)
    queue(deployed).requeue([part.to_json()], messages[0].channel.value)


def dead_letters(deployed: Deployed) -> list[dict[str, Any]]:
    sqs = deployed.client("sqs")
    found: list[dict[str, Any]] = []
    while True:
        batch = sqs.receive_message(
            QueueUrl=deployed.env["INTAKE_DLQ_URL"], MaxNumberOfMessages=10, MessageAttributeNames=["All"]
        ).get("Messages", [])
        if not batch:
            return found
        found.extend(batch)


def attributes(parked: dict[str, Any]) -> dict[str, str]:
    return {name: value["StringValue"] for name, value in parked["MessageAttributes"].items()}


def queued(deployed: Deployed) -> int:
    attrs = deployed.client("sqs").get_queue_attributes(
        QueueUrl=deployed.env["INTAKE_QUEUE_URL"],
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    return int(attrs["ApproximateNumberOfMessages"]) + int(attrs["ApproximateNumberOfMessagesNotVisible"])


def by_no(deployed: Deployed) -> dict[str, dict[str, Any]]:
    return {t["ticket_no"]: t for t in tickets(deployed)}


def test_mixed_delivery_stores_the_good_messages_and_parks_each_bad_one_with_its_path_and_reason(
    deployed: Deployed,
) -> None:
    body = wa_delivery(
        wa_message("wamid.good1", CRASH),
        {**wa_message("wamid.badtype"), "text": 5},  # a field of the wrong type
        {"id": "wamid.nofrom", "timestamp": str(T0), "type": "text", "text": {"body": "tanpa pengirim"}},
        wa_message("wamid.surrogate", "tolong \ud800 pak", sender="6281200000555"),  # cannot be stored
        wa_message("wamid.good2", "Pak motor saya dicuri di parkiran pasar besar", sender="6281200000202"),
    )
    enqueue(deployed, body)
    deployed.drain()

    assert sorted(t["citizen"]["platform_id"] for t in tickets(deployed)) == [SENDER, "6281200000202"]
    parked = [attributes(p) for p in dead_letters(deployed)]
    assert sorted((a["path"], a["error"]) for a in parked) == [
        ("entry[0].changes[0].value.messages[1]", "Rejected"),
        ("entry[0].changes[0].value.messages[2]", "Rejected"),
        ("messages[2]", "UnstorableMessage"),  # index among the delivery's readable messages
    ]
    assert all(a["channel"] == "whatsapp" and a["reason"] for a in parked)
    [surrogate] = [a for a in parked if a["error"] == "UnstorableMessage"]
    assert surrogate["platform_message_id"] == "wamid.surrogate"
    assert "text is not valid Unicode" in surrogate["reason"]
    assert "tolong" not in json.dumps(parked)  # reasons name fields, never content
    assert queued(deployed) == 0  # nothing left to retry: parked once, not five times


def test_urgent_follow_up_after_a_thank_you_sends_the_sms(deployed: Deployed) -> None:
    enqueue(deployed, wa_delivery(wa_message("wamid.thanks", "Terima kasih pak atas bantuannya kemarin", T0)))
    deployed.drain()
    assert sms_sent(deployed) == []
    enqueue(deployed, wa_delivery(wa_message("wamid.crash", CRASH, T0 + 3600)))
    deployed.drain()

    [ticket] = tickets(deployed)
    assert (ticket["priority"], ticket["category"]) == ("darurat", "kecelakaan")
    assert [m["priority"] for m in ticket["messages"]] == ["rendah", "darurat"]
    sms = sms_sent(deployed)
    assert sorted(phone for phone, _ in sms) in DUTY.phones("polresta", "lowokwaru")
    assert all(text.startswith(f"ADUAN NAIK DARURAT {ticket['ticket_no']}") for _, text in sms)


def test_follow_up_reporting_another_incident_opens_a_linked_ticket_that_is_alerted(deployed: Deployed) -> None:
    theft = "Pak, motor saya hilang dicuri kemarin sore di parkiran pasar besar, mau lapor"
    enqueue(deployed, wa_delivery(wa_message("wamid.theft", theft, T0)))
    deployed.drain()
    enqueue(
        deployed, wa_delivery(wa_message("wamid.fire", "TOLONG ada kebakaran rumah di sebelah, api besar!!", T0 + 600))
    )
    deployed.drain()

    first, second = sorted(tickets(deployed), key=lambda t: t["created_at"])
    assert first["category"] == "pencurian" and len(first["messages"]) == 1
    assert second["category"] == "kebakaran_bencana"
    assert second["related_to"] == first["ticket_no"]
    assert second["conversation_key"] == first["conversation_key"] == f"whatsapp#{SENDER}"
    [(phone, text)] = sms_sent(deployed)  # a darurat ticket with no known area: the duty desk
    assert phone in DUTY.phone("polresta") and text.startswith(f"ADUAN DARURAT {second['ticket_no']}")
    emails = [e for e in topic_messages(deployed, "ALERTS_TOPIC_ARN") if second["ticket_no"] in e[2]]
    assert f"Terkait tiket: {first['ticket_no']}" in emails[0][1]


def test_flood_keeps_every_message_alerts_the_desk_once_and_repeats_nothing(
    deployed: Deployed, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small numbers, same rules (the embedded DynamoDB is slow with big tickets): a flood is more than 5
    # messages a minute, a ticket holds 10 messages, a record holds 4.
    monkeypatch.setenv("FLOOD_MESSAGES_PER_MINUTE", "5")
    config.reset()
    loaded = sys.modules.get("devstack_function_NormalizerFunction")  # warm from an earlier test
    if loaded is not None:
        monkeypatch.setattr(loaded, "_services", None)  # a cold start: configuration read again
    monkeypatch.setattr(tickets_rules, "MAX_MESSAGES_PER_TICKET", 10)
    monkeypatch.setattr(work, "MAX_MESSAGES", 4)
    start = datetime.now(UTC) - timedelta(seconds=30)
    first = [wa_message("wamid.f00", CRASH, T0)] + [
        wa_message(f"wamid.f{i:02d}", "tolong pak cepat datang", T0 + i) for i in range(1, 6)
    ]
    enqueue(deployed, wa_delivery(*first), start)  # 6 messages at once: the flood starts
    deployed.drain()
    fire = "TOLONG ada kebakaran rumah, api besar!!"  # another incident: would open its own ticket
    more = [wa_message(f"wamid.f{i:02d}", fire if i % 4 == 0 else "halo pak", T0 + i) for i in range(6, 14)]
    enqueue(deployed, wa_delivery(*more), start + timedelta(seconds=1))
    deployed.drain()

    found = tickets(deployed)
    assert sum(len(t["messages"]) for t in found) == 14  # every message kept
    [flooded] = [t for t in found if not t.get("related_to")]
    overflow = [t for t in found if t.get("related_to")]
    assert len(flooded["messages"]) == 10 and "banjir_pesan" in flooded["flags"]
    assert [h["action"] for h in flooded["history"]].count("banjir_pesan") == 1
    assert len(overflow) == 1 and overflow[0]["flags"] == ["dibatasi"]  # opened during the flood: not alerted
    assert overflow[0]["related_to"] == flooded["ticket_no"]
    sms = [text for _, text in sms_sent(deployed)]
    assert len(sms) == 3  # the crash to the Polsek and the desk, and one flood alert to the desk
    assert sum(text.startswith("ADUAN BANJIR PESAN") for text in sms) == 1
    assert dead_letters(deployed) == []


def test_far_future_timestamp_is_clamped_so_the_ticket_does_not_stay_open_forever(deployed: Deployed) -> None:
    received = datetime.now(UTC) - timedelta(days=3)
    enqueue(deployed, wa_delivery(wa_message("wamid.future", CRASH, 32503680000)), received)  # the year 3000
    deployed.drain()
    [ticket] = tickets(deployed)
    assert datetime.fromisoformat(ticket["last_message_at"]) == received.replace(
        microsecond=received.microsecond // 1000 * 1000
    )
    assert "waktu_disesuaikan" in ticket["flags"]
    assert ticket["messages"][0]["flags"] == ["waktu_disesuaikan"]

    now = int(datetime.now(UTC).timestamp())
    enqueue(deployed, wa_delivery(wa_message("wamid.today", "Pak, motor saya dicuri di parkiran pasar besar", now)))
    deployed.drain()
    assert len(tickets(deployed)) == 2  # three days later: a new ticket, not a follow-up


def test_invalid_coordinates_are_kept_as_text_and_flagged_on_the_ticket(deployed: Deployed) -> None:
    pin = wa_message("wamid.pin91", None, type="location", location={"latitude": 91, "longitude": 112.6143})
    enqueue(deployed, wa_delivery(pin))
    deployed.drain()
    [ticket] = tickets(deployed)
    assert ticket.get("location") is None
    assert "lokasi tidak valid: 91, 112.6143" in ticket["messages"][0]["text"]
    assert ticket["flags"] == ["lokasi_tidak_valid"]
    assert dead_letters(deployed) == []


def test_retries_that_run_out_are_parked_with_the_last_error(
    deployed: Deployed, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable(self: store.TicketStore, *args: Any, **kwargs: Any) -> None:
        raise StorageUnavailable("ProvisionedThroughputExceededException")

    monkeypatch.setattr(store.TicketStore, "create_ticket", unavailable)
    enqueue(deployed, wa_delivery(wa_message("wamid.unlucky", CRASH)))
    deployed.drain()

    [parked] = dead_letters(deployed)  # parked once, by the normalizer, not redriven without a word
    found = attributes(parked)
    assert found["reason"] == (
        "retries exhausted (5 attempts): StorageUnavailable: ProvisionedThroughputExceededException"
    )
    assert (found["error"], found["attempts"], found["channel"]) == ("StorageUnavailable", "5", "whatsapp")
    assert queued(deployed) == 0
    assert tickets(deployed) == []


def _fb(
    message_id: str, text: str, at: datetime, conversation: str = "post:page-1_987", **fields: Any
) -> InboundMessage:
    return InboundMessage(
        channel=Channel.FACEBOOK,
        platform_message_id=message_id,
        citizen=CitizenIdentity(channel=Channel.FACEBOOK, platform_id="psid-77"),
        conversation_id=conversation,
        public=True,
        sent_at=at,
        kind="post",
        text=text,
        **fields,
    )


def test_edits_update_the_message_and_removals_mark_it_redelivered_or_early(deployed: Deployed) -> None:
    at = datetime.now(UTC) - timedelta(minutes=10)
    post = _fb("page-1_987", "halo pak, mau tanya", at)
    edit = _fb(
        "page-1_987", CRASH, at + timedelta(minutes=1), action=MessageAction.EDIT, target_message_id="page-1_987"
    )
    enqueue_messages(deployed, post)
    deployed.drain()
    enqueue_messages(deployed, edit)
    enqueue_messages(deployed, edit)  # the platform redelivers the edit
    deployed.drain()

    [ticket] = tickets(deployed)
    [message] = ticket["messages"]
    assert message["text"] == CRASH and message["edited_at"]
    assert ticket["priority"] == "darurat" and ticket["public"] is True
    assert [h["action"] for h in ticket["history"]].count("pesan_disunting") == 1
    raised = [text for _, text in sms_sent(deployed)]  # the edit raised the priority: officers are alerted
    assert raised and all(text.startswith(f"ADUAN NAIK DARURAT {ticket['ticket_no']}") for text in raised)

    remove = _fb(
        "page-1_987", "", at + timedelta(minutes=2), action=MessageAction.REMOVE, target_message_id="page-1_987"
    )
    enqueue_messages(deployed, remove)
    deployed.drain()
    [ticket] = tickets(deployed)
    assert ticket["messages"][0]["removed_at"] and ticket["messages"][0]["text"] == CRASH  # kept as evidence

    # An edit that arrives before its original becomes the message; the original is then a duplicate.
    other = _fb("page-1_555", "versi asli", at, "post:page-1_555")
    early = other.model_copy(
        update={
            "action": MessageAction.EDIT,
            "target_message_id": "page-1_555",
            "text": "versi sunting",
            "sent_at": at + timedelta(minutes=1),
        }
    )
    enqueue_messages(deployed, early)
    deployed.drain()
    enqueue_messages(deployed, other)
    deployed.drain()
    [second] = [t for t in tickets(deployed) if t["ticket_no"] != ticket["ticket_no"]]
    assert [m["text"] for m in second["messages"]] == ["versi sunting"]


def test_removal_of_a_message_never_stored_is_parked_with_its_reason_after_the_retries(deployed: Deployed) -> None:
    at = datetime.now(UTC)
    enqueue_messages(deployed, _fb("page-1_404", "", at, action=MessageAction.REMOVE, target_message_id="page-1_404"))
    deployed.drain()
    [parked] = dead_letters(deployed)
    assert attributes(parked)["reason"].startswith("retries exhausted (5 attempts): OriginalNotStored: removal of")
    assert tickets(deployed) == []


def test_a_persons_dm_and_public_comment_are_two_tickets_and_replies_join_their_own(deployed: Deployed) -> None:
    at = datetime.now(UTC) - timedelta(minutes=5)
    citizen = CitizenIdentity(channel=Channel.INSTAGRAM, platform_id="igsid-42")

    def ig(message_id: str, conversation: str, public: bool, text: str = CRASH) -> InboundMessage:
        return InboundMessage(
            channel=Channel.INSTAGRAM,
            platform_message_id=message_id,
            citizen=citizen,
            conversation_id=conversation,
            public=public,
            sent_at=at,
            kind="comment" if public else "text",
            text=text,
        )

    enqueue_messages(
        deployed,
        ig("dm-1", "", False),
        ig("comment-1", "comment:media-9:igsid-42", True),
        ig("comment-2", "comment:media-9:igsid-42", True, "korbannya masih di jalan pak"),
    )
    deployed.drain()
    found = sorted(tickets(deployed), key=lambda t: t["public"])
    assert [(t["public"], len(t["messages"])) for t in found] == [(False, 1), (True, 2)]
    assert found[0]["conversation_key"] == "instagram#igsid-42"
    assert found[1]["conversation_key"] == "instagram#comment:media-9:igsid-42"
    assert all(" via IG:" in text for _, text in sms_sent(deployed))
    assert len(by_no(deployed)) == 2
