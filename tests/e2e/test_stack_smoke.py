"""Smoke test of the local stack over HTTP: it starts, answers Meta's handshake, and the outbox tool runs."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.e2e.conftest import RunningStack

pytestmark = pytest.mark.e2e


def get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


def handshake_url(stack: RunningStack, token: str, challenge: str = "1158201444") -> str:
    query = urllib.parse.urlencode({"hub.mode": "subscribe", "hub.verify_token": token, "hub.challenge": challenge})
    return f"{stack.webhook_url}?{query}"


def test_handshake_with_the_right_token_echoes_the_challenge(stack: RunningStack) -> None:
    status, _content_type, body = get(handshake_url(stack, stack.verify_token))
    assert (status, body) == (200, "1158201444")


def test_handshake_with_a_wrong_token_is_refused(stack: RunningStack) -> None:
    status, _content_type, body = get(handshake_url(stack, "not-the-token"))
    assert status == 403
    assert "1158201444" not in body


def test_unknown_route_is_a_gateway_404(stack: RunningStack) -> None:
    status, content_type, body = get(f"{stack.api_url}/no/such/route")
    assert (status, json.loads(body)) == (404, {"message": "Not Found"})
    assert content_type == "application/json"


def test_outbox_command_runs(stack: RunningStack) -> None:
    outbox = stack.outbox()
    assert set(outbox) == {"sms", "emails", "replies"}
    assert isinstance(outbox["sms"], list)
    assert isinstance(outbox["emails"], list)
    assert isinstance(outbox["replies"], list)


def test_secrets_from_the_environment_are_never_printed(stack: RunningStack) -> None:
    output = stack.output()
    assert "Aduan local stack is running" in output
    assert stack.app_secret not in output
    assert stack.verify_token not in output
