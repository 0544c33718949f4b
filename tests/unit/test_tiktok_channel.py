"""The TikTok channel: signature with its replay window, relevance gate and parser, over every sample in
events/tiktok/."""

from __future__ import annotations

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
from aduan.channels.tiktok.parser import parse
from aduan.channels.tiktok.webhook import (
    SIGNATURE_HEADER,
    TOLERANCE_SECONDS,
    WEBHOOK,
    is_citizen_delivery,
    sign,
    verify,
)
from aduan.errors import InvalidPayload
from aduan.models import Channel
from tests.support import EVENTS, load_event, load_raw

SECRET = "tiktok-app-secret-for-tests"
NOW = 1_764_336_005.0
BUSINESS = "-000dPa4ybdW7XsEIUTL4cLU0wkJZK6b3cdjPolresta"
CITIZEN = "-000Kq9sWmUcitizenAyuMlgBlimbing01"
SAMPLES = sorted((EVENTS / "tiktok").glob("*.json"))


def _with_content(name: str, **changes: Any) -> dict[str, Any]:
    delivery = load_event(name)
    content = json.loads(delivery["content"])
    content.update(changes)
    delivery["content"] = json.dumps(content)
    return delivery


# --- Samples ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_parses_and_the_gate_agrees(path: Path) -> None:
    result = parse(path.read_text())
    messages = result.messages
    assert len(messages) + len(result.rejected) + result.ignored == 1  # TikTok sends one event per POST
    # The gate never drops a message, and parks what the parser could not read (a sticker without an id
    # passes it and is ignored by the parser).
    gate = is_citizen_delivery(json.loads(path.read_bytes()))
    if messages:
        assert gate == RELEVANT
    if result.rejected:
        assert gate.unreadable
    for message in messages:
        assert message.channel is Channel.TIKTOK
        assert message.public is False
        assert message.account_id == BUSINESS
        assert message.citizen.platform_id != BUSINESS
        assert message.text or message.media


def test_urgent_text_reads_the_double_encoded_content() -> None:
    [message] = parse(load_raw("tiktok/text_urgent.json").decode()).messages
    assert message.kind == "text"
    assert message.text.startswith("Tolong pak ada begal bawa celurit")
    assert message.platform_message_id == "u5Buqc6lAghuOelnHUZV88DK2A=="
    assert message.conversation_id == "u5JhpselBAhoPOlnH0tZ9y07kg=="
    assert message.conversation_key == "tiktok#u5JhpselBAhoPOlnH0tZ9y07kg=="
    assert message.citizen.platform_id == CITIZEN
    assert message.citizen.display_name == "ayu.blimbing"
    assert message.sent_at == datetime.fromtimestamp(1764336000.123, UTC)
    assert message.reply_to is None


def test_follow_up_joins_the_same_conversation_and_names_what_it_answers() -> None:
    [first] = parse(load_raw("tiktok/text_urgent.json").decode()).messages
    [follow_up] = parse(load_raw("tiktok/text_follow_up.json").decode()).messages
    assert follow_up.conversation_key == first.conversation_key
    assert follow_up.reply_to == first.platform_message_id


def test_image_carries_its_media_id() -> None:
    [message] = parse(load_raw("tiktok/image.json").decode()).messages
    assert message.kind == "image" and message.text == ""
    assert [(m.kind, m.media_id) for m in message.media] == [("image", "v0f044gc0000d1k2m3n4o5p6q7r8s9t0")]


def test_shared_post_keeps_its_link() -> None:
    [message] = parse(load_raw("tiktok/share_post.json").decode()).messages
    assert message.kind == "share_post"
    assert message.text == "Video dibagikan: https://www.tiktok.com/@warga.sukun/video/7441234567890123456"


def test_shared_post_without_a_link_falls_back_to_the_video_id() -> None:
    delivery = _with_content("tiktok/share_post.json", share_post={"video_id": "7441234567890123456"})
    [message] = parse(json.dumps(delivery)).messages
    assert message.text == "Video dibagikan: 7441234567890123456"


