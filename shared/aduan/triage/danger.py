"""Category-independent danger assessment: the ``darurat`` safety net.

Runs after category and priority are decided.  It looks for evidence that a person's life or safety is at
risk *now* (a call for an ambulance, someone unconscious, badly hurt, trapped or drowning, a weapon used
against a person, violence going on, a child or frail person missing or held, a suicide threat, a
poisoning, people caught in a disaster) and gates it on time: the danger must be present or just
happened, not over, resolved or hypothetical.  It only ever raises a priority to ``darurat``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from .families import root_lookup
from .lexicon import words
from .normalize import BOUNDARY

# evidence class -> words: a single word is a root (every affixed form counts); a phrase is matched as is
# fmt: off
_EVIDENCE: dict[str, str] = {
    # someone asks for emergency services
    "help": """
        ambulans, ambulan, ambulance, emo_ambulans, emo_sos, damkar, basarnas, tim sar, sos,
        send help, please help, help me, need help, kirim bantuan, butuh pertolongan,
    """,
    # loss of consciousness or of life signs
    "unconscious": """
        pingsan, semaput, klenger, kejang, sekarat, koma, collapsed, unconscious, tidak sadar,
        tidak sadarkan, ora eling, tidak eling, tidak bernapas, tidak bernafas, tidak napas, tidak nafas,
        not breathing, mulut berbusa, mulutnya berbusa, keluar busa, tidak bangun, belum sadar, kritis,
        tidak bisa bangun, sulit dibangunkan, susah dibangunkan, tidak bisa dibangunkan, napas lemah, napasnya lemah,
    """,
    # serious injury to a person
    "wound": """
        berdarah, getih, getihe, bleeding, stabbing, stabbed, shooting, bacok, tusuk, tikam, sayat, celat,
        pental, lindas, luka parah,
        luka berat, luka bakar, luka tembak, ditembak, tertembak, bersimbah, patah tulang, gegar otak,
        bocor kepalanya, kepala bocor, sirahe bocor,
    """,
    # a person held fast, buried, drowning or electrocuted
    "trapped": """
        jepit, gencet, himpit, timbun, uruk, tenggelam, hanyut, kelelep, klelep, setrum, tersengat listrik,
        terseret arus, keseret arus, terbawa arus, terjebak, terperangkap, terkurung, belum dievakuasi,
        belum terevakuasi, belum bisa keluar, tidak bisa keluar, drowning,
    """,
    # violence against a person (needs the danger to be going on now)
    "violence": """
        pukul, gebuk, gebuki, gebug, keroyok, tendang, pancal, hajar, cekik, jambak, tempeleng, gampar,
        tonjok, jotos, banting, aniaya, siksa, sekap, culik, sandera, bekap,
    """,
    # a weapon (needs an attack or a threat next to it)
    "weapon": """
        celurit, clurit, sajam, senjata tajam, pisau, parang, golok, pedang, samurai, keris, arit, pistol,
        senpi, senjata api, senapan, airsoft, air gun, airsoft gun, stik golf, tongkat golf, pentungan,
        gun, knife, linggis,
    """,
    # a child or frail person not where they should be, or held somewhere
    "missing": """
        belum pulang, belum sampai, belum sampe, belum balik, belum kembali, belum datang, durung bali,
        durung mulih, durung teko, ora mulih, tidak pulang, gak boleh pulang, tidak boleh pulang,
        tidak diizinkan pulang, tersesat, nyasar, hilang kontak, disuruh nemenin, dipaksa melayani,
        dipaksa kerja, dikunci di, terkunci di, ditinggal sendirian, sendirian di,
    """,
    # suicide threats
    "suicide": """
        bunuh diri, gantung diri, mau loncat, mau lompat, mau terjun, pengen mati, ingin mati, mau mati,
        loncat dari, lompat dari, terjun dari, iris nadi, potong nadi, suicide, nglalu,
    """,
    # poisoning with people ill
    "poison": """
        racun, overdosis, muntah muntah, muntah darah, habis minum, habis makan, setelah minum,
        setelah makan, usai minum, usai makan,
    """,
}
# fmt: on
_SINGLE: dict[str, str] = {}
_PHRASES: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _cls, _text in _EVIDENCE.items():
    for _w in words(_text):
        if " " in _w:
            _ws = tuple(_w.split())
            _PHRASES.setdefault(_ws[0], []).append((_ws, _cls))
        else:
            _SINGLE[_w] = _cls
for _lst in _PHRASES.values():
    _lst.sort(key=lambda p: -len(p[0]))
_CACHE: dict[str, str | None] = {}

_NEG = words("tidak, gak, ga, nggak, ndak, bukan, tanpa, ora, belum, hampir, nyaris, jangan, kalau, jika, apabila")
_UNSURE = words("tahu, jelas, pasti, tau, ngerti")
# a weapon is a danger when it is used or shown against someone, not when it is sold or carried
_ATTACK = words("""
    ancam, ngancem, acung, todong, kejar, sabet, ayun, serang, amuk, tusuk, bacok, tembak, keluar, keluarin,
    cabut, hunus, pukul, pakai, pake, tikam, bawa,
