"""Category rules: the scanned vocabulary scores every category, then named rules adjust the scores.

Each rule reads the report (``CatState``) and boosts or lowers categories for one concern (what was lost,
who the officer is, violence in the family, an accident frame ...).  ``categorise`` runs ``RULES`` in order
and picks the top score.
"""

from __future__ import annotations

from collections.abc import Callable

from . import lexicon as lx
from .evidence import (
    ADDRESS_NEXT,
    MENTAL,
    MONEY_RE,
    PARENTS_F,
    PARENTS_M,
    PRONOUNS,
    accident_event,
    addressee,
    age_of,
    clause,
    is_person_hit,
    is_vehicle,
    key_class,
    near,
    near_miss_of,
    same_clause,
    unsaid,
    wielded_weapons,
)
from .families import PROPERTY
from .normalize import BOUNDARY
from .scan import Features, Hit, bare_form, lemma

_SETTING_CATS: tuple[str, ...] = (
    "lalu_lintas",
    "kebakaran_bencana",
    "pengaduan_petugas",
    "gangguan_kamtibmas",
    "layanan_polisi",
    "orang_hilang",
    "lainnya",
)

_OFFICER_ACTS: tuple[str, ...] = ("gangguan_kamtibmas", "lalu_lintas", "narkoba", "kekerasan")

VALUABLE = lx.CUES["valuable"]
AMBIGUOUS_WEAPON = lx.WORDS["ambiguous_weapon"]
CONDITIONAL = lx.WORDS["conditional"]
GENERIC_OFFICER = lx.WORDS["generic_officer"]
POLICE_CONTEXT = lx.WORDS["police_context"]
REQUEST_VERBS = lx.WORDS["request_verbs"]
_BORROWED = lx.WORDS["borrowed"]
_SOLD = lx.WORDS["sold"]
OBJECT_PARTS = lx.WORDS["object_parts"]
_MOB = lx.WORDS["mob"]
_OUTSIDER = lx.WORDS["outsider"]
_TITLE_NEXT = lx.WORDS["title_next"]
_RAGING = lx.WORDS["raging"]
_CONTACT_KEYS = lx.WORDS["contact_keys"]
_URGE = lx.WORDS["urge"]
_ENFORCE = lx.WORDS["enforce"]
_DEMAND = lx.WORDS["demand"]
_OFFICER_VIOLENCE = lx.WORDS["officer_violence"]


class CatState:
    """One report under categorisation: its features, the running scores and what the rules found so far."""

    __slots__ = (
        "armed",
        "best_cue",
        "case_w",
        "child",
        "crime",
        "extra",
        "family",
        "feats",
        "found",
        "group",
        "hits",
        "imperson",
        "misconduct_found",
        "officers",
        "question",
        "scores",
        "toks",
        "violent",
        "vuln",
        "weapons",
        "wielded",
    )

    def __init__(self, feats: Features, toks: tuple[str, ...], question: bool) -> None:
        self.feats, self.toks, self.hits, self.question = feats, toks, feats.hits, question
        self.scores: dict[str, float] = dict.fromkeys(lx.CATEGORIES, 0.0)
        # weight of crime words that only name a case being followed up ("laporan penipuan saya")
        self.case_w: dict[str, float] = dict.fromkeys(lx.CATEGORIES, 0.0)
        self.best_cue: dict[str, list[tuple[float, str]]] = {c: [] for c in lx.CATEGORIES}
        self.extra: dict[str, str] = {}  # category -> the reason of the rule that first boosted it
        self.officers: list[Hit] = []
        self.imperson: list[Hit] = []
        self.misconduct_found = False
        self.weapons: list[Hit] = []
        self.wielded: list[Hit] = []
        self.crime = 0.0
        self.vuln: list[Hit] = []
        self.found: list[Hit] = []
        self.violent = 0.0
        self.group = False
        self.armed = False
        self.family: Hit | None = None
        self.child: Hit | None = None
        for h in self.hits:
            if h.negated:
                continue
            case_type = h.start > 0 and toks[h.start - 1] in ("laporan", "kasus", "perkara")
            for kind, name, w in h.tags:
                if kind == "cat":
                    if case_type:
                        self.case_w[name] += w
                    self.scores[name] += w
                    self.best_cue[name].append((w, h.surface))

    def boost(self, cat: str, w: float, why: str = "") -> None:
        """Add ``w`` to ``cat``'s score; a positive boost with a reason may explain the category."""
        self.scores[cat] += w
        if w > 0 and why:
            self.extra.setdefault(cat, why)


