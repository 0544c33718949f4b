"""Citizens hear back, in moto with the template's wiring and the embedded platform endpoint in-process:
receipts on each channel, at most once per ticket event (redelivery, crash after send), refusals recorded,
transient failures retried, status on demand with `cek`, ratings stored without reopening."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest

from aduan.adapters.replies_store import ReplyStore
from aduan.adapters.workflow_store import WorkflowStore
from aduan.channels import registry
from aduan.domain.sla import SlaPolicy
from aduan.domain.workflow import Action, Subject
from aduan.models import utcnow
from aduan.services import reply_settings
from aduan.services.replies import Replier, RetryLater
from aduan.services.workflow import WorkflowService
from aduan.store import TicketStore, from_item
from devstack.api import Router, build_http_event
from devstack.platforms import STATE, Fault, PlatformEndpoint
from tests import replies_support as fresh
from tests.integration.conftest import Deployed
from tests.integration.test_whatsapp_flow import sms_sent

FUNCTIONS = {
    "whatsapp": "WhatsAppWebhookFunction",
    "instagram": "InstagramWebhookFunction",
    "facebook": "FacebookWebhookFunction",
    "x": "XWebhookFunction",
    "tiktok": "TikTokWebhookFunction",
}
CITIZEN = "6281200000101"  # the sample report's sender


class InjectedCrash(RuntimeError):
    """Stands for the execution environment dying between sending and recording."""


@dataclass
class Replies:
    deployed: Deployed
    endpoint: PlatformEndpoint
    monkeypatch: pytest.MonkeyPatch
    pollers: dict[str, Any] = field(default_factory=dict)

    @property
    def table(self) -> str:
        return self.deployed.env["TABLE_NAME"]

    def deliver(self, channel: str, body: bytes) -> None:
        path = f"/webhooks/{channel}"
        match = Router(r for f in self.deployed.stack.functions() for r in f.routes).match("POST", path)
        assert match is not None
        spec = registry.webhook(channel)
        assert spec.sign is not None
        headers = spec.sign(body, self.deployed.secrets_of(channel)["signing_secret"], time.time())
        event = build_http_event(
            method="POST",
            raw_path=path,
            raw_query="",
            headers=[("host", "localhost:3000"), *headers.items(), ("content-length", str(len(body)))],
            body=body,
            match=match,
        )
        assert self.deployed.invoke(FUNCTIONS[channel], event)["statusCode"] == 200
        # An invocation sets its function's variables, the template's empty base URL among them.
        self.monkeypatch.setenv("PLATFORM_API_BASE_URL", self.endpoint.url)

    def settle(self) -> None:
        """Normalizer, notifier, tracker and replier until none has anything left."""
        tracker = self.pollers.setdefault("tracker", self.deployed.stream_poller("SlaTrackerFunction"))
        replier = self.pollers.setdefault("replier", self.deployed.sqs_poller("ReplierFunction"))
        for _ in range(30):
            self.deployed.drain()
            if tracker.poll_once() == 0 and replier.poll_once() == 0:
                return
        raise AssertionError("the event sources did not settle")

    def upstream(self) -> None:
        """Everything before the replier: normalizer, notifier, tracker."""
        tracker = self.pollers.setdefault("tracker", self.deployed.stream_poller("SlaTrackerFunction"))
        for _ in range(30):
            self.deployed.drain()
            if tracker.poll_once() == 0:
                return
        raise AssertionError("the event sources did not settle")

    def sent(self) -> list[dict[str, Any]]:
        return STATE.entries("replies")["replies"]

    def tickets(self) -> list[dict[str, Any]]:
        items = self.deployed.client("dynamodb").scan(TableName=self.table)["Items"]
        return [from_item(i) for i in items if i["sk"]["S"] == "TICKET"]

    def ledger(self, ticket_no: str) -> list[dict[str, Any]]:
        return ReplyStore(self.table).replies(ticket_no)

    def audit(self, ticket_no: str, event: str) -> list[dict[str, Any]]:
        trail = WorkflowStore(self.table).audit_trail(Subject.ticket(ticket_no))
        return [a for a in trail if a["event"] == event]

    def act(self, ticket_no: str, action: Action, **kwargs: Any) -> None:
        service = WorkflowService(WorkflowStore(self.table), TicketStore(self.table), SlaPolicy())
        service.act(ticket_no, action, actor="lowokwaru-01", **kwargs)

    def queued_events(self) -> list[str]:
        """What is waiting on the reply queue (bodies), without taking it."""
        sqs = self.deployed.client("sqs")
        url = self.deployed.env["REPLY_QUEUE_URL"]
        found = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0).get("Messages", [])
        return [m["Body"] for m in found]

    def enqueue(self, body: str) -> None:
        self.deployed.client("sqs").send_message(QueueUrl=self.deployed.env["REPLY_QUEUE_URL"], MessageBody=body)

    def fault(self, host: str, path: str, status: int, body: Any, count: int = 1) -> None:
        with STATE.lock:
            STATE.faults.append(Fault(host, path, "POST", status, body, count))


@pytest.fixture
def rp(deployed: Deployed, monkeypatch: pytest.MonkeyPatch) -> Iterator[Replies]:
    STATE.reset()
    endpoint = PlatformEndpoint(port=0)
    endpoint.start()
    monkeypatch.setenv("PLATFORM_API_BASE_URL", endpoint.url)
    reply_settings.reset()
    yield Replies(deployed, endpoint, monkeypatch)
    endpoint.stop()
    STATE.reset()
    reply_settings.reset()


def only_ticket(rp: Replies) -> str:
    [ticket] = rp.tickets()
    return str(ticket["ticket_no"])


# ---------------------------------------------------------------- receipts
def test_a_whatsapp_report_gets_one_receipt_with_its_number_and_110_for_darurat(rp: Replies) -> None:
    rp.deliver("whatsapp", fresh.whatsapp())
    rp.settle()
    ticket_no = only_ticket(rp)
    [receipt] = rp.sent()
    assert receipt["channel"] == "whatsapp" and receipt["to"] == CITIZEN
    assert ticket_no in receipt["text"] and f"cek {ticket_no}" in receipt["text"]
    assert "jika nyawa terancam, hubungi 110" in receipt["text"].lower()
    [entry] = rp.ledger(ticket_no)
    assert entry["status"] == "sent" and entry["kind"] == "receipt" and entry["detail"]["platform_message_id"]
    [audit] = rp.audit(ticket_no, "ticket.replied")
    assert audit["details"]["outcome"] == "sent" and audit["details"]["kind"] == "receipt"


def test_redelivering_the_report_or_the_event_sends_no_second_receipt(rp: Replies) -> None:
    body = fresh.whatsapp()
    rp.deliver("whatsapp", body)
    rp.settle()
    ticket_no = only_ticket(rp)
    rp.deliver("whatsapp", body)  # the platform redelivers the report
    rp.settle()
    [event] = [e for e in _created_events(rp) if e["ticket_no"] == ticket_no]
    rp.enqueue(json.dumps(event))  # the topic delivers the ticket event again
    rp.enqueue(json.dumps(event))
    rp.settle()
    assert len(rp.sent()) == 1 and len(rp.tickets()) == 1
    assert len(rp.audit(ticket_no, "ticket.replied")) == 1


def _created_events(rp: Replies) -> list[dict[str, Any]]:
    from tests.integration.test_whatsapp_flow import topic_messages

    events = [json.loads(m[1]) for m in topic_messages(rp.deployed, "TICKET_EVENTS_TOPIC_ARN")]
    return [e for e in events if e.get("type") == "ticket.created" and e.get("event_id")]


def test_an_instagram_comment_gets_one_private_reply_and_nothing_more_until_the_citizen_answers(rp: Replies) -> None:
    rp.deliver("instagram", fresh.instagram_comment(comment_id="17900000000000777"))
    rp.settle()
    ticket_no = only_ticket(rp)
    [reply] = rp.sent()
    assert (reply["channel"], reply["to"], reply["recipient"]) == ("instagram", "17900000000000777", "comment_id")
    assert f"cek {ticket_no}" in reply["text"]  # the only message: it must say how to follow the ticket
    rp.act(ticket_no, Action.ACK)
    rp.settle()
    assert len(rp.sent()) == 1
    ack = [e for e in rp.ledger(ticket_no) if e["kind"] == "acknowledged"]
    assert [(e["status"], e["detail"]["reason"]) for e in ack] == [("forbidden", "private_reply_used")]


def test_an_x_mention_gets_a_public_reply_with_the_number_only(rp: Replies) -> None:
    rp.deliver("x", fresh.x_mention())
    rp.settle()
    ticket_no = only_ticket(rp)
    [reply] = rp.sent()
    assert reply["mode"] == "public_reply" and reply["to"] == "2861405512094337025"  # the mention
    assert reply["text"] == f"Nomor tiket: {ticket_no}"
    rp.act(ticket_no, Action.ACK)
    rp.settle()
    assert len(rp.sent()) == 1
    [ack] = [e for e in rp.ledger(ticket_no) if e["kind"] == "acknowledged"]
    assert ack["detail"]["reason"] == "public_thread_number_only"


def test_ack_and_resolve_each_send_one_message_and_only_the_public_part_of_the_note(rp: Replies) -> None:
    rp.deliver("whatsapp", fresh.whatsapp())
    rp.settle()
    ticket_no = only_ticket(rp)
    rp.act(ticket_no, Action.ACK)
    rp.settle()
    note = "Pelaku a.n. Budi (35) diamankan, korban di RSSA.\nPublik: Pelaku sudah diamankan. Terima kasih."
    rp.act(ticket_no, Action.RESOLVE, note=note)
    rp.settle()
    texts = [r["text"] for r in rp.sent()]
    assert len(texts) == 4  # receipt, acknowledged, resolved, rating request
    assert "sudah diterima petugas" in texts[1]
    assert "Pelaku sudah diamankan" in texts[2] and "Budi" not in texts[2] and "RSSA" not in texts[2]
    assert "1 (buruk) sampai 5" in texts[3]


# ---------------------------------------------------------------- refusals and failures
def test_a_refusal_is_recorded_and_the_other_replies_of_the_batch_go_out(rp: Replies) -> None:
    rp.fault(
        "graph.facebook.com",
        r"/v21\.0/.*/messages",
        400,
        {"error": {"message": "Recipient not on WhatsApp", "type": "OAuthException", "code": 131026}},
    )
    rp.deliver("whatsapp", fresh.whatsapp(message_id="wamid.first"))
    rp.deliver(
        "whatsapp", fresh.whatsapp("ada maling motor di sukun", message_id="wamid.second", sender="6281200000202")
    )
    rp.settle()
    outcomes = sorted(e["status"] for t in rp.tickets() for e in rp.ledger(t["ticket_no"]))
    assert outcomes == ["refused", "sent"] and len(rp.sent()) == 1
    [refused] = [e for t in rp.tickets() for e in rp.ledger(t["ticket_no"]) if e["status"] == "refused"]
    assert refused["detail"]["code"] == "131026"
    assert rp.queued_events() == []  # nothing left to retry: a refusal never fails the batch


def test_a_transient_failure_is_retried_and_sent_once(rp: Replies) -> None:
    rp.fault("graph.facebook.com", r"/v21\.0/.*/messages", 503, {"error": {"code": 2, "type": "OAuthException"}}, -1)
    rp.deliver("whatsapp", fresh.whatsapp())
    rp.upstream()
    replier = rp.pollers.setdefault("replier", rp.deployed.sqs_poller("ReplierFunction"))
    assert replier.poll_once() == 1  # three attempts in the invocation, then the record is left to retry
    ticket_no = only_ticket(rp)
    assert rp.sent() == [] and rp.ledger(ticket_no) == []  # released, not recorded: the record is retried
    with STATE.lock:
        STATE.faults.clear()
    rp.settle()
    assert len(rp.sent()) == 1 and [e["status"] for e in rp.ledger(ticket_no)] == ["sent"]


def test_crash_after_send_before_record_never_sends_twice(rp: Replies, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fault injection: the platform accepted the receipt, then the attempt died before recording it."""
    rp.deliver("whatsapp", fresh.whatsapp())
    rp.upstream()
    [body] = rp.queued_events()
    event = json.loads(body)
    clock = Clock(utcnow())
    replier = Replier(ReplyStore(rp.table), reply_settings.channels(reply_settings.read()), clock=clock)
    real_record = ReplyStore.record

    def crash(self: ReplyStore, *args: Any, **kwargs: Any) -> None:
        raise InjectedCrash("died after the platform accepted the message")

    monkeypatch.setattr(ReplyStore, "record", crash)
    with pytest.raises(InjectedCrash):
        replier.handle(event)
    monkeypatch.setattr(ReplyStore, "record", real_record)
    assert len(rp.sent()) == 1

    clock.advance(seconds=30)  # redelivered while the dead attempt's lease still runs
    with pytest.raises(RetryLater):
        replier.handle(event)
    clock.advance(minutes=3)  # after the lease: it may have been sent, so it is recorded, not resent
    [outcome] = replier.handle(event)
    assert outcome.outcome == "uncertain"
    assert replier.handle(event)[0].outcome == "duplicate"
    ticket_no = event["ticket_no"]
    assert len(rp.sent()) == 1
    assert [e["status"] for e in rp.ledger(ticket_no)] == ["uncertain"]
    assert [a["details"]["outcome"] for a in rp.audit(ticket_no, "ticket.replied")] == ["uncertain"]


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


