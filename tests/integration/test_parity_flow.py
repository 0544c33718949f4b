"""Engagement, parity and the channel watchdog in moto, through the template's own wiring, against the
embedded platform endpoint (in this process, on a free port)."""

from __future__ import annotations

import dataclasses
import json
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.sns.models import sns_backends

from aduan.adapters.channel_stats import ChannelStats
from aduan.adapters.engagement_store import EngagementStore
from aduan.adapters.parity_store import ParityStore
from aduan.channels.x import webhook as x
from aduan.domain import watchdog as rules
from aduan.models import utcnow
from aduan.services.engagement import EngagementSampler
from aduan.services.parity import ParityService
from aduan.store import TicketStore, from_item
from devstack.api import Router, build_http_event
from devstack.platforms import STATE, PlatformEndpoint
from tests.integration.conftest import Deployed
from tests.support import load_raw

EXTRA_ENV: dict[str, dict[str, str]] = {}


@pytest.fixture
def platform(deployed: Deployed, monkeypatch: pytest.MonkeyPatch) -> Iterator[PlatformEndpoint]:
    """The embedded platform endpoint; every function of the stack gets its URL, as in the local stack."""
    STATE.reset()
    EXTRA_ENV.clear()
    server = PlatformEndpoint(port=0)
    server.start()
    monkeypatch.setenv("PLATFORM_API_BASE_URL", server.url)
    real = deployed.stack.function

    def with_platform(logical_id: str) -> Any:
        spec = real(logical_id)
        extra = {"PLATFORM_API_BASE_URL": server.url, **EXTRA_ENV.get(logical_id, {})}
        return dataclasses.replace(spec, environment={**spec.environment, **extra})

    monkeypatch.setattr(deployed.stack, "function", with_platform)
    yield server
    server.stop()
    STATE.reset()


def control(platform: PlatformEndpoint, path: str, body: dict[str, Any]) -> None:
    import urllib.request

    request = urllib.request.Request(
        f"{platform.url}/platforms.local/{path}", data=json.dumps(body).encode(), method="POST"
    )
    with urllib.request.urlopen(request) as reply:
        assert reply.status == 200


def http(deployed: Deployed, method: str, path: str, *, query: str = "", body: bytes = b"", headers=(), who=None):
    match = Router(r for f in deployed.stack.functions() for r in f.routes).match(method, path)
    assert match is not None, f"template.yaml has no route {method} {path}"
    event = build_http_event(
        method=method,
        raw_path=path,
        raw_query=query,
        headers=[("host", "localhost:3000"), *headers],
        body=body,
        match=match,
    )
    if who is not None:
        event["requestContext"]["authorizer"] = {"jwt": {"claims": who, "scopes": None}}
    return deployed.invoke(match.route.function, event)


def post_x(deployed: Deployed, body: bytes) -> None:
    name = deployed.stack.function("XWebhookFunction").environment["SIGNING_SECRET_PARAM"]
    secret = deployed.client("ssm").get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]
    reply = http(deployed, "POST", "/webhooks/x", body=body, headers=list(x.sign(body, secret, time.time()).items()))
    assert reply["statusCode"] == 200


def mention(post_id: str, author: str, likes: int) -> bytes:
    """The canonical urgent X mention as another post by another citizen, with the delivery's own counts."""
    data = json.loads(load_raw("x/text_urgent.json"))
    payload = data["data"]["payload"]
    payload["id"] = payload["conversation_id"] = post_id
    payload["edit_history_tweet_ids"] = [post_id]
    payload["author_id"] = author
    payload["public_metrics"]["like_count"] = likes
    data["data"]["event_uuid"] = post_id
    data["data"]["includes"]["users"][0]["id"] = author
    return json.dumps(data).encode()


def sms(deployed: Deployed) -> list[tuple[str, str]]:
    return list(sns_backends[DEFAULT_ACCOUNT_ID][deployed.stack.region].sms_messages.values())


def claims(user: str, *groups: str) -> dict[str, Any]:
    return {"username": user, "cognito:groups": "[" + " ".join(groups) + "]", "client_id": "local"}


def tickets(deployed: Deployed) -> dict[str, dict[str, Any]]:
    items = deployed.client("dynamodb").scan(TableName=deployed.env["TABLE_NAME"])["Items"]
    found = [from_item(i) for i in items if i["sk"]["S"] == "TICKET"]
    return {t["messages"][0]["platform_message_id"]: t for t in found}


