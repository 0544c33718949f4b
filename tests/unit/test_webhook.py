"""The webhook service, for every channel, with the secret store and the intake replaced by in-memory fakes."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from aduan.channels import registry
from aduan.channels.base import IGNORED, RELEVANT, ChannelWebhook, Relevance, unreadable
from aduan.channels.whatsapp.webhook import WEBHOOK as WHATSAPP
from aduan.signatures import meta_signature
from aduan.webhook import MAX_BODY_BYTES, MAX_DEPTH, WebhookService, raw_body, read_json, too_deep
from tests.support import load_raw

SECRET = "s3cret"
TOKEN = "verify-me"


class FakeSecrets:
    def __init__(self) -> None:
        self.values = {"signing_secret": SECRET, "verify_token": TOKEN}
        self.calls: list[tuple[str, bool]] = []

    def __call__(self, role: str, force: bool) -> str:
        self.calls.append((role, force))
        return self.values[role]


class FakeIntake:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str, str]] = []
        self.parked: list[tuple[str, bytes, str, str]] = []

    def enqueue(self, channel: str, body: str, received_at: str, request_id: str) -> str:
        self.sent.append((channel, body, received_at, request_id))
        return f"msg-{len(self.sent)}"

    def park(self, channel: str, body: bytes, reason: str, received_at: str, request_id: str) -> str:
        self.parked.append((channel, body, reason, request_id))
        return f"parked-{len(self.parked)}"


class Parts:
    def __init__(self, channel: ChannelWebhook = WHATSAPP) -> None:
        self.secrets, self.intake, self.clock = FakeSecrets(), FakeIntake(), [1000.0]
        self.hook = WebhookService(channel, self.secrets, self.intake, clock=lambda: self.clock[0])

    def post(self, body: bytes, secret: str = SECRET) -> Any:
        return self.hook.deliver(body, {"X-Hub-Signature-256": meta_signature(body, secret)}, "req-1")


@pytest.fixture
def parts() -> Parts:
    return Parts()


def test_handshake_echoes_the_challenge(parts: Parts) -> None:
    outcome = parts.hook.handshake({"hub.mode": "subscribe", "hub.verify_token": TOKEN, "hub.challenge": "1158201444"})
    assert (outcome.reply.status, outcome.reply.body) == (200, "1158201444")
    assert outcome.reply.is_text


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"}, 403),
        ({"hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "1"}, 403),
        ({"hub.mode": "unsubscribe", "hub.verify_token": TOKEN, "hub.challenge": "1"}, 400),
        ({"hub.mode": "subscribe", "hub.verify_token": TOKEN}, 400),
    ],
)
def test_handshake_refusals(parts: Parts, query: dict[str, str], status: int) -> None:
    outcome = parts.hook.handshake(query)
    assert outcome.reply.status == status
    assert outcome.reply.body != "1"


def test_signed_delivery_is_enqueued_verbatim(parts: Parts) -> None:
    body = load_raw("whatsapp/text_urgent.json")
    outcome = parts.post(body)
    assert (outcome.reply.status, outcome.outcome) == (200, "accepted")
    [(channel, sent_body, received_at, request_id)] = parts.intake.sent
    assert (channel, sent_body, request_id) == ("whatsapp", body.decode(), "req-1")
    assert received_at.endswith("+00:00")
    assert parts.intake.parked == []


@pytest.mark.parametrize(
    ("headers", "error"),
    [
        ({}, "missing_signature"),
        ({"x-hub-signature-256": "sha256=" + "0" * 64}, "invalid_signature"),
        ({"X-Hub-Signature-256": "sha1=abc"}, "invalid_signature"),
    ],
)
def test_unsigned_or_badly_signed_delivery_is_rejected_and_nothing_is_stored(
    parts: Parts, headers: dict[str, str], error: str
) -> None:
    outcome = parts.hook.deliver(load_raw("whatsapp/text_urgent.json"), headers, "req")
    assert outcome.reply.status == 401
    assert outcome.reply.body["error"] == error
    assert (parts.intake.sent, parts.intake.parked) == ([], [])


def test_forged_unreadable_body_is_a_401_not_parked(parts: Parts) -> None:
    body = b"[" * 10_000
    outcome = parts.post(body, secret="attacker")
    assert outcome.reply.status == 401
    assert parts.intake.parked == []


def test_bad_signature_rereads_a_rotated_secret_at_most_once_a_minute(parts: Parts) -> None:
    body = load_raw("whatsapp/text_urgent.json")
    parts.secrets.values["signing_secret"] = "rotated"
    assert parts.post(body, "rotated").reply.status == 200  # matched after one forced re-read
    forced = lambda: sum(1 for _, force in parts.secrets.calls if force)  # noqa: E731
    before = forced()
    parts.post(body, "attacker")
    parts.post(body, "attacker")
    assert forced() == before + 1
    parts.clock[0] += 61
    parts.post(body, "attacker")
    assert forced() == before + 2
    assert len(parts.intake.sent) == 1


NESTED = b'{"object":"whatsapp_business_account","entry":' + b"[" * 5000 + b"]" * 5000 + b"}"
UNREADABLE = [
    (b"{not json", "not_json: line 1 column 2"),
    (b"\xff\xfe", "not_utf8"),
    (b"[1, 2]", "unreadable: body is not an object"),
    (b'"text"', "unreadable: body is not an object"),
    (b"null", "unreadable: body is not an object"),
    (NESTED, "too_deep"),
    (b"[" * 5000 + b"]" * 5000, "too_deep"),
    (b'{"object":"whatsapp_business_account","entry":NaN}', "not_json"),
    (b'{"object":"whatsapp_business_account","entry":Infinity}', "not_json"),
    (b'{"object":"whatsapp_business_account","entry":' + b"9" * 5000 + b"}", "not_json"),
    (b'{"object":"whatsapp_business_account","entry":5}', "unreadable: entry must be a list"),
    (b'{"object":"whatsapp_business_account","entry":true}', "unreadable: entry must be a list"),
    (b'{"object":"whatsapp_business_account","entry":[{"changes":7}]}', "unreadable: entry[0]"),
    (b'{"object":"whatsapp_business_account","entry":[{"changes":[false]}]}', "unreadable: entry[0].changes[0]"),
    (
        b'{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":3}]}]}',
        "unreadable: entry[0].changes[0].value",
    ),
    (b'{"object":"page","entry":[]}', "unreadable: object is not whatsapp_business_account"),
]


@pytest.mark.parametrize(("body", "reason"), UNREADABLE)
def test_signed_body_we_cannot_read_is_acknowledged_and_parked_whole(parts: Parts, body: bytes, reason: str) -> None:
    outcome = parts.post(body)
    assert (outcome.reply.status, outcome.reply.body, outcome.outcome) == (200, {"status": "parked"}, "parked")
    [(channel, parked, parked_reason, request_id)] = parts.intake.parked
    assert (channel, parked, request_id) == ("whatsapp", body, "req-1")
    assert parked_reason.startswith(reason)
    assert parts.intake.sent == []


def test_a_body_over_the_size_limit_is_parked_unread(parts: Parts) -> None:
    body = b'{"object":"whatsapp_business_account","entry":[],"pad":"' + b"x" * MAX_BODY_BYTES + b'"}'
    outcome = parts.post(body)
    assert outcome.outcome == "parked"
    assert parts.intake.parked[0][2].startswith("too_large")


def test_a_gate_that_raises_never_becomes_a_5xx() -> None:
    def broken(payload: Any) -> bool:
        raise KeyError("bug")

    parts = Parts(ChannelWebhook("whatsapp", WHATSAPP.handshake, WHATSAPP.verify, broken))
    outcome = parts.post(load_raw("whatsapp/text_urgent.json"))
    assert (outcome.reply.status, outcome.outcome) == (200, "parked")
    assert parts.intake.parked[0][2] == "unreadable: gate_error: KeyError"


def test_a_gate_may_answer_a_plain_bool() -> None:
    spec = ChannelWebhook("whatsapp", None, WHATSAPP.verify, lambda payload: bool(payload.get("keep")))
    assert spec.relevance({"keep": 1}) == RELEVANT
    assert spec.relevance({}) == IGNORED
    assert Parts(spec).hook.handshake({}).reply.status == 405


@pytest.mark.parametrize("name", ["whatsapp/statuses_only.json", "whatsapp/echo_from_business_app.json"])
def test_deliveries_without_citizen_messages_are_acknowledged_not_enqueued(parts: Parts, name: str) -> None:
    outcome = parts.post(load_raw(name))
    assert (outcome.reply.status, outcome.reply.body, outcome.outcome) == (200, {"status": "ignored"}, "ignored")
    assert (parts.intake.sent, parts.intake.parked) == ([], [])


def test_depth_check_ignores_brackets_inside_strings() -> None:
    deep_text = json.dumps({"text": "[" * 500 + "{" * 500, "escaped": '\\"[[[[' * 50})
    assert not too_deep(deep_text)
    assert too_deep("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert not too_deep("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert not too_deep("[]" * 10_000)  # many brackets, shallow


def test_read_json_reads_what_platforms_send() -> None:
    payload, problem = read_json(load_raw("whatsapp/batch_mixed.json"))
    assert problem == ""
    assert payload["object"] == "whatsapp_business_account"


# Any JSON value, in any place a gate looks: gates are total functions.
ODD_VALUES: list[Any] = [None, True, False, 0, -1, 1.5, "", "x", [], [None], {}, {"x": 1}, [[[]]], [{"changes": None}]]


def _shapes() -> list[Any]:
    shapes: list[Any] = list(ODD_VALUES)
    for value in ODD_VALUES:
        for obj in ("whatsapp_business_account", "instagram", "page", None):
            shapes.append({"object": obj, "entry": value})
            shapes.append({"object": obj, "entry": [value]})
            shapes.append(
                {"object": obj, "entry": [{"id": value, "time": value, "changes": value, "messaging": value}]}
            )
            shapes.append({"object": obj, "entry": [{"changes": [value], "messaging": [value]}]})
            shapes.append({"object": obj, "entry": [{"changes": [{"field": value, "value": {"item": value}}]}]})
            shapes.append(
                {
                    "object": obj,
                    "entry": [{"changes": [{"field": "feed", "value": {"item": "comment", "verb": value}}]}],
                }
            )
            for field in ("messages", "comments", "live_comments", "mentions", "feed"):
                shapes.append({"object": obj, "entry": [{"changes": [{"field": field, "value": value}]}]})
                shapes.append({"object": obj, "entry": [{"changes": [{"field": field, "value": {"messages": value}}]}]})
                shapes.append(
                    {
                        "object": obj,
                        "entry": [{"id": "1", "changes": [{"field": field, "value": {k: value for k in FIELDS}}]}],
                    }
                )
            shapes.append({"object": obj, "entry": [{"id": "1", "messaging": [{k: value for k in FIELDS}]}]})
            shapes.append(
                {"object": obj, "entry": [{"id": "1", "messaging": [{"sender": {"id": "2"}, "message": value}]}]}
            )
            shapes.append(
                {
                    "object": obj,
                    "entry": [
                        {"id": "1", "messaging": [{"sender": {"id": "2"}, "message": {k: value for k in FIELDS}}]}
                    ],
                }
            )
    return shapes


FIELDS = (
    "text",
    "mid",
    "is_echo",
    "is_deleted",
    "attachments",
    "from",
    "id",
    "item",
    "verb",
    "message",
    "sender",
    "recipient",
    "post_id",
    "comment_id",
    "parent_id",
    "media",
    "messages",
    "statuses",
    "reaction",
    "read",
)


@pytest.mark.parametrize("channel", registry.names())
def test_every_channel_gate_is_total(channel: str) -> None:
    spec = registry.webhook(channel)
    for shape in _shapes():
        answer = spec.relevance(shape)
        assert isinstance(answer, Relevance)


def test_unreadable_and_constants() -> None:
    assert unreadable("why") == Relevance(False, "why")
    assert RELEVANT.relevant and not IGNORED.relevant and not IGNORED.unreadable


def test_raw_body_decodes_base64_exactly() -> None:
    body = '{"t":"caf\u00e9 \u2603"}'.encode()
    assert raw_body({"body": base64.b64encode(body).decode(), "isBase64Encoded": True}) == body
    assert raw_body({"body": body.decode(), "isBase64Encoded": False}) == body
    assert raw_body({"body": "%%%", "isBase64Encoded": True}) == b""
    assert raw_body({"body": "\ud800", "isBase64Encoded": False}) == b"\xed\xa0\x80"  # lone surrogate: no crash
    assert raw_body({}) == b""


@pytest.mark.parametrize("channel", ["whatsapp", "instagram", "facebook"])
def test_meta_parsers_are_total_too(channel: str) -> None:
    from aduan.errors import InvalidPayload

    parse = registry.parser(channel)
    for shape in _shapes():
        try:
            result = parse(json.dumps(shape))
        except InvalidPayload:
            continue
        assert all(r.path for r in result.rejected)
