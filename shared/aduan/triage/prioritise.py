"""Priority rules: gather the evidence of danger and time once, then climb the category's ladder.

``prioritise`` builds an ``Evidence`` (victims, time, urgency, weapons, vulnerable people) and asks the named
rules in order; the first that decides gives the priority and its reason.
"""

from __future__ import annotations

from collections.abc import Callable

from . import lexicon as lx
from .evidence import (
    ATTACKING,
    DATE_RE,
    SOFT_PAST,
    adult_anak,
    age_of,
    body_injuries,
    hits_of,
    intruder_inside,
    near_miss_of,
    same_clause,
    trapped_person,
    unsaid,
    wielded_weapons,
)
from .normalize import BOUNDARY
from .scan import Features, Hit, lemma

AMBIGUOUS_WEAPON = lx.WORDS["ambiguous_weapon"]
CONDITIONAL = lx.WORDS["conditional"]
LL_MOVING = lx.WORDS["ll_moving"]
REQUEST_VERBS = lx.WORDS["request_verbs"]
_STRONG_ONGOING = lx.WORDS["strong_ongoing"]
_WOUND_VERBS = lx.WORDS["wound_verbs"]
_DISCLOSE = lx.WORDS["disclose"]
_INTENT = lx.WORDS["intent"]
_BRUISE = lx.WORDS["bruise"]
OBJECT_PARTS = lx.WORDS["object_parts"]
_HELP_WORDS = lx.WORDS["help_words"]
_DEVICE_WORDS = lx.WORDS["device_words"]
_WORRIERS = lx.WORDS["worriers"]
_RECENT_PAST = lx.WORDS["recent_past"]
_LAST_NIGHT = lx.WORDS["last_night"]
_PLEA = lx.WORDS["plea"]
_CRY = lx.WORDS["cry"]
_NOT_A_CRY = lx.WORDS["not_a_cry"]

_OBJECT_HURT: frozenset[str] = frozenset({"patah", "patah tulang", "retak", "bengkok", "remuk", "hancur"})
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


def _victims(cat: str, feats: Features, toks: tuple[str, ...]) -> tuple[Hit | None, Hit | None, Hit | None, Hit | None]:
    """Who is hurt: (no-victim cue, strong injury, weak injury, severe injury), negation and hedges applied."""
    cue = feats.first
    novictim = cue("novictim") or cue("minor")
    neg_inj = feats.neg_cues.get("injury", [])
    # "belum ada ambulans" says help has not come, not that nobody is hurt
    neg_inj = [h for h in neg_inj if h.key not in _HELP_WORDS]
    if novictim is None and neg_inj:
        novictim = neg_inj[0]
    inj_strong: Hit | None = None
    inj_weak: Hit | None = None
    for h in [*feats.cues.get("injury", []), *body_injuries(toks)]:
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
        if h.key in _OBJECT_HURT and (prev in OBJECT_PARTS or (h.start > 1 and toks[h.start - 2] in OBJECT_PARTS)):
            continue  # "spion patah", "dahan pohon patah": damage to a thing
        if h.key == "korban" and not (
            nxt in _VICTIM_NEXT or prev in ("ada", "banyak", "beberapa", "para") or prev.isdigit()
        ):
            continue
        if novictim is not None and same_clause(toks, h, novictim):
            continue
        if h.key in _WEAK_INJURY:
            inj_weak = inj_weak or h
        else:
            inj_strong = inj_strong or h
    severe = next((h for h in feats.cues.get("severe", []) if not h.hedged), None)
    if novictim is not None:
        inj_weak = None
    return novictim, inj_strong, inj_weak, severe


def _now_cues(feats: Features, toks: tuple[str, ...]) -> tuple[Hit | None, Hit | None]:
    """The words that say the incident is going on: (strong, weak); "lagi" alone before a pause is weak."""
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
    return strong_now, weak_now


def _past_anchor(feats: Features, toks: tuple[str, ...]) -> Hit | None:
    """The word that places the incident in the past, if any ("kemarin", "minggu lalu", "baru sadar ...")."""
    # "baru sadar", "ketahuan" say when it was noticed; with a fresh time word the incident is fresh
    past_hits = feats.cues.get("past", [])
    past = next((h for h in past_hits if h.key not in SOFT_PAST), None)
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
    return past


