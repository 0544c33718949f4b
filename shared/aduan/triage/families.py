"""Root families for events: one bare root covers all its Indonesian/Javanese affixed forms.

``family_of("kegulingan")`` strips affixes as ``stem.candidates`` does (particles, suffixes, prefixes with
a nasal undone) and returns the family of the first bare form it reaches, so "serempet" covers
keserempet, diserempet, nyerempet, bersenggolan and serempetan.  Families describe what *happened*, not
the words of one report."""

from __future__ import annotations

from .lexicon import words
from .stem import candidates

# fmt: off
FAMILIES: dict[str, frozenset[str]] = {
    # one moving vehicle meets another vehicle, a person or an object
    "collide": words("""
        tabrak, serempet, srempet, senggol, seruduk, sruduk, tubruk, tumbur, sosor, tumbuk, temper,
        lindas, gilas, tabrakan, senggolan,
    """),
    # a vehicle or rider goes over, off the road or down
    "overturn": words("""
        # bare "balik"/"walik" is "go back"; only ter-/ke-/ku- forms mean overturned
        guling, terbalik, kebalik, kuwalik, kewalik, jungkal, sungsep, slip, selip, gelincir, peleset,
        pleset, oleng, perosok, pental, cemplung, cebur, jeblos, sosor, ndlosor, dlosor, nyungsep, kejlungup, jlungup,
        tlusup, ceblok,
    """),
    # a person held fast under or between things: cannot get out by themselves
    "trapped": words("""
        jepit, gencet, tindih, timpa, tiban, himpit, impit, timbun, uruk,
    """),
    # getting into someone else's property by force or over a barrier
    "intrude": words("panjat, congkel, cungkil, dobrak, bobol, jebol paksa, linggis, rusak gembok"),
    # shut in: a child in a locked car or room, or locked out
    "confined": words("kunci, kurung, gembok, sekap"),
    # a body in distress from cold, heat, hunger or air: dangerous for a child or a frail person now
    "distress": words("""
        dingin, hujan, panas, lemas, lemes, lapar, haus, sesak, sesek, gemetar, menggigil, pucat, dehidrasi,
    """),
}
# fmt: on
# the barrier or building an intruder gets through
PROPERTY: frozenset[str] = words("""
    pagar, pager, tembok, jendela, pintu, rumah, genteng, atap, gudang, toko, kios, gembok, garasi, kandang,
    kos, kamar, warung, ruko, plafon, teralis,
""")
ROAD: frozenset[str] = words("""
    jalan, jl, jalanan, tol, tikungan, turunan, tanjakan, perempatan, pertigaan, simpang, aspal, trotoar,
    jembatan, rel, perlintasan, lajur, ruas, bundaran, flyover, underpass, dalan, ratan, jurang, selokan,
""")
ROAD_USER: frozenset[str] = words("""
    pengendara, pemotor, pesepeda, pejalan, penyeberang, penumpang, sopir, sopire, pengemudi, driver,
    ojol, ojek, kurir, pembonceng, sepedha, pit,
""")
_ROOT_FAMILY: dict[str, str] = {r: f for f, roots in FAMILIES.items() for r in roots}
_CACHE: dict[str, str | None] = {}


def family_of(tok: str) -> str | None:
    """The event family of ``tok`` (``"collide"``, ``"overturn"``, ``"trapped"``), or ``None``."""
    return root_lookup(tok, _ROOT_FAMILY, _CACHE)


def families_of(toks: tuple[str, ...]) -> tuple[str | None, ...]:
    """The event family of every token of a report (``None`` where a token has none)."""
    fc = _CACHE
    return tuple([fc[t] if t in fc else family_of(t) for t in toks])


def root_lookup(tok: str, table: dict[str, str], cache: dict[str, str | None]) -> str | None:
    """The value in ``table`` of the first bare form of ``tok`` (see ``stem.candidates``) it holds."""
    if tok in cache:
        return cache[tok]
    fam = table.get(tok)
    if fam is None and len(tok) > 3 and tok.isalpha():
        fam = next((table[c] for c in candidates(tok) if c in table), None)
    if len(cache) < 100_000:
        cache[tok] = fam
    return fam
