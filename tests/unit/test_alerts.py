"""Alert routing, duty shifts and alert texts (pure)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from aduan.alerts import DUTY_DESK, on_shift, plan_alert, target_units
from aduan.channels.whatsapp.parser import parse
from aduan.models import Officer, Shift, TriageResult
from aduan.sms import gsm7_length
from aduan.tickets import open_ticket
from tests.support import load_raw

# 2026-11-28 is a Saturday (weekday 5). 19:00 UTC is 02:00 WIB on Sunday.
SAT_10_WIB = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)
SUN_02_WIB = datetime(2026, 11, 28, 19, 0, tzinfo=UTC)


def officer(officer_id: str, unit: str, shifts: tuple[Shift, ...] = (Shift(),), active: bool = True) -> Officer:
    return Officer(
        officer_id=officer_id,
        name=f"Petugas {officer_id}",
        unit=unit,
        unit_name=unit,
        phone="+62812990" + str(sum(map(ord, officer_id))).zfill(5),
        email=f"{officer_id}@polisi.example",
        shifts=shifts,
        active=active,
    )


@pytest.mark.parametrize(
    ("category", "priority", "area", "units"),
    [
        ("kecelakaan", "tinggi", "lowokwaru", ["lowokwaru"]),
        ("kecelakaan", "darurat", "lowokwaru", ["lowokwaru", DUTY_DESK]),
        ("pencurian", "sedang", None, [DUTY_DESK]),
        ("pencurian", "tinggi", "luar_kota", [DUTY_DESK]),
        ("pengaduan_petugas", "sedang", "klojen", ["propam", DUTY_DESK]),
        ("pengaduan_petugas", "darurat", "sukun", ["propam", DUTY_DESK]),
        ("kdrt_ppa", "tinggi", "sukun", ["ppa"]),
        ("kdrt_ppa", "darurat", "sukun", ["ppa", "sukun"]),
        ("kdrt_ppa", "darurat", None, ["ppa", DUTY_DESK]),
    ],
)
def test_routing(category: str, priority: str, area: str | None, units: list[str]) -> None:
    assert target_units(category, priority, area) == units


def test_complaints_about_officers_never_reach_only_their_polsek() -> None:
    for area in ("klojen", "blimbing", "kedungkandang", "lowokwaru", "sukun"):
        assert area not in target_units("pengaduan_petugas", "tinggi", area)


@pytest.mark.parametrize(
    ("shift", "moment", "expected"),
    [
        (Shift(days=(5,), start="07:00", end="15:00"), SAT_10_WIB, True),
        (Shift(days=(6,), start="07:00", end="15:00"), SAT_10_WIB, False),
        (Shift(days=(5,), start="22:00", end="06:00"), SUN_02_WIB, True),  # Saturday's night shift
        (Shift(days=(6,), start="22:00", end="06:00"), SUN_02_WIB, False),
        (Shift(days=(5,), start="15:00", end="23:00"), SAT_10_WIB, False),
        (Shift(), SUN_02_WIB, True),
    ],
)
def test_shifts_in_local_time(shift: Shift, moment: datetime, expected: bool) -> None:
    assert on_shift(shift, moment) is expected


def _ticket(priority: str, category: str, area: str | None, sensitive: bool = False):  # type: ignore[no-untyped-def]
    message = parse(load_raw("whatsapp/text_urgent.json")).messages[0]
    ticket = open_ticket(message, "K7M-4QX", SAT_10_WIB)
    return ticket.model_copy(
        update={"triage": TriageResult(category=category, priority=priority, area=area, sensitive=sensitive)}
    )


def test_urgent_ticket_goes_by_sms_to_on_duty_officers_and_by_email() -> None:
    day = Shift(days=(5,), start="07:00", end="15:00")
    night = Shift(days=(5,), start="15:00", end="23:00")
    roster = {
        "lowokwaru": [
            officer("lw-day", "lowokwaru", (day,)),
            officer("lw-night", "lowokwaru", (night,)),
            officer("lw-off", "lowokwaru", (day,), active=False),
        ],
        DUTY_DESK: [officer("desk", DUTY_DESK)],
    }
    plan = plan_alert(_ticket("darurat", "kecelakaan", "lowokwaru"), "dibuat", lambda u: roster.get(u, []), SAT_10_WIB)
    assert [o.officer_id for o in plan.sms_recipients] == ["lw-day", "desk"]
    assert {o.officer_id for o in plan.email_recipients} == {"lw-day", "lw-night", "desk"}
    assert plan.sms_text is not None and gsm7_length(plan.sms_text) <= 160
    assert plan.sms_text.startswith("ADUAN DARURAT K7M-4QX Kecelakaan, Lowokwaru, via WA:")
    assert plan.email_subject.startswith("[Aduan DARURAT] K7M-4QX")
    assert "tabrakan" in plan.email_body


def test_routine_ticket_is_email_only() -> None:
    roster = {"klojen": [officer("kl", "klojen")]}
    plan = plan_alert(_ticket("sedang", "lalu_lintas", "klojen"), "dibuat", lambda u: roster.get(u, []), SAT_10_WIB)
    assert plan.sms_recipients == ()
    assert plan.sms_text is None
    assert [o.officer_id for o in plan.email_recipients] == ["kl"]


def test_nobody_on_duty_falls_back_to_the_duty_desk_then_to_everyone_there() -> None:
    off = (Shift(days=(0,), start="07:00", end="08:00"),)
    roster = {"sukun": [officer("sk", "sukun", off)], DUTY_DESK: [officer("desk", DUTY_DESK, off)]}
    plan = plan_alert(_ticket("tinggi", "pencurian", "sukun"), "dibuat", lambda u: roster.get(u, []), SAT_10_WIB)
    assert [o.officer_id for o in plan.sms_recipients] == ["desk"]
    assert len(plan.notes) == 2


def test_sensitive_ticket_withholds_the_text() -> None:
    roster = {"ppa": [officer("ppa", "ppa")], "sukun": [officer("sk", "sukun")]}
    plan = plan_alert(
        _ticket("darurat", "kdrt_ppa", "sukun", sensitive=True), "dibuat", lambda u: roster.get(u, []), SAT_10_WIB
    )
    assert [o.officer_id for o in plan.sms_recipients] == ["ppa", "sk"]
    assert plan.sms_text is not None and "tabrakan" not in plan.sms_text
    assert "tabrakan" not in plan.email_body
    assert "dibatasi" in plan.email_body


def test_raised_priority_says_so() -> None:
    roster = {"lowokwaru": [officer("lw", "lowokwaru")]}
    plan = plan_alert(
        _ticket("tinggi", "kecelakaan", "lowokwaru"), "naik-tinggi", lambda u: roster.get(u, []), SAT_10_WIB
    )
    assert plan.sms_text is not None and plan.sms_text.startswith("ADUAN NAIK TINGGI")
    assert "Prioritas naik" in plan.email_subject


def test_sms_quotes_the_citizen_before_a_location_label_and_the_newest_message_when_raised() -> None:
    from aduan.tickets import add_follow_up

    first, pin = (
        parse(load_raw("whatsapp/location_pin.json")).messages[0],
        parse(load_raw("whatsapp/text_urgent.json")).messages[0],
    )
    ticket = add_follow_up(open_ticket(first, "K7M-4QX", SAT_10_WIB), pin, SAT_10_WIB)
    roster = {"lowokwaru": [officer("lw", "lowokwaru")], DUTY_DESK: [officer("desk", DUTY_DESK)]}
    plan = plan_alert(ticket, "naik-darurat", lambda u: roster.get(u, []), SAT_10_WIB)
    assert plan.sms_text is not None
    assert 'via WA: "Tolong pak!! ada tabrakan' in plan.sms_text
    assert "Kota Malang" not in plan.sms_text


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (SAT_10_WIB, {"lowokwaru-01", "polresta-01"}),  # the day shift, 07:00-19:00 WIB
        (SUN_02_WIB, {"lowokwaru-02", "polresta-02"}),  # the night shift, past midnight
        (datetime(2026, 11, 28, 11, 59, tzinfo=UTC), {"lowokwaru-01", "polresta-01"}),  # 18:59 WIB
        (datetime(2026, 11, 28, 12, 0, tzinfo=UTC), {"lowokwaru-02", "polresta-02"}),  # 19:00 WIB: handover
    ],
)
def test_the_demo_roster_alerts_only_the_officers_on_shift(moment: datetime, expected: set[str]) -> None:
    from devstack.seed import demo_roster

    roster = demo_roster()
    units = {o.unit for o in roster}
    assert all(sum(o.unit == unit for o in roster) >= 2 for unit in units)  # two per unit, different shifts
    plan = plan_alert(
        _ticket("darurat", "kecelakaan", "lowokwaru"),
        "dibuat",
        lambda unit: [o for o in roster if o.unit == unit],
        moment,
    )
    assert {o.officer_id for o in plan.sms_recipients} == expected
    assert not plan.notes  # somebody on duty in each unit: no fallback
