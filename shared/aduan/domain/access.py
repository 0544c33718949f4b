"""Who may see and act on which tickets, from the officer's user-pool groups.

Groups: `piket` (the Polresta duty desk and the 110 call centre), `polsek_<area>` (one per Polsek:
`polsek_klojen`, ...), `ppa`, `propam`, `pimpinan` (supervisors and commanders).

- `piket`, `ppa`, `propam` and `pimpinan` see every ticket; a Polsek's officers see their area's tickets.
- The content (what the citizen wrote, who they are) of a sensitive ticket is read only by its specialist
  unit (`kdrt_ppa`: `ppa`; `pengaduan_petugas`: `propam`) and by `pimpinan`. `piket` sees that such a
  ticket exists, its status and its SLA, with the content withheld; a Polsek officer gets 403.
- Whoever sees a ticket may act on it (acknowledge, assign, resolve, close, reopen, correct triage).
- Filing a report by hand (`POST /api/tickets`) is for `piket` and `pimpinan`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

POLSEK_PREFIX = "polsek_"
WIDE_GROUPS = frozenset({"piket", "ppa", "propam", "pimpinan"})
SENSITIVE_READERS = {"kdrt_ppa": frozenset({"ppa", "pimpinan"}), "pengaduan_petugas": frozenset({"propam", "pimpinan"})}
FILERS = frozenset({"piket", "pimpinan"})


class View(StrEnum):
    FULL = "full"
    REDACTED = "redacted"  # exists, status, SLA; no content
    NONE = "none"  # forbidden


@dataclass(frozen=True, slots=True)
class Principal:
    """An authenticated officer: the user pool's username (the roster's officer id) and groups."""

    officer_id: str
    groups: frozenset[str]

    @property
    def areas(self) -> frozenset[str]:
        return frozenset(g.removeprefix(POLSEK_PREFIX) for g in self.groups if g.startswith(POLSEK_PREFIX))

    @property
    def sees_everything(self) -> bool:
        return bool(self.groups & WIDE_GROUPS)

    def may_see(self, area: str | None) -> bool:
        return self.sees_everything or (area is not None and area in self.areas)

    def view(self, category: str, area: str | None) -> View:
        if not self.may_see(area):
            return View.NONE
        readers = SENSITIVE_READERS.get(category)
        if readers is None or self.groups & readers:
            return View.FULL
        return View.REDACTED if self.sees_everything else View.NONE

    def may_act(self, category: str, area: str | None) -> bool:
        return self.view(category, area) is not View.NONE

    @property
    def may_file(self) -> bool:
        return bool(self.groups & FILERS)

    def list_areas(self) -> frozenset[str] | None:
        """None: every area; otherwise only these."""
        return None if self.sees_everything else self.areas