def _timing(
    feats: Features, toks: tuple[str, ...], text: str, weapon: Hit | None, urgent_hits: list[Hit]
) -> tuple[str, Hit | None, Hit | None, Hit | None, Hit | None, Hit | None]:
    """When it happened: (timing, the "now" cue, strong now, weak now, fresh, past); timing is now, past,
    fresh or none."""
    cue = feats.first
    strong_now, weak_now = _now_cues(feats, toks)
    fresh = cue("fresh")
    past = _past_anchor(feats, toks)
    # "sekarang mau tanya/lapor", "saiki butuh surat": the present is about the reporter, not the incident
    if strong_now and strong_now.key == "sekarang" and strong_now.end < len(toks) and toks[strong_now.end] in _INTENT:
        strong_now = next(
            (h for h in feats.cues.get("ongoing", []) if h.key in _STRONG_ONGOING and h is not strong_now), None
        )
    anchor = next((h for h in feats.cues.get("past", []) if h.key not in SOFT_PAST), None)
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
        dated = DATE_RE.search(text.lower())
        if dated:
            # a calendar date ("pada 14 November") places the incident in the past
            past = Hit(dated.group(0), dated.group(0), 0, 0, (), False, False)
    if not (strong_now or past or fresh or weak_now or feats.has("present")):
        # "mengaku", "cerita": told afterwards, unless the offender is still at the scene
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
    return timing, now, strong_now, weak_now, fresh, past


def _vulnerable(feats: Features, toks: tuple[str, ...], text: str) -> tuple[Hit | None, int | None]:
    """A child, an elderly or a frail person in the report, and the age it gives."""
    vulnerable = next(
        (
            h
            for h in feats.cues.get("vulnerable", [])
            if not (h.key == "tua" and h.start > 0 and toks[h.start - 1] == "orang")  # "orang tua" = parents
            and not adult_anak(h, toks)
            # "orang tuanya bingung", "kami bingung": the family's worry, not a confused missing person
            and not (h.key == "bingung" and any(t in _WORRIERS for t in toks[max(0, h.start - 2) : h.start]))
        ),
        None,
    )
    age = age_of(text)
    if age is not None:
        if age < 18 or age >= 65:
            vulnerable = vulnerable or Hit(str(age), f"{age} tahun", 0, 0, (), False, False)
        elif vulnerable and vulnerable.key in ("anak", "anaknya", "anak saya", "tua", "cucu"):
            vulnerable = None
    return vulnerable, age


Decision = tuple[str, str] | None  # (priority, reason), or None when a rule does not decide


def why(h: Hit | None, label: str) -> str:
    """A priority reason naming the cue that gave it."""
    return f"prioritas: '{h.surface}' ({label})" if h else f"prioritas: {label}"


class Evidence:
    """What the priority rules know about one report: victims, time, urgency, weapons, vulnerable people."""

    __slots__ = (
        "age",
        "cat",
        "exclaim",
        "feats",
        "fresh",
        "hurt",
        "inj_strong",
        "inj_weak",
        "is_question",
        "novictim",
        "now",
        "past",
        "reassure",
        "recurring",
        "severe",
        "shouting",
        "strong_now",
        "text",
        "time_reason",
        "timing",
        "toks",
        "urgency",
        "urgent_hits",
        "vulnerable",
        "weak_now",
        "weapon",
    )

    def __init__(
        self, cat: str, feats: Features, toks: tuple[str, ...], text: str, exclaim: int, shouting: bool
    ) -> None:
        self.cat, self.feats, self.toks, self.text, self.exclaim, self.shouting = (
            cat,
            feats,
            toks,
            text,
            exclaim,
            shouting,
        )
        cue = feats.first
        self.novictim, self.inj_strong, self.inj_weak, self.severe = _victims(cat, feats, toks)
        self.reassure = cue("reassure") or cue("recovered")
        self.recurring = cue("recurring")
        self.weapon = next(iter(wielded_weapons(feats, toks)), None)
        # "tolong dicek/ditindak" asks for follow-up; it is not a cry for help
        self.urgent_hits = [
            h
            for h in feats.cues.get("urgent", [])
            if not (h.key in ("tolong", "mohon") and h.end < len(toks) and toks[h.end] in REQUEST_VERBS)
        ]
        self.timing, self.now, self.strong_now, self.weak_now, self.fresh, self.past = _timing(
            feats, toks, text, self.weapon, self.urgent_hits
        )
        self.urgency = len(self.urgent_hits) + (1 if exclaim else 0) + (1 if shouting else 0)
        self.vulnerable, self.age = _vulnerable(feats, toks, text)
        self.is_question = "?" in text and feats.has("question")
        self.time_reason = {
            "past": why(self.past, "kejadian lampau"),
            "now": why(self.now, "sedang berlangsung"),
            "fresh": why(self.fresh, "baru terjadi"),
            "none": "",
        }[self.timing]
        self.hurt = _trapped(self)

    def cue(self, name: str) -> Hit | None:
        """The first un-negated hit of cue ``name``."""
        return self.feats.first(name)

    def res(self, p: str, reason: str = "") -> tuple[str, str]:
        """A decision; with no reason given, the category's default."""
        return p, reason or f"prioritas: dasar kategori {self.cat} → {p}"


