"""The Meta webhook core, with the secret store and the queue replaced by in-memory fakes."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from aduan.channels.whatsapp.webhook import is_citizen_delivery
from aduan.signatures import meta_signature
from aduan.webhook import MetaWebhook, raw_body
from tests.support import load_raw

SECRET = "s3cret"
TOKEN = "verify-me"


class FakeSecrets:
    def __init__(self) -> None:
        self.values = {"/app-secret": SECRET, "/verify-token": TOKEN}
        self.calls: list[tuple[str, bool]] = []

    def __call__(self, name: str, force: bool) -> str:
        self.calls.append((name, force))
        return self.values[name]


class FakeQueue:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str, str]] = []

    def __call__(self, channel: str, body: str, received_at: str, request_id: str) -> str:
        self.sent.append((channel, body, received_at, request_id))
        return f"msg-{len(self.sent)}"


@pytest.fixture
def parts() -> tuple[MetaWebhook, FakeSecrets, FakeQueue, list[float]]:
    secrets, queue, clock = FakeSecrets(), FakeQueue(), [1000.0]
    hook = MetaWebhook(
        "whatsapp", "/app-secret", "/verify-token", secrets, queue, is_citizen_delivery, clock=lambda: clock[0]
    )
    return hook, secrets, queue, clock


def test_handshake_echoes_the_challenge(parts: Any) -> None:
    hook, *_ = parts
    reply = hook.handshake({"hub.mode": "subscribe", "hub.verify_token": TOKEN, "hub.challenge": "1158201444"})
    assert (reply.status, reply.body) == (200, "1158201444")
    assert reply.is_text


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"}, 403),
        ({"hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "1"}, 403),
        ({"hub.mode": "unsubscribe", "hub.verify_token": TOKEN, "hub.challenge": "1"}, 400),
        ({"hub.mode": "subscribe", "hub.verify_token": TOKEN}, 400),
    ],
)
def test_handshake_refusals(parts: Any, query: dict[str, str], status: int) -> None:
    hook, *_ = parts
    reply = hook.handshake(query)
    assert reply.status == status
    assert reply.body != "1"


def test_signed_delivery_is_enqueued_verbatim(parts: Any) -> None:
    hook, _, queue, _ = parts
    body = load_raw("whatsapp/text_urgent.json")
    reply, outcome = hook.deliver(body, {"x-hub-signature-256": meta_signature(body, SECRET)}, "req-1")
    assert (reply.status, outcome) == (200, "accepted")
    [(channel, sent_body, received_at, request_id)] = queue.sent
    assert (channel, sent_body, request_id) == ("whatsapp", body.decode(), "req-1")
    assert received_at.endswith("+00:00")


@pytest.mark.parametrize(
    ("headers", "error"),
    [({}, "missing_signature"), ({"x-hub-signature-256": "sha256=" + "0" * 64}, "invalid_signature")],
)
def test_unsigned_or_badly_signed_delivery_is_rejected_and_not_enqueued(
    parts: Any, headers: dict[str, str], error: str
) -> None:
    hook, _, queue, _ = parts
    reply, _ = hook.deliver(load_raw("whatsapp/text_urgent.json"), headers, "req")
    assert reply.status == 401
    assert reply.body["error"] == error
    assert queue.sent == []


def test_bad_signature_rereads_a_rotated_secret_at_most_once_a_minute(parts: Any) -> None:
    hook, secrets, queue, clock = parts
    body = load_raw("whatsapp/text_urgent.json")
    secrets.values["/app-secret"] = "rotated"
    reply, _ = hook.deliver(body, {"x-hub-signature-256": meta_signature(body, "rotated")}, "r")
    assert reply.status == 200  # the cached value was stale; it matched after one forced re-read
    bad = {"x-hub-signature-256": meta_signature(body, "attacker")}
    forced_before = sum(1 for _, force in secrets.calls if force)
    hook.deliver(body, bad, "r")
    hook.deliver(body, bad, "r")
    assert sum(1 for _, force in secrets.calls if force) == forced_before + 1
    clock[0] += 61
    hook.deliver(body, bad, "r")
    assert sum(1 for _, force in secrets.calls if force) == forced_before + 2
    assert len(queue.sent) == 1


@pytest.mark.parametrize(
    ("body", "message"), [(b"{not json", "line 1 column 2"), (b"\xff\xfe", "not UTF-8"), (b"[1, 2]", "JSON object")]
)
def test_malformed_body_gets_400_with_a_reason(parts: Any, body: bytes, message: str) -> None:
    hook, _, queue, _ = parts
    reply, outcome = hook.deliver(body, {"x-hub-signature-256": meta_signature(body, SECRET)}, "r")
    assert (reply.status, outcome) == (400, "malformed")
    assert reply.body["error"] == "malformed_body"
    assert message in reply.body["message"]
    assert queue.sent == []


@pytest.mark.parametrize("name", ["whatsapp/statuses_only.json", "whatsapp/echo_from_business_app.json"])
def test_deliveries_without_citizen_messages_are_acknowledged_not_enqueued(parts: Any, name: str) -> None:
    hook, _, queue, _ = parts
    body = load_raw(name)
    reply, outcome = hook.deliver(body, {"x-hub-signature-256": meta_signature(body, SECRET)}, "r")
    assert (reply.status, reply.body, outcome) == (200, {"status": "ignored"}, "ignored")
    assert queue.sent == []


def test_raw_body_decodes_base64_exactly() -> None:
    body = '{"t":"caf\u00e9 \u2603"}'.encode()
    assert raw_body({"body": base64.b64encode(body).decode(), "isBase64Encoded": True}) == body
    assert raw_body({"body": body.decode(), "isBase64Encoded": False}) == body
    assert raw_body({"body": "%%%", "isBase64Encoded": True}) == b""
    assert raw_body({}) == b""