""")
_ATTACK_ROOTS: dict[str, str] = {w: "a" for w in _ATTACK}
_ATTACK_CACHE: dict[str, str | None] = {}
_SALE = words("jual, jualan, dijual, beli, toko, koleksi, hias, hiasan, dapur, promo, harga, diskon")
# the danger has not started, is over, or is someone else's question
_HYPO = words("""
    kalau, jika, apabila, seandainya, andaikan, misal, misalnya, mau tanya, ingin tanya, bagaimana cara,
    gimana cara, bagaimana prosedur, cara melapor, cara lapor, apakah bisa, bolehkah,
""")
_OVER = words("""
    sudah ketemu, sudah ditemukan, berhasil ditemukan, sudah kembali, sudah di rumah, sudah padam,
    sudah dipadamkan, api padam, sudah aman, aman kok, sudah surut, sudah dievakuasi, sudah ditolong,
    sudah diamankan, sudah ditangkap, sudah sembuh, sudah sehat, sudah membaik, sudah sadar, sudah siuman,
    tidak ada korban, tanpa korban, nihil korban, korban nihil, semua selamat, sudah dibawa, sudah dilarikan,
    sudah dirawat, sudah ditangani, sudah normal, sudah meninggal, sudah dimakamkan, alhamdulillah,
    terima kasih, makasih, matur nuwun, salah paham, sudah pulang, sudah pergi, sudah kabur, sudah bubar,
    sudah dibalut, sudah diobati, tidak apa apa, baik baik saja, masih bisa jalan, luka ringan, cuma lecet,
""")
_PAST = words("""
    kemarin, kemaren, wingi, minggu lalu, bulan lalu, tahun lalu, hari lalu, minggu kemarin, bulan kemarin,
    tempo hari, beberapa hari, dulu, waktu itu, pernah, lusa kemarin,
""")
_NOW = words("""
    sekarang, saiki, lagi, masih, sedang, barusan, tadi, baru saja, baru aja, detik ini, saat ini, skrg,
    live, belum, durung, segera, cepat, cepet, cepetan, tolong, tulung, buruan, darurat, urgent, help,
    emergency, emo_sos, emo_ambulans, takut, wedi, nangis, teriak, jerit, minta tolong, gawat, bahaya,
    hari ini, pagi ini, siang ini, sore ini, malam ini, maneh, lagi lagi, please, right now, now,
""")
_CARRIED = words("di pinggang, di pinggangnya, terselip, diselipkan, nyelip, disimpan, di tas, di jok")
_FLED = words("kabur, melarikan, sudah pergi, ngacir, minggat")
_PROGRESSIVE = words("lagi, sedang, masih, sek, terus, lg, isih, saiki, sekarang")
_STABBED = words("stabbing, stabbed, shooting, dibacok, ditusuk, ditikam, disayat, ditembak, nusuk, mbacok, nembak")
_ATTACKER = words(f"pelaku, pelakunya, orangnya, dia, trus, terus, lalu, langsung, lgsg, dan, {BOUNDARY}")
_EXPLOITED = words("nemenin, melayani, kerja, dikunci, terkunci, dipaksa")
_REPORTED = words("bilang, katanya, kata, ngomong, cerita, mengaku, ngaku, biasanya, biasane, biasa")
_DISASTER = words("""
    longsor, banjir, ambruk, roboh, runtuh, gempa, kebakaran, terbakar, api, meluap, tanggul, jebol,
    puting beliung, tumbang, reruntuhan, bangunan, air,
""")
_VEHICLE = words("""
    motor, mobil, truk, bus, kereta, angkot, sepeda, pemotor, pengendara, tabrak, tabrakan, nabrak,
    ditabrak, ketabrak, nyamber, disamber, kesamber, laka, perlintasan, pikap, pickup, ojol,
""")
_FAMILY = words("""
    ibu, bapak, ayah, orangtua, suami, istri, bojo, bojoku, anak, adik, kakak, mbak, mas, nenek, kakek,
    mbah, ipar, mertua, ponakan, keponakan, pacar, cowok, cewek, ibuk, emak, mamak, papa, mama,