def _trapped(ev: Evidence) -> Hit | None:
    """The strong injury, or a person trapped or pinned (a crash, a fire, a collapse): cannot get out alone."""
    cat, feats, toks, reassure, past = ev.cat, ev.feats, ev.toks, ev.reassure, ev.past
    cue = ev.cue
    inj_strong = ev.inj_strong
    trapped = cue("trapped")
    if trapped and cat in ("kecelakaan", "kebakaran_bencana") and not (reassure or past):
        inj_strong = inj_strong or trapped
    pinned = trapped_person(toks, feats) if not (reassure or past or inj_strong) and "trapped" in feats.fams else None
    if pinned is not None:
        inj_strong = Hit(pinned, pinned, 0, 0, (), False, False)
    return inj_strong


def frail_in_distress(ev: Evidence) -> Decision:
    """A child or frail person shut in, or suffering cold, heat, hunger or breathlessness now, is in danger."""
    frail = next((h for h in ev.feats.cues.get("child", []) if not adult_anak(h, ev.toks)), None) or ev.vulnerable
    if frail is not None and ev.cat not in ("layanan_polisi", "lainnya") and ev.timing != "past" and not ev.reassure:
        suffering = [
            ev.toks[k]
            for k, f in enumerate(ev.feats.fams)
            if f in ("distress", "confined") and abs(k - frail.start) <= 12 and not unsaid(ev.toks, k)
        ]
        if suffering and not (ev.is_question and ev.cue("procedural")):
            return ev.res(
                "darurat", f"prioritas: '{frail.surface}' + '{suffering[0]}' (anak/orang rentan dalam bahaya)"
            )
    return None


SHORT_CRY_REASON = "pesan singkat minta tolong: hubungi balik"
SHORT_CRY_WORDS = 4  # at most this many words (clause marks aside)


def short_cry_for_help(ev: Evidence) -> Decision:
    """A message of a few words that is a cry for help ("tolong!!", "maling!!", "tulung sam") is darurat.

    A plea counts at up to four words; a crime or danger word ("maling", "kebakaran") alone or with one more
    word, or with exclamation marks or in capitals.

    Nothing in it says it is not an emergency, and a duty officer calling back costs little; a missed
    emergency costs a life.  Not a cry: a question, a request to check something ("tolong dicek"), thanks,
    a greeting, or anything over or told in the past.
    """
    words = [t for t in ev.toks if t != BOUNDARY]
    if not words or len(words) > SHORT_CRY_WORDS or ev.is_question or "?" in ev.text:
        return None
    if any(t in _NOT_A_CRY for t in words) or ev.reassure or ev.past or ev.cue("resolved") or ev.cue("greeting"):
        return None
    plea = next((h for h in ev.urgent_hits if h.key in _PLEA), None)
    cry = next((t for t in words if t in _CRY or lemma(t) in _CRY), None)
    loud = ev.exclaim > 0 or ev.shouting or "!" in ev.text
    if plea is None and not (cry and (loud or len(words) <= 2)):
        return None
    return "darurat", SHORT_CRY_REASON


def split_evidence(ev: Evidence) -> Hit | None:
    """A darurat cue that a ``tinggi`` rung left aside: a weapon out while the incident goes on, or someone
    hurt in an incident going on or just over.  Evidence for darurat and tinggi is then split, and a missed
    emergency costs far more than a false alarm, so the priority goes up."""
    if ev.timing == "past" or ev.reassure or ev.cue("resolved") or ev.recurring:
        return None
    if ev.weapon is not None and ev.weapon.key not in AMBIGUOUS_WEAPON and ev.timing == "now":
        return ev.weapon
    if ev.inj_weak is not None and ev.novictim is None and ev.timing in ("now", "fresh"):
        return ev.inj_weak
    return None