def lost_what(st: CatState) -> None:
    """What was lost decides between theft, a missing person, a lost-document letter and a pet."""
    feats = st.feats
    toks = st.toks
    hits = st.hits
    boost = st.boost
    for h in hits:
        words = h.key.split()
        kc = key_class(h.key)
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


def contact_lost(st: CatState) -> None:
    """ "Tidak ada kabar" is a missing person only when a person is the one not heard from."""
    feats = st.feats
    toks = st.toks
    hits = st.hits
    scores = st.scores
    persons = feats.cues.get("person", [])
    for h in hits:
        if h.negated or h.key not in _CONTACT_KEYS:
            continue
        pronoun = any(t in PRONOUNS for t in toks[max(0, h.start - 10) : h.start])
        subjects = [p for p in persons if not (p.start > 0 and toks[p.start - 1] in ("ke", "kepada", "sama"))]
        if not pronoun and not any(0 <= h.start - p.start <= 16 for p in subjects):
            scores["orang_hilang"] -= sum(w for k, c, w in h.tags if k == "cat" and c == "orang_hilang")


def lost_pet(st: CatState) -> None:
    """A pet that ran away, with no person in the report, is redirected (lainnya)."""
    feats = st.feats
    scores = st.scores
    boost = st.boost
    if feats.has("pet") and scores["orang_hilang"] > 0 and not feats.has("person") and not feats.has("child"):
        boost("lainnya", scores["orang_hilang"] + 1.0, f"kategori: '{feats.cues['pet'][0].surface}' → lainnya")
        scores["orang_hilang"] = 0.0


def person_taken(st: CatState) -> None:
    """A person "dibawa kabur/lari" is an abduction or an elopement, not a theft."""
    feats = st.feats
    toks = st.toks
    hits = st.hits
    scores = st.scores
    boost = st.boost
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
            if feats.has("child") or age_of(" ".join(toks)) is not None:
                boost("kdrt_ppa", 4.0, f"kategori: '{who.surface} {h.surface}' (anak dibawa pergi) → kdrt_ppa")
            else:
                boost("orang_hilang", 4.0, f"kategori: '{who.surface} {h.surface}' → orang_hilang")


def officer_conduct(st: CatState) -> None:
    """An officer with misconduct is a complaint; an officer impersonated is a scam."""
    feats = st.feats
    toks = st.toks
    hits = st.hits
    scores = st.scores
    case_w = st.case_w
    boost = st.boost
    police_ctx = any(lemma(h.key) in GENERIC_OFFICER for h in feats.cues.get("officer", ())) and (
        any(
            t in POLICE_CONTEXT or lemma(t) in POLICE_CONTEXT or t.startswith(("lapor", "melapor"))
            for t in toks
            if t not in ("melaporkan", "pelapor")
        )
        or any(h.key in POLICE_CONTEXT for h in hits if " " in h.key)
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
        and not addressee(h, toks)
        and not any(a <= h.start < b for a, b in civil_spans)
        and (police_ctx or lemma(h.key) not in GENERIC_OFFICER)
    ]
    misconduct = list(feats.cues.get("misconduct", []))
    for k, t in enumerate(toks[:-1]):
        if t in _DEMAND and any(MONEY_RE.match(x) for x in toks[k + 1 : k + 3]):
            misconduct.append(Hit(t, " ".join(toks[k : k + 2]), k, k + 1, (), False, False))
    imperson = feats.cues.get("impersonate", [])
    # a scam or extortion by civilians is not an officer complaint; a case named after "laporan" is
    civil_threat = any(scores[c] - case_w[c] >= 4.5 for c in ("gangguan_kamtibmas", "penipuan"))
    misconduct_found = False
    pair = near(officers, imperson, 6) if officers and imperson else None
    if pair:
        boost("penipuan", 5.0, f"kategori: '{pair[1].surface} {pair[0].surface}' → penipuan (mengaku petugas)")
        scores["pengaduan_petugas"] = min(scores["pengaduan_petugas"], 0.0)
    elif imperson and feats.has("loss") and scores["gangguan_kamtibmas"] < 2.5:
        boost("penipuan", 3.0, f"kategori: '{imperson[0].surface}' + minta bayar → penipuan")
    elif officers and misconduct:
        pair = near(officers, misconduct, 12)
        strong_officer = any(h.key in ("oknum", "oknum polisi", "oknum petugas") for h in officers)
        # the officer is the subject of the act in one clause ("polisi ... mabuk-mabukan"): about the officer
        subject = pair is not None and pair[0].start < pair[1].start and same_clause(toks, pair[0], pair[1])
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
    st.officers = officers
    st.imperson = imperson
    st.misconduct_found = misconduct_found


