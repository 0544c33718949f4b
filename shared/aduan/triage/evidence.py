"""Evidence the rules share: questions about a report's tokens and hits ("is a weapon wielded?", "is this
a body part?", "how old is the person?", "did the collision happen or was it a near miss?").

Each function answers one question and has no side effect beyond its own cache.
"""

from __future__ import annotations

import re

from . import lexicon as lx
from . import stem
from .families import ROAD, ROAD_USER
from .normalize import BOUNDARY
from .scan import Features, Hit, bare_form, lemma

NEGATORS = lx.CUES["negator"]
HEDGES = lx.CUES["hedge"]
HYPOTHETICAL = lx.CUES["hypo"]
VEHICLE = lx.CUES["vehicle"]
AMBIGUOUS_WEAPON = lx.WORDS["ambiguous_weapon"]
BODY_HURT = lx.WORDS["body_hurt"]
BODY_PART = lx.WORDS["body_part"]
CONDITIONAL = lx.WORDS["conditional"]
THEFT_ROOT = lx.WORDS["theft_root"]
WIELD = lx.WORDS["wield"]
_ADULT_ANAK_NEXT = lx.WORDS["adult_anak_next"]
_FOR_SALE = lx.WORDS["for_sale"]
_NOT_BODY_NEXT = lx.WORDS["not_body_next"]
NEAR_MISS_WORDS = lx.WORDS["near_miss"]
_DWELLING = lx.WORDS["dwelling"]

# past cues that say when something was noticed, not when it happened
SOFT_PAST: frozenset[str] = frozenset({"ketahuan", "baru tahu", "baru sadar", "tanggal", "sejak"})


def near(a: list[Hit], b: list[Hit], window: int) -> tuple[Hit, Hit] | None:
    for x in a:
        for y in b:
            if abs(x.start - y.start) <= window:
                return x, y
    return None


_AGE_RE = re.compile(
    r"(?:umur|usia|umurnya|usianya|umure|usiane|yuswa)\s*(?:e\s+)?(\d{1,3})"
    r"|(\d{1,3})\s*(?:tahun|thn|th|taun|tahunan|an\b)\b|\((\d{1,3})[,)]"
)


DATE_RE = re.compile(
    r"\b\d{1,2}\s+(?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember"
    r"|jan|feb|mar|apr|jun|jul|agu|agt|agus|sep|sept|okt|nov|des)\b"
)


def adult_anak(h: Hit, toks: tuple[str, ...]) -> bool:
    return h.key.startswith("anak") and h.end < len(toks) and toks[h.end] in _ADULT_ANAK_NEXT


def age_of(text: str) -> int | None:
    m = _AGE_RE.search(text)
    if not m:
        return None
    val = next(g for g in m.groups() if g)
    age = int(val)
    return age if 0 < age < 110 else None


def wielded_weapons(feats: Features, toks: tuple[str, ...]) -> list[Hit]:
    """Weapon hits: real weapons, plus everyday objects that someone is wielding ("pakai obeng")."""
    out = []
    for h in feats.cues.get("weapon", []):
        if any(t in _FOR_SALE for t in toks[max(0, h.start - 3) : h.end + 3]):
            continue  # "jual celurit hias", "pisau dapur murah": goods, not a weapon against anyone
        if h.key in AMBIGUOUS_WEAPON and not any(t in WIELD for t in toks[max(0, h.start - 2) : h.start]):
            continue
        out.append(h)
    return out


_BODY_CACHE: dict[str, bool] = {}
_HURT_LENS: tuple[int, ...] = tuple(sorted({w.count(" ") + 1 for w in BODY_HURT}, reverse=True))


def is_body(tok: str) -> bool:
    """True for a body part, with or without a possessive ("kepalanya", "sikile", "tanganku")."""
    hit = _BODY_CACHE.get(tok)
    if hit is None:
        hit = tok in BODY_PART or any(
            tok.endswith(p) and len(tok) - len(p) >= 3 and tok[: -len(p)] in BODY_PART for p in stem.POSSESSIVE
        )
        if len(_BODY_CACHE) < 50_000:
            _BODY_CACHE[tok] = hit
    return hit


