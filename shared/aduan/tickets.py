"""Ticket rules: opening a ticket from a citizen's message, threading follow-ups, edits and removals,
re-triage, and the flood limit.

Pure functions over the models; storage and concurrency live in `aduan.store` and `aduan.ingest`.

Every message is triaged on its own as well as with the conversation: a ticket's priority is never below
that of any message in it (nor ever lowered automatically; lowering is an officer's decision).

A follow-up in an open conversation joins its ticket, unless it **reports a different incident**, which
opens a new ticket linked to the previous one (`related_to`). The rule (`is_different_incident`): the
follow-up has text, its own triage finds an incident category (not `lainnya` or `layanan_polisi`) at
priority `sedang` or above, the ticket already has an incident category, and the follow-up's category
is neither the ticket's nor any of its messages' nor related to one of them (`RELATED_CATEGORIES`: a theft
that turns violent, a crash that blocks the road, are one incident). A ticket without an incident
category (a greeting, a thank-you) takes the follow-up's instead. Edits never open a ticket.

A message after the conversation's ticket was **resolved** (`selesai`), within the thread window of its
last change, reopens it when it adds to the report (`aduan.domain.follow_up.adds_to_report`: "pelakunya
datang lagi", a photo) and joins it without reopening when it does not (a thank-you, an answer to the rating
request). A closed (`ditutup`) ticket is never reopened by the citizen: their next message opens a new one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from aduan.domain.follow_up import adds_to_report
from aduan.models import (
    GeoPoint,
    HistoryEntry,
    InboundMessage,
    MessageFlag,
    Ticket,
    TicketFlag,
    TicketMessage,
    TicketStatus,
    TriageResult,
)
from aduan.triage import priority_rank, triage

SYSTEM = "sistem"
# A DynamoDB item holds 400 KB; past this many messages a citizen's next message opens a new ticket.
MAX_MESSAGES_PER_TICKET = 60
# A platform clock a little ahead of ours is clamped silently; further ahead, the message is flagged.
CLOCK_SKEW_TOLERANCE = timedelta(minutes=2)
FLOOD_WINDOW = timedelta(minutes=1)

#: Categories that name no incident of their own: a follow-up in one never splits off, and a ticket in
#: one takes the category of the first follow-up that names an incident.
NON_INCIDENT = frozenset({"lainnya", "layanan_polisi"})
#: Categories one incident moves between as the citizen tells more (each set is one family).
RELATED_CATEGORIES: tuple[frozenset[str], ...] = (
    frozenset({"kecelakaan", "lalu_lintas", "kebakaran_bencana"}),
    frozenset({"pencurian", "kekerasan", "penipuan", "gangguan_kamtibmas"}),
    frozenset({"kekerasan", "kdrt_ppa", "orang_hilang"}),
    frozenset({"narkoba", "gangguan_kamtibmas"}),
)
SPLIT_MIN_PRIORITY = "sedang"


def run_triage(text: str, channel: str, location: GeoPoint | None) -> TriageResult:
    result = triage(text, channel=channel, location=(location.lat, location.lon) if location else None)
    return TriageResult(
        category=result.category,
        priority=result.priority,
        area=result.area,
        kelurahan=result.kelurahan,
        sensitive=result.sensitive,
        reasons=tuple(result.reasons),
    )


def own_triage(message: InboundMessage) -> TriageResult:
    """The message triaged alone."""
    return run_triage(message.text, message.channel.value, message.location)


# ---------------------------------------------------------------------------------------- platform data


def clamp_clock(message: InboundMessage, received_at: datetime) -> InboundMessage:
    """`message` with a timestamp no later than the time we received it (a platform clock, or a forged
    timestamp, must not keep a ticket open forever); flagged when it was ahead by more than the tolerance."""
    if message.sent_at <= received_at:
        return message
    update: dict[str, Any] = {"sent_at": received_at}
    if message.sent_at - received_at > CLOCK_SKEW_TOLERANCE and MessageFlag.CLOCK_CLAMPED not in message.flags:
        update["flags"] = (*message.flags, MessageFlag.CLOCK_CLAMPED)
    return message.model_copy(update=update)


def unstorable_reason(message: InboundMessage) -> str | None:
    """Why `message` can never be stored (DynamoDB and JSON take UTF-8 only), naming the field, never
    its content; None when it can be."""
    bad = _unencodable(message.model_dump(mode="python"), "")
    return f"{bad}: text is not valid Unicode (lone surrogate)" if bad is not None else None


def _unencodable(value: Any, path: str) -> str | None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path or "value"
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _unencodable(item, f"{path}.{key}" if path else str(key))
            if found is not None:
                return found
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = _unencodable(item, f"{path}[{index}]")
            if found is not None:
                return found
    return None


# ---------------------------------------------------------------------------------------- flood limit


@dataclass(frozen=True, slots=True)
class RateState:
    """A conversation's recent message times (epoch seconds of receipt), for the flood limit."""

    recent: tuple[float, ...] = ()
    flooding: bool = False
    started: bool = False  # this message started the flood

    @property
    def count(self) -> int:
        return len(self.recent)