def officer_as_actor(st: CatState) -> None:
    """An officer as the subject of a disorderly or traffic act: a complaint about the officer."""
    feats = st.feats
    toks = st.toks
    hits = st.hits
    scores = st.scores
    boost = st.boost
    officers = st.officers
    imperson = st.imperson
    misconduct_found = st.misconduct_found
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
            if act is None or any(lemma(t) in _ENFORCE or t in REQUEST_VERBS for t in toks[o.end : act.start]):
                continue
            top_act = max(scores[c] for c in _OFFICER_ACTS)
            boost(
                "pengaduan_petugas",
                max(3.0, top_act - scores["pengaduan_petugas"] + 1.0),
                f"kategori: '{o.surface}' pelaku '{act.surface}' → pengaduan_petugas",
            )
            break


def report_neglected(st: CatState) -> None:
    """A report refused or ignored by the police is a complaint about officers."""
    toks = st.toks
    hits = st.hits
    scores = st.scores
    boost = st.boost
    officers = st.officers
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


def damage_to_things(st: CatState) -> None:
    """Violence to a thing ("spion saya dipukul") is damage, not an assault."""
    toks = st.toks
    hits = st.hits
    scores = st.scores
    for h in hits:
        if h.negated or not h.surface.startswith("di") or h.start == 0:
            continue
        before = [t for t in toks[max(0, h.start - 3) : h.start] if t not in ("saya", "kami", "nya", "ku")]
        if before and (before[-1] in OBJECT_PARTS or before[-1] in VALUABLE):
            scores["kekerasan"] -= sum(w for k, c, w in h.tags if k == "cat" and c == "kekerasan")


def wielded_weapon(st: CatState) -> None:
    """An everyday object wielded as a weapon makes violence an assault."""
    feats = st.feats
    toks = st.toks
    scores = st.scores
    boost = st.boost
    weapons = wielded_weapons(feats, toks)
    wielded = [h for h in weapons if h.key in AMBIGUOUS_WEAPON]
    if wielded and scores["kekerasan"] > 0:
        boost("kekerasan", 2.0, f"kategori: '{wielded[0].surface}' dipakai sebagai senjata → kekerasan")
    st.weapons = weapons
    st.wielded = wielded


def vehicle_mishap(st: CatState) -> None:
    """A vehicle that falls, overturns or ends up in a river is a traffic accident."""
    feats = st.feats
    scores = st.scores
    boost = st.boost
    veh, mishap = feats.cues.get("vehicle", []), feats.cues.get("mishap", [])
    if veh and mishap and scores["pencurian"] < 3 and not feats.has("recurring"):
        pair = near(veh, mishap, 8)
        if pair:
            boost("kecelakaan", 3.0, f"kategori: '{pair[0].surface}' + '{pair[1].surface}' → kecelakaan")


def embezzlement(st: CatState) -> None:
    """Borrowed and then sold or pawned: embezzlement, handled with fraud."""
    toks = st.toks
    scores = st.scores
    boost = st.boost
    if any(t in _BORROWED for t in toks) and any(t in _SOLD for t in toks):
        scores["pencurian"] -= 2.0
        boost("penipuan", 4.0, "kategori: dipinjam lalu dijual/digadaikan → penipuan (penggelapan)")


