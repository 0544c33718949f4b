"""Aduan's triage categories as Open311 services (names and descriptions in Bahasa Indonesia).

Every service is `type` realtime (a request becomes a ticket at once, so the answer carries its number) and
has no attributes (`metadata` false): what the citizen says goes in `description`, where it passes through
the same triage as any channel's message.
"""

from __future__ import annotations

from dataclasses import dataclass

from aduan.triage import CATEGORIES


@dataclass(frozen=True, slots=True)
class Service:
    code: str
    name: str
    description: str
    group: str
    keywords: tuple[str, ...]


_SERVICES = (
    Service(
        "kecelakaan",
        "Kecelakaan lalu lintas",
        "Tabrakan, kendaraan terguling, korban kecelakaan di jalan.",
        "Darurat dan keselamatan",
        ("tabrakan", "laka", "korban"),
    ),
    Service(
        "lalu_lintas",
        "Gangguan lalu lintas",
        "Kemacetan, lampu lalu lintas mati, parkir liar, jalan tertutup.",
        "Ketertiban",
        ("macet", "parkir liar", "lampu merah"),
    ),
    Service(
        "pencurian",
        "Pencurian dan perampasan",
        "Pencurian, jambret, begal, curanmor, pembobolan rumah.",
        "Kejahatan",
        ("maling", "jambret", "begal", "curanmor"),
    ),
    Service(
        "kekerasan",
        "Kekerasan dan penganiayaan",
        "Perkelahian, pengeroyokan, penganiayaan, ancaman dengan senjata.",
        "Kejahatan",
        ("tawuran", "pengeroyokan", "senjata tajam"),
    ),
    Service(
        "kdrt_ppa",
        "KDRT, perempuan dan anak",
        "Kekerasan dalam rumah tangga, kekerasan terhadap perempuan dan anak. Ditangani Unit PPA secara rahasia.",
        "Kejahatan",
        ("kdrt", "pelecehan", "anak"),
    ),
    Service(
        "narkoba",
        "Narkoba",
        "Peredaran atau penyalahgunaan narkoba dan minuman keras oplosan.",
        "Kejahatan",
        ("sabu", "ganja", "pil koplo"),
    ),
    Service(
        "penipuan",
        "Penipuan",
        "Penipuan daring atau langsung, investasi bodong, penipuan transfer.",
        "Kejahatan",
        ("tipu", "online", "transfer"),
    ),
    Service(
        "gangguan_kamtibmas",
        "Gangguan keamanan dan ketertiban",
        "Keributan, balap liar, mabuk di tempat umum, orang mencurigakan.",
        "Ketertiban",
        ("balap liar", "mabuk", "keributan"),
    ),
    Service(
        "orang_hilang",
        "Orang hilang",
        "Anggota keluarga atau orang lain yang hilang atau belum pulang.",
        "Darurat dan keselamatan",
        ("hilang", "belum pulang"),
    ),
    Service(
        "kebakaran_bencana",
        "Kebakaran dan bencana",
        "Kebakaran, banjir, pohon tumbang, tanah longsor.",
        "Darurat dan keselamatan",
        ("kebakaran", "banjir", "pohon tumbang"),
    ),
    Service(
        "layanan_polisi",
        "Layanan kepolisian",
        "Pertanyaan tentang SKCK, SIM, surat kehilangan dan layanan polisi lain.",
        "Layanan",
        ("skck", "sim", "surat kehilangan"),
    ),
    Service(
        "pengaduan_petugas",
        "Pengaduan terhadap petugas",
        "Perilaku petugas kepolisian yang tidak patut. Ditangani Propam secara rahasia.",
        "Layanan",
        ("propam", "pungli", "oknum"),
    ),
    Service(
        "lainnya",
        "Lainnya",
        "Laporan lain yang tidak termasuk layanan di atas.",
        "Layanan",
        (),
    ),
)

SERVICES: dict[str, Service] = {s.code: s for s in _SERVICES}
#: Tickets of these services show only their status to an Open311 client (the officer API's rule too).
SENSITIVE = frozenset({"kdrt_ppa", "pengaduan_petugas"})

if set(SERVICES) != set(CATEGORIES):  # pragma: no cover - a new triage category needs its service here
    raise RuntimeError("aduan.open311.catalogue is out of step with the triage categories")


def service_name(code: str) -> str:
    service = SERVICES.get(code)
    return service.name if service else code
