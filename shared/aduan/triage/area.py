"""Area resolution: coordinates first, then places named in the text (with context rules)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator, Mapping

from . import gazetteer as gz

# joined alias -> (area, kelurahan or None, display label, ambiguous)
_Entry = tuple[str, str | None, str, bool]
_GAZ: dict[str, _Entry] = {}
_MAX_WORDS = 1


def _key(words: str) -> str:
    return words.replace(" ", "").replace("oe", "u").replace("dj", "j")


def _put(alias: str, entry: _Entry) -> None:
    global _MAX_WORDS
    _GAZ[_key(alias)] = entry
    _MAX_WORDS = max(_MAX_WORDS, alias.count(" ") + 1)


for _alias, _area in gz.LANDMARKS.items():
    _put(_alias, (_area, None, _alias, _alias in gz.AMBIGUOUS))
for _name, (_kec, _c, _aliases) in gz.KELURAHAN.items():
    _low = _name.lower().replace("-", " ")
    for _a in (_low, *_aliases):
        _put(_a, (_kec, _name, _name, _a in gz.AMBIGUOUS or _low in gz.AMBIGUOUS))
_MAX_WORDS = min(_MAX_WORDS, 6)
_PREFIXES: frozenset[str] = frozenset(k[:j] for k in _GAZ for j in range(1, len(k) + 1))
_UPPER_RE = re.compile(r"[A-Z]")
_REDUP_RE = re.compile(r"([A-Za-z]+)2$")
_ALPHA_RE = re.compile(r"[A-Za-z]")

_LOC_CTX: frozenset[str] = frozenset(
    {
        "di",
        "daerah",
        "dkt",
        "dekat",
        "jl",
        "jln",
        "kel",
        "kelurahan",
        "kec",
        "kecamatan",
        "depan",
        "sekitar",
        "nang",
        "ning",
        "perum",
        "perumahan",
        "wilayah",
        "area",
        "kawasan",
        "desa",
        "ds",
        "kampung",
        "gang",
        "gg",
        "dusun",
        "sebelah",
        "belakang",
        "samping",
        "seberang",
        "ndek",
        "lokasi",
        "alamat",
        "tkp",
        "pasar",
        "terminal",
        "stasiun",
        "raya",
        "seputaran",
        "sekitaran",
        "kampus",
        "polsek",
        "rt",
        "rw",
        "wil",
        "kota",
        "perempatan",
        "pertigaan",
        "simpang",
        "bundaran",
        "jembatan",
        "dekete",
        "arah_x",
        "sepanjang",
        "ujung",
        "utara",
        "selatan",
        "timur",
        "barat",
        "dalam",
        "masuk",
        "jalur",
        "cedak",
        "parek",
        "kidul",
        "lor",
        "wetan",
        "kulon",
        "ngarep",
        "mburi",
        "sebelum",
        "setelah",
        "lewat",
        "kos",
        "kost",
        "kosan",
        "parkiran",
        "warung",
        "toko",
        "masjid",
        "sekolah",
        "komplek",
        "kompleks",
        "pertokoan",
        "ruko",
        "lapangan",
        "perpustakaan",
        "gerbang",
        "gedung",
        "kafe",
        "warkop",
        "sd",
        "smp",
        "sma",
    }
)
# words of travel or escape: a place right after them is where someone went, not where it happened
_TRAVEL: frozenset[str] = frozenset(
    [
        "kabur",
        "lari",
        "pergi",
        "pulang",
        "balik",
        "mudik",
        "dibawa",
        "dilarikan",
        "dirujuk",
        "berangkat",
        "antar",
        "diantar",
        "menuju",
        "arah",
        "kearah",
    ]
)
_DIRECTION: frozenset[str] = _TRAVEL | frozenset(
    ["ke", "tujuan", "jurusan", "nyang", "ngetan", "ngulon", "ngalor", "ngidul", "sampai", "hingga"]
)
# a place noun one word before the name still marks it as a place ("warung bakso Blimbing", "pos polisi
# Gadang", "minimarket Gadang")
_PLACE_HEAD: frozenset[str] = frozenset(
    {
        "warung",
        "toko",
        "pasar",
        "minimarket",
        "indomaret",
        "alfamart",
        "swalayan",
        "apotek",
        "klinik",
        "bengkel",
        "pos",
        "spbu",
        "pom",
        "halte",
        "masjid",
        "musholla",
        "mushola",
        "gereja",
        "kantor",
        "kampus",
        "sekolah",
        "perumahan",
        "perum",
        "gang",
        "gg",
        "kafe",
        "warkop",
        "ruko",
        "depot",
        "rumah",
        "makam",
        "kuburan",
        "lapangan",
        "taman",
        "terminal",
        "stasiun",
    }
)
# movement verbs that make a following "ke X" a direction of travel or escape, not the scene
_MOTION: frozenset[str] = _TRAVEL | frozenset(
    [
        "melarikan",
        "ngacir",
        "diangkut",
        "dikirim",
        "pamit",
        "merantau",
        "pindah",
        "kerja",
        "liburan",
        "main",
        "jalan",
        "naik",
        "jl",
        "mau",
        "akan",
        "arep",
        "atene",
        "hendak",
        "ingin",
        "rencana",
    ]
)
_ORIGIN: frozenset[str] = frozenset({"dari", "asal", "warga", "penduduk", "ktp", "domisili", "kelahiran"})
# "from/towards X ... at Y": a place a few words after a from-word ("pulang dari rumah saudara di Singosari",
# "sepulang kerja di Lawang") is where the reporter came from, unless a scene word comes between them
_FROM_FRAME: frozenset[str] = frozenset({"dari", "sepulang", "pulang", "mudik", "teko", "saking"})
_SCENE: frozenset[str] = frozenset(
    {"lewat", "melewati", "liwat", "depan", "dekat", "sampai", "tiba", "pas", "ada", "terjadi"}
)
_NUM_RE = re.compile(r"[0-9]+")
_TOK_RE = re.compile(r"[A-Za-z]+[0-9]*|[0-9]+|[.!?;,:\n()]")
_ROAD = {"jln": "jl", "jl": "jl", "jlan": "jl"}
_ROAD_WORDS = {"jalan": "jl", "dalan": "jl"}
_STOP_PUNCT = frozenset(".!?;,:\n()")

_ABBR_DOT_RE = re.compile(
    r"\b(jl|jln|gg|kel|kec|ds|no|rt|rw|dr|h|kh|mt|ir|s|a|jend|letjen|mayjen|kol|ki|la|perum|komp|kab|dsn|pos)\.",
    re.IGNORECASE,
)


def _tokens(text: str) -> list[tuple[str, bool, bool]]:
    """Tokens as (lower, capitalised, sentence_initial)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("-", " ").replace("'", "")
    text = _ABBR_DOT_RE.sub(r"\1 ", text)
    out: list[tuple[str, bool, bool]] = []
    initial = True
    for raw in _TOK_RE.findall(text):
        if raw in _STOP_PUNCT:
            out.append(("|", False, False))
            initial = raw not in ",:("
            continue
        m = _REDUP_RE.match(raw) if raw[-1] == "2" else None
        words = [m.group(1), m.group(1)] if m else [raw]
        for w in words:
            low = w.lower()
            out.append((_ROAD.get(low, low), w[:1].isupper(), initial))
            initial = False
    return out


