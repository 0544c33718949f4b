"""Ticket rules: per-message triage, different incidents, the flood limit, clamped clocks, edits, removals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from aduan.alerts import FLOOD_TRIGGER, plan_alert, plan_flood_alert
from aduan.models import (
    CHANNEL_SHORT,
    Channel,
    CitizenIdentity,
    InboundMessage,
    MessageAction,
    MessageFlag,
    Officer,
    TicketFlag,
)
from aduan.notify import Change
from aduan.sms import gsm7_length
from aduan.store import ticket_from_item, ticket_to_item
from aduan.tickets import (
    MAX_MESSAGES_PER_TICKET,
    Placement,
    RateState,
    add_follow_up,
    clamp_clock,
    edit_message,
    observe_rate,
    open_ticket,
    own_triage,
    place,
    remove_message,
    unstorable_reason,
)

NOW = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)
WINDOW = timedelta(hours=24)
THANKS = "Terima kasih pak atas bantuannya kemarin, motor saya sudah ketemu"
CRASH = "Pak tolong ada tabrakan di jl sumbersari, korbannya pingsan berdarah gak sadar"
THEFT = "Pak, motor saya hilang dicuri kemarin sore di parkiran pasar besar, mau lapor"
FIRE = "Pak ada kebakaran rumah di jl bunga kenanga, api besar, warga panik"


def message(
    text: str,
    message_id: str = "m1",
    at: datetime = NOW,
    *,
    channel: Channel = Channel.WHATSAPP,
    conversation_id: str = "",
    public: bool = False,
    action: MessageAction = MessageAction.NEW,
    target: str | None = None,
) -> InboundMessage:
    return InboundMessage(
        channel=channel,
        platform_message_id=message_id,
        citizen=CitizenIdentity(channel=channel, platform_id="citizen-1"),
        conversation_id=conversation_id,
        public=public,
        sent_at=at,
        kind="text",
        text=text,
        action=action,
        target_message_id=target,
    )


def officer(officer_id: str, unit: str) -> Officer:
    return Officer(
        officer_id=officer_id, name=officer_id, unit=unit, unit_name=unit, phone="+628120000000", email="a@b.c"
    )


def test_a_follow_ups_own_priority_counts_even_when_the_conversation_reads_calm() -> None:
    ticket = open_ticket(message(THANKS), "AAA-AAA", NOW)
    assert ticket.triage.priority == "rendah"
    later = add_follow_up(ticket, message(CRASH, "m2", NOW + timedelta(hours=1)), NOW + timedelta(hours=1))
    assert later.triage.priority == "darurat"
    assert later.triage.category == "kecelakaan"  # a ticket with no incident takes the follow-up's
    assert [m.priority for m in later.messages] == ["rendah", "darurat"]
    assert later.messages[1].category == "kecelakaan"


def test_priority_is_never_below_any_message_in_the_ticket() -> None:
    ticket = open_ticket(message(CRASH), "AAA-AAA", NOW)
    for index in range(3):
        ticket = add_follow_up(ticket, message("ok pak terima kasih", f"x{index}", NOW), NOW)
    assert ticket.triage.priority == "darurat"


@pytest.mark.parametrize(
    ("first", "follow_up", "expected"),
    [
        (THEFT, FIRE, Placement.SPLIT),  # a fire is another incident than a stolen motorbike
        (THEFT, "TOLONG pak malingnya bawa celurit mengancam warga, ada yang luka berdarah!!", Placement.JOIN),
        (THANKS, CRASH, Placement.JOIN),  # no incident yet: the crash is what the ticket is about
        (CRASH, "ok pak terima kasih", Placement.JOIN),
        (CRASH, "jalan macet total pak di sumbersari", Placement.JOIN),  # related: crash and traffic
    ],
)
def test_different_incident_rule(first: str, follow_up: str, expected: Placement) -> None:
    ticket = open_ticket(message(first), "AAA-AAA", NOW)
    second = message(follow_up, "m2", NOW + timedelta(minutes=30))
    assert place(ticket, second, own_triage(second), WINDOW, flooding=False) is expected


def test_no_split_during_a_flood_and_a_full_ticket_overflows() -> None:
    ticket = open_ticket(message(THEFT), "AAA-AAA", NOW)
    fire = message(FIRE, "m2", NOW)
    assert place(ticket, fire, own_triage(fire), WINDOW, flooding=True) is Placement.JOIN
    full = ticket.model_copy(update={"messages": ticket.messages * MAX_MESSAGES_PER_TICKET})
    assert place(full, fire, own_triage(fire), WINDOW, flooding=True) is Placement.OVERFLOW
    quiet = message(FIRE, "m3", NOW + WINDOW + timedelta(minutes=1))
    assert place(ticket, quiet, own_triage(quiet), WINDOW, flooding=False) is Placement.NEW


def test_split_ticket_is_linked_and_keeps_the_conversation() -> None:
    first = message(THEFT, conversation_id="c1")
    fire = message(FIRE, "m2", NOW, conversation_id="c1")
    ticket = open_ticket(fire, "BBB-BBB", NOW, related_to="AAA-AAA")
    assert ticket.related_to == "AAA-AAA"
    assert ticket.conversation == first.conversation_key == "whatsapp#c1"
    assert Change("INSERT", ticket, None).triggers == ["dibuat"]


def test_flood_counts_messages_per_minute_of_receipt() -> None:
    state = RateState()
    started = []
    for second in range(25):
        state = observe_rate(state, NOW + timedelta(seconds=second), limit=20)
        started.append(state.started)
    assert state.flooding
    assert started.count(True) == 1 and started.index(True) == 20  # the 21st message starts it
    assert len(state.recent) == 21  # never more than the window needs
    calm = observe_rate(state, NOW + timedelta(minutes=5), limit=20)
    assert (calm.flooding, calm.count) == (False, 1)


def test_flood_flags_the_ticket_once_and_the_desk_is_alerted_once() -> None:
    ticket = open_ticket(message(THEFT), "AAA-AAA", NOW)
    start = RateState(recent=(1.0,) * 21, flooding=True, started=True)
    flooded = add_follow_up(ticket, message("halo", "m2"), NOW, rate=start)
    assert TicketFlag.FLOOD in flooded.flags
    assert [h.action for h in flooded.history].count("banjir_pesan") == 1
    assert Change("MODIFY", flooded, ticket).triggers == [FLOOD_TRIGGER]
    more = add_follow_up(flooded, message("halo", "m3"), NOW, rate=RateState(flooding=True))
    assert Change("MODIFY", more, flooded).triggers == []  # no repeats
    overflow = open_ticket(message(THEFT, "m4"), "CCC-CCC", NOW, related_to="AAA-AAA", rate=RateState(flooding=True))
    assert TicketFlag.THROTTLED in overflow.flags
    assert Change("INSERT", overflow, None).triggers == []  # opened during the flood: not alerted
    fire = add_follow_up(overflow, message(FIRE, "m5"), NOW, rate=RateState(flooding=True))
    assert fire.triage.priority == "darurat"
    assert Change("MODIFY", fire, overflow).triggers == []  # nor when the flood raises its priority
    calm = add_follow_up(fire, message("halo", "m6"), NOW + timedelta(minutes=5), rate=RateState())
    assert TicketFlag.THROTTLED not in calm.flags
    assert Change("MODIFY", calm, fire).triggers == ["dibuat"]  # the flood is over: alerted now, once

    desk = [officer("desk", "polresta")]
    plan = plan_flood_alert(flooded, lambda unit: desk if unit == "polresta" else [], NOW)
    assert plan.units == ("polresta",)
    assert [o.officer_id for o in plan.sms_recipients] == ["desk"]
    assert plan.sms_text is not None and plan.sms_text.startswith("ADUAN BANJIR PESAN AAA-AAA via WA")
    assert gsm7_length(plan.sms_text) <= 160


def test_future_timestamp_is_clamped_to_the_time_of_receipt_and_flagged() -> None:
    future = message(CRASH, at=datetime(3000, 1, 1, tzinfo=UTC))
    clamped = clamp_clock(future, NOW)
    assert clamped.sent_at == NOW
    assert clamped.flags == (MessageFlag.CLOCK_CLAMPED,)
    slightly = clamp_clock(message(CRASH, at=NOW + timedelta(seconds=30)), NOW)
    assert (slightly.sent_at, slightly.flags) == (NOW, ())  # a skewed clock, silently
    assert clamp_clock(message(CRASH), NOW + timedelta(hours=1)).sent_at == NOW
    ticket = open_ticket(clamped, "AAA-AAA", NOW)
    assert ticket.last_message_at == NOW
    assert MessageFlag.CLOCK_CLAMPED in ticket.flags


def test_text_that_is_not_unicode_is_named_by_field_not_content() -> None:
    assert unstorable_reason(message("ok \ud800 tolong")) == "text: text is not valid Unicode (lone surrogate)"
    assert unstorable_reason(message("ok 🚨 tolong")) is None


def test_edit_replaces_the_text_retriages_and_keeps_the_old_text_as_history() -> None:
    ticket = open_ticket(message("halo pak"), "AAA-AAA", NOW)
    edit = message(CRASH, "m1", NOW + timedelta(minutes=1), action=MessageAction.EDIT, target="m1")
    edited = edit_message(ticket, edit, NOW)
    assert len(edited.messages) == 1
    assert edited.messages[0].text == CRASH
    assert edited.messages[0].edited_at == edit.sent_at
    assert edited.triage.priority == "darurat"
    [entry] = [h for h in edited.history if h.action == "pesan_disunting"]
    assert entry.data["previous_text"] == "halo pak"
    older = message("versi lama", "m1", NOW, action=MessageAction.EDIT, target="m1")
    assert edit_message(edited, older, NOW).messages[0].text == CRASH  # an out-of-order edit is not applied
    calmer = message("maaf salah kirim", "m1", NOW + timedelta(minutes=2), action=MessageAction.EDIT, target="m1")
    assert edit_message(edited, calmer, NOW).triage.priority == "darurat"  # never lowered automatically


def test_removed_message_is_kept_and_shown_as_removed() -> None:
    ticket = open_ticket(message(CRASH), "AAA-AAA", NOW)
    removed = remove_message(ticket, message("", "m1", NOW, action=MessageAction.REMOVE, target="m1"), NOW)
    assert removed.messages[0].removed and removed.messages[0].text == CRASH
    assert removed.triage == ticket.triage
    assert removed.history[-1].action == "pesan_dihapus"
    roster = [officer("desk", "polresta"), officer("lw", "lowokwaru")]
    plan = plan_alert(removed, "dibuat", lambda unit: [o for o in roster if o.unit == unit], NOW)
    assert "[dihapus]" in plan.email_body


def test_public_comment_and_dm_are_two_conversations_and_public_is_on_the_ticket() -> None:
    dm = message(CRASH, "d1", channel=Channel.INSTAGRAM)
    comment = message(CRASH, "c1", channel=Channel.INSTAGRAM, conversation_id="comment:media-9:citizen-1", public=True)
    assert dm.conversation_key != comment.conversation_key
    ticket = open_ticket(comment, "AAA-AAA", NOW)
    assert ticket.public and ticket.conversation == comment.conversation_key
    plan = plan_alert(ticket, "dibuat", lambda unit: [officer("desk", unit)], NOW)
    assert "publik" in plan.email_body
    assert plan.sms_text is not None and "via IG:" in plan.sms_text


def test_new_fields_survive_the_stored_shape() -> None:
    ticket = open_ticket(
        message(CRASH, at=datetime(3000, 1, 1, tzinfo=UTC)), "AAA-AAA", NOW, related_to="ZZZ-ZZZ"
    ).model_copy(update={"flags": (TicketFlag.FLOOD, MessageFlag.INVALID_LOCATION)})
    assert ticket_from_item(ticket_to_item(ticket)) == ticket
    legacy = ticket_to_item(ticket)
    for name in ("conversation_key", "flags", "related_to", "public"):
        legacy.pop(name, None)
    old = ticket_from_item(legacy)
    assert old.conversation == "whatsapp#citizen-1"  # tickets stored before: the citizen's direct conversation


@pytest.mark.parametrize("channel", list(Channel))
def test_every_channel_has_a_short_sms_label(channel: Channel) -> None:
    assert channel in CHANNEL_SHORT
    ticket = open_ticket(message(CRASH, channel=channel), "AAA-AAA", NOW)
    plan = plan_alert(ticket, "dibuat", lambda unit: [officer("o", unit)], NOW)
    assert plan.sms_text is not None and f"via {CHANNEL_SHORT[channel]}:" in plan.sms_text
