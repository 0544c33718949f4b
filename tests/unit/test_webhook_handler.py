"""The Lambda side of the webhook glue: routes, reply mapping, errors, and what a function imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from aduan.channels import registry
from aduan.errors import StorageUnavailable
from aduan.webhook import WebhookService
from aduan.webhook_handler import webhook_handler
from tests.support import load_event, load_raw
from tests.unit.test_webhook import FakeIntake

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {"signing_secret": "aduan-local-instagram-app-secret", "verify_token": "aduan-local-instagram-verify-token"}


class Context:
    function_name = "test"
    memory_limit_in_mb = 1024
    invoked_function_arn = "arn:aws:lambda:ap-southeast-3:123456789012:function:test"
    aws_request_id = "req"


def handler_with(channel: str, intake: Any) -> Any:
    handler = webhook_handler(channel)
    handler.service = WebhookService(registry.webhook(channel), lambda role, force: SECRETS[role], intake)
    return handler


def test_post_is_routed_and_mapped(capsys: pytest.CaptureFixture[str]) -> None:
    intake = FakeIntake()
    handler = handler_with("instagram", intake)
    response = handler(load_event("lambda/instagram_delivery.json"), Context())
    assert (response["statusCode"], json.loads(response["body"])) == (200, {"status": "accepted"})
    assert response["headers"]["Content-Type"] == "application/json"
    [(channel, body, _, request_id)] = intake.sent
    assert (channel, request_id) == ("instagram", "Aduan-sample-request=")
    assert json.loads(body) == json.loads(load_raw("instagram/text_urgent.json"))
    out = capsys.readouterr().out
    assert '"Delivery_accepted"' in out and "aduan-webhook-instagram" in out
    assert "1790000000000101" not in out  # no platform id in logs or metrics


def test_handshake_is_plain_text_and_refusals_are_json() -> None:
    handler = handler_with("instagram", FakeIntake())
    event = load_event("lambda/instagram_handshake.json")
    response = handler(event, Context())
    assert (response["statusCode"], response["body"]) == (200, "1158201444")
    assert response["headers"]["Content-Type"].startswith("text/plain")
    event["queryStringParameters"]["hub.verify_token"] = "wrong"
    response = handler(event, Context())
    assert response["statusCode"] == 403 and json.loads(response["body"])["error"] == "invalid_verify_token"


def test_a_parked_body_is_counted(capsys: pytest.CaptureFixture[str]) -> None:
    intake = FakeIntake()
    handler = handler_with("instagram", intake)
    event = load_event("lambda/instagram_delivery.json")
    body = b'{"object":"instagram","entry":7}'
    spec = registry.webhook("instagram")
    assert spec.sign is not None
    event["body"] = body.decode()
    event["headers"].update({k.lower(): v for k, v in spec.sign(body, SECRETS["signing_secret"], 0).items()})
    response = handler(event, Context())
    assert (response["statusCode"], json.loads(response["body"])) == (200, {"status": "parked"})
    assert intake.parked[0][2] == "unreadable: entry must be a list"
    assert '"ParkedBodies"' in capsys.readouterr().out


def test_our_own_storage_failing_fails_the_invocation_so_the_platform_retries() -> None:
    class Down(FakeIntake):
        def enqueue(self, channel: str, body: str, received_at: str, request_id: str) -> str:
            raise StorageUnavailable("queue: ServiceUnavailable")

    handler = handler_with("instagram", Down())
    with pytest.raises(StorageUnavailable):
        handler(load_event("lambda/instagram_delivery.json"), Context())


def test_other_routes_are_not_found() -> None:
    handler = handler_with("instagram", FakeIntake())
    event = load_event("lambda/instagram_delivery.json")
    event["rawPath"] = event["requestContext"]["http"]["path"] = "/webhooks/facebook"
    event["routeKey"] = "POST /webhooks/facebook"
    assert handler(event, Context())["statusCode"] == 404


@pytest.mark.parametrize("channel", ["whatsapp", "instagram", "facebook"])
def test_a_function_imports_only_its_own_channel_and_no_pydantic(channel: str) -> None:
    code = (
        "import sys, app\n"
        f"app.{channel}._build(); app.{channel}.service\n"
        "print(sorted(m for m in sys.modules if m.startswith('aduan.channels.')))\n"
        "print('pydantic' in sys.modules)\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'shared'}{os.pathsep}{ROOT / 'functions' / 'webhooks'}",
        "INTAKE_QUEUE_URL": "q",
        "INTAKE_DLQ_URL": "d",
        "PAYLOAD_BUCKET": "b",
        "SIGNING_SECRET_PARAM": "/s",
        "VERIFY_TOKEN_PARAM": "/v",
        "AWS_DEFAULT_REGION": "ap-southeast-3",
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    modules, pydantic = out.strip().splitlines()
    channels = {m.split(".")[2] for m in eval(modules)}  # noqa: S307 - our own printed list
    assert channels <= {channel, "base", "registry", "meta"}
    assert channel in channels
    assert pydantic == "False"
