"""Rule-based triage engine: category scoring, priority rules and the public ``triage`` function."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from . import lexicon as lx
from . import stem
from .area import locate
from .danger import assess
from .families import _CACHE as _FAMILY_CACHE
from .families import PROPERTY, ROAD, ROAD_USER, family_of
from .normalize import BOUNDARY, normalize, register_known

if TYPE_CHECKING:
    from . import model as _model

Tag = tuple[str, str, float]  # (kind, name, weight); kind is "cat" or "cue"

_CUE_SETS: dict[str, frozenset[str]] = {
    "past": lx.TIME_PAST,
    "fresh": lx.TIME_FRESH,
    "ongoing": lx.TIME_ONGOING,
    "recurring": lx.RECURRING,
    "urgent": lx.URGENT,
    "injury": lx.INJURY,
    "minor": lx.INJURY_MINOR,
    "reassure": lx.REASSURE,
    "weapon": lx.WEAPON,
    "vulnerable": lx.VULNERABLE,
    "child": lx.CHILD,
    "family": lx.FAMILY,
    "group": lx.GROUP_FIGHT,
    "sexual": lx.SEXUAL,
    "officer": lx.OFFICER,
    "misconduct": lx.MISCONDUCT,
    "impersonate": lx.IMPERSONATE,
    "question": lx.QUESTION,
    "person": lx.PERSON_NOUN,
    "valuable": lx.VALUABLE,
    "document": lx.DOCUMENT,
    "service": lx.SERVICE,
    "fire": lx.FIRE,
    "hazard": lx.HAZARD_HIGH,
    "novictim": lx.NO_VICTIM,
    "service_override": lx.SERVICE_OVERRIDE,
    "greeting": lx.GREETING,
    "negator": lx.NEGATORS,
    "hedge": lx.HEDGES,
    "nonofficer": lx._words("""
        petugas parkir, petugas pln, petugas damkar, petugas dishub, petugas kebersihan, petugas bank,
        petugas keamanan, anggota ormas, anggota geng, anggota keluarga, petugas leasing,
        petugas satpol pp, satpol pp, petugas pemadam, petugas kereta, anggota dewan, anggota dprd,
        anggota perguruan, lapor polisi, lapor ke polisi, hubungi polisi, panggil polisi,
    """),
    "severe": lx.SEVERE,
    "ll_danger": lx.LL_DANGER,
    "active": lx.ACTIVE_DISTURB,
    "resolved": lx.RESOLVED,
    "hypo": lx.HYPOTHETICAL,
    "loss": lx.LOSS,
    "failed": lx.FAILED,
    "action": lx.ACTION_NEEDED,
    "fire_active": lx.FIRE_ACTIVE,
    "water_high": lx.WATER_HIGH,
    "flood": lx.FLOOD,
    "gas": lx.GAS,
    "praise": lx.PRAISE,
    "praise_strong": lx.PRAISE_STRONG,
    "complaint": lx.COMPLAINT,
    "abduct": lx._words("""
        culik, penculikan, diculik, dibawa paksa, dijemput paksa, sekap, disekap, penyekapan, sandera,
        disandera, penyanderaan, dikurung, dibawa kabur, dibawa lari,
    """),
    "breakin": lx._words("""
        mencoba masuk, masuk rumah, masuk ke rumah, congkel, dicongkel, bobol, jendela dicongkel,
        pecah kaca,
    """),
    "procedural": lx._words("""
        bagaimana cara, bagaimana prosedur, apa benar, apakah benar, cara, prosedur, apakah polisi bisa,
        caranya,
    """),
    "fled": lx._words("""
        kabur, melarikan diri, tabrak lari, ditabrak lari, pergi, lari, tidak bertanggung jawab,
        kabur begitu saja,
    """),
    "robbery": lx._words("""
        begal, rampok, rampas, todong, jambret, curas, pembegalan, perampokan, penjambretan, ambil paksa,
        ditodong,
    """),
    "recovered": lx._words("""
        sudah ketemu, sudah ditemukan, sudah pulang, berhasil ditemukan, sudah kembali, sudah dijemput,
    """),
}

_CUE_SETS.update(
    {
        "vehicle": lx.VEHICLE,
        "mishap": lx.MISHAP,
        "forced": lx.FORCED,
        "female": lx.FEMALE,
        "found_lost": lx.FOUND_LOST,
        "surveil": lx.SURVEIL,
        "stranger": lx.STRANGER,
        "caught": lx.CAUGHT,
        "ex_partner": lx.EX_PARTNER,
        "trapped": lx.TRAPPED,
        "remote": lx.REMOTE,
        "imminent": lx.IMMINENT,
        "pet": lx.PET,
        "neglect": lx.NEGLECT,
    }
)
_ABDUCT_MORE: frozenset[str] = lx._words("""
    ditarik paksa masuk, dipaksa masuk mobil, diseret masuk, dimasukkan ke mobil, dimasukkan paksa,
    ditarik masuk mobil,
""")
_CUE_SETS["abduct"] = _CUE_SETS["abduct"] | _ABDUCT_MORE
_CUE_SETS["forced"] = _CUE_SETS["forced"] | _ABDUCT_MORE
_CUE_SETS["fled"] = _CUE_SETS["fled"] | {"tancap gas", "langsung kabur", "kabur begitu saja", "ngacir"}
_CUE_SETS["procedural"] = _CUE_SETS["procedural"] | {
    "harus bagaimana",
    "diapakan",
    "diapain",
    "harus apa",
    "sebaiknya",
    "bagaimana menyelesaikan",
    "bagaimana menyelesaikannya",
}

_ENTITY_CUES: frozenset[str] = lx._words("""
    vulnerable, child, person, valuable, document, family, officer, weapon, group, sexual, vehicle,
    female, ll_danger,
""")
_STRONG_ONGOING: frozenset[str] = lx._words("""
    sedang, sekarang, berlangsung, dari tadi, sejak tadi, terdengar jeritan, terdengar teriakan,
    terdengar suara, kedengaran, sedang terjadi, masih di lokasi, masih di tkp, belum padam,
    makin besar, semakin besar, merembet, menjalar, masih berlangsung, sedang berlangsung, detik ini,
    sekarang juga, live, on the spot, masih mengamuk, dikepung, mengejar, dikejar, belum surut,
    terus naik, lokasi sekarang,
""")
_WOUND_VERBS: frozenset[str] = lx._words("""
    tusuk, bacok, tembak, tikam, sayat, pembacokan, penusukan,
""")
# the victim told someone afterwards ("anak saya mengaku/cerita ..."): after the fact when no time is given
_DISCLOSE: frozenset[str] = lx._words("""
    mengaku, ngaku, cerita, bercerita, curhat, mengadu, ngadu,
""")
# past cues that say when something was noticed, not when it happened
_SOFT_PAST: frozenset[str] = frozenset({"ketahuan", "baru tahu", "baru sadar", "tanggal", "sejak"})
_BORROWED: frozenset[str] = lx._words("""
    dipinjam, pinjam, meminjam, minjam, dipinjem, pinjem, nyilih,
""")
_SOLD: frozenset[str] = lx._words("""
    dijual, menjual, jual, digadaikan, digadai, menggadaikan, gadai,
""")
_INTENT: frozenset[str] = lx._words("""
    mau, ingin, pengen, butuh, perlu, sempat, baru, sudah, telah, harus, jadi,
""")
# bruises and swelling: an injury, but not by itself a danger to life once the attack is over
_BRUISE: frozenset[str] = lx._words("memar, lebam, bengkak, benjol, bonyok, biru lebam, babak belur")
_OBJECT_HURT: frozenset[str] = frozenset({"patah", "patah tulang", "retak", "bengkok", "remuk", "hancur"})
_OBJECT_PARTS: frozenset[str] = lx._words("""
    spion, stang, setang, velg, ban, kaca, bumper, lampu, pintu, pagar, dahan, cabang, ranting, tiang,
    knalpot, jok, helm, layar, hp, standar, rem, pohon, kayu, genteng, atap, tembok, kunci, gembok,
""")
_HELP_WORDS: frozenset[str] = lx._words("ambulans, ambulance, emo_ambulans, rumah sakit, ugd, igd, dilarikan")
_WEAK_INJURY: frozenset[str] = frozenset({"korban", "mati", "rumah sakit", "dilarikan", "nyawa"})
_VICTIM_NEXT: frozenset[str] = frozenset(
    {
        "luka",
        "terluka",
        "jiwa",
        "meninggal",
        "tewas",
        "kritis",
        "dilarikan",
        "dibawa",
        "tergeletak",
        "terjepit",
        "pingsan",
        "berdarah",
        "masih",
        BOUNDARY,
        "nya",
        "belum",
        "tertimpa",
        "terjebak",
    }
)
_DEVICE_WORDS: frozenset[str] = lx._words("""
    lampu, listrik, hp, mesin, motor, mobil, apill, traffic, kendaraan, aki, pju, bangjo, lalu, lintas,
    mati, sinyal, air, pdam, jalan, jl, kunci,