""")
_OFFICER = words("polisi, polisinya, oknum, petugas, aparat, polantas, provos, anggota")
# states that say a victim is still suffering even when the event itself was earlier
_STATE = words("dirawat, kritis, masih, belum, koma, muntah, lemas, kejang")


class Danger(NamedTuple):
    """The evidence that raised a report to ``darurat`` and the category it points to, if any."""

    cls: str
    surface: str
    reason: str
    category: str | None


def _cls_of(tok: str) -> str | None:
    return root_lookup(tok, _SINGLE, _CACHE)


def _has(toks: Sequence[str], words: frozenset[str], lo: int = 0, hi: int | None = None) -> int:
    """Index of the first word or two-word phrase of ``words`` in ``toks[lo:hi]``, or -1."""
    hi = len(toks) if hi is None else hi
    for k in range(max(0, lo), min(hi, len(toks))):
        if toks[k] in words or (k + 1 < len(toks) and f"{toks[k]} {toks[k + 1]}" in words):
            return k
    return -1


def _has_phrase(toks: Sequence[str], words: frozenset[str]) -> int:
    """Index of the first phrase of ``words`` (up to three words) in ``toks``, or -1."""
    n = len(toks)
    for k in range(n):
        if toks[k] in words:
            return k
        if k + 1 < n and f"{toks[k]} {toks[k + 1]}" in words:
            return k
        if k + 2 < n and f"{toks[k]} {toks[k + 1]} {toks[k + 2]}" in words:
            return k
    return -1


def _evidence(toks: Sequence[str]) -> list[tuple[str, int, int]]:
    """Every un-negated evidence hit as (class, start, end)."""
    out: list[tuple[str, int, int]] = []
    n = len(toks)
    k = 0
    while k < n:
        t = toks[k]
        hit: tuple[str, int] | None = None
        for phrase, cls in _PHRASES.get(t, ()):
            if tuple(toks[k : k + len(phrase)]) == phrase:
                hit = (cls, len(phrase))
                break
        if hit is None and t != BOUNDARY:
            cls1 = _cls_of(t)
            if cls1 is not None:
                hit = (cls1, 1)
        if hit is None:
            k += 1
            continue
        cls, length = hit
        negated = False
        for j in range(k - 1, max(-1, k - 4), -1):
            if toks[j] == BOUNDARY or toks[j] in _UNSURE:
                break  # "belum tahu ada yang tertimbun": not knowing is not a denial
            if toks[j] in _NEG and not (toks[j] == "tidak" and cls == "missing"):
                negated = True
        if not negated:
            out.append((cls, k, k + length))
        k += length
    return out


def _near(toks: Sequence[str], k: int, span: int, test: frozenset[str], cache: dict[str, str | None]) -> bool:
    for j in range(max(0, k - span), min(len(toks), k + span + 1)):
        t = toks[j]
        if t in test or root_lookup(t, _ATTACK_ROOTS, cache):
            return True
    return False


_CALL = words("""
    kirim, panggil, butuh, perlu, tolong, cepat, cepet, segera, minta, datang, dateng, send, call, need, belum,
    please, buruan,
