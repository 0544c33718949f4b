"""Answering citizens: one ticket event (or one `cek` request) becomes the messages it calls for, each sent
at most once, on the channel the citizen wrote on, within that platform's rules.

For each message (`aduan.domain.replies.EVENT_REPLIES`):

1. the window rules decide whether it may be sent and how (`decide`); a forbidden message is recorded with
   why (`forbidden`) and the batch goes on;
2. it is **claimed** in the reply ledger with a conditional write (`pending`, with a lease), together with
   its per-window quota where the platform has one (TikTok 10 per 48 h; one private reply per comment);
3. it is sent by the channel's sender, which classifies the answer: `sent` and `refused` are **recorded**
   with a `ticket.replied` audit item in one transaction; `transient` is retried twice at once, then the
   claim is released and the record retried later by the queue (with backoff).

A redelivered event finds its claims recorded and sends nothing. **The one unavoidable window** is a crash
after the platform accepted a message and before it was recorded: the claim stays `pending`. Platforms
take no idempotency key, so whoever finds that claim after its lease cannot know whether the citizen got the
message, and records it `uncertain` instead of sending it again (never twice; alarmed, `RepliesUncertain`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from aduan.adapters.replies_store import Claim, LedgerKey, Quota, ReplyStore, status_ledger, ticket_ledger
from aduan.channels.sending import Outgoing, Sender, SendResult
from aduan.domain import replies as rules
from aduan.domain.replies import Allowed, Conversation, Mode, Refusal, ReplyKind, StatusRequest
from aduan.domain.workflow import EventType, Subject, TicketEvent
from aduan.errors import AduanError
from aduan.models import Ticket, utcnow

LEASE = timedelta(minutes=2)  # longer than the replier's timeout: a live attempt is never taken for dead
SEND_ATTEMPTS = 3
SEND_BACKOFF_S = (0.2, 0.8)


class RetryLater(AduanError):
    """The record must be retried later: a platform's transient failure, or another attempt holds a claim."""