def observe_rate(previous: RateState, received_at: datetime, limit: int) -> RateState:
    """The conversation's rate after one more message: flooding while more than `limit` messages
    arrived within a minute. Keeps at most `limit` + 1 times, all the window can need."""
    now = received_at.timestamp()
    horizon = now - FLOOD_WINDOW.total_seconds()
    recent = tuple(sorted(t for t in (*previous.recent, now) if horizon < t <= now))[-(limit + 1) :]
    flooding = len(recent) > limit
    return RateState(recent=recent, flooding=flooding, started=flooding and not previous.flooding)


# ---------------------------------------------------------------------------------------- threading


class Placement(StrEnum):
    JOIN = "join"  # a follow-up to the conversation's open ticket
    NEW = "new"  # no open ticket in the conversation (none yet, closed, or quiet past the window)
    SPLIT = "split"  # a different incident: a new ticket linked to the open one
    OVERFLOW = "overflow"  # the open ticket is full: a new ticket linked to it
    REOPEN = "reopen"  # adds to a resolved ticket's report: it joins and the ticket is open again
    REMARK = "remark"  # a thank-you or a rating after resolution: it joins, the ticket stays resolved


def related(a: str, b: str) -> bool:
    return a == b or any(a in family and b in family for family in RELATED_CATEGORIES)


def is_different_incident(ticket: Ticket, message: InboundMessage, own: TriageResult) -> bool:
    """Does this follow-up report another incident than the ticket's? (The rule is in the module doc.)"""
    if not message.text.strip() or own.category in NON_INCIDENT or ticket.triage.category in NON_INCIDENT:
        return False
    if priority_rank(own.priority) < priority_rank(SPLIT_MIN_PRIORITY):
        return False
    known = {ticket.triage.category, *(m.category for m in ticket.messages if m.category)}
    return not any(related(own.category, category) for category in known)


def place(
    current: Ticket | None, message: InboundMessage, own: TriageResult, window: timedelta, *, flooding: bool
) -> Placement:
    """Where a new message goes. During a flood nothing splits off: every message is kept in the ticket,
    and only a full ticket opens another (marked `dibatasi`: not alerted while the flood goes on, and
    alerted as new by the first message after it)."""
    if current is not None and current.status is TicketStatus.SELESAI:
        return _after_resolution(current, message, window)
    if current is None or not current.is_open or message.sent_at - current.last_message_at > window:
        return Placement.NEW
    if len(current.messages) >= MAX_MESSAGES_PER_TICKET:
        return Placement.OVERFLOW
    if not flooding and is_different_incident(current, message, own):
        return Placement.SPLIT
    return Placement.JOIN


def _after_resolution(ticket: Ticket, message: InboundMessage, window: timedelta) -> Placement:
    """A message to a resolved ticket: within the window of its last change (the resolution, or a later
    remark) it reopens the ticket or joins it as a remark; later, or to a full ticket, it starts anew."""
    if message.sent_at - max(ticket.updated_at, ticket.last_message_at) > window:
        return Placement.NEW
    if len(ticket.messages) >= MAX_MESSAGES_PER_TICKET:
        return Placement.OVERFLOW
    evidence = message.location is not None or bool(message.media)
    if adds_to_report(message.text, message.kind, has_location=message.location is not None, has_media=evidence):
        return Placement.REOPEN
    return Placement.REMARK