# ---------------------------------------------------------------- cek and ratings
def test_cek_answers_the_filer_with_details_and_anyone_else_with_open_or_closed(rp: Replies) -> None:
    rp.deliver("whatsapp", fresh.whatsapp())
    rp.settle()
    ticket_no = only_ticket(rp)
    sms_before = len(sms_sent(rp.deployed))
    typed = ticket_no.replace("-", "").lower().replace("0", "o").replace("1", "i")
    rp.deliver("whatsapp", fresh.whatsapp(f"CEK {typed}", message_id="wamid.cek1"))
    rp.deliver("whatsapp", fresh.whatsapp(f"cek {ticket_no}", message_id="wamid.cek2", sender="6281200000999"))
    rp.deliver("whatsapp", fresh.whatsapp(f"cek {ticket_no}", message_id="wamid.cek2", sender="6281200000999"))
    rp.settle()
    # SQS keeps no order between the two requests: tell the answers apart by their recipient.
    [owner] = [r for r in rp.sent()[1:] if r["to"] == CITIZEN]
    [other] = [r for r in rp.sent()[1:] if r["to"] == "6281200000999"]
    assert owner["to"] == CITIZEN and owner["text"].startswith(f"Status tiket {ticket_no}: ") and "WIB" in owner["text"]
    assert other["to"] == "6281200000999" and other["text"] == f"Tiket {ticket_no} masih terbuka."
    assert len(rp.sent()) == 3  # the redelivered `cek` is answered once
    [ticket] = rp.tickets()  # never a ticket, never a follow-up, never an alert
    assert len(ticket["messages"]) == 1 and len(sms_sent(rp.deployed)) == sms_before


