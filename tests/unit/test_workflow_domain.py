"""The lifecycle state machine, SLA clocks and ladder, acknowledgement links, visibility and SMS texts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from aduan.domain import ack_link
from aduan.domain.access import Principal, View
from aduan.domain.sla import Rung, SlaPolicy, parse_durations, rung, waited_text
from aduan.domain.workflow import (
    Action,
    CloseReason,
    EventType,
    IllegalTransition,
    Subject,
    WorkflowError,
    allowed_actions,
    decide,
    transition,
)
from aduan.domain.workflow_texts import alert_sms_with_link, escalation_sms
from aduan.models import TicketStatus as S
from aduan.sms import SMS_LIMIT, compose_with_link, gsm7_length

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
TICKET = Subject.ticket("K7M-4QX")


# ---------------------------------------------------------------- state machine
@pytest.mark.parametrize(
    ("status", "action", "target"),
    [
        (S.BARU, Action.ACK, S.DITERIMA),
        (S.BARU, Action.ASSIGN, S.DITANGANI),
        (S.DITERIMA, Action.ASSIGN, S.DITANGANI),
        (S.DITANGANI, Action.ASSIGN, S.DITANGANI),
        (S.DITANGANI, Action.RESOLVE, S.SELESAI),
        (S.DITERIMA, Action.CLOSE, S.DITUTUP),
        (S.SELESAI, Action.REOPEN, S.BARU),
        (S.DITUTUP, Action.REOPEN, S.BARU),
    ],
)
def test_legal_transitions(status: S, action: Action, target: S) -> None:
    assert decide(status, action) is target


@pytest.mark.parametrize(
    ("status", "action", "code"),
    [
        (S.DITERIMA, Action.ACK, "already_acknowledged"),
        (S.DITANGANI, Action.ACK, "already_acknowledged"),
        (S.SELESAI, Action.ACK, "illegal_transition"),
        (S.DITUTUP, Action.RESOLVE, "illegal_transition"),
        (S.SELESAI, Action.CLOSE, "illegal_transition"),
        (S.BARU, Action.REOPEN, "illegal_transition"),
        (S.DITANGANI, Action.REOPEN, "illegal_transition"),
    ],
)
def test_illegal_transitions_raise_with_a_reason(status: S, action: Action, code: str) -> None:
    with pytest.raises(IllegalTransition) as caught:
        decide(status, action)
    assert caught.value.code == code
    assert caught.value.message  # an officer-facing text
    assert caught.value.details == {"status": status.value, "action": action.value}


def test_every_status_has_a_way_forward_and_finished_ones_only_reopen() -> None:
    for status in S:
        assert allowed_actions(status)
    assert allowed_actions(S.SELESAI) == [Action.REOPEN]
    assert allowed_actions(S.DITUTUP) == [Action.REOPEN]


def test_transition_emits_one_event_with_actor_and_details() -> None:
    t = transition(TICKET, S.BARU, Action.ASSIGN, actor="piket-01", at=NOW, assignee="lowokwaru-01")
    assert t.to_status is S.DITANGANI and t.stops_escalation
    assert t.event.type is EventType.ASSIGNED
    assert (t.event.actor, t.event.at, t.event.ticket_no) == ("piket-01", NOW, "K7M-4QX")
    assert t.event.details == {"assignee": "lowokwaru-01"}


def test_transitions_need_what_they_record() -> None:
    with pytest.raises(WorkflowError, match="Catatan"):
        transition(TICKET, S.DITANGANI, Action.RESOLVE, actor="a", at=NOW, note="  ")
    with pytest.raises(WorkflowError) as caught:
        transition(TICKET, S.BARU, Action.CLOSE, actor="a", at=NOW)
    assert caught.value.code == "reason_required"
    with pytest.raises(WorkflowError):
        transition(TICKET, S.BARU, Action.ASSIGN, actor="a", at=NOW)
    closed = transition(TICKET, S.BARU, Action.CLOSE, actor="a", at=NOW, reason=CloseReason.SPAM)
    assert closed.event.details == {"reason": "spam"} and closed.stops_escalation


def test_reopen_restarts_the_clock_and_a_reassignment_does_not_stop_it_twice() -> None:
    reopened = transition(TICKET, S.SELESAI, Action.REOPEN, actor="a", at=NOW)
    assert reopened.restarts_clock and not reopened.stops_escalation
    again = transition(TICKET, S.DITANGANI, Action.ASSIGN, actor="a", at=NOW, assignee="b")
    assert not again.stops_escalation


def test_subject_keys_leave_room_for_incidents() -> None:
    assert TICKET.pk == "TICKET#K7M-4QX"
    assert Subject("incident", "INC-1").pk == "INCIDENT#INC-1"


# ---------------------------------------------------------------- SLA and ladder
def test_default_acknowledgement_deadlines() -> None:
    policy = SlaPolicy()
    assert policy.ack_due(NOW, "darurat") - NOW == timedelta(minutes=5)
    assert policy.ack_due(NOW, "tinggi") - NOW == timedelta(minutes=15)
    assert policy.ack_due(NOW, "sedang") - NOW == timedelta(hours=4)
    assert policy.ack_due(NOW, "rendah") - NOW == timedelta(hours=24)
    assert policy.resolve_due(NOW, "darurat") > policy.ack_due(NOW, "darurat")


def test_speedup_shortens_every_duration() -> None:
    policy = SlaPolicy.from_env({"SLA_SPEEDUP": "60"})
    assert policy.ack_interval("darurat") == timedelta(seconds=5)
    assert policy.step_due(NOW, "darurat", 2) - NOW == timedelta(seconds=10)
    assert policy.resolve_interval("darurat") == timedelta(minutes=2)


def test_durations_from_the_environment() -> None:
    policy = SlaPolicy.from_env({"SLA_ACK_MINUTES": "darurat=3, tinggi=10", "SLA_RESOLVE_HOURS": "rendah=48"})
    assert policy.ack_interval("darurat") == timedelta(minutes=3)
    assert policy.ack_interval("sedang") == timedelta(hours=4)
    assert policy.resolve_interval("rendah") == timedelta(hours=48)
    with pytest.raises(ValueError, match="unknown priority"):
        parse_durations("urgent=5", timedelta(minutes=1), {})
    with pytest.raises(ValueError, match="positive"):
        SlaPolicy.from_env({"SLA_SPEEDUP": "0"})


def test_the_ladder_climbs_then_repeats_the_last_rung() -> None:
    assert [rung(n) for n in range(5)] == [
        Rung.OFFICERS_ON_DUTY,
        Rung.SUPERVISOR,
        Rung.COMMANDER,
        Rung.COMMANDER,
        Rung.COMMANDER,
    ]


def test_next_step_keeps_the_schedule_but_never_fires_in_the_past() -> None:
    policy = SlaPolicy()
    on_time = NOW + timedelta(minutes=5, seconds=20)
    assert policy.next_due(NOW, "darurat", 1, on_time) == NOW + timedelta(minutes=10)
    late = NOW + timedelta(minutes=30)  # the sweep was down for a while
    assert policy.next_due(NOW, "darurat", 1, late) == late + timedelta(minutes=5)


def test_waited_text() -> None:
    assert waited_text(timedelta(seconds=7)) == "7 dtk"
    assert waited_text(timedelta(minutes=5, seconds=59)) == "5 mnt"
    assert waited_text(timedelta(hours=2, minutes=5)) == "2 jam 5 mnt"
    assert waited_text(timedelta(days=3)) == "3 hari"


# ---------------------------------------------------------------- acknowledgement links
def test_tokens_are_long_random_and_stored_only_hashed() -> None:
    token, grant = ack_link.AckGrant.issue(TICKET, "lowokwaru-01", NOW)
    assert len(token) == 16 and ack_link.well_formed(token)
    assert grant.token_hash == ack_link.token_hash(token) != token
    assert token not in repr(grant)
    assert grant.expires_at - NOW == timedelta(hours=24)
    tokens = {ack_link.new_token() for _ in range(1000)}
    assert len(tokens) == 1000


def test_link_states() -> None:
    _, grant = ack_link.AckGrant.issue(TICKET, "lowokwaru-01", NOW)
    assert ack_link.check(grant, S.BARU, NOW) is ack_link.LinkState.VALID
    assert ack_link.check(grant, S.DITERIMA, NOW) is ack_link.LinkState.VALID  # the page says who took it
    assert ack_link.check(grant, S.BARU, NOW + timedelta(hours=24)) is ack_link.LinkState.EXPIRED
    assert ack_link.check(grant, S.SELESAI, NOW) is ack_link.LinkState.FINISHED
    assert ack_link.check(grant, S.DITUTUP, NOW) is ack_link.LinkState.FINISHED
    assert ack_link.check(None, None, NOW) is ack_link.LinkState.UNKNOWN
    assert not ack_link.well_formed("../../etc/passwd")
    assert not ack_link.well_formed("a" * 17)


# ---------------------------------------------------------------- visibility
def test_visibility_rules() -> None:
    piket = Principal("piket-01", frozenset({"piket"}))
    polsek = Principal("klojen-01", frozenset({"polsek_klojen"}))
    ppa = Principal("ppa-01", frozenset({"ppa"}))
    propam = Principal("propam-01", frozenset({"propam"}))
    boss = Principal("kapolresta", frozenset({"pimpinan"}))
    assert polsek.view("pencurian", "klojen") is View.FULL
    assert polsek.view("pencurian", "sukun") is View.NONE
    assert polsek.view("kdrt_ppa", "klojen") is View.NONE
    assert piket.view("kdrt_ppa", "klojen") is View.REDACTED
    assert piket.view("pencurian", None) is View.FULL
    assert ppa.view("kdrt_ppa", "sukun") is View.FULL
    assert ppa.view("pengaduan_petugas", "sukun") is View.REDACTED
    assert propam.view("pengaduan_petugas", None) is View.FULL
    assert boss.view("kdrt_ppa", None) is View.FULL and boss.view("pengaduan_petugas", None) is View.FULL
    assert polsek.list_areas() == {"klojen"} and piket.list_areas() is None
    assert piket.may_file and not polsek.may_file
    assert Principal("x", frozenset()).view("pencurian", "klojen") is View.NONE


# ---------------------------------------------------------------- SMS with a link
LINKS = [
    "http://127.0.0.1:3000/a/AbCdEfGhIjKlMnOp",
    "https://abcdefghij.execute-api.ap-southeast-3.amazonaws.com/a/AbCdEfGhIjKlMnOp",
]
LONG = "Tolong pak!! ada tabrakan motor sama truk di jl sumbersari dekat kampus, korbannya berdarah 😭 " * 3


@pytest.mark.parametrize("link", LINKS)
@pytest.mark.parametrize("snippet", ["", "tolong", LONG])
@pytest.mark.parametrize("area", ["lowokwaru", None])
def test_alert_sms_keeps_number_priority_link_in_one_message(link: str, snippet: str, area: str | None) -> None:
    text = alert_sms_with_link(
        ticket_no="K7M-4QX",
        priority="darurat",
        category="kebakaran_bencana",
        area=area,
        channel_short="TikTok",
        snippet=snippet,
        link=link,
    )
    assert gsm7_length(text) <= SMS_LIMIT
    assert text.startswith("ADUAN DARURAT K7M-4QX")
    assert text.endswith(" " + link)


def test_the_snippet_shrinks_before_anything_else_goes() -> None:
    text = alert_sms_with_link(
        ticket_no="K7M-4QX",
        priority="darurat",
        category="kecelakaan",
        area="lowokwaru",
        channel_short="WA",
        snippet=LONG,
        link=LINKS[0],
    )
    assert text.startswith('ADUAN DARURAT K7M-4QX Kecelakaan, Lowokwaru, via WA: "Tolong pak!!')
    assert '..." http' in text and len(text) >= 150


def test_a_long_link_drops_the_snippet_then_optional_parts() -> None:
    link = "https://" + "x" * 100 + "/a/AbCdEfGhIjKlMnOp"
    text = compose_with_link("ADUAN DARURAT K7M-4QX", ("Kecelakaan,", "Lowokwaru,", "via WA:"), LONG, link)
    assert '"' not in text and text.startswith("ADUAN DARURAT K7M-4QX") and text.endswith(link)
    assert gsm7_length(text) <= SMS_LIMIT
    with pytest.raises(ValueError, match="do not fit"):
        compose_with_link("ADUAN DARURAT K7M-4QX", (), "", "https://" + "x" * 150)


def test_escalation_sms_says_so_and_how_long_it_waited() -> None:
    text = escalation_sms(
        ticket_no="K7M-4QX",
        priority="darurat",
        step=2,
        waited="10 mnt",
        category="kdrt_ppa",
        area="sukun",
        snippet="suami saya memukul",
        link=LINKS[1],
        sensitive=True,
    )
    assert text.startswith("ESKALASI 2 DARURAT K7M-4QX blm diterima 10 mnt.")
    assert "memukul" not in text and text.endswith(LINKS[1]) and gsm7_length(text) <= SMS_LIMIT


def test_add_link_shrinks_the_snippet_of_an_existing_alert() -> None:
    from aduan.sms import add_link, alert_sms

    text = alert_sms(
        ticket_no="K7M-4QX",
        priority="darurat",
        category="kecelakaan",
        area="lowokwaru",
        channel_short="WA",
        snippet=LONG,
    )
    linked = add_link(text, LINKS[1])
    assert linked.startswith('ADUAN DARURAT K7M-4QX Kecelakaan, Lowokwaru, via WA: "Tolong')
    assert linked.endswith(" " + LINKS[1]) and gsm7_length(linked) <= SMS_LIMIT
    assert add_link("ADUAN BANJIR PESAN K7M-4QX", LINKS[0]) == "ADUAN BANJIR PESAN K7M-4QX " + LINKS[0]
    long_head = "ADUAN BANJIR PESAN K7M-4QX " + "x" * 100  # no room for a link: the alert still goes, without it
    assert add_link(long_head, LINKS[1]) == long_head