""")

PHRASES: dict[str, tuple[Tag, ...]] = {}
ROOTS: dict[str, tuple[Tag, ...]] = {}
_MAX_PHRASE = 1


def _register(key: str, tag: Tag) -> None:
    global _MAX_PHRASE
    if " " in key:
        PHRASES[key] = (*PHRASES.get(key, ()), tag)
        _MAX_PHRASE = max(_MAX_PHRASE, key.count(" ") + 1)
    else:
        ROOTS[key] = (*ROOTS.get(key, ()), tag)


for _cat, _terms in lx.CATEGORY_TERMS.items():
    for _term, _w in _terms.items():
        _register(_term, ("cat", _cat, _w))
for _cue, _words in _CUE_SETS.items():
    for _word in _words:
        _register(_word, ("cue", _cue, 1.0))

_lens: dict[str, set[int]] = {}
for _k in PHRASES:
    _lens.setdefault(_k.split(" ", 1)[0], set()).add(_k.count(" ") + 1)
# first word of a phrase -> the phrase lengths that start with it, longest first
_PHRASE_LENS: dict[str, tuple[int, ...]] = {w: tuple(sorted(v, reverse=True)) for w, v in _lens.items()}
_PHRASE_WORDS: frozenset[str] = frozenset(w for k in PHRASES for w in k.split())
_KNOWN_WORDS = set(ROOTS) | _PHRASE_WORDS
register_known(_KNOWN_WORDS)
_BARE_CACHE: dict[str, str] = {}


def _bare(tok: str) -> str:
    """Strip a possessive particle when that yields a phrase word ("pribadinya" -> "pribadi")."""
    hit = _BARE_CACHE.get(tok)
    if hit is not None:
        return hit
    out = tok
    if tok not in _PHRASE_WORDS:
        for p in stem.POSSESSIVE:
            if tok.endswith(p) and len(tok) - len(p) >= 3 and tok[: -len(p)] in _PHRASE_WORDS:
                out = tok[: -len(p)]
                break
    if len(_BARE_CACHE) < 200_000:
        _BARE_CACHE[tok] = out
    return out


_LEMMA_CACHE: dict[str, str] = {}


def lemma(tok: str) -> str:
    """Return the longest lexicon root reachable from ``tok`` by stripping affixes, or ``tok`` itself."""
    hit = _LEMMA_CACHE.get(tok)
    if hit is not None:
        return hit
    best = tok
    if tok not in ROOTS and len(tok) > 3 and tok.isalpha():
        found = [c for c in stem.candidates(tok, deep=True) if c in ROOTS]
        if found:
            best = max(found, key=len)
    if len(_LEMMA_CACHE) < 200_000:
        _LEMMA_CACHE[tok] = best
    return best


_ALT_CACHE: dict[str, str | None] = {}


def _root_of(tok: str) -> str | None:
    """The affix-stripped root of ``tok`` that carries category weight, ignoring ``tok`` itself."""
    if tok in _ALT_CACHE:
        return _ALT_CACHE[tok]
    best: str | None = None
    if len(tok) > 3 and tok.isalpha():
        for c in stem.candidates(tok)[1:]:
            tags = ROOTS.get(c)
            if tags and any(t[0] == "cat" for t in tags) and (best is None or len(c) > len(best)):
                best = c
    _ALT_CACHE[tok] = best
    return best


_HEAD_CACHE: dict[str, str | None] = {}


def _phrase_head(tok: str) -> str | None:
    """The affix-stripped form of ``tok`` that starts a lexicon phrase ("nglawan" -> "lawan"), if any."""
    if tok in _HEAD_CACHE:
        return _HEAD_CACHE[tok]
    out: str | None = None
    if tok not in _PHRASE_LENS and len(tok) > 4 and tok.isalpha():
        out = next((c for c in stem.candidates(tok, stem.JV_NASAL)[1:] if c in _PHRASE_LENS), None)
    if len(_HEAD_CACHE) < 200_000:
        _HEAD_CACHE[tok] = out
    return out


class Hit(NamedTuple):
    """One matched cue in a report."""

    key: str
    surface: str
    start: int
    end: int
    tags: tuple[Tag, ...]
    negated: bool
    hedged: bool


def _scan(toks: tuple[str, ...]) -> list[Hit]:  # noqa: PLR0912, PLR0915
    n = len(toks)
    lem = [lemma(t) for t in toks]
    bare = [_bare(t) for t in toks]
    raw: list[tuple[str, int, int, tuple[Tag, ...]]] = []
    in_phrase = [False] * n
    i = 0
    while i < n:
        if toks[i] == BOUNDARY:
            i += 1
            continue
        matched = False
        lens = _PHRASE_LENS.get(toks[i], ())
        if lem[i] != toks[i]:
            lens = lens + _PHRASE_LENS.get(lem[i], ())
        if bare[i] != toks[i]:
            lens = lens + _PHRASE_LENS.get(bare[i], ())
        head = _phrase_head(toks[i])
        if head is not None:
            lens = lens + _PHRASE_LENS.get(head, ())
        for length in sorted(set(lens), reverse=True) if len(lens) > 1 else lens:
            if length > n - i:
                continue
            seg = toks[i : i + length]
            if BOUNDARY in seg:
                continue
            key = " ".join(seg)
            tags = PHRASES.get(key)
            if tags is None:
                lkey = " ".join(lem[i : i + length])
                if lkey != key:
                    key = lkey
                    tags = PHRASES.get(key)
            if tags is None:
                bkey = " ".join(bare[i : i + length])
                if bkey != key:
                    key = bkey
                    tags = PHRASES.get(key)
            if tags is None and head is not None:
                # an affixed first word ("nglawan arus", "nyolong motor") heads the phrase of its root
                hkey = " ".join((head, *toks[i + 1 : i + length]))
                if hkey in PHRASES:
                    key, tags = hkey, PHRASES[hkey]
            if tags is not None:
                raw.append((key, i, i + length, tags))
                for k in range(i, i + length):
                    in_phrase[k] = True
                i += length
                matched = True
                break
        if matched:
            continue
        tok = toks[i]
        tags1 = ROOTS.get(tok)
        key1 = tok
        if tags1 is None:
            key1 = lem[i]
            tags1 = ROOTS.get(key1)
        elif not any(t[0] == "cat" for t in tags1):
            # a cue-only word ("mukul") must not hide the category root it derives from ("pukul")
            alt = _root_of(tok)
            if alt is not None:
                tags1 = tags1 + tuple(t for t in ROOTS[alt] if t[0] == "cat")
        if tags1 is not None:
            raw.append((key1, i, i + 1, tags1))
        i += 1
    # entity cues inside phrases still count (e.g. "anak" in "anak saya hilang"), without category weight
    for k in range(n):
        if in_phrase[k]:
            etags = ROOTS.get(toks[k]) or ROOTS.get(lem[k])
            if etags:
                ent = tuple(t for t in etags if t[0] == "cue" and t[1] in _ENTITY_CUES)
                if ent:
                    raw.append((toks[k] if toks[k] in ROOTS else lem[k], k, k + 1, ent))
    neg_pos = {s for (k, s, e, t) in raw if e - s == 1 and k in lx.NEGATORS}
    hedge_pos = {s for (k, s, e, t) in raw if e - s == 1 and k in lx.HEDGES}
    hypo_pos = {s for (k, s, e, t) in raw if e - s == 1 and k in lx.HYPOTHETICAL}
    cond_pos = [k for k in range(n) if toks[k] in lx.CONDITIONAL]
    hits: list[Hit] = []
    for key, s, e, tags in raw:
        if key == "pukul" and e < n and toks[e].isdigit():
            continue  # "pukul 10" is a time of day
        negated = hedged = False
        # "kalau hujan banjir": a hazard or injury under a condition has not happened
        if (
            cond_pos
            and any(0 < s - c <= 3 and BOUNDARY not in toks[c:s] for c in cond_pos)
            and any(
                (t[0] == "cat" and t[1] == "kebakaran_bencana") or (t[0] == "cue" and t[1] == "injury") for t in tags
            )
        ):
            negated = True
        if s - 1 in hypo_pos or (s - 2 in hypo_pos and toks[s - 1] in lx.NEG_FILLERS):
            negated = True
        others = 0
        j = s - 1
        while j >= 0 and j >= s - 5:
            t = toks[j]
            if t == BOUNDARY:
                break
            if j in neg_pos and not in_phrase[j]:
                negated = True
                break
            if j in hedge_pos:
                hedged = True
                break
            if t not in lx.NEG_FILLERS:
                others += 1
                if others > 1:
                    break
            j -= 1
        hits.append(Hit(key, " ".join(toks[s:e]), s, e, tags, negated, hedged))
    return hits


class _Features:
    """Cue hits of one report grouped by cue name (negated ones apart)."""

    __slots__ = ("cues", "fams", "hits", "margin", "neg_cues", "violent")

    def __init__(
        self,
        cues: dict[str, list[Hit]],
        neg_cues: dict[str, list[Hit]],
        violent: bool = False,
        hits: list[Hit] | None = None,
    ) -> None:
        self.cues = cues
        self.neg_cues = neg_cues
        self.hits = hits or []
        self.violent = violent  # a physical-violence word (kekerasan vocabulary) occurs un-negated
        self.fams: tuple[str | None, ...] = ()  # event family of each token (see families.py)
        self.margin = 0.0  # category score lead of the winner over the runner-up (0 on the lainnya fallback)

    def has(self, name: str) -> bool:
        return bool(self.cues.get(name))

    def first(self, name: str) -> Hit | None:
        lst = self.cues.get(name)
        return lst[0] if lst else None


_FIELDS: tuple[str, ...] = ("category", "priority", "area", "kelurahan", "sensitive", "reasons")


class Triage:
    """Triage decision for one report (immutable).

    Behaves like a frozen, slotted dataclass with the fields ``category, priority, area, kelurahan,
    sensitive, reasons`` (same constructor, equality, hash and repr), written by hand because importing
    ``dataclasses`` pulls in ``inspect`` and costs a cold start several milliseconds.
    """

    __slots__ = ("_v",)
    __match_args__ = ("category", "priority", "area", "kelurahan", "sensitive", "reasons")
    _v: tuple[str, str, str | None, str | None, bool, tuple[str, ...]]

    def __init__(
        self,
        category: str,
        priority: str,
        area: str | None,
        kelurahan: str | None,
        sensitive: bool,
        reasons: tuple[str, ...],
    ) -> None:
        object.__setattr__(self, "_v", (category, priority, area, kelurahan, sensitive, reasons))

    @property
    def category(self) -> str:
        return self._v[0]

    @property
    def priority(self) -> str:
        return self._v[1]

    @property
    def area(self) -> str | None:
        return self._v[2]

    @property
    def kelurahan(self) -> str | None:
        return self._v[3]

    @property
    def sensitive(self) -> bool:
        return self._v[4]

    @property
    def reasons(self) -> tuple[str, ...]:
        return self._v[5]

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._v == other._v  # type: ignore[attr-defined, no-any-return]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._v)

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in zip(_FIELDS, self._v, strict=True))
        return f"{self.__class__.__qualname__}({inner})"

    def __reduce__(self) -> tuple[type[Triage], tuple[object, ...]]:
        return (self.__class__, self._v)

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-serialisable dict."""
        return {
            "category": self.category,
            "priority": self.priority,
            "area": self.area,
            "kelurahan": self.kelurahan,
            "sensitive": self.sensitive,
            "reasons": list(self.reasons),
        }


def priority_rank(priority: str) -> int:
    """Return the index of ``priority`` in PRIORITIES (0 = rendah ... 3 = darurat)."""
    return lx.PRIORITIES.index(priority)


def _near(a: list[Hit], b: list[Hit], window: int) -> tuple[Hit, Hit] | None:
    for x in a:
        for y in b:
            if abs(x.start - y.start) <= window:
                return x, y
    return None


_AGE_RE = re.compile(
    r"(?:umur|usia|umurnya|usianya|umure|usiane|yuswa)\s*(?:e\s+)?(\d{1,3})"
    r"|(\d{1,3})\s*(?:tahun|thn|th|taun|tahunan|an\b)\b|\((\d{1,3})[,)]"
)


_DATE_RE = re.compile(
    r"\b\d{1,2}\s+(?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember"
    r"|jan|feb|mar|apr|jun|jul|agu|agt|agus|sep|sept|okt|nov|des)\b"
)
# "anak" in these compounds is an adult role, not a child: tenant, subordinate, student, youth
_WORRIERS: frozenset[str] = lx._words("tua, tuanya, ortu, ortunya, keluarga, keluarganya, saya, kami, kita, ibunya")
_ADULT_ANAK_NEXT: frozenset[str] = lx._words("kos, kost, buah, muda, kuliah, band, punk, perusahaan, magang, rantau")


def _adult_anak(h: Hit, toks: tuple[str, ...]) -> bool:
    return h.key.startswith("anak") and h.end < len(toks) and toks[h.end] in _ADULT_ANAK_NEXT


def _age(text: str) -> int | None:
    m = _AGE_RE.search(text)
    if not m:
        return None
    val = next(g for g in m.groups() if g)
    age = int(val)
    return age if 0 < age < 110 else None


_FOR_SALE: frozenset[str] = lx._words("jual, jualan, dijual, menjual, harga, murah, promo, diskon, hias, antik")


def _weapons(feats: _Features, toks: tuple[str, ...]) -> list[Hit]:
    """Weapon hits: real weapons, plus everyday objects that someone is wielding ("pakai obeng")."""
    out = []
    for h in feats.cues.get("weapon", []):
        if any(t in _FOR_SALE for t in toks[max(0, h.start - 3) : h.end + 3]):
            continue  # "jual celurit hias", "pisau dapur murah": goods, not a weapon against anyone
        if h.key in lx.AMBIGUOUS_WEAPON and not any(t in lx.WIELD for t in toks[max(0, h.start - 2) : h.start]):
            continue
        out.append(h)
    return out


_BODY_CACHE: dict[str, bool] = {}
_HURT_LENS: tuple[int, ...] = tuple(sorted({w.count(" ") + 1 for w in lx.BODY_HURT}, reverse=True))


