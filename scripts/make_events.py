"""Regenerate the Lambda events in `events/lambda/` from the platform deliveries in `events/whatsapp/`.

The events are what `sam local invoke -e` and the tests feed to the handlers. HTTP events are built by the
local stack's own API Gateway event builder and signed with the local default app secret, so
`sam local invoke WhatsAppWebhookFunction -e events/lambda/whatsapp_delivery.json --env-vars devstack/env.json`
passes signature verification against a stack seeded with the defaults. `--check` fails if the committed
files differ from what would be generated (CI runs it).
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aduan.channels.whatsapp.parser import parse
from aduan.intake import Envelope
from aduan.signatures import meta_signature
from aduan.store import ticket_to_item
from aduan.tickets import open_ticket
from devstack.api import RouteMatch, Router, build_http_event
from devstack.cfn import Stack, load_template
from devstack.seed import DEFAULT_APP_SECRET, DEFAULT_VERIFY_TOKEN

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "events" / "lambda"
FIXED_NOW = datetime(2026, 11, 28, 2, 5, 0, tzinfo=UTC)
REQUEST_ID = "Aduan-sample-request="
ACCOUNT = "123456789012"


def _route(router: Router, method: str, path: str) -> RouteMatch:
    match = router.match(method, path)
    if match is None:
        raise SystemExit(f"template.yaml has no route {method} {path}")
    return match


def compact(name: str) -> bytes:
    """A sample delivery as Meta sends it: compact JSON with escaped unicode."""
    data = json.loads((ROOT / "events" / "whatsapp" / name).read_text())
    return json.dumps(data, separators=(",", ":"), ensure_ascii=True).encode()


def build() -> dict[str, Any]:
    stack = Stack(load_template())
    router = Router(r for f in stack.functions() for r in f.routes)
    events: dict[str, Any] = {}
    path = "/webhooks/whatsapp"
    events["whatsapp_handshake.json"] = build_http_event(
        method="GET",
        raw_path=path,
        raw_query=f"hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={DEFAULT_VERIFY_TOKEN}",
        headers=[("host", "localhost:3000"), ("user-agent", "facebookplatform/1.0 (+http://developers.facebook.com)")],
        body=b"",
        match=_route(router, "GET", path),
        request_id=REQUEST_ID,
        now=FIXED_NOW,
    )
    body = compact("text_urgent.json")
    headers = [
        ("host", "localhost:3000"),
        ("user-agent", "facebookexternalua"),
        ("content-type", "application/json"),
        ("x-hub-signature-256", meta_signature(body, DEFAULT_APP_SECRET)),
        ("content-length", str(len(body))),
    ]
    post = _route(router, "POST", path)
    events["whatsapp_delivery.json"] = build_http_event(
        method="POST",
        raw_path=path,
        raw_query="",
        headers=headers,
        body=body,
        match=post,
        request_id=REQUEST_ID,
        now=FIXED_NOW,
    )
    encoded = dict(events["whatsapp_delivery.json"])
    encoded["body"] = base64.b64encode(body).decode()
    encoded["isBase64Encoded"] = True
    events["whatsapp_delivery_base64.json"] = encoded

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
    return events


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