def test_sticker_without_an_id_is_ignored_and_with_one_is_media() -> None:
    result = parse(load_raw("tiktok/sticker.json").decode())
    assert result.messages == [] and result.ignored == 1
    delivery = _with_content("tiktok/sticker.json", sticker={"media_id": "st123"})
    [message] = parse(json.dumps(delivery)).messages
    assert [(m.kind, m.media_id) for m in message.media] == [("sticker", "st123")]


@pytest.mark.parametrize(
    "name", ["tiktok/send_msg_echo.json", "tiktok/mark_read.json", "tiktok/authorization_removed.json"]
)
def test_our_sends_read_receipts_and_other_events_are_ignored(name: str) -> None:
    result = parse(load_raw(name).decode())
    assert result.messages == [] and result.rejected == [] and result.ignored == 1
    assert is_citizen_delivery(load_event(name)) == IGNORED


def test_a_receive_event_written_by_our_own_account_is_ignored() -> None:
    delivery = _with_content("tiktok/text_urgent.json", from_user={"id": BUSINESS, "role": "business_account"})
    result = parse(json.dumps(delivery))
    assert result.messages == [] and result.ignored == 1
    assert is_citizen_delivery(delivery) == IGNORED


def test_unreadable_content_is_rejected_not_raised() -> None:
    raw = load_raw("tiktok/content_unreadable.json")
    # The gate names it, so the glue parks the whole body (the parser, should it ever get it, rejects it).
    assert is_citizen_delivery(json.loads(raw)) == unreadable("content is not a JSON document")
    result = parse(raw.decode())
    assert result.messages == []
    [rejected] = result.rejected
    assert rejected.path == "content" and rejected.reason == "content is not a JSON document"
    assert "kebakaran" not in rejected.reason


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"conversation_id": None}, "conversation_id"),
        ({"message_id": 42}, "message_id"),
        ({"from_user": "someone"}, "from_user.id"),
        ({"type": None}, "type"),
        ({"text": "plain"}, "text"),
        ({"text": {"body": 7}}, "text.body"),
    ],
)
def test_malformed_content_fields_are_rejected_with_the_field_named(changes: dict[str, Any], field: str) -> None:
    delivery = _with_content("tiktok/text_urgent.json", **changes)
    result = parse(json.dumps(delivery))
    assert result.messages == []
    [rejected] = result.rejected
    assert rejected.path == "content"
    assert rejected.reason.startswith(field)
    assert "begal" not in rejected.reason
    if field != "message_id":
        assert rejected.platform_message_id == "u5Buqc6lAghuOelnHUZV88DK2A=="


def test_content_already_decoded_is_read_too() -> None:
    delivery = load_event("tiktok/text_urgent.json")
    delivery["content"] = json.loads(delivery["content"])
    [message] = parse(json.dumps(delivery)).messages
    assert message.platform_message_id == "u5Buqc6lAghuOelnHUZV88DK2A=="


def test_missing_message_time_falls_back_to_the_event_time() -> None:
    delivery = _with_content("tiktok/text_urgent.json", timestamp=None)
    [message] = parse(json.dumps(delivery)).messages
    assert message.sent_at == datetime.fromtimestamp(1764336000, UTC)


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ([], "body is not an object"),
        ({"content": "{}"}, "event must be a string"),
        ({"event": "im_receive_msg", "content": "[1]"}, "content must be a JSON object"),
        ({"event": "im_receive_msg"}, "content must be a JSON object"),
    ],
)
def test_the_gate_names_what_it_cannot_read(payload: Any, reason: str) -> None:
    assert is_citizen_delivery(payload) == unreadable(reason)


@pytest.mark.parametrize("body", ["not json", "[]", '{"content": "{}"}', '{"event": 3}'])
def test_what_is_not_a_tiktok_event_is_invalid(body: str) -> None:
    with pytest.raises(InvalidPayload):
        parse(body)


# --- Signature and replay window ----------------------------------------------------------------------------------


def test_signed_body_verifies() -> None:
    body = load_raw("tiktok/text_urgent.json")
    headers = sign(body, SECRET, NOW)
    expected = hmac.new(SECRET.encode(), f"{int(NOW)}.".encode() + body, hashlib.sha256).hexdigest()
    assert headers == {SIGNATURE_HEADER: f"t={int(NOW)},s={expected}"}
    assert verify(body, headers, SECRET, NOW).ok