class UnreadableEvent(AduanError):
    """An event the replier can never act on (parked with this reason)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: str
    outcome: str  # sent, refused, forbidden, uncertain, duplicate
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Channels:
    """What the replier needs per channel: its sender, its access token, our account's id, WhatsApp's templates."""

    sender: Callable[[str], Sender]
    token: Callable[[str], str | None]
    account: Callable[[str], str]
    templates: dict[str, str]  # reply kind -> approved WhatsApp template name
    template_language: str = "id"


@dataclass(frozen=True, slots=True)
class _Job:
    """One message to send: where the ledger keeps it, what the rules need, how to compose it."""

    kind: ReplyKind
    ledger: LedgerKey
    channel: str
    conversation: Conversation
    recipient: str  # the citizen's id on the platform, or TikTok's conversation
    target: str  # the message a private or public reply answers
    target_kind: str
    text: str
    template_params: tuple[str, ...]
    ticket_no: str | None  # the ticket an audit item goes to (None: a `cek` for an unknown number)
    event_type: str


class Replier:
    def __init__(
        self,
        store: ReplyStore,
        channels: Channels,
        clock: Callable[[], datetime] = utcnow,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.store = store
        self.channels = channels
        self.clock = clock
        self.sleep = sleep

    # ------------------------------------------------------------------ entry point
    def handle(self, event: dict[str, Any]) -> list[Outcome]:
        """Send what one event calls for. Raises `RetryLater` (retry the record) and `UnreadableEvent` (park)."""
        kind = event.get("type") if isinstance(event, dict) else None
        if not isinstance(kind, str) or kind not in rules.EVENT_REPLIES:
            return []  # not an event citizens hear about (the subscription's filter lets few others through)
        jobs = self._status_jobs(event) if kind == "status.requested" else self._ticket_jobs(kind, event)
        outcomes = [self._run(job) for job in jobs]
        return outcomes

    # ------------------------------------------------------------------ what to send
    def _ticket_jobs(self, kind: str, event: dict[str, Any]) -> list[_Job]:
        ticket_no, event_id = event.get("ticket_no"), event.get("event_id")
        if not isinstance(ticket_no, str) or not isinstance(event_id, str) or "/" not in event_id:
            raise UnreadableEvent("ticket event without ticket_no or event_id")
        audit_sk = event_id.split("/", 1)[1]
        ticket = self.store.get_ticket(ticket_no)
        if ticket is None:
            raise RetryLater("the event's ticket is not readable yet")
        details: dict[str, Any] = {}
        if kind in ("ticket.resolved", "ticket.officer_reply"):
            audit = self.store.audit(ticket_no, audit_sk)
            if audit is None:
                raise UnreadableEvent("the event's audit item does not exist")
            details = audit.get("details") or {}
        conversation, recipient, target, target_kind = _ticket_conversation(ticket)
        jobs = []
        for reply in rules.EVENT_REPLIES[kind]:
            text, params = _compose(reply, ticket, details)
            jobs.append(
                _Job(
                    kind=reply,
                    ledger=ticket_ledger(ticket_no, audit_sk, reply.value),
                    channel=ticket.channel.value,
                    conversation=conversation,
                    recipient=recipient,
                    target=target,
                    target_kind=target_kind,
                    text=text,
                    template_params=params,
                    ticket_no=ticket_no,
                    event_type=kind,
                )
            )
        return jobs

    def _status_jobs(self, event: dict[str, Any]) -> list[_Job]:
        try:
            request = StatusRequest.from_event(event)
        except (KeyError, TypeError, ValueError) as exc:
            raise UnreadableEvent(f"status request: {type(exc).__name__}") from None
        ticket = self.store.get_ticket(request.ticket_no)
        owner = (
            ticket is not None
            and not request.public
            and ticket.citizen.channel.value == request.channel
            and ticket.citizen.platform_id == request.platform_id
        )
        text = rules.status_text(
            request.ticket_no,
            ticket.status.value if ticket else None,
            owner=owner,
            area=ticket.triage.area if ticket else None,
            created_at=ticket.created_at if ticket else None,
        )
        conversation = Conversation(
            channel=request.channel,
            public=request.public,
            kind=request.message_kind,
            last_message_at=request.sent_at,
            has_recipient=not request.platform_id.startswith("mention-"),
        )
        recipient = request.conversation_id if request.channel == "tiktok" else request.platform_id
        return [
            _Job(
                kind=ReplyKind.STATUS,
                ledger=status_ledger(request.request_key),
                channel=request.channel,
                conversation=conversation,
                recipient=recipient,
                target=request.message_id,
                target_kind="post" if request.message_kind == "post" else "comment",
                text=text,
                template_params=(),
                ticket_no=ticket.ticket_no if ticket else None,
                event_type="status.requested",
            )
        ]

    # ------------------------------------------------------------------ sending one
    def _run(self, job: _Job) -> Outcome:
        now = self.clock()
        template = self.channels.templates.get(job.kind.value, "") if job.channel == "whatsapp" else ""
        scope = job.recipient if job.channel == "tiktok" else job.target
        decision = rules.decide(job.kind, job.conversation, now, has_template=bool(template), quota_scope=scope)
        if isinstance(decision, Refusal):
            return self._forbid(job, decision)
        quota = Quota(*decision.quota) if decision.quota else None
        claim = self.store.claim(
            job.ledger, kind=job.kind.value, channel=job.channel, now=now, lease=LEASE, quota=quota
        )
        if claim is Claim.DONE:
            return Outcome(job.kind.value, "duplicate")
        if claim is Claim.BUSY:
            raise RetryLater("another attempt holds the claim")
        if claim is Claim.QUOTA_FULL:
            return self._forbid(job, rules.quota_refusal(decision.mode))
        if claim is Claim.STALE:
            detail = {"reason": "attempt_died", "detail": "percobaan sebelumnya terhenti; mungkin sudah terkirim"}
            self.store.record(job.ledger, "uncertain", detail, self._audit(job, "uncertain", detail))
            return Outcome(job.kind.value, "uncertain", "attempt_died")
        token = self.channels.token(job.channel)
        if not token:
            self.store.release(job.ledger, quota, now)
            return self._forbid(job, Refusal("not_configured", "Token akses saluran ini belum diatur"))
        result = self._send(self._outgoing(job, decision, template), token)
        if result.outcome == "transient":
            self.store.release(job.ledger, quota, self.clock())
            raise RetryLater(f"{job.channel}: {result.reason}")
        status = "sent" if result.sent else "refused"
        found = {
            "mode": decision.mode.value,
            "platform_message_id": result.platform_message_id,
            "code": result.code,
            "reason": result.reason,
        }
        detail = {k: v for k, v in found.items() if v}
        self.store.record(job.ledger, status, detail, self._audit(job, status, detail))
        return Outcome(job.kind.value, status, result.reason)

    def _send(self, message: Outgoing, token: str) -> SendResult:
        send = self.channels.sender(message.channel)
        result = send(message, token)
        for pause in SEND_BACKOFF_S[: SEND_ATTEMPTS - 1]:
            if result.outcome != "transient":
                break
            self.sleep(pause)
            result = send(message, token)
        return result

    def _outgoing(self, job: _Job, decision: Allowed, template: str) -> Outgoing:
        private_or_public = decision.mode in (Mode.PRIVATE_REPLY, Mode.PUBLIC_REPLY)
        text = job.text
        if decision.mode is Mode.PUBLIC_REPLY and job.kind is ReplyKind.RECEIPT and job.ticket_no:
            text = rules.public_receipt_text(job.ticket_no)
        return Outgoing(
            channel=job.channel,
            mode=decision.mode.value,
            to=job.target if private_or_public else job.recipient,
            text=rules.limit_text(job.channel, decision.mode, text),
            account_id=self.channels.account(job.channel),
            target_kind=job.target_kind,
            template=template if decision.mode is Mode.TEMPLATE else "",
            template_language=self.channels.template_language,
            template_params=job.template_params if decision.mode is Mode.TEMPLATE else (),
        )

    def _forbid(self, job: _Job, refusal: Refusal) -> Outcome:
        detail = {"reason": refusal.reason, "detail": refusal.detail}
        audit = self._audit(job, "forbidden", detail)
        self.store.record(
            job.ledger, "forbidden", detail, audit, claimed=False, kind=job.kind.value, channel=job.channel
        )
        return Outcome(job.kind.value, "forbidden", refusal.reason)

    def _audit(self, job: _Job, status: str, detail: dict[str, Any]) -> TicketEvent | None:
        if job.ticket_no is None:
            return None
        return TicketEvent(
            type=EventType.REPLIED,
            subject=Subject.ticket(job.ticket_no),
            actor="sistem",
            at=self.clock(),
            details={
                "kind": job.kind.value,
                "channel": job.channel,
                "outcome": status,
                "for": job.event_type,
                **detail,
            },
        )


# ---------------------------------------------------------------------------------------------- helpers


def _ticket_conversation(ticket: Ticket) -> tuple[Conversation, str, str, str]:
    """The rules' view of the ticket's conversation, the citizen's id, and the message a reply answers (the
    latest one still standing: each new comment of the citizen may take its own private reply)."""
    standing = [m for m in ticket.messages if not m.removed] or list(ticket.messages)
    latest = standing[-1]
    first = ticket.messages[0]
    conversation = Conversation(
        channel=ticket.channel.value,
        public=ticket.public,
        kind=first.kind,
        last_message_at=ticket.last_message_at,
        has_recipient=not ticket.citizen.platform_id.startswith("mention-"),
    )
    conversation_key = ticket.conversation
    recipient = ticket.citizen.platform_id
    if ticket.channel.value == "tiktok":
        recipient = conversation_key.split("#", 1)[1] if "#" in conversation_key else recipient
    target_kind = "post" if latest.kind == "post" else "comment"
    return conversation, recipient, latest.platform_message_id, target_kind


def _compose(kind: ReplyKind, ticket: Ticket, details: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """The free-form text of one reply, and its WhatsApp template's body parameters."""
    no = ticket.ticket_no
    if kind is ReplyKind.RECEIPT:
        return rules.receipt_text(no, ticket.triage.priority), (no,)
    if kind is ReplyKind.ACKNOWLEDGED:
        return rules.acknowledged_text(no), (no,)
    if kind is ReplyKind.ASSIGNED:
        return rules.assigned_text(no, ticket.triage.area), (no, rules.unit_name(ticket.triage.area))
    if kind is ReplyKind.RESOLVED:
        note = str(details.get("note") or "")
        return rules.resolved_text(no, note), (no, rules.public_part(note) or "-")
    if kind is ReplyKind.RATING_REQUEST:
        return rules.rating_text(no), (no,)
    if kind is ReplyKind.OFFICER_REPLY:
        text = str(details.get("text") or "")
        return rules.officer_reply_text(no, text), (no, " ".join(text.split())[:900])
    raise ValueError(kind)  # pragma: no cover - status requests are composed on their own
