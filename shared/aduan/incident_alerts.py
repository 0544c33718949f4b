"""What officers get for an incident after its first alert: pure decisions and texts.

One SMS per incident, priority level and officer (the notifier's ledger for a ticket in an incident lives
in the incident's partition, `INCIDENT#<id>`); a joining report that raises the incident or tells new
danger is alerted again; any other joining report gives each officer who was alerted at most one short
update per `UPDATE_INTERVAL`, and none within that time of their last SMS about the incident:
``INSIDEN IN-7K2M-Q9XD Kecelakaan, Lowokwaru: +7 laporan (WA 4, IG 2, X 1), terbaru 2 menit lalu``.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

from aduan.models import CHANNEL_SHORT, Channel, IncidentLink
from aduan.sms import AREA_LABELS, CATEGORY_LABELS, SMS_LIMIT, fit, to_gsm7

UPDATE_INTERVAL = timedelta(minutes=10)


def per_incident() -> bool:
    """Alerts and escalation per incident (`INCIDENT_ALERTS=per_incident`), or every ticket alerted and
    escalated alone (`per_ticket`, the template's default for now)."""
    return os.environ.get("INCIDENT_ALERTS", "per_ticket") == "per_incident"


def owner(link: IncidentLink) -> str:
    return f"INCIDENT#{link.incident_id}"


def level_key(link: IncidentLink, priority: str, trigger: str) -> str:
    """The ledger level of an alert about a ticket in an incident: its priority, and for a report (or a
    follow-up: trigger `bahaya-<danger>`) that tells new danger at the incident's level, that danger (so it is
    alerted once more, once)."""
    if trigger.startswith("bahaya-"):
        return f"{priority}#{trigger}"
    if trigger == "dibuat" and not link.opened and link.new_danger and not link.raised:
        return f"{priority}#bahaya-{'+'.join(link.new_danger)}"
    return priority


def update_due(last_sms_at: datetime | None, now: datetime, interval: timedelta = UPDATE_INTERVAL) -> bool:
    """An officer alerted about the incident at `last_sms_at` may get an update now."""
    return last_sms_at is not None and now - last_sms_at >= interval


def update_slot(now: datetime, interval: timedelta = UPDATE_INTERVAL) -> int:
    """The interval `now` falls in: at most one update per officer and slot (retries and races)."""
    return int(now.timestamp() // interval.total_seconds())


def _ago(delta: timedelta) -> str:
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes == 0:
        return "baru saja"
    return f"{minutes} menit lalu" if minutes < 120 else f"{minutes // 60} jam lalu"


def update_sms(
    incident_id: str,
    category: str,
    area: str | None,
    channels: Iterable[str],
    latest_at: datetime,
    now: datetime,
) -> str:
    """The short update, in at most one GSM-7 SMS: how many reports since the officer's last SMS, from
    which channels, and how recent the newest is."""
    counts = Counter(CHANNEL_SHORT.get(Channel(c), c) if c in Channel._value2member_map_ else c for c in channels)
    n = sum(counts.values())
    by_channel = ", ".join(f"{name} {k}" for name, k in counts.most_common())
    where = AREA_LABELS.get(area or "", "lokasi belum jelas")
    text = (
        f"INSIDEN {incident_id} {CATEGORY_LABELS.get(category, category)}, {where}: +{n} laporan"
        f" ({by_channel}), terbaru {_ago(now - latest_at)}"
    )
    return fit(to_gsm7(text), SMS_LIMIT)