def body_injuries(toks: tuple[str, ...]) -> list[Hit]:
    """Injuries told as a body part plus what happened to it ("kaki kanan saya patah", "sirahe bocor").

    The hurt word must sit within four words of the body part in the same clause and must not be negated
    or hedged as a near miss ("tidak patah", "hampir patah").
    """
    out: list[Hit] = []
    n = len(toks)
    for i, tok in enumerate(toks):
        body = _BODY_CACHE.get(tok)
        if body is None:
            body = is_body(tok)
        if not body or tok == BOUNDARY:
            continue
        if i + 1 < n and toks[i + 1] in _NOT_BODY_NEXT:
            continue  # "badan jalan", "kaki lima", "kepala desa", "mulut gang": not a person's body
        lo = i
        while lo > 0 and i - lo < 4 and toks[lo - 1] != BOUNDARY:
            lo -= 1
        end = i + 1  # end of the clause
        while end < n and toks[end] != BOUNDARY:
            end += 1
        for j in range(lo, min(end, i + 6)):
            if j == i:
                continue
            for length in _HURT_LENS:
                if j + length > end:
                    continue
                seg = toks[j : j + length]
                key = " ".join(seg)
                if key not in BODY_HURT and not (length == 1 and _bare_hurt(key)):
                    continue
                prev = toks[j - 1] if j > 0 else ""
                if (prev in NEGATORS and seg[0] != "tidak") or prev in HYPOTHETICAL:
                    break
                out.append(Hit(key, f"{tok} {key}", min(i, j), max(i + 1, j + length), (), False, False))
                return out
    return out


def _bare_hurt(tok: str) -> bool:
    return any(tok.endswith(p) and tok[: -len(p)] in BODY_HURT for p in ("nya", "e", "ne"))


# violence verbs in the passive ("dihajar", "digebuki") or a crowd: the thief is the victim of a mob
THIEF: frozenset[str] = frozenset({"maling", "pencuri", "copet", "jambret", "begal", "curi", "tertangkap"})
PARENTS_M: frozenset[str] = frozenset({"bapak", "ayah", "papa", "bapaknya", "ayahnya"})
PARENTS_F: frozenset[str] = frozenset({"ibu", "ibunya", "mama", "mamak"})
ATTACKING: frozenset[str] = frozenset({"lempar", "lempari", "melempari", "amuk", "ngamuk", "mengamuk"})
MENTAL: frozenset[str] = frozenset({"odgj", "orang gila", "gangguan jiwa", "sakit jiwa", "gangguan mental"})


PRONOUNS: frozenset[str] = frozenset({"dia", "beliau", "ia", "mereka", "keduanya", "doi", "deweke", "piyambakipun"})
LOSS_WORDS: frozenset[str] = frozenset(
    {"hilang", "kehilangan", "ambil", "diambil", "ngambil", "mengambil", "raib", "curi"}
)
_KEY_CLASS: dict[str, int] = {}


def key_class(key: str) -> int:
    """Bit set of the loss (1), theft (2) and thief (4) words in a matched key; cached per key."""
    hit = _KEY_CLASS.get(key)
    if hit is None:
        words = [lemma(w) for w in key.split()]
        hit = (
            (1 if any(w in LOSS_WORDS for w in words) else 0)
            | (2 if any(w in THEFT_ROOT for w in words) else 0)
            | (4 if any(w in THIEF for w in words) else 0)
        )
        _KEY_CLASS[key] = hit
    return hit


_VEHICLE_WORDS: frozenset[str] = frozenset(w for k in VEHICLE for w in k.split()) - {"pick", "up", "box"}


def unsaid(toks: tuple[str, ...], k: int) -> bool:
    """True when the word at ``k`` did not happen as an event here: negated, a near miss, a hazard ("sering",
    "banyak yang"), a condition or a cause told as backstory ("gara gara senggolan")."""
    return any(
        t in NEAR_MISS_WORDS or t in NEGATORS or t in HEDGES or t in CONDITIONAL for t in toks[max(0, k - 3) : k]
    )


def clause(toks: tuple[str, ...], k: int, span: int) -> tuple[str, ...]:
    """Up to ``span`` words either side of ``k``, stopping at clause boundaries."""
    lo = k
    while lo > 0 and k - lo < span and toks[lo - 1] != BOUNDARY:
        lo -= 1
    hi = k + 1
    while hi < len(toks) and hi - k <= span and toks[hi] != BOUNDARY:
        hi += 1
    return toks[lo:hi]


def is_vehicle(t: str) -> bool:
    return t in _VEHICLE_WORDS or bare_form(t) in _VEHICLE_WORDS or t in ROAD_USER or t in ROAD


