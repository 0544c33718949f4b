"""The channel watchdog end to end, on a local stack of its own with `SLA_SPEEDUP=60` (a real minute of quiet
weighs an hour; the watchdog runs every 5 s, the platform checks every 60 s).

With a week of seeded delivery history (`python -m devstack.parity --seed-channels`, the rhythm `make parity
SEED=1` writes), WhatsApp, the busiest channel at every hour, stops receiving while Instagram keeps receiving
: the watchdog publishes WhatsApp's
silence on the operations topic (read through the stack's outbox) and Instagram stays healthy. (Deliveries
the webhooks drop, such as statuses or reactions, are not counted: the deliveries here are one citizen's
routine messages on each channel, which join that citizen's one ticket.) Meanwhile X's
subscription is made to fail at the embedded platform endpoint and the hourly check publishes that alarm too.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from aduan.domain import watchdog as rules
from aduan.signatures import meta_signature
from devstack.outbox import read_outbox
from devstack.seed import local_secrets
from tests.e2e.conftest import RunningStack
from tests.e2e.test_whatsapp_e2e import delivery as whatsapp_delivery
from tests.e2e.test_workflow_e2e import fast_stack, http, token_for  # noqa: F401 - the module's own stack
from tests.support import load_event

pytestmark = pytest.mark.e2e
SPEEDUP = 60
SILENCED, KEPT = "whatsapp", "instagram"
CITIZEN = {"whatsapp": f"62813{uuid.uuid4().int % 10**8:08d}", "instagram": f"1790{uuid.uuid4().int % 10**12:012d}"}
CHATTER = "Mohon info jam pelayanan SKCK di Polresta, terima kasih pak"


def payload(channel: str) -> bytes:
    """A citizen's routine message (a new id each time: the same citizen's thread, no emergency)."""
    if channel == "whatsapp":
        return whatsapp_delivery(CITIZEN[channel], f"wamid.{uuid.uuid4().hex}", CHATTER)
    data = load_event("instagram/text_follow_up.json")
    entry = data["entry"][0]["messaging"][0]
    entry["sender"]["id"] = CITIZEN[channel]
    entry["timestamp"] = int(time.time() * 1000)
    entry["message"] = {"mid": f"aWdf{uuid.uuid4().hex}", "text": CHATTER}
    return json.dumps(data, separators=(",", ":")).encode()


def deliver(stack: RunningStack, channel: str) -> None:
    """One signed delivery the normalizer counts for the watchdog."""
    body = payload(channel)
    secret = local_secrets(channel, stack.env())["signing_secret"]
    request = urllib.request.Request(
        f"{stack.api_url}/webhooks/{channel}",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "X-Hub-Signature-256": meta_signature(body, secret)},
    )
    with urllib.request.urlopen(request, timeout=15) as response:
        assert response.status == 200


def ops_messages(stack: RunningStack) -> list[dict[str, Any]]:
    _, published = read_outbox(stack.aws_endpoint, topic="OpsTopic")
    return [json.loads(message.message) for message in published]


def health(stack: RunningStack, token: str) -> dict[str, dict[str, Any]]:
    status, body = http("GET", f"{stack.api_url}/api/channels/health", token)
    assert status == 200, body
    return {entry["channel"]: entry for entry in json.loads(body)["channels"]}


def platform_url(stack: RunningStack) -> str:
    state = json.loads((stack.log_path.parent / "state" / "stack.json").read_text())
    return str(state["platform_url"])


def parse(moment: str) -> datetime:
    return datetime.fromisoformat(moment.replace("Z", "+00:00"))


def test_a_silent_channel_raises_the_alarm_a_receiving_one_stays_healthy_and_a_failing_subscription_too(
    fast_stack: RunningStack,  # noqa: F811
) -> None:
    stack = fast_stack
    token = token_for(stack, "polresta-01")  # piket
    stop_kept, stop_silenced = threading.Event(), threading.Event()

    def keep_delivering(channel: str, stop: threading.Event) -> None:
        while not stop.is_set():
            deliver(stack, channel)
            stop.wait(2)  # a 2-minute gap at SPEEDUP=60: far below either channel's silence threshold

    threads = [
        threading.Thread(target=keep_delivering, args=(KEPT, stop_kept), daemon=True),
        threading.Thread(target=keep_delivering, args=(SILENCED, stop_silenced), daemon=True),
    ]
    for thread in threads:
        thread.start()
    try:
        request = urllib.request.Request(
            f"{platform_url(stack)}/platforms.local/subscriptions",
            data=json.dumps({"channel": "x", "active": False}).encode(),
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
        # Both channels receive; a week of history and more makes their rhythm known.
        seeded = stack.run_tool("devstack.parity", "--seed-channels", "--days", "8", "--endpoint", stack.aws_endpoint)
        assert seeded.returncode == 0, seeded.stderr
        print(seeded.stdout.strip())

        def both_healthy() -> dict[str, dict[str, Any]] | None:
            channels = health(stack, token)
            judged = [channels[c] for c in (SILENCED, KEPT)]
            ok = all(c["rhythm_known"] and c["checks"].get("silence", {}).get("failing") is False for c in judged)
            return channels if ok else None

        channels = stack.wait_for(both_healthy, timeout=90, interval=2)
        healthy_at = max(parse(channels[c]["checks"]["silence"]["checked_at"]) for c in (SILENCED, KEPT))
        rate = channels[SILENCED]["expected_per_hour_now"]
        assert rate > 0

        # WhatsApp goes quiet; its rhythm expects `rate` deliveries an hour now, an hour is a minute here.
        stop_silenced.set()
        threads[1].join(timeout=20)
        quiet_from, quiet_at = time.monotonic(), datetime.now(UTC)
        bound = 30 + 1.5 * 60 * max(rules.SILENCE_EXPECTED / rate, rules.MIN_SILENCE.total_seconds() / 3600)

        def silence_alarm() -> dict[str, Any] | None:
            return next(
                (
                    m
                    for m in ops_messages(stack)
                    if (m["channel"], m["check"], m["failing"]) == (SILENCED, "silence", True)
                    and parse(m["at"]) > quiet_at
                ),
                None,
            )

        alarm = stack.wait_for(silence_alarm, timeout=bound, interval=1)
        print(
            f"{SILENCED} silent: alarm {time.monotonic() - quiet_from:.0f} s after its last delivery "
            f"(rhythm now {rate:.1f} an hour, SLA_SPEEDUP={SPEEDUP}): {alarm['detail']}"
        )
        assert alarm["value"] >= rules.SILENCE_EXPECTED

        # A watchdog run after the alarm: WhatsApp still silent, Instagram (receiving all along) healthy.
        def judged_after_alarm() -> dict[str, dict[str, Any]] | None:
            channels = health(stack, token)
            checks = [channels[c]["checks"]["silence"] for c in (SILENCED, KEPT)]
            return channels if all(parse(c["checked_at"]) > parse(alarm["at"]) for c in checks) else None

        channels = stack.wait_for(judged_after_alarm, timeout=30, interval=1)
        assert channels[SILENCED]["status"] == "gagal" and channels[SILENCED]["checks"]["silence"]["failing"]
        assert channels[KEPT]["checks"]["silence"]["failing"] is False
        # (From the moment both were judged healthy: before, the pipeline's start-up lag may weigh as an hour.)
        assert not [
            m
            for m in ops_messages(stack)
            if (m["channel"], m["check"], m["failing"]) == (KEPT, "silence", True) and parse(m["at"]) > healthy_at
        ]

        # The failing X subscription (checked every 60 s here).
        def subscription_alarm() -> dict[str, Any] | None:
            return next(
                (
                    m
                    for m in ops_messages(stack)
                    if (m["channel"], m["check"], m["failing"]) == ("x", "subscription", True)
                ),
                None,
            )

        subscription = stack.wait_for(subscription_alarm, timeout=120, interval=2)
        assert "invalid" in subscription["detail"]
        assert health(stack, token)["x"]["status"] == "gagal"
    finally:
        stop_kept.set()
        stop_silenced.set()
        for thread in threads:
            thread.join(timeout=20)