def _is_body(tok: str) -> bool:
    """True for a body part, with or without a possessive ("kepalanya", "sikile", "tanganku")."""
    hit = _BODY_CACHE.get(tok)
    if hit is None:
        hit = tok in lx.BODY_PART or any(
            tok.endswith(p) and len(tok) - len(p) >= 3 and tok[: -len(p)] in lx.BODY_PART for p in stem.POSSESSIVE
        )
        if len(_BODY_CACHE) < 50_000:
            _BODY_CACHE[tok] = hit
    return hit


def _body_injuries(toks: tuple[str, ...]) -> list[Hit]:
    """Injuries told as a body part plus what happened to it ("kaki kanan saya patah", "sirahe bocor").

    The hurt word must sit within four words of the body part in the same clause and must not be negated
    or hedged as a near miss ("tidak patah", "hampir patah").
    """
    out: list[Hit] = []
    n = len(toks)
    for i, tok in enumerate(toks):
        body = _BODY_CACHE.get(tok)
        if body is None:
            body = _is_body(tok)
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
                if key not in lx.BODY_HURT and not (length == 1 and _bare_hurt(key)):
                    continue
                prev = toks[j - 1] if j > 0 else ""
                if (prev in lx.NEGATORS and seg[0] != "tidak") or prev in lx.HYPOTHETICAL:
                    break
                out.append(Hit(key, f"{tok} {key}", min(i, j), max(i + 1, j + length), (), False, False))
                return out
    return out


_NOT_BODY_NEXT: frozenset[str] = lx._words("""
    jl, jalan, lima, desa, sekolah, dusun, keluarga, gang, gunung, elang, uang, rumah, kantor, meja, kursi,
    botol, sungai, bukit, dinas, suku, rombongan, unit, bagian, seksi, cabang, toko, pasar, lingkungan,
    keamanan, regu, tim, dagangan, air, angin, kaca, jembatan, pintu, tangga, kanan jalan, kiri jalan,
""")


def _bare_hurt(tok: str) -> bool:
    return any(tok.endswith(p) and tok[: -len(p)] in lx.BODY_HURT for p in ("nya", "e", "ne"))


# violence verbs in the passive ("dihajar", "digebuki") or a crowd: the thief is the victim of a mob
_THIEF: frozenset[str] = frozenset({"maling", "pencuri", "copet", "jambret", "begal", "curi", "tertangkap"})
_MOB: frozenset[str] = lx._words("""
    warga, massa, rame, ramai, keroyok, dikeroyok, hakim sendiri, main hakim sendiri, amuk massa,
    orang orang, sekampung, penumpang, pengunjung, pedagang, kerumunan, pemuda, tukang ojek, ojol,
""")
# who did it, right after a passive violence verb ("ditusuk orang", "dipukul oleh pengendara")
_OUTSIDER: frozenset[str] = lx._words("""
    orang, otk, preman, pemuda, pengendara, sopir, begal, maling, geng, gerombolan, sekelompok,
    pengamen, jukir, warga, tetangga, teman, temannya, pelaku, rampok, perampok, tidak dikenal, mantan,
""")
_TITLE_NEXT: frozenset[str] = lx._words("""
    sopir, pengemudi, penjual, pedagang, guru, rt, rw, polisi, satpam, tukang, kos, pemilik, driver, ojol,
    ojek, petugas, dokter, bidan, kades, lurah, camat, warung, pengendara, penumpang, bapak, ibu,
""")
_PARENTS_M: frozenset[str] = frozenset({"bapak", "ayah", "papa", "bapaknya", "ayahnya"})
_PARENTS_F: frozenset[str] = frozenset({"ibu", "ibunya", "mama", "mamak"})
_RAGING: frozenset[str] = lx._words("""
    amuk, ngamuk, mengamuk, lempar, lempari, melempari, teriak, telanjang, tanpa busana, bugil, merusak,
""")
_ATTACKING: frozenset[str] = frozenset({"lempar", "lempari", "melempari", "amuk", "ngamuk", "mengamuk"})
_MENTAL: frozenset[str] = frozenset({"odgj", "orang gila", "gangguan jiwa", "sakit jiwa", "gangguan mental"})


_PRONOUNS: frozenset[str] = frozenset({"dia", "beliau", "ia", "mereka", "keduanya", "doi", "deweke", "piyambakipun"})
_CONTACT_KEYS: frozenset[str] = lx._words("""
    tidak ada kabar, belum ada kabar, tidak bisa dihubungi, susah dihubungi, tidak dapat dihubungi,
    nomor tidak aktif, hp tidak aktif,
""")
_LOSS_WORDS: frozenset[str] = frozenset(
    {"hilang", "kehilangan", "ambil", "diambil", "ngambil", "mengambil", "raib", "curi"}
)
_KEY_CLASS: dict[str, int] = {}


def _key_class(key: str) -> int:
    """Bit set of the loss (1), theft (2) and thief (4) words in a matched key; cached per key."""
    hit = _KEY_CLASS.get(key)
    if hit is None:
        words = [lemma(w) for w in key.split()]
        hit = (
            (1 if any(w in _LOSS_WORDS for w in words) else 0)
            | (2 if any(w in lx.THEFT_ROOT for w in words) else 0)
            | (4 if any(w in _THIEF for w in words) else 0)
        )
        _KEY_CLASS[key] = hit
    return hit


# words that say an event did not (or not yet) happen: "hampir tabrakan", "nyaris terguling", "tidak jatuh"
_NEAR_MISS: frozenset[str] = lx._words("""
    hampir, nyaris, untung, takut, khawatir, rawan, sering, banyak, bisa, gara, gegara, karena, akibat, sebab,
""")
_SETTING_CATS: tuple[str, ...] = (
    "lalu_lintas",
    "kebakaran_bencana",
    "pengaduan_petugas",
    "gangguan_kamtibmas",
    "layanan_polisi",
    "orang_hilang",
    "lainnya",
)
_VEHICLE_WORDS: frozenset[str] = frozenset(w for k in lx.VEHICLE for w in k.split()) - {"pick", "up", "box"}


def _unsaid(toks: tuple[str, ...], k: int) -> bool:
    """True when the word at ``k`` did not happen as an event here: negated, a near miss, a hazard ("sering",
    "banyak yang"), a condition or a cause told as backstory ("gara gara senggolan")."""
    for t in toks[max(0, k - 3) : k]:
        if t in _NEAR_MISS or t in lx.NEGATORS or t in lx.HEDGES or t in lx.CONDITIONAL:
            return True
    return False


def _clause(toks: tuple[str, ...], k: int, span: int) -> tuple[str, ...]:
    """Up to ``span`` words either side of ``k``, stopping at clause boundaries."""
    lo = k
    while lo > 0 and k - lo < span and toks[lo - 1] != BOUNDARY:
        lo -= 1
    hi = k + 1
    while hi < len(toks) and hi - k <= span and toks[hi] != BOUNDARY:
        hi += 1
    return toks[lo:hi]


def _is_vehicle(t: str) -> bool:
    return t in _VEHICLE_WORDS or _bare(t) in _VEHICLE_WORDS or t in ROAD_USER or t in ROAD


def _accident_event(toks: tuple[str, ...], fams: tuple[str | None, ...]) -> str | None:
    """A collision or overturn (any affixed form) with a vehicle, road user or road in the same clause."""
    for k, t in enumerate(toks):
        fam = fams[k]
        if fam not in ("collide", "overturn") or _unsaid(toks, k):
            continue
        if fam == "collide" and any(_is_vehicle(w) for w in _clause(toks, k, 8)):
            return t
        # something overturns or slips: the vehicle or rider is its subject ("HP keselip di jok mobil" is not)
        before, after = _clause(toks[: k + 1], k, 8)[:-1], _clause(toks, k, 6)
        if any(_is_vehicle(w) for w in before) or any(w in ROAD for w in after[after.index(t) + 1 :]):
            return t
    return None


def _near_miss(toks: tuple[str, ...], fams: tuple[str | None, ...]) -> str | None:
    """A collision or overturn only just avoided ("hampir nabrak", "nyaris terguling")."""
    for k, f in enumerate(fams):
        if f in ("collide", "overturn") and any(t in ("hampir", "nyaris") for t in toks[max(0, k - 3) : k]):
            return " ".join(toks[max(0, k - 1) : k + 1])
    return None


def _trapped_person(toks: tuple[str, ...], feats: _Features) -> str | None:
    """A person pinned, crushed or buried ("sopire ketindihan", "kakinya kejepit"): cannot get out alone."""
    people = {h.start for name in ("person", "child", "vulnerable", "family") for h in feats.cues.get(name, [])}
    for k, t in enumerate(toks):
        if feats.fams[k] != "trapped" or _unsaid(toks, k):
            continue
        before = range(max(0, k - 4), k)
        if any(j in people or toks[j] in ROAD_USER or _is_body(toks[j]) for j in before if toks[j] != BOUNDARY):
            return t
        if any(toks[j] in _PRONOUNS or toks[j] in ("saya", "korban", "orang") for j in before):
            return t
    return None


def _is_person_hit(h: Hit) -> bool:
    return any(k == "cue" and n in ("person", "child", "vulnerable", "family") for k, n, _w in h.tags)


