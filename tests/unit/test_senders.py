"""Each channel's sender: the platform's request shape, and its answers classified sent / transient / refused."""

from __future__ import annotations

import json

import pytest

from aduan.channels import meta_messaging
from aduan.channels.http import PlatformReply
from aduan.channels.meta_send import classify as classify_meta
from aduan.channels.sending import Outgoing
from aduan.channels.tiktok import sender as tiktok
from aduan.channels.whatsapp import sender as whatsapp
from aduan.channels.x import sender as x


def reply(status: int, body: object) -> PlatformReply:
    return PlatformReply(status, json.dumps(body).encode(), {})


def graph_error(code: int, subcode: int | None = None) -> dict[str, object]:
    error: dict[str, object] = {"message": "private text", "type": "OAuthException", "code": code}
    if subcode:
        error["error_subcode"] = subcode
    return {"error": error}


@pytest.mark.parametrize(
    ("status", "body", "outcome", "code"),
    [
        (200, {"messaging_product": "whatsapp", "messages": [{"id": "wamid.X"}]}, "sent", ""),
        (200, {"recipient_id": "1", "message_id": "m_1"}, "sent", ""),
        (400, graph_error(131047), "refused", "131047"),  # outside WhatsApp's 24 h: a template was needed
        (400, graph_error(10, 2018278), "refused", "10"),  # outside Messenger's window
        (401, graph_error(190), "refused", "190"),  # expired token
        (400, graph_error(131026), "refused", "131026"),  # undeliverable
        (429, graph_error(130429), "transient", "130429"),  # throughput
        (400, graph_error(131056), "transient", "131056"),  # pair rate limit
        (400, graph_error(4), "transient", "4"),  # app rate limit
        (500, graph_error(2), "transient", "2"),
        (502, {}, "transient", "502"),
        (200, {}, "transient", "unexpected_body"),
    ],
)
def test_graph_answers(status: int, body: object, outcome: str, code: str) -> None:
    result = classify_meta(reply(status, body))
    assert (result.outcome, result.code) == (outcome, code)
    assert "private text" not in result.reason  # never the platform's message text


@pytest.mark.parametrize(
    ("status", "body", "outcome"),
    [
        (201, {"data": {"dm_conversation_id": "1-2", "dm_event_id": "99"}}, "sent"),
        (201, {"data": {"id": "123", "text": "Nomor tiket: K7M-4QX"}}, "sent"),
        (429, {"title": "Too Many Requests"}, "transient"),
        (503, {"title": "Service Unavailable"}, "transient"),
        (403, {"title": "Forbidden", "detail": "You cannot send messages to this user"}, "refused"),
        (401, {"title": "Unauthorized"}, "refused"),
        (400, {"errors": [{"title": "Invalid Request"}]}, "refused"),
    ],
)
def test_x_answers(status: int, body: object, outcome: str) -> None:
    assert x.classify(reply(status, body)).outcome == outcome


@pytest.mark.parametrize(
    ("status", "body", "outcome"),
    [
        (200, {"code": 0, "message": "OK", "data": {"message_id": "m1"}}, "sent"),
        (200, {"code": 40100, "message": "Too many requests"}, "transient"),
        (200, {"code": 50000, "message": "Internal error"}, "transient"),
        (200, {"code": 40105, "message": "Access token invalid"}, "refused"),
        (200, {"code": 40002, "message": "Invalid param"}, "refused"),
        (502, "gateway", "transient"),
    ],
)
def test_tiktok_answers(status: int, body: object, outcome: str) -> None:
    assert tiktok.classify(reply(status, body)).outcome == outcome


def test_request_shapes() -> None:
    text = Outgoing("whatsapp", "direct", "6281", "halo", account_id="123")
    assert whatsapp.request_body(text)["text"] == {"preview_url": False, "body": "halo"}
    template = Outgoing("whatsapp", "template", "6281", "", template="aduan_tanda_terima", template_params=("K7M-4QX",))
    body = whatsapp.request_body(template)["template"]
    assert body["name"] == "aduan_tanda_terima" and body["language"] == {"code": "id"}
    assert body["components"] == [{"type": "body", "parameters": [{"type": "text", "text": "K7M-4QX"}]}]
    private = Outgoing("instagram", "private_reply", "1790", "halo", target_kind="comment")
    assert meta_messaging.request_body(private)["recipient"] == {"comment_id": "1790"}
    post = Outgoing("facebook", "private_reply", "104_55", "halo", target_kind="post")
    assert meta_messaging.request_body(post)["recipient"] == {"post_id": "104_55"}
    assert x.request(Outgoing("x", "public_reply", "286", "Nomor tiket: K7M-4QX")) == (
        "/2/tweets",
        {"text": "Nomor tiket: K7M-4QX", "reply": {"in_reply_to_tweet_id": "286"}},
    )
    assert x.request(Outgoing("x", "direct", "172", "halo"))[0] == "/2/dm_conversations/with/172/messages"
    tt = tiktok.request_body(Outgoing("tiktok", "direct", "conv==", "halo", account_id="biz"))
    assert tt["recipient_type"] == "CONVERSATION" and tt["recipient"] == "conv==" and tt["text"] == {"body": "halo"}
