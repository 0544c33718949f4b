"""Citizens hear back, over HTTP against the local stack: receipts on WhatsApp, Instagram and X, no second
receipt for a redelivered report, one message each for acknowledging and resolving, `cek` answered.

What the stack sent is read from `GET /_local/outbox` (`replies`: what the embedded platform endpoint
accepted). Each test uses its own citizen and message ids: the stack is shared with the other e2e modules.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
import uuid
from typing import Any

from aduan.channels import registry
from tests import replies_support as fresh
from tests.e2e.conftest import RunningStack
from tests.e2e.test_workflow_e2e import http, token_for


def post(stack: RunningStack, channel: str, body: bytes) -> int:
    spec = registry.webhook(channel)
    assert spec.sign is not None
    request = urllib.request.Request(
        f"{stack.api_url}{spec.path}",
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            **spec.sign(body, stack.channel_secrets[channel]["signing_secret"], time.time()),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def outbox(stack: RunningStack) -> dict[str, Any]:
    with urllib.request.urlopen(f"{stack.api_url}/_local/outbox", timeout=15) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


def replies_to(stack: RunningStack, to: str) -> list[dict[str, Any]]:
    return [r for r in outbox(stack)["replies"] if r["to"] == to]


def number(text: str) -> str:
    return text.split("Nomor tiket: ", 1)[1][:7]


def test_whatsapp_receipt_redelivery_ack_resolve_and_cek(stack: RunningStack) -> None:
    citizen = "62812" + str(uuid.uuid4().int)[:8]
    body = fresh.whatsapp(sender=citizen, message_id=f"wamid.e2e-{uuid.uuid4().hex}")
    started = time.monotonic()
    assert post(stack, "whatsapp", body) == 200
    [receipt] = stack.wait_for(lambda: replies_to(stack, citizen), timeout=60, interval=0.1)
    elapsed = time.monotonic() - started
    print(f"\nWhatsApp report to receipt on the local stack: {elapsed:.2f} s")  # the figure, not an assertion
    ticket_no = number(receipt["text"])
    assert f"cek {ticket_no}" in receipt["text"] and "hubungi 110" in receipt["text"]

    assert post(stack, "whatsapp", body) == 200  # the platform redelivers the report
    assert (
        post(
            stack,
            "whatsapp",
            fresh.whatsapp(f"cek {ticket_no}", sender=citizen, message_id=f"wamid.{uuid.uuid4().hex}"),
        )
        == 200
    )
    stack.wait_for(lambda: any("Status tiket" in r["text"] for r in replies_to(stack, citizen)), timeout=60)
    texts = [r["text"] for r in replies_to(stack, citizen)]
    assert sum("Nomor tiket" in t for t in texts) == 1  # no second receipt
    [status] = [t for t in texts if t.startswith("Status tiket")]
    assert status.startswith(f"Status tiket {ticket_no}: sudah kami terima")

    token = token_for(stack, "lowokwaru-01")
    assert http("POST", f"{stack.api_url}/api/tickets/{ticket_no}/ack", token=token)[0] == 200
    stack.wait_for(lambda: any("diterima petugas" in r["text"] for r in replies_to(stack, citizen)), timeout=60)
    note = {"note": "Korban a.n. Sari dibawa ke RSSA.\nPublik: Korban sudah ditangani petugas."}
    assert http("POST", f"{stack.api_url}/api/tickets/{ticket_no}/resolve", token=token, body=note)[0] == 200
    stack.wait_for(lambda: any("1 (buruk)" in r["text"] for r in replies_to(stack, citizen)), timeout=60)
    texts = [r["text"] for r in replies_to(stack, citizen)]
    assert sum("diterima petugas" in t for t in texts) == 1
    [resolved] = [t for t in texts if "selesai ditangani" in t]
    assert "Korban sudah ditangani petugas" in resolved and "Sari" not in resolved
    assert sum("1 (buruk)" in t for t in texts) == 1


def test_an_instagram_comment_gets_a_private_reply(stack: RunningStack) -> None:
    comment = "179" + str(uuid.uuid4().int)[:14]
    author = "179" + str(uuid.uuid4().int)[:13]
    assert post(stack, "instagram", fresh.instagram_comment(comment_id=comment, author=author)) == 200
    [reply] = stack.wait_for(lambda: replies_to(stack, comment), timeout=60)
    assert (reply["channel"], reply["recipient"], reply["mode"]) == ("instagram", "comment_id", "private_reply")
    assert "cek " in reply["text"]


def test_an_x_mention_gets_a_public_reply_with_the_number_only(stack: RunningStack) -> None:
    post_id = "28614" + str(uuid.uuid4().int)[:14]
    assert post(stack, "x", fresh.x_mention(post_id=post_id)) == 200
    [reply] = stack.wait_for(lambda: replies_to(stack, post_id), timeout=60)
    assert reply["mode"] == "public_reply"
    assert reply["text"].startswith("Nomor tiket: ") and len(reply["text"]) == len("Nomor tiket: K7M-4QX")