def _categorise(  # noqa: PLR0912, PLR0915 -- a flat rule table reads better than indirection
    hits: list[Hit], feats: _Features, toks: tuple[str, ...], question: bool
) -> tuple[str, list[str]]:
    scores: dict[str, float] = dict.fromkeys(lx.CATEGORIES, 0.0)
    case_w: dict[str, float] = dict.fromkeys(lx.CATEGORIES, 0.0)
    best_cue: dict[str, list[tuple[float, str]]] = {c: [] for c in lx.CATEGORIES}
    for h in hits:
        if h.negated:
            continue
        # "laporan penipuan saya", "kasus curanmor": the crime word names a case being followed up
        case_type = h.start > 0 and toks[h.start - 1] in ("laporan", "kasus", "perkara")
        for kind, name, w in h.tags:
            if kind == "cat":
                if case_type:
                    case_w[name] += w
                scores[name] += w
                best_cue[name].append((w, h.surface))

    extra: dict[str, str] = {}

    def boost(cat: str, w: float, why: str = "") -> None:
        scores[cat] += w
        if w > 0 and why:
            extra.setdefault(cat, why)

    # "hilang"/"diambil": what was lost decides between theft, missing person and a lost-document letter.
    for h in hits:
        words = h.key.split()
        kc = _key_class(h.key)
        lossy = bool(kc & 1)
        thief = not lossy and bool(kc & 2)
        if h.negated or not (lossy or thief):
            continue
        if thief and h.start > 0 and toks[h.start - 1] in ("laporan", "kasus", "perkara"):
            continue  # "laporan pencurian motor": a case being followed up, not a new theft
        if h.key in ("hilang kontak", "hilang ingatan", "orang hilang"):
            continue  # about a person, whatever belongings are mentioned
        lo, hi = h.start - 12, h.end + 6
        near_val = [x for x in feats.cues.get("valuable", []) if lo <= x.start <= hi]
        near_doc = [x for x in feats.cues.get("document", []) if lo <= x.start <= hi]
        near_per = [x for x in feats.cues.get("person", []) if lo <= x.start <= hi]
        near_pet = [x for x in feats.cues.get("pet", []) if lo <= x.start <= hi]
        if near_pet and not thief and "curi" not in words and not near_val:
            # a lost or runaway pet is redirected (not police business); a stolen one is a theft
            boost("orang_hilang", -4.0)
            boost("pencurian", -1.0)
            boost("lainnya", 4.0, f"kategori: '{near_pet[0].surface} {h.surface}' (hewan peliharaan) → lainnya")
            continue
        if near_val:
            boost("pencurian", 2.0, f"kategori: '{near_val[0].surface} {h.surface}' → pencurian")
            boost("orang_hilang", -3.0)
        elif thief or "curi" in words or len(words) > 1 or h.key in ("ngambil", "mengambil"):
            continue  # an active "took" has an agent: a document taken by someone is not a lost document
        elif near_doc:
            boost("pencurian", -1.0)
            boost("layanan_polisi", 3.0, f"kategori: '{near_doc[0].surface} {h.surface}' → layanan_polisi")
        elif near_per and h.key in ("hilang", "kehilangan"):
            boost("pencurian", -1.0)
            boost("orang_hilang", 4.0, f"kategori: '{near_per[0].surface} {h.surface}' → orang_hilang")

    # "tidak ada kabar" is a missing person only when a person is the one not heard from
    persons = feats.cues.get("person", [])
    for h in hits:
        if h.negated or h.key not in _CONTACT_KEYS:
            continue
        pronoun = any(t in _PRONOUNS for t in toks[max(0, h.start - 10) : h.start])
        subjects = [p for p in persons if not (p.start > 0 and toks[p.start - 1] in ("ke", "kepada", "sama"))]
        if not pronoun and not any(0 <= h.start - p.start <= 16 for p in subjects):
            scores["orang_hilang"] -= sum(w for k, c, w in h.tags if k == "cat" and c == "orang_hilang")
    # a pet that ran away or got lost, with no person in the report, is redirected (lainnya)
    if feats.has("pet") and scores["orang_hilang"] > 0 and not feats.has("person") and not feats.has("child"):
        boost("lainnya", scores["orang_hilang"] + 1.0, f"kategori: '{feats.cues['pet'][0].surface}' → lainnya")
        scores["orang_hilang"] = 0.0
    # a person "dibawa kabur/lari" is an abduction or an elopement, not a theft
    for h in hits:
        if h.negated or h.key not in ("dibawa lari", "dibawa kabur", "bawa kabur"):
            continue
        lo, hi = h.start - 8, h.end + 3
        if any(lo <= x.start <= hi for x in feats.cues.get("valuable", [])):
            continue
        who = next(
            (
                x
                for x in feats.cues.get("person", [])
                if lo <= x.start <= h.start and BOUNDARY not in toks[x.start : h.start]
            ),
            None,
        )
        if who is not None:
            scores["pencurian"] -= 3.0
            if feats.has("child") or _age(" ".join(toks)) is not None:
                boost("kdrt_ppa", 4.0, f"kategori: '{who.surface} {h.surface}' (anak dibawa pergi) → kdrt_ppa")
            else:
                boost("orang_hilang", 4.0, f"kategori: '{who.surface} {h.surface}' → orang_hilang")

    # generic "petugas"/"anggota" are police only when the report is about the police; officer words
    # inside "petugas parkir", "anggota ormas" ... are not police at all
    police_ctx = any(lemma(h.key) in lx.GENERIC_OFFICER for h in feats.cues.get("officer", ())) and (
        any(
            t in lx.POLICE_CONTEXT or lemma(t) in lx.POLICE_CONTEXT or t.startswith(("lapor", "melapor"))
            for t in toks
            if t not in ("melaporkan", "pelapor")
        )
        or any(h.key in lx.POLICE_CONTEXT for h in hits if " " in h.key)
    )
    civil_spans = [
        (h.start, h.end)
        for h in feats.cues.get("nonofficer", [])
        if not h.key.startswith(("lapor", "hubungi", "panggil"))
    ]
    officers = [
        h
        for h in feats.cues.get("officer", [])
        if not h.negated
        and not _addressee(h, toks)
        and not any(a <= h.start < b for a, b in civil_spans)
        and (police_ctx or lemma(h.key) not in lx.GENERIC_OFFICER)
    ]
    misconduct = list(feats.cues.get("misconduct", []))
    for k, t in enumerate(toks[:-1]):
        if t in _DEMAND and any(_MONEY_RE.match(x) for x in toks[k + 1 : k + 3]):
            misconduct.append(Hit(t, " ".join(toks[k : k + 2]), k, k + 1, (), False, False))
    imperson = feats.cues.get("impersonate", [])
    # a scam or extortion by civilians is not an officer complaint; a case named after "laporan" is
    civil_threat = any(scores[c] - case_w[c] >= 4.5 for c in ("gangguan_kamtibmas", "penipuan"))
    misconduct_found = False
    pair = _near(officers, imperson, 6) if officers and imperson else None
    if pair:
        boost("penipuan", 5.0, f"kategori: '{pair[1].surface} {pair[0].surface}' → penipuan (mengaku petugas)")
        scores["pengaduan_petugas"] = min(scores["pengaduan_petugas"], 0.0)
    elif imperson and feats.has("loss") and scores["gangguan_kamtibmas"] < 2.5:
        boost("penipuan", 3.0, f"kategori: '{imperson[0].surface}' + minta bayar → penipuan")
    elif officers and misconduct:
        pair = _near(officers, misconduct, 12)
        strong_officer = any(h.key in ("oknum", "oknum polisi", "oknum petugas") for h in officers)
        # the officer is the subject of the act in one clause ("polisi ... mabuk-mabukan"): about the officer
        subject = pair is not None and pair[0].start < pair[1].start and _same_clause(toks, pair[0], pair[1])
        if pair and (strong_officer or subject or not civil_threat):
            misconduct_found = True
            boost(
                "pengaduan_petugas",
                5.0,
                f"kategori: '{pair[0].surface}' + '{pair[1].surface}' → pengaduan_petugas",
            )
            if any(m.key in _OFFICER_VIOLENCE for m in misconduct):
                boost("pengaduan_petugas", scores["kekerasan"])
            elif pair[0].start < pair[1].start and BOUNDARY not in toks[pair[0].start : pair[1].start]:
                # the officer is the one doing it ("anggota polisi nyetir mobil dinas ugal-ugalan"): the
                # complaint is about the officer, whatever kind of behaviour it describes
                boost("pengaduan_petugas", max(scores["lalu_lintas"], scores["gangguan_kamtibmas"]))
    # an officer as the subject of a disorderly or traffic act ("polisi yang jaga ... mabuk-mabukan",
    # "anggota parkir mobil patroli di trotoar"): the report is about the officer's conduct
    if (
        officers
        and not misconduct_found
        and not imperson
        and not feats.has("praise_strong")
        and not any(t in ("maturnuwun", "suwun") or (t == "terima" and "kasih" in toks) for t in toks)
    ):
        for o in officers:
            if any(t in _URGE for t in toks[max(0, o.start - 3) : o.start]):
                continue  # "mohon polisi menertibkan ...": asking the police to act
            act = next(
                (
                    h
                    for h in hits
                    if not h.negated
                    and o.end <= h.start <= o.end + 10
                    and BOUNDARY not in toks[o.end : h.start]
                    and any(k == "cat" and c in _OFFICER_ACTS and w >= 1.0 for k, c, w in h.tags)
                ),
                None,
            )
            if act is None or any(lemma(t) in _ENFORCE or t in lx.REQUEST_VERBS for t in toks[o.end : act.start]):
                continue
            top_act = max(scores[c] for c in _OFFICER_ACTS)
            boost(
                "pengaduan_petugas",
                max(3.0, top_act - scores["pengaduan_petugas"] + 1.0),
                f"kategori: '{o.surface}' pelaku '{act.surface}' → pengaduan_petugas",
            )
            break
    neglect = [
        h
        for h in hits
        if h.key in lx.CATEGORY_TERMS["pengaduan_petugas"]
        and not h.negated
        and h.key.startswith(
            (
                "tidak",
                "dicuek",
                "diabaikan",
                "dipersulit",
                "laporan ditolak",
                "menolak laporan",
                "diping",
                "dilempar",
            )
        )
    ]
    reported = any(t.startswith(("lapor", "melapor", "polsek", "polres", "spkt", "110")) for t in toks)
    if neglect and (officers or reported) and scores["layanan_polisi"] < 5:
        boost("pengaduan_petugas", 3.0, f"kategori: '{neglect[0].surface}' (laporan) → pengaduan_petugas")

    # "spion saya dipukul", "kaca mobil ditendang": violence to a thing is damage, not an assault
    for h in hits:
        if h.negated or not h.surface.startswith("di") or h.start == 0:
            continue
        before = [t for t in toks[max(0, h.start - 3) : h.start] if t not in ("saya", "kami", "nya", "ku")]
        if before and (before[-1] in _OBJECT_PARTS or before[-1] in lx.VALUABLE):
            scores["kekerasan"] -= sum(w for k, c, w in h.tags if k == "cat" and c == "kekerasan")
    weapons = _weapons(feats, toks)
    wielded = [h for h in weapons if h.key in lx.AMBIGUOUS_WEAPON]
    if wielded and scores["kekerasan"] > 0:
        boost("kekerasan", 2.0, f"kategori: '{wielded[0].surface}' dipakai sebagai senjata → kekerasan")
    # a vehicle that falls, overturns or ends up under a truck or in a river is a traffic accident
    veh, mishap = feats.cues.get("vehicle", []), feats.cues.get("mishap", [])
    if veh and mishap and scores["pencurian"] < 3 and not feats.has("recurring"):
        pair = _near(veh, mishap, 8)
        if pair:
            boost("kecelakaan", 3.0, f"kategori: '{pair[0].surface}' + '{pair[1].surface}' → kecelakaan")
    # borrowed and then sold or pawned: embezzlement (penggelapan), handled with fraud
    if any(t in _BORROWED for t in toks) and any(t in _SOLD for t in toks):
        scores["pencurian"] -= 2.0
        boost("penipuan", 4.0, "kategori: dipinjam lalu dijual/digadaikan → penipuan (penggelapan)")
    # a drunk driver is a traffic danger, not a street disturbance
    drunk = [h for h in hits if h.key in ("mabuk",) and not h.negated]
    drivers = [
        h for h in feats.cues.get("vehicle", []) if h.key in ("pengemudi", "sopir", "pengendara", "mobil", "truk")
    ]
    driving = any(t in ("nyetir", "menyetir", "mengemudi", "mengendarai") for t in toks)
    if drunk and ((drivers and _near(drunk, drivers, 4)) or (driving and not drivers)):
        boost("lalu_lintas", 2.5, "kategori: pengemudi mabuk → lalu_lintas")
    # an accident with victims stays an accident, whatever jam it causes
    if scores["kecelakaan"] >= 3.0 and feats.has("injury"):
        boost("kecelakaan", 2.0)
    # "orang tidak dikenal" says who did it; with a violence verb it is an assault, not a suspicious person
    if scores["kekerasan"] >= 3.0 and feats.has("stranger") and not feats.has("surveil"):
        scores["gangguan_kamtibmas"] -= 1.5
    # a woman or girl being pulled, dragged or forced is a crime against women
    forced, female = feats.cues.get("forced", []), feats.cues.get("female", [])
    if forced and female and not feats.has("robbery") and _near(forced, female, 10):
        boost("kdrt_ppa", 4.0, f"kategori: '{female[0].surface}' + '{forced[0].surface}' → kdrt_ppa")
    # a child or an elderly/confused person found alone is a missing-person case for the finder
    vuln = [h for h in feats.cues.get("vulnerable", []) if h.key not in ("sakit", "hamil", "gunung", "hutan")]
    found = feats.cues.get("found_lost", [])
    crime = max(scores[c] for c in ("kekerasan", "kdrt_ppa", "pencurian", "kecelakaan", "penipuan"))
    # getting over or through someone's fence, door or lock is a break-in (theft), whatever the verb's form
    if "intrude" in feats.fams:
        for k, f in enumerate(feats.fams):
            if f == "intrude" and not _unsaid(toks, k) and any(_bare(w) in PROPERTY for w in _clause(toks, k, 6)):
                boost("pencurian", 2.5, f"kategori: '{toks[k]}' (masuk paksa) → pencurian")
                break
    # a child shut in a car or room, or locked out, is in the care of whoever shut them in: neglect (PPA)
    shut = next((k for k, f in enumerate(feats.fams) if f == "confined" and not _unsaid(toks, k)), None)
    child_hit = feats.first("child")
    if shut is not None and child_hit is not None and abs(child_hit.start - shut) <= 10 and crime < 4:
        boost(
            "kdrt_ppa",
            max(3.0, scores["orang_hilang"] - scores["kdrt_ppa"] + 1.0),
            f"kategori: '{child_hit.surface}' + '{toks[shut]}' (anak terkunci/dikunci) → kdrt_ppa",
        )
        found = []
    # a person who is "not there since ..." ("anak ... tidak ada sejak siang") is missing
    for k in range(len(toks) - 2) if "ada" in toks else ():
        if toks[k] == "tidak" and toks[k + 1] == "ada" and toks[k + 2] in ("sejak", "dari", "mulai"):
            who = next((h for h in feats.hits if h.start < k and k - h.start <= 8 and _is_person_hit(h)), None)
            if who is not None and crime < 3:
                boost("orang_hilang", 4.0, f"kategori: '{who.surface}' tidak ada sejak … → orang_hilang")
                break
    if vuln and found and crime < 3 and _near(vuln, found, 10):
        boost("orang_hilang", 4.0, f"kategori: '{vuln[0].surface}' + '{found[0].surface}' → orang_hilang")
    # a stranger watching, photographing or circling is a suspicious person
    stranger, surveil = feats.cues.get("stranger", []), feats.cues.get("surveil", [])
    if stranger and surveil and _near(stranger, surveil, 10):
        boost("gangguan_kamtibmas", 3.0, f"kategori: '{stranger[0].surface}' mengawasi → gangguan_kamtibmas")

    # violence against a child or within the family belongs to the PPA unit
    violent = scores["kekerasan"]
    group = feats.has("group")
    armed = any(h.key not in lx.AMBIGUOUS_WEAPON for h in weapons) or bool(wielded)
    ex_spans = [(h.start, h.end) for h in feats.cues.get("ex_partner", [])]
    family = next((h for h in feats.cues.get("family", []) if not any(a <= h.start < b for a, b in ex_spans)), None)
    if family is None and violent > 0:
        # both parents named in one violent report ("bapak ngamuk, ibu berdarah"): a household
        def spoken_to(k: int) -> bool:
            """ "pak, tolong ...": addressing the police; "bapak sopir", "ibu ibu": a title, not a parent."""
            nxt = toks[k + 1] if k + 1 < len(toks) else BOUNDARY
            if nxt == toks[k] or nxt in _TITLE_NEXT:
                return True
            return k <= 1 and (nxt in _ADDRESS_NEXT or nxt == BOUNDARY)

        dad = next(
            (
                k
                for k, t in enumerate(toks)
                if t in _PARENTS_M and not spoken_to(k) and (k == 0 or toks[k - 1] != "ibu")
            ),
            None,
        )
        mum = next((k for k, t in enumerate(toks) if t in _PARENTS_F and not spoken_to(k)), None)
        if dad is not None and mum is not None and violent > 0:
            family = Hit(toks[dad], f"{toks[dad]} … {toks[mum]}", dad, dad + 1, (), False, False)
    if family is not None:
        # "suami saya ditusuk orang": the family member is the victim of an outsider, not of the family
        for h in hits:
            if h.negated or h.end >= len(toks) or not h.surface.startswith("di"):
                continue
            if not any(k == "cat" and c == "kekerasan" and w >= 2.5 for k, c, w in h.tags):
                continue
            nxt = toks[h.end : h.end + 3]
            agents = [t for t in nxt if t not in ("oleh", "sama", "dengan", "seorang", "beberapa", "dua", "tiga")]
            if agents and (agents[0] in _OUTSIDER or " ".join(agents[:2]) in _OUTSIDER):
                family = None
                break
    child = feats.first("child")
    # a child left alone or unfed is neglect (PPA), even when the parents "did not come home"
    if child and any(not h.negated for h in feats.cues.get("neglect", [])):
        boost("kdrt_ppa", 3.0, f"kategori: '{child.surface}' ditelantarkan → kdrt_ppa")
    # road rage: a person struck in a traffic setting is an assault, whatever the traffic words
    if scores["lalu_lintas"] >= scores["kekerasan"] >= 3.0:
        struck = next(
            (
                h
                for h in hits
                if not h.negated
                and h.surface.startswith("di")
                and any(k == "cat" and c == "kekerasan" and w >= 3.0 for k, c, w in h.tags)
                and not (h.start > 0 and (toks[h.start - 1] in lx.VALUABLE or toks[h.start - 1] in _OBJECT_PARTS))
            ),
            None,
        )
        if struck is not None:
            boost(
                "kekerasan",
                scores["lalu_lintas"] - scores["kekerasan"] + 1.0,
                f"kategori: '{struck.surface}' (orang dipukul di jalan) → kekerasan",
            )
    if violent > 0 and not group and (family or (child and not armed)):
        who = family or child
        if who is not None:
            boost("kdrt_ppa", violent + 2.0, f"kategori: korban/pelaku '{who.surface}' → kdrt_ppa")
    if feats.has("sexual") and scores["kdrt_ppa"] > 0:
        boost("kdrt_ppa", 2.5 if child else 1.0)
    if feats.has("robbery"):
        boost("pencurian", 3.0)
        armed_w = sum(
            w
            for h in feats.cues.get("weapon", [])
            if not h.negated
            for kind, name, w in h.tags
            if kind == "cat" and name == "kekerasan"
        )
        scores["kekerasan"] -= armed_w
    if group and scores["kekerasan"] > 0:
        boost("kekerasan", 1.0)
    # a thief caught and beaten by a crowd: the beating in progress is the incident (kekerasan)
    thief_words = feats.cues.get("caught", []) or [h for h in hits if not h.negated and _key_class(h.key) & 4]
    if thief_words:
        beaten = [
            h
            for h in hits
            if not h.negated
            and h.start > thief_words[0].start
            and h.surface.startswith(("di", "ke"))
            and any(k == "cat" and c == "kekerasan" and w >= 3.0 for k, c, w in h.tags)
        ]
        mob = any(t in _MOB or lemma(t) in _MOB for t in toks) or feats.has("group")
        if beaten and mob:
            boost(
                "kekerasan",
                max(0.0, scores["pencurian"] - scores["kekerasan"]) + 2.0,
                f"kategori: pelaku '{beaten[0].surface}' massa → kekerasan (main hakim sendiri)",
            )
    # a mentally ill person raging in public is a public-order case unless someone is attacked
    mental = next((h for h in hits if not h.negated and h.key in _MENTAL), None)
    raging = mental is not None and any(t in _RAGING or lemma(t) in _RAGING for t in toks)
    if mental and raging and not feats.has("injury") and max(scores["kdrt_ppa"], scores["orang_hilang"]) < 3:
        boost(
            "gangguan_kamtibmas",
            max(3.0, scores["kekerasan"] - scores["gangguan_kamtibmas"] + 1.0),
            f"kategori: '{mental.surface}' mengamuk di tempat umum → gangguan_kamtibmas",
        )
    if (
        question
        and toks
        and toks[0] in lx.CONDITIONAL
        and any(t.startswith(("lapor", "melapor")) for t in toks)
        and not any(t in ("saya", "kami") for t in toks)
    ):
        # "kalau orang hilang harus nunggu 1x24 jam?": a question about the rules, no incident described
        top_incident = max(scores[c] for c in lx.CATEGORIES[:10])
        boost(
            "layanan_polisi",
            max(4.0, top_incident - scores["layanan_polisi"] + 1.0),
            "kategori: pertanyaan umum 'kalau ... lapor' → layanan_polisi",
        )
    # questions about services
    if (
        (feats.has("question") or question)
        and feats.has("service")
        and not misconduct_found
        and scores["layanan_polisi"] > 0
        and max(scores[c] for c in lx.CATEGORIES[:10]) < 4.5
    ):
        boost("layanan_polisi", 2.0, "kategori: pertanyaan layanan → layanan_polisi")
    if (
        feats.has("procedural")
        and question
        and any(t.startswith(("lapor", "melapor")) for t in toks)
        and not any(t in ("saya", "kami") for t in toks)
    ):
        boost("layanan_polisi", 4.0, "kategori: pertanyaan prosedur lapor → layanan_polisi")
    if feats.has("service_override"):
        boost("layanan_polisi", 2.0)
    # praise with no question and no incident in progress is a message for the public-relations desk
    # a message that opens with thanks and tells of help already given ("terima kasih sudah bantu mencari
    # anak kami") closes a case; it reports no new incident
    opens_thanks = toks[:2] == ("terima", "kasih") or (bool(toks) and toks[0] in ("maturnuwun", "suwun"))
    done = any(t in ("sudah", "telah") for t in toks[:12]) or feats.has("past")
    if opens_thanks and done and not question and not feats.has("urgent") and not feats.has("ongoing"):
        top_other = max(scores[c] for c in lx.CATEGORIES if c != "lainnya")
        boost("lainnya", max(4.0, top_other - scores["lainnya"] + 1.0), "kategori: ucapan terima kasih → lainnya")
    praise = feats.cues.get("praise_strong", [])
    alarm = any(h.key in ("tolong", "darurat", "sos", "emo_sos", "segera") for h in feats.cues.get("urgent", []))
    if praise and not question and not alarm and not feats.has("ongoing"):
        thanks = 2.0 if any(h.key == "terima kasih" for h in feats.cues.get("praise", [])) else 0.0
        boost("lainnya", 5.0 * len(praise) + thanks, f"kategori: '{praise[0].surface}' (apresiasi) → lainnya")
    # resolved updates and thanks
    if feats.has("resolved") and (feats.has("praise") or "maaf" in toks) and scores["orang_hilang"] < 3:
        boost("lainnya", 6.0, "kategori: kabar penyelesaian/terima kasih → lainnya")

    # an event that happened to a vehicle or road user (collision, overturn) is an accident, whatever road,
    # responder or setting words the report also uses ("jalan licin", "damkar", "surat ... kepolisian")
    moving = "collide" in feats.fams or "overturn" in feats.fams
    acc: str | None = None
    if not (feats.has("recurring") and not feats.has("injury")):
        acc = _accident_event(toks, feats.fams) if moving else None
        if acc is not None:
            setting = max(scores[c] for c in _SETTING_CATS)
            # the frame is named as a reason only when it is what decides the category
            decides = scores["kecelakaan"] <= max(scores[c] for c in lx.CATEGORIES if c != "kecelakaan")
            boost(
                "kecelakaan",
                max(1.5, setting - scores["kecelakaan"] + 1.0),
                f"kategori: '{acc}' (kendaraan/pengguna jalan) → kecelakaan" if decides else "",
            )
    miss = _near_miss(toks, feats.fams) if moving and acc is None else None
    if miss is not None and any(_is_vehicle(t) for t in toks):
        # a collision only just avoided (once or often) is a traffic hazard
        boost("lalu_lintas", 2.0, f"kategori: '{miss}' (nyaris celaka di jalan) → lalu_lintas")
    top = max(lx.CATEGORIES, key=scores.__getitem__)  # the first of equal scores wins, as in CATEGORIES order
    feats.margin = scores[top] - max(scores[c] for c in lx.CATEGORIES if c != top)
    if top == "lainnya" or scores[top] < 1.8:
        feats.margin = 0.0 if top != "lainnya" else feats.margin
        cues = sorted(best_cue["lainnya"], reverse=True)
        why = extra.get("lainnya") or (
            f"kategori: '{cues[0][1]}' → lainnya" if cues else "kategori: tidak ada kata kunci → lainnya"
        )
        return "lainnya", [why]
    reasons: list[str] = []
    if top in extra:
        reasons.append(extra[top])
    for _w, surf in sorted(best_cue[top], reverse=True)[:2]:
        r = f"kategori: '{surf}' → {top}"
        if r not in reasons:
            reasons.append(r)
    if not reasons:
        reasons.append(f"kategori: skor → {top}")
    return top, reasons[:3]