def procedural_question(ev: Evidence) -> Decision:
    """A question about procedure with nothing going on is answered, not dispatched."""
    proc = ev.cue("procedural") if ev.is_question else None
    if proc and ev.timing in ("none", "past") and not ev.strong_now:
        if ev.cat in ("pencurian", "narkoba", "penipuan", "lalu_lintas", "gangguan_kamtibmas"):
            return ev.res("rendah", why(proc, "pertanyaan prosedur"))
        if ev.cat in ("kdrt_ppa", "kekerasan"):
            return ev.res("sedang", why(proc, "konsultasi/pertanyaan prosedur"))
    return None


def ladder_layanan_polisi(ev: Evidence) -> Decision:
    """Questions about services: rendah, unless something needs following up."""
    need = ev.cue("action")
    if ev.is_question and ev.toks and ev.toks[0] in CONDITIONAL:
        need = None  # "kalau ... hilang, harus ...?": a general question, nothing lost yet
    if need:
        return ev.res("sedang", why(need, "perlu tindak lanjut"))
    return ev.res("rendah", "prioritas: pertanyaan layanan → rendah")


def ladder_lainnya(ev: Evidence) -> Decision:
    """Not police business: rendah, or sedang when it must be redirected; darurat if someone is hurt."""
    if ev.inj_strong and ev.timing != "past":
        return ev.res("darurat", why(ev.inj_strong, "ada korban/orang dalam bahaya"))
    calm = ev.cue("resolved") or ev.cue("praise") or ev.cue("greeting")
    if calm:
        return ev.res("rendah", why(calm, "ucapan/kabar selesai"))
    if (ev.feats.has("complaint") or ev.feats.has("pet")) and len([t for t in ev.toks if t != BOUNDARY]) >= 4:
        return ev.res("sedang", "prioritas: keluhan di luar tugas polisi, perlu diteruskan → sedang")
    return ev.res("rendah", "prioritas: pertanyaan/pesan umum → rendah")


def ladder_pengaduan_petugas(ev: Evidence) -> Decision:
    """Officer misconduct: darurat while an officer's violence goes on."""
    violent = next(
        (
            h
            for h in ev.feats.cues.get("misconduct", [])
            if h.key in ("pukul", "mukul", "aniaya", "tampar", "tendang", "pentungan")
        ),
        None,
    )
    if (violent or ev.inj_strong) and ev.timing == "now":
        return ev.res("darurat", why(violent or ev.inj_strong, "kekerasan oleh petugas sedang berlangsung"))
    if ev.strong_now or (violent and ev.timing == "fresh"):
        return ev.res("tinggi", ev.time_reason)
    menace = ev.weapon or next(
        (h for h in ev.feats.cues.get("active", []) if h.key in ("mabuk", "ngamuk", "mengamuk", "amuk")), None
    )
    if menace and ev.timing != "past":
        return ev.res("tinggi", why(menace, "petugas bersenjata/mabuk, warga terancam"))
    return ev.res("sedang", "")


def ladder_penipuan(ev: Evidence) -> Decision:
    """Fraud: tinggi while the money can still be stopped, else sedang."""
    loss = ev.cue("loss")
    failed = ev.cue("failed")
    # repaying a loan ("sudah bayar") is not money that can still be stopped on its way to a scammer
    loss = next((h for h in ev.feats.cues.get("loss", []) if h.key not in ("bayar", "sudah bayar")), None)
    # the victim is still on the line or in the chat: money can still be stopped
    if loss and not failed and ev.timing in ("fresh", "now"):
        return ev.res("tinggi", why(ev.now or ev.fresh, "penipuan sedang berjalan, dana masih bisa dilacak"))
    present = ev.cue("present")
    # "sekarang" in a fraud report mostly tells the victim's state ("sekarang nomornya tidak aktif")
    if not failed and ev.timing != "past" and (present or (ev.strong_now and ev.strong_now.key != "sekarang")):
        return ev.res("tinggi", why(present or ev.strong_now, "penipu masih di tempat/masih berjalan"))
    return ev.res("sedang", "")


