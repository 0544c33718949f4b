"""The roster's rules: roles, where an entry sits, which user-pool groups it gives, who needs MFA.

Roles:
- `officer`: on the unit's alert roster (`ROSTER#<unit>` / `OFFICER#<id>`), alerted when on shift;
- `supervisor`: the unit's kanit / kapolsek, the escalation ladder's first rung (`LADDER#supervisor#<id>`);
- `commander`: the Polresta duty commander (perwira pengawas), the ladder's last rung, always in `polresta`.

Groups: a Polsek's people are in `polsek_<area>`, the Polresta desk's in `piket`, PPA's in `ppa`, Propam's
in `propam`; supervisors and commanders are also in `pimpinan`. `ppa`, `propam` and `pimpinan` sign in with
a second factor on AWS (`MFA_GROUPS`). Pure: no storage, no clock.
"""

from __future__ import annotations

from enum import StrEnum

from aduan.alerts import DUTY_DESK, UNIT_NAMES


class Role(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    COMMANDER = "commander"


UNITS = tuple(UNIT_NAMES)
#: Non-Polsek units and their group.
UNIT_GROUPS = {DUTY_DESK: "piket", "ppa": "ppa", "propam": "propam"}
LEADERS = "pimpinan"
#: The groups whose members must sign in with a second factor on AWS.
MFA_GROUPS = frozenset({"ppa", "propam", LEADERS})


def unit_group(unit: str) -> str:
    return UNIT_GROUPS.get(unit) or f"polsek_{unit}"


def groups_for(unit: str, role: Role | str) -> frozenset[str]:
    """The user-pool groups of a roster entry: their unit's, and `pimpinan` for supervisors and commanders."""
    groups = {unit_group(unit)}
    if Role(role) is not Role.OFFICER:
        groups.add(LEADERS)
    return frozenset(groups)


def needs_mfa(groups: frozenset[str] | set[str], mfa_groups: frozenset[str] = MFA_GROUPS) -> bool:
    return bool(set(groups) & mfa_groups)


def placement_sk(role: Role | str, officer_id: str) -> str:
    """Where the entry sits in its unit's roster partition (the notifier reads `OFFICER#` only)."""
    role = Role(role)
    return f"OFFICER#{officer_id}" if role is Role.OFFICER else f"LADDER#{role.value}#{officer_id}"


def unit_problem(unit: str, role: Role | str) -> str | None:
    """Why this unit cannot hold this role, or None."""
    if unit not in UNIT_NAMES:
        return "unknown_unit"
    if Role(role) is Role.COMMANDER and unit != DUTY_DESK:
        return "commander_outside_polresta"
    return None