_URGE: frozenset[str] = lx._words("tolong, mohon, harap, minta, agar, supaya, biar, segera, suruh, bisa, kok")
_OFFICER_ACTS: tuple[str, ...] = ("gangguan_kamtibmas", "lalu_lintas", "narkoba", "kekerasan")
# the police doing their job on the act ("polisi razia balap liar", "petugas menertibkan parkir")
_ENFORCE: frozenset[str] = lx._words("""
    razia, tertib, tindak, tangkap, bubar, amankan, tilang, atur, kejar, grebek, gerebek, usir,
""")
_DEMAND: frozenset[str] = lx._words("""
    minta, meminta, dimintai, mintai, narik, menarik, dipalak,
""")
_MONEY_RE = re.compile(r"^(?:\d|rp|uang|duit)")
_OFFICER_VIOLENCE: frozenset[str] = lx._words("""
    pukul, mukul, aniaya, tampar, tendang, pentungan,
""")
_ADDRESS_NEXT: frozenset[str] = frozenset(
    {
        BOUNDARY,
        "tolong",
        "mohon",
        "ini",
        "saya",
        "ada",
        "di",
        "kami",
        "min",
        "izin",
        "mau",
        "pak",
        "bu",
        "kok",
    }
)
_ADDRESS_NEXT = _ADDRESS_NEXT - {"di"}


