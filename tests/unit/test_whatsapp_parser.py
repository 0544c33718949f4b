"""Parsing WhatsApp Cloud API deliveries: every sample in events/whatsapp/ and the edge cases."""

from __future__ import annotations

import json

import pytest

from aduan.channels.whatsapp.parser import parse
from aduan.channels.whatsapp.webhook import is_citizen_delivery
from aduan.errors import InvalidPayload
from aduan.models import Channel, MessageFlag
from tests.support import load_event, load_raw, whatsapp_deliveries


@pytest.mark.parametrize("path", whatsapp_deliveries(), ids=lambda p: p.name)
def test_every_sample_parses_and_the_gate_agrees(path) -> None:  # type: ignore[no-untyped-def]
    body = path.read_bytes()
    messages = parse(body).messages
    assert bool(is_citizen_delivery(json.loads(body))) == bool(messages)
    for message in messages:
        assert message.channel is Channel.WHATSAPP
        assert message.platform_message_id.startswith("wamid.")
        assert message.citizen.phone and message.citizen.phone.startswith("+62")
        assert message.text or message.location or message.media


def test_text_message() -> None:
    [message] = parse(load_raw("whatsapp/text_urgent.json")).messages
    assert message.kind == "text"
    assert message.text.startswith("Tolong pak!! ada tabrakan")
    assert message.citizen.platform_id == "6281200000101"
    assert message.citizen.display_name == "Sari Wulandari"
    assert message.account_id == "123456789012345"
    assert message.sent_at.timestamp() == 1764290700


def test_location_message_carries_coordinates() -> None:
    [message] = parse(load_raw("whatsapp/location_pin.json")).messages
    assert message.kind == "location"
    assert message.location is not None
    assert (message.location.lat, message.location.lon) == (-7.9556, 112.6143)
    assert "Sumbersari" in message.text


def test_batch_with_many_entries_changes_and_types() -> None:
    messages = parse(load_raw("whatsapp/batch_mixed.json")).messages
    kinds = [m.kind for m in messages]
    # The reaction and the read status are not citizen messages.
    assert "reaction" not in kinds
    assert sorted(kinds) == sorted(["image", "interactive", "text", "contacts", "button"])
    # Oldest first, whatever order the platform used.
    assert [m.sent_at for m in messages] == sorted(m.sent_at for m in messages)
    by_kind = {m.kind: m for m in messages}
    assert by_kind["image"].text.startswith("motor saya dicuri")
    assert by_kind["image"].media[0].media_id == "1480573926104621"
    assert by_kind["interactive"].text == "Cek status laporan"
    assert by_kind["button"].text == "Lapor lagi"
    assert by_kind["button"].reply_to == "wamid.HBgNNjI4MTEwMDExMDExMBUCABEYEjQ1RkM6"
    assert "Pak RT Bunulrejo" in by_kind["contacts"].text
    assert by_kind["text"].citizen.display_name == "Rina Kusuma"


def test_video_caption() -> None:
    [message] = parse(load_raw("whatsapp/video_caption_ppa.json")).messages
    assert message.kind == "video"
    assert "sawojajar" in message.text
    assert message.media[0].mime_type == "video/mp4"


@pytest.mark.parametrize("name", ["whatsapp/statuses_only.json", "whatsapp/echo_from_business_app.json"])
def test_statuses_and_echoes_are_not_messages(name: str) -> None:
    assert parse(load_raw(name)).messages == []
    assert not is_citizen_delivery(load_event(name))


@pytest.mark.parametrize(
    "message",
    [
        {"from": "628", "id": "wamid.x", "timestamp": "1", "type": "reaction", "reaction": {"emoji": "x"}},
        {"from": "628", "id": "wamid.x", "timestamp": "1", "type": "unsupported", "errors": [{"code": 131051}]},
        {"from": "628", "id": "wamid.x", "timestamp": "1", "type": "text", "text": {"body": "   "}},
        {"from": "628", "id": "wamid.x", "timestamp": "1", "type": "image", "image": {"caption": "no id"}},
    ],
)
def test_messages_without_citizen_content_are_skipped(message: dict) -> None:  # type: ignore[type-arg]
    delivery = load_event("whatsapp/text_urgent.json")
    delivery["entry"][0]["changes"][0]["value"]["messages"] = [message]
    result = parse(json.dumps(delivery))
    assert result.messages == [] and result.rejected == [] and result.ignored == 1


