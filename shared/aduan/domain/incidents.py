"""Incidents: one real-world event reported by many citizens across channels, and the rule that groups them.

Pure: no clock, no storage. The rule reads what triage already found for each report (category, priority,
area, kelurahan, the places it names, the danger it tells) and decides whether a new report joins one of the
open incidents it is shown, with the reasons for the decision.

The rule (`decide`): a report joins the candidate incident with the highest score that passes every gate.

Gates (any one keeps the report out of that incident):
1. **sensitive**: a `kdrt_ppa` or `pengaduan_petugas` report never joins anything, and nothing joins an
   incident holding one (each such case is handled by its own unit, alone);
2. **category**: the same category, or a compatible pair at one spot (`COMPATIBLE`: a crash and the jam it
   causes, a fire or a fallen tree and its jam, a fight and a disturbance); categories that name no event
   (`lainnya`, `layanan_polisi`) never join;
3. **time**: the report is at most `WINDOW[category]` after the incident's latest report (and not more than
   that before its first), and the incident is not older than `MAX_SPAN[category]`;
4. **place**: no contradiction: coordinates more than `FAR_M` apart; different kecamatan, different named
   roads or landmarks (after folding spellings, `SEGMENTS`) or different kelurahan, unless their coordinates
   lie within `NEAR_M` of each other; different alleys or RTs ("gg 3" and "gg 7") always;
5. **identity**: different number plates on both sides keep crashes and vehicle thefts apart.

Score (points): place (coordinates within `NEAR_M` or the same road or landmark: 2; the same kelurahan, a road
named after the other's kelurahan, or coordinates within `CLOSE_M`: 1), text (wording at least `COPY_SIMILARITY`
alike, a copy-paste: 2; at least `WEAK_SIMILARITY` alike: 1; the same number plate: 2), category (the same: 1),
time (within `CLOSE_TIME`: 1).
A report joins when the score is at least `JOIN_SCORE` and it has place evidence of 2, or place evidence of 1
together with text evidence (or, for `BIG_EVENTS` of the same category, within `CLOSE_TIME`), or (categories
with a scene only, `TEXT_ONLY`) a copy-paste or the same plate with no place at all. Otherwise it opens a new
incident: a missed merge costs one SMS, a wrong merge can hide an emergency.

Safety: joining never changes the report's own ticket (its priority stays); the incident's priority is the
highest of its reports', so a joining report of higher priority **raises** the incident, and a report that
tells new danger (`DANGER`: a victim, a death, a weapon, fire spreading, someone trapped) is flagged
`new_danger`: both alert the officers again.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

PRIORITIES = ("rendah", "sedang", "tinggi", "darurat")
SENSITIVE = frozenset({"kdrt_ppa", "pengaduan_petugas"})
NON_EVENT = frozenset({"lainnya", "layanan_polisi"})
#: Pairs of categories one event shows at one spot (the reporters see different sides of it).
COMPATIBLE: frozenset[frozenset[str]] = frozenset(
    {
        frozenset({"kecelakaan", "lalu_lintas"}),
        frozenset({"kebakaran_bencana", "lalu_lintas"}),
        frozenset({"kekerasan", "gangguan_kamtibmas"}),
        frozenset({"pencurian", "kekerasan"}),  # a snatching that turns violent
    }
)
#: How long after an incident's latest report a new report may still join it.
WINDOW: Mapping[str, timedelta] = {
    "kecelakaan": timedelta(minutes=30),
    "lalu_lintas": timedelta(minutes=45),
    "kebakaran_bencana": timedelta(minutes=60),
    "kekerasan": timedelta(minutes=30),
    "gangguan_kamtibmas": timedelta(minutes=45),
    "pencurian": timedelta(minutes=30),
    "orang_hilang": timedelta(hours=12),
    "narkoba": timedelta(hours=2),
    "penipuan": timedelta(hours=2),
}
DEFAULT_WINDOW = timedelta(minutes=30)
#: How long one incident may keep taking reports at all.
MAX_SPAN: Mapping[str, timedelta] = {
    "kecelakaan": timedelta(hours=3),
    "lalu_lintas": timedelta(hours=3),
    "kebakaran_bencana": timedelta(hours=8),
    "orang_hilang": timedelta(hours=48),
}
DEFAULT_SPAN = timedelta(hours=4)
NEAR_M = 300.0  # coordinates this close are one spot
CLOSE_M = 800.0  # this close: the same neighbourhood (weak evidence)
FAR_M = 1500.0  # further apart: never one incident
CLOSE_TIME = timedelta(minutes=10)
COPY_SIMILARITY = 0.6
WEAK_SIMILARITY = 0.3
JOIN_SCORE = 3
#: Categories whose reports may join on wording alone (a forwarded message names an event with a scene).
TEXT_ONLY = frozenset({"kecelakaan", "kebakaran_bencana", "kekerasan", "orang_hilang", "gangguan_kamtibmas"})
#: Events many people see at once: the same kelurahan, category and ten minutes are enough.
BIG_EVENTS = frozenset({"kecelakaan", "kebakaran_bencana", "kekerasan"})
#: Categories where a number plate identifies the event.
PLATE_CATEGORIES = frozenset({"kecelakaan", "pencurian", "lalu_lintas"})
MAX_POINTS = 12  # coordinates kept on an incident
MAX_TEXTS = 12  # word sets kept on an incident (the latest)

#: Danger a report can tell, from triage's scanner cues: (tag, label shown to officers).
DANGER: Mapping[str, str] = {
    "korban": "ada korban",
    "korban_jiwa": "korban meninggal / tidak bernapas",
    "senjata": "ada senjata",
    "api_meluas": "api menyebar",
    "terjebak": "orang terjebak / terjepit",
}

# Spellings of one road or landmark (gazetteer aliases, lower case) folded into one segment key; the keys of
# aliases not listed are the alias without a leading "jl".
_SEGMENT_ALIASES: Mapping[str, tuple[str, ...]] = {
    "soekarno hatta": (
        "jl soekarno hatta",
        "soekarno hatta",
        "sukarno hatta",
        "suhat",
        "jl suhat",
        "jl sukarno hatta",
        "jembatan soekarno hatta",
        "jembatan suhat",
        "polinema",
        "politeknik negeri malang",
    ),
    "kayutangan": (
        "kayutangan",
        "kayu tangan",
        "kayutangan heritage",
        "kampung heritage kayutangan",
        "gereja kayutangan",
        "basuki rahmat",
        "jl basuki rahmat",
        "jl jend basuki rahmat",
        "basra",
    ),
    "ahmad yani": (
        "jl a yani",
        "jl ahmad yani",
        "a yani",
        "ahmad yani",
        "jl jend ahmad yani",
        "pasar blimbing",
        "stasiun blimbing",
    ),
    "mt haryono": (
        "jl mt haryono",
        "mt haryono",
        "jl mt hariyono",
        "mt hariyono",
        "jl mt haryono dalam",
        "pasar dinoyo",
        "mall dinoyo",
        "dinoyo city",
        "mall dinoyo city",
    ),
    "pasar besar": ("pasar besar", "pasar besar malang", "ramayana", "mall ramayana"),
    "alun alun": (
        "alun alun",
        "alun alun merdeka",
        "alun alun malang",
        "alun alun kota",
        "alun alun kota malang",
        "masjid jami",
    ),
    "gadang": ("pasar gadang", "pasar induk gadang", "terminal gadang", "jl gadang", "jl raya gadang"),
    "s supriadi": ("jl s supriadi", "s supriadi", "jl sudanco supriadi", "sudanco supriadi", "supriadi"),
    "mayjen sungkono": ("jl mayjen sungkono", "mayjen sungkono", "jl sungkono", "sungkono"),
    "tlogomas": ("jl raya tlogomas", "jl tlogomas", "umm", "kampus umm", "universitas muhammadiyah malang"),
    "ijen": ("jl ijen", "ijen", "jl besar ijen", "ijen boulevard", "museum brawijaya", "gereja ijen", "katedral ijen"),
    "jodipan": ("kampung warna warni", "kampung warna warni jodipan", "kampung wisata jodipan"),
    "muharto": ("jl muharto", "muharto", "jembatan muharto"),
    "s parman": ("jl letjen s parman", "s parman", "jl s parman", "rs persada", "persada hospital"),
    "arjosari": ("terminal arjosari",),
    "danau toba": ("jl danau toba", "danau", "jl danau"),
    "ki ageng gribig": ("jl ki ageng gribig", "ki ageng gribig", "jl raya ki ageng gribig", "jl ki ageng"),
    "borobudur": ("jl borobudur", "borobudur", "jl puncak borobudur"),
}
SEGMENTS: Mapping[str, str] = {alias: key for key, aliases in _SEGMENT_ALIASES.items() for alias in aliases}

_PLATE_RE = re.compile(r"\b([A-Z]{1,2})\s?(\d{1,4})\s?([A-Z]{1,3})\b")
_ALLEY_RE = re.compile(r"\b(?:gg|gang)\.?\s*(\d{1,3}[a-z]?)\b|\brt\.?\s*(\d{1,3})\b", re.IGNORECASE)
_STOP: frozenset[str] = frozenset(
    [
        "ada",
        "yang",
        "yg",
        "di",
        "ke",
        "dari",
        "dan",
        "sama",
        "karo",
        "dengan",
        "the",
        "ini",
        "itu",
        "tolong",
        "min",
        "pak",
        "bu",
        "mohon",
        "lapor",
        "barusan",
        "tadi",
        "td",
        "sudah",
        "udah",
        "wis",
        "belum",
        "blm",
        "durung",
        "lagi",
        "aja",
        "saja",
        "juga",
        "ya",
        "ga",
        "gak",
        "nggak",
        "tidak",
        "bukan",
        "kok",
        "sih",
        "deh",
        "dong",
        "nang",
        "ndek",
        "ning",
        "ing",
        "wonten",
        "kula",
        "saya",
        "aku",
        "sy",
        "gw",
        "kami",
        "kita",
        "onok",
        "ono",
        "iku",
        "iki",
        "kae",
        "jl",
        "jln",
        "jalan",
        "dalan",
    ]
)


def rank(priority: str) -> int:
    return PRIORITIES.index(priority) if priority in PRIORITIES else 0


def segment(alias: str) -> str:
    """The segment key of a road or landmark alias (spellings of one place fold into one key)."""
    low = alias.lower()
    if low in SEGMENTS:
        return SEGMENTS[low]
    for prefix in ("jl ", "raya "):
        low = low.removeprefix(prefix)
    return SEGMENTS.get(low, low)


def compatible(a: str, b: str) -> bool:
    return a == b or frozenset({a, b}) in COMPATIBLE


def distance_m(a: Sequence[float], b: Sequence[float]) -> float:
    """Equirectangular distance in metres (accurate at city scale)."""
    x = math.radians(b[1] - a[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    y = math.radians(b[0] - a[0])
    return 6_371_000.0 * math.hypot(x, y)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two word sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


# ---------------------------------------------------------------------------------------------- reports


@dataclass(frozen=True, slots=True)
class Report:
    """What the rule knows of one report: triage's outputs plus the report's time, point and identifiers."""

    ticket_no: str
    at: datetime
    channel: str
    category: str
    priority: str
    area: str | None = None
    kelurahan: str | None = None
    segments: frozenset[str] = frozenset()  # road / landmark keys named as the scene
    kelurahans: frozenset[str] = frozenset()  # kelurahan named in the text or given by the coordinates
    alleys: frozenset[str] = frozenset()  # "gg 3", "rt 5"
    point: tuple[float, float] | None = None
    plates: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    danger: frozenset[str] = frozenset()
    sensitive: bool = False
    last_at: datetime | None = None  # the ticket's latest message, when follow-ups came after the first
    messages: int = 1  # the ticket's messages

    @property
    def latest(self) -> datetime:
        return self.last_at or self.at

    def to_dict(self) -> dict[str, Any]:
        return {
            "ticket_no": self.ticket_no,
            "at": self.at.isoformat(),
            "last_at": self.last_at.isoformat() if self.last_at else None,
            "messages": self.messages,
            "channel": self.channel,
            "category": self.category,
            "priority": self.priority,
            "area": self.area,
            "kelurahan": self.kelurahan,
            "segments": sorted(self.segments),
            "kelurahans": sorted(self.kelurahans),
            "alleys": sorted(self.alleys),
            "point": list(self.point) if self.point else None,
            "plates": sorted(self.plates),
            "words": sorted(self.words),
            "danger": sorted(self.danger),
            "sensitive": self.sensitive,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Report:
        point = d.get("point")
        return cls(
            ticket_no=d["ticket_no"],
            at=datetime.fromisoformat(d["at"]),
            channel=d["channel"],
            category=d["category"],
            priority=d["priority"],
            area=d.get("area"),
            kelurahan=d.get("kelurahan"),
            segments=frozenset(d.get("segments", ())),
            kelurahans=frozenset(d.get("kelurahans", ())),
            alleys=frozenset(d.get("alleys", ())),
            point=(float(point[0]), float(point[1])) if point else None,
            plates=frozenset(d.get("plates", ())),
            words=frozenset(d.get("words", ())),
            danger=frozenset(d.get("danger", ())),
            sensitive=bool(d.get("sensitive", False)),
            last_at=datetime.fromisoformat(d["last_at"]) if d.get("last_at") else None,
            messages=int(d.get("messages", 1)),
        )


def report_from(
    ticket_no: str,
    text: str,
    at: datetime,
    channel: str,
    triage: Any,
    point: tuple[float, float] | None = None,
) -> Report:
    """Build a `Report` from a ticket's text and its triage result (anything with ``category, priority,
    area, kelurahan, sensitive``): places and danger come from triage's own place list and scanner cues."""
    from aduan.triage.area import places
    from aduan.triage.normalize import normalize
    from aduan.triage.scan import features

    segs: set[str] = set()
    kels: set[str] = set()
    for name, _area, kel in places(text):
        if kel:
            kels.add(kel)
        else:
            segs.add(segment(name))
    if triage.kelurahan:
        kels.add(triage.kelurahan)
    toks = normalize(text).tokens
    return Report(
        ticket_no=ticket_no,
        at=at,
        channel=channel,
        category=triage.category,
        priority=triage.priority,
        area=triage.area,
        kelurahan=triage.kelurahan,
        segments=frozenset(segs),
        kelurahans=frozenset(kels),
        alleys=frozenset(
            f"{'gg' if m.group(1) else 'rt'} {m.group(1) or m.group(2)}" for m in _ALLEY_RE.finditer(text)
        ),
        point=point,
        plates=frozenset(f"{a}{b}{c}" for a, b, c in _PLATE_RE.findall(text) if a in _PLATE_REGIONS),
        words=frozenset(t for t in toks if len(t) > 2 and t not in _STOP and not t.isdigit()),
        danger=_danger(features(toks)),
        sensitive=bool(triage.sensitive) or triage.category in SENSITIVE,
    )