def accepts_follow_up(ticket: Ticket, message: InboundMessage, window: timedelta) -> bool:
    """Does the citizen's new message belong to this ticket (open, recent, not full, same incident)?"""
    return place(ticket, message, own_triage(message), window, flooding=False) is Placement.JOIN


# ---------------------------------------------------------------------------------------- tickets


def _ticket_message(message: InboundMessage, received_at: datetime, own: TriageResult) -> TicketMessage:
    return TicketMessage(
        platform_message_id=message.platform_message_id,
        sent_at=message.sent_at,
        received_at=received_at,
        kind=message.kind,
        text=message.text,
        location=message.location,
        media=message.media,
        flags=message.flags,
        account_id=message.account_id if message.media else None,
        category=own.category,
        priority=own.priority,
    )


def _flags(*groups: Iterable[TicketFlag | MessageFlag]) -> tuple[TicketFlag | MessageFlag, ...]:
    return tuple(dict.fromkeys(flag for group in groups for flag in group))


def _flood_entry(now: datetime, rate: RateState) -> HistoryEntry:
    return HistoryEntry(
        at=now,
        actor=SYSTEM,
        action="banjir_pesan",
        detail=f"{rate.count} pesan dalam satu menit dari percakapan ini: semua disimpan, notifikasi dibatasi",
        data={"messages_per_minute": rate.count},
    )


def open_ticket(
    message: InboundMessage,
    ticket_no: str,
    now: datetime,
    received_at: datetime | None = None,
    *,
    own: TriageResult | None = None,
    related_to: str | None = None,
    rate: RateState | None = None,
) -> Ticket:
    """A new ticket for a citizen message that does not belong to an open ticket.

    `related_to` links it to the conversation's previous ticket (a different incident, or a full ticket);
    a ticket opened during a flood is marked `dibatasi` and not alerted on its own.
    """
    result = own or own_triage(message)
    received = received_at or now
    flags: list[TicketFlag | MessageFlag] = []
    history = [
        HistoryEntry(
            at=now,
            actor=SYSTEM,
            action="dibuat",
            detail=f"Tiket dibuat dari pesan {message.channel.value}"
            + (f", terkait tiket {related_to}" if related_to else ""),
            data={
                "category": result.category,
                "priority": result.priority,
                "area": result.area,
                **({"related_to": related_to} if related_to else {}),
            },
        )
    ]
    if rate is not None and rate.flooding:
        flags.append(TicketFlag.THROTTLED)
        if rate.started:
            flags.append(TicketFlag.FLOOD)
            history.append(_flood_entry(now, rate))
    return Ticket(
        ticket_no=ticket_no,
        channel=message.channel,
        citizen=message.citizen,
        conversation_key=message.conversation_key,
        public=message.public,
        related_to=related_to,
        messages=(_ticket_message(message, received, result),),
        location=message.location,
        triage=result,
        created_at=now,
        updated_at=now,
        last_message_at=message.sent_at,
        flags=_flags(flags, message.flags),
        history=tuple(history),
    )


def _retriage(
    ticket: Ticket, messages: tuple[TicketMessage, ...], own: TriageResult, location: GeoPoint | None, *, pinned: bool
) -> TriageResult:
    """The ticket's triage after a message joined or changed: the conversation re-triaged as a whole,
    the message on its own, and the old triage, taking the highest priority of the three.

    A category found in the whole conversation replaces `lainnya`; a ticket with no incident category
    takes the message's own; a location pin (`pinned`) gives the ticket its area.
    """
    text = "\n".join(m.text for m in messages if m.text)
    fresh = run_triage(text, ticket.channel.value, location)
    old = ticket.triage
    priority = max((old.priority, fresh.priority, own.priority), key=priority_rank)
    if old.category in NON_INCIDENT and own.category not in NON_INCIDENT:
        category = own.category
    else:
        category = fresh.category if fresh.category != "lainnya" else old.category
    area = fresh.area if (pinned or old.area is None) and fresh.area else old.area
    kelurahan = fresh.kelurahan if area == fresh.area else old.kelurahan
    reasons = fresh.reasons
    if priority_rank(own.priority) > priority_rank(fresh.priority):
        reasons = (*reasons, *(f"pesan lanjutan: {r}" for r in own.reasons))
    return TriageResult(
        category=category,
        priority=priority,
        area=area,
        kelurahan=kelurahan,
        sensitive=old.sensitive or fresh.sensitive or own.sensitive,
        reasons=reasons,
    )