def ladder_kecelakaan(ev: Evidence) -> Decision:
    """Accidents: darurat with victims, tinggi without, sedang when over."""
    if ev.timing == "past":
        return ev.res("sedang", ev.time_reason)
    if ev.hurt:
        return ev.res("darurat", why(ev.hurt, "ada korban luka"))
    fled = ev.cue("fled")
    if ev.novictim or ev.reassure:
        if fled:
            return ev.res("tinggi", why(fled, "pelaku kabur"))
        return ev.res("sedang", why(ev.novictim or ev.reassure, "tidak ada korban"))
    if ev.inj_weak:
        return ev.res("darurat", why(ev.inj_weak, "ada korban"))
    return ev.res("tinggi", "")


def ladder_kebakaran_bencana(ev: Evidence) -> Decision:  # noqa: PLR0911, PLR0912 -- one return per rung
    """Fires and disasters: a fire, a live hazard or people in danger are darurat."""
    fire = ev.cue("fire")
    active = ev.cue("fire_active")
    if ev.reassure and not active:
        return ev.res("sedang", why(ev.reassure, "sudah tertangani"))
    if ev.past and not active and not ev.strong_now:
        return ev.res("sedang", ev.time_reason)
    if ev.past and not active and not (ev.hurt or fire):
        return ev.res("sedang", ev.time_reason)
    if ev.hurt or ev.inj_weak:
        return ev.res("darurat", why(ev.hurt or ev.inj_weak, "ada korban/orang dalam bahaya"))
    unattended = next(
        (
            t
            for k, t in enumerate(ev.toks)
            if ev.feats.fams[k] == "confined" or t in ("kosong", "pergi", "ditinggal", "tinggal")
        ),
        None,
    )
    if ev.feats.has("gas") and not fire and unattended and not ev.novictim:
        # nobody there to shut the valve or air the room: the leak will not stop by itself
        return ev.res("darurat", why(ev.cue("gas"), f"kebocoran gas, '{unattended}' (tidak ada yang menangani)"))
    if ev.feats.has("gas") and not fire:
        return ev.res("tinggi", why(ev.cue("gas"), "kebocoran gas"))
    if fire:
        return ev.res("darurat", why(fire, "kebakaran"))
    hazard = ev.cue("hazard") or ev.cue("water_high")
    if ev.novictim and hazard and not ev.cue("water_high"):
        # nobody hurt: a live wire or running water is still a danger, settled debris is not
        live_wire = any(w in hazard.key for w in ("listrik", "kabel", "arus", "air", "petir"))
        return ev.res("tinggi" if live_wire else "sedang", why(ev.novictim, "tidak ada korban"))
    if hazard:
        return ev.res("darurat", why(hazard, "bahaya bagi jiwa"))
    if ev.cue("flood"):
        return ev.res("tinggi", why(ev.cue("flood"), "banjir/longsor"))
    live = next((t for t in ev.toks if t in ("listrik", "tertutup", "melintang", "menutup", "nutup")), None)
    fell = any(lemma(t) in ("tumbang", "roboh", "putus", "timpa", "runtuh") for t in ev.toks)
    if live and fell and not ev.past:
        # a fallen tree on a live wire or across the road is still a danger with no one hurt yet
        return ev.res("tinggi", f"prioritas: '{live}' (bahaya masih ada)")
    if ev.novictim:
        return ev.res("sedang", why(ev.novictim, "tidak ada korban"))
    if ev.urgency >= 2 and (ev.strong_now or ev.fresh):
        return ev.res("darurat", why(ev.urgent_hits[0] if ev.urgent_hits else ev.strong_now, "mendesak"))
    return ev.res("sedang", ev.time_reason)


def _violence_just_happened(ev: Evidence) -> tuple[str, str]:
    """Violence that just happened: darurat with a serious wound, else tinggi (the attacker is near)."""
    if ev.severe:
        return ev.res("darurat", why(ev.severe, "luka berat"))
    stab = next((h for h in ev.feats.cues.get("weapon", []) if h.key in _WOUND_VERBS), None)
    if stab and not ev.reassure and not ev.novictim:
        return ev.res("darurat", why(stab, "korban tusuk/bacok/tembak baru saja"))
    if ev.hurt and ev.hurt.key not in _BRUISE and not ev.reassure and not ev.novictim:
        return ev.res("darurat", why(ev.hurt, "korban luka"))
    return ev.res("tinggi", ev.time_reason)


