"""Facebook Page: the gate and the parser over every sample delivery in events/facebook/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aduan.channels.base import ParseResult
from aduan.channels.facebook.parser import parse
from aduan.channels.facebook.webhook import WEBHOOK
from aduan.errors import InvalidPayload
from aduan.models import Channel, MessageAction
from tests.support import EVENTS, load_raw

SAMPLES = sorted((EVENTS / "facebook").glob("*.json"))
PAGE = "104000000000001"


def read(name: str) -> ParseResult:
    return parse(load_raw(f"facebook/{name}").decode())


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_parses_and_the_gate_agrees(path: Path) -> None:
    result = parse(path.read_text())
    assert WEBHOOK.relevance(json.loads(path.read_text())).relevant == bool(result.messages)
    for message in result.messages:
        assert message.channel is Channel.FACEBOOK
        assert message.account_id == PAGE
        assert message.conversation_id
        assert message.text or message.media or message.action is MessageAction.REMOVE
        assert message.sent_at.year == 2025


def test_messenger_conversation_is_the_psid_and_private() -> None:
    [first] = read("text_urgent.json").messages
    [follow_up] = read("text_follow_up.json").messages
    assert first.conversation_id == follow_up.conversation_id == "7100000000000101"
    assert not first.public and first.kind == "text"
    [image] = read("image_attachment.json").messages
    assert image.media[0].media_id.endswith("sample_fire.jpg")


@pytest.mark.parametrize(
    "name", ["echo.json", "delivery_and_read.json", "page_own_comment.json", "reactions_likes_shares.json"]
)
def test_echoes_receipts_reactions_likes_shares_and_the_pages_own_comments_are_not_complaints(name: str) -> None:
    result = read(name)
    assert result.messages == [] and result.rejected == [] and result.ignored >= 1


def test_feed_comments_are_public_and_a_reply_by_the_same_person_joins_their_thread() -> None:
    [comment] = read("comment_urgent.json").messages
    [reply] = read("comment_reply_same_person.json").messages
    assert comment.public and reply.public
    assert comment.conversation_id == reply.conversation_id
    assert comment.conversation_id.startswith(comment.platform_message_id + ":")
    assert reply.reply_to == comment.platform_message_id
    assert comment.citizen.display_name == "Rina Kusuma"


def test_an_edit_updates_the_comment_and_never_opens_a_ticket() -> None:
    [comment] = read("comment_urgent.json").messages
    [edit] = read("comment_edited.json").messages
    assert edit.action is MessageAction.EDIT
    assert edit.target_message_id == edit.platform_message_id == comment.platform_message_id
    assert edit.conversation_id == comment.conversation_id
    assert "bundaran" in edit.text
    assert edit.dedup_key != comment.dedup_key
    assert edit.sent_at > comment.sent_at  # stamped with the notification time


@pytest.mark.parametrize("name", ["comment_removed.json", "comment_hidden.json"])
def test_remove_and_hide_mark_the_item(name: str) -> None:
    [removal] = read(name).messages
    assert removal.action is MessageAction.REMOVE
    assert removal.target_message_id == removal.platform_message_id
    assert removal.text == "" and removal.media == ()


def test_visitor_posts_are_public_messages_with_their_photo() -> None:
    [post] = read("visitor_post.json").messages
    assert (post.kind, post.public, post.platform_message_id) == ("status", True, f"{PAGE}_900000000000777")
    [photo] = read("visitor_photo_post.json").messages
    assert photo.kind == "photo" and photo.media[0].kind == "link"


def test_a_bad_item_is_rejected_with_its_path_and_never_hides_its_siblings() -> None:
    result = read("batch_mixed.json")
    assert [m.kind for m in result.messages] == ["text", "comment"]
    assert [r.path for r in result.rejected] == ["entry[0].messaging[1]", "entry[1].changes[1]"]


def test_a_location_attachment_is_used_and_a_bad_one_kept_as_text() -> None:
    data = json.loads(load_raw("facebook/image_attachment.json"))
    message = data["entry"][0]["messaging"][0]["message"]
    message["attachments"] = [{"type": "location", "payload": {"coordinates": {"lat": -7.95, "long": 112.61}}}]
    [pin] = parse(json.dumps(data)).messages
    assert pin.location is not None and pin.location.lat == -7.95
    message["attachments"][0]["payload"]["coordinates"]["lat"] = 91
    [bad] = parse(json.dumps(data)).messages
    assert bad.location is None and "lokasi tidak valid" in bad.text and bad.flags


@pytest.mark.parametrize("body", ["[]", '{"object":"instagram","entry":[]}', '{"object":"page","entry":7}', "{"])
def test_a_body_that_is_not_a_page_delivery_is_invalid(body: str) -> None:
    with pytest.raises(InvalidPayload):
        parse(body)