# Number plate regions of East Java (Malang is N): a capitalised word and a number are otherwise too common.
_PLATE_REGIONS = frozenset({"N", "L", "W", "S", "AG", "AE", "P", "M", "K", "B"})
_DEATH_WORDS = ("meninggal", "tewas", "mati", "nyawa", "napas", "nafas")


def _danger(feats: Any) -> frozenset[str]:
    cues = feats.cues
    tags: set[str] = set()
    for name in ("injury", "severe"):
        for h in cues.get(name, ()):
            if h.negated:
                continue
            tags.add("korban")
            if any(w in h.key for w in _DEATH_WORDS):
                tags.add("korban_jiwa")
    if any(not h.negated for h in cues.get("weapon", ())):
        tags.add("senjata")
    if any(not h.negated for h in cues.get("fire_active", ())):
        tags.add("api_meluas")
    if any(not h.negated for h in (*cues.get("trapped", ()), *cues.get("ll_danger", ()))):
        tags.add("terjebak")
    return frozenset(tags)


# ---------------------------------------------------------------------------------------------- incidents


@dataclass(frozen=True, slots=True)
class Incident:
    """An open or closed incident as the rule sees it: the union of its reports' evidence."""

    incident_id: str
    category: str  # the first report's
    categories: frozenset[str]
    priority: str  # the highest of its reports'
    area: str | None
    first_at: datetime
    last_at: datetime
    tickets: tuple[str, ...]
    segments: frozenset[str] = frozenset()
    kelurahans: frozenset[str] = frozenset()
    alleys: frozenset[str] = frozenset()
    points: tuple[tuple[float, float], ...] = ()
    plates: frozenset[str] = frozenset()
    texts: tuple[frozenset[str], ...] = ()
    danger: frozenset[str] = frozenset()
    channels: frozenset[str] = frozenset()
    sensitive: bool = False
    open: bool = True

    @classmethod
    def open_with(cls, incident_id: str, report: Report) -> Incident:
        return cls(
            incident_id=incident_id,
            category=report.category,
            categories=frozenset({report.category}),
            priority=report.priority,
            area=report.area,
            first_at=report.at,
            last_at=report.latest,
            tickets=(report.ticket_no,),
            segments=report.segments,
            kelurahans=report.kelurahans,
            alleys=report.alleys,
            points=(report.point,) if report.point else (),
            plates=report.plates,
            texts=(report.words,) if report.words else (),
            danger=report.danger,
            channels=frozenset({report.channel}),
            sensitive=report.sensitive,
        )

    @classmethod
    def from_reports(cls, incident_id: str, reports: Sequence[Report], *, is_open: bool = True) -> Incident:
        """The incident its reports make, in time order (after a split or a merge, from the stored members)."""
        ordered = sorted(reports, key=lambda r: (r.at, r.ticket_no))
        incident = cls.open_with(incident_id, ordered[0])
        for r in ordered[1:]:
            incident = incident.with_report(r)
        return replace(incident, open=is_open)

    def with_report(self, report: Report) -> Incident:
        """The incident after `report` joined it (its priority only ever rises)."""
        if report.ticket_no in self.tickets:
            return self
        higher = rank(report.priority) > rank(self.priority)
        return replace(
            self,
            categories=self.categories | {report.category},
            priority=report.priority if higher else self.priority,
            area=self.area or report.area,
            first_at=min(self.first_at, report.at),
            last_at=max(self.last_at, report.latest),
            tickets=(*self.tickets, report.ticket_no),
            segments=self.segments | report.segments,
            kelurahans=self.kelurahans | report.kelurahans,
            alleys=self.alleys | report.alleys,
            points=(*self.points, report.point)[-MAX_POINTS:] if report.point else self.points,
            plates=self.plates | report.plates,
            texts=(*self.texts, report.words)[-MAX_TEXTS:] if report.words else self.texts,
            danger=self.danger | report.danger,
            channels=self.channels | {report.channel},
            sensitive=self.sensitive or report.sensitive,
        )

    def merged_with(self, other: Incident) -> Incident:
        """This incident with `other`'s reports (an officer's merge; `other` is closed into it)."""
        higher = rank(other.priority) > rank(self.priority)
        return replace(
            self,
            categories=self.categories | other.categories,
            priority=other.priority if higher else self.priority,
            area=self.area or other.area,
            first_at=min(self.first_at, other.first_at),
            last_at=max(self.last_at, other.last_at),
            tickets=(*self.tickets, *(t for t in other.tickets if t not in self.tickets)),
            segments=self.segments | other.segments,
            kelurahans=self.kelurahans | other.kelurahans,
            alleys=self.alleys | other.alleys,
            points=(*self.points, *other.points)[-MAX_POINTS:],
            plates=self.plates | other.plates,
            texts=(*self.texts, *other.texts)[-MAX_TEXTS:],
            danger=self.danger | other.danger,
            channels=self.channels | other.channels,
            sensitive=self.sensitive or other.sensitive,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "incident_id": self.incident_id,
            "category": self.category,
            "categories": sorted(self.categories),
            "priority": self.priority,
            "area": self.area,
            "first_at": self.first_at.isoformat(),
            "last_at": self.last_at.isoformat(),
            "tickets": list(self.tickets),
            "segments": sorted(self.segments),
            "kelurahans": sorted(self.kelurahans),
            "alleys": sorted(self.alleys),
            "points": [list(p) for p in self.points],
            "plates": sorted(self.plates),
            "texts": [sorted(t) for t in self.texts],
            "danger": sorted(self.danger),
            "channels": sorted(self.channels),
            "sensitive": self.sensitive,
            "open": self.open,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Incident:
        return cls(
            incident_id=d["incident_id"],
            category=d["category"],
            categories=frozenset(d.get("categories", ())),
            priority=d["priority"],
            area=d.get("area"),
            first_at=datetime.fromisoformat(d["first_at"]),
            last_at=datetime.fromisoformat(d["last_at"]),
            tickets=tuple(d.get("tickets", ())),
            segments=frozenset(d.get("segments", ())),
            kelurahans=frozenset(d.get("kelurahans", ())),
            alleys=frozenset(d.get("alleys", ())),
            points=tuple((float(p[0]), float(p[1])) for p in d.get("points", ())),
            plates=frozenset(d.get("plates", ())),
            texts=tuple(frozenset(t) for t in d.get("texts", ())),
            danger=frozenset(d.get("danger", ())),
            channels=frozenset(d.get("channels", ())),
            sensitive=bool(d.get("sensitive", False)),
            open=bool(d.get("open", True)),
        )


# ---------------------------------------------------------------------------------------------- the rule


@dataclass(frozen=True, slots=True)
class Assessment:
    """How one report compares with one incident: whether it may join, its score and the reasons."""

    incident_id: str
    joins: bool
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Decision:
    """Where a report goes: into `incident_id` (None: it opens a new incident), and what that changes."""

    incident_id: str | None
    reasons: tuple[str, ...]
    raised: bool = False  # the report's priority is above the incident's: the incident rises
    new_danger: frozenset[str] = frozenset()  # danger the incident did not know of
    considered: tuple[Assessment, ...] = field(default=())

    @property
    def joins(self) -> bool:
        return self.incident_id is not None

    @property
    def alerts_again(self) -> bool:
        """The officers must hear of this report although its incident was alerted already."""
        return self.raised or bool(self.new_danger)


def _minutes(delta: timedelta) -> str:
    m = abs(delta.total_seconds()) / 60
    return f"{m:.0f} menit" if m < 120 else f"{m / 60:.1f} jam"


def assess(report: Report, incident: Incident) -> Assessment:  # noqa: PLR0911, PLR0912, PLR0915
    """Compare `report` with `incident` (the rule is in the module doc). Reasons are in Bahasa Indonesia:
    officers read them."""
    iid = incident.incident_id

    def no(reason: str) -> Assessment:
        return Assessment(iid, False, 0, (reason,))

    if not incident.open:
        return no("insiden sudah ditutup")
    # 1. sensitive cases stand alone
    if report.sensitive or report.category in SENSITIVE:
        return no(f"kasus sensitif ({report.category}) tidak pernah digabung")
    if incident.sensitive or incident.categories & SENSITIVE:
        return no("insiden berisi kasus sensitif: tidak digabung")
    # 2. category
    if report.category in NON_EVENT:
        return no(f"kategori {report.category} bukan kejadian")
    if not any(compatible(report.category, c) for c in incident.categories):
        return no(f"kategori {report.category} tidak cocok dengan {', '.join(sorted(incident.categories))}")
    # 3. time
    window = max(WINDOW.get(c, DEFAULT_WINDOW) for c in {report.category, incident.category})
    span = max(MAX_SPAN.get(c, DEFAULT_SPAN) for c in {report.category, incident.category})
    after_last = report.at - incident.last_at
    if after_last > window:
        return no(f"waktu: {_minutes(after_last)} setelah laporan terakhir (batas {_minutes(window)})")
    if incident.first_at - report.at > window:
        return no(f"waktu: {_minutes(incident.first_at - report.at)} sebelum laporan pertama")
    if report.at - incident.first_at > span:
        return no(f"waktu: insiden sudah berlangsung {_minutes(report.at - incident.first_at)}")
    reasons: list[str] = []
    # 4. place
    nearest = min((distance_m(report.point, p) for p in incident.points), default=None) if report.point else None
    near = nearest is not None and nearest <= NEAR_M
    if nearest is not None and nearest > FAR_M:
        return no(f"tempat: koordinat berjarak {nearest / 1000:.1f} km")
    if report.area and incident.area and report.area != incident.area and not near:
        return no(f"tempat: wilayah berbeda ({report.area} / {incident.area})")
    shared_segments = report.segments & incident.segments
    if report.segments and incident.segments and not shared_segments and not near:
        return no(f"tempat: {', '.join(sorted(report.segments))} bukan {', '.join(sorted(incident.segments))}")
    shared_kel = report.kelurahans & incident.kelurahans
    if report.kelurahans and incident.kelurahans and not shared_kel and not near and not shared_segments:
        return no(
            f"tempat: kelurahan {', '.join(sorted(report.kelurahans))} bukan {', '.join(sorted(incident.kelurahans))}"
        )
    if report.alleys and incident.alleys and not report.alleys & incident.alleys:
        return no(f"tempat: {', '.join(sorted(report.alleys))} bukan {', '.join(sorted(incident.alleys))}")
    place = 0
    if near:
        place = 2
        reasons.append(f"tempat: koordinat berjarak {nearest:.0f} m")
    if shared_segments:
        place = 2
        reasons.append(f"tempat: sama-sama di {', '.join(sorted(shared_segments))}")
    if place < 2 and shared_kel:
        place = 1
        reasons.append(f"tempat: kelurahan yang sama ({', '.join(sorted(shared_kel))})")
    named_for = _named_for(report.segments, incident.kelurahans) | _named_for(incident.segments, report.kelurahans)
    if place < 2 and named_for:
        place = 1
        reasons.append(f"tempat: {', '.join(sorted(named_for))} (jalan/tempat dan kelurahan bernama sama)")
    if place < 2 and nearest is not None and nearest <= CLOSE_M:
        place = max(place, 1)
        reasons.append(f"tempat: koordinat berjarak {nearest:.0f} m")
    # 5. identity and text
    text = 0
    if report.category in PLATE_CATEGORIES and report.plates and incident.plates:
        if report.plates & incident.plates:
            text = 2
            reasons.append(f"nopol sama: {', '.join(sorted(report.plates & incident.plates))}")
        else:
            return no(f"nopol berbeda: {', '.join(sorted(report.plates))} / {', '.join(sorted(incident.plates))}")
    sim = max((similarity(report.words, t) for t in incident.texts), default=0.0)
    if sim >= COPY_SIMILARITY:
        text = 2
        reasons.append(f"teks: {sim:.0%} sama (pesan diteruskan)")
    elif sim >= WEAK_SIMILARITY:
        text = max(text, 1)
        reasons.append(f"teks: {sim:.0%} mirip")
    cat = 1 if report.category in incident.categories else 0
    reasons.append(
        f"kategori: {report.category}" + ("" if cat else f" cocok dengan {', '.join(sorted(incident.categories))}")
    )
    close = abs(after_last) <= CLOSE_TIME or incident.first_at <= report.at <= incident.last_at
    reasons.append(
        f"waktu: {_minutes(after_last)} {'setelah' if after_last >= timedelta(0) else 'sebelum'} laporan terakhir"
    )
    score = place + text + cat + (1 if close else 0)
    if place >= 2:
        ok = True
    elif place == 1:
        # the same neighbourhood: the wording must agree too, unless it is one big event (a crash, a fire, a
        # fight) of the same category reported within minutes
        ok = text >= 1 or (cat == 1 and close and report.category in BIG_EVENTS)
        if not ok:
            reasons.append("tempat hanya sekitar sama dan teks tidak mirip")
    else:
        ok = text >= 2 and cat == 1 and report.category in TEXT_ONLY
        if not ok:
            reasons.append("tidak ada bukti tempat")
    joins = ok and score >= JOIN_SCORE
    return Assessment(iid, joins, score, tuple(reasons))


def _named_for(segments: frozenset[str], kelurahans: frozenset[str]) -> frozenset[str]:
    """Roads or landmarks named after one of the kelurahan ("Jl. Raya Tlogomas" and kel. Tlogomas)."""
    if not segments or not kelurahans:
        return frozenset()
    kels = {k.lower().replace("-", " ") for k in kelurahans}
    return frozenset(s for s in segments if s in kels)


def decide(report: Report, candidates: Iterable[Incident]) -> Decision:
    """Where `report` goes among the open `candidates` (from the index by area and time)."""
    considered = tuple(assess(report, inc) for inc in candidates if report.ticket_no not in inc.tickets)
    by_id = {inc.incident_id: inc for inc in candidates}
    joinable = [a for a in considered if a.joins]
    if not joinable:
        why = "insiden baru: " + (
            "kasus sensitif ditangani sendiri"
            if report.sensitive
            else ("tidak ada insiden terbuka yang cocok" if considered else "tidak ada insiden terbuka di sekitar")
        )
        return Decision(None, (why,), considered=considered)
    best = max(joinable, key=lambda a: (a.score, by_id[a.incident_id].last_at))
    incident = by_id[best.incident_id]
    raised = rank(report.priority) > rank(incident.priority)
    new_danger = report.danger - incident.danger
    reasons = list(best.reasons)
    if raised:
        reasons.append(f"prioritas insiden naik: {incident.priority} → {report.priority}")
    if new_danger:
        reasons.append("bahaya baru: " + ", ".join(DANGER[t] for t in sorted(new_danger)))
    return Decision(best.incident_id, tuple(reasons), raised=raised, new_danger=new_danger, considered=considered)
