"""The tracker publishes lifecycle audit items and leaves every other kind of audit item alone."""

from __future__ import annotations

from typing import Any, cast

from aduan.services.tracker import Tracker
from aduan.services.workflow import WorkflowService


class RecordingSink:
    def __init__(self) -> None:
        self.published: list[tuple[dict[str, Any], dict[str, str | list[str]]]] = []

    def publish_event(self, payload: dict[str, Any], attributes: dict[str, str | list[str]]) -> str:
        self.published.append((payload, attributes))
        return "msg-1"


def _tracker() -> tuple[Tracker, RecordingSink]:
    sink = RecordingSink()
    # publish() never touches the workflow service; a record it would need is a different test's concern
    return Tracker(cast(WorkflowService, None), sink), sink


def test_an_incident_audit_item_without_an_event_is_ignored() -> None:
    tracker, sink = _tracker()
    incident_audit = {"type": "incident_audit", "action": "joined", "actor": "sistem", "ticket_no": "K7M-4QX"}
    assert tracker.publish("AUDIT#2026-12-02T03:00:00+00:00#ab", incident_audit) == "ignored"
    assert sink.published == []


def test_an_unknown_event_is_ignored_and_an_acknowledgement_is_published_without_the_note() -> None:
    tracker, sink = _tracker()
    assert tracker.publish("AUDIT#x", {"event": "ticket.no_such_thing", "ticket_no": "K7M-4QX"}) == "ignored"
    audit = {
        "event": "ticket.acknowledged",
        "ticket_no": "K7M-4QX",
        "actor": "lowokwaru-01",
        "at": "2026-12-02T03:00:00+00:00",
        "from_status": "baru",
        "to_status": "diterima",
        "details": {"note": "nama korban", "via": "sms_link"},
    }
    assert tracker.publish("AUDIT#y", audit) == "published"
    [(payload, attributes)] = sink.published
    assert payload["type"] == "ticket.acknowledged"
    assert payload["event_id"] == "K7M-4QX/AUDIT#y"
    assert payload["details"] == {"via": "sms_link"}
    assert attributes == {"type": "ticket.acknowledged", "source": "audit"}