def test_invalid_coordinates_are_kept_as_text_and_flagged() -> None:
    delivery = load_event("whatsapp/text_urgent.json")
    delivery["entry"][0]["changes"][0]["value"]["messages"] = [
        {
            "from": "628",
            "id": "wamid.x",
            "timestamp": "1",
            "type": "location",
            "location": {"latitude": 91, "longitude": 112.6, "name": "Pasar Besar"},
        }
    ]
    [message] = parse(json.dumps(delivery)).messages
    assert message.location is None
    assert message.flags == (MessageFlag.INVALID_LOCATION,)
    assert "Pasar Besar" in message.text and "91" in message.text


def test_a_bad_message_is_rejected_with_its_path_and_its_good_sibling_kept() -> None:
    delivery = load_event("whatsapp/text_urgent.json")
    value = delivery["entry"][0]["changes"][0]["value"]
    good = value["messages"][0]
    value["messages"] = [{"id": "wamid.bad", "timestamp": "1", "type": "text", "text": {"body": "no sender"}}, good]
    result = parse(json.dumps(delivery))
    assert [m.platform_message_id for m in result.messages] == [good["id"]]
    [rejected] = result.rejected
    assert rejected.path == "entry[0].changes[0].value.messages[0]"
    assert rejected.platform_message_id == "wamid.bad"
    assert "no sender" not in rejected.reason


@pytest.mark.parametrize("kind", [None, "", 7, ["text"]])
def test_a_message_whose_type_is_missing_or_not_a_string_is_rejected_not_dropped(kind: object) -> None:
    delivery = load_event("whatsapp/text_urgent.json")
    value = delivery["entry"][0]["changes"][0]["value"]
    good = value["messages"][0]
    bad = {**good, "id": "wamid.notype", "type": kind}
    value["messages"] = [good, bad]
    result = parse(json.dumps(delivery))
    assert [m.platform_message_id for m in result.messages] == [good["id"]]
    [rejected] = result.rejected
    assert rejected.platform_message_id == "wamid.notype"
    assert rejected.reason == "_Unreadable: type must be a non-empty string"
    assert result.ignored == 0


def test_media_without_caption_is_kept() -> None:
    delivery = load_event("whatsapp/text_urgent.json")
    delivery["entry"][0]["changes"][0]["value"]["messages"] = [
        {
            "from": "6281200000101",
            "id": "wamid.a",
            "timestamp": "1764290700",
            "type": "audio",
            "audio": {"id": "998", "mime_type": "audio/ogg; codecs=opus", "voice": True},
        }
    ]
    [message] = parse(json.dumps(delivery)).messages
    assert message.kind == "audio" and message.text == "" and message.media[0].media_id == "998"


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"object": "page", "entry": []}',
        b'{"object": "whatsapp_business_account"}',
        b'{"object": "whatsapp_business_account", "entry": 3}',
    ],
)
def test_what_is_not_a_whatsapp_delivery_is_invalid(body: bytes) -> None:
    with pytest.raises(InvalidPayload):
        parse(body.decode())


def test_a_change_without_value_is_rejected_not_fatal() -> None:
    body = '{"object": "whatsapp_business_account", "entry": [{"changes": [{"field": "messages"}]}]}'
    result = parse(body)
    assert result.messages == [] and [r.path for r in result.rejected] == ["entry[0].changes[0].value"]


def test_validation_errors_never_quote_personal_data() -> None:
    from pydantic import ValidationError

    from aduan.models import CitizenIdentity

    with pytest.raises(ValidationError) as caught:
        CitizenIdentity(channel="whatsapp", platform_id=6281200000101, phone="+6281200000101", display_name=[1])  # type: ignore[arg-type]
    assert "6281200000101" not in str(caught.value)
