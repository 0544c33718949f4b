#!/usr/bin/env python3
"""Write the labelled incident-clustering sets: streams of citizen reports, each labelled with the incident
(the real-world event) it reports.

Seeded and deterministic: ``python scripts/make_incident_set.py`` rewrites ``tests/data/incidents_dev.jsonl``
and ``tests/data/incidents_holdout.jsonl`` byte for byte. The texts come from the hand-written templates below
(Bahasa Indonesia in the registers Malang citizens use: call-centre transcripts, chat Indonesian, Javanese
ngoko and krama, *walikan*); the script only fills in places, plates, times and channels and decides how many
citizens report each event.

The two sets never share a template: every template list is split by position (even positions for the
development set, odd for the held-out set), so the held-out set is worded in ways the rule was never tuned
on. It also uses another day, another seed and other plate numbers.

Labels say what happened, not what a rule could find: two neighbours reporting the same household violence
are one incident even though the rule must never merge a sensitive case; a citizen who names no place still
belongs to the crash they saw.

Scenarios (the look-alikes the issue asks for) are built explicitly, see ``build``:
- a rush-hour crash reported by many citizens across channels, in several spellings of the road, with
  reports that add new danger later (a victim dies, a second victim is found);
- two accidents on the same road about an hour apart (two incidents);
- a fire and the traffic jam it causes (one incident: the jam reports name the fire at the same spot);
- copy-pasted viral text about a missing child, forwarded by many citizens (one incident);
- sensitive cases (``kdrt_ppa``, ``pengaduan_petugas``) beside other reports at the same place and time;
- unrelated reports in the same kelurahan on the same day (a theft and a jam, two thefts in two alleys);
- the same weekly nuisance (street racing on Jl. Ijen) on two nights (two incidents).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
WIB = timedelta(hours=7)

# ---------------------------------------------------------------------------------------------- places


@dataclass(frozen=True)
class Spot:
    key: str
    kel: str
    pt: tuple[float, float]
    names: tuple[str, ...]  # spellings citizens use for the road or landmark
    near: tuple[str, ...] = ()  # "depan ..." phrases that pin the spot


# Approximate coordinates of real roads and landmarks of Kota Malang.
SPOTS: dict[str, Spot] = {
    s.key: s
    for s in (
        Spot(
            "suhat",
            "Mojolangu",
            (-7.9365, 112.6262),
            ("Jl. Soekarno Hatta", "jl suhat", "Suhat", "jalan Sukarno Hatta", "Soekarno-Hatta", "dalan Suhat"),
            ("depan Polinema", "dekat jembatan Suhat", "depan ruko Suhat"),
        ),
        Spot(
            "kayutangan",
            "Kauman",
            (-7.9790, 112.6305),
            ("Kayutangan", "Kayu Tangan", "Jl. Basuki Rahmat", "jl basra", "kayutangan heritage"),
            ("perempatan Kayutangan", "depan gereja Kayutangan"),
        ),
        Spot(
            "ayani",
            "Blimbing",
            (-7.9440, 112.6420),
            ("Jl. A. Yani", "jl ahmad yani", "A Yani", "jalan Jend. Ahmad Yani"),
            ("depan pasar Blimbing", "dekat stasiun Blimbing"),
        ),
        Spot(
            "mtharyono",
            "Dinoyo",
            (-7.9425, 112.6145),
            ("Jl. MT Haryono", "mt hariyono", "MT. Haryono", "jl mt haryono dinoyo"),
            ("depan pasar Dinoyo", "dekat Mall Dinoyo City"),
        ),
        Spot(
            "pasarbesar",
            "Sukoharjo",
            (-7.9875, 112.6322),
            ("Pasar Besar", "pasar besar malang", "Pasar Besar Malang"),
            ("parkiran Pasar Besar", "depan Ramayana"),
        ),
        Spot(
            "arjosari",
            "Arjosari",
            (-7.9330, 112.6580),
            ("Terminal Arjosari", "terminal arjosari", "Arjosari"),
            ("pintu keluar terminal Arjosari",),
        ),
        Spot(
            "alun",
            "Kidul Dalem",
            (-7.9825, 112.6310),
            ("alun-alun Merdeka", "alun alun kota", "alun2 Malang", "Alun-alun Malang"),
            ("depan masjid Jami", "sebelah alun-alun"),
        ),
        Spot(
            "gadang",
            "Gadang",
            (-8.0225, 112.6292),
            ("Pasar Gadang", "pasar induk Gadang", "jl raya gadang"),
            ("depan terminal Gadang",),
        ),
        Spot(
            "supriadi",
            "Sukun",
            (-7.9990, 112.6185),
            ("Jl. S. Supriadi", "jl supriadi", "Sudanco Supriadi", "jalan S Supriadi"),
            ("dekat pertigaan Supriadi",),
        ),
        Spot(
            "danautoba",
            "Sawojajar",
            (-7.9725, 112.6590),
            ("Jl. Danau Toba", "jl danau toba sawojajar", "Danau Toba Sawojajar"),
            ("dekat pasar Sawojajar",),
        ),
        Spot(
            "gribig",
            "Madyopuro",
            (-7.9760, 112.6735),
            ("Jl. Ki Ageng Gribig", "ki ageng gribig", "jl KI Ageng Gribig"),
            ("dekat exit tol Madyopuro",),
        ),
        Spot(
            "sungkono",
            "Buring",
            (-8.0160, 112.6520),
            ("Jl. Mayjen Sungkono", "mayjen sungkono", "jl sungkono buring"),
            ("dekat jembatan Sungkono",),
        ),
        Spot(
            "borobudur",
            "Mojolangu",
            (-7.9330, 112.6335),
            ("Jl. Borobudur", "jl borobudur", "Borobudur"),
            ("depan ruko Borobudur",),
        ),
        Spot(
            "ijen",
            "Oro-oro Dowo",
            (-7.9720, 112.6215),
            ("Jl. Ijen", "jl besar ijen", "Ijen Boulevard", "ijen"),
            ("depan museum Brawijaya", "dekat gereja Ijen"),
        ),
        Spot(
            "sparman",
            "Purwantoro",
            (-7.9555, 112.6405),
            ("Jl. Letjen S. Parman", "jl s parman", "S Parman"),
            ("depan RS Persada",),
        ),
        Spot(
            "tlogomas",
            "Tlogomas",
            (-7.9290, 112.6040),
            ("Jl. Raya Tlogomas", "jl tlogomas", "Tlogomas"),
            ("dekat kampus UMM",),
        ),
        Spot("sulfat", "Bunulrejo", (-7.9620, 112.6500), ("Jl. Sulfat", "jl sulfat", "Sulfat"), ("depan pasar Bunul",)),
        Spot(
            "muharto",
            "Kotalama",
            (-7.9935, 112.6440),
            ("Jl. Muharto", "jl muharto", "jembatan Muharto"),
            ("dekat jembatan Muharto",),
        ),
        Spot(
            "jodipan",
            "Jodipan",
            (-7.9825, 112.6390),
            ("Kampung Warna-warni Jodipan", "kampung warna warni", "Jodipan"),
            ("bawah jembatan Jodipan",),
        ),
        Spot("bandulan", "Bandulan", (-7.9800, 112.6035), ("Jl. Raya Bandulan", "jl bandulan", "Bandulan"), ()),
        Spot("tlogowaru", "Tlogowaru", (-8.0340, 112.6730), ("Jl. Raya Tlogowaru", "jl tlogowaru", "Tlogowaru"), ()),
    )
}

# residential kelurahan: (name, spelling variants, centroid)
RESIDENTIAL: dict[str, tuple[tuple[str, ...], tuple[float, float]]] = {
    "Bunulrejo": (("Bunulrejo", "Bunul", "bunulrejo"), (-7.9620, 112.6470)),
    "Tunjungsekar": (("Tunjungsekar", "Tunjung Sekar"), (-7.9250, 112.6330)),
    "Merjosari": (("Merjosari", "merjosari"), (-7.9395, 112.6005)),
    "Sawojajar": (("Sawojajar", "Sawo Jajar"), (-7.9705, 112.6605)),
    "Lesanpuro": (("Lesanpuro", "Lesan Puro"), (-7.9845, 112.6725)),
    "Bandungrejosari": (("Bandungrejosari", "Bandung Rejosari"), (-8.0120, 112.6150)),
    "Tanjungrejo": (("Tanjungrejo", "Tanjung Rejo"), (-7.9870, 112.6140)),
    "Kasin": (("Kasin", "kasin"), (-7.9925, 112.6245)),
    "Sumbersari": (("Sumbersari", "sumbersari"), (-7.9560, 112.6160)),
    "Purwantoro": (("Purwantoro", "purwantoro"), (-7.9550, 112.6445)),
    "Jatimulyo": (("Jatimulyo", "jatimulyo"), (-7.9410, 112.6225)),
    "Mulyorejo": (("Mulyorejo", "mulyorejo"), (-7.9990, 112.5975)),
    "Polowijen": (("Polowijen", "polowijen"), (-7.9265, 112.6440)),
    "Penanggungan": (("Penanggungan", "penanggungan"), (-7.9595, 112.6205)),
    "Kotalama": (("Kotalama", "Kota Lama"), (-7.9950, 112.6415)),
    "Cemorokandang": (("Cemorokandang", "Cemoro Kandang"), (-7.9895, 112.6820)),
}


def offset(pt: tuple[float, float], rng: random.Random, metres: float) -> tuple[float, float]:
    """A point up to ``metres`` from ``pt`` (uniform direction)."""
    r = metres * math.sqrt(rng.random())
    a = rng.random() * 2 * math.pi
    dlat = r * math.cos(a) / 111_320
    dlon = r * math.sin(a) / (111_320 * math.cos(math.radians(pt[0])))
    return round(pt[0] + dlat, 5), round(pt[1] + dlon, 5)


# ---------------------------------------------------------------------------------------------- templates
# Slots: {P} road or landmark as the citizen spells it, {N} a "depan ..." phrase (may be empty), {K} kelurahan,
# {G} alley ("gg 3"), {PL} plate, {V1} {V2} vehicles, {T} when, {NAME} {AGE} {PH} for the missing child,
# {DIR} a direction. Each list alternates development / held-out by position.

CRASH = [
    "tolong ada laka di {P} {N}, motor {PL} sama {V2}, korbane gak sadar",
    "Pelapor melaporkan telah terjadi kecelakaan lalu lintas di {P} {N} antara sepeda motor {PL} dan {V2}. Satu orang luka di kepala, mohon bantuan ambulans.",  # noqa: E501
    "@polrestamalangkota barusan tabrakan {V1} vs {V2} di {P}, korban tergeletak di aspal 🙏",
    "min ada kecelakaan {P} {N} motor {PL} ditabrak {V2}, orangnya berdarah",
    "laka {P} barusan, {V2} nabrak motor, rame wong ngerubung, sopo sing duwe nomer ambulans?",
    "Lapor, kecelakaan di {P} {N}. {V2} menabrak pengendara {V1} nopol {PL}. Korban dibawa warga ke pinggir jalan.",
    "gaes hati2 lewat {P}, ada tabrakan {V1} sama {V2}, polisi belum dateng",
    "innalillahi barusan liat tabrakan di {P}, motor {PL} ringsek, pengendarane sikile patah",
    "nyuwun tulung, wonten kecelakaan ing {P} {N}, tiyangipun taksih semaput",
    "tabrakan cuk nang {P}, {V2} karo motor, arek e ngelumpruk gak obah",
    "{P} ada kecelakaan, {V2} vs {V1} {PL}, butuh ambulans secepatnya!!",
    "{T} ada yg ketabrak {V2} di {P} {N}, masih di tempat korbannya",
    "pak tolong ke {P}, motor nabrak {V2} {N}, orange gulung koming",
    "Pelapor (pengendara ojol) menginformasikan tabrakan di {P}, {V2} kontra sepeda motor {PL}, korban mengalami luka-luka.",  # noqa: E501
    "woy {P} onok laka, motor {PL} remuk, sopir {V2} e kate kabur dicekel warga",
    "ada kecelakaan di {P} ya? td liat ambulans ngebut, motor {V1} terkapar",
]
CRASH_JAM = [
    "{P} macet total gara2 ada kecelakaan {N}, hindari dulu",
    "macet parah di {P} arah {DIR}, katanya ada laka",
    "lur {P} macet ra obah, onok tabrakan ndek ngarep",
    "info lalin: {P} padat merayap, ada kecelakaan {V2} di lajur kiri",
    "ga gerak blas di {P}, ada laka motor sama {V2}",
    "{P} muacet pol, kayae ada kecelakaan, polisi wis teko durung?",
]
CRASH_WORSE = [
    "update {P}: korban tabrakan motor {PL} meninggal di tempat 😭",
    "korban laka di {P} tadi ternyata 2 orang, satu anak kecil kejepit",
    "innalillahi korban kecelakaan {P} barusan meninggal, tolong segera ke lokasi",
    "pengendara motor yg ditabrak {V2} di {P} ga napas, tolong cepat!!",
]
FIRE = [
    "KEBAKARAN di {P} {N}! api gede banget, damkar belum datang",
    "tolong ada rumah kebakaran di {P}, asap hitam tinggi, warga panik",
    "Pelapor melaporkan kebakaran bangunan toko di {P} {N}. Api masih menyala, mohon dikirim pemadam kebakaran.",
    "ono omah kobong nang {P}, geni ne gedhe, tulung damkar",
    "@polrestamalangkota kebakaran di {P} min, api keliatan dari jauh 🔥🔥",
    "nyuwun tulung wonten griya kobong ing {P}, genine ageng sanget",
    "asap tebel di {P} {N}, ada gudang terbakar, tolong damkar",
    "barusan liat api gede di {P}, kayae ruko kebakaran",
]
FIRE_JAM = [
    "{P} macet total, ada kebakaran {N}, mobil damkar susah lewat",
    "macet di {P} gara2 kebakaran ruko, jalan ditutup sebagian",
    "dalan {P} macet, wong2 nonton omah kobong",
    "arus lalin di {P} tersendat karena ada kebakaran, hindari dulu",
]
FIRE_WORSE = [
    "api di {P} merembet ke rumah sebelah!! cepat damkar",
    "kebakaran {P} makin besar, apinya menjalar ke 3 rumah, ada orang terjebak di lantai 2",
    "genine nang {P} wis nyebar nang omah tonggo, onok wong sing durung metu",
    "kebakaran di {P} meluas, ada korban luka bakar",
]
TAWURAN = [
    "ada tawuran pelajar di {P} {N}, rame banget, bawa kayu",
    "tolong ada perkelahian rame2 di {P}, ada yg dikeroyok",
    "Pelapor melaporkan adanya tawuran remaja di {P}. Jumlahnya sekitar 20 orang.",
    "gelut masal nang {P}, arek2 sekolah, bubarno pak",
    "@polrestamalangkota tawuran di {P} barusan, warga takut keluar",
    "onok keributan rame2 ndek {P}, saling lempar batu",
]
TAWURAN_WORSE = [
    "tawuran di {P} ada yg bawa celurit!! satu anak kena bacok",
    "di {P} sekarang ada yg bawa sajam, korban berdarah",
    "arek2 sing tawuran nang {P} nggowo clurit, onok sing keno",
]
RACING = [
    "balap liar lagi di {P} jam segini, brisik pol, tolong ditertibkan",
    "trek2an nang {P} maneh, kera2 iku mbahayakno wong liwat",
    "Lapor, ada aksi balap liar di {P} {N}, puluhan motor berkumpul.",
    "min {P} dipake balapan liar tiap malem minggu, skrg lagi rame",
    "brisik knalpot brong di {P}, balap liar, warga ga bisa tidur",
]
BRAWL_DRUNK = [
    "ada orang mabuk ngamuk di {G} {K}, teriak2 nantang warga",
    "wong mendem ngamuk nang {G} {K}, mecahi kaca omah",
    "tolong ada keributan orang mabuk di {G} kel. {K}",
    "Pelapor melaporkan ada pria mabuk membuat onar di {G} {K}.",
]
CURANMOR = [
    "motor saya {V1} {PL} hilang di {P} {N}, diparkir cuma 10 menit",
    "Pelapor kehilangan sepeda motor {V1} nopol {PL} di {P} sekitar {T}.",
    "min barusan ada maling motor di {P}, {V1} {PL}, pelaku 2 org kabur arah {DIR}",
    "sepedaku {V1} {PL} ilang nang {P}, tolong bantu cari",
    "kulo kecurian motor {V1} {PL} wonten {P}, nyuwun tulung",
    "maling motor nang {P} {N}, sing ilang {V1} plat {PL}",
]
CURANMOR_HOME = [
    "motor {V1} {PL} ilang dari teras rumah {G} {K} tadi subuh",
    "Pelapor kehilangan motor {V1} {PL} yang diparkir di depan rumah, {G} kel. {K}.",
    "ada maling motor masuk garasi tetangga di {G} {K}, {V1} {PL} dibawa kabur",
    "lapor, motorku {V1} {PL} dicolong nang ngarep omah {G} {K}",
]
JAMBRET = [
    "tolong saya barusan dijambret di {P} {N}, hp diambil, pelaku naik {V1}",
    "jambret di {P}!! tas ibu2 ditarik sampe jatuh dari motor",
    "Pelapor menjadi korban penjambretan di {P}, kalung emas dirampas pelaku bermotor.",
    "aku dijambret nang {P}, hp ku digowo mlayu arah {DIR}",
]
FLOOD_TREE = [
    "pohon tumbang di {P} {N}, nutup jalan, ada motor ketimpa",
    "Pelapor melaporkan pohon besar tumbang melintang di {P}, lalu lintas terhambat.",
    "wit gedhe ambruk nang {P}, dalan ketutup",
    "banjir di {P} setinggi lutut, mobil2 mogok",
    "{P} banjir lagi, air masuk rumah warga, tolong",
    "pohon roboh di {P} menimpa kabel listrik, bahaya",
]
TREE_JAM = [
    "{P} macet gara2 pohon tumbang, lewat jalur lain",
    "macet total di {P}, ada pohon ambruk nutup jalan",
]
JAM = [
    "{P} macet total ga gerak, ada apa ya?",
    "lampu merah {P} mati, lalu lintas semrawut",
    "macet parah di {P} arah {DIR}, mohon diatur petugas",
    "{P} padat sekali, parkir liar makan badan jalan",
    "lalu lintas {P} ruwet, bus berhenti sembarangan",
    "dalan {P} macet pol, lampu bangjo rusak",
]
MISSING_VIRAL = [
    "DICARI!! Telah hilang seorang anak bernama {NAME} ({AGE} th) sejak {T} di sekitar {P}. Memakai kaos merah celana pendek. Bagi yang melihat hubungi {PH}. Mohon dishare 🙏",  # noqa: E501
    "INFO ANAK HILANG: {NAME}, usia {AGE} tahun, terakhir terlihat di {P} {T}. Baju seragam SD. Hubungi keluarga {PH}. Tolong bantu sebarkan",  # noqa: E501
]
MISSING_PREFIX = [
    "",
    "",
    "copas dari grup: ",
    "tolong bantu share min ",
    "info grup RT sebelah: ",
    "fwd: ",
    "min tolong diviralkan ",
]
KDRT = [
    "tolong pak, tetangga sebelah rumah {G} {K} dipukuli suaminya, teriak2 minta tolong",
    "saya dipukul suami saya di rumah {G} {K}, saya takut pulang",
    "Pelapor (perempuan) melaporkan dirinya dianiaya suami di rumahnya, {G} kel. {K}.",
    "nyuwun tulung, kula dipun kasari garwa kula wonten griya {G} {K}",
    "ada anak kecil dipukuli ibunya terus di {G} {K}, nangis2 tiap malam",
    "bojoku ngamuk mukuli aku, aku ndek omah {G} {K}, tulung",
]
KDRT_NEIGHBOUR = [
    "ada ribut2 di rumah {G} {K}, ada yang teriak2 sama barang pecah",
    "tetangga {G} {K} rame banget bengok2, kayak ada yg berantem",
]
PETUGAS = [
    "ada oknum polisi di razia {P} minta uang damai 100rb, ga dikasih surat tilang",
    "petugas di pos {P} kasar banget sama pengendara, bentak2 dan nendang motor",
    "Pelapor mengadukan oknum petugas pada operasi di {P} yang meminta uang tanpa tilang.",
    "oknum sing jogo razia nang {P} njaluk duit, ra ono surat e",
]
RAZIA_JAM = [
    "ada razia di {P}, macet sampe jauh",
    "{P} macet gara2 ada operasi zebra, antri panjang",
]
NARKOBA = [
    "sering ada transaksi sabu di kos {G} {K}, orang keluar masuk tengah malam",
    "Pelapor mencurigai rumah di {G} kel. {K} dijadikan tempat pesta narkoba.",
    "onok sing dodolan pil koplo nang {G} {K}, arek2 enom tuku",
    "di {G} {K} ada yang jual obat terlarang ke anak sekolah",
]
SCAM = [
    "saya ditipu jual beli online, sudah transfer 2 juta barang ga dikirim",
    "ada yang ngaku petugas bank minta kode OTP, saldo saya habis",
    "Pelapor menjadi korban penipuan arisan online dengan kerugian 5 juta rupiah.",
    "aku diapusi wong ngaku kurir, kon download aplikasi terus rekeningku dikuras",
    "ditelpon ngaku polisi bilang anak saya ditangkap, minta transfer",
    "penipuan lowongan kerja, disuruh bayar pelatihan 1,5 juta",
]

VEHICLES_1 = ["Honda Beat", "Vario", "Scoopy", "NMAX", "Supra", "Mio", "motor"]
VEHICLES_2 = ["truk", "angkot", "mobil Avanza", "pikap", "bus", "mobil box", "Xenia", "truk tronton"]
DIRS = ["Surabaya", "Blitar", "kota", "Batu", "Singosari", "Kepanjen", "Tumpang"]
NAMES = ["Alif", "Nayla", "Rafi", "Zahra", "Dimas", "Keisha", "Bagas", "Salsa"]
TIMES = ["barusan", "tadi", "5 menit lalu", "sekitar jam {h}", "td", "baru aja"]


def split_templates(templates: list[str], part: int) -> list[str]:
    """Even positions for the development set (part 0), odd ones for the held-out set (part 1)."""
    return templates[part::2]


# ---------------------------------------------------------------------------------------------- generation

CHANNEL_WEIGHTS = {"whatsapp": 40, "instagram": 15, "x": 15, "facebook": 10, "tiktok": 5, "call_center": 15}


@dataclass
class Builder:
    part: int
    rng: random.Random
    day: datetime  # 00:00 WIB of the set's day, as UTC
    prefix: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    n_incidents: int = 0
    n_citizens: int = 0
    plates: set[str] = field(default_factory=set)

    def t(self, templates: list[str]) -> str:
        return self.rng.choice(split_templates(templates, self.part))

    def plate(self) -> str:
        while True:
            letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
            p = f"N {self.rng.randint(1000, 6999)} {self.rng.choice(letters)}{self.rng.choice(letters)}"
            if p not in self.plates:
                self.plates.add(p)
                return p

    def channel(self) -> str:
        names = list(CHANNEL_WEIGHTS)
        return self.rng.choices(names, weights=[CHANNEL_WEIGHTS[n] for n in names])[0]

    def new_incident(self) -> str:
        self.n_incidents += 1
        return f"{self.prefix}I{self.n_incidents:03d}"

    def when(self, start: datetime) -> str:
        h = (start + WIB).hour
        return self.rng.choice(TIMES).format(h=h)

    def emit(
        self,
        incident: str,
        scenario: str,
        text: str,
        at: datetime,
        pt: tuple[float, float] | None,
        channel: str | None = None,
        coords_p: float = 0.35,
        note: str = "",
    ) -> None:
        if channel is None:
            # the register fixes the channel: a mention is posted on X or Instagram, "Pelapor ..." is the
            # call centre's transcript, and the call centre never writes chat slang
            if text.startswith("@"):
                channel = self.rng.choice(("x", "instagram"))
            elif text.startswith("Pelapor"):
                channel = "call_center"
            else:
                channel = self.channel()
                while channel == "call_center":
                    channel = self.channel()
        self.n_citizens += 1
        loc = None
        if pt is not None and channel == "whatsapp" and self.rng.random() < coords_p * 2:
            lat, lon = offset(pt, self.rng, 150)
            loc = {"lat": lat, "lon": lon}
        elif pt is not None and channel == "call_center" and self.rng.random() < coords_p:
            lat, lon = offset(pt, self.rng, 250)  # the caller's handset location, from the 110 system
            loc = {"lat": lat, "lon": lon}
        text = re.sub(r"\s+([,.!?])", r"\1", " ".join(text.split()))
        self.rows.append(
            {
                "incident": incident,
                "scenario": scenario,
                "channel": channel,
                "citizen": f"{self.prefix}C{self.n_citizens:04d}",
                "sent_at": at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
                "text": text,
                "location": loc,
                "note": note,
            }
        )

    def spread(self, start: datetime, n: int, minutes: float) -> list[datetime]:
        """``n`` report times after ``start``: most within the first few minutes, a tail up to ``minutes``."""
        out = [start]
        for _ in range(n - 1):
            out.append(
                start + timedelta(seconds=round(min(minutes * 60, self.rng.expovariate(1 / (minutes * 60 / 4)))))
            )
        return sorted(out)

    # ------------------------------------------------------------------------------------------ scenarios

    def fill(self, template: str, spot: Spot | None, **slots: str) -> str:
        values = {
            "P": self.rng.choice(spot.names) if spot else "",
            "N": self.rng.choice(spot.near) if spot and spot.near and self.rng.random() < 0.5 else "",
            "DIR": self.rng.choice(DIRS),
            "V1": self.rng.choice(VEHICLES_1),
            "V2": self.rng.choice(VEHICLES_2),
            "T": "barusan",
        }
        values.update(slots)
        return template.format(**values)

    def crash(
        self, spot: Spot, start: datetime, n: int, *, jam: int = 0, worse: int = 0, scenario: str = "crash"
    ) -> str:
        inc = self.new_incident()
        plate, v1, v2 = self.plate(), self.rng.choice(VEHICLES_1), self.rng.choice(VEHICLES_2)
        times = self.spread(start, n + jam + worse, 25)
        kinds = ["report"] * n + ["jam"] * jam
        self.rng.shuffle(kinds)
        kinds = ["report", *kinds[: n + jam - 1]] + ["worse"] * worse  # the first is a report; danger grows later
        for at, kind in zip(times, kinds, strict=True):
            tpl = {"report": CRASH, "jam": CRASH_JAM, "worse": CRASH_WORSE}[kind]
            text = self.fill(self.t(tpl), spot, PL=plate, V1=v1, V2=v2, T=self.when(at))
            self.emit(inc, scenario, text, at, spot.pt, note=f"{kind}; {v1} {plate} vs {v2}")
        return inc

    def fire(self, spot: Spot, start: datetime, n: int, *, jam: int = 0, worse: int = 0) -> str:
        inc = self.new_incident()
        times = self.spread(start, n + jam + worse, 40)
        kinds = ["report"] * n + ["jam"] * jam
        self.rng.shuffle(kinds)
        kinds = ["report", *kinds[: n + jam - 1]] + ["worse"] * worse
        for at, kind in zip(times, kinds, strict=True):
            tpl = {"report": FIRE, "jam": FIRE_JAM, "worse": FIRE_WORSE}[kind]
            self.emit(inc, "fire_and_jam" if jam else "fire", self.fill(self.t(tpl), spot), at, spot.pt, note=kind)
        return inc

    def simple(
        self,
        templates: list[str],
        scenario: str,
        spot: Spot,
        start: datetime,
        n: int,
        minutes: float,
        worse: list[str] | None = None,
        n_worse: int = 0,
        **slots: str,
    ) -> str:
        inc = self.new_incident()
        times = self.spread(start, n + n_worse, minutes)
        for i, at in enumerate(times):
            tpl = worse if worse and i >= n else templates
            self.emit(
                inc,
                scenario,
                self.fill(self.t(tpl), spot, **slots),
                at,
                spot.pt,
                note="worse" if worse and i >= n else "",
            )
        return inc

    def home(
        self,
        templates: list[str],
        scenario: str,
        kel: str,
        start: datetime,
        n: int,
        minutes: float,
        gang: str | None = None,
        extra: dict[str, Any] | None = None,
        **slots: str,
    ) -> tuple[str, str]:
        """An event at a house in a kelurahan: ``{G}`` alley, ``{K}`` kelurahan spelling."""
        inc = self.new_incident()
        names, centroid = RESIDENTIAL[kel]
        gang = gang or f"gg {self.rng.randint(1, 12)}"
        pt = offset(centroid, self.rng, 400)
        for at in self.spread(start, n, minutes):
            text = self.t(templates).format(G=gang, K=self.rng.choice(names), V1=self.rng.choice(VEHICLES_1), **slots)
            self.emit(inc, scenario, text, at, pt, **(extra or {}))
        return inc, gang

    def missing_viral(self, spot: Spot, start: datetime, n: int) -> str:
        inc = self.new_incident()
        name, age = self.rng.choice(NAMES), str(self.rng.randint(5, 11))
        phone = f"0812-0000-{self.rng.randint(1000, 9999)}"
        base = self.t(MISSING_VIRAL).format(NAME=name, AGE=age, P=self.rng.choice(spot.names), T="tadi siang", PH=phone)
        for at in self.spread(start, n, 90):
            text = self.rng.choice(MISSING_PREFIX) + base
            if self.rng.random() < 0.3:
                text = text.replace("Mohon dishare", "mohon share").replace("🙏", "")
            self.emit(inc, "viral_copy", text, at, None, note="copy-pasted")
        return inc


def at(b: Builder, hh: int, mm: int, day: int = 0) -> datetime:
    return b.day + timedelta(days=day, hours=hh, minutes=mm)


def build(part: int, seed: int, day: datetime, prefix: str, scale: int) -> list[dict[str, Any]]:
    b = Builder(part, random.Random(seed), day - WIB, prefix)
    S = SPOTS
    r = b.rng
    # ---- rush hour: big crash across channels, danger grows; the same road an hour later: another crash
    b.crash(S["suhat"], at(b, 7, 5), 9, jam=3, worse=2, scenario="crash_rush")
    b.crash(S["suhat"], at(b, 8, 10), 4, jam=1, scenario="crash_same_road_later")
    b.crash(S["ayani"], at(b, 6, 40), 5, jam=2, worse=1, scenario="crash_rush")
    b.crash(S["ayani"], at(b, 7, 55), 3, scenario="crash_same_road_later")
    b.crash(S["kayutangan"], at(b, 17, 20), 6, jam=2, scenario="crash_rush")
    b.crash(S["mtharyono"], at(b, 16, 45), 4, jam=1, worse=1)
    b.crash(S["supriadi"], at(b, 12, 10), 3)
    b.crash(S["gribig"], at(b, 21, 30), 2)
    b.crash(S["sungkono"], at(b, 5, 50), 3, worse=1)
    b.crash(S["borobudur"], at(b, 7, 20), 3, scenario="crash_near_other_crash")  # 800 m from the Suhat crash
    b.crash(S["tlogomas"], at(b, 13, 5), 2)
    b.crash(S["sparman"], at(b, 9, 40), 1)
    b.crash(S["muharto"], at(b, 19, 15), 2)
    # ---- a fire and the jam it causes (one incident), danger spreading; another fire elsewhere
    b.fire(S["danautoba"], at(b, 10, 30), 5, jam=3, worse=2)
    b.fire(S["pasarbesar"], at(b, 14, 0), 6, jam=2, worse=1)
    b.fire(S["jodipan"], at(b, 2, 15), 3, worse=1)
    b.fire(S["bandulan"], at(b, 11, 50), 2)
    # ---- a plain jam on the road of the morning fire, two hours after it: another incident
    b.simple(JAM, "jam_after_fire", S["danautoba"], at(b, 13, 10), 2, 20, DIR="kota")
    # ---- violence, racing, nuisance
    b.simple(TAWURAN, "tawuran", S["gadang"], at(b, 15, 20), 4, 15, worse=TAWURAN_WORSE, n_worse=1)
    b.simple(TAWURAN, "tawuran", S["tlogowaru"], at(b, 16, 5), 3, 15)
    b.simple(RACING, "racing_night1", S["ijen"], at(b, 0, 40), 4, 40)
    b.simple(RACING, "racing_night2", S["ijen"], at(b, 23, 10), 3, 30)
    b.simple(RACING, "racing", S["sungkono"], at(b, 1, 30), 2, 30)
    # ---- trees and floods, with the jams they cause
    inc = b.simple(FLOOD_TREE[:2] + FLOOD_TREE[2:3], "tree", S["ijen"], at(b, 15, 40), 3, 20)
    for when_ in b.spread(at(b, 15, 50), 2, 20):
        b.emit(inc, "tree_and_jam", b.fill(b.t(TREE_JAM), S["ijen"]), when_, S["ijen"].pt, note="jam")
    b.simple(FLOOD_TREE[3:], "flood", S["sulfat"], at(b, 16, 30), 3, 40)
    # ---- viral copy-paste: a missing child, forwarded many times, no coordinates
    b.missing_viral(S["alun"], at(b, 13, 0), 8)
    b.missing_viral(S["arjosari"], at(b, 18, 30), 5)
    # ---- curanmor and jambret: each victim their own incident, several in the same places
    for spot_key, hh in (("pasarbesar", 9), ("pasarbesar", 16), ("mtharyono", 11), ("alun", 19), ("arjosari", 7)):
        b.simple(
            CURANMOR,
            "curanmor",
            S[spot_key],
            at(b, hh, r.randint(0, 50)),
            r.choice((1, 1, 2)),
            30,
            PL=b.plate(),
            T="tadi",
        )
    for spot_key, hh in (("kayutangan", 20), ("sulfat", 18), ("gadang", 6)):
        b.simple(JAMBRET, "jambret", S[spot_key], at(b, hh, r.randint(0, 50)), r.choice((1, 2)), 10)
    # ---- the same kelurahan, unrelated: two thefts from homes in two alleys, a drunk, drugs
    b.home(CURANMOR_HOME, "same_kelurahan", "Bunulrejo", at(b, 4, 30), 1, 5, gang="gg 3", PL=b.plate())
    b.home(CURANMOR_HOME, "same_kelurahan", "Bunulrejo", at(b, 6, 10), 2, 30, gang="gg 7", PL=b.plate())
    b.home(BRAWL_DRUNK, "same_kelurahan", "Bunulrejo", at(b, 22, 15), 2, 15)
    b.home(NARKOBA, "same_kelurahan", "Merjosari", at(b, 20, 0), 1, 5)
    b.home(BRAWL_DRUNK, "same_kelurahan", "Merjosari", at(b, 20, 25), 2, 10)
    b.home(CURANMOR_HOME, "same_kelurahan", "Sawojajar", at(b, 5, 0), 1, 5, PL=b.plate())
    b.home(NARKOBA, "narkoba", "Kasin", at(b, 21, 0), 1, 5)
    b.home(BRAWL_DRUNK, "drunk", "Tanjungrejo", at(b, 23, 40), 3, 15)
    # ---- sensitive cases beside other reports
    kd, gang = b.home(KDRT, "kdrt_near_noise", "Lesanpuro", at(b, 21, 40), 1, 5)
    for when_ in b.spread(at(b, 21, 44), 2, 10):  # the neighbours hear the same household: same incident
        text = b.t(KDRT_NEIGHBOUR).format(G=gang, K=r.choice(RESIDENTIAL["Lesanpuro"][0]))
        b.emit(
            kd,
            "kdrt_near_noise",
            text,
            when_,
            offset(RESIDENTIAL["Lesanpuro"][1], r, 300),
            note="neighbour hears it; a sensitive case, never to be merged by the rule",
        )
    b.home(BRAWL_DRUNK, "near_kdrt", "Lesanpuro", at(b, 21, 50), 2, 10)  # a drunk in the same kelurahan
    b.home(KDRT, "kdrt", "Polowijen", at(b, 19, 5), 1, 5)
    b.home(KDRT, "kdrt", "Kotalama", at(b, 8, 15), 1, 5)
    b.home(KDRT, "kdrt", "Sumbersari", at(b, 22, 5), 2, 20)  # reported twice: one incident the rule must not merge
    b.home(BRAWL_DRUNK, "near_kdrt", "Sumbersari", at(b, 22, 10), 1, 5)
    b.simple(RAZIA_JAM, "razia_jam", S["ayani"], at(b, 9, 30), 3, 20)
    b.simple(PETUGAS, "petugas_near_razia", S["ayani"], at(b, 9, 40), 1, 5)
    b.simple(PETUGAS, "petugas_near_razia", S["ayani"], at(b, 9, 55), 1, 5)  # another driver, another stop
    b.simple(RAZIA_JAM, "razia_jam", S["sparman"], at(b, 15, 0), 2, 20)
    b.simple(PETUGAS, "petugas", S["sparman"], at(b, 15, 10), 1, 5)
    # ---- scams: one victim each, no place
    for hh in (8, 10, 13, 15, 19, 20)[: 4 + part]:
        inc = b.new_incident()
        b.emit(inc, "scam", b.t(SCAM), at(b, hh, r.randint(0, 59)), None)
    # ---- plain jams on the crash roads at other times of day
    b.simple(JAM, "jam", S["suhat"], at(b, 17, 30), 3, 30, DIR="Surabaya")
    b.simple(JAM, "jam", S["kayutangan"], at(b, 12, 0), 2, 20, DIR="alun-alun")
    b.simple(JAM, "jam", S["gadang"], at(b, 6, 30), 2, 20, DIR="Blitar")
    # ---- a second day at the development set's scale: more of the same kinds, other places and times
    for k in range(scale):
        d = 1 + k
        b.crash(
            S[r.choice(("suhat", "kayutangan", "ayani", "mtharyono"))],
            at(b, 7, r.randint(0, 50), d),
            r.randint(4, 8),
            jam=r.randint(0, 2),
            worse=r.randint(0, 1),
            scenario="crash_rush",
        )
        b.crash(
            S[r.choice(("supriadi", "gribig", "sungkono", "tlogomas", "muharto"))],
            at(b, r.randint(9, 20), 10, d),
            r.randint(1, 4),
        )
        b.fire(
            S[r.choice(("gadang", "sulfat", "tlogowaru", "bandulan"))],
            at(b, r.randint(9, 15), 0, d),
            r.randint(2, 5),
            jam=r.randint(0, 2),
            worse=r.randint(0, 1),
        )
        b.simple(
            TAWURAN, "tawuran", S[r.choice(("alun", "jodipan", "bandulan"))], at(b, 16, 30, d), r.randint(2, 4), 15
        )
        b.missing_viral(S[r.choice(("pasarbesar", "gadang", "mtharyono"))], at(b, 10, 0, d), r.randint(3, 6))
        b.home(KDRT, "kdrt", r.choice(("Jatimulyo", "Purwantoro", "Mulyorejo")), at(b, 20, 30, d), 1, 5)
        b.home(BRAWL_DRUNK, "near_kdrt", r.choice(("Jatimulyo", "Purwantoro", "Mulyorejo")), at(b, 20, 35, d), 2, 10)
        b.home(
            CURANMOR_HOME,
            "same_kelurahan",
            r.choice(("Penanggungan", "Cemorokandang", "Tunjungsekar")),
            at(b, 3, 30, d),
            1,
            5,
            PL=b.plate(),
        )
        b.home(NARKOBA, "narkoba", r.choice(("Bandungrejosari", "Kotalama")), at(b, 22, 0, d), 1, 5)
        b.simple(JAM, "jam", S[r.choice(("ayani", "supriadi", "sparman"))], at(b, 17, 0, d), 2, 30, DIR="kota")
        b.simple(RACING, "racing", S["ijen"], at(b, 0, 30, d), 2, 30)
        for _ in range(2):
            inc = b.new_incident()
            b.emit(inc, "scam", b.t(SCAM), at(b, r.randint(8, 20), r.randint(0, 59), d), None)
    rows = sorted(b.rows, key=lambda row: (row["sent_at"], row["citizen"]))
    for i, row in enumerate(rows, 1):
        row["id"] = f"{prefix}{i:04d}"
    return [
        {k: row[k] for k in ("id", "incident", "scenario", "channel", "citizen", "sent_at", "text", "location", "note")}
        for row in rows
    ]


SETS: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "incidents_dev.jsonl": lambda: build(0, 20261110, datetime(2026, 11, 10, tzinfo=UTC), "D", 3),
    "incidents_holdout.jsonl": lambda: build(1, 20261117, datetime(2026, 11, 17, tzinfo=UTC), "H", 2),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args()
    for name, make in SETS.items():
        rows = make()
        path = args.out / name
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        incidents = {row["incident"] for row in rows}
        print(f"{path.name}: {len(rows)} reports, {len(incidents)} incidents")


if __name__ == "__main__":
    main()