def drunk_driver(st: CatState) -> None:
    """A drunk driver is a traffic danger, not a street disturbance."""
    feats = st.feats
    toks = st.toks
    hits = st.hits
    boost = st.boost
    drunk = [h for h in hits if h.key in ("mabuk",) and not h.negated]
    drivers = [
        h for h in feats.cues.get("vehicle", []) if h.key in ("pengemudi", "sopir", "pengendara", "mobil", "truk")
    ]
    driving = any(t in ("nyetir", "menyetir", "mengemudi", "mengendarai") for t in toks)
    if drunk and ((drivers and near(drunk, drivers, 4)) or (driving and not drivers)):
        boost("lalu_lintas", 2.5, "kategori: pengemudi mabuk → lalu_lintas")


def accident_victims(st: CatState) -> None:
    """An accident with victims stays an accident, whatever jam it causes."""
    feats = st.feats
    scores = st.scores
    boost = st.boost
    if scores["kecelakaan"] >= 3.0 and feats.has("injury"):
        boost("kecelakaan", 2.0)


def stranger_attacker(st: CatState) -> None:
    """ "Orang tidak dikenal" with a violence verb is an assault, not a suspicious person."""
    feats = st.feats
    scores = st.scores
    if scores["kekerasan"] >= 3.0 and feats.has("stranger") and not feats.has("surveil"):
        scores["gangguan_kamtibmas"] -= 1.5


def woman_forced(st: CatState) -> None:
    """A woman or girl pulled, dragged or forced is a crime against women."""
    feats = st.feats
    boost = st.boost
    forced, female = feats.cues.get("forced", []), feats.cues.get("female", [])
    if forced and female and not feats.has("robbery") and near(forced, female, 10):
        boost("kdrt_ppa", 4.0, f"kategori: '{female[0].surface}' + '{forced[0].surface}' → kdrt_ppa")


def crime_level(st: CatState) -> None:
    """The strongest crime score so far, before break-ins and found people are weighed."""
    feats = st.feats
    scores = st.scores
    vuln = [h for h in feats.cues.get("vulnerable", []) if h.key not in ("sakit", "hamil", "gunung", "hutan")]
    found = feats.cues.get("found_lost", [])
    crime = max(scores[c] for c in ("kekerasan", "kdrt_ppa", "pencurian", "kecelakaan", "penipuan"))
    st.crime = crime
    st.vuln = vuln
    st.found = found


def break_in(st: CatState) -> None:
    """Getting over or through a fence, door or lock is a break-in (theft)."""
    feats = st.feats
    toks = st.toks
    boost = st.boost
    if "intrude" in feats.fams:
        for k, f in enumerate(feats.fams):
            if f == "intrude" and not unsaid(toks, k) and any(bare_form(w) in PROPERTY for w in clause(toks, k, 6)):
                boost("pencurian", 2.5, f"kategori: '{toks[k]}' (masuk paksa) → pencurian")
                break


def child_shut_in(st: CatState) -> None:
    """A child shut in a car or room, or locked out, is neglect (PPA)."""
    feats = st.feats
    toks = st.toks
    scores = st.scores
    boost = st.boost
    crime = st.crime
    found = st.found
    found = st.found
    shut = next((k for k, f in enumerate(feats.fams) if f == "confined" and not unsaid(toks, k)), None)
    child_hit = feats.first("child")
    if shut is not None and child_hit is not None and abs(child_hit.start - shut) <= 10 and crime < 4:
        boost(
            "kdrt_ppa",
            max(3.0, scores["orang_hilang"] - scores["kdrt_ppa"] + 1.0),
            f"kategori: '{child_hit.surface}' + '{toks[shut]}' (anak terkunci/dikunci) → kdrt_ppa",
        )
        found = []
    st.found = found


def person_absent(st: CatState) -> None:
    """A person "tidak ada sejak ..." is missing."""
    feats = st.feats
    toks = st.toks
    boost = st.boost
    crime = st.crime
    for k in range(len(toks) - 2) if "ada" in toks else ():
        if toks[k] == "tidak" and toks[k + 1] == "ada" and toks[k + 2] in ("sejak", "dari", "mulai"):
            who = next((h for h in feats.hits if h.start < k and k - h.start <= 8 and is_person_hit(h)), None)
            if who is not None and crime < 3:
                boost("orang_hilang", 4.0, f"kategori: '{who.surface}' tidak ada sejak … → orang_hilang")
                break


def found_alone(st: CatState) -> None:
    """A child or confused elderly person found alone is a missing-person case."""
    boost = st.boost
    crime = st.crime
    vuln = st.vuln
    found = st.found
    if vuln and found and crime < 3 and near(vuln, found, 10):
        boost("orang_hilang", 4.0, f"kategori: '{vuln[0].surface}' + '{found[0].surface}' → orang_hilang")


