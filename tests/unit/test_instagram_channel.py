"""Instagram: the gate and the parser over every sample delivery in events/instagram/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aduan.channels.base import ParseResult
from aduan.channels.instagram.parser import parse
from aduan.channels.instagram.webhook import WEBHOOK
from aduan.errors import InvalidPayload
from aduan.models import Channel, MessageAction
from tests.support import EVENTS, load_raw

SAMPLES = sorted((EVENTS / "instagram").glob("*.json"))
ACCOUNT = "17841400000000001"


def read(name: str) -> ParseResult:
    return parse(load_raw(f"instagram/{name}").decode())


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_parses_and_the_gate_agrees(path: Path) -> None:
    result = parse(path.read_text())
    assert WEBHOOK.relevance(json.loads(path.read_text())).relevant == bool(result.messages)
    for message in result.messages:
        assert message.channel is Channel.INSTAGRAM
        assert message.citizen.channel is Channel.INSTAGRAM
        assert message.account_id == ACCOUNT
        assert message.citizen.phone is None
        assert message.conversation_id
        assert message.text or message.media or message.action is MessageAction.REMOVE
        assert message.sent_at.year == 2025


def test_dm_conversation_is_the_senders_scoped_id_and_private() -> None:
    [first] = read("text_urgent.json").messages
    [follow_up] = read("text_follow_up.json").messages
    assert first.conversation_id == follow_up.conversation_id == first.citizen.platform_id == "1790000000000101"
    assert not first.public
    assert first.text.startswith("Tolong pak!!")
    assert first.sent_at < follow_up.sent_at


def test_attachments_story_mentions_replies_and_shares_are_messages() -> None:
    [image] = read("image_attachment.json").messages
    assert (image.kind, image.media[0].kind) == ("image", "image")
    assert image.media[0].media_id.startswith("https://lookaside.fbsbx.com/")
    [mention] = read("story_mention.json").messages
    assert mention.kind == "story_mention" and "story" in mention.text
    [reply] = read("story_reply.json").messages
    assert reply.kind == "story_reply" and reply.media[0].kind == "story" and reply.text.startswith("Pak di story")
    [share] = read("share.json").messages
    assert share.kind == "share" and "instagram.com/p/" in share.text


@pytest.mark.parametrize("name", ["echo.json", "reactions_and_reads.json", "own_reply_to_comment.json"])
def test_echoes_reactions_reads_and_our_own_replies_are_not_complaints(name: str) -> None:
    result = read(name)
    assert result.messages == [] and result.rejected == [] and result.ignored >= 1


def test_a_deleted_dm_marks_the_stored_message_removed() -> None:
    [removal] = read("deleted_message.json").messages
    [shared] = read("share.json").messages
    assert removal.action is MessageAction.REMOVE
    assert removal.target_message_id == shared.platform_message_id
    assert removal.dedup_key != shared.dedup_key


def test_comments_are_public_and_a_reply_by_the_same_person_joins_their_thread() -> None:
    [comment] = read("comment_urgent.json").messages
    [reply] = read("comment_reply_same_person.json").messages
    assert comment.public and reply.public
    assert comment.kind == "comment"
    assert comment.conversation_id == reply.conversation_id == "17900000000000011:1790000000000202"
    assert reply.reply_to == comment.platform_message_id
    assert comment.citizen.display_name == "warga.dinoyo"
    [live] = read("live_comment.json").messages
    assert (live.kind, live.public) == ("live_comment", True)


def test_another_persons_reply_in_a_thread_is_their_own_conversation() -> None:
    data = json.loads(load_raw("instagram/comment_reply_same_person.json"))
    data["entry"][0]["changes"][0]["value"]["from"]["id"] = "1790000000009999"
    [reply] = parse(json.dumps(data)).messages
    [comment] = read("comment_urgent.json").messages
    assert reply.conversation_id != comment.conversation_id


def test_facebook_login_mentions_are_kept_with_a_note_that_the_text_must_be_fetched() -> None:
    [mention] = read("mention_facebook_login.json").messages
    assert (mention.kind, mention.public) == ("mention", True)
    assert "17900000000000015" in mention.text and "Graph API" in mention.text
    assert mention.platform_message_id == "mention-17900000000000015"


def test_a_bad_item_is_rejected_with_its_path_and_never_hides_its_siblings() -> None:
    result = read("batch_mixed.json")
    assert [m.kind for m in result.messages] == ["text", "comment"]
    assert [r.path for r in result.rejected] == ["entry[0].messaging[1]", "entry[1].changes[1]"]
    assert all("broken" not in r.reason for r in result.rejected)


@pytest.mark.parametrize(
    "body", ["[]", "{}", '{"object":"page","entry":[]}', '{"object":"instagram","entry":{}}', "nope"]
)
def test_a_body_that_is_not_an_instagram_delivery_is_invalid(body: str) -> None:
    with pytest.raises(InvalidPayload):
        parse(body)


def test_signature_and_handshake_are_metas() -> None:
    body = load_raw("instagram/text_urgent.json")
    assert WEBHOOK.sign is not None and WEBHOOK.probe is not None
    headers = {k.lower(): v for k, v in WEBHOOK.sign(body, "secret", 0).items()}
    assert WEBHOOK.verify(body, headers, "secret", 0).ok
    assert not WEBHOOK.verify(body + b" ", headers, "secret", 0).ok
    query, accepted = WEBHOOK.probe({"verify_token": "t"}, "42")
    assert query["hub.challenge"] == "42" and accepted(200, "42") and not accepted(200, "43")
