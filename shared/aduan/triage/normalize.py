"""Text normalisation for triage: case, accents, emoji, slang, Javanese and Malang *walikan*.

The output is a list of tokens.  Sentence punctuation becomes the boundary token ``|`` so that
negation windows and place contexts do not leak across clauses.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from .vocab import REWRITES

BOUNDARY = "|"


def _pairs(spec: str) -> dict[str, str]:
    """Parse ``word: replacement, ...`` (``#`` starts a comment); cheaper to import than a dict literal."""
    out: dict[str, str] = {}
    for line in spec.splitlines():
        for item in line.split("#", 1)[0].split(","):
            if item.strip():
                key, value = item.split(":", 1)
                out[key.strip()] = value.strip()
    return out


# fmt: off
# Emoji and symbols that carry meaning for triage become pseudo-words.
EMOJI: dict[str, str] = {
    "\U0001f525": " emo_api ",  # fire
    "\U0001f692": " emo_damkar ",  # fire engine
    "\U0001f6a8": " emo_sirene ",  # police light
    "\U0001f198": " emo_sos ",  # SOS
    "\U0001f62d": " emo_nangis ",  # loudly crying
    "\U0001f622": " emo_nangis ",
    "\U0001f630": " emo_takut ",
    "\U0001f631": " emo_takut ",
    "\U0001f628": " emo_takut ",
    "\U0001f480": " emo_mati ",
    "\U0001fa78": " emo_darah ",  # drop of blood
    "\U0001f691": " emo_ambulans ",
    "\U0001f52a": " emo_pisau ",
    "\U0001f5e1": " emo_pisau ",
    "\U0001f52b": " emo_pistol ",
    "\U0001f4a5": " emo_ledak ",
    "\u26a0": " emo_bahaya ",
    "\U0001f64f": " emo_mohon ",
    "\U0001f30a": " emo_banjir ",
    "\U0001f327": " emo_hujan ",
    "\U0001f6f5": " motor ",
    "\U0001f3cd": " motor ",
    "\U0001f697": " mobil ",
    "\U0001f694": " polisi ",
    "\U0001f60d": " emo_suka ",
    "\U0001f44d": " emo_suka ",
    "\u2764": " emo_suka ",
    "\U0001f970": " emo_suka ",
    "\U0001f46e": " polisi ",
}

# Token-level rewrites: abbreviations, chat spelling, Javanese and walikan.  Values may hold several words.
ABBREV: dict[str, str] = _pairs("""
    # pronouns, people
    sy: saya, sya: saya, aku: saya, ak: saya, gw: saya, gue: saya, gua: saya,
    ayas: saya, kulo: saya, q: saya,
    umak: kamu, km: kamu, kmu: kamu, koen: kamu, sampean: kamu, njenengan: kamu,
    org: orang, orng: orang, wong: orang, uwong: orang, wng: orang, oang: orang,
    kera: arek, cah: arek, ank: anak, anakk: anak, bocil: anak kecil,
    cilik: kecil, licek: kecil,
    sam: mas, ebes: orangtua, nawak: teman, nganal: laki, kodew: perempuan,
    wedok: perempuan, cewek: perempuan, cewe: perempuan, cowok: laki, cowo: laki,
    ojob: bojo, bpk: bapak, pak: bapak, bu: ibu, mbah: nenek, simbah: nenek,
    silup: polisi, pulisi: polisi, plisi: polisi,
    # time
    skrg: sekarang, skr: sekarang, skrng: sekarang, skrang: sekarang, skarang: sekarang,
    sekrg: sekarang, saiki: sekarang, siki: sekarang, saikine: sekarang,
    kmrn: kemarin, kmrin: kemarin, kmren: kemarin, kemaren: kemarin, kmaren: kemarin,
    kmarin: kemarin, wingi: kemarin, maeng: tadi, mau_ae: barusan,
    brusan: barusan, barusn: barusan, bengi: malam, mlm: malam, isuk: pagi,
    lagek: sedang, lagik: lagi, lgi: lagi, lg: lagi, isih: masih, msh: masih,
    msih: masih, tdi: tadi, td: tadi, bsk: besok, sblm: sebelum, stlh: setelah,
    mggu: minggu, mgg: minggu, bln: bulan, thn: tahun, hr: hari,
    # function words
    yg: yang, yng: yang, sing: yang, dgn: dengan, dg: dengan, karo: dengan,
    dkt: dekat, dket: dekat, cedhak: dekat, cedak: dekat, parek: dekat,
    jln: jl, jalan: jl, jlan: jl, jalanan: jl, dalan: jl,
    gak: tidak, ga: tidak, nggak: tidak, gk: tidak, tdk: tidak, tak: tidak,
    ndak: tidak, nda: tidak, enggak: tidak, engga: tidak, kagak: tidak, ngga: tidak,
    g: tidak, kadit: tidak, ora: tidak, gag: tidak, gx: tidak, ndk: tidak,
    nggk: tidak, kaga: tidak, dudu: bukan, bkn: bukan, gaada: tidak ada,
    gada: tidak ada, tdkada: tidak ada, gakada: tidak ada,
    bgt: banget, bngt: banget, dr: dari, dri: dari, utk: untuk, untk: untuk,
    sdh: sudah, udh: sudah, udah: sudah, dah: sudah, wes: sudah, uwis: sudah,
    wis: sudah, uwes: sudah, sudh: sudah, sampun: sudah, semalem: semalam,
    pedot: putus, dolanan: bermain, njerit: menjerit, sdah: sudah,
    bs: bisa, iso: bisa, isa: bisa, bnyk: banyak, byk: banyak, akeh: banyak,
    sm: sama, ama: sama, jg: juga, tp: tapi, tpi: tapi, krn: karena,
    karna: karena, blm: belum, durung: belum, urung: belum, onok: ada, ono: ada,
    enek: ada, ana: ada, nang: di, ning: di, ndek: di, neng: di,
    dlm: dalam, pd: pada, tsb: tersebut, sj: saja, aja: saja, ae: saja,
    wae: saja, mhn: mohon, trims: terima kasih, makasih: terima kasih,
    mksh: terima kasih, thx: terima kasih, tq: terima kasih, suwun: terima kasih,
    matur: terima, nuwun: kasih, oyi: iya, ya: iya, y: iya, iy: iya,
    gmn: bagaimana, gmna: bagaimana, gimana: bagaimana, piye: bagaimana,
    yok: ayo, tlp: telepon, telp: telepon, tlpn: telepon, nelpon: telepon,
    hub: hubungi, info: informasi, infonya: informasi, pls: tolong, plis: tolong,
    please: tolong, help: tolong, tlg: tolong, tlng: tolong, tulung: tolong,
    tolongin: tolong, pake: pakai, pk: pakai, nomer: nomor, kejebak: terjebak,
    kejepit: terjepit, kelindes: terlindas, dikei: dikasih, ngekei: memberi,
    mangan: makan, dimintain: dimintai, mintain: minta, mbayar: bayar, gpp: tidak apa apa,
    ngapa: kenapa, knp: kenapa, getihe: darah, getih: darah, tuwo: tua, malem: malam,
    nyari: mencari, golek: mencari, ketipu: tertipu, kekuras: terkuras, ditabok: ditampar,
    diseneni: dimarahi, nganggep: menganggap, ngancem: mengancam, nyebarin: menyebarkan,
    jarene: katanya, teko: dari, nggowo: membawa, gowo: bawa, sek: masih, wedi: takut,
    suwe: lama, nggeber: geber, mbleyer: bleyer, ngeblayer: bleyer, tolong2: tolong,
    toloong: tolong,
    # things
    mtr: motor, montor: motor, rotom: motor, spdmtr: motor, sepmor: motor,
    motore: motor, motorku: motor, libom: mobil, mbl: mobil, montore: motor,
    rmh: rumah, omah: rumah, hamur: rumah, umah: rumah, omahe: rumah,
    hp: hp, henpon: hp, handphone: hp, ponsel: hp, dompete: dompet,
    halokes: sekolah, ngalam: malang, ublem: masuk, mlebu: masuk, metu: keluar,
    nakam: makan, oskab: bakso, kane: enak, tahes: sehat, sinam: manis, utas: satu,
    udan: hujan, wit: pohon, ambruk: roboh, rubuh: roboh, ilang: hilang,
    ical: hilang, kecelakan: kecelakaan, kclakaan: kecelakaan, kcelakaan: kecelakaan,
    kecelakaaan: kecelakaan, laka: kecelakaan, lakalantas: kecelakaan lalu lintas,
    kobong: terbakar, kobongan: kebakaran, geni: api,
    gelut: berkelahi, gelutan: berkelahi, kelahi: berkelahi, digondol: dibawa lari,
    dijupuk: diambil, nyolong: mencuri, dicolong: dicuri, colong: curi,
    ditabrak: ditabrak, nabrak: menabrak, ketabrak: tertabrak, kesrempet: terserempet,
    disrempet: diserempet, nyrempet: menyerempet, tibo: jatuh, tiba: tiba,

    kapolresta: kapolres, polrestabes: polresta,
    # Javanese (ngoko and krama) and chat forms added by domain, not by sentence
    mulih: pulang, muleh: pulang, kondur: pulang, wangsul: pulang,
    goleki: mencari, nggoleki: mencari, digoleki: dicari, ngoleki: mencari,
    nggolek: mencari, madosi: mencari, pados: cari, kawit: sejak, wiwit: sejak,
    wonten: ada, enten: ada, mboten: tidak, boten: tidak, mpun: sudah,
    griya: rumah, dalemipun: rumah, dalu: malam, ndalu: malam, enjing: pagi,
    esuk: pagi, wengi: malam, sonten: sore, wau: tadi, nembe: barusan,
    mentas: barusan, lagi_wae: barusan, nyuwun: mohon, tulungi: tolong,
    tulungono: tolong, tulunggg: tolong, kulo_nyuwun: mohon, gelem: mau,
    njaluk: minta, nyuwunaken: mohon, kancane: teman, kanca: teman, konco: teman,
    kancaku: teman, putu: cucu, putune: cucu, anake: anak, anakku: anak,
    bocahe: anak, adhik: adik, adhike: adik, mbakyu: kakak, kakang: kakak,
    kangmas: kakak, kakangku: kakak, ibuk: ibu, mamak: ibu, mama: ibu,
    bapake: bapak, bapakku: bapak, simbahku: nenek, mbahku: nenek, mbok: ibu,
    ketabrakan: tertabrak, ketubruk: tertabrak, tubruk: tabrak, ditubruk: ditabrak,
    nubruk: menabrak, kesenggol: tersenggol, nyenggol: menyenggol, kecemplung: tercebur,
    kecebur: tercebur, nyemplung: tercebur, njungkel: terjungkal, kejungkel: terjungkal,
    ceblok: jatuh, tiba_tiba: mendadak, kejegur: tercebur,
    kebakar: terbakar, obong: bakar, diobong: dibakar, kobar: kobaran, kumelun: asap,
    kebanjiran: kebanjiran, banjire: banjir, longsore: longsor, ambleg: ambles,
    ilange: hilang, kelangan: kehilangan, kecolongan: kecolongan, maling: maling,
    digebuki: dipukuli, digebuk: dipukul, ngantemi: memukuli, diantemi: dipukuli,
    dijotos: dipukul, dikeplak: dipukul, dikaplok: ditampar, ngepruk: memukul,
    dibacok: dibacok, disabet: disabet, dikroyok: dikeroyok, ngroyok: mengeroyok,
    ngancam: mengancam, diancam: diancam, ngamuk: ngamuk,
    pantes: pantas, nyaman: nyaman, duwit: duit, dhuwit: duit, ewu: ribu,
    sewu: seribu, rokoke: rokok, bensine: bensin,
    kebingungan: bingung, bingungan: bingung, linglung: linglung, nglindur: linglung,
    umure: umur, umur_e: umur, yuswa: umur,
    dilecehin: dilecehkan, ngelecehin: melecehkan, lecehin: lecehkan,
    dikeluarin: dikeluarkan, ngeluarin: mengeluarkan, dipekerjain: dipekerjakan,
    ditinggalin: ditinggalkan, ditanganin: ditangani, dicuekin: dicuekin,
    bengep: lebam, benjut: benjol, mbenjol: benjol, getihen: berdarah,
    semaput: pingsan, klenger: pingsan, kelenger: pingsan, sekarat: sekarat,
    ngos_ngosan: sesak, mengap_mengap: sesak, sesek: sesak,
    # krama
    dereng: belum, saking: dari, ngantos: sampai, dumugi: sampai, kesah: pergi,
    kula: saya, panjenengan: kamu, sedaya: semua, sakit_e: sakit,
    ngemis: mengemis, ngamen: ngamen, ketangkep: tertangkap, ditangkep: ditangkap,
    dalem: dalam, item: hitam, nyengat: menyengat, ngilang: menghilang,
    diapusi: ditipu, ngapusi: menipu, kapusan: tertipu, nggandakno: menggandakan,
    keblasuk: tersesat, kesasar: kesasar, ketimbun: tertimbun, kepleset: terpeleset,
    mendem: mendem, bengok: teriak, bengok_bengok: teriak, mlayu: lari, playu: lari,
    numpak: naik, silih: pinjam, disilih: dipinjam, nyilih: meminjam, didol: dijual,
    dodol: jual, dodolan: jualan, wonge: orangnya, kenek: kena, pamitan: pamit,
    loro: sakit, lara: sakit, mlaku: jalan, isok: bisa, sikil: kaki, sikile: kaki,
    ngawasin: mengawasi, ngintai: mengintai, ngeliatin: melihat, nyalain: menyalakan,
    kelindas: terlindas, ketiban: tertimpa, kejeglong: terperosok, kebalik: terbalik,
    # body and injury in ngoko and krama
    sirah: kepala, sirahe: kepala, sirahipun: kepala, ndase: kepala, endase: kepala,
    tangane: tangan, tanganipun: tangan, sikilipun: kaki, awake: badan, rah: darah, ludira: darah,
    medal: keluar, saged: bisa, ngadeg: berdiri, eling: sadar, lemes: lemas, meh: hampir,
    tiyang: orang, tiyange: orangnya, tiyangipun: orangnya, ketoke: kayaknya,
    # krama question and time words
    pirsa: tanya, badhe: mau, menawi: kalau, pundi: mana, pripun: bagaimana, menapa: apakah,
    taksih: masih, bekta: bawa, kepengker: lalu, nalika: ketika, ngajeng: depan, wingking: belakang,
    icalan: kehilangan, kecalan: kehilangan,
    # a vehicle "kissing" another is a collision idiom
    kekunci: terkunci, kekurung: terkurung,
    nyium: cium, mencium: cium, nyiumi: cium, nyosor: nyungsep, ndlosor: terjatuh,
""")
# fmt: on
for _spec in REWRITES.values():
    for _k, _v in _pairs(_spec).items():
        ABBREV.setdefault(_k, _v)  # the older table wins a clash (none at the time of writing)

_ACCENT_STRIP = {ord("\u2019"): "'", ord("\u2018"): "'", ord("\u201c"): '"', ord("\u201d"): '"'}
_TOKEN_RE = re.compile(r"[a-z0-9_]+|\|")
_SENT_RE = re.compile(r"[.!?;,:\n\r()\[\]/\\]+")
_EXCL_RE = re.compile(r"!{2,}|\?!|!\?")
_REPEAT3_RE = re.compile(r"(.)\1{2,}")
_REPEAT2_RE = re.compile(r"(.)\1+")
_EMOJI_RE = re.compile("|".join(re.escape(k) for k in sorted(EMOJI, key=len, reverse=True)))
_NUMWORD_RE = re.compile(r"\b([a-z]{2,})2\b")  # "pukul2" reduplication marker
_NUMWORD_SUF_RE = re.compile(r"\b([a-z]{2,})2(an|in|kan|nya|e|ne)\b")  # "mabuk2an" -> "mabuk mabukan"
# Javanese "mau" means "earlier" in time phrases ("ket mau sore", "mau isuk"); Indonesian "mau" = want.
_JV_TIME_RE = re.compile(
    r"\b(?:ket|kit|wiwit|sejak) mau\b|\bmau (?:isuk|esuk|awan|sore|bengi|wengi|dalu)\b"
    r"|\b(?:ket|kit) (?=(?:wingi|isuk|esuk|awan|sore|bengi|wengi|dalu|jam|kemarin|tadi|pagi|siang|malam)\b)"
)
_DIPUN_RE = re.compile(r"\bdipun ([a-z]{3,})")
_JV_BALI_RE = re.compile(r"\b(durung|urung|dereng|gak|ga|ora|ndak|belum|blm|tidak|sudah|wis|wes|uwis|kok) balik?\b")
_JV_TIME = {"isuk": "tadi pagi", "esuk": "tadi pagi", "awan": "tadi siang", "sore": "tadi sore"}


def _jv_time(m: re.Match[str]) -> str:
    g = m.group(0)
    if g.endswith("mau"):
        return "sejak tadi"
    if g.startswith("mau "):
        return _JV_TIME.get(g[4:], "tadi malam")
    return "sejak "


_KNOWN: set[str] = set()
_UPPER_RE = re.compile(r"[A-Z]")
_ALPHA_RE = re.compile(r"[A-Za-z]")


def register_known(words: set[str]) -> None:
    """Add words that repeated-letter collapsing must aim for (lexicon roots, gazetteer names)."""
    _KNOWN.update(words)


def collapse_repeats(tok: str) -> str:
    """Collapse elongated spellings ("tolonggg" -> "tolong") while keeping real double letters."""
    if tok in _KNOWN or tok in ABBREV or len(tok) < 3:
        return tok
    c1 = _REPEAT3_RE.sub(r"\1", tok)
    if c1 in _KNOWN or c1 in ABBREV:
        return c1
    c2 = _REPEAT2_RE.sub(r"\1", tok)
    if c2 in _KNOWN or c2 in ABBREV:
        return c2
    return c1


def fold(text: str) -> str:
    """Lower-case and strip accents; keep ASCII letters, digits and punctuation."""
    text = text.translate(_ACCENT_STRIP)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()


class Normalized(NamedTuple):
    """Result of normalising a report: tokens plus a few surface signals."""

    tokens: tuple[str, ...]
    exclaim: int  # number of "!!" style punctuation runs
    shouting: bool  # mostly upper-case text


_TOKEN_CACHE: dict[str, tuple[str, ...]] = {}


def _rewrite(raw: str) -> tuple[str, ...]:
    hit = _TOKEN_CACHE.get(raw)
    if hit is not None:
        return hit
    tok = collapse_repeats(raw)
    if tok.startswith("dipun") and len(tok) > 8 and tok not in ABBREV:
        tok = "di" + tok[5:]  # krama passive "dipuntabrak" is ngoko/Indonesian "ditabrak"
    rep = ABBREV.get(tok)
    out: tuple[str, ...] = tuple(rep.split()) if rep is not None else (tok,)
    if len(_TOKEN_CACHE) < 200_000:
        _TOKEN_CACHE[raw] = out
    return out


def normalize(text: str) -> Normalized:
    """Normalise a report into tokens (see module docstring)."""
    n_alpha = len(_ALPHA_RE.findall(text))
    shouting = n_alpha >= 12 and len(_UPPER_RE.findall(text)) > 0.7 * n_alpha
    exclaim = len(_EXCL_RE.findall(text))
    s = fold(text)
    if not s.isascii():
        s = _EMOJI_RE.sub(lambda m: EMOJI[m.group(0)], s)
    s = s.replace("mau ae", "mau_ae").replace("mau wae", "mau_ae").replace("mau mau", "mau_ae")
    s = _NUMWORD_SUF_RE.sub(r"\1 \1\2", s)
    if "bali" in s:  # Javanese "durung/gak bali" = not back yet (Bali the island stays Bali)
        s = _JV_BALI_RE.sub(r"\1 pulang", s)
    s = _NUMWORD_RE.sub(r"\1 \1", s)
    if "mau " in s or "ket " in s or "kit " in s:
        s = _JV_TIME_RE.sub(_jv_time, s)
    s = s.replace("-", " ").replace("'", "")
    if "dipun " in s:
        s = _DIPUN_RE.sub(r"di\1", s)  # krama passive written apart: "dipun keroyok" is "dikeroyok"
    s = _SENT_RE.sub(" | ", s)
    toks: list[str] = []
    for raw in _TOKEN_RE.findall(s):
        if raw == BOUNDARY:
            if toks and toks[-1] != BOUNDARY:
                toks.append(BOUNDARY)
            continue
        toks.extend(_rewrite(raw))
    return Normalized(tokens=tuple(toks), exclaim=exclaim, shouting=shouting)
