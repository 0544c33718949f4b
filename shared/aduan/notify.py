"""The notifier's work for one ticket change read from the table's stream (the outbox).

A ticket stored by the normalizer is alerted from its stream record, so a crash between storing and
alerting cannot lose the alert: the stream keeps the record until the notifier succeeds. Each delivery
(one SMS to one officer, one email publish) is claimed in an alert ledger with a conditional write before
it is sent and marked after, so retries of the record never alert a recipient twice. The ledger item is the
delivery's record (who, when, the SNS message id or the error): an alert never rewrites the ticket item, so
it adds no record to the stream the notifier reads.

A ticket in an incident (`Ticket.incident`) is alerted per incident: its ledger is the incident's, so an
officer gets one SMS per incident and priority level; a report that joins an alerted incident without
raising it or telling new danger gets a short update at most (`aduan.incident_alerts`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from aduan import aws, incident_alerts
from aduan.adapters.sns import TRANSIENT_ERRORS
from aduan.alerts import FLOOD_TRIGGER, AlertPlan, plan_alert, plan_flood_alert, target_units
from aduan.models import IncidentLink, Officer, Ticket, TicketFlag, utcnow
from aduan.privacy import mask_phone
from aduan.sms import add_link
from aduan.store import RosterStore, TicketStore, ticket_from_item
from aduan.triage import priority_rank

ACTOR = "notifier"


def units_of(ticket: Ticket) -> tuple[str, ...]:
    t = ticket.triage
    return tuple(target_units(t.category, t.priority, t.area))


class DeliveryRetry(Exception):
    """A delivery failed for a passing reason; the stream record must be retried."""


@dataclass(frozen=True, slots=True)
class Change:
    """A ticket change read from one stream record."""

    event: str  # INSERT or MODIFY
    new: Ticket
    old: Ticket | None

    @classmethod
    def from_stream_record(cls, record: dict[str, Any]) -> Change:
        images = record["dynamodb"]
        old = images.get("OldImage")
        return cls(
            event=record["eventName"],
            new=ticket_from_item(images["NewImage"]),
            old=ticket_from_item(old) if old else None,
        )

    @property
    def triggers(self) -> list[str]:
        """Why officers must be alerted, in order: a new ticket (one opened during a flood only once the
        flood is over), a higher priority, units that now concern it (a report with no place, alerted to
        the duty desk, gets a location pin in a Polsek's area), and the start of a flood (the duty desk,
        once per ticket)."""
        new, old = self.new, self.old
        found: list[str] = []
        if old is None:
            if TicketFlag.THROTTLED not in new.flags:
                found.append("dibuat")
        elif TicketFlag.THROTTLED in new.flags:
            pass  # opened during a flood and the flood goes on: the desk has its one alert
        elif TicketFlag.THROTTLED in old.flags:
            found.append("dibuat")  # the flood is over and the ticket was never alerted: alert it now
        elif priority_rank(new.triage.priority) > priority_rank(old.triage.priority):
            found.append(f"naik-{new.triage.priority}")
        elif set(units_of(new)) - set(units_of(old)):
            found.append("wilayah")
        if TicketFlag.FLOOD in new.flags and (old is None or TicketFlag.FLOOD not in old.flags):
            found.append(FLOOD_TRIGGER)
        return found

    @property
    def trigger(self) -> str | None:
        """The first of `triggers`, or None."""
        return next(iter(self.triggers), None)

    @property
    def event_type(self) -> str | None:
        """The ticket event to publish for consumers, if the change is one they care about."""
        if self.old is None:
            return "ticket.created"
        old, new = self.old, self.new
        if (old.messages, old.triage, old.status, old.flags) != (new.messages, new.triage, new.status, new.flags):
            return "ticket.updated"
        return None


def followed_up(change: Change) -> bool:
    """Did this change file a follow-up in the ticket's incident (`IncidentLink.follow_ups` went up)?"""
    old, new = change.old, change.new
    return (
        old is not None
        and old.incident is not None
        and new.incident is not None
        and new.incident.follow_ups > old.incident.follow_ups
    )


