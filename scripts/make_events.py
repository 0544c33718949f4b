"""Regenerate the Lambda events in `events/lambda/` from the platform deliveries in `events/<channel>/`.

The events are what `sam local invoke -e` and the tests feed to the handlers. For every webhook function in
the template (its channel is its handler, `app.<channel>`): `<channel>_handshake.json` where the platform has
a handshake, and `<channel>_delivery.json` (plus a base64-encoded twin) carrying the channel's
`events/<channel>/text_urgent.json`, signed as the platform signs it with the channel's local default
secret, so `sam local invoke InstagramWebhookFunction -e events/lambda/instagram_delivery.json --env-vars
devstack/env.json` passes verification against a stack seeded with the defaults. HTTP events are built by
the local stack's own API Gateway event builder. `--check` fails if the committed files differ (CI runs it).
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aduan.channels import registry
from aduan.channels.whatsapp.parser import parse
from aduan.intake import Envelope
from aduan.store import ticket_to_item
from aduan.tickets import open_ticket
from devstack.api import RouteMatch, Router, build_http_event
from devstack.cfn import Stack, load_template
from devstack.seed import default_secret, webhook_functions

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "events" / "lambda"
FIXED_NOW = datetime(2026, 11, 28, 2, 5, 0, tzinfo=UTC)
REQUEST_ID = "Aduan-sample-request="
ACCOUNT = "123456789012"
CHALLENGE = "1158201444"
SAMPLE = "text_urgent.json"  # each channel's canonical urgent report


def _route(router: Router, method: str, path: str) -> RouteMatch:
    match = router.match(method, path)
    if match is None:
        raise SystemExit(f"template.yaml has no route {method} {path}")
    return match


def compact(name: str) -> bytes:
    """A sample delivery as Meta sends it: compact JSON with escaped unicode (`name` under `events/`)."""
    path = ROOT / "events" / name
    if "/" not in name:
        path = ROOT / "events" / "whatsapp" / name
    data = json.loads(path.read_text())
    return json.dumps(data, separators=(",", ":"), ensure_ascii=True).encode()


def webhook_events(router: Router, channel: str) -> dict[str, Any]:
    """A channel's handshake and signed delivery, as API Gateway hands them to its function."""
    spec = registry.webhook(channel)
    secrets = {role: default_secret(channel, role) for role in spec.secrets}
    events: dict[str, Any] = {}
    common = [("host", "localhost:3000"), ("user-agent", f"{channel}-webhooks/1.0")]
    if spec.handshake is not None and spec.probe is not None:
        query, _ = spec.probe(secrets, CHALLENGE)
        events[f"{channel}_handshake.json"] = build_http_event(
            method="GET",
            raw_path=spec.path,
            raw_query=urllib.parse.urlencode(query),
            headers=common,
            body=b"",
            match=_route(router, "GET", spec.path),
            request_id=REQUEST_ID,
            now=FIXED_NOW,
        )
    if spec.sign is None:
        raise SystemExit(f"channel {channel} has no sign(): its sample delivery cannot be signed")
    body = compact(f"{channel}/{SAMPLE}")
    signature = spec.sign(body, secrets["signing_secret"], FIXED_NOW.timestamp())
    headers = [
        *common,
        ("content-type", "application/json"),
        *((name.lower(), value) for name, value in signature.items()),
        ("content-length", str(len(body))),
    ]
    delivery = build_http_event(
        method="POST",
        raw_path=spec.path,
        raw_query="",
        headers=headers,
        body=body,
        match=_route(router, "POST", spec.path),
        request_id=REQUEST_ID,
        now=FIXED_NOW,
    )
    events[f"{channel}_delivery.json"] = delivery
    encoded = dict(delivery)
    encoded["body"] = base64.b64encode(body).decode()
    encoded["isBase64Encoded"] = True
    events[f"{channel}_delivery_base64.json"] = encoded
    return events


