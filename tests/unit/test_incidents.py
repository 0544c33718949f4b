"""The incident rule: safety first (sensitive cases alone, priorities never lowered, new danger alerts
again), then the look-alikes of the labelled set, and the rule's figures on the development set."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from aduan.domain import incidents as inc
from aduan.triage import triage

T0 = datetime(2026, 11, 10, 0, 5, tzinfo=UTC)  # 07:05 WIB
SUHAT = (-7.9365, 112.6262)


def report(no: str, text: str, minutes: float = 0, point: tuple[float, float] | None = None) -> inc.Report:
    at = T0 + timedelta(minutes=minutes)
    return inc.report_from(no, text, at, "whatsapp", triage(text, location=point), point)


def cluster(*reports: inc.Report) -> list[inc.Incident]:
    """Replay reports in order against every open incident (the index is tested elsewhere)."""
    out: dict[str, inc.Incident] = {}
    for r in reports:
        d = inc.decide(r, list(out.values()))
        if d.incident_id is None:
            out[f"I{len(out) + 1}"] = inc.Incident.open_with(f"I{len(out) + 1}", r)
        else:
            out[d.incident_id] = out[d.incident_id].with_report(r)
    return list(out.values())


def open_incident(r: inc.Report) -> inc.Incident:
    return inc.Incident.open_with("I1", r)


CRASH = "tolong ada tabrakan motor N 4521 AB sama truk di jl suhat depan Polinema, korbane berdarah"


# ------------------------------------------------------------------------------------------ safety


@pytest.mark.parametrize(
    "text",
    [
        "tolong suami saya mukul saya di rumah jl suhat, sekarang",
        "ada oknum polisi di razia jl suhat minta uang damai 100rb, ga dikasih surat tilang",
    ],
)
def test_a_sensitive_report_never_joins_even_at_the_same_spot_and_minute(text: str) -> None:
    first = report("T1", "macet parah di jl suhat ada razia, ada tabrakan motor", 0, SUHAT)
    sensitive = report("T2", text, 1, SUHAT)
    assert sensitive.sensitive
    decision = inc.decide(sensitive, [open_incident(first)])
    assert decision.incident_id is None
    assert "sensitif" in decision.considered[0].reasons[0]


def test_nothing_joins_an_incident_that_holds_a_sensitive_case() -> None:
    kdrt = report("T1", "tetangga gg 3 Bunulrejo dipukuli suaminya, teriak2 minta tolong", 0)
    noise = report("T2", "ada ribut2 di rumah gg 3 Bunulrejo, ada yang teriak2 sama barang pecah", 2)
    assert kdrt.sensitive and not noise.sensitive
    assert inc.decide(noise, [open_incident(kdrt)]).incident_id is None
    assert len(cluster(kdrt, noise)) == 2
    # an officer merged a household's case into a fight at the same house: no report joins that incident
    fight = report("T3", "ada perkelahian di rumah gg 3 Bunulrejo, warga teriak2 minta tolong", 0)
    held = open_incident(fight).merged_with(inc.Incident.open_with("I9", kdrt))
    again = report("T4", "ada perkelahian lagi di rumah gg 3 Bunulrejo, rame teriak2 minta tolong", 3)
    assert inc.assess(again, open_incident(fight)).joins
    decision = inc.decide(again, [held])
    assert decision.incident_id is None and "sensitif" in decision.considered[0].reasons[0]


def test_joining_never_lowers_the_incident_priority_and_the_report_keeps_its_own() -> None:
    urgent = report("T1", CRASH, 0, SUHAT)
    minor = report("T2", "jl suhat macet total gara2 ada kecelakaan depan Polinema", 3, SUHAT)
    assert urgent.priority == "darurat" and inc.rank(minor.priority) < inc.rank("darurat")
    decision = inc.decide(minor, [open_incident(urgent)])
    assert decision.incident_id == "I1" and not decision.raised
    joined = open_incident(urgent).with_report(minor)
    assert joined.priority == "darurat"
    assert minor.priority != "darurat"  # the joining report's own triage is untouched


def test_a_higher_priority_report_raises_the_incident_and_alerts_again() -> None:
    jam = report("T1", "jl suhat macet total ada kecelakaan depan Polinema", 0, SUHAT)
    worse = report("T2", "korban laka di jl suhat depan Polinema meninggal, tolong cepat", 4, SUHAT)
    assert inc.rank(worse.priority) > inc.rank(jam.priority)
    decision = inc.decide(worse, [open_incident(jam)])
    assert decision.incident_id == "I1" and decision.raised and decision.alerts_again
    assert open_incident(jam).with_report(worse).priority == worse.priority
    assert any("prioritas insiden naik" in r for r in decision.reasons)


def test_new_danger_at_the_same_priority_alerts_again() -> None:
    fight = report("T1", "ada tawuran pelajar di pasar Gadang, rame banget, tolong", 0)
    weapon = report("T2", "tawuran di pasar Gadang ada yg bawa celurit!! satu anak kena bacok", 3)
    decision = inc.decide(weapon, [open_incident(fight)])
    assert decision.incident_id == "I1"
    assert "senjata" in decision.new_danger and decision.alerts_again
    assert any("bahaya baru" in r for r in decision.reasons)


def test_a_repeated_report_of_known_danger_does_not_alert_again() -> None:
    first = report("T1", CRASH, 0, SUHAT)
    again = report("T2", "laka di Jl. Soekarno Hatta depan Polinema, motor N 4521 AB, korbannya berdarah", 2)
    decision = inc.decide(again, [open_incident(first)])
    assert decision.incident_id == "I1" and not decision.alerts_again


def test_non_events_never_join() -> None:
    first = report("T1", CRASH, 0, SUHAT)
    chat = report("T2", "terima kasih pak polisi jl suhat", 1, SUHAT)
    assert inc.decide(chat, [open_incident(first)]).incident_id is None


def test_a_closed_incident_takes_no_reports() -> None:
    first = report("T1", CRASH, 0, SUHAT)
    closed = inc.Incident.open_with("I1", first)
    closed = inc.Incident.from_dict({**closed.to_dict(), "open": False})
    assert inc.decide(report("T2", CRASH.replace("tolong", "lapor"), 1, SUHAT), [closed]).incident_id is None


# ------------------------------------------------------------------------------------------ look-alikes


def test_one_crash_in_several_spellings_and_channels_is_one_incident() -> None:
    reports = [
        report("T1", CRASH, 0, SUHAT),
        report("T2", "@polrestamalangkota barusan tabrakan motor vs truk di Soekarno-Hatta, korban tergeletak", 1),
        report("T3", "Pelapor melaporkan kecelakaan di Jl. Soekarno Hatta antara sepeda motor N 4521 AB dan truk", 2),
        report("T4", "lur dalan Suhat macet ra obah, onok tabrakan ndek ngarep", 3),
        report("T5", "nyuwun tulung, wonten kecelakaan ing jalan Sukarno Hatta, tiyangipun taksih semaput", 5),
    ]
    incidents = cluster(*reports)
    assert len(incidents) == 1
    assert incidents[0].priority == "darurat"


def test_two_accidents_on_the_same_road_an_hour_apart_are_two_incidents() -> None:
    first = report("T1", CRASH, 0, SUHAT)
    later = report("T2", "tabrakan lagi di jl suhat, mobil Avanza nabrak motor N 6012 KD, korban luka", 65, SUHAT)
    decision = inc.decide(later, [open_incident(first)])
    assert decision.incident_id is None
    assert "waktu" in decision.considered[0].reasons[0]


def test_different_plates_keep_two_crashes_apart_even_at_the_same_minute() -> None:
    first = report("T1", CRASH, 0, SUHAT)
    other = report("T2", "ada tabrakan mobil N 1777 XY sama pikap di jl suhat, korban luka", 2, SUHAT)
    decision = inc.decide(other, [open_incident(first)])
    assert decision.incident_id is None and "nopol berbeda" in decision.considered[0].reasons[0]


def test_a_fire_and_the_jam_it_causes_are_one_incident_a_jam_elsewhere_is_not() -> None:
    fire = report("T1", "KEBAKARAN ruko di Jl. Danau Toba Sawojajar, api gede banget, damkar belum datang", 0)
    jam = report("T2", "macet di jl danau toba gara2 kebakaran ruko, jalan ditutup sebagian", 6)
    elsewhere = report("T3", "macet parah di Jl. Ki Ageng Gribig arah kota", 8)
    incidents = cluster(fire, jam, elsewhere)
    assert sorted(len(i.tickets) for i in incidents) == [1, 2]


def test_two_unrelated_reports_in_the_same_kelurahan_stay_apart() -> None:
    theft = report("T1", "motor Vario N 2233 QA ilang dari teras rumah gg 3 Bunulrejo tadi subuh", 0)
    drunk = report("T2", "ada orang mabuk ngamuk di gg 7 Bunulrejo, teriak2 nantang warga", 5)
    other_theft = report("T3", "motor Beat N 9811 ZZ dicolong di depan rumah gg 7 Bunulrejo", 20)
    assert len(cluster(theft, drunk, other_theft)) == 3


def test_a_crash_800_m_away_on_another_road_is_another_incident() -> None:
    first = report("T1", CRASH, 0, SUHAT)
    other = report("T2", "tabrakan motor di jl borobudur depan ruko, orangnya berdarah", 3, (-7.9330, 112.6335))
    assert inc.decide(other, [open_incident(first)]).incident_id is None


def test_copy_pasted_viral_text_joins_without_a_place_but_scams_never_do() -> None:
    viral = (
        "DICARI!! Telah hilang seorang anak bernama Alif (7 th) sejak tadi siang di sekitar alun-alun Merdeka. "
        "Memakai kaos merah celana pendek. Bagi yang melihat hubungi 0812-0000-1234. Mohon dishare"
    )
    copies = [report(f"T{i}", prefix + viral, 20 * i) for i, prefix in enumerate(("", "copas dari grup: ", "fwd: "))]
    assert len(cluster(*copies)) == 1
    scam = "saya ditipu jual beli online, sudah transfer 2 juta barang ga dikirim"
    assert len(cluster(report("S1", scam, 0), report("S2", scam, 30))) == 2


def test_reasons_explain_a_join_in_bahasa_indonesia() -> None:
    first = report("T1", CRASH, 0, SUHAT)
    second = report("T2", "laka di Soekarno Hatta depan Polinema, motor N 4521 AB", 2, (-7.9366, 112.6264))
    decision = inc.decide(second, [open_incident(first)])
    text = " ".join(decision.reasons)
    assert decision.incident_id == "I1"
    assert "koordinat berjarak" in text and "nopol sama: N4521AB" in text and "kategori: kecelakaan" in text


def test_segments_fold_spellings_of_one_road() -> None:
    assert {inc.segment(a) for a in ("jl suhat", "soekarno hatta", "sukarno hatta", "jl sukarno hatta")} == {
        "soekarno hatta"
    }
    assert inc.segment("jl raya tlogowaru") == inc.segment("jl tlogowaru") == "tlogowaru"
    assert inc.segment("kayu tangan") == inc.segment("basra") == "kayutangan"


def test_incident_round_trips_through_its_stored_dict() -> None:
    one = open_incident(report("T1", CRASH, 0, SUHAT)).with_report(report("T2", "macet jl suhat ada laka", 1))
    assert inc.Incident.from_dict(one.to_dict()) == one


def test_a_follow_up_moves_the_incident_latest_report_and_round_trips() -> None:
    from dataclasses import replace

    first = report("T1", "jl suhat macet total ada kecelakaan", 0)
    later = replace(
        report("T1", "jl suhat macet total ada kecelakaan. korbannya meninggal", 0),
        last_at=T0 + timedelta(minutes=20),
        messages=2,
    )
    assert inc.Report.from_dict(later.to_dict()) == later and later.latest == T0 + timedelta(minutes=20)
    incident = inc.Incident.from_reports("I1", [later, report("T2", CRASH, 5, SUHAT)])
    assert incident.last_at == T0 + timedelta(minutes=20) and incident.first_at == first.at
    assert "korban_jiwa" in incident.danger  # the follow-up's danger is the incident's


def test_merging_two_incidents_keeps_the_higher_priority_and_every_ticket() -> None:
    a = open_incident(report("T1", "jl suhat macet total ada kecelakaan", 0))
    b = inc.Incident.open_with("I2", report("T2", CRASH, 1, SUHAT))
    merged = a.merged_with(b)
    assert merged.tickets == ("T1", "T2") and merged.priority == "darurat"


# ------------------------------------------------------------------------------------------ figures


def test_the_rule_meets_its_targets_on_the_development_set() -> None:
    from scripts.eval_incidents import DEV, load, replay

    rows = load(DEV)
    assigned, facts, _log = replay(rows)
    truth = {r["id"]: r["incident"] for r in rows}
    ids = list(assigned)
    same_pred = {(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :] if assigned[a] == assigned[b]}
    same_true = {(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :] if truth[a] == truth[b]}
    assert len(same_pred & same_true) / len(same_pred) >= 0.97
    assert len(same_pred & same_true) / len(same_true) >= 0.85
    sensitive = {a for a in ids if facts[a].sensitive}
    assert not any(a in sensitive or b in sensitive for a, b in same_pred)


# ------------------------------------------------------------------------------------------ the index keys


def test_index_buckets_cover_the_area_the_unknown_area_and_the_day_before() -> None:
    from aduan.domain import incident_index as ix

    late = datetime(2026, 11, 10, 16, 59, tzinfo=UTC)  # 23:59 WIB
    assert ix.bucket_key("lowokwaru", late) == "INCIDENTS#lowokwaru#2026-11-10"
    assert ix.bucket_key(None, late + timedelta(minutes=2)) == "INCIDENTS#tidak_diketahui#2026-11-11"
    assert ix.bucket_dates(late + timedelta(minutes=2)) == ("2026-11-11", "2026-11-10")
    assert ix.buckets_for("sukun") == ("sukun", "tidak_diketahui")
    assert set(ix.buckets_for(None)) == {*ix.AREAS, "tidak_diketahui"}