def _coords(location: object) -> tuple[float, float] | None:
    lat: object
    lon: object
    if isinstance(location, Mapping):
        lat = location.get("lat", location.get("latitude"))
        lon = location.get("lon", location.get("lng", location.get("longitude")))
    elif isinstance(location, (tuple, list)) and len(location) == 2:
        lat, lon = location
    else:
        return None
    try:
        flat = float(lat)  # type: ignore[arg-type]
        flon = float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(flat) and math.isfinite(flon)) or not (-90 <= flat <= 90 and -180 <= flon <= 180):
        return None
    return flat, flon


def _came_from(toks: list[tuple[str, bool, bool]], i: int) -> bool:
    """True when the place at ``i`` follows a from-word in its clause with no scene word between them."""
    for j in range(i - 1, max(-1, i - 5), -1):
        t = toks[j][0]
        if t == "|" or t in _SCENE:
            return False
        if t in _FROM_FRAME:
            return True
    return False


def locate(text: str, location: object = None) -> tuple[str | None, str | None, str]:
    """Return (area, kelurahan, reason) from coordinates if given, else from place names in ``text``."""
    pt = _coords(location)
    if pt is not None:
        lat, lon = pt
        if gz.point_in_city(lat, lon):
            name, kec, dist = gz.nearest_kelurahan(lat, lon)
            if dist <= 2.5:
                return kec, name, f"wilayah: koordinat ({lat:.4f}, {lon:.4f}) → kel. {name}, {kec}"
        return "luar_kota", None, f"wilayah: koordinat ({lat:.4f}, {lon:.4f}) di luar Kota Malang → luar_kota"
    best: _Candidate | None = None
    for cand in _candidates(text):
        if best is None or (cand[0], cand[1]) < (best[0], best[1]):
            best = cand
    if best is None:
        return None, None, ""
    _tier, _pos, (area, kel, label, _amb), surface = best
    shown = label if kel else surface
    return area, kel, f"wilayah: '{shown}' → {area}"


