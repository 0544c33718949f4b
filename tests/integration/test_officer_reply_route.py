"""`POST /api/tickets/{ticket_no}/reply`: authorised like the other actions, audited, published without its text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

import pytest

from aduan.adapters.sns import SnsMessenger
from aduan.adapters.workflow_store import WorkflowStore
from aduan.api import services as api_services
from aduan.domain.sla import SlaPolicy
from aduan.services import settings as workflow_settings
from aduan.services.escalation import Escalator
from aduan.services.workflow import AckLinks, WorkflowService
from aduan.store import TicketStore
from tests.integration.conftest import Deployed
from tests.integration.test_whatsapp_flow import topic_messages
from tests.integration.test_workflow import BASE_URL, LOWOKWARU, PIKET, SUKUN, Clock, Workflow, call


@pytest.fixture
def wf(deployed: Deployed) -> Iterator[Workflow]:
    table = deployed.env["TABLE_NAME"]
    store, tickets, clock = WorkflowStore(table), TicketStore(table), Clock(datetime.now().astimezone())
    service = WorkflowService(store, tickets, SlaPolicy(), clock=clock)
    links = AckLinks(service, BASE_URL)
    messenger = SnsMessenger(deployed.env["ALERTS_TOPIC_ARN"], deployed.env["TICKET_EVENTS_TOPIC_ARN"])
    escalator = Escalator(store, tickets, links, messenger, SlaPolicy(), clock=clock)
    workflow_settings.reset()
    api_services.reset()
    yield Workflow(deployed, clock, store, tickets, service, links, escalator)
    workflow_settings.reset()
    api_services.reset()


def test_an_officer_reply_is_audited_and_published_for_the_replier_without_its_text(wf: Workflow) -> None:
    ticket_no = wf.report()
    text = "Mohon tunggu, petugas sedang menuju lokasi"
    status, body = call(wf, "POST", f"/api/tickets/{ticket_no.lower()}/reply", who=LOWOKWARU, body={"text": text})
    assert status == 202 and body["ticket_no"] == ticket_no and body["status"] == "accepted"
    [audit] = wf.audit(ticket_no, "ticket.officer_reply")
    assert audit["actor"] == "lowokwaru-01" and audit["details"]["text"] == text

    wf.track()
    events = [json.loads(m[1]) for m in topic_messages(wf.deployed, "TICKET_EVENTS_TOPIC_ARN")]
    [published] = [e for e in events if e.get("type") == "ticket.officer_reply"]
    assert published["ticket_no"] == ticket_no and published["event_id"].startswith(f"{ticket_no}/AUDIT#")
    assert "text" not in published["details"]  # the replier reads it from the audit item
    assert any(e.get("type") == "ticket.created" and e.get("event_id") for e in events)  # the receipt's event


def test_a_reply_needs_a_token_a_text_and_the_right_to_act(wf: Workflow) -> None:
    ticket_no = wf.report()
    assert call(wf, "POST", f"/api/tickets/{ticket_no}/reply", body={"text": "x"})[0] == 401
    status, body = call(wf, "POST", f"/api/tickets/{ticket_no}/reply", who=PIKET, body={"text": "  "})
    assert status == 400 and [f["field"] for f in body["fields"]] == ["text"]
    status, body = call(wf, "POST", f"/api/tickets/{ticket_no}/reply", who=PIKET, body={"text": "a" * 901})
    assert status == 400
    assert call(wf, "POST", f"/api/tickets/{ticket_no}/reply", who=SUKUN, body={"text": "halo"})[0] == 403
    assert call(wf, "POST", "/api/tickets/ZZZ-ZZZ/reply", who=PIKET, body={"text": "halo"})[0] == 404
    assert wf.audit(ticket_no, "ticket.officer_reply") == []