def _violence_after_the_fact(ev: Evidence) -> tuple[str, str]:
    """Violence told after the fact: tinggi while the attacker is still near or the abuser shares the home."""
    if ev.severe:
        return ev.res("tinggi", why(ev.severe, "luka berat, kejadian lampau"))
    # the attacker is still near the victim, or threatens to come back: the danger is not over
    near = next(
        (
            t
            for k, t in enumerate(ev.toks)
            if t in ("pelaku", "pelakunya", "terduga") and "masih" in ev.toks[k + 1 : k + 4]
        ),
        None,
    )
    threat = next(
        (
            h
            for h in hits_of(ev.feats, "kekerasan")
            if h.key in ("ancam", "mengancam", "ancaman")
            and ev.past is not None
            and BOUNDARY in ev.toks[ev.past.start : h.start]
            and not ev.cue("remote")
        ),
        None,
    )
    recent = ev.past is not None and ev.past.key in _RECENT_PAST
    # the victim's wounds being treated does not make an attacker who is still around less dangerous
    if recent and (near or threat) and not ev.cue("resolved") and (near or not ev.reassure):
        reason = f"prioritas: '{near}' masih di dekat korban" if near else why(threat, "pelaku mengancam lagi")
        return ev.res("tinggi", reason)
    # domestic abuse: the abuser shares the home, so last night's injury means the danger goes on
    housemate = ev.cat == "kdrt_ppa" and ev.feats.has("family") and not ev.feats.has("ex_partner")
    hurt = ev.hurt or next(iter(body_injuries(ev.toks)), None)
    if recent and housemate and hurt and not (ev.reassure or ev.cue("resolved")):
        return ev.res("tinggi", why(hurt, "KDRT semalam, korban masih serumah dengan pelaku"))
    return ev.res("sedang", ev.time_reason)


def ladder_kekerasan(ev: Evidence) -> Decision:  # noqa: PLR0911, PLR0912 -- one return per rung
    """Violence and crimes against women and children."""
    abduct = ev.cue("abduct")
    if abduct and not (ev.cue("resolved") or ev.reassure):
        return ev.res("darurat", why(abduct, "penculikan/penyekapan, korban dalam bahaya"))
    neglect = next((h for h in ev.feats.cues.get("neglect", []) if not h.negated), None)
    young = ev.feats.has("child") or ev.feats.has("vulnerable") or (ev.age is not None and ev.age < 18)
    if ev.cat == "kdrt_ppa" and neglect and young and not (ev.cue("resolved") or ev.reassure):
        return ev.res("darurat", why(neglect, "anak ditelantarkan, masih sendirian/kelaparan"))
    if ev.recurring and not ev.strong_now:
        return ev.res("sedang", why(ev.recurring, "berulang, bukan sedang terjadi"))
    if ev.timing == "past":
        return _violence_after_the_fact(ev)
    if ev.reassure and not ev.severe:
        return ev.res("tinggi", why(ev.reassure, "sudah aman"))
    if ev.timing == "fresh":
        return _violence_just_happened(ev)
    if ev.timing == "now":
        if ev.cue("fled") and not ev.hurt and not ev.weapon:
            return ev.res("tinggi", why(ev.cue("fled"), "pelaku sudah pergi"))
        return ev.res("darurat", ev.time_reason)
    if ev.hurt:
        return ev.res("darurat", why(ev.hurt, "ada korban luka"))
    if ev.weapon:
        return ev.res("darurat", why(ev.weapon, "senjata"))
    if ev.urgent_hits or ev.exclaim:
        return ev.res("darurat", why(ev.urgent_hits[0] if ev.urgent_hits else None, "minta tolong"))
    if ev.cat == "kekerasan" and ev.feats.has("group") and ev.feats.violent:
        return ev.res("darurat", why(ev.cue("group"), "perkelahian massal"))
    minor = ev.feats.has("child") or (ev.age is not None and ev.age < 18)
    if ev.cat == "kdrt_ppa" and ev.cue("imminent") and minor:
        return ev.res("tinggi", why(ev.cue("imminent"), "anak akan ditemui/dijemput pelaku"))
    if ev.cue("remote") and not ev.hurt and not ev.strong_now:
        return ev.res("sedang", why(ev.cue("remote"), "ancaman lewat pesan/telepon"))
    if ev.cat == "kdrt_ppa" and minor and ev.feats.has("sexual") and not ev.cue("ex_partner"):
        # a child abused or exploited by someone who still has access to them: the danger goes on
        return ev.res("tinggi", why(ev.cue("sexual"), "anak korban pelecehan/eksploitasi, pelaku masih bisa mendekat"))
    if not ev.feats.violent:
        # exploitation, grooming or abuse disclosed afterwards, with no violence going on
        return ev.res("sedang", "prioritas: eksploitasi/pelecehan tanpa kekerasan yang sedang terjadi → sedang")
    return ev.res("tinggi", "")