# (tier, position, entry, surface): tier 0 a place with a locative cue, 1 a bare name, 2 an origin or destination
_Candidate = tuple[int, int, _Entry, str]


def places(text: str) -> tuple[tuple[str, str, str | None], ...]:
    """Every place the text names as a scene (not an origin, a destination or an escape direction), in text
    order, once each: ``(name, area, kelurahan)`` where ``name`` is the kelurahan or the landmark as spelled
    in the gazetteer's alias (``"jl suhat"``, ``"soekarno hatta"``: aliases of one road stay distinct here)."""
    found = list(_candidates(text))
    # like `locate`, a place named only after a bare "ke" or "dari" counts when nothing better is named
    floor = min((c[0] for c in found), default=0)
    seen: dict[str, tuple[str, str, str | None]] = {}
    for tier, _pos, (area, kel, label, _amb), _surface in found:
        if tier < 2 or tier == floor:
            seen.setdefault(kel or label, (kel or label, area, kel))
    return tuple(seen.values())


def _candidates(text: str) -> Iterator[_Candidate]:  # noqa: PLR0912, PLR0915
    toks = _tokens(text)
    if not toks:
        return
    n_alpha = len(_ALPHA_RE.findall(text))
    shouting = n_alpha >= 12 and len(_UPPER_RE.findall(text)) > 0.7 * n_alpha
    n = len(toks)
    keys = [_ROAD_WORDS.get(t[0]) or _key(t[0]) for t in toks]
    i = 0
    while i < n:
        if toks[i][0] == "|":
            i += 1
            continue
        found = None
        acc = ""
        for length in range(1, min(_MAX_WORDS, n - i) + 1):
            if toks[i + length - 1][0] == "|":
                break
            acc += keys[i + length - 1]
            if acc not in _PREFIXES:
                break
            entry = _GAZ.get(acc)
            if entry is not None:
                found = (length, entry)
        if found is None:
            i += 1
            continue
        length, entry = found
        surface = " ".join(t[0] for t in toks[i : i + length])
        prev = [t[0] for t in toks[max(0, i - 3) : i]]
        while prev and _NUM_RE.fullmatch(prev[-1]):
            prev.pop()
        if "|" in prev:
            prev = prev[len(prev) - prev[::-1].index("|") :]
        p1 = prev[-1] if prev else ""
        p2 = prev[-2] if len(prev) > 1 else ""
        has_ctx = (
            p1 in _LOC_CTX
            or (keys[i] == "jl" and length > 1)
            or p1 in _PLACE_HEAD
            or (p2 in _PLACE_HEAD and p1 != "ke")
        )
        area, kel, label, ambiguous = entry
        if ambiguous and not has_ctx:
            cap = toks[i][1] and not toks[i][2] and not shouting
            if not cap:
                i += length
                continue
        via_road = p2 in ("jl", "jalan", "dalan") and p1 in ("menuju", "arah")
        # a bare "ke X" (no escape or travel verb before it) may still be the scene: keep it as a
        # last resort ("dijambret pas ke pasar Dinoyo"); "kabur ke X", "dibawa ke X" are never the scene
        p3 = prev[-3] if len(prev) > 2 else ""
        dest_only = (p1 == "ke" and p2 not in _MOTION and p3 not in _MOTION) or (
            p2 == "ke" and p1 in _LOC_CTX and p3 not in _MOTION
        )
        if (
            not via_road
            and not dest_only
            and (p1 in _DIRECTION or (p2 in _DIRECTION and p1 not in ("di", "jl", "daerah", "depan", "dekat")))
        ):
            i += length
            continue
        if area == "luar_kota" and p1 == "jl" and length == 1:
            i += length
            continue
        if p1 in ("kec", "kecamatan"):
            kel = None
        tier = 0 if has_ctx or via_road else 1
        # "saya warga Batu", "ayas wong Batu", "aku arek Lawang": the reporter's home, not the scene
        if p1 in ("warga", "wong", "orang", "arek") and p2 in ("saya", "sy", "aku", "kami", "ayas", "gw", "kulo"):
            i += length
            continue
        if p1 == "dari" and p2 in ("hilang", "pergi", "kabur", "minggat"):
            tier = 0
        elif p1 in _ORIGIN or p2 in _ORIGIN or dest_only or _came_from(toks, i):
            tier = 2
        yield (tier, i, (area, kel, label, ambiguous), surface)
        i += length
