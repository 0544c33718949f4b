"""The index of open incidents by area and day, as keys: which buckets a report looks in, which one an
incident is filed under. Pure; the DynamoDB layout is in `aduan.adapters.incident_store`.

An incident is filed under ``INCIDENTS#<area>#<day>``: the area (kecamatan, ``luar_kota``, or
``tidak_diketahui`` when no report has said where) and the day (WIB) of its first report. A report looks in
its own area's bucket and the no-area bucket (every area's when it names none itself), for its day and the day
before (an incident that began before midnight), and reads at most a few dozen small items: never a scan.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

WIB = timezone(timedelta(hours=7))
UNKNOWN_AREA = "tidak_diketahui"
AREAS = ("klojen", "blimbing", "kedungkandang", "lowokwaru", "sukun", "luar_kota")


def day_of(at: datetime) -> str:
    return at.astimezone(WIB).date().isoformat()


def bucket_dates(at: datetime) -> tuple[str, str]:
    """The day of `at` (WIB) and the day before."""
    return day_of(at), day_of(at - timedelta(days=1))


def buckets_for(area: str | None) -> tuple[str, ...]:
    """The areas whose buckets a report of `area` looks in."""
    if area is None or area == UNKNOWN_AREA:
        return (*AREAS, UNKNOWN_AREA)
    return (area, UNKNOWN_AREA)


def bucket_key(area: str | None, at: datetime) -> str:
    """The partition key an incident with `area`, first reported at `at`, is filed under."""
    return f"INCIDENTS#{area or UNKNOWN_AREA}#{day_of(at)}"
