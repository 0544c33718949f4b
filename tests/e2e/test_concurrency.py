"""Concurrency through the local stack's HTTP API: hundreds of signed webhook calls at once, no error.

Each invocation runs in its own execution environment (a worker process), so the function's module-level
Powertools objects are never shared by two concurrent calls; this test is the one that once caught a
``SchemaValidationError`` from a shared ``Metrics`` object.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import boto3
import pytest

from aduan.signatures import meta_signature
from devstack import DEFAULT_REGION
from tests.e2e.test_whatsapp_e2e import URGENT, delivery, intake_backlog, sms_for, tickets_of

if TYPE_CHECKING:
    from tests.e2e.conftest import RunningStack

pytestmark = pytest.mark.e2e

CALLS = 200  # deliveries, each from its own citizen
CONCURRENCY = 40  # connections open at once (bounded; 127.0.0.1 only)
TEXT = "selamat siang pak, mau tanya syarat perpanjang SKCK di polresta apa saja ya"


def post(stack: RunningStack, body: bytes) -> tuple[int, Any]:
    """POST a signed delivery; a slow answer on a busy machine is not an error (speed is benchmarked)."""
    request = urllib.request.Request(
        stack.webhook_url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "X-Hub-Signature-256": meta_signature(body, stack.app_secret)},
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def tickets_with_prefix(stack: RunningStack, prefix: str) -> int:
    dynamodb = boto3.client(
        "dynamodb",
        endpoint_url=stack.aws_endpoint,
        region_name=DEFAULT_REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    paginator = dynamodb.get_paginator("scan")
    pages = paginator.paginate(
        TableName="Table",
        FilterExpression="sk = :t AND begins_with(citizen.platform_id, :p)",
        ExpressionAttributeValues={":t": {"S": "TICKET"}, ":p": {"S": prefix}},
    )
    return sum(len(page["Items"]) for page in pages)


def test_hundreds_of_concurrent_webhook_calls_all_succeed(stack: RunningStack) -> None:
    log_start = len(stack.output())
    prefix = "62813" + str(uuid.uuid4().int)[:4]
    bodies = [delivery(f"{prefix}{n:04d}", f"wamid.e2e.burst.{uuid.uuid4().hex}", TEXT) for n in range(CALLS)]
    with ThreadPoolExecutor(CONCURRENCY) as executor:
        replies = list(executor.map(lambda body: post(stack, body), bodies))

    assert [reply for reply in replies if reply != (200, {"status": "accepted"})] == []
    # Every accepted delivery becomes a ticket (one citizen each): nothing lost after the burst.
    stack.wait_for(lambda: intake_backlog(stack) == 0, timeout=300, interval=1)
    assert stack.wait_for(lambda: tickets_with_prefix(stack, prefix) == CALLS, timeout=30, interval=1)
    # Once a later urgent report has its SMS, the notifier has read past every ticket of the burst (its lanes
    # finish what they read before the shard is read again), so the tests after this one find the stack idle.
    marker = f"{prefix}9999"
    assert post(stack, delivery(marker, f"wamid.e2e.burst.{uuid.uuid4().hex}", URGENT))[0] == 200
    [ticket] = stack.wait_for(lambda: tickets_of(stack, marker), timeout=120, interval=1)
    stack.wait_for(lambda: sms_for(stack, ticket["ticket_no"]), timeout=300, interval=2)
    burst_log = stack.output()[log_start:]
    errors = [line for line in burst_log.splitlines() if re.search(r"\bERROR\b|Traceback|SchemaValidationError", line)]
    assert errors == []
