"""Bounded work per intake record: big deliveries split into parts, and the queue's timeouts that follow."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from aduan import work
from aduan.errors import InvalidPayload
from aduan.models import Channel, CitizenIdentity, InboundMessage, MessageAction
from devstack.cfn import load_template

NOW = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)


def message(index: int, text: str = "tolong pak") -> InboundMessage:
    return InboundMessage(
        channel=Channel.WHATSAPP,
        platform_message_id=f"m{index}",
        citizen=CitizenIdentity(channel=Channel.WHATSAPP, platform_id="6281200000101"),
        sent_at=NOW,
        kind="text",
        text=text,
        action=MessageAction.EDIT if index % 7 == 0 else MessageAction.NEW,
    )


def test_a_thousand_messages_become_parts_of_bounded_size_in_order() -> None:
    messages = [message(i) for i in range(1000)]
    parts = work.split("whatsapp", NOW.isoformat(), "req-1", messages)
    assert [len(p.messages) for p in parts] == [work.MAX_MESSAGES] * (1000 // work.MAX_MESSAGES)
    assert [m for p in parts for m in p.messages] == messages
    assert [p.part for p in parts] == list(range(len(parts)))


def test_parts_stay_inside_an_sqs_message() -> None:
    long = "x" * 4096  # WhatsApp's longest text
    parts = work.split("whatsapp", NOW.isoformat(), "req-1", [message(i, long * 3) for i in range(40)])
    assert len(parts) > 40 // work.MAX_MESSAGES
    assert all(len(p.to_json().encode()) < 256 * 1024 for p in parts)


def test_a_part_round_trips_and_a_broken_one_is_poison() -> None:
    [part] = work.split("whatsapp", NOW.isoformat(), "req-1", [message(1), message(7)])
    data = json.loads(part.to_json())
    assert work.is_part(data)
    assert work.MessagePart.from_data(data) == part
    del data["messages"][0]["citizen"]
    with pytest.raises(InvalidPayload, match="not a message part: ValidationError"):
        work.MessagePart.from_data(data)
    assert not work.is_part({"v": 1, "channel": "whatsapp", "body": "{}"})  # an envelope


def test_time_of_receipt_is_read_or_left_out() -> None:
    assert work.parse_time("2026-11-28T03:00:00.000+00:00") == NOW
    assert work.parse_time("2026-11-28T03:00:00Z") == NOW
    assert work.parse_time("yesterday") is None
    assert work.parse_time("2026-11-28T03:00:00") is None  # no zone: not ours


def test_intake_visibility_timeout_is_six_times_the_normalizer_timeout_and_retries_are_counted_alike() -> None:
    template = load_template()
    resources = template["Resources"]
    queue = resources["IntakeQueue"]["Properties"]
    normalizer = resources["NormalizerFunction"]["Properties"]
    timeout = normalizer.get("Timeout", template["Globals"]["Function"]["Timeout"])
    assert queue["VisibilityTimeout"] >= 6 * timeout
    variables = normalizer["Environment"]["Variables"]
    assert queue["RedrivePolicy"]["maxReceiveCount"] == variables["INTAKE_MAX_RECEIVE_COUNT"]
    assert variables["FLOOD_MESSAGES_PER_MINUTE"] == {"Ref": "FloodMessagesPerMinute"}
