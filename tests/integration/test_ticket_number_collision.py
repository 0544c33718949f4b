"""Ticket numbers are unique because the store reserves them with a conditional write, not by luck."""

from __future__ import annotations

import copy
import json
from datetime import timedelta

import pytest

from aduan import ticket_number
from aduan.channels.whatsapp.parser import parse
from aduan.ingest import Ingestor
from aduan.store import TicketStore
from tests.integration.conftest import Deployed
from tests.integration.test_whatsapp_flow import tickets
from tests.support import load_event


def delivery_from(citizen: str, message_id: str) -> str:
    data = copy.deepcopy(load_event("whatsapp/text_urgent.json"))
    value = data["entry"][0]["changes"][0]["value"]
    value["contacts"][0]["wa_id"] = citizen
    value["messages"][0].update({"from": citizen, "id": message_id})
    return json.dumps(data)


def test_a_drawn_number_that_is_taken_is_drawn_again(deployed: Deployed, monkeypatch: pytest.MonkeyPatch) -> None:
    # The second citizen's first draw repeats the first citizen's number; the conditional put refuses it.
    draws = iter("K7M4QXK7M4QXABC123")
    monkeypatch.setattr(ticket_number.secrets, "choice", lambda alphabet: next(draws))
    ingestor = Ingestor(TicketStore(deployed.env["TABLE_NAME"]), timedelta(hours=24))

    [first] = parse(delivery_from("6281200000111", "wamid.collision.1")).messages
    [second] = parse(delivery_from("6281200000222", "wamid.collision.2")).messages
    assert ingestor.ingest(first).ticket_no == "K7M-4QX"
    assert ingestor.ingest(second).ticket_no == "ABC-123"

    stored = {t["ticket_no"]: t for t in tickets(deployed)}
    assert sorted(stored) == ["ABC-123", "K7M-4QX"]
    assert stored["K7M-4QX"]["citizen"]["platform_id"] == "6281200000111"  # the first ticket was not overwritten
    assert len(stored["K7M-4QX"]["messages"]) == 1
    assert stored["ABC-123"]["citizen"]["platform_id"] == "6281200000222"
    assert next(draws, None) is None