""")
_FEAR = words("takut, wedi, tolong, tulung, minta tolong")
_ILL = words("muntah, dirawat, pingsan, lemas, lemes, kejang, kritis, sesak, keracunan, overdosis")
_STILL = words("masih")
_NOW_WORDS = words("masih, sekarang, saiki, lagi, sedang")


class _Time(NamedTuple):
    now: bool  # any sign of the present or of just now (time word, urgency, "!!!", capitals)
    strong_now: bool  # an explicit "now/still/in the middle of"
    untimed: bool  # no time word at all
    recurring: bool
    young: bool


def _fits(cls: str, toks: Sequence[str], s: int, e: int, tm: _Time) -> bool:  # noqa: PLR0911
    """True when the evidence at ``toks[s:e]`` shows a person in danger, given its class."""
    if cls == "help":
        # a call for help ("cepet kirim ambulan", 🚑), not an ambulance parked in the way
        single = e - s == 1 and not toks[s].startswith("emo_")
        return not single or (tm.now and _near(toks, s, 3, _CALL, {}))
    if cls == "weapon":
        if _has(toks, _SALE, s - 4, e + 4) >= 0 or _has(toks, _CARRIED, e, e + 3) >= 0:
            return False  # sold, or worn at the waist: not used against anyone
        if not _near(toks, s, 4, frozenset(), _ATTACK_CACHE) or (tm.recurring and not tm.strong_now):
            return False
        # the attacker has gone
        fled = _has(toks, _FLED, e)
        # "trus kabur", "pelakunya kabur": the attacker; "pemotornya kabur": the victim got away
        by_attacker = fled >= 0 and toks[fled - 1] in _ATTACKER
        return not (by_attacker and _has(toks, _STILL, e) < 0)
    if cls == "violence":
        # going on now: a progressive marker right before the act ("lagi dipukuli", "sek dihajar"), or
        # told with no time at all by someone afraid or calling for help ("ibuk dipancal ... ayas wedi")
        going = any(toks[j] in _PROGRESSIVE for j in range(max(0, s - 2), s))
        return going or (tm.untimed and _has(toks, _FEAR) >= 0)
    if cls == "missing":
        return tm.young
    if cls == "poison":
        return _near(toks, s, 6, _ILL, {})
    # a driver "terjebak macet" or a truck "terjebak di tikungan" is stuck, not a person in danger
    stuck = toks[s] in ("terjebak", "terkurung") and ("macet" in toks[e : e + 2] or _has(toks, _VEHICLE, s - 6, s) >= 0)
    return not (cls == "trapped" and stuck)


def assess(
    toks: Sequence[str],
    category: str,
    young: bool,
    cues: Mapping[str, Sequence[str]],
    exclaim: int,
    shouting: bool,
) -> Danger | None:
    """Evidence that a person is in danger now, or ``None``.

    ``cues`` holds the keys of the engine's time cues that fired (``ongoing``, ``fresh``, ``past``,
    ``recurring``); ``young`` says the report is about a child, a minor or a frail person.
    """
    ev = _evidence(toks)
    if not ev:
        return None
    if _has_phrase(toks, _HYPO) >= 0 and all(c != "help" for c, _s, _e in ev):
        return None  # a question or a hypothetical
    over = _has_phrase(toks, _OVER)
    if over >= 0 and all(toks[j] not in _REPORTED for j in range(max(0, over - 3), over)):
        return None  # over, resolved or handled ("gurunya bilang sudah pulang" is only a claim)
    ongoing, fresh, past_cues = bool(cues.get("ongoing")), bool(cues.get("fresh")), cues.get("past", ())
    tm = _Time(
        now=ongoing or fresh or _has_phrase(toks, _NOW) >= 0 or exclaim > 0 or shouting,
        strong_now=ongoing or _has(toks, _NOW_WORDS) >= 0,
        untimed=not (ongoing or fresh or past_cues),
        recurring=bool(cues.get("recurring")),
        young=young,
    )
    chosen = next(((c, s, e) for c, s, e in ev if _fits(c, toks, s, e, tm)), None)
    if chosen is None:
        return None
    cls, s, e = chosen
    if cls != "missing":  # a child missing since yesterday is still missing
        past = _has_phrase(toks, _PAST) >= 0 or any(k not in ("semalam", "tadi malam", "malam tadi") for k in past_cues)
        # last night's poisoning is still a danger while the victims are being treated
        earlier = bool(past_cues) and not (tm.strong_now or _has(toks, _STATE) >= 0)
        if past or earlier or (not tm.now and cls in ("violence", "poison")):
            return None
    surface = " ".join(toks[s:e])
    reason = f"prioritas: '{surface}' (keselamatan terancam sekarang) → darurat"
    return Danger(cls, surface, reason, _category_for(toks, cls, category, s))


def _category_for(toks: Sequence[str], cls: str, category: str, at: int) -> str | None:
    """A better category when the evidence shows the current one is wrong, else ``None``."""
    if cls in ("help", "wound", "unconscious") and category in ("lainnya", "lalu_lintas"):
        # someone hurt where a vehicle is involved: an accident
        return "kecelakaan" if _has(toks, _VEHICLE) >= 0 else None
    if cls == "missing" and category == "lainnya":
        return "kdrt_ppa" if _has(toks, _EXPLOITED) >= 0 else "orang_hilang"
    stabbed = cls == "wound" and _has(toks, _STABBED) >= 0
    if (cls in ("violence", "weapon") or stabbed) and category in ("lainnya", "lalu_lintas", "gangguan_kamtibmas"):
        return "kdrt_ppa" if cls == "violence" and _has(toks, _FAMILY) >= 0 else "kekerasan"
    if cls == "trapped" and category == "lainnya" and _has(toks, _DISASTER) >= 0:
        return "kebakaran_bencana"
    if cls in ("violence", "unconscious") and category == "pengaduan_petugas":
        # the officers are blamed for not being there ("polisinya mana??"); the attackers are not officers
        off = _has(toks, _OFFICER)
        if off > at and BOUNDARY in toks[at:off] and _has(toks, _OFFICER, 0, at) < 0:
            return "kekerasan"
    return None
