"""The pure parts of `make load` and `make fuzz`: seeded plans, and the accounting of lost and doubled."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from aduan.channels.whatsapp.parser import parse
from scripts import fuzz, load, stack_probe
from scripts.stack_probe import Parked, TicketView


def plan(seed: int = 7, run_id: str = "r1") -> list[load.Planned]:
    return load.plan_load(1000, 200, 10.0, seed, run_id=run_id)


def test_the_plan_is_the_same_for_the_same_seed_and_run() -> None:
    assert plan() == plan()
    assert plan(seed=8) != plan()
    assert {p.citizen for p in plan(run_id="r2")}.isdisjoint({p.citizen for p in plan()})  # new citizens per run


def test_the_plan_has_the_shape_asked_for() -> None:
    posts = plan()
    originals = [p for p in posts if not p.redelivery]
    redeliveries = [p for p in posts if p.redelivery]
    assert len(originals) == 1000
    assert len({p.message_id for p in originals}) == 1000
    assert len({p.citizen for p in originals}) == 200
    assert sum(p.urgent for p in originals) == 333
    assert len(redeliveries) == 200
    by_index = {p.index: p for p in originals}
    assert all(r.message_id == by_index[r.index].message_id for r in redeliveries)
    concurrent = [r for r in redeliveries if r.offset == by_index[r.index].offset]
    assert len(concurrent) == 100  # half of the redeliveries at the same moment as the original
    assert all(0 <= p.offset <= 10.0 for p in posts)
    assert [p.offset for p in posts] == sorted(p.offset for p in posts)


def test_a_planned_delivery_is_a_whatsapp_delivery_the_parser_reads() -> None:
    planned = plan()[0]
    body = load.whatsapp_body(planned, 1764290700)
    [message] = parse(body.decode()).messages
    assert message.platform_message_id == planned.message_id
    assert message.citizen.platform_id == planned.citizen
    assert message.text == planned.text
    assert load.whatsapp_body(planned, 1764290700) == body  # a redelivery resends the same bytes


def view(ticket_no: str, *ids: str, sms_at: tuple[float, ...] = ()) -> TicketView:
    return TicketView(ticket_no=ticket_no, priority="darurat", message_ids=ids, sms_at=sms_at)


def test_accounting_finds_lost_and_doubled_messages_and_sms() -> None:
    posted = [
        (load.Planned(0, "c1", "m1", "t", True, 0.0), 200, 100.0),
        (load.Planned(0, "c1", "m1", "t", True, 0.0, redelivery=True), 200, 100.5),
        (load.Planned(1, "c2", "m2", "t", False, 0.1), 200, 101.0),
        (load.Planned(2, "c3", "m3", "t", False, 0.2), 200, 102.0),  # parked
        (load.Planned(3, "c4", "m4", "t", True, 0.3), 200, 103.0),  # lost: neither stored nor parked
        (load.Planned(4, "c5", "m5", "t", True, 0.4), 503, 104.0),  # never accepted
    ]
    accepted = load.accepted_at(posted)
    assert accepted == {"m1": 100.0, "m2": 101.0, "m3": 102.0, "m4": 103.0}
    tickets = [
        view("AAA-111", "m1", "m2", sms_at=(101.5, 102.0)),
        view("BBB-222", "m2"),  # m2 in a second ticket: doubled
        view("CCC-333", "x-from-another-run", sms_at=(50.0,)),
    ]
    sms = [
        ("+621", "ADUAN DARURAT AAA-111 Kecelakaan..."),
        ("+622", "ADUAN DARURAT AAA-111 Kecelakaan..."),
        ("+621", "ADUAN DARURAT AAA-111 Kecelakaan..."),  # the same officer twice: doubled
        ("+621", "ADUAN NAIK DARURAT BBB-222 ..."),
        ("+621", "ADUAN DARURAT CCC-333 not ours"),
    ]
    figures = load.account(
        load.Figures(statuses=Counter(s for _, s, _ in posted)),
        accepted=accepted,
        stored_keys={"whatsapp#m1", "whatsapp#m2", "whatsapp#other"},
        parked_ids={"m3"},
        tickets=tickets,
        sms=sms,
        urgent={"m1", "m4", "m5"},
        dedup_prefix="whatsapp#",
    )
    assert (figures.accepted, figures.stored, figures.parked, figures.lost) == (4, 2, 1, 1)
    assert (figures.tickets, figures.sms) == (2, 4)
    assert (figures.doubled_tickets, figures.doubled_sms) == (1, 1)
    assert figures.latencies == [1.5]  # AAA-111: first SMS 101.5, urgent m1 POSTed at 100.0
    assert figures.server_errors == 1
    assert "1 neither stored nor parked yet" in load.missed_targets(figures)  # not drained: not known as lost
    figures.drained, figures.drain_s = True, 5.0
    missed = load.missed_targets(figures)
    assert "1 lost" in missed
    assert "2 doubled" in missed


def test_a_clean_run_meets_every_target() -> None:
    figures = load.Figures(statuses=Counter({200: 10}), drained=True, drain_s=3.0, latencies=[0.5, 1.9])
    figures.peak_memory = 500 * 2**20
    assert load.missed_targets(figures) == []
    figures.latencies.append(2.0)
    assert load.missed_targets(figures) == ["alert p95 not under 2 s"]


def test_latency_counts_from_the_first_urgent_message_sent_before_the_sms() -> None:
    tickets = [view("AAA-111", "ordinary", "urgent", "late-urgent", sms_at=(20.0, 30.0))]
    posted = {"ordinary": 10.0, "urgent": 19.0, "late-urgent": 25.0}
    assert load.alert_latencies(tickets, posted, {"urgent", "late-urgent"}) == [1.0]
    assert load.alert_latencies(tickets, posted, set()) == [10.0]  # no urgent one: from its first message


@pytest.mark.parametrize(
    ("values", "share", "expected"),
    [
        ([], 0.5, None),
        ([3.0], 0.95, 3.0),
        ([1.0, 2.0, 3.0, 4.0], 0.5, 2.0),
        ([float(i) for i in range(1, 101)], 0.95, 95.0),
    ],
)
def test_percentile_is_nearest_rank(values: list[float], share: float, expected: float | None) -> None:
    assert stack_probe.percentile(values, share) == expected


def test_sms_text_names_its_priority_and_ticket() -> None:
    assert stack_probe.sms_key('ADUAN DARURAT K7M-4QX Kecelakaan, Lowokwaru, via WA: "..."') == ("DARURAT", "K7M-4QX")
    assert stack_probe.sms_key("ADUAN NAIK TINGGI K7M-4QX ...") == ("TINGGI", "K7M-4QX")
    assert stack_probe.sms_key("hello") is None


def test_fuzz_cases_are_seeded_and_cover_every_kind() -> None:
    first = fuzz.build_cases(3, 2, "run", 1764290700)
    assert first == fuzz.build_cases(3, 2, "run", 1764290700)
    assert first != fuzz.build_cases(4, 2, "run", 1764290700)
    kinds = Counter(case.kind for case in first)
    assert kinds["oversized"] == 1
    assert set(kinds) == {*fuzz.MIXED, *fuzz.UNREADABLE, "oversized", "unsigned", "forged"}
    assert all(kinds[kind] == 2 for kind in (*fuzz.MIXED, *fuzz.UNREADABLE))
    for case in first:
        if case.kind in fuzz.MIXED:
            [good_id] = case.good_ids
            assert good_id.encode() in case.body
    deep = next(case for case in first if case.kind == "deeply_nested")
    assert deep.body.count(b"[") + deep.body.count(b'{"a":') >= 5000
    assert len(next(case for case in first if case.kind == "oversized").body) > 4 * 1024 * 1024
    with pytest.raises(UnicodeDecodeError):
        next(case for case in first if case.kind == "not_utf8").body.decode()


def test_mixed_fuzz_deliveries_keep_a_good_message_next_to_the_bad_one() -> None:
    builder = fuzz.Builder(1, "run", 1764290700)
    case = builder.mixed("lone_surrogate")
    payload = json.loads(case.body)
    texts = [m["text"]["body"] for m in payload["entry"][0]["changes"][0]["value"]["messages"]]
    assert len(texts) == 2
    assert any(0xD800 <= ord(ch) <= 0xDFFF for ch in texts[1])


def test_fuzz_evaluation_counts_5xx_lost_good_messages_and_reasons() -> None:
    cases = [
        fuzz.Case("wrong_field_type", b"{}", "signed", ("g1",)),
        fuzz.Case("lone_surrogate", b"{}", "signed", ("g2",), ("b2",)),
        fuzz.Case("bad_coordinates", b"{}", "signed", ("g5",), ("b5",)),
        fuzz.Case("deeply_nested", b"[[", "signed"),
        fuzz.Case("not_utf8", b"\xff", "signed"),
        fuzz.Case("forged", b"{}", "forged", ("g3",)),
        fuzz.Case("unsigned", b"{}", "unsigned", ("g4",)),
    ]
    statuses = [200, 500, 200, 200, 401, 401, 200]
    parked = [
        Parked("too_deep: nested more than 64 levels", "", 0.0),
        Parked("too_deep: nested more than 64 levels", "", 0.0),
        Parked(stack_probe.NO_REASON, '{"id": "b2"}', 0.0),
    ]
    stored = {"whatsapp#g1", "whatsapp#g4", "whatsapp#g5"}
    figures = fuzz.evaluate(cases, statuses, stored, parked, drained=True)
    assert figures.server_errors == 1
    assert figures.good_lost == ["g2"]
    assert (figures.rejected_not_401, figures.rejected_stored) == (1, 1)
    assert figures.parked == Counter({"too_deep: nested more than N levels": 2, stack_probe.NO_REASON: 1})
    assert figures.vanished == Counter({"bad_coordinates": 1})  # b2 was parked (without a reason)
    assert figures.signed_rejected == 1
    assert len(figures.missed()) == 6
