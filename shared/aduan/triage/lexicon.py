"""The triage vocabulary, loaded once from ``vocab`` into frozen sets and weight tables.

Single words are *roots*: the engine strips Indonesian/Javanese affixes (di-, ke-, ter-, me-/ng-, -an,
-kan, -nya ...) before looking them up, so "dicuri", "pencurian" and "kecurian" all reach "curi".
Entries with spaces are phrases, matched on consecutive normalised tokens (surface form or root form).

``CUES`` are the concepts the scanner tags in a report (``"weapon"``, ``"fire"``, ``"past"`` ...);
``WORDS`` are lists the rules consult directly; ``CATEGORY_TERMS`` weigh terms towards a category.
Every list is the union of its registers (Indonesian, ngoko, krama, walikan) as written in ``vocab``.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import vocab


def words(spec: str) -> frozenset[str]:
    """Parse a comma-separated word list (``#`` starts a comment); cheaper to import than a set literal."""
    out: set[str] = set()
    for line in spec.splitlines():
        out.update(w for w in (x.strip() for x in line.split("#", 1)[0].split(",")) if w)
    return frozenset(out)


def weights(spec: str) -> dict[str, float]:
    """Parse ``term: weight, term: weight`` (``#`` starts a comment) into a dict, keeping order."""
    out: dict[str, float] = {}
    for line in spec.splitlines():
        for item in line.split("#", 1)[0].split(","):
            if item.strip():
                term, weight = item.rsplit(":", 1)
                out[term.strip()] = float(weight)
    return out


def _union(registers: Mapping[str, str]) -> frozenset[str]:
    out: frozenset[str] = frozenset()
    for spec in registers.values():
        out |= words(spec)
    return out


CATEGORIES: tuple[str, ...] = (
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
)

PRIORITIES: tuple[str, ...] = ("rendah", "sedang", "tinggi", "darurat")

# category -> term -> weight, in CATEGORIES order
CATEGORY_TERMS: dict[str, dict[str, float]] = {
    cat: {t: w for spec in vocab.CATEGORY_TERMS[cat].values() for t, w in weights(spec).items()} for cat in CATEGORIES
}
# cue name -> words, in the order the scanner registers them
CUES: dict[str, frozenset[str]] = {name: _union(regs) for name, regs in vocab.CUES.items()}
WORDS: dict[str, frozenset[str]] = {name: _union(regs) for name, regs in vocab.WORDS.items()}