def accident_event(toks: tuple[str, ...], fams: tuple[str | None, ...]) -> str | None:
    """A collision or overturn (any affixed form) with a vehicle, road user or road in the same clause."""
    for k, t in enumerate(toks):
        fam = fams[k]
        if fam not in ("collide", "overturn") or unsaid(toks, k):
            continue
        if fam == "collide" and any(is_vehicle(w) for w in clause(toks, k, 8)):
            return t
        # something overturns or slips: the vehicle or rider is its subject ("HP keselip di jok mobil" is not)
        before, after = clause(toks[: k + 1], k, 8)[:-1], clause(toks, k, 6)
        if any(is_vehicle(w) for w in before) or any(w in ROAD for w in after[after.index(t) + 1 :]):
            return t
    return None


def near_miss_of(toks: tuple[str, ...], fams: tuple[str | None, ...]) -> str | None:
    """A collision or overturn only just avoided ("hampir nabrak", "nyaris terguling")."""
    for k, f in enumerate(fams):
        if f in ("collide", "overturn") and any(t in ("hampir", "nyaris") for t in toks[max(0, k - 3) : k]):
            return " ".join(toks[max(0, k - 1) : k + 1])
    return None


def trapped_person(toks: tuple[str, ...], feats: Features) -> str | None:
    """A person pinned, crushed or buried ("sopire ketindihan", "kakinya kejepit"): cannot get out alone."""
    people = {h.start for name in ("person", "child", "vulnerable", "family") for h in feats.cues.get(name, [])}
    for k, t in enumerate(toks):
        if feats.fams[k] != "trapped" or unsaid(toks, k):
            continue
        before = range(max(0, k - 4), k)
        if any(j in people or toks[j] in ROAD_USER or is_body(toks[j]) for j in before if toks[j] != BOUNDARY):
            return t
        if any(toks[j] in PRONOUNS or toks[j] in ("saya", "korban", "orang") for j in before):
            return t
    return None


def is_person_hit(h: Hit) -> bool:
    return any(k == "cue" and n in ("person", "child", "vulnerable", "family") for k, n, _w in h.tags)


MONEY_RE = re.compile(r"^(?:\d|rp|uang|duit)")
# what follows an officer word used to address the police ("pak polisi, tolong ...")
ADDRESS_NEXT: frozenset[str] = frozenset(
    {BOUNDARY, "tolong", "mohon", "ini", "saya", "ada", "kami", "min", "izin", "mau", "pak", "bu", "kok"}
)


def addressee(h: Hit, toks: tuple[str, ...]) -> bool:
    """True for an officer word used to address the police ("pak polisi, tolong ...")."""
    if h.key not in ("polisi", "pak polisi", "bapak polisi", "polresta", "polres", "polsek", "kepolisian"):
        return False
    nxt = toks[h.end] if h.end < len(toks) else BOUNDARY
    return h.start <= 2 and nxt in ADDRESS_NEXT


def same_clause(toks: tuple[str, ...], a: Hit, b: Hit) -> bool:
    lo, hi = (a, b) if a.start < b.start else (b, a)
    return BOUNDARY not in toks[lo.end : hi.start]


def hits_of(feats: Features, cat: str) -> list[Hit]:
    """Un-negated hits carrying category weight for ``cat``."""
    return [h for h in feats.hits if not h.negated and any(k == "cat" and c == cat for k, c, _w in h.tags)]


def intruder_inside(toks: tuple[str, ...]) -> bool:
    """The intruder is inside a dwelling now ("masih di dalam", "masuk rumah", "ada maling di rumah")."""
    for k in range(len(toks) - 1):
        here = toks[k + 1] in _DWELLING
        if toks[k + 1] == "dalam":  # "masih di dalam" a home, not a shop ("ngutil di minimarket")
            here = any(t in _DWELLING and t != "dalam" for t in toks[max(0, k - 15) : k])
        if toks[k] in ("masuk", "di", "ke") and here:
            if toks[k] == "masuk" or "masih" in toks[max(0, k - 3) : k] or "maling" in toks[max(0, k - 3) : k]:
                return True
            if toks[k] == "ke" and k > 0 and toks[k - 1] == "masuk":
                return True
    return False


def station_named(toks: tuple[str, ...], areason: str) -> bool:
    """True when the place that gave the area is named only as a police station ("polsek X")."""
    parts = areason.split("'")
    if len(parts) < 3:
        return False
    place = parts[1].lower().split()
    n = len(place)
    seen = [k for k in range(len(toks) - n + 1) if list(toks[k : k + n]) == place]
    return bool(seen) and all(k > 0 and toks[k - 1] in ("polsek", "polres", "polresta") for k in seen)
