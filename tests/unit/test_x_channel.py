"""The X channel: CRC handshake, signature, relevance gate and parser, over every sample in events/x/."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from aduan.channels import registry
from aduan.channels.base import IGNORED, RELEVANT, SIGNING_SECRET, unreadable
from aduan.channels.x.parser import parse
from aduan.channels.x.webhook import SIGNATURE_HEADER, WEBHOOK, handshake, is_citizen_delivery, probe, sign, verify
from aduan.errors import InvalidPayload
from aduan.models import Channel, MessageAction, MessageFlag
from tests.support import EVENTS, load_event, load_raw

SECRET = "x-consumer-secret-for-tests"
NOW = 1_764_336_000.0
OUR_ACCOUNT = "1580000000000000001"
SAMPLES = sorted((EVENTS / "x").glob("*.json"))


def _secrets(role: str, force: bool) -> str:
    assert role == SIGNING_SECRET
    return SECRET


def _body(data: dict[str, Any]) -> str:
    return json.dumps(data)


# --- Samples ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_parses_and_the_gate_agrees(path: Path) -> None:
    result = parse(path.read_text())
    gate = is_citizen_delivery(json.loads(path.read_bytes()))
    assert gate.relevant == bool(result.messages) and not gate.unreadable
    for message in result.messages:
        assert message.channel is Channel.X
        assert message.citizen.platform_id != OUR_ACCOUNT
        assert message.account_id == OUR_ACCOUNT
        assert message.conversation_id.startswith(("post:", "dm:"))
        assert message.public == message.conversation_id.startswith("post:")
        assert message.text or message.location or message.media


def test_urgent_mention_is_public_with_its_thread_author_and_coordinates() -> None:
    [message] = parse(load_raw("x/text_urgent.json").decode()).messages
    assert message.public is True
    assert message.kind == "post"
    assert message.platform_message_id == "2861405512094337025"
    assert message.conversation_id == "post:2861405512094337025:1720000000000000101"
    assert message.conversation_key == "x#post:2861405512094337025:1720000000000000101"
    assert message.citizen.display_name == "Rizky Ananda (@rizky_mlg)"
    assert message.text.startswith("@PolrestaMlgKota tolong pak!! ada tabrakan")
    assert message.location is not None
    assert (message.location.lat, message.location.lon) == (-7.9446, 112.6162)  # GeoJSON is [lon, lat]
    assert message.location.name == "Lowokwaru, Malang"
    assert message.sent_at == datetime(2025, 11, 28, 13, 5, tzinfo=UTC)
    assert message.action is MessageAction.NEW


def test_follow_up_in_the_same_thread_shares_the_conversation() -> None:
    [first] = parse(load_raw("x/text_urgent.json").decode()).messages
    [follow_up] = parse(load_raw("x/post_mention_follow_up.json").decode()).messages
    assert follow_up.conversation_key == first.conversation_key
    assert follow_up.reply_to == first.platform_message_id
    assert follow_up.platform_message_id != first.platform_message_id


def test_another_author_in_the_same_thread_is_another_conversation() -> None:
    delivery = load_event("x/post_mention_follow_up.json")
    delivery["data"]["payload"]["author_id"] = "1720000000000000999"
    [message] = parse(_body(delivery)).messages
    assert message.conversation_id == "post:2861405512094337025:1720000000000000999"
    assert message.citizen.display_name is None  # not in includes.users


def test_reply_under_a_police_post_is_a_public_comment_with_its_photo() -> None:
    [message] = parse(load_raw("x/post_reply_to_police_post.json").decode()).messages
    assert message.kind == "comment"
    assert message.public is True
    assert message.conversation_id == "post:2861210034455498752:1720000000000000303"
    assert message.reply_to == "2861210034455498752"
    assert [(m.kind, m.media_id) for m in message.media] == [("image", "3_2861398860745588736")]
    assert message.location is None


@pytest.mark.parametrize(
    "name",
    ["x/post_own_reply.json", "x/dm_sent_own.json", "x/chat_received_encrypted.json", "x/like_create_unhandled.json"],
)
def test_our_own_posts_and_dms_encrypted_chats_and_other_events_are_ignored(name: str) -> None:
    result = parse(load_raw(name).decode())
    assert result.messages == [] and result.rejected == [] and result.ignored == 1
    assert is_citizen_delivery(load_event(name)) == IGNORED


def test_dm_is_private_and_threads_by_partner() -> None:
    [message] = parse(load_raw("x/dm_received.json").decode()).messages
    assert message.public is False
    assert message.kind == "text"
    assert message.conversation_id == "dm:1720000000000000202"
    assert message.citizen.display_name == "Dewi Anggraini (@dewi_sukun)"
    assert message.sent_at == datetime.fromtimestamp(1764334200, UTC)
    assert "penipuan" in message.text


def test_dm_follow_up_with_a_photo_joins_the_dm_conversation() -> None:
    [first] = parse(load_raw("x/dm_received.json").decode()).messages
    [photo] = parse(load_raw("x/dm_follow_up_photo.json").decode()).messages
    assert photo.conversation_key == first.conversation_key == "x#dm:1720000000000000202"
    assert [(m.kind, m.media_id) for m in photo.media] == [("image", "2861399770001112064")]


def test_a_dm_our_account_sent_inside_dm_received_is_ignored() -> None:
    delivery = load_event("x/dm_received.json")
    delivery["data"]["payload"]["direct_message_events"][0]["message_create"]["sender_id"] = OUR_ACCOUNT
    result = parse(_body(delivery))
    assert result.messages == [] and result.ignored == 1
    assert is_citizen_delivery(delivery) == IGNORED


def test_one_bad_dm_in_a_batch_is_rejected_with_its_path_and_the_good_ones_kept() -> None:
    result = parse(load_raw("x/dm_batch_one_bad.json").decode())
    assert [m.platform_message_id for m in result.messages] == ["2861400100004440064", "2861400100004440128"]
    assert [m.conversation_id for m in result.messages] == ["dm:1720000000000000606", "dm:1720000000000000707"]
    [rejected] = result.rejected
    assert rejected.path == "data.payload.direct_message_events[1]"
    assert rejected.platform_message_id == "2861400100004440099"
    assert "sender_id" in rejected.reason
    assert "pengirim" not in rejected.reason  # the reason names the field, never the content


@pytest.mark.parametrize(
    ("event", "path"),
    [
        ("not an object", "data.payload.direct_message_events[0]"),
        ({"type": "message_create", "id": "1", "message_create": "x"}, "data.payload.direct_message_events[0]"),
        (
            {"type": "message_create", "id": "1", "message_create": {"sender_id": "2", "message_data": {"text": 5}}},
            "data.payload.direct_message_events[0]",
        ),
    ],
)
def test_malformed_dm_events_are_rejected_and_their_siblings_kept(event: Any, path: str) -> None:
    delivery = load_event("x/dm_received.json")
    events = delivery["data"]["payload"]["direct_message_events"]
    events.insert(0, event)
    result = parse(_body(delivery))
    assert [r.path for r in result.rejected] == [path]
    assert [m.platform_message_id for m in result.messages] == ["2861399500001110016"]
    assert is_citizen_delivery(delivery) == RELEVANT  # the good one is queued; the parser rejects the bad one


def test_a_post_without_author_is_unreadable_at_the_gate_and_rejected_by_the_parser() -> None:
    delivery = load_event("x/text_urgent.json")
    del delivery["data"]["payload"]["author_id"]
    assert is_citizen_delivery(delivery).unreadable == "data.payload has no id or author_id"  # parked whole
    result = parse(_body(delivery))
    assert result.messages == []
    [rejected] = result.rejected
    assert rejected.path == "data.payload"
    assert rejected.platform_message_id == "2861405512094337025"
    assert "author_id" in rejected.reason


@pytest.mark.parametrize(
    "payload_fix",
    [
        lambda d: d["data"].update(payload="text"),
        lambda d: d["data"]["payload"].update(direct_message_events={"0": {}}),
    ],
)
def test_unreadable_citizen_event_bodies_are_rejected(payload_fix) -> None:  # type: ignore[no-untyped-def]
    delivery = load_event("x/dm_received.json")
    payload_fix(delivery)
    result = parse(_body(delivery))
    assert result.messages == [] and len(result.rejected) == 1
    assert is_citizen_delivery(delivery).unreadable


def test_invalid_coordinates_are_kept_as_text_and_flagged() -> None:
    delivery = load_event("x/text_urgent.json")
    delivery["data"]["payload"]["geo"]["coordinates"]["coordinates"] = [212.6, -7.9]
    [message] = parse(_body(delivery)).messages
    assert message.location is None
    assert message.flags == (MessageFlag.INVALID_LOCATION,)
    assert "lokasi tidak valid" in message.text and "212.6" in message.text and "Lowokwaru" in message.text
    assert message.text.startswith("@PolrestaMlgKota tolong pak")


def test_a_tagged_place_without_coordinates_adds_its_name_to_the_text() -> None:
    delivery = load_event("x/text_urgent.json")
    del delivery["data"]["payload"]["geo"]["coordinates"]
    [message] = parse(_body(delivery)).messages
    assert message.location is None and message.flags == ()
    assert message.text.endswith("\nLokasi: Lowokwaru, Malang")


def test_posts_without_geo_have_no_location() -> None:
    delivery = load_event("x/text_urgent.json")
    del delivery["data"]["payload"]["geo"]
    [message] = parse(_body(delivery)).messages
    assert message.location is None and message.flags == ()


def test_long_posts_use_the_note_text() -> None:
    delivery = load_event("x/text_urgent.json")
    delivery["data"]["payload"]["note_tweet"] = {"text": "teks panjang lengkap tentang kejadian"}
    [message] = parse(_body(delivery)).messages
    assert message.text == "teks panjang lengkap tentang kejadian"


def test_an_edited_post_is_an_edit_of_the_original() -> None:
    delivery = load_event("x/text_urgent.json")
    payload = delivery["data"]["payload"]
    payload["edit_history_tweet_ids"] = [payload["id"], "2861405999999999999"]
    payload["id"] = "2861405999999999999"
    [message] = parse(_body(delivery)).messages
    assert message.action is MessageAction.EDIT
    assert message.target_message_id == "2861405512094337025"


def test_reposts_are_ignored() -> None:
    delivery = load_event("x/post_mention_follow_up.json")
    delivery["data"]["payload"]["referenced_tweets"] = [{"type": "retweeted", "id": "2861405512094337025"}]
    result = parse(_body(delivery))
    assert result.messages == [] and result.ignored == 1


def test_legacy_account_activity_posts() -> None:
    result = parse(load_raw("x/legacy_tweet_create_events.json").decode())
    [message] = result.messages
    assert result.ignored == 1  # our own reply
    assert message.platform_message_id == "2861379200007770112"
    assert message.text.endswith("mohon ditindaklanjuti pak")  # extended_tweet.full_text, not the truncated text
    assert message.conversation_id == "post:2861379200007770112:1720000000000000808"
    assert message.public is True and message.kind == "post"
    assert message.location is not None and (message.location.lat, message.location.lon) == (-7.9771, 112.6221)
    assert message.location.name == "Klojen, Malang"
    assert [(m.kind, m.media_id) for m in message.media] == [("video", "2861379190001110016")]
    assert message.citizen.display_name == "Fajar Nugroho (@fajar_klojen)"
    assert message.sent_at == datetime.fromtimestamp(1764328800, UTC)


def test_legacy_account_activity_dms() -> None:
    [message] = parse(load_raw("x/legacy_direct_message_events.json").decode()).messages
    assert message.conversation_id == "dm:1720000000000000909"
    assert message.public is False
    assert message.citizen.display_name == "Sri Wahyuni (@sriwahyuni_mlg)"


def test_legacy_bad_tweet_is_rejected_and_its_sibling_kept() -> None:
    delivery = load_event("x/legacy_tweet_create_events.json")
    delivery["tweet_create_events"].append({"id_str": "77", "text": "tanpa user"})
    result = parse(_body(delivery))
    assert len(result.messages) == 1
    [rejected] = result.rejected
    assert rejected.path == "tweet_create_events[2]" and rejected.platform_message_id == "77"


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ([], "body is not an object"),
        ({"object": "page"}, "neither data (X Activity API) nor for_user_id (Account Activity API)"),
        ({"data": []}, "data must be an object"),
        ({"data": {"payload": {}}}, "data.event_type must be a string"),
        ({"data": {"event_type": "dm.received", "payload": []}}, "data.payload must be an object"),
        ({"data": {"event_type": "dm.received", "payload": {}}}, "data.payload.direct_message_events must be a list"),
        (
            {"data": {"event_type": "dm.received", "payload": {"direct_message_events": [{"type": "message_create"}]}}},
            "data.payload.direct_message_events[0] has no message_create.sender_id",
        ),
        ({"for_user_id": "1", "tweet_create_events": [{"id_str": "2"}]}, "tweet_create_events[0] has no user.id_str"),
        ({"for_user_id": "1", "direct_message_events": "x"}, "direct_message_events must be a list"),
    ],
)
def test_the_gate_names_what_it_cannot_read(payload: Any, reason: str) -> None:
    assert is_citizen_delivery(payload) == unreadable(reason)


def test_legacy_other_activities_are_counted_as_ignored() -> None:
    delivery = {"for_user_id": OUR_ACCOUNT, "favorite_events": [{"id": "a"}, {"id": "b"}]}
    result = parse(_body(delivery))
    assert result.messages == [] and result.ignored == 2
    assert is_citizen_delivery(delivery) == IGNORED


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[]",
        '{"object": "page", "entry": []}',
        '{"data": []}',
        '{"data": {"payload": {}}}',
    ],
)
def test_what_is_not_an_x_delivery_is_invalid(body: str) -> None:
    with pytest.raises(InvalidPayload):
        parse(body)


# --- CRC handshake and signature ---------------------------------------------------------------------------------


def test_crc_answer_verifies_with_the_consumer_secret() -> None:
    token = "9b4507b3-9040-4669-9ca3-6b94edb50553"
    reply = handshake({"crc_token": token}, _secrets)
    assert reply.status == 200
    assert isinstance(reply.body, dict) and set(reply.body) == {"response_token"}
    expected = hmac.new(SECRET.encode(), token.encode(), hashlib.sha256).digest()
    assert reply.body["response_token"] == "sha256=" + base64.b64encode(expected).decode()


@pytest.mark.parametrize("query", [{}, {"crc_token": ""}, {"hub.challenge": "1"}])
def test_crc_without_a_token_is_a_400(query: dict[str, str]) -> None:
    reply = handshake(query, _secrets)
    assert reply.status == 400
    assert isinstance(reply.body, dict) and reply.body["error"] == "missing_crc_token"


def test_the_simulators_crc_probe_is_accepted_only_with_the_right_secret() -> None:
    query, accepted = probe({SIGNING_SECRET: SECRET}, "1158201444")
    assert query == {"crc_token": "1158201444"}
    reply = handshake(query, _secrets)
    assert accepted(reply.status, json.dumps(reply.body))
    _, wrong = probe({SIGNING_SECRET: "another-secret"}, "1158201444")
    assert not wrong(reply.status, json.dumps(reply.body))
    assert not accepted(400, json.dumps(reply.body)) and not accepted(200, "not json")


def test_signed_body_verifies() -> None:
    body = load_raw("x/text_urgent.json")
    headers = sign(body, SECRET, NOW)
    expected = base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()
    assert headers == {SIGNATURE_HEADER: "sha256=" + expected}
    assert verify(body, headers, SECRET, NOW).ok
    # No timestamp in X's signature: a day later the same delivery still verifies (dedup handles replays).
    assert verify(body, headers, SECRET, NOW + 86_400).ok


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda b, h: (b + b" ", h), "invalid_signature"),
        (lambda b, h: (b, {}), "missing_signature"),
        (lambda b, h: (b, {SIGNATURE_HEADER: ""}), "missing_signature"),
        (lambda b, h: (b, {SIGNATURE_HEADER: h[SIGNATURE_HEADER].removeprefix("sha256=")}), "malformed_signature"),
        (lambda b, h: (b, {SIGNATURE_HEADER: "sha256=" + "0" * 44}), "invalid_signature"),
        (
            lambda b, h: (b, {SIGNATURE_HEADER: "sha256=" + hmac.new(SECRET.encode(), b, hashlib.sha256).hexdigest()}),
            "invalid_signature",
        ),  # hex (Meta's encoding) is not X's base64
    ],
)
def test_wrong_or_missing_signature_is_rejected(mutate, reason: str) -> None:  # type: ignore[no-untyped-def]
    body = load_raw("x/dm_received.json")
    new_body, headers = mutate(body, sign(body, SECRET, NOW))
    verdict = verify(new_body, headers, SECRET, NOW)
    assert not verdict.ok and verdict.reason == reason


def test_wrong_or_empty_secret_is_rejected() -> None:
    body = load_raw("x/dm_received.json")
    assert verify(body, sign(body, SECRET, NOW), "another-secret", NOW).reason == "invalid_signature"
    assert verify(body, sign(body, "", NOW), "", NOW).reason == "invalid_signature"


# --- Registry and cold start --------------------------------------------------------------------------------------


def test_registry_finds_the_x_channel() -> None:
    assert "x" in registry.names()
    spec = registry.webhook("x")
    assert spec is WEBHOOK and spec.path == "/webhooks/x" and spec.secrets == (SIGNING_SECRET,)
    assert spec.handshake is handshake and spec.sign is sign and spec.probe is probe
    assert spec.signing_secret_name == "consumer secret"  # the local stack reads X_CONSUMER_SECRET
    assert registry.parser("x") is parse


def test_the_webhook_module_imports_no_pydantic() -> None:
    code = "import sys, aduan.channels.x.webhook; print('pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=EVENTS.parent)
    assert out.stdout.strip() == "False"