def _addressee(h: Hit, toks: tuple[str, ...]) -> bool:
    """True for an officer word used to address the police ("pak polisi, tolong ...")."""
    if h.key not in ("polisi", "pak polisi", "bapak polisi", "polresta", "polres", "polsek", "kepolisian"):
        return False
    nxt = toks[h.end] if h.end < len(toks) else BOUNDARY
    return h.start <= 2 and nxt in _ADDRESS_NEXT


def _same_clause(toks: tuple[str, ...], a: Hit, b: Hit) -> bool:
    lo, hi = (a, b) if a.start < b.start else (b, a)
    return BOUNDARY not in toks[lo.end : hi.start]


# yesterday or last night: an after-the-fact report whose trail is still fresh
_RECENT_PAST: frozenset[str] = lx._words("""
    kemarin, semalam, tadi malam, kemarin malam, kemarin sore, kemarin pagi, kemarin siang, malam tadi,
    wingi malam,
""")


def hits_of(feats: _Features, cat: str) -> list[Hit]:
    """Un-negated hits carrying category weight for ``cat``."""
    return [h for h in feats.hits if not h.negated and any(k == "cat" and c == cat for k, c, _w in h.tags)]


def _prioritise(  # noqa: PLR0911, PLR0912, PLR0915 -- a flat rule table reads better than indirection
    cat: str, feats: _Features, toks: tuple[str, ...], text: str, exclaim: int, shouting: bool
) -> tuple[str, str]:
    def cue(name: str) -> Hit | None:
        return feats.first(name)

    # --- victims
    novictim = cue("novictim") or cue("minor")
    neg_inj = feats.neg_cues.get("injury", [])
    # "belum ada ambulans" says help has not come, not that nobody is hurt
    neg_inj = [h for h in neg_inj if h.key not in _HELP_WORDS]
    if novictim is None and neg_inj:
        novictim = neg_inj[0]
    inj_strong: Hit | None = None
    inj_weak: Hit | None = None
    for h in [*feats.cues.get("injury", []), *_body_injuries(toks)]:
        if h.hedged:
            novictim = novictim or h
            continue
        prev = toks[h.start - 1] if h.start > 0 else ""
        nxt = toks[h.end] if h.end < len(toks) else BOUNDARY
        if h.key == "mati" and h.surface.endswith(("in", "kan")):
            continue  # "dimatiin", "dimatikan": switched off, not a death
        if h.key == "mati" and (
            prev in _DEVICE_WORDS
            or nxt in _DEVICE_WORDS
            or cat in ("lalu_lintas", "layanan_polisi", "penipuan", "narkoba")
        ):
            continue
        if h.key in ("terjebak", "terjebak macet") and cat == "lalu_lintas":
            continue
        if h.key in _OBJECT_HURT and (prev in _OBJECT_PARTS or (h.start > 1 and toks[h.start - 2] in _OBJECT_PARTS)):
            continue  # "spion patah", "dahan pohon patah": damage to a thing
        if h.key == "korban" and not (
            nxt in _VICTIM_NEXT or prev in ("ada", "banyak", "beberapa", "para") or prev.isdigit()
        ):
            continue
        if novictim is not None and _same_clause(toks, h, novictim):
            continue
        if h.key in _WEAK_INJURY:
            inj_weak = inj_weak or h
        else:
            inj_strong = inj_strong or h
    severe = next((h for h in feats.cues.get("severe", []) if not h.hedged), None)
    if novictim is not None:
        inj_weak = None
    # --- time
    reassure = cue("reassure") or cue("recovered")
    strong_now = next((h for h in feats.cues.get("ongoing", []) if h.key in _STRONG_ONGOING), None)
    weak_now = None
    for h in feats.cues.get("ongoing", []):
        if h.key in _STRONG_ONGOING:
            continue
        nxt = toks[h.end] if h.end < len(toks) else BOUNDARY
        if h.key == "lagi" and nxt in (BOUNDARY, "dan", "iya", "pak", "min", "kak", "ini", "nih", "ke"):
            continue
        weak_now = h
        break
    progressive = [h for h in feats.cues.get("ongoing", ()) if h.key in ("lagi", "sedang")] if not strong_now else []
    if progressive:
        # progressive aspect: "lagi/sedang" right before an event word ("lagi ngamuk", "sedang dipukuli")
        event_at = {h.start for h in feats.hits if not h.negated and any(t[0] == "cat" for t in h.tags)}
        strong_now = next((h for h in progressive if h.end in event_at), None)
    fresh = cue("fresh")
    # "baru sadar", "ketahuan" say when it was noticed; with a fresh time word the incident is fresh
    past_hits = feats.cues.get("past", [])
    past = next((h for h in past_hits if h.key not in _SOFT_PAST), None)
    if past is None and past_hits:
        # "baru tahu tadi pagi": a fresh word right after the noticing dates the noticing, not the incident
        # ... unless the noticing was minutes ago: then the incident itself is fresh ("baru sadar 5 menit lalu")
        free = [
            f
            for f in feats.cues.get("fresh", [])
            if any(w in f.key for w in ("menit", "jam", "barusan", "baru saja"))
            or not any(0 <= f.start - p.end <= 2 and BOUNDARY not in toks[p.end : f.start] for p in past_hits)
        ]
        if not free:
            past = past_hits[0]
    recurring = cue("recurring")
    weapon = next(iter(_weapons(feats, toks)), None)
    # "tolong dicek/ditindak" asks for follow-up; it is not a cry for help
    urgent_hits = [
        h
        for h in feats.cues.get("urgent", [])
        if not (h.key in ("tolong", "mohon") and h.end < len(toks) and toks[h.end] in lx.REQUEST_VERBS)
    ]
    # "sekarang mau tanya/lapor", "saiki butuh surat": the present is about the reporter, not the incident
    if strong_now and strong_now.key == "sekarang" and strong_now.end < len(toks) and toks[strong_now.end] in _INTENT:
        strong_now = next(
            (h for h in feats.cues.get("ongoing", []) if h.key in _STRONG_ONGOING and h is not strong_now), None
        )
    anchor = next((h for h in feats.cues.get("past", []) if h.key not in _SOFT_PAST), None)
    if strong_now and anchor and not weapon and not urgent_hits:
        # "kemarin dipukuli, sekarang masih lebam" / "bulan lalu dicuri, baru sekarang lapor": the
        # "sekarang" describes the reporter's present state, not an incident still going on
        state_only = all(
            h.key in ("sekarang", "saat ini") and h.start > anchor.start
            for h in feats.cues.get("ongoing", [])
            if h.key in _STRONG_ONGOING
        )
        if state_only:
            strong_now = None
    if past is None and not strong_now and not fresh:
        dated = _DATE_RE.search(text.lower())
        if dated:
            # a calendar date ("pada 14 November") places the incident in the past
            past = Hit(dated.group(0), dated.group(0), 0, 0, (), False, False)
    if not (strong_now or past or fresh or weak_now):
        disclosed = next((t for t in toks if t in _DISCLOSE), None)
        if disclosed:
            past = Hit(disclosed, disclosed, 0, 0, (), False, False)
    if strong_now:
        timing, now = "now", strong_now
    elif past:
        timing, now = "past", None
    elif fresh:
        timing, now = "fresh", None
    elif weak_now:
        timing, now = "now", weak_now
    else:
        timing, now = "none", None
    urgency = len(urgent_hits) + (1 if exclaim else 0) + (1 if shouting else 0)
    vulnerable = next(
        (
            h
            for h in feats.cues.get("vulnerable", [])
            if not (h.key == "tua" and h.start > 0 and toks[h.start - 1] == "orang")  # "orang tua" = parents
            and not _adult_anak(h, toks)
            # "orang tuanya bingung", "kami bingung": the family's worry, not a confused missing person
            and not (h.key == "bingung" and any(t in _WORRIERS for t in toks[max(0, h.start - 2) : h.start]))
        ),
        None,
    )
    age = _age(text)
    if age is not None:
        if age < 18 or age >= 65:
            vulnerable = vulnerable or Hit(str(age), f"{age} tahun", 0, 0, (), False, False)
        elif vulnerable and vulnerable.key in ("anak", "anaknya", "anak saya", "tua", "cucu"):
            vulnerable = None
    is_question = "?" in text and feats.has("question")

    def why(h: Hit | None, label: str) -> str:
        return f"prioritas: '{h.surface}' ({label})" if h else f"prioritas: {label}"

    time_reason = {
        "past": why(past, "kejadian lampau"),
        "now": why(now, "sedang berlangsung"),
        "fresh": why(fresh, "baru terjadi"),
        "none": "",
    }[timing]

    def res(p: str, reason: str = "") -> tuple[str, str]:
        return p, reason or f"prioritas: dasar kategori {cat} → {p}"

    # a child or frail person shut in, or suffering cold, heat, hunger or breathlessness now, is in danger
    frail = next((h for h in feats.cues.get("child", []) if not _adult_anak(h, toks)), None) or vulnerable
    if frail is not None and cat not in ("layanan_polisi", "lainnya") and timing != "past" and not reassure:
        suffering = [
            toks[k]
            for k, f in enumerate(feats.fams)
            if f in ("distress", "confined") and abs(k - frail.start) <= 12 and not _unsaid(toks, k)
        ]
        if suffering and not (is_question and cue("procedural")):
            return res("darurat", f"prioritas: '{frail.surface}' + '{suffering[0]}' (anak/orang rentan dalam bahaya)")
    if cat == "layanan_polisi":
        need = cue("action")
        if is_question and toks and toks[0] in lx.CONDITIONAL:
            need = None  # "kalau ... hilang, harus ...?": a general question, nothing lost yet
        if need:
            return res("sedang", why(need, "perlu tindak lanjut"))
        return res("rendah", "prioritas: pertanyaan layanan → rendah")
    if cat == "lainnya":
        if inj_strong and timing != "past":
            return res("darurat", why(inj_strong, "ada korban/orang dalam bahaya"))
        calm = cue("resolved") or cue("praise") or cue("greeting")
        if calm:
            return res("rendah", why(calm, "ucapan/kabar selesai"))
        if (feats.has("complaint") or feats.has("pet")) and len([t for t in toks if t != BOUNDARY]) >= 4:
            return res("sedang", "prioritas: keluhan di luar tugas polisi, perlu diteruskan → sedang")
        return res("rendah", "prioritas: pertanyaan/pesan umum → rendah")
    proc = cue("procedural") if is_question else None
    if proc and timing in ("none", "past") and not strong_now:
        if cat in ("pencurian", "narkoba", "penipuan", "lalu_lintas", "gangguan_kamtibmas"):
            return res("rendah", why(proc, "pertanyaan prosedur"))
        if cat in ("kdrt_ppa", "kekerasan"):
            return res("sedang", why(proc, "konsultasi/pertanyaan prosedur"))
    if cat == "pengaduan_petugas":
        violent = next(
            (
                h
                for h in feats.cues.get("misconduct", [])
                if h.key in ("pukul", "mukul", "aniaya", "tampar", "tendang", "pentungan")
            ),
            None,
        )
        if (violent or inj_strong) and timing == "now":
            return res("darurat", why(violent or inj_strong, "kekerasan oleh petugas sedang berlangsung"))
        if strong_now or (violent and timing == "fresh"):
            return res("tinggi", time_reason)
        menace = weapon or next(
            (h for h in feats.cues.get("active", []) if h.key in ("mabuk", "ngamuk", "mengamuk", "amuk")), None
        )
        if menace and timing != "past":
            return res("tinggi", why(menace, "petugas bersenjata/mabuk, warga terancam"))
        return res("sedang", "")
    if cat == "penipuan":
        loss = cue("loss")
        failed = cue("failed")
        # repaying a loan ("sudah bayar") is not money that can still be stopped on its way to a scammer
        loss = next((h for h in feats.cues.get("loss", []) if h.key not in ("bayar", "sudah bayar")), None)
        # the victim is still on the line or in the chat: money can still be stopped
        if loss and not failed and timing in ("fresh", "now"):
            return res("tinggi", why(now or fresh, "penipuan sedang berjalan, dana masih bisa dilacak"))
        return res("sedang", "")
    trapped = cue("trapped")
    if trapped and cat in ("kecelakaan", "kebakaran_bencana") and not (reassure or past):
        inj_strong = inj_strong or trapped
    pinned = _trapped_person(toks, feats) if not (reassure or past or inj_strong) and "trapped" in feats.fams else None
    if pinned is not None:
        inj_strong = Hit(pinned, pinned, 0, 0, (), False, False)
    if cat == "kecelakaan":
        if timing == "past":
            return res("sedang", time_reason)
        if inj_strong:
            return res("darurat", why(inj_strong, "ada korban luka"))
        fled = cue("fled")
        if novictim or reassure:
            if fled:
                return res("tinggi", why(fled, "pelaku kabur"))
            return res("sedang", why(novictim or reassure, "tidak ada korban"))
        if inj_weak:
            return res("darurat", why(inj_weak, "ada korban"))
        return res("tinggi", "")
    if cat == "kebakaran_bencana":
        fire = cue("fire")
        active = cue("fire_active")
        if reassure and not active:
            return res("sedang", why(reassure, "sudah tertangani"))
        if past and not active and not strong_now:
            return res("sedang", time_reason)
        if past and not active and not (inj_strong or fire):
            return res("sedang", time_reason)
        if inj_strong or inj_weak:
            return res("darurat", why(inj_strong or inj_weak, "ada korban/orang dalam bahaya"))
        unattended = next(
            (
                t
                for k, t in enumerate(toks)
                if feats.fams[k] == "confined" or t in ("kosong", "pergi", "ditinggal", "tinggal")
            ),
            None,
        )
        if feats.has("gas") and not fire and unattended and not novictim:
            # nobody there to shut the valve or air the room: the leak will not stop by itself
            return res("darurat", why(cue("gas"), f"kebocoran gas, '{unattended}' (tidak ada yang menangani)"))
        if feats.has("gas") and not fire:
            return res("tinggi", why(cue("gas"), "kebocoran gas"))
        if fire:
            return res("darurat", why(fire, "kebakaran"))
        hazard = cue("hazard") or cue("water_high")
        if novictim and hazard and not cue("water_high"):
            # nobody hurt: a live wire or running water is still a danger, settled debris is not
            live_wire = any(w in hazard.key for w in ("listrik", "kabel", "arus", "air", "petir"))
            return res("tinggi" if live_wire else "sedang", why(novictim, "tidak ada korban"))
        if hazard:
            return res("darurat", why(hazard, "bahaya bagi jiwa"))
        if cue("flood"):
            return res("tinggi", why(cue("flood"), "banjir/longsor"))
        live = next((t for t in toks if t in ("listrik", "tertutup", "melintang", "menutup", "nutup")), None)
        fell = any(lemma(t) in ("tumbang", "roboh", "putus", "timpa", "runtuh") for t in toks)
        if live and fell and not past:
            # a fallen tree on a live wire or across the road is still a danger with no one hurt yet
            return res("tinggi", f"prioritas: '{live}' (bahaya masih ada)")
        if novictim:
            return res("sedang", why(novictim, "tidak ada korban"))
        if urgency >= 2 and (strong_now or fresh):
            return res("darurat", why(urgent_hits[0] if urgent_hits else strong_now, "mendesak"))
        return res("sedang", time_reason)
    if cat in ("kekerasan", "kdrt_ppa"):
        abduct = cue("abduct")
        if abduct and not (cue("resolved") or reassure):
            return res("darurat", why(abduct, "penculikan/penyekapan, korban dalam bahaya"))
        neglect = next((h for h in feats.cues.get("neglect", []) if not h.negated), None)
        young = feats.has("child") or feats.has("vulnerable") or (age is not None and age < 18)
        if cat == "kdrt_ppa" and neglect and young and not (cue("resolved") or reassure):
            return res("darurat", why(neglect, "anak ditelantarkan, masih sendirian/kelaparan"))
        if recurring and not strong_now:
            return res("sedang", why(recurring, "berulang, bukan sedang terjadi"))
        if timing == "past":
            if severe:
                return res("tinggi", why(severe, "luka berat, kejadian lampau"))
            # the attacker is still near the victim, or threatens to come back: the danger is not over
            near = next(
                (
                    t
                    for k, t in enumerate(toks)
                    if t in ("pelaku", "pelakunya", "terduga") and "masih" in toks[k + 1 : k + 4]
                ),
                None,
            )
            threat = next(
                (
                    h
                    for h in hits_of(feats, "kekerasan")
                    if h.key in ("ancam", "mengancam", "ancaman")
                    and past is not None
                    and BOUNDARY in toks[past.start : h.start]
                    and not cue("remote")
                ),
                None,
            )
            recent = past is not None and past.key in _RECENT_PAST
            # the victim's wounds being treated does not make an attacker who is still around less dangerous
            if recent and (near or threat) and not cue("resolved") and (near or not reassure):
                reason = f"prioritas: '{near}' masih di dekat korban" if near else why(threat, "pelaku mengancam lagi")
                return res("tinggi", reason)
            # domestic abuse: the abuser shares the home, so last night's injury means the danger goes on
            housemate = cat == "kdrt_ppa" and feats.has("family") and not feats.has("ex_partner")
            hurt = inj_strong or next(iter(_body_injuries(toks)), None)
            if recent and housemate and hurt and not (reassure or cue("resolved")):
                return res("tinggi", why(hurt, "KDRT semalam, korban masih serumah dengan pelaku"))
            return res("sedang", time_reason)
        if reassure and not severe:
            return res("tinggi", why(reassure, "sudah aman"))
        if timing == "fresh":
            if severe:
                return res("darurat", why(severe, "luka berat"))
            stab = next((h for h in feats.cues.get("weapon", []) if h.key in _WOUND_VERBS), None)
            if stab and not reassure and not novictim:
                return res("darurat", why(stab, "korban tusuk/bacok/tembak baru saja"))
            if inj_strong and inj_strong.key not in _BRUISE and not reassure and not novictim:
                return res("darurat", why(inj_strong, "korban luka"))
            return res("tinggi", time_reason)
        if timing == "now":
            if cue("fled") and not inj_strong and not weapon:
                return res("tinggi", why(cue("fled"), "pelaku sudah pergi"))
            return res("darurat", time_reason)
        if inj_strong:
            return res("darurat", why(inj_strong, "ada korban luka"))
        if weapon:
            return res("darurat", why(weapon, "senjata"))
        if urgent_hits or exclaim:
            return res("darurat", why(urgent_hits[0] if urgent_hits else None, "minta tolong"))
        if cat == "kekerasan" and feats.has("group") and feats.violent:
            return res("darurat", why(cue("group"), "perkelahian massal"))
        minor = feats.has("child") or (age is not None and age < 18)
        if cat == "kdrt_ppa" and cue("imminent") and minor:
            return res("tinggi", why(cue("imminent"), "anak akan ditemui/dijemput pelaku"))
        if cue("remote") and not inj_strong and not strong_now:
            return res("sedang", why(cue("remote"), "ancaman lewat pesan/telepon"))
        if not feats.violent:
            # exploitation, grooming or abuse disclosed afterwards, with no violence going on
            return res("sedang", "prioritas: eksploitasi/pelecehan tanpa kekerasan yang sedang terjadi → sedang")
        return res("tinggi", "")
    if cat == "pencurian":
        robbery = cue("robbery")
        if timing == "past":
            if severe:
                return res("tinggi", why(severe, "korban luka berat, kejadian lampau"))
            return res("sedang", time_reason)
        if inj_strong:
            return res("darurat", why(inj_strong, "ada korban luka"))
        caught = cue("caught")
        held = next((t for t in toks if t in ("disekap", "disandera", "diikat", "dikunci", "dikurung")), None)
        if held and robbery and not caught and timing != "past":
            return res("darurat", f"prioritas: '{held}' (korban disekap/diikat perampok)")
        if caught:
            return res("tinggi", why(caught, "pelaku ditahan warga, perlu dijemput"))
        if reassure:
            return res("sedang", why(reassure, "sudah tertangani"))
        if timing == "now":
            # a theft in progress endangers life only when the thief confronts someone (robbery, weapon);
            # a sneak thief or a break-in into an empty house is urgent (tinggi) but not darurat, unless the
            # intruder is still inside ("masih di dalam"), where anyone coming home meets them
            if robbery or weapon or _intruder_inside(toks):
                return res("darurat", why(robbery or weapon or now, "kejahatan sedang berlangsung"))
            return res("tinggi", time_reason)
        if timing == "fresh" or (timing == "none" and robbery and cue("fled")):
            return res("tinggi", time_reason or why(cue("fled"), "pelaku baru kabur"))
        if weapon and (robbery or urgency):
            return res("darurat", why(weapon, "senjata"))
        if robbery and urgency >= 1:
            return res("tinggi", why(robbery, "perampasan"))
        return res("sedang", "")
    if cat == "narkoba":
        if inj_strong and timing != "past":
            return res("darurat", why(inj_strong, "ada korban"))
        found = next((t for t in toks if t in ("menemukan", "ditemukan", "nemu", "ketemu")), None)
        if found and not strong_now:
            return res("sedang", f"prioritas: '{found}' (barang temuan, tidak ada pelaku di tempat)")
        if timing in ("now", "fresh") and not recurring:
            return res("tinggi", time_reason)
        if strong_now:
            return res("tinggi", time_reason)
        return res("sedang", time_reason)
    if cat == "gangguan_kamtibmas":
        if inj_strong and timing != "past":
            return res("darurat", why(inj_strong, "ada korban"))
        if weapon and weapon.key not in lx.AMBIGUOUS_WEAPON and timing != "past":
            return res("darurat", why(weapon, "senjata"))
        raging = next((t for t in toks if t in _ATTACKING or lemma(t) in _ATTACKING), None)
        if weapon and raging and timing != "past" and not (reassure or cue("resolved")):
            # stones or sticks thrown at people or traffic by someone raging: danger to passers-by now
            return res("darurat", f"prioritas: '{raging}' + '{weapon.surface}' (membahayakan orang sekitar)")
        if timing == "past" or reassure or cue("resolved"):
            return res("sedang", time_reason or why(reassure or cue("resolved"), "sudah tertangani"))
        if strong_now or timing == "fresh":
            return res("tinggi", time_reason)
        if recurring:
            return res("sedang", why(recurring, "gangguan berulang"))
        active = cue("active")
        if active:
            return res("tinggi", why(active, "gangguan sedang terjadi"))
        return res("sedang", "")
    if cat == "orang_hilang":
        if cue("recovered") or cue("resolved"):
            return res("rendah", why(cue("recovered") or cue("resolved"), "sudah ditemukan"))
        if vulnerable:
            return res("darurat", why(vulnerable, "anak/lansia/orang rentan"))
        if inj_strong:
            return res("darurat", why(inj_strong, "dalam bahaya"))
        return res("sedang", "prioritas: orang dewasa hilang → sedang")
    if cat == "lalu_lintas":
        if inj_strong and timing != "past":
            return res("darurat", why(inj_strong, "ada korban"))
        dangers = feats.cues.get("ll_danger", [])
        # a blockage stays until cleared; a reckless driver has moved on unless the report says it is now
        danger = next((h for h in dangers if h.key not in lx.LL_MOVING), None)
        if danger is None and strong_now:
            danger = dangers[0] if dangers else None
        near_miss = _near_miss(toks, feats.fams)
        if near_miss and not recurring and timing in ("now", "fresh"):
            # a collision only just avoided: whatever caused it is still on the road
            return res("tinggi", f"prioritas: '{near_miss}' (nyaris celaka, bahaya masih ada)")
        if danger and not recurring and timing in ("now", "none", "fresh"):
            return res("tinggi", why(danger, "bahaya di jalan sekarang"))
        return res("sedang", "")
    return res("sedang", "")


