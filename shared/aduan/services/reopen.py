"""A resolved ticket the citizen reopened: the SLA clock starts again and the unit is alerted again.

The tracker sees the ticket item go from `selesai` back to `baru` with a new citizen message (the ingest's
doing, `aduan.tickets.reopen_with`) and:
1. reopens the workflow item as `warga` (`WorkflowService.act`: the `reopened` audit item, hence the
   `ticket.reopened` event, and a fresh SLA clock in the escalator's due-time index), once: a retried
   stream record finds it open already;
2. alerts the officers on duty again (the notifier's routing, `aduan.alerts.plan_alert`), by SMS with a
   one-tap ack link and by email. Each delivery is claimed in the alert ledger under the reopening's ticket
   version (`ALERT#reopen<version>#sms#<officer>`) before it is sent and marked after, like an escalation:
   a retried record never alerts twice; dying between SNS accepting an SMS and its record sends that one
   again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from aduan.adapters.workflow_store import WorkflowStore
from aduan.alerts import plan_alert
from aduan.domain.workflow import FINISHED, Action, IllegalTransition, Subject
from aduan.domain.workflow_texts import reopened_sms
from aduan.errors import DeliveryFailed
from aduan.models import CHANNEL_SHORT, Officer, Ticket, TicketStatus, utcnow
from aduan.privacy import mask_phone
from aduan.services.escalation import Messenger
from aduan.services.workflow import AckLinks, WorkflowService
from aduan.tickets import CITIZEN

LEASE = timedelta(seconds=60)
TRIGGER = "dibuka-kembali"


def reopened_by_citizen(old: Ticket, new: Ticket) -> bool:
    """Did this ticket change reopen a resolved ticket with a citizen's message?"""
    return old.status in FINISHED and new.status is TicketStatus.BARU and len(new.messages) > len(old.messages)


class Reopener:
    def __init__(
        self,
        workflow: WorkflowService,
        roster: Callable[[str], list[Officer]],
        links: AckLinks,
        messenger: Messenger,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.workflow = workflow
        self.roster = roster
        self.links = links
        self.messenger = messenger
        self.clock = clock

    @property
    def store(self) -> WorkflowStore:
        return self.workflow.store

    def handle(self, ticket: Ticket) -> list[str]:
        """Reopen the workflow and alert again; the officer ids sent an SMS by this attempt."""
        # Reopened already: a retried record, or an officer reopened it too.
        with contextlib.suppress(IllegalTransition):
            self.workflow.act(ticket.ticket_no, Action.REOPEN, actor=CITIZEN, mirror_ticket=False)
        return self.alert(ticket)

    def alert(self, ticket: Ticket) -> list[str]:
        subject = Subject.ticket(ticket.ticket_no)
        now = self.clock()
        plan = plan_alert(ticket, TRIGGER, self.roster, now)
        round_ = f"reopen{ticket.version}"
        newest = next((m.text for m in reversed(ticket.messages) if m.text), "")
        sent: list[str] = []
        for officer in plan.sms_recipients:
            key = f"{round_}#sms#{officer.officer_id}"
            if not self.store.claim_delivery(subject, key, now, LEASE):
                continue
            t = ticket.triage
            text = reopened_sms(
                ticket_no=ticket.ticket_no,
                priority=t.priority,
                category=t.category,
                area=t.area,
                channel_short=CHANNEL_SHORT[ticket.channel],
                snippet=newest,
                link=self.links.issue(subject, officer.officer_id),
                sensitive=t.sensitive,
            )
            detail: dict[str, Any] = {
                "medium": "sms",
                "trigger": TRIGGER,
                "officer_id": officer.officer_id,
                "unit": officer.unit,
                "phone": mask_phone(officer.phone),
            }
            try:
                detail["message_id"] = self.messenger.send_sms(officer.phone, text)
            except DeliveryFailed as failure:
                if failure.transient:
                    raise  # the claim stays pending: the record's retry after the lease sends it
                detail["error"] = failure.code
                self.store.record_delivery(subject, key, "failed", detail)
                continue
            self.store.record_delivery(subject, key, "sent", detail)
            sent.append(officer.officer_id)
        if plan.units and self.store.claim_delivery(subject, f"{round_}#email", now, LEASE):
            t = ticket.triage
            try:
                message_id = self.messenger.publish_email(
                    ("[Aduan DIBUKA LAGI] " + plan.email_subject.removeprefix("[Aduan "))[:100],
                    "Warga mengirim pesan lanjutan setelah tiket selesai; tiket dibuka kembali.\n\n" + plan.email_body,
                    {"units": list(plan.units), "priority": t.priority, "trigger": TRIGGER},
                )
            except DeliveryFailed as failure:
                if failure.transient:
                    raise
                self.store.record_delivery(subject, f"{round_}#email", "failed", {"error": failure.code})
            else:
                self.store.record_delivery(
                    subject,
                    f"{round_}#email",
                    "sent",
                    {"medium": "email", "units": list(plan.units), "message_id": message_id},
                )
        return sent
