"""Roster management (`/api/roster`, `pimpinan` only) and the officer API's account gate.

Every change is one conditional transaction on the roster (see `aduan.adapters.roster_store`), audited, then
the user pool is brought in step (`aduan.adapters.cognito.UserPool.sync`). The roster write comes first:
a disabled officer stops receiving alerts and escalations with it, whatever happens next. If the pool call
fails the caller gets 503 and repeating the same request converges (sync is idempotent, and a request that
changes nothing still syncs).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from aduan.adapters.roster_store import RosterAdmin, RosterEntry
from aduan.alerts import UNIT_NAMES
from aduan.domain import roster as rules
from aduan.domain.access import Principal
from aduan.domain.workflow import Forbidden, IllegalTransition, NotFound, WorkflowError
from aduan.errors import ConcurrentUpdate
from aduan.models import Officer, utcnow

MAX_ATTEMPTS = 5
#: Fields whose values the roster audit keeps (the others are personal: only their names are kept).
AUDITED_VALUES = ("role", "unit", "active", "shifts", "rank")


class Accounts(Protocol):
    def sync(self, username: str, *, groups: Any, enabled: bool, email: str | None, needs_mfa: bool) -> Any: ...


@dataclass(frozen=True, slots=True)
class Outcome:
    entry: RosterEntry
    account: dict[str, Any]
    changed: bool

    def as_dict(self) -> dict[str, Any]:
        return {**entry_view(self.entry), "account": self.account, "changed": self.changed}


def entry_view(entry: RosterEntry) -> dict[str, Any]:
    return {
        **entry.document(),
        "groups": sorted(rules.groups_for(entry.officer.unit, entry.role)),
        "version": entry.version,
        "updated_at": entry.updated_at,
        "updated_by": entry.updated_by,
    }


def _changes(old: RosterEntry | None, new: RosterEntry) -> dict[str, Any]:
    before = old.document() if old else {}
    after = new.document()
    names = sorted(k for k in after if before.get(k) != after.get(k))
    details: dict[str, Any] = {"fields": names}
    for name in names:
        if name in AUDITED_VALUES:
            details.setdefault("to", {})[name] = after[name]
            if old is not None:
                details.setdefault("from", {})[name] = before.get(name)
    return details


class RosterService:
    def __init__(
        self, admin: RosterAdmin, accounts: Accounts, mfa_groups: frozenset[str], clock: Callable[[], datetime] = utcnow
    ) -> None:
        self.admin = admin
        self.accounts = accounts
        self.mfa_groups = mfa_groups
        self.clock = clock

    @staticmethod
    def _require_leader(who: Principal) -> None:
        if rules.LEADERS not in who.groups:
            raise Forbidden("Hanya pimpinan yang dapat mengelola daftar petugas", code="forbidden")

    def _sync(self, entry: RosterEntry) -> dict[str, Any]:
        groups = rules.groups_for(entry.officer.unit, entry.role)
        result = self.accounts.sync(
            entry.officer_id,
            groups=groups,
            enabled=entry.officer.active,
            email=entry.officer.email,
            needs_mfa=rules.needs_mfa(groups, self.mfa_groups),
        )
        return dict(result.as_dict()) if hasattr(result, "as_dict") else dict(result)

    # ------------------------------------------------------------------ reads
    def listing(self, who: Principal, unit: str | None = None, include_inactive: bool = True) -> list[dict[str, Any]]:
        self._require_leader(who)
        entries = self.admin.entries((unit,) if unit else rules.UNITS)
        return [entry_view(e) for e in entries if include_inactive or e.officer.active]

    def get(self, who: Principal, officer_id: str) -> dict[str, Any]:
        self._require_leader(who)
        entry = self.admin.get(officer_id)
        if entry is None:
            raise NotFound("Petugas tidak ditemukan", details={"officer_id": officer_id})
        view = entry_view(entry)
        view["audit"] = [
            {k: a.get(k) for k in ("at", "event", "actor", "details")} for a in self.admin.audit_trail(officer_id)
        ]
        return view

    # ------------------------------------------------------------------ writes
    def add(self, who: Principal, officer: Officer, role: rules.Role) -> Outcome:
        self._require_leader(who)
        problem = rules.unit_problem(officer.unit, role)
        if problem is not None:
            raise WorkflowError("Unit tidak sesuai dengan peran", code=problem, details={"field": "unit"})
        wanted = RosterEntry(officer, role)
        try:
            stored = self.admin.put(
                wanted,
                previous=None,
                actor=who.officer_id,
                at=self.clock(),
                event="roster.added",
                details=_changes(None, wanted),
            )
        except ConcurrentUpdate:
            existing = self.admin.get(officer.officer_id)
            if existing is not None and existing.document() == wanted.document():
                return Outcome(existing, self._sync(existing), changed=False)  # a retried request
            raise IllegalTransition(
                "ID petugas sudah dipakai", code="officer_exists", details={"officer_id": officer.officer_id}
            ) from None
        return Outcome(stored, self._sync(stored), changed=True)

    def change(
        self, who: Principal, officer_id: str, update: dict[str, Any], *, event: str = "roster.changed"
    ) -> Outcome:
        """Apply `update` (fields of the entry, `role`) to the stored entry, conditional on its version."""
        self._require_leader(who)
        for _ in range(MAX_ATTEMPTS):
            current = self.admin.get(officer_id)
            if current is None:
                raise NotFound("Petugas tidak ditemukan", details={"officer_id": officer_id})
            merged = {**current.document(), **update}
            role = rules.Role(merged.pop("role"))
            if "unit" in update and "unit_name" not in update:
                merged["unit_name"] = UNIT_NAMES.get(merged["unit"], merged["unit"])
            problem = rules.unit_problem(merged["unit"], role)
            if problem is not None:
                raise WorkflowError("Unit tidak sesuai dengan peran", code=problem, details={"field": "unit"})
            wanted = RosterEntry(Officer.model_validate(merged), role)
            if wanted.document() == current.document():
                return Outcome(current, self._sync(current), changed=False)
            try:
                stored = self.admin.put(
                    wanted,
                    previous=current,
                    actor=who.officer_id,
                    at=self.clock(),
                    event=event,
                    details=_changes(current, wanted),
                )
            except ConcurrentUpdate:
                continue  # changed meanwhile: read again, apply again
            return Outcome(stored, self._sync(stored), changed=True)
        raise ConcurrentUpdate(f"gave up after {MAX_ATTEMPTS} attempts")

    def disable(self, who: Principal, officer_id: str) -> Outcome:
        """An officer leaves: off every alert and escalation at once, their account disabled and signed out."""
        return self.change(who, officer_id, {"active": False}, event="roster.disabled")


class AccountGate:
    """Every officer API request: a roster entry that was disabled is refused at once (its access token
    may still be valid for hours), and a member of an MFA group whose account has no second factor is
    refused until they register one (Cognito then asks for it at every sign-in)."""

    MFA_CACHE_SECONDS = 300.0

    def __init__(
        self,
        admin: RosterAdmin,
        mfa_groups: frozenset[str],
        mfa_enabled: Callable[[str], bool] | None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.admin = admin
        self.mfa_groups = mfa_groups
        self.mfa_enabled = mfa_enabled
        self.monotonic = monotonic
        self._mfa_ok: dict[str, float] = {}

    def admit(self, who: Principal) -> None:
        entry = self.admin.get(who.officer_id)
        if entry is not None and not entry.officer.active:
            raise Forbidden("Akun petugas ini sudah dinonaktifkan", code="account_disabled")
        if self.mfa_enabled is None or not rules.needs_mfa(who.groups, self.mfa_groups):
            return
        now = self.monotonic()
        if self._mfa_ok.get(who.officer_id, -1.0) > now:
            return
        if not self.mfa_enabled(who.officer_id):
            raise Forbidden(
                "Kelompok Anda wajib memakai verifikasi dua langkah: daftarkan aplikasi autentikator dahulu",
                code="mfa_required",
            )
        self._mfa_ok[who.officer_id] = now + self.MFA_CACHE_SECONDS