_DWELLING: frozenset[str] = lx._words("rumah, rumahnya, omah, omahe, kamar, kos, kost, dalam")


def _intruder_inside(toks: tuple[str, ...]) -> bool:
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


def _station_named(toks: tuple[str, ...], areason: str) -> bool:
    """True when the place that gave the area is named only as a police station ("polsek X")."""
    parts = areason.split("'")
    if len(parts) < 3:
        return False
    place = parts[1].lower().split()
    n = len(place)
    seen = [k for k in range(len(toks) - n + 1) if list(toks[k : k + n]) == place]
    return bool(seen) and all(k > 0 and toks[k - 1] in ("polsek", "polres", "polresta") for k in seen)


def _safety_net(
    category: str,
    priority: str,
    reasons: list[str],
    feats: _Features,
    toks: tuple[str, ...],
    text: str,
    loud: tuple[int, bool],
) -> tuple[str, str, list[str], str]:
    """Raise to ``darurat`` when the report shows a person in danger now, whatever the category."""
    if priority == "darurat" and category not in ("lainnya", "lalu_lintas", "gangguan_kamtibmas", "pengaduan_petugas"):
        return category, priority, reasons, ""
    age = _age(text)
    child = any(not _adult_anak(h, toks) for h in feats.cues.get("child", ()))
    frail = any(h.key not in lx.CHILD and h.key not in ("tua", "bingung") for h in feats.cues.get("vulnerable", ()))
    young = (child or frail) if age is None else age < 18 or age >= 65
    cues = {
        "ongoing": [h.key for h in feats.cues.get("ongoing", ())],
        "fresh": [h.key for h in feats.cues.get("fresh", ())],
        "past": [h.key for h in feats.cues.get("past", ()) if h.key not in _SOFT_PAST],
        "recurring": [h.key for h in feats.cues.get("recurring", ())],
    }
    found = assess(toks, category, young, cues, loud[0], loud[1])
    if found is None:
        return category, priority, reasons, ""
    if found.category and found.category != category:
        reasons = [*reasons, f"kategori: '{found.surface}' → {found.category} (keselamatan orang)"]
        category = found.category
    if priority == "darurat":
        return category, priority, reasons, ""
    return category, "darurat", reasons, found.reason


