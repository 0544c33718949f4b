"""Evidence end to end on the local stack: a WhatsApp photo and an Instagram DM image land in the evidence
bucket soon after their ticket, with the hash in the audit trail; the officer API gives a working link to an
officer of the ticket's Polsek and 403 to another Polsek's officer."""

from __future__ import annotations

import hashlib
import json
import time
import urllib.error
import urllib.request
import uuid
from typing import TYPE_CHECKING, Any

import boto3
import pytest

from devstack.platforms import media_samples as samples
from devstack.simulate import encode, refresh
from tests.e2e.test_meta_channels_e2e import post as meta_post
from tests.e2e.test_whatsapp_e2e import post as whatsapp_post
from tests.e2e.test_workflow_e2e import token_for
from tests.support import load_event

if TYPE_CHECKING:
    from tests.e2e.conftest import RunningStack

pytestmark = pytest.mark.e2e
#: Correctness, not latency: the figure is printed; a busy machine or an earlier load test can leave a backlog.
WAIT = 120
BUCKET = "aduan-local-evidencebucket"


def _client(stack: RunningStack, service: Any) -> Any:
    return boto3.client(
        service,
        endpoint_url=stack.aws_endpoint,
        region_name="ap-southeast-3",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def _items(stack: RunningStack, pk: str) -> list[dict[str, Any]]:
    from aduan.store import from_item

    got = _client(stack, "dynamodb").query(
        TableName="Table", KeyConditionExpression="pk = :pk", ExpressionAttributeValues={":pk": {"S": pk}}
    )
    return [from_item(i) for i in got["Items"]]


def ticket_of(stack: RunningStack, suffix: str) -> dict[str, Any] | None:
    """The ticket whose citizen's platform id contains `suffix`."""
    from aduan.store import from_item

    items = _client(stack, "dynamodb").scan(
        TableName="Table",
        FilterExpression="sk = :t AND contains(citizen.platform_id, :s)",
        ExpressionAttributeValues={":t": {"S": "TICKET"}, ":s": {"S": suffix}},
    )["Items"]
    return from_item(items[0]) if items else None


def stored(stack: RunningStack, ticket_no: str) -> dict[str, Any] | None:
    records = [i for i in _items(stack, f"TICKET#{ticket_no}") if i["sk"].startswith("EVIDENCE#")]
    return records[0] if records and records[0]["status"] == "stored" else None


def land(stack: RunningStack, suffix: str, channel: str) -> tuple[dict[str, Any], dict[str, Any]]:
    ticket = stack.wait_for(lambda: ticket_of(stack, suffix), WAIT)
    seen = time.monotonic()
    record = stack.wait_for(lambda: stored(stack, ticket["ticket_no"]), WAIT)
    print(f"{channel}: ticket seen to file stored in the evidence bucket: {time.monotonic() - seen:.2f} s")
    return ticket, record


def check_kept(stack: RunningStack, ticket: dict[str, Any], record: dict[str, Any], data: bytes) -> None:
    digest = hashlib.sha256(data).hexdigest()
    assert (record["sha256"], record["size"], record["content_type"]) == (digest, len(data), "image/jpeg")
    obj = _client(stack, "s3").get_object(Bucket=BUCKET, Key=f"tickets/{ticket['ticket_no']}/{digest}")
    assert obj["Body"].read() == data
    audits = [
        i
        for i in _items(stack, f"TICKET#{ticket['ticket_no']}")
        if i["sk"].startswith("AUDIT#") and i["event"] == "ticket.evidence_stored"
    ]
    assert [a["details"]["sha256"] for a in audits] == [digest]


def test_a_whatsapp_photo_lands_in_the_evidence_bucket_with_its_hash_audited(stack: RunningStack) -> None:
    citizen = f"62812{uuid.uuid4().int % 10**8:08d}"  # a fresh citizen: a new conversation, a new ticket
    payload = load_event("whatsapp/photo_plate.json")
    value = payload["entry"][0]["changes"][0]["value"]
    value["contacts"][0]["wa_id"] = value["messages"][0]["from"] = citizen
    body = encode(refresh(payload, suffix=citizen[-6:], shift=int(time.time()) - 1764291000))
    assert whatsapp_post(stack, body)[0] == 200
    ticket, record = land(stack, citizen, "whatsapp")
    check_kept(stack, ticket, record, samples.jpeg())
    assert record["type_check"] == "match" and record["platform_sha256_match"] is True


def test_an_instagram_dm_image_lands_and_only_its_polsek_gets_a_link(stack: RunningStack) -> None:
    suffix = f"e2e{uuid.uuid4().hex[:10]}"
    payload = load_event("instagram/image_attachment.json")
    payload["entry"][0]["messaging"][0]["message"]["text"] = "ini foto motor yang dicuri di depan kampus UB lowokwaru"
    body = encode(refresh(payload, suffix=suffix, shift=int(time.time()) - 1764290090))
    assert meta_post(stack, "instagram", body)[0] == 200
    ticket, record = land(stack, suffix, "instagram")
    check_kept(stack, ticket, record, samples.jpeg())
    area = ticket["area"]
    assert area == "lowokwaru"
    status, listed = api(stack, ticket["ticket_no"], token_for(stack, "lowokwaru-01"))
    assert status == 200
    [entry] = listed["files"]
    assert (entry["content_type"], entry["inline"]) == ("image/jpeg", True)
    with urllib.request.urlopen(entry["url"], timeout=15) as link:
        assert link.read() == samples.jpeg()
    status, refused = api(stack, ticket["ticket_no"], token_for(stack, "sukun-01"))
    assert status == 403 and "url" not in json.dumps(refused)


def api(stack: RunningStack, ticket_no: str, token: str) -> tuple[int, Any]:
    request = urllib.request.Request(
        f"{stack.api_url}/api/tickets/{ticket_no}/evidence", headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