def _theft_after_the_fact(ev: Evidence) -> tuple[str, str]:
    """A theft told after the fact: tinggi when someone was badly hurt, or when it happened last night and
    was found out this morning (the trail is still fresh); else sedang."""
    if ev.severe:
        return ev.res("tinggi", why(ev.severe, "korban luka berat, kejadian lampau"))
    if ev.past is not None and ev.past.key in _LAST_NIGHT and not (ev.reassure or ev.recurring):
        return ev.res("tinggi", why(ev.past, "semalam, jejak masih segar"))
    return ev.res("sedang", ev.time_reason)


def ladder_pencurian(ev: Evidence) -> Decision:  # noqa: PLR0911 -- one return per rung
    """Theft: darurat when the thief confronts someone, tinggi while the trail is fresh."""
    robbery = ev.cue("robbery")
    if ev.timing == "past":
        return _theft_after_the_fact(ev)
    if ev.hurt:
        return ev.res("darurat", why(ev.hurt, "ada korban luka"))
    caught = ev.cue("caught")
    held = next((t for t in ev.toks if t in ("disekap", "disandera", "diikat", "dikunci", "dikurung")), None)
    if held and robbery and not caught and ev.timing != "past":
        return ev.res("darurat", f"prioritas: '{held}' (korban disekap/diikat perampok)")
    if caught:
        return ev.res("tinggi", why(caught, "pelaku ditahan warga, perlu dijemput"))
    if ev.reassure:
        return ev.res("sedang", why(ev.reassure, "sudah tertangani"))
    if ev.timing == "now":
        # a theft in progress endangers life only when the thief confronts someone (robbery, ev.weapon);
        # a sneak thief or a break-in into an empty house is urgent (tinggi) but not darurat, unless the
        # intruder is still inside ("masih di dalam"), where anyone coming home meets them
        if robbery or ev.weapon or intruder_inside(ev.toks):
            return ev.res("darurat", why(robbery or ev.weapon or ev.now, "kejahatan sedang berlangsung"))
        return ev.res("tinggi", ev.time_reason)
    if ev.timing == "fresh" or (ev.timing == "none" and robbery and ev.cue("fled")):
        return ev.res("tinggi", ev.time_reason or why(ev.cue("fled"), "pelaku baru kabur"))
    if ev.cue("present"):
        return ev.res("tinggi", why(ev.cue("present"), "pelaku masih di sekitar"))
    if ev.weapon and (robbery or ev.urgency):
        return ev.res("darurat", why(ev.weapon, "senjata"))
    if robbery and ev.urgency >= 1:
        return ev.res("tinggi", why(robbery, "perampasan"))
    return ev.res("sedang", "")


def ladder_narkoba(ev: Evidence) -> Decision:
    """Drugs: tinggi while dealing goes on, darurat with someone ill."""
    if ev.hurt and ev.timing != "past":
        return ev.res("darurat", why(ev.hurt, "ada korban"))
    found = next((t for t in ev.toks if t in ("menemukan", "ditemukan", "nemu", "ketemu")), None)
    if found and not ev.strong_now:
        return ev.res("sedang", f"prioritas: '{found}' (barang temuan, tidak ada pelaku di tempat)")
    if ev.timing in ("now", "fresh") and not ev.recurring:
        return ev.res("tinggi", ev.time_reason)
    if ev.strong_now:
        return ev.res("tinggi", ev.time_reason)
    return ev.res("sedang", ev.time_reason)