def _triage_entry(old: TriageResult, new: TriageResult, now: datetime) -> list[HistoryEntry]:
    if (new.category, new.priority, new.area) == (old.category, old.priority, old.area):
        return []
    return [
        HistoryEntry(
            at=now,
            actor=SYSTEM,
            action="triase_diubah",
            detail=f"{old.category}/{old.priority}/{old.area} -> {new.category}/{new.priority}/{new.area}",
            data={
                "from": {"category": old.category, "priority": old.priority, "area": old.area},
                "to": {"category": new.category, "priority": new.priority, "area": new.area},
            },
        )
    ]


def add_follow_up(
    ticket: Ticket,
    message: InboundMessage,
    now: datetime,
    received_at: datetime | None = None,
    *,
    own: TriageResult | None = None,
    rate: RateState | None = None,
) -> Ticket:
    """The ticket with the follow-up joined and re-triaged (see `_retriage`)."""
    own = own or own_triage(message)
    joined = _ticket_message(message, received_at or now, own)
    messages = tuple(sorted((*ticket.messages, joined), key=lambda m: m.sent_at))
    location = message.location or ticket.location
    new_triage = _retriage(ticket, messages, own, location, pinned=message.location is not None)
    history = [
        HistoryEntry(
            at=now,
            actor=SYSTEM,
            action="pesan_ditambah",
            detail=f"Pesan lanjutan ({message.kind})",
            data={"platform_message_id": message.platform_message_id, "priority": own.priority},
        ),
        *_triage_entry(ticket.triage, new_triage, now),
    ]
    flags: list[TicketFlag | MessageFlag] = []
    if rate is not None and rate.started:
        flags.append(TicketFlag.FLOOD)
        history.append(_flood_entry(now, rate))
    kept = ticket.flags
    if rate is not None and not rate.flooding and TicketFlag.THROTTLED in kept:
        # The flood is over: the ticket it opened is alerted like any other from now on.
        kept = tuple(flag for flag in kept if flag is not TicketFlag.THROTTLED)
        history.append(
            HistoryEntry(
                at=now, actor=SYSTEM, action="banjir_selesai", detail="Banjir pesan berhenti; notifikasi normal"
            )
        )
    return ticket.model_copy(
        update={
            "messages": messages,
            "location": location,
            "triage": new_triage,
            "updated_at": now,
            "last_message_at": max(ticket.last_message_at, message.sent_at),
            "version": ticket.version + 1,
            "flags": _flags(kept, flags, message.flags),
            "history": (*ticket.history, *history),
        }
    )


def target_id(message: InboundMessage) -> str:
    """The platform id of the message an edit or removal is about."""
    return message.target_message_id or message.platform_message_id


def _find(ticket: Ticket, platform_message_id: str) -> int:
    for index, stored in enumerate(ticket.messages):
        if stored.platform_message_id == platform_message_id:
            return index
    raise LookupError("the ticket does not hold that message")