class Notifier:
    def __init__(
        self,
        store: TicketStore,
        roster: RosterStore,
        alerts_topic_arn: str,
        ticket_events_topic_arn: str,
        sms_sender_id: str = "",
        sns: Any = None,
        clock: Callable[[], datetime] = utcnow,
        ack_link: Callable[[str, str, str | None], str] | None = None,
        roster_ttl: float = 60.0,
        monotonic: Callable[[], float] = time.monotonic,
        incident_update_interval: timedelta = incident_alerts.UPDATE_INTERVAL,
        per_incident: bool | None = None,
    ) -> None:
        self.incident_update_interval = incident_update_interval
        self._per_incident = per_incident
        # (ticket number, officer id, incident id of an incident's alert) -> one-tap acknowledgement link
        self.ack_link = ack_link
        self.store = store
        self.roster = roster
        self.alerts_topic_arn = alerts_topic_arn
        self.ticket_events_topic_arn = ticket_events_topic_arn
        self.sms_sender_id = sms_sender_id
        self._sns = sns
        self.clock = clock
        # A warm notifier reads a unit's roster once per `roster_ttl` seconds, not once per ticket: a
        # roster change reaches alerts within that time.
        self.roster_ttl = roster_ttl
        self.monotonic = monotonic
        self._rosters: dict[str, tuple[float, list[Officer]]] = {}

    @property
    def per_incident(self) -> bool:
        """Alert per incident (given, or `INCIDENT_ALERTS`)."""
        return incident_alerts.per_incident() if self._per_incident is None else self._per_incident

    @property
    def sns(self) -> Any:
        if self._sns is None:
            self._sns = aws.client("sns")
        return self._sns

    def handle(self, change: Change) -> list[AlertPlan]:
        event_type = change.event_type
        if event_type is not None:
            self._publish_event(event_type, change.new)
        plans = []
        link = change.new.incident if self.per_incident else None
        followed = link is not None and followed_up(change)
        for trigger in change.triggers:
            if trigger == "dibuat" and link is not None and not link.alert:
                # one more report of an incident already alerted, adding nothing: a short update at most
                plans.extend(self.incident_update(change.new, link))
                continue
            if trigger.startswith("naik-") and followed and link is not None and not link.raised:
                continue  # a follow-up raised its ticket, not its incident: the officers know of that level
            already = units_of(change.old) if trigger == "wilayah" and change.old is not None else ()
            plans.append(self.alert(change.new, trigger, already_alerted=already))
        if followed and link is not None and change.old is not None and change.old.incident is not None:
            danger = sorted(set(link.new_danger) - set(change.old.incident.new_danger))
            if danger and not (link.raised and any(p.trigger.startswith("naik-") for p in plans)):
                # a follow-up told danger its incident did not know of: alerted once more (once per danger)
                plans.append(self.alert(change.new, "bahaya-" + "+".join(danger)))
        return plans

    def officers(self, unit: str) -> list[Officer]:
        """A unit's officers, from this warm notifier's cache while it is fresh."""
        now = self.monotonic()
        cached = self._rosters.get(unit)
        if cached is not None and now - cached[0] < self.roster_ttl:
            return cached[1]
        officers = self.roster.officers(unit)
        self._rosters[unit] = (now, officers)
        return officers

    def alert(self, ticket: Ticket, trigger: str, already_alerted: tuple[str, ...] = ()) -> AlertPlan:
        now = self.clock()
        roster = self.officers
        if trigger == FLOOD_TRIGGER:
            plan = plan_flood_alert(ticket, roster, now)
            level = FLOOD_TRIGGER  # one flood alert per ticket, whatever its priority
        else:
            plan = plan_alert(ticket, trigger, roster, now, already_alerted)
            level = ticket.triage.priority
        # An officer gets at most one SMS per ticket and priority level, whatever triggered it; for a ticket in
        # an incident, one per incident and priority level (the ledger is the incident's).
        owner = None
        if self.per_incident and ticket.incident is not None and trigger != FLOOD_TRIGGER:
            owner = incident_alerts.owner(ticket.incident)
            level = incident_alerts.level_key(ticket.incident, level, trigger)
        for officer in plan.sms_recipients:
            self._deliver(ticket, f"{level}#sms#{officer.officer_id}", "sms", officer, plan, owner)
        if plan.units:
            self._deliver(ticket, f"{level}#email#{'+'.join(plan.units)}", "email", None, plan, owner)
        return plan

    def incident_update(self, ticket: Ticket, link: IncidentLink) -> list[AlertPlan]:
        """A short update to each officer alerted about the incident, at most one per interval and none
        within it of their last SMS about the incident (`aduan.incident_alerts`)."""
        from aduan.adapters.incident_store import IncidentStore

        now = self.clock()
        owner = incident_alerts.owner(link)
        last: dict[str, tuple[datetime, str, str]] = {}  # officer -> (last SMS, unit, the ticket it was about)
        for entry in self.store.alert_ledger(ticket.ticket_no, owner=owner):
            detail = entry.get("detail") or {}
            if entry.get("status") != "sent" or detail.get("medium") != "sms" or "finished_at" not in entry:
                continue
            at = datetime.fromisoformat(entry["finished_at"])
            officer_id = str(detail.get("officer_id"))
            if officer_id not in last or at > last[officer_id][0]:
                last[officer_id] = (at, str(detail.get("unit")), str(detail.get("ticket_no", "")))
        due = {o: v for o, v in last.items() if incident_alerts.update_due(v[0], now, self.incident_update_interval)}
        if not due:
            return []
        members = IncidentStore(self.store.table_name, client=self.store.client).members(link.incident_id)
        plans = []
        slot = incident_alerts.update_slot(now, self.incident_update_interval)
        joined = {m.ticket_no: datetime.fromisoformat(m.at) for m in members}
        for officer_id, (sent_at, unit, about) in due.items():
            officer = next((o for o in self.officers(unit) if o.officer_id == officer_id and o.active), None)
            # the reports that joined after the one the officer's last SMS was about
            since = joined.get(about, sent_at)
            fresh = [m for m in members if datetime.fromisoformat(m.at) > since]
            if officer is None or not fresh:
                continue
            t = ticket.triage
            text = incident_alerts.update_sms(
                link.incident_id,
                t.category,
                t.area,
                [m.report.channel for m in fresh],
                max(m.report.at for m in fresh),
                now,
            )
            plan = AlertPlan(
                trigger="pembaruan_insiden",
                units=(unit,),
                sms_recipients=(officer,),
                sms_text=text,
                email_subject="",
                email_body="",
                email_recipients=(),
            )
            self._deliver(ticket, f"update#{slot}#sms#{officer_id}", "sms", officer, plan, owner, link_ack=False)
            plans.append(plan)
        return plans

    def _deliver(
        self,
        ticket: Ticket,
        key: str,
        medium: str,
        officer: Officer | None,
        plan: AlertPlan,
        owner: str | None = None,
        *,
        link_ack: bool = True,
    ) -> None:
        if not self.store.claim_alert(ticket.ticket_no, key, self.clock(), owner=owner):
            return  # already delivered by an earlier attempt
        try:
            message_id = (
                self._send_sms(officer, self._linked(plan, ticket, officer, owner) if link_ack else plan)
                if officer
                else self._send_email(ticket, plan)
            )
        except ClientError as exc:
            code = exc.response["Error"]["Code"]
            if code in TRANSIENT_ERRORS:
                # Not chained: SNS error messages can quote the phone number, which must not reach logs.
                raise DeliveryRetry(code) from None
            self._record(ticket, key, medium, officer, plan, status="failed", error=code, owner=owner)
            return
        self._record(ticket, key, medium, officer, plan, status="sent", message_id=message_id, owner=owner)

    def _record(
        self,
        ticket: Ticket,
        key: str,
        medium: str,
        officer: Officer | None,
        plan: AlertPlan,
        *,
        status: str,
        message_id: str | None = None,
        error: str | None = None,
        owner: str | None = None,
    ) -> None:
        detail: dict[str, Any] = {"medium": medium, "trigger": plan.trigger, "units": list(plan.units)}
        if owner is not None:
            detail["ticket_no"] = ticket.ticket_no  # an incident's ledger names the ticket that sent it
        if officer is not None:
            detail.update(
                officer_id=officer.officer_id,
                officer_name=officer.name,
                unit=officer.unit,
                phone=mask_phone(officer.phone),
            )
        else:
            detail["recipients"] = [
                {"officer_id": o.officer_id, "unit": o.unit, "email": o.email} for o in plan.email_recipients
            ]
        if message_id:
            detail["message_id"] = message_id
        if error:
            detail["error"] = error
        if plan.notes:
            detail["notes"] = list(plan.notes)
        who = f"{officer.name} ({officer.unit})" if officer else "topik alerts: " + ", ".join(plan.units)
        verb = {"sms": "SMS", "email": "Email"}[medium]
        text = f"{verb} {'terkirim' if status == 'sent' else 'gagal'} ke {who}" + (f": {error}" if error else "")
        detail.update(actor=ACTOR, action=f"{medium}_{'terkirim' if status == 'sent' else 'gagal'}")
        self.store.record_delivery(ticket.ticket_no, key, status, detail, at=self.clock(), summary=text, owner=owner)

    def _linked(self, plan: AlertPlan, ticket: Ticket, officer: Officer, owner: str | None) -> AlertPlan:
        """The plan with this officer's one-tap acknowledgement link in its SMS text (when links are on); an
        incident's alert (`owner`) links to acknowledging the whole incident."""
        if self.ack_link is None or plan.sms_text is None:
            return plan
        incident_id = owner.removeprefix("INCIDENT#") if owner else None
        link = self.ack_link(ticket.ticket_no, officer.officer_id, incident_id)
        return replace(plan, sms_text=add_link(plan.sms_text, link))

    def _send_sms(self, officer: Officer, plan: AlertPlan) -> str:
        if plan.sms_text is None:
            raise ValueError("an SMS recipient without an SMS text")
        text = plan.sms_text
        attributes: dict[str, Any] = {
            "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"},
        }
        if self.sms_sender_id:
            attributes["AWS.SNS.SMS.SenderID"] = {"DataType": "String", "StringValue": self.sms_sender_id}
        response = self.sns.publish(PhoneNumber=officer.phone, Message=text, MessageAttributes=attributes)
        return str(response["MessageId"])

    def _send_email(self, ticket: Ticket, plan: AlertPlan) -> str:
        t = ticket.triage
        response = self.sns.publish(
            TopicArn=self.alerts_topic_arn,
            Subject=plan.email_subject,
            Message=plan.email_body,
            MessageAttributes={
                "units": {"DataType": "String.Array", "StringValue": json.dumps(list(plan.units))},
                "area": {"DataType": "String", "StringValue": t.area or "tidak_diketahui"},
                "priority": {"DataType": "String", "StringValue": t.priority},
                "category": {"DataType": "String", "StringValue": t.category},
                "sensitive": {"DataType": "String", "StringValue": "true" if t.sensitive else "false"},
                "trigger": {"DataType": "String", "StringValue": plan.trigger},
            },
        )
        return str(response["MessageId"])

    def _publish_event(self, event_type: str, ticket: Ticket) -> None:
        t = ticket.triage
        payload = {
            "type": event_type,
            "ticket_no": ticket.ticket_no,
            "version": ticket.version,
            "status": ticket.status.value,
            "channel": ticket.channel.value,
            "category": t.category,
            "priority": t.priority,
            "area": t.area,
            "sensitive": t.sensitive,
            "public": ticket.public,
            "related_to": ticket.related_to,
            "flags": [flag.value for flag in ticket.flags],
            "message_count": len(ticket.messages),
            "created_at": ticket.created_at.isoformat(),
            "updated_at": ticket.updated_at.isoformat(),
        }
        self.sns.publish(
            TopicArn=self.ticket_events_topic_arn,
            Message=json.dumps(payload),
            MessageAttributes={
                "type": {"DataType": "String", "StringValue": event_type},
                "priority": {"DataType": "String", "StringValue": t.priority},
                "area": {"DataType": "String", "StringValue": t.area or "tidak_diketahui"},
                "category": {"DataType": "String", "StringValue": t.category},
            },
        )