def stranger_watching(st: CatState) -> None:
    """A stranger watching, photographing or circling is a suspicious person."""
    feats = st.feats
    boost = st.boost
    stranger, surveil = feats.cues.get("stranger", []), feats.cues.get("surveil", [])
    if stranger and surveil and near(stranger, surveil, 10):
        boost("gangguan_kamtibmas", 3.0, f"kategori: '{stranger[0].surface}' mengawasi → gangguan_kamtibmas")


def household(st: CatState) -> None:
    """Who is involved in violence: a family member (not an ex-partner), or both parents."""
    feats = st.feats
    toks = st.toks
    hits = st.hits
    scores = st.scores
    weapons = st.weapons
    wielded = st.wielded
    violent = scores["kekerasan"]
    group = feats.has("group")
    armed = any(h.key not in AMBIGUOUS_WEAPON for h in weapons) or bool(wielded)
    ex_spans = [(h.start, h.end) for h in feats.cues.get("ex_partner", [])]
    family = next((h for h in feats.cues.get("family", []) if not any(a <= h.start < b for a, b in ex_spans)), None)
    if family is None and violent > 0:
        # both parents named in one violent report ("bapak ngamuk, ibu berdarah"): a household
        def spoken_to(k: int) -> bool:
            """ "pak, tolong ...": addressing the police; "bapak sopir", "ibu ibu": a title, not a parent."""
            nxt = toks[k + 1] if k + 1 < len(toks) else BOUNDARY
            if nxt == toks[k] or nxt in _TITLE_NEXT:
                return True
            return k <= 1 and (nxt in ADDRESS_NEXT or nxt == BOUNDARY)

        dad = next(
            (k for k, t in enumerate(toks) if t in PARENTS_M and not spoken_to(k) and (k == 0 or toks[k - 1] != "ibu")),
            None,
        )
        mum = next((k for k, t in enumerate(toks) if t in PARENTS_F and not spoken_to(k)), None)
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
    st.violent = violent
    st.group = group
    st.armed = armed
    st.family = family


def child_neglect(st: CatState) -> None:
    """A child left alone or unfed is neglect (PPA)."""
    feats = st.feats
    boost = st.boost
    child = feats.first("child")
    # a child left alone or unfed is neglect (PPA), even when the parents "did not come home"
    if child and any(not h.negated for h in feats.cues.get("neglect", [])):
        boost("kdrt_ppa", 3.0, f"kategori: '{child.surface}' ditelantarkan → kdrt_ppa")
    st.child = child


def road_rage(st: CatState) -> None:
    """A person struck in a traffic setting is an assault, whatever the traffic words."""
    toks = st.toks
    hits = st.hits
    scores = st.scores
    boost = st.boost
    if scores["lalu_lintas"] >= scores["kekerasan"] >= 3.0:
        struck = next(
            (
                h
                for h in hits
                if not h.negated
                and h.surface.startswith("di")
                and any(k == "cat" and c == "kekerasan" and w >= 3.0 for k, c, w in h.tags)
                and not (h.start > 0 and (toks[h.start - 1] in VALUABLE or toks[h.start - 1] in OBJECT_PARTS))
            ),
            None,
        )
        if struck is not None:
            boost(
                "kekerasan",
                scores["lalu_lintas"] - scores["kekerasan"] + 1.0,
                f"kategori: '{struck.surface}' (orang dipukul di jalan) → kekerasan",
            )


def violence_at_home(st: CatState) -> None:
    """Violence against a child or within the family belongs to the PPA unit."""
    boost = st.boost
    violent = st.violent
    group = st.group
    armed = st.armed
    family = st.family
    child = st.child
    if violent > 0 and not group and (family or (child and not armed)):
        who = family or child
        if who is not None:
            boost("kdrt_ppa", violent + 2.0, f"kategori: korban/pelaku '{who.surface}' → kdrt_ppa")


def sexual_ppa(st: CatState) -> None:
    """Sexual abuse weighs towards PPA, more so with a child."""
    feats = st.feats
    scores = st.scores
    boost = st.boost
    child = st.child
    if feats.has("sexual") and scores["kdrt_ppa"] > 0:
        boost("kdrt_ppa", 2.5 if child else 1.0)


