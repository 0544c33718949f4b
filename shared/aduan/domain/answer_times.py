"""Answer-time metrics: how long a ticket waited to be acknowledged and to be resolved (pure).

Measured from one audit item of a lifecycle transition (its `sla` facts: when the clock started, and the
ticket's priority, channel and unit), so the value never depends on when or how often the item is read:
- `TimeToAcknowledge`: the first answer, a transition out of `baru` (acknowledge, assign, resolve or close);
- `TimeToResolve`: a transition to `selesai`.
A reopened ticket's clock starts again, so its next answer is measured from the reopening. Dimensions:
priority, channel, unit (so a report can compare answer times of public, viral channels with WhatsApp's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

TIME_TO_ACKNOWLEDGE = "TimeToAcknowledge"
TIME_TO_RESOLVE = "TimeToResolve"
MEASURED_EVENTS = frozenset({"ticket.acknowledged", "ticket.assigned", "ticket.resolved", "ticket.closed"})


@dataclass(frozen=True, slots=True)
class Sample:
    name: str
    seconds: float
    dimensions: dict[str, str]


def samples(audit: dict[str, Any]) -> list[Sample]:
    """The answer-time samples one audit item gives (none for most)."""
    facts = (audit.get("details") or {}).get("sla")
    if audit.get("event") not in MEASURED_EVENTS or not isinstance(facts, dict):
        return []
    try:
        started = datetime.fromisoformat(str(facts["clock_started_at"]).replace("Z", "+00:00"))
        at = datetime.fromisoformat(str(audit["at"]).replace("Z", "+00:00"))
    except (KeyError, ValueError):
        return []
    seconds = max(0.0, (at - started).total_seconds())
    dimensions = {
        "priority": str(facts.get("priority") or "unknown"),
        "channel": str(facts.get("channel") or "unknown"),
        "unit": str(facts.get("unit") or "unknown"),
    }
    found = []
    if audit.get("from_status") == "baru" and audit.get("to_status") != "baru":
        found.append(Sample(TIME_TO_ACKNOWLEDGE, seconds, dimensions))
    if audit.get("to_status") == "selesai":
        found.append(Sample(TIME_TO_RESOLVE, seconds, dimensions))
    return found
