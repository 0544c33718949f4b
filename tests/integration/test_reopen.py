"""After resolution: a citizen's follow-up (reopen or remark), the answer-time metrics and the retention purge,
through the webhook, normalizer, notifier and tracker (moto)."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest

from aduan.adapters.sns import SnsMessenger
from aduan.adapters.workflow_store import WorkflowStore
from aduan.domain.workflow import Action, IllegalTransition, Subject
from aduan.models import TicketStatus
from aduan.services.reopen import Reopener
from aduan.services.retention import Purger
from aduan.services.tracker import Tracker
from aduan.store import RosterStore, TicketStore
from tests.duty import DutyWindow
from tests.integration.test_whatsapp_flow import _text_delivery, post, sms_sent, topic_messages
from tests.integration.test_workflow import Workflow, wf  # noqa: F401 (the fixture)

DUTY = DutyWindow()


def follow_up(flow: Workflow, message_id: str, text: str) -> None:
    post(flow.deployed, _text_delivery(message_id, text, int(time.time())))
    flow.deployed.drain()
    flow.track()


def resolve(flow: Workflow, ticket_no: str) -> None:
    flow.service.act(ticket_no, Action.ACK, actor="lowokwaru-01")
    flow.service.act(ticket_no, Action.RESOLVE, actor="lowokwaru-01", note="Korban sudah dibawa ke RSSA")
    flow.track()


def test_a_follow_up_that_adds_to_the_report_reopens_and_alerts_again(wf: Workflow) -> None:  # noqa: F811
    ticket_no = wf.report()
    resolve(wf, ticket_no)
    before = len(sms_sent(wf.deployed))

    follow_up(wf, "wamid.again", "Pak pelakunya datang lagi, sekarang bawa celurit")

    ticket = wf.tickets.get_ticket(ticket_no)
    state = wf.store.get(Subject.ticket(ticket_no))
    assert ticket is not None and ticket.status is TicketStatus.BARU and len(ticket.messages) == 2
    assert state is not None and state.status is TicketStatus.BARU and state.step == 0
    assert state.acknowledged_by is None and state.escalation_due is not None  # the SLA clock runs again
    [reopened] = wf.audit(ticket_no, "ticket.reopened")
    assert reopened["actor"] == "warga" and reopened["from_status"] == "selesai"
    events = [json.loads(m[1]) for m in topic_messages(wf.deployed, "TICKET_EVENTS_TOPIC_ARN")]
    assert [e["actor"] for e in events if e["type"] == "ticket.reopened"] == ["warga"]

    again = sms_sent(wf.deployed)[before:]
    phones = sorted(phone for phone, _ in again)
    assert phones in DUTY.phones("polresta", "lowokwaru")  # the unit on duty and the desk, once each
    assert all(text.startswith(f"ADUAN DIBUKA LAGI DARURAT {ticket_no} ") and len(text) <= 160 for _, text in again)
    assert all("pelakunya" in text and "/a/" in text for _, text in again)  # the new message, the ack link

    # A retried stream record (or a second tracker) alerts nobody twice and reopens once.
    messenger = SnsMessenger(wf.deployed.env["ALERTS_TOPIC_ARN"], wf.deployed.env["TICKET_EVENTS_TOPIC_ARN"])
    reopener = Reopener(wf.service, RosterStore(wf.deployed.env["TABLE_NAME"]).officers, wf.links, messenger)
    assert reopener.handle(ticket) == []
    assert len(sms_sent(wf.deployed)) == before + len(again)
    assert len(wf.audit(ticket_no, "ticket.reopened")) == 1


def test_thanks_and_a_rating_after_resolution_never_reopen(wf: Workflow) -> None:  # noqa: F811
    ticket_no = wf.report()
    resolve(wf, ticket_no)
    before = len(sms_sent(wf.deployed))

    follow_up(wf, "wamid.thanks", "Terima kasih banyak pak 🙏")
    follow_up(wf, "wamid.rating", "5")

    ticket = wf.tickets.get_ticket(ticket_no)
    assert ticket is not None and ticket.status is TicketStatus.SELESAI
    # The thank-you is kept with the ticket; the rating is stored as its rating by the replier's path.
    assert [m.text for m in ticket.messages[1:]] == ["Terima kasih banyak pak 🙏"]
    state = wf.store.get(Subject.ticket(ticket_no))
    assert state is not None and state.status is TicketStatus.SELESAI and state.escalation_due is None
    assert wf.audit(ticket_no, "ticket.reopened") == []
    assert len(sms_sent(wf.deployed)) == before


def test_answer_times_are_emitted_once_per_transition(wf: Workflow, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    ticket_no = wf.report()
    capsys.readouterr()
    resolve(wf, ticket_no)  # acknowledged, then resolved
    documents = [json.loads(line) for line in capsys.readouterr().out.splitlines() if '"TimeTo' in line]
    names = [next(k for k in d if k.startswith("TimeTo")) for d in documents]
    assert sorted(names) == ["TimeToAcknowledge", "TimeToResolve"]
    for document in documents:
        [directive] = document["_aws"]["CloudWatchMetrics"]
        assert set(directive["Dimensions"][0]) >= {"priority", "channel", "unit"}
        assert (document["priority"], document["channel"], document["unit"]) == ("darurat", "whatsapp", "lowokwaru")

    # The same audit items read again (a retried stream batch): nothing more.
    tracker = Tracker(
        wf.service,
        SnsMessenger(wf.deployed.env["ALERTS_TOPIC_ARN"], wf.deployed.env["TICKET_EVENTS_TOPIC_ARN"]),
        metrics=lambda s: None,
    )
    trail = wf.store.audit_trail(Subject.ticket(ticket_no))
    assert sum(tracker.measure(item["sk"], item) for item in trail) == 0


def test_the_retention_purge_removes_personal_data_once_and_keeps_the_trail(wf: Workflow) -> None:  # noqa: F811
    old = wf.report()
    resolve(wf, old)
    finished = wf.store.get(Subject.ticket(old)).finished_at  # type: ignore[union-attr]
    assert finished is not None
    table = wf.deployed.env["TABLE_NAME"]
    purger = Purger(
        WorkflowStore(table),
        TicketStore(table),
        retention_days=30,
        clock=lambda: finished + timedelta(days=30, seconds=1),
    )
    early = Purger(
        WorkflowStore(table), TicketStore(table), retention_days=30, clock=lambda: finished + timedelta(days=29)
    )
    assert early.run().purged == []  # not yet

    result = purger.run()
    assert result.purged == [old] and purger.run().purged == []  # once: it left the closed queue
    ticket = TicketStore(table).get_ticket(old)
    assert ticket is not None and ticket.citizen.platform_id == "dihapus" and not any(m.text for m in ticket.messages)
    assert ticket.triage.category == "kecelakaan" and ticket.status is TicketStatus.SELESAI
    [purged] = wf.audit(old, "ticket.purged")
    assert purged["actor"] == "sistem" and purged["details"]["retention_days"] == 30
    assert {"ticket.created", "ticket.acknowledged", "ticket.resolved"} <= {a["event"] for a in wf.audit(old)}
    state = wf.store.get(Subject.ticket(old))
    assert state is not None and state.purged_at is not None and state.snippet is None and state.location is None
    assert wf.store.queue_page(queue="purged").items[0].ticket_no == old
    with pytest.raises(IllegalTransition) as refused:
        wf.service.act(old, Action.REOPEN, actor="polresta-01")
    assert refused.value.code == "purged"
    wf.track()  # the purge's ticket change moves nothing back
    assert wf.store.get(Subject.ticket(old)).purged_at is not None  # type: ignore[union-attr]