def test_zero_and_fifty_thousand_likes_get_the_same_priority_and_alerts(
    deployed: Deployed, platform: PlatformEndpoint
) -> None:
    quiet, viral = "2861405512094339001", "2861405512094339002"
    control(platform, "engagement", {"channel": "x", "id": viral, "counts": {"likes": 50_000, "reposts": 9_000}})
    post_x(deployed, mention(quiet, "1720000000000000901", 0))
    post_x(deployed, mention(viral, "1720000000000000902", 50_000))
    deployed.drain()
    by_post = tickets(deployed)
    a, b = by_post[quiet], by_post[viral]
    assert (a["triage"]["priority"], a["triage"]["category"], a["triage"]["area"]) == (
        b["triage"]["priority"],
        b["triage"]["category"],
        b["triage"]["area"],
    )
    sent = sms(deployed)

    def alerts(ticket_no: str) -> list[tuple[str, str]]:
        return sorted(
            (phone, re.sub(r"/a/\S+", "/a/<link>", text.replace(ticket_no, "<no>")))
            for phone, text in sent
            if ticket_no in text
        )

    assert alerts(a["ticket_no"]) and alerts(a["ticket_no"]) == alerts(b["ticket_no"])

    # First sight: the ticket-events topic feeds the engagement queue; the samples are the tickets' own items.
    engagement = deployed.sqs_poller("EngagementFirstSightFunction")
    while engagement.poll_once():
        pass
    store = EngagementStore(deployed.env["TABLE_NAME"])
    [quiet_sample] = store.samples(a["ticket_no"])
    [viral_sample] = store.samples(b["ticket_no"])
    assert (quiet_sample.sample, quiet_sample.counts.likes) == ("first", 0)
    assert (viral_sample.counts.likes, viral_sample.counts.reposts, viral_sample.counts.score) == (
        50_000,
        9_000,
        59_000,
    )
    assert viral_sample.counts.views == 0
    ticket_items = {
        n: deployed.client("dynamodb").get_item(
            TableName=deployed.env["TABLE_NAME"], Key={"pk": {"S": f"TICKET#{n}"}, "sk": {"S": "TICKET"}}
        )
        for n in (a["ticket_no"], b["ticket_no"])
    }
    assert all("engagement" not in json.dumps(item).lower() for item in ticket_items.values())

    # Nothing the samples wrote reaches the notifier: no new alert, no new ticket version.
    versions = {n: tickets(deployed)[p]["version"] for n, p in ((a["ticket_no"], quiet), (b["ticket_no"], viral))}
    deployed.drain()
    assert sms(deployed) == sent
    assert {
        n: tickets(deployed)[p]["version"] for n, p in ((a["ticket_no"], quiet), (b["ticket_no"], viral))
    } == versions

    # The 1 h and 24 h samples come from the due-time index, exactly once each, then the schedule is gone.
    created = datetime.fromisoformat(b["created_at"])
    control(platform, "engagement", {"channel": "x", "id": viral, "counts": {"likes": 80_000}})
    tokens = {"x": "aduan-local-x-access-token"}
    for offset, expected in ((timedelta(hours=1, seconds=5), "1h"), (timedelta(hours=24, seconds=5), "24h")):
        sampler = EngagementSampler(
            store, TicketStore(deployed.env["TABLE_NAME"]), tokens.get, lambda offset=offset: created + offset
        )
        result = sampler.sweep()
        assert result.taken == 2 and sampler.sweep().due == 0
        assert store.samples(b["ticket_no"])[-1].sample == expected
    assert [s.counts.likes for s in store.samples(b["ticket_no"])] == [50_000, 80_000, 80_000]
    assert store.due(created + timedelta(days=30)) == []

    # A redelivered ticket event schedules nothing twice.
    assert (
        sampler.first_sight({"type": "ticket.created", "ticket_no": b["ticket_no"], "channel": "x", "public": True})
        == "duplicate"
    )

    # The SLA tracker (the stream's second consumer) opens the workflow items and their created audit items.
    tracker = deployed.stream_poller("SlaTrackerFunction")
    while tracker.poll_once():
        pass
    # The parity report sees both, in their buckets. The API serves the report the daily function stored (none
    # before its first run), or one computed for a period asked for, to pimpinan, CSV too, not to a Polsek.
    leader = claims("lowokwaru-kapolsek", "pimpinan")
    missing = http(deployed, "GET", "/api/parity", who=leader)
    assert (missing["statusCode"], json.loads(missing["body"])["error"]) == (404, "not_computed")
    since = (utcnow() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    live = json.loads(http(deployed, "GET", "/api/parity", query=f"from={since}", who=leader)["body"])
    assert live["source"] == "live" and {g["value"]: g["reports"] for g in live["groups"]["bucket"]} == {
        "none": 1,
        "viral": 1,
    }
    assert deployed.invoke("ParityDailyFunction", {})["reports"] == 2
    reply = http(deployed, "GET", "/api/parity", who=leader)
    assert reply["statusCode"] == 200
    body = json.loads(reply["body"])
    assert body["source"] == "stored" and utcnow() - datetime.fromisoformat(body["computed_at"]) < timedelta(minutes=1)
    buckets = {g["value"]: g["reports"] for g in body["groups"]["bucket"]}
    assert buckets == {"none": 1, "viral": 1}
    assert body["parity"] == {**live["parity"]}  # the same figures, stored
    store = ParityStore(deployed.env["TABLE_NAME"])
    late = utcnow() - timedelta(hours=1)  # a computation that started earlier and finished later
    assert store.save(ParityService(store).rolling(late), late) is False
    latest = store.latest()
    assert latest is not None and latest.computed_at == datetime.fromisoformat(body["computed_at"])
    too_long = (utcnow() - timedelta(days=40)).strftime("%Y-%m-%dT%H:%M:%SZ")
    refused = http(deployed, "GET", "/api/parity", query=f"from={too_long}", who=leader)
    assert (refused["statusCode"], json.loads(refused["body"])["error"]) == (400, "invalid_query")
    csv_reply = http(deployed, "GET", "/api/parity.csv", who=claims("polresta-01", "piket"))
    assert csv_reply["statusCode"] == 200 and csv_reply["headers"]["Content-Type"].startswith("text/csv")
    assert csv_reply["body"].startswith("section,dimension,value")
    assert http(deployed, "GET", "/api/parity", who=claims("sukun-01", "polsek_sukun"))["statusCode"] == 403
    bad = http(deployed, "GET", "/api/parity", query="from=yesterday", who=claims("lowokwaru-kapolsek", "pimpinan"))
    assert bad["statusCode"] == 400 and json.loads(bad["body"])["error"] == "invalid_query"


def ops_messages(deployed: Deployed) -> list[dict[str, Any]]:
    backend = sns_backends[DEFAULT_ACCOUNT_ID][deployed.stack.region]
    topic = backend.topics[deployed.env["OPS_TOPIC_ARN"]]
    return [json.loads(sent[1]) for sent in getattr(topic, "sent_notifications", [])]


def test_a_channel_silent_in_its_busy_hour_raises_the_alarm_once(
    deployed: Deployed, platform: PlatformEndpoint
) -> None:
    stats = ChannelStats(deployed.env["TABLE_NAME"])
    now = utcnow()
    # Three weeks of history: Instagram busy at this hour of the week (30 an hour), WhatsApp quiet (1 a day).
    for week in range(1, 4):
        for hours_back in range(0, 3):
            stats.count_delivery("instagram", now - timedelta(weeks=week, hours=hours_back), 30)
    for day in range(1, 22):
        stats.count_delivery("whatsapp", now - timedelta(days=day, hours=5), 1)
    stats.count_delivery("instagram", now - timedelta(minutes=20))  # then nothing for 20 minutes
    stats.count_delivery("whatsapp", now - timedelta(hours=3))
    first = deployed.invoke("WatchdogFunction", {})
    assert first["silence"] == 1
    health = {(h.check, h.failing) for h in stats.health("instagram")}
    assert ("silence", True) in health and ("silence", False) in {
        (h.check, h.failing) for h in stats.health("whatsapp")
    }
    again = deployed.invoke("WatchdogFunction", {})
    assert again["silence"] == 1
    announced = [m for m in ops_messages(deployed) if m.get("check") == "silence"]
    assert [(m["channel"], m["failing"]) for m in announced] == [("instagram", True)]  # once, not per run
    # It speaks again: the next run clears the check and says so once.
    stats.count_delivery("instagram", utcnow())
    assert deployed.invoke("WatchdogFunction", {})["silence"] == 0
    announced = [m for m in ops_messages(deployed) if m.get("check") == "silence"]
    assert [(m["channel"], m["failing"]) for m in announced] == [("instagram", True), ("instagram", False)]


def test_x_crc_is_recorded_by_the_webhook_and_a_failing_subscription_raises_its_alarm(
    deployed: Deployed, platform: PlatformEndpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    reply = http(deployed, "GET", "/webhooks/x", query="crc_token=abc")
    assert reply["statusCode"] == 200
    stats = ChannelStats(deployed.env["TABLE_NAME"])
    last = stats.last_crc("x")
    assert last is not None and utcnow() - last < timedelta(minutes=1)

    assert deployed.invoke("PlatformHealthFunction", {}).get("subscription", 0) == 0
    control(platform, "subscriptions", {"channel": "x", "active": False})
    assert deployed.invoke("PlatformHealthFunction", {})["subscription"] == 1
    [message] = [m for m in ops_messages(deployed) if m.get("check") == "subscription"]
    assert message["channel"] == "x" and message["failing"] is True and "invalid" in message["detail"]
    [state] = [h for h in stats.health("x") if h.check == "subscription"]
    assert state.failing

    # The console's view of it.
    health = json.loads(http(deployed, "GET", "/api/channels/health", who=claims("polresta-01", "piket"))["body"])
    x_health = next(c for c in health["channels"] if c["channel"] == "x")
    assert x_health["status"] == "gagal" and x_health["checks"]["subscription"]["failing"] is True


def test_meta_subscription_and_token_expiry_are_checked_with_the_app_token(
    deployed: Deployed, platform: PlatformEndpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    EXTRA_ENV["PlatformHealthFunction"] = {"META_APP_ID": "1234567890"}
    soon = int((utcnow() + timedelta(days=3)).timestamp())
    control(
        platform,
        "tokens",
        {"token": "aduan-local-facebook-access-token", "expires_at": 0, "data_access_expires_at": soon},
    )
    control(platform, "subscriptions", {"channel": "instagram", "active": False})
    result = deployed.invoke("PlatformHealthFunction", {})
    assert result == {"subscription": 1, "token": 1}
    stats = ChannelStats(deployed.env["TABLE_NAME"])
    states = {(h.check, h.failing) for channel in ("facebook", "instagram") for h in stats.health(channel)}
    assert ("token", True) in states and ("subscription", True) in states
    [token] = [h for h in stats.health("facebook") if h.check == "token"]
    assert token.value is not None and 2.5 < token.value < 3.5


def test_rules_with_the_speedup_make_a_minute_of_quiet_weigh_an_hour() -> None:
    now = datetime(2026, 11, 27, 12, 30, tzinfo=UTC)  # a Friday, 19:30 WIB
    counts = {now.replace(minute=0) - timedelta(weeks=w): 12 for w in range(1, 4)}
    rhythm = rules.learn(counts, now)
    assert rhythm.known and rhythm.rate(now) == pytest.approx(12 / 1)
    assert not rules.silence(rhythm, now - timedelta(minutes=2), now).failing
    assert rules.silence(rhythm, now - timedelta(minutes=2), now, speedup=60).failing


def test_the_parity_and_health_api_runs_the_account_gate(deployed: Deployed) -> None:
    from aduan.api import parity as parity_api
    from aduan.api import services as api_services
    from aduan.services import settings as workflow_settings

    for reset in (workflow_settings.reset, api_services.reset, parity_api.reset):
        reset()
    deployed.invoke("ParityDailyFunction", {})  # the stored report the API serves
    piket = claims("polresta-01", "piket")
    for path in ("/api/parity", "/api/parity.csv", "/api/channels/health"):
        assert http(deployed, "GET", path, who=piket)["statusCode"] == 200, path
    commander = claims("pawas-siang", "piket", "pimpinan")  # the seed enrolled the leaders' authenticators
    assert http(deployed, "GET", "/api/channels/health", who=commander)["statusCode"] == 200
    # A pimpinan account without an authenticator, and then a disabled officer's unexpired token.
    newcomer = claims("sukun-kanit", "pimpinan", "polsek_sukun")
    reply = http(deployed, "GET", "/api/parity", who=newcomer)
    assert (reply["statusCode"], json.loads(reply["body"])["error"]) == (403, "mfa_required")
    assert http(deployed, "DELETE", "/api/roster/polresta-01", who=commander)["statusCode"] == 200
    for path in ("/api/parity", "/api/parity.csv", "/api/channels/health"):
        reply = http(deployed, "GET", path, who=piket)
        assert (reply["statusCode"], json.loads(reply["body"])["error"]) == (403, "account_disabled"), path
    for reset in (workflow_settings.reset, api_services.reset, parity_api.reset):
        reset()