def build() -> dict[str, Any]:
    stack = Stack(load_template())
    functions = stack.functions()
    router = Router(r for f in functions for r in f.routes)
    events: dict[str, Any] = {}
    for webhook in webhook_functions(functions):
        events.update(webhook_events(router, webhook.channel))
    body = compact("whatsapp/text_urgent.json")

    envelope = Envelope(
        channel="whatsapp",
        received_at=FIXED_NOW.isoformat(timespec="milliseconds"),
        request_id=REQUEST_ID,
        body=body.decode(),
    )
    queue_arn = f"arn:aws:sqs:{stack.region}:{ACCOUNT}:IntakeQueue"
    events["normalizer_intake.json"] = {
        "Records": [
            {
                "messageId": "5f1d7b9a-2f4e-4c1b-9a61-0d2f3c4b5a61",
                "receiptHandle": "AQEBsample==",
                "body": envelope.to_json(),
                "attributes": {
                    "ApproximateReceiveCount": "1",
                    "SentTimestamp": str(int(FIXED_NOW.timestamp() * 1000)),
                    "SenderId": "AROAEXAMPLE:aduan-WhatsAppWebhookFunction",
                    "ApproximateFirstReceiveTimestamp": str(int(FIXED_NOW.timestamp() * 1000)),
                },
                "messageAttributes": {
                    "channel": {
                        "stringValue": "whatsapp",
                        "stringListValues": [],
                        "binaryListValues": [],
                        "dataType": "String",
                    }
                },
                "md5OfBody": "0" * 32,
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": stack.region,
            }
        ]
    }

    message = parse(body).messages[0]
    ticket = open_ticket(message, "K7M-4QX", FIXED_NOW)
    item = ticket_to_item(ticket)
    table_arn = f"arn:aws:dynamodb:{stack.region}:{ACCOUNT}:table/Table"
    events["notifier_ticket_created.json"] = {
        "Records": [
            {
                "eventID": "c81e728d9d4c2f636f067f89cc14862c",
                "eventName": "INSERT",
                "eventVersion": "1.1",
                "eventSource": "aws:dynamodb",
                "awsRegion": stack.region,
                "dynamodb": {
                    "ApproximateCreationDateTime": int(FIXED_NOW.timestamp()),
                    "Keys": {"pk": item["pk"], "sk": item["sk"]},
                    "NewImage": item,
                    "SequenceNumber": "111100000000000000000001",
                    "SizeBytes": len(json.dumps(item)),
                    "StreamViewType": "NEW_AND_OLD_IMAGES",
                },
                "eventSourceARN": f"{table_arn}/stream/2026-11-28T00:00:00.000",
            }
        ]
    }
    events.update(open311_events(router))
    return events


def open311_events(router: Router) -> dict[str, Any]:
    """`POST /open311/v2/requests.json` with `events/open311/request_urgent.json` form-encoded and the local
    default key (`sam local invoke Open311Function -e events/lambda/open311_create_request.json`), and
    `GET services.xml`."""
    from devstack.open311_seed import DEFAULT_API_KEY

    params = json.loads((ROOT / "events" / "open311" / "request_urgent.json").read_text())
    body = urllib.parse.urlencode({"api_key": DEFAULT_API_KEY, **params}).encode()
    common = {"request_id": REQUEST_ID, "now": FIXED_NOW, "account_id": ACCOUNT, "raw_query": ""}
    create = build_http_event(
        method="POST",
        raw_path="/open311/v2/requests.json",
        headers=[
            ("host", "127.0.0.1:3000"),
            ("content-type", "application/x-www-form-urlencoded"),
            ("idempotency-key", "sample-0001"),
        ],
        body=body,
        match=_route(router, "POST", "/open311/v2/requests.json"),
        **common,
    )
    services = build_http_event(
        method="GET",
        raw_path="/open311/v2/services.xml",
        headers=[("host", "127.0.0.1:3000")],
        body=b"",
        match=_route(router, "GET", "/open311/v2/services.xml"),
        **common,
    )
    return {"open311_create_request.json": create, "open311_services.json": services}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if events/lambda is out of date")
    args = parser.parse_args()
    stale = []
    OUT.mkdir(parents=True, exist_ok=True)
    for name, event in build().items():
        text = json.dumps(event, indent=2, ensure_ascii=False) + "\n"
        target = OUT / name
        if args.check:
            if not target.exists() or target.read_text() != text:
                stale.append(name)
        else:
            target.write_text(text)
    if stale:
        print(f"out of date (run `make events`): {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
