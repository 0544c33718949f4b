"""Scanning a normalised report for vocabulary: roots and phrases found, negated or hedged, as ``Hit``s.

The vocabulary (``lexicon``) is indexed once at import: every category term and every cue word becomes a
root (one word, matched through its affixes) or a phrase (matched on consecutive tokens).  ``scan`` finds the
hits of one report; ``features`` groups them by cue name for the rules.
"""

from __future__ import annotations

from typing import NamedTuple

from . import lexicon as lx
from . import stem
from .families import families_of
from .normalize import BOUNDARY, register_known

Tag = tuple[str, str, float]  # (kind, name, weight); kind is "cat" or "cue"

PHRASES: dict[str, tuple[Tag, ...]] = {}
ROOTS: dict[str, tuple[Tag, ...]] = {}
# person and thing cues that still count inside a longer phrase ("anak" in "anak saya hilang")
_ENTITY_CUES: frozenset[str] = lx.words("""
    vulnerable, child, person, valuable, document, family, officer, weapon, group, sexual, vehicle,
    female, ll_danger,
""")
NEGATORS = lx.CUES["negator"]
HEDGES = lx.CUES["hedge"]
HYPOTHETICAL = lx.CUES["hypo"]
CONDITIONAL = lx.WORDS["conditional"]
NEG_FILLERS = lx.WORDS["neg_fillers"]

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
for _cue, _cue_words in lx.CUES.items():
    for _word in _cue_words:
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


def bare_form(tok: str) -> str:
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


def scan(toks: tuple[str, ...]) -> list[Hit]:  # noqa: PLR0912, PLR0915
    n = len(toks)
    lem = [lemma(t) for t in toks]
    bare = [bare_form(t) for t in toks]
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
    neg_pos = {s for (k, s, e, t) in raw if e - s == 1 and k in NEGATORS}
    hedge_pos = {s for (k, s, e, t) in raw if e - s == 1 and k in HEDGES}
    hypo_pos = {s for (k, s, e, t) in raw if e - s == 1 and k in HYPOTHETICAL}
    cond_pos = [k for k in range(n) if toks[k] in CONDITIONAL]
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
        if s - 1 in hypo_pos or (s - 2 in hypo_pos and toks[s - 1] in NEG_FILLERS):
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
            if t not in NEG_FILLERS:
                others += 1
                if others > 1:
                    break
            j -= 1
        hits.append(Hit(key, " ".join(toks[s:e]), s, e, tags, negated, hedged))
    return hits


class Features:
    """Cue hits of one report grouped by cue name (negated ones apart)."""

    __slots__ = ("cues", "fams", "hits", "neg_cues", "violent")

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

    def has(self, name: str) -> bool:
        return bool(self.cues.get(name))

    def first(self, name: str) -> Hit | None:
        lst = self.cues.get(name)
        return lst[0] if lst else None


def features(toks: tuple[str, ...]) -> Features:
    """Scan ``toks`` and group the hits by cue name, with each token's event family."""
    hits = scan(toks)
    cues: dict[str, list[Hit]] = {}
    neg: dict[str, list[Hit]] = {}
    for h in hits:
        for kind, name, _w in h.tags:
            if kind == "cue":
                (neg if h.negated else cues).setdefault(name, []).append(h)
    violent = any(t[0] == "cat" and t[1] == "kekerasan" and t[2] >= 2.5 for h in hits if not h.negated for t in h.tags)
    feats = Features(cues, neg, violent or bool(cues.get("forced")), hits)
    feats.fams = families_of(toks)
    return feats