def ladder_gangguan_kamtibmas(ev: Evidence) -> Decision:  # noqa: PLR0911 -- one return per rung
    """Public order: darurat with a weapon or someone hurt, tinggi while going on."""
    if ev.hurt and ev.timing != "past":
        return ev.res("darurat", why(ev.hurt, "ada korban"))
    if ev.weapon and ev.weapon.key not in AMBIGUOUS_WEAPON and ev.timing != "past":
        return ev.res("darurat", why(ev.weapon, "senjata"))
    raging = next((t for t in ev.toks if t in ATTACKING or lemma(t) in ATTACKING), None)
    if ev.weapon and raging and ev.timing != "past" and not (ev.reassure or ev.cue("resolved")):
        # stones or sticks thrown at people or traffic by someone raging: danger to passers-by now
        return ev.res("darurat", f"prioritas: '{raging}' + '{ev.weapon.surface}' (membahayakan orang sekitar)")
    if ev.timing == "past" or ev.reassure or ev.cue("resolved"):
        return ev.res("sedang", ev.time_reason or why(ev.reassure or ev.cue("resolved"), "sudah tertangani"))
    if ev.strong_now or ev.timing == "fresh":
        return ev.res("tinggi", ev.time_reason)
    if ev.cue("present"):
        return ev.res("tinggi", why(ev.cue("present"), "pelaku masih di tempat"))
    if ev.recurring:
        return ev.res("sedang", why(ev.recurring, "gangguan berulang"))
    if ev.timing == "now":
        return ev.res("tinggi", ev.time_reason)
    active = ev.cue("active")
    if active:
        return ev.res("tinggi", why(active, "gangguan sedang terjadi"))
    return ev.res("sedang", "")


def ladder_orang_hilang(ev: Evidence) -> Decision:
    """Missing people: darurat for a child or a vulnerable person."""
    if ev.cue("recovered") or ev.cue("resolved"):
        return ev.res("rendah", why(ev.cue("recovered") or ev.cue("resolved"), "sudah ditemukan"))
    if ev.vulnerable:
        return ev.res("darurat", why(ev.vulnerable, "anak/lansia/orang rentan"))
    if ev.hurt:
        return ev.res("darurat", why(ev.hurt, "dalam bahaya"))
    return ev.res("sedang", "prioritas: orang dewasa hilang → sedang")


def ladder_lalu_lintas(ev: Evidence) -> Decision:
    """Traffic: tinggi while a danger is on the road."""
    if ev.hurt and ev.timing != "past":
        return ev.res("darurat", why(ev.hurt, "ada korban"))
    dangers = ev.feats.cues.get("ll_danger", [])
    # a blockage stays until cleared; a reckless driver has moved on unless the report says it is now
    danger = next((h for h in dangers if h.key not in LL_MOVING), None)
    if danger is None and ev.strong_now:
        danger = dangers[0] if dangers else None
    near_miss = near_miss_of(ev.toks, ev.feats.fams)
    if near_miss and not ev.recurring and ev.timing in ("now", "fresh"):
        # a collision only just avoided: whatever caused it is still on the road
        return ev.res("tinggi", f"prioritas: '{near_miss}' (nyaris celaka, bahaya masih ada)")
    if danger and not ev.recurring and ev.timing in ("now", "none", "fresh"):
        return ev.res("tinggi", why(danger, "bahaya di jalan sekarang"))
    return ev.res("sedang", "")


# rules that can decide before the category's own ladder, in order
GENERAL: tuple[Callable[[Evidence], Decision], ...] = (short_cry_for_help, frail_in_distress, procedural_question)
# category -> its priority ladder (the first rung that fits decides)
LADDERS: dict[str, Callable[[Evidence], Decision]] = {
    "layanan_polisi": ladder_layanan_polisi,
    "lainnya": ladder_lainnya,
    "pengaduan_petugas": ladder_pengaduan_petugas,
    "penipuan": ladder_penipuan,
    "kecelakaan": ladder_kecelakaan,
    "kebakaran_bencana": ladder_kebakaran_bencana,
    "kekerasan": ladder_kekerasan,
    "pencurian": ladder_pencurian,
    "narkoba": ladder_narkoba,
    "gangguan_kamtibmas": ladder_gangguan_kamtibmas,
    "orang_hilang": ladder_orang_hilang,
    "lalu_lintas": ladder_lalu_lintas,
    "kdrt_ppa": ladder_kekerasan,
}


def prioritise(
    cat: str, feats: Features, toks: tuple[str, ...], text: str, exclaim: int, shouting: bool
) -> tuple[str, str]:
    """The priority of a report in category ``cat`` and its reason."""
    ev = Evidence(cat, feats, toks, text, exclaim, shouting)
    for rule in GENERAL:
        decided = rule(ev)
        if decided is not None:
            return decided
    ladder = LADDERS.get(cat)
    decided = ladder(ev) if ladder is not None else None
    if decided is None:
        return ev.res("sedang", "")
    if decided[0] == "tinggi":
        split = split_evidence(ev)
        if split is not None:
            return "darurat", f"prioritas: '{split.surface}' (bukti darurat/tinggi terbelah → darurat)"
    return decided