def test_a_rating_answer_is_stored_and_never_reopens_or_alerts(rp: Replies) -> None:
    rp.deliver("whatsapp", fresh.whatsapp())
    rp.settle()
    ticket_no = only_ticket(rp)
    rp.act(ticket_no, Action.RESOLVE, note="Publik: sudah ditangani")
    rp.settle()
    sms_before, sent_before = len(sms_sent(rp.deployed)), len(rp.sent())
    rp.deliver("whatsapp", fresh.whatsapp("5", message_id="wamid.rating"))
    rp.deliver("whatsapp", fresh.whatsapp("5", message_id="wamid.rating"))
    rp.settle()
    assert ReplyStore(rp.table).rating(ticket_no) == 5
    [ticket] = rp.tickets()
    assert ticket["status"] == "selesai" and len(ticket["messages"]) == 1
    assert len(sms_sent(rp.deployed)) == sms_before and len(rp.sent()) == sent_before
    assert [a["details"]["rating"] for a in rp.audit(ticket_no, "ticket.rated")] == [5]


def test_tiktok_replies_go_to_the_conversation_and_stop_at_10_per_window(rp: Replies) -> None:
    rp.deliver("tiktok", fresh.tiktok())
    rp.settle()
    ticket_no = only_ticket(rp)
    [receipt] = rp.sent()
    assert (receipt["channel"], receipt["to"]) == ("tiktok", "u5JhpselBAhoPOlnH0tZ9y07kg==")
    [ticket] = rp.tickets()
    window = datetime.fromisoformat(ticket["last_message_at"].replace("Z", "+00:00")).isoformat()
    quota = {"pk": {"S": "QUOTA#tiktok#u5JhpselBAhoPOlnH0tZ9y07kg=="}, "sk": {"S": window}}
    item = rp.deployed.client("dynamodb").get_item(TableName=rp.table, Key=quota)["Item"]
    assert item["used"] == {"N": "1"}
    rp.deployed.client("dynamodb").update_item(
        TableName=rp.table,
        Key=quota,
        UpdateExpression="SET used = :ten",
        ExpressionAttributeValues={":ten": {"N": "10"}},
    )  # nine more messages went out in this window
    rp.act(ticket_no, Action.ACK)
    rp.settle()
    assert len(rp.sent()) == 1
    [ack] = [e for e in rp.ledger(ticket_no) if e["kind"] == "acknowledged"]
    assert (ack["status"], ack["detail"]["reason"]) == ("forbidden", "window_limit")