def robbery(st: CatState) -> None:
    """A robbery is a theft; its weapon does not make it an assault."""
    feats = st.feats
    scores = st.scores
    boost = st.boost
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


def group_fight(st: CatState) -> None:
    """A group fight weighs towards assault."""
    scores = st.scores
    boost = st.boost
    group = st.group
    if group and scores["kekerasan"] > 0:
        boost("kekerasan", 1.0)


def mob_justice(st: CatState) -> None:
    """A thief caught and beaten by a crowd: the beating is the incident (kekerasan)."""
    feats = st.feats
    toks = st.toks
    hits = st.hits
    scores = st.scores
    boost = st.boost
    thief_words = feats.cues.get("caught", []) or [h for h in hits if not h.negated and key_class(h.key) & 4]
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


def mental_raging(st: CatState) -> None:
    """A mentally ill person raging in public is public order unless someone is attacked."""
    feats = st.feats
    toks = st.toks
    hits = st.hits
    scores = st.scores
    boost = st.boost
    mental = next((h for h in hits if not h.negated and h.key in MENTAL), None)
    raging = mental is not None and any(t in _RAGING or lemma(t) in _RAGING for t in toks)
    if mental and raging and not feats.has("injury") and max(scores["kdrt_ppa"], scores["orang_hilang"]) < 3:
        boost(
            "gangguan_kamtibmas",
            max(3.0, scores["kekerasan"] - scores["gangguan_kamtibmas"] + 1.0),
            f"kategori: '{mental.surface}' mengamuk di tempat umum → gangguan_kamtibmas",
        )