# How the learned model (model.py) backs up the rules; chosen by leave-one-writer-out cross-validation
# (scripts/train_triage_model.py).  "cat": "off" | "fallback" (rules fell back to lainnya) | "weak" (fallback,
# or the winner leads the runner-up by less than "margin").  "pri": "off" | "default" (the rules gave only
# the category's default priority) | "weak" (as "default", only when the category was weak too, so the model's
# features are already at hand) | "any".  The model may raise to darurat at "dar_t" (> 1 never), and
# never lowers a darurat.
MODEL_POLICY: dict[str, Any] = {
    "cat": "weak",
    "cat_t": 0.4,
    "margin": 1.0,
    "pri": "off",  # "default" at pri_t 0.7 adds ~0.6 CV priority points but costs ~3% throughput
    "pri_t": 0.7,
    "dar_t": 2.0,
}


_MODEL_GET: Callable[[], _model.Model | None] | None = None


def _learned() -> _model.Model | None:
    """The learned model; its module is imported on first use so that importing the package stays cheap."""
    global _MODEL_GET
    if _MODEL_GET is None:
        from .model import get

        _MODEL_GET = get
    return _MODEL_GET()


def _weak_category(pol: Mapping[str, Any], category: str, feats: _Features) -> bool:
    """True when the rules' category rests on weak evidence (as the policy defines it)."""
    mode = pol["cat"]
    if mode == "off":
        return False
    fallback = category == "lainnya" and feats.margin <= 0.0
    if mode == "fallback":
        return fallback
    return fallback or feats.margin < pol["margin"]


def _model_category(
    pol: Mapping[str, Any], mdl: _model.Model, category: str, reasons: list[str], toks: tuple[str, ...]
) -> tuple[str, list[str], list[str]]:
    """Let the model decide a weakly supported category; also return the model features for reuse."""
    from .model import features

    mfeats = features(toks, lemma)
    mcat, p, _ = mdl.category.predict(mfeats)
    if p >= pol["cat_t"] and mcat != category:
        return mcat, [f"kategori: model ({p:.2f}) → {mcat}"], mfeats
    return category, reasons, mfeats


def _model_priority(
    pol: Mapping[str, Any],
    mdl: _model.Model,
    category: str,
    priority: str,
    preason: str,
    mfeats: list[str],
    toks: tuple[str, ...],
) -> tuple[str, str]:
    """Let the model decide a priority the rules gave only by default; never called on a darurat.

    The model may raise to darurat only at the policy's ``dar_t`` and may not pick darurat otherwise.
    """
    default = preason.startswith("prioritas: dasar kategori") or pol["pri"] == "any"
    if not default and pol["dar_t"] > 1.0:
        return priority, preason
    if not mfeats:
        from .model import features

        mfeats = features(toks, lemma)
    mpri, p, probs = mdl.priority.predict(mfeats, "c:" + category)
    p_darurat = mdl.priority.prob(probs, "darurat")
    if p_darurat >= pol["dar_t"]:
        return "darurat", f"prioritas: model ({p_darurat:.2f}) → darurat"
    if default and mpri not in ("darurat", priority) and p >= pol["pri_t"]:
        return mpri, f"prioritas: model ({p:.2f}) → {mpri}"
    return priority, preason


def triage(
    text: str, channel: str | None = None, location: Mapping[str, object] | tuple[float, float] | None = None
) -> Triage:
    """Classify a citizen report: category, priority, area (kecamatan), kelurahan and sensitivity.

    ``channel`` is accepted for future use; ``location`` (``{"lat", "lon"}`` / ``{"latitude",
    "longitude"}`` or a ``(lat, lon)`` tuple) takes precedence over places named in the text.
    """
    text = text if isinstance(text, str) else str(text or "")
    norm = normalize(text)
    toks = norm.tokens
    hits = _scan(toks)
    cues: dict[str, list[Hit]] = {}
    neg: dict[str, list[Hit]] = {}
    for h in hits:
        for kind, name, _w in h.tags:
            if kind == "cue":
                (neg if h.negated else cues).setdefault(name, []).append(h)
    violent = any(t[0] == "cat" and t[1] == "kekerasan" and t[2] >= 2.5 for h in hits if not h.negated for t in h.tags)
    feats = _Features(cues, neg, violent or bool(cues.get("forced")), hits)
    fc = _FAMILY_CACHE
    feats.fams = tuple([fc[t] if t in fc else family_of(t) for t in toks])
    category, reasons = _categorise(hits, feats, toks, "?" in text)
    pol = MODEL_POLICY
    mdl = _learned() if pol["cat"] != "off" or pol["pri"] != "off" else None
    mfeats: list[str] = []
    rules_category = category
    if mdl is not None and _weak_category(pol, category, feats):
        category, reasons, mfeats = _model_category(pol, mdl, category, reasons, toks)
    priority, preason = _prioritise(category, feats, toks, text, norm.exclaim, norm.shouting)
    if category != rules_category and priority != "darurat":
        # the darurat floor: a darurat the rules give under their own category survives the model's category
        floor = _prioritise(rules_category, feats, toks, text, norm.exclaim, norm.shouting)
        if floor[0] == "darurat":
            priority, preason = floor
    if mdl is not None and pol["pri"] != "off" and priority != "darurat" and (mfeats or pol["pri"] != "weak"):
        priority, preason = _model_priority(pol, mdl, category, priority, preason, mfeats, toks)
    category, priority, reasons, net_reason = _safety_net(
        category, priority, reasons, feats, toks, text, (norm.exclaim, norm.shouting)
    )
    area, kelurahan, areason = locate(text, location)
    if category == "lainnya" and priority == "rendah" and location is None:
        area, kelurahan, areason = None, None, ""
    if category == "penipuan" and location is None and areason and _station_named(norm.tokens, areason):
        # "ngaku petugas Polsek Blimbing": the station being impersonated is not where the scam happened
        area, kelurahan, areason = None, None, ""
    all_reasons = [*reasons, preason]
    if net_reason:
        all_reasons.append(net_reason)
    if areason:
        all_reasons.append(areason)
    return Triage(
        category=category,
        priority=priority,
        area=area,
        kelurahan=kelurahan,
        sensitive=category in ("pengaduan_petugas", "kdrt_ppa"),
        reasons=tuple(all_reasons),
    )