@pytest.mark.parametrize("offset", [-TOLERANCE_SECONDS, 0, TOLERANCE_SECONDS])
def test_timestamps_within_the_window_verify(offset: int) -> None:
    body = load_raw("tiktok/text_urgent.json")
    assert verify(body, sign(body, SECRET, NOW + offset), SECRET, NOW).ok


@pytest.mark.parametrize("offset", [-TOLERANCE_SECONDS - 1, -86_400, TOLERANCE_SECONDS + 1, 86_400])
def test_stale_or_far_future_timestamps_are_rejected(offset: int) -> None:
    body = load_raw("tiktok/text_urgent.json")
    verdict = verify(body, sign(body, SECRET, NOW + offset), SECRET, NOW)
    assert not verdict.ok and verdict.reason == "stale_timestamp"


def _header(t: str, s: str) -> dict[str, str]:
    return {SIGNATURE_HEADER: f"t={t},s={s}"}


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda b, h: (b + b" ", h), "invalid_signature"),
        (lambda b, h: (b, {}), "missing_signature"),
        (lambda b, h: (b, {SIGNATURE_HEADER: ""}), "missing_signature"),
        (lambda b, h: (b, {SIGNATURE_HEADER: "s=abc"}), "malformed_signature"),
        (lambda b, h: (b, {SIGNATURE_HEADER: f"t={int(NOW)}"}), "malformed_signature"),
        (lambda b, h: (b, _header("soon", "ab")), "malformed_signature"),
        (lambda b, h: (b, _header(str(int(NOW) + 1), h[SIGNATURE_HEADER].split("s=")[1])), "invalid_signature"),
        (lambda b, h: (b, _header(str(int(NOW)), "0" * 64)), "invalid_signature"),
    ],
)
def test_wrong_or_missing_signature_is_rejected(mutate, reason: str) -> None:  # type: ignore[no-untyped-def]
    body = load_raw("tiktok/text_urgent.json")
    new_body, headers = mutate(body, sign(body, SECRET, NOW))
    verdict = verify(new_body, headers, SECRET, NOW)
    assert not verdict.ok and verdict.reason == reason


def test_a_stale_forgery_is_an_invalid_signature_not_a_stale_one() -> None:
    body = load_raw("tiktok/text_urgent.json")
    verdict = verify(body, sign(body, "not-the-secret", NOW - 3600), SECRET, NOW)
    assert verdict.reason == "invalid_signature"


def test_uppercase_hex_spaces_and_several_signatures_are_accepted() -> None:
    body = load_raw("tiktok/text_urgent.json")
    good = sign(body, SECRET, NOW)[SIGNATURE_HEADER].split("s=")[1]
    assert verify(body, {SIGNATURE_HEADER: f"t={int(NOW)}, s={'1' * 64}, s={good.upper()}"}, SECRET, NOW).ok


def test_wrong_or_empty_secret_is_rejected() -> None:
    body = load_raw("tiktok/text_urgent.json")
    assert verify(body, sign(body, SECRET, NOW), "another-secret", NOW).reason == "invalid_signature"
    assert verify(body, sign(body, "", NOW), "", NOW).reason == "invalid_signature"


# --- Registry and cold start --------------------------------------------------------------------------------------


def test_registry_finds_the_tiktok_channel_without_a_handshake() -> None:
    assert "tiktok" in registry.names()
    spec = registry.webhook("tiktok")
    assert spec is WEBHOOK and spec.path == "/webhooks/tiktok" and spec.secrets == (SIGNING_SECRET,)
    assert spec.handshake is None and spec.probe is None and spec.sign is sign
    assert spec.signing_secret_name == "app secret"  # the local stack reads TIKTOK_APP_SECRET
    assert registry.parser("tiktok") is parse


def test_the_webhook_module_imports_no_pydantic() -> None:
    code = "import sys, aduan.channels.tiktok.webhook; print('pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=EVENTS.parent)
    assert out.stdout.strip() == "False"