def edit_message(ticket: Ticket, message: InboundMessage, now: datetime) -> Ticket:
    """The ticket with a message's text replaced by the citizen's edit and the ticket re-triaged.

    An edit older than the version already stored (platforms do not keep order) is recorded and not
    applied. The previous text stays in the history, as evidence.
    """
    index = _find(ticket, target_id(message))
    stored = ticket.messages[index]
    latest = stored.edited_at or stored.sent_at
    if message.sent_at < latest:
        entry = HistoryEntry(
            at=now,
            actor=SYSTEM,
            action="suntingan_diabaikan",
            detail="Suntingan lebih lama dari versi yang tersimpan",
            data={"platform_message_id": stored.platform_message_id},
        )
        return ticket.model_copy(
            update={"updated_at": now, "version": ticket.version + 1, "history": (*ticket.history, entry)}
        )
    own = own_triage(message)
    edited = stored.model_copy(
        update={
            "text": message.text,
            "edited_at": message.sent_at,
            "category": own.category,
            "priority": own.priority,
            "flags": tuple(dict.fromkeys((*stored.flags, *message.flags))),
        }
    )
    messages = (*ticket.messages[:index], edited, *ticket.messages[index + 1 :])
    new_triage = _retriage(ticket, messages, own, ticket.location, pinned=False)
    history = [
        HistoryEntry(
            at=now,
            actor=SYSTEM,
            action="pesan_disunting",
            detail="Warga menyunting pesannya",
            data={"platform_message_id": stored.platform_message_id, "previous_text": stored.text},
        ),
        *_triage_entry(ticket.triage, new_triage, now),
    ]
    return ticket.model_copy(
        update={
            "messages": messages,
            "triage": new_triage,
            "updated_at": now,
            "version": ticket.version + 1,
            "flags": _flags(ticket.flags, message.flags),
            "history": (*ticket.history, *history),
        }
    )


def remove_message(ticket: Ticket, message: InboundMessage, now: datetime) -> Ticket:
    """The ticket with a message marked removed: kept as evidence, shown as removed, triage unchanged."""
    index = _find(ticket, target_id(message))
    stored = ticket.messages[index]
    removed = stored if stored.removed else stored.model_copy(update={"removed_at": message.sent_at})
    entry = HistoryEntry(
        at=now,
        actor=SYSTEM,
        action="pesan_dihapus",
        detail="Pesan dihapus atau disembunyikan oleh warga atau platform (disimpan sebagai bukti)",
        data={"platform_message_id": stored.platform_message_id},
    )
    return ticket.model_copy(
        update={
            "messages": (*ticket.messages[:index], removed, *ticket.messages[index + 1 :]),
            "updated_at": now,
            "version": ticket.version + 1,
            "history": (*ticket.history, entry),
        }
    )


CITIZEN = "warga"


def reopen_with(
    ticket: Ticket,
    message: InboundMessage,
    now: datetime,
    received_at: datetime | None = None,
    *,
    own: TriageResult | None = None,
    rate: RateState | None = None,
) -> Ticket:
    """A resolved ticket the citizen's follow-up reopens: the message joins (and re-triages it), the status
    goes back to `baru` (the workflow restarts the SLA clock and alerts again from the stream)."""
    joined = add_follow_up(ticket, message, now, received_at, own=own, rate=rate)
    entry = HistoryEntry(
        at=now,
        actor=CITIZEN,
        action="dibuka_kembali",
        detail="Dibuka kembali oleh pesan lanjutan warga setelah selesai",
        data={"platform_message_id": message.platform_message_id},
    )
    return joined.model_copy(update={"status": TicketStatus.BARU, "history": (*joined.history, entry)})


def add_remark(ticket: Ticket, message: InboundMessage, now: datetime, received_at: datetime | None = None) -> Ticket:
    """A thank-you or a rating after resolution: kept with the ticket, which stays resolved and keeps its
    triage (a closing word never raises a priority or re-routes an alert)."""
    own = TriageResult(category="lainnya", priority="rendah")
    joined = _ticket_message(message, received_at or now, own)
    entry = HistoryEntry(
        at=now,
        actor=CITIZEN,
        action="pesan_penutup",
        detail=f"Pesan warga setelah selesai ({message.kind}), tiket tetap selesai",
        data={"platform_message_id": message.platform_message_id},
    )
    return ticket.model_copy(
        update={
            "messages": tuple(sorted((*ticket.messages, joined), key=lambda m: m.sent_at)),
            "updated_at": now,
            "last_message_at": max(ticket.last_message_at, message.sent_at),
            "version": ticket.version + 1,
            "flags": _flags(ticket.flags, message.flags),
            "history": (*ticket.history, entry),
        }
    )