def rules_question(st: CatState) -> None:
    """ "Kalau ... lapor?": a question about the rules, no incident described."""
    toks = st.toks
    question = st.question
    scores = st.scores
    boost = st.boost
    if (
        question
        and toks
        and toks[0] in CONDITIONAL
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


def service_question(st: CatState) -> None:
    """A question about a police service."""
    feats = st.feats
    question = st.question
    scores = st.scores
    boost = st.boost
    misconduct_found = st.misconduct_found
    if (
        (feats.has("question") or question)
        and feats.has("service")
        and not misconduct_found
        and scores["layanan_polisi"] > 0
        and max(scores[c] for c in lx.CATEGORIES[:10]) < 4.5
    ):
        boost("layanan_polisi", 2.0, "kategori: pertanyaan layanan → layanan_polisi")


def procedural_question(st: CatState) -> None:
    """A question about how to report."""
    feats = st.feats
    toks = st.toks
    question = st.question
    boost = st.boost
    if (
        feats.has("procedural")
        and question
        and any(t.startswith(("lapor", "melapor")) for t in toks)
        and not any(t in ("saya", "kami") for t in toks)
    ):
        boost("layanan_polisi", 4.0, "kategori: pertanyaan prosedur lapor → layanan_polisi")


def service_override(st: CatState) -> None:
    """Words that always mean a police service."""
    feats = st.feats
    boost = st.boost
    if feats.has("service_override"):
        boost("layanan_polisi", 2.0)


def thanks_closing(st: CatState) -> None:
    """A message that opens with thanks for help already given closes a case."""
    feats = st.feats
    toks = st.toks
    question = st.question
    scores = st.scores
    boost = st.boost
    opens_thanks = toks[:2] == ("terima", "kasih") or (bool(toks) and toks[0] in ("maturnuwun", "suwun"))
    done = any(t in ("sudah", "telah") for t in toks[:12]) or feats.has("past")
    if opens_thanks and done and not question and not feats.has("urgent") and not feats.has("ongoing"):
        top_other = max(scores[c] for c in lx.CATEGORIES if c != "lainnya")
        boost("lainnya", max(4.0, top_other - scores["lainnya"] + 1.0), "kategori: ucapan terima kasih → lainnya")


def praise(st: CatState) -> None:
    """Praise with no question and no incident in progress is for public relations."""
    feats = st.feats
    question = st.question
    boost = st.boost
    praise = feats.cues.get("praise_strong", [])
    alarm = any(h.key in ("tolong", "darurat", "sos", "emo_sos", "segera") for h in feats.cues.get("urgent", []))
    if praise and not question and not alarm and not feats.has("ongoing"):
        thanks = 2.0 if any(h.key == "terima kasih" for h in feats.cues.get("praise", [])) else 0.0
        boost("lainnya", 5.0 * len(praise) + thanks, f"kategori: '{praise[0].surface}' (apresiasi) → lainnya")


def resolved(st: CatState) -> None:
    """Resolved updates and apologies."""
    feats = st.feats
    toks = st.toks
    scores = st.scores
    boost = st.boost
    if feats.has("resolved") and (feats.has("praise") or "maaf" in toks) and scores["orang_hilang"] < 3:
        boost("lainnya", 6.0, "kategori: kabar penyelesaian/terima kasih → lainnya")


def accident_frame(st: CatState) -> None:
    """A collision or overturn of a vehicle or road user is an accident; a near miss a hazard."""
    feats = st.feats
    toks = st.toks
    scores = st.scores
    boost = st.boost
    moving = "collide" in feats.fams or "overturn" in feats.fams
    acc: str | None = None
    if not (feats.has("recurring") and not feats.has("injury")):
        acc = accident_event(toks, feats.fams) if moving else None
        if acc is not None:
            setting = max(scores[c] for c in _SETTING_CATS)
            # the frame is named as a reason only when it is what decides the category
            decides = scores["kecelakaan"] <= max(scores[c] for c in lx.CATEGORIES if c != "kecelakaan")
            boost(
                "kecelakaan",
                max(1.5, setting - scores["kecelakaan"] + 1.0),
                f"kategori: '{acc}' (kendaraan/pengguna jalan) → kecelakaan" if decides else "",
            )
    miss = near_miss_of(toks, feats.fams) if moving and acc is None else None
    if miss is not None and any(is_vehicle(t) for t in toks):
        # a collision only just avoided (once or often) is a traffic hazard
        boost("lalu_lintas", 2.0, f"kategori: '{miss}' (nyaris celaka di jalan) → lalu_lintas")


# the category rules, in the order they run (a later rule sees the scores the earlier ones left)
RULES: tuple[Callable[[CatState], None], ...] = (
    lost_what,
    contact_lost,
    lost_pet,
    person_taken,
    officer_conduct,
    officer_as_actor,
    report_neglected,
    damage_to_things,
    wielded_weapon,
    vehicle_mishap,
    embezzlement,
    drunk_driver,
    accident_victims,
    stranger_attacker,
    woman_forced,
    crime_level,
    break_in,
    child_shut_in,
    person_absent,
    found_alone,
    stranger_watching,
    household,
    child_neglect,
    road_rage,
    violence_at_home,
    sexual_ppa,
    robbery,
    group_fight,
    mob_justice,
    mental_raging,
    rules_question,
    service_question,
    procedural_question,
    service_override,
    thanks_closing,
    praise,
    resolved,
    accident_frame,
)


def categorise(feats: Features, toks: tuple[str, ...], question: bool) -> tuple[str, list[str], float]:
    """The category of a report, up to three reasons, and the winner's lead over the runner-up.

    The lead is 0 when the rules fall back to ``lainnya`` for want of evidence.
    """
    st = CatState(feats, toks, question)
    for rule in RULES:
        rule(st)
    scores, extra, best_cue = st.scores, st.extra, st.best_cue
    top = max(lx.CATEGORIES, key=scores.__getitem__)  # the first of equal scores wins, as in CATEGORIES order
    margin = scores[top] - max(scores[c] for c in lx.CATEGORIES if c != top)
    if top == "lainnya" or scores[top] < 1.8:
        margin = 0.0 if top != "lainnya" else margin
        cues = sorted(best_cue["lainnya"], reverse=True)
        why = extra.get("lainnya") or (
            f"kategori: '{cues[0][1]}' → lainnya" if cues else "kategori: tidak ada kata kunci → lainnya"
        )
        return "lainnya", [why], margin
    reasons: list[str] = []
    if top in extra:
        reasons.append(extra[top])
    for _w, surf in sorted(best_cue[top], reverse=True)[:2]:
        r = f"kategori: '{surf}' → {top}"
        if r not in reasons:
            reasons.append(r)
    if not reasons:
        reasons.append(f"kategori: skor → {top}")
    return top, reasons[:3], margin
