"""Request bodies and query parameters of the officer API (pydantic at the edge).

Validation errors name the field and never quote the input (`hide_input_in_errors`): bodies carry what
citizens said.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from aduan.domain.workflow import CloseReason

PRIORITY = Literal["darurat", "tinggi", "sedang", "rendah"]
AREA = Literal["klojen", "blimbing", "kedungkandang", "lowokwaru", "sukun", "luar_kota"]
CATEGORY = Literal[
    "kecelakaan",
    "lalu_lintas",
    "pencurian",
    "kekerasan",
    "kdrt_ppa",
    "narkoba",
    "penipuan",
    "gangguan_kamtibmas",
    "orang_hilang",
    "kebakaran_bencana",
    "layanan_polisi",
    "pengaduan_petugas",
    "lainnya",
]
STATUS = Literal["baru", "diterima", "ditangani", "selesai", "ditutup"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
OfficerId = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9_-]{1,63}$")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, frozen=True)


class EmptyBody(_Body):
    note: Text | None = None


class AssignBody(_Body):
    officer_id: OfficerId


class ResolveBody(_Body):
    note: Text


class CloseBody(_Body):
    reason: CloseReason
    note: Text | None = None


class TriageBody(_Body):
    category: CATEGORY | None = None
    priority: PRIORITY | None = None
    area: AREA | None = None


class Location(_Body):
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]
    name: Annotated[str, StringConstraints(max_length=200)] | None = None


class CallReport(_Body):
    """A report filed by hand by the 110 call centre (or a walk-in), in the caller's words."""

    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=4000)]
    location: Location | None = None
    caller_phone: Annotated[str, StringConstraints(pattern=r"^\+?[0-9]{6,15}$")] | None = None
    caller_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    # The console's id for this report: a retried POST with the same id makes one ticket.
    report_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,64}$")]
    received_at: datetime | None = None


class ListQuery(_Body):
    model_config = ConfigDict(extra="ignore", hide_input_in_errors=True, frozen=True)

    queue: Literal["open", "closed", "purged"] = "open"
    status: list[STATUS] | None = None
    priority: list[PRIORITY] | None = None
    area: AREA | Literal["tidak_diketahui"] | None = None
    channel: list[str] | None = None
    created_from: datetime | None = Field(default=None, alias="from")
    created_to: datetime | None = Field(default=None, alias="to")
    limit: Annotated[int, Field(ge=1, le=100)] = 25
    cursor: Annotated[str, StringConstraints(max_length=2000)] | None = None


# ---------------------------------------------------------------------- /api/roster
UNIT = Literal["klojen", "blimbing", "kedungkandang", "lowokwaru", "sukun", "polresta", "ppa", "propam"]
ROLE = Literal["officer", "supervisor", "commander"]
Clock = Annotated[str, StringConstraints(pattern=r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=100)]
Phone = Annotated[str, StringConstraints(pattern=r"^\+62[0-9]{8,13}$")]  # E.164, Indonesian numbers
Email = Annotated[str, StringConstraints(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")]


class ShiftBody(_Body):
    """A weekly duty slot in WIB; `end` before `start` runs past midnight."""

    days: Annotated[list[Annotated[int, Field(ge=0, le=6)]], Field(min_length=1, max_length=7)] = [0, 1, 2, 3, 4, 5, 6]
    start: Clock
    end: Clock


class RosterBody(_Body):
    """A new roster entry (`POST /api/roster`)."""

    officer_id: OfficerId
    name: Name
    rank: Annotated[str, StringConstraints(strip_whitespace=True, max_length=30)] = ""
    role: ROLE = "officer"
    unit: UNIT
    unit_name: Name | None = None
    phone: Phone
    email: Email | None = None
    shifts: Annotated[list[ShiftBody], Field(min_length=1, max_length=14)]


class RosterPatch(_Body):
    """A change to an entry (`PATCH /api/roster/{officer_id}`): only the fields sent change."""

    name: Name | None = None
    rank: Annotated[str, StringConstraints(strip_whitespace=True, max_length=30)] | None = None
    role: ROLE | None = None
    unit: UNIT | None = None
    unit_name: Name | None = None
    phone: Phone | None = None
    email: Email | None = None
    shifts: Annotated[list[ShiftBody], Field(min_length=1, max_length=14)] | None = None
    active: bool | None = None
