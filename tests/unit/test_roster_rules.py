"""The roster's rules (pure): groups per unit and role, placements, MFA groups, role and unit."""

from __future__ import annotations

import pytest

from aduan.domain.roster import MFA_GROUPS, Role, groups_for, needs_mfa, placement_sk, unit_problem


@pytest.mark.parametrize(
    ("unit", "role", "groups"),
    [
        ("klojen", Role.OFFICER, {"polsek_klojen"}),
        ("klojen", Role.SUPERVISOR, {"polsek_klojen", "pimpinan"}),
        ("polresta", Role.OFFICER, {"piket"}),
        ("polresta", Role.COMMANDER, {"piket", "pimpinan"}),
        ("ppa", Role.OFFICER, {"ppa"}),
        ("propam", Role.SUPERVISOR, {"propam", "pimpinan"}),
    ],
)
def test_groups_follow_unit_and_role(unit: str, role: Role, groups: set[str]) -> None:
    assert groups_for(unit, role) == groups


def test_mfa_is_for_ppa_propam_and_pimpinan_only() -> None:
    assert {"ppa", "propam", "pimpinan"} == MFA_GROUPS
    assert needs_mfa(groups_for("ppa", "officer"))
    assert needs_mfa(groups_for("sukun", "supervisor"))
    assert not needs_mfa(groups_for("sukun", "officer"))
    assert not needs_mfa(groups_for("polresta", "officer"))
    assert not needs_mfa(groups_for("ppa", "officer"), frozenset())  # the local stack may turn it off


def test_placement_keeps_officers_where_the_notifier_reads_and_the_ladder_apart() -> None:
    assert placement_sk(Role.OFFICER, "sukun-01") == "OFFICER#sukun-01"
    assert placement_sk(Role.SUPERVISOR, "sukun-kapolsek") == "LADDER#supervisor#sukun-kapolsek"
    assert placement_sk("commander", "pawas-malam") == "LADDER#commander#pawas-malam"


def test_commanders_sit_at_polresta_and_units_are_known() -> None:
    assert unit_problem("polresta", Role.COMMANDER) is None
    assert unit_problem("sukun", Role.COMMANDER) == "commander_outside_polresta"
    assert unit_problem("sukun", Role.SUPERVISOR) is None
    assert unit_problem("batu", Role.OFFICER) == "unknown_unit"
