"""Indonesian/Javanese affix stripping shared by the lexicon lookup (engine) and the root families.

``candidates("kesrempetan")`` lists the bare forms a token may come from, in the order a lookup should
try them: for each base (the token, then with a particle or a suffix stripped), the base itself and then
what is left after each verb/noun prefix, with a nasal prefix undone (ng-/nge- -> k, n- -> t, m- -> p,
ny- -> s or c: "nabrak" -> "tabrak", "nyolong" -> "colong").  Callers decide what a hit is worth.
"""

from __future__ import annotations

# possessive/definite enclitics ("kepalanya", "sikile", "tanganku"); particles add the emphatic -lah, -kah
POSSESSIVE: tuple[str, ...] = ("nya", "nipun", "ipun", "ne", "ku", "mu", "e")
PARTICLES: tuple[str, ...] = (*POSSESSIVE, "lah", "kah")
SUFFIXES: tuple[str, ...] = ("kan", "aken", "an", "i", "in", "ake", "na", "no")
# fmt: off
PREFIXES: tuple[str, ...] = (
    "di", "ke", "ter", "ber", "be", "se", "ka", "me", "mem", "men", "meng", "menge", "meny",
    "pe", "pem", "pen", "peng", "penge", "peny", "per", "nge", "ng", "ny", "n", "m",
    "dipe", "diper", "dike", "keter", "kese", "kepe", "mempe", "memper", "k",
)
# fmt: on
# bare nasal (Javanese/chat) verb prefixes; the Indonesian meN- forms are listed in the lexicon where they matter
JV_NASAL: tuple[str, ...] = ("nge", "ng", "ny", "m", "n")
_VOWELS = frozenset("aeiou")


def bases(tok: str) -> list[str]:
    """``tok``, then ``tok`` less a particle, then each of those less a suffix (3+ letters left)."""
    out = [tok]
    for p in PARTICLES:
        if tok.endswith(p) and len(tok) - len(p) >= 3:
            out.append(tok[: -len(p)])
    for base in list(out):
        for s in SUFFIXES:
            if base.endswith(s) and len(base) - len(s) >= 3:
                out.append(base[: -len(s)])
    return out


def unprefix(prefix: str, rest: str) -> list[str]:
    """``rest`` and, after a nasal prefix before a vowel, the root it assimilated ("nabrak" -> "tabrak")."""
    if prefix == "k":  # chat spelling of ke- ("kjepit", "kslip"), never before a vowel ("kaki", "kurus")
        return [] if rest[:1] in _VOWELS else [rest]
    cands = [rest]
    if rest[:1] in _VOWELS:
        if prefix.endswith(("ng", "nge")):
            cands.append("k" + rest)
        elif prefix.endswith("n"):
            cands.append("t" + rest)
        elif prefix.endswith("m"):
            cands.append("p" + rest)
        elif prefix.endswith("ny"):
            cands += ["s" + rest, "c" + rest]
    return cands


def candidates(tok: str, prefixes: tuple[str, ...] = PREFIXES, deep: bool = False) -> list[str]:
    """Every bare form of ``tok`` (``tok`` first): each base, then its prefix-stripped forms; ``deep`` also
    strips suffixes again after the prefix ("mukulan" -> "pukulan" -> "pukul", next to "mukul")."""
    out: list[str] = []
    for base in bases(tok):
        out.append(base)
        for pre in prefixes:
            if base.startswith(pre) and len(base) - len(pre) >= 3:
                for cand in unprefix(pre, base[len(pre) :]):
                    out += bases(cand) if deep else (cand,)
    return out
