"""Unit tests for aduan.triage (pure: no sockets, no AWS)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aduan.triage import AREAS, CATEGORIES, POLSEK_AREAS, PRIORITIES, Triage, priority_rank, triage

SHARED = Path(__file__).resolve().parents[2] / "shared"


# --- public interface -------------------------------------------------------------------------------


def test_constants() -> None:
    assert PRIORITIES == ("rendah", "sedang", "tinggi", "darurat")
    assert AREAS == ("klojen", "blimbing", "kedungkandang", "lowokwaru", "sukun", "luar_kota")
    assert AREAS[:5] == POLSEK_AREAS
    assert len(CATEGORIES) == 13
    assert "lainnya" in CATEGORIES
    assert [priority_rank(p) for p in PRIORITIES] == [0, 1, 2, 3]


def test_triage_is_frozen_dataclass_with_dict() -> None:
    t = triage("motor saya dicuri di depan kos")
    assert isinstance(t, Triage)
    with pytest.raises(AttributeError):
        t.category = "lainnya"  # type: ignore[misc]
    d = t.to_dict()
    assert set(d) >= {"category", "priority", "area", "kelurahan", "sensitive", "reasons"}
    assert isinstance(d["reasons"], list)
    json.dumps(d)


def test_empty_and_odd_input() -> None:
    for text in ("", "   ", "!!!", "🙏", "12345"):
        t = triage(text)
        assert t.category in CATEGORIES
        assert t.priority in PRIORITIES


# --- categories -------------------------------------------------------------------------------------

CATEGORY_CASES = [
    # kecelakaan
    ("Tabrakan beruntun tiga mobil di tol Madyopuro", "kecelakaan"),
    ("barusan ada motor nyungsep ke selokan, pengendaranya jatuh", "kecelakaan"),
    ("truk gandeng terguling di tikungan, muatan tumpah", "kecelakaan"),
    ("sy korban tabrak lari semalam, pelaku mobil putih", "kecelakaan"),
    # lalu lintas
    ("lampu bangjo perempatan mati, kendaraan saling serobot", "lalu_lintas"),
    ("banyak mobil parkir liar di bahu jalan bikin macet tiap sore", "lalu_lintas"),
    ("truk odol lewat jalan kampung, aspal jadi rusak", "lalu_lintas"),
    # pencurian
    ("motor saya dicuri di parkiran masjid", "pencurian"),
    ("HP istri saya dijambret dua orang naik motor", "pencurian"),
    ("rumah tetangga kemalingan waktu ditinggal mudik", "pencurian"),
    ("aku dibegal nang dalan, montorku digondol", "pencurian"),
    ("rotom ayas ilang nang parkiran", "pencurian"),
    # kekerasan
    ("ada pengeroyokan di depan warung, korban dipukuli lima orang", "kekerasan"),
    ("tawuran pelajar pakai celurit di dekat jembatan", "kekerasan"),
    ("tetangga saya diancam pakai parang oleh orang mabuk", "kekerasan"),
    ("onok arek gelut nggowo sajam nang gang", "kekerasan"),
    # kdrt / ppa
    ("saya sering dipukul suami kalau dia pulang mabuk", "kdrt_ppa"),
    ("anak SD dicabuli tetangganya", "kdrt_ppa"),
    ("ada bapak-bapak pamer kelamin ke siswi di halte", "kdrt_ppa"),
    ("anak saya dibully dan ditendang kakak kelasnya di sekolah", "kdrt_ppa"),
    ("ada anak kecil disuruh mengemis sampai malam oleh orang dewasa", "kdrt_ppa"),
    # narkoba
    ("di kos sebelah sering pesta sabu, baunya menyengat", "narkoba"),
    ("warung itu jual miras oplosan ke anak muda", "narkoba"),
    ("ada yang jualan pil koplo di warnet", "narkoba"),
    ("arek2 ngelem nang pinggir kali", "narkoba"),
    # penipuan
    ("saya tertipu belanja online, sudah transfer barang tidak dikirim", "penipuan"),
    ("ada yang minta kode OTP ngaku dari bank, saldo saya terkuras", "penipuan"),
    ("penipuan mengatasnamakan polisi, minta transfer uang tebusan", "penipuan"),
    ("pinjol ilegal neror keluarga saya dan sebar data", "penipuan"),
    # gangguan kamtibmas
    ("setiap malam minggu ada balap liar, knalpot brong berisik sekali", "gangguan_kamtibmas"),
    ("ada sabung ayam dan judi di kebun belakang kampung", "gangguan_kamtibmas"),
    ("tukang parkir liar maksa minta 10 ribu, kalau tidak mau dibentak", "gangguan_kamtibmas"),
    ("ada orang mencurigakan mondar mandir di gang perumahan", "gangguan_kamtibmas"),
    ("sound horeg sampai jam 2 pagi, warga tidak bisa tidur", "gangguan_kamtibmas"),
    # orang hilang
    ("anak saya umur 7 tahun hilang di pasar, pakai kaos merah", "orang_hilang"),
    ("nenek kami pikun keluar rumah dan belum pulang sejak pagi", "orang_hilang"),
    ("ditemukan kakek linglung di halte, tidak tahu rumahnya", "orang_hilang"),
    # kebakaran / bencana
    ("kebakaran gudang, api makin besar", "kebakaran_bencana"),
    ("banjir setinggi lutut masuk rumah warga", "kebakaran_bencana"),
    ("pohon tumbang menutup jalan", "kebakaran_bencana"),
    ("ada bau gas menyengat dari rumah kosong", "kebakaran_bencana"),
    ("omah e tonggo kobong pak", "kebakaran_bencana"),
    # layanan
    ("mau tanya syarat bikin SKCK apa saja ya min", "layanan_polisi"),
    ("bagaimana cara perpanjang SIM C yang sudah mati?", "layanan_polisi"),
    ("kehilangan dompet isi KTP, mau buat surat kehilangan di mana?", "layanan_polisi"),
    ("mohon info nomor telepon polsek terdekat", "layanan_polisi"),
    ("mau mengurus izin keramaian untuk acara pernikahan", "layanan_polisi"),
    # pengaduan petugas
    ("oknum polisi minta uang damai waktu saya ditilang", "pengaduan_petugas"),
    ("laporan saya di polsek sudah tiga bulan tidak ditindaklanjuti", "pengaduan_petugas"),
    ("petugas di SPKT membentak saya dan menolak laporan saya", "pengaduan_petugas"),
    # lainnya
    ("terima kasih pak polisi atas bantuannya kemarin", "lainnya"),
    ("selamat pagi min", "lainnya"),
    ("jual pulsa murah, promo hari ini, klik link", "lainnya"),
]


@pytest.mark.parametrize(("text", "category"), CATEGORY_CASES)
def test_category(text: str, category: str) -> None:
    assert triage(text).category == category


# --- principled tie-breaks ----------------------------------------------------------------------------


def test_officer_extortion_is_complaint_not_pungli_by_preman() -> None:
    assert triage("petugas polantas pungli minta 100 ribu tanpa surat tilang").category == "pengaduan_petugas"
    assert triage("preman pasar pungli ke pedagang tiap hari").category == "gangguan_kamtibmas"


def test_impersonating_police_is_fraud() -> None:
    t = triage("ada yang telepon ngaku polisi, bilang anak saya ditahan dan minta transfer")
    assert t.category == "penipuan"
    assert not t.sensitive


def test_kid_tawuran_is_violence_and_child_abuse_is_ppa() -> None:
    assert triage("anak-anak SMP tawuran di lapangan bawa gir").category == "kekerasan"
    assert triage("anak tetangga dipukuli ibu tirinya tiap hari").category == "kdrt_ppa"


def test_lost_document_vs_stolen_motor() -> None:
    assert triage("kehilangan dompet, mau buat surat kehilangan").category == "layanan_polisi"
    assert triage("motor saya dicuri").category == "pencurian"
    assert triage("tanya SKCK buka jam berapa").category == "layanan_polisi"


def test_sensitive_flag() -> None:
    assert triage("saya dipukul suami tadi malam").sensitive
    assert triage("oknum polisi kasar dan membentak saya").sensitive
    assert not triage("motor saya dicuri").sensitive
    assert not triage("kebakaran rumah").sensitive


# --- priorities ---------------------------------------------------------------------------------------

PRIORITY_CASES = [
    ("tolong ada begal sekarang di jalan, korban dibacok!!", "darurat"),
    ("kecelakaan motor, pengendara berdarah dan pingsan", "darurat"),
    ("ada kecelakaan tapi tidak ada korban, cuma penyok", "sedang"),
    ("kebakaran rumah, api merembet ke rumah sebelah", "darurat"),
    ("kemarin ada kebakaran kecil tapi sudah dipadamkan, aman", "sedang"),
    ("anak saya 4 tahun hilang di mall, terpisah dari saya", "darurat"),
    ("kakek saya yang pikun belum pulang", "darurat"),
    ("suami saya pergi kerja dan tidak ada kabar dua hari", "sedang"),
    ("barusan hp saya dijambret, pelaku kabur ke utara", "tinggi"),
    ("motor saya dicuri minggu lalu di parkiran", "sedang"),
    ("maling sedang masuk rumah tetangga, tolong segera", "darurat"),
    ("saya ditipu olshop, sudah transfer 500 ribu", "sedang"),
    ("mau tanya syarat perpanjang SIM", "rendah"),
    ("terima kasih bapak polisi", "rendah"),
    ("ada tawuran sekarang di jalan, bawa celurit", "darurat"),
    ("knalpot brong tiap malam lewat depan rumah", "sedang"),
    ("orang mabuk teriak-teriak sekarang di depan gang", "tinggi"),
    ("oknum petugas minta uang damai pas razia kemarin", "sedang"),
    ("tadi ada yang dipukul di warung, pelakunya sudah kabur, korban cuma lecet", "tinggi"),
    ("banjir bandang, ada warga terseret arus", "darurat"),
    ("tiang listrik roboh, kabel putus menjuntai ke jalan", "darurat"),
]


@pytest.mark.parametrize(("text", "priority"), PRIORITY_CASES)
def test_priority(text: str, priority: str) -> None:
    assert triage(text).priority == priority


def test_negation_and_reassurance_lower_urgency() -> None:
    hurt = triage("tabrakan motor di perempatan, satu orang luka parah")
    safe = triage("tabrakan motor di perempatan, tidak ada yang luka")
    assert hurt.priority == "darurat"
    assert priority_rank(safe.priority) < priority_rank(hurt.priority)
    assert triage("tadi dikira begal, ternyata bukan begal, cuma salah paham").category != "pencurian"


def test_time_cues() -> None:
    past = triage("HP saya dijambret kemarin sore")
    fresh = triage("HP saya dijambret barusan")
    assert past.priority == "sedang"
    assert fresh.priority == "tinggi"
    assert triage("mau bengi omahku dimaling").priority == "sedang"
    assert triage("saiki onok maling nang omah, tulung!!").priority == "darurat"


def test_elongation_typos_and_walikan() -> None:
    assert triage("tolonggggg ada kebakarannnn").category == "kebakaran_bencana"
    assert triage("tlg pak skrg ada org berantem bawa pisau").priority == "darurat"
    t = triage("libom ayas dicolong nang ngalam")
    assert t.category == "pencurian"
    assert triage("kadit onok korban, mung rotom e ringsek, tabrakan").priority != "darurat"


def test_emoji_and_exclamations() -> None:
    t = triage("🔥🔥 gudang kobong!!!")
    assert t.category == "kebakaran_bencana"
    assert t.priority == "darurat"
    assert triage("sehat selalu pak polisi 🙏🔥").category == "lainnya"


# --- areas --------------------------------------------------------------------------------------------

AREA_CASES = [
    ("maling motor di Dinoyo", "lowokwaru", "Dinoyo"),
    ("kebakaran di kelurahan Sawojajar", "kedungkandang", "Sawojajar"),
    ("copet di Pasar Besar", "klojen", None),
    ("macet parah di Jl. Soekarno Hatta", "lowokwaru", None),
    ("balap liar di jalan Danau Toba", "kedungkandang", None),
    ("tawuran dekat Terminal Arjosari", "blimbing", None),
    ("laka di depan Matos", "klojen", None),
    ("jambret di alun-alun merdeka", "klojen", None),
    ("banjir di Jl. Galunggung", "klojen", None),
    ("kecelakaan di Jl. Janti", "sukun", None),
    ("parkir liar di depan Pasar Gadang", "sukun", None),
    ("ada begal di Singosari", "luar_kota", None),
    ("kebakaran lahan di Junrejo, Kota Batu", "luar_kota", None),
    ("pencurian di Jatim Park", "luar_kota", None),
    ("tabrakan di depan Sengkaling", "luar_kota", None),
    ("maling di Oro-oro Dowo", "klojen", "Oro-oro Dowo"),
    ("orang mabuk di kel. Bareng", "klojen", "Bareng"),
    ("copet di Kampung Warna-warni Jodipan", "blimbing", None),
    ("kecelakaan di jl. kawi", "klojen", None),
]


@pytest.mark.parametrize(("text", "area", "kelurahan"), AREA_CASES)
def test_area_from_text(text: str, area: str, kelurahan: str | None) -> None:
    t = triage(text)
    assert t.area == area
    if kelurahan is not None:
        assert t.kelurahan == kelurahan


@pytest.mark.parametrize(
    "text",
    [
        "motor saya dicuri waktu jalan bareng teman",
        "kaca mobil saya dilempar batu",
        "beli pisang goreng terus dompet hilang",
        "saya dipukul pakai batu akik",
        "jual buah sukun murah",
        "pelaku kabur ke arah Kepanjen",
        "jambretnya lari ke Batu",
        "saya mau ke Lawang tapi motor dicuri",
        "kecelakaan di jalan, korban dibawa ke RSSA",
    ],
)
def test_place_name_traps_give_no_area(text: str) -> None:
    assert triage(text).area is None


def test_direction_ignored_but_scene_kept() -> None:
    t = triage("dijambret di Kayutangan, pelaku kabur ke arah Kepanjen")
    assert t.area == "klojen"


def test_capitalised_ambiguous_name_counts() -> None:
    assert triage("ada maling di Bareng tadi malam").area == "klojen"
    assert triage("Tawuran pemuda Kasin vs Sukun tadi malam").area == "klojen"


@pytest.mark.parametrize(
    ("location", "area"),
    [
        ({"lat": -7.9826, "lon": 112.6308}, "klojen"),  # Alun-alun Merdeka
        ({"latitude": -7.9523, "longitude": 112.6145}, "lowokwaru"),  # UB / Ketawanggede
        ((-7.9705, 112.6605), "kedungkandang"),  # Sawojajar
        ((-8.0230, 112.6290), "sukun"),  # Gadang
        ((-7.9445, 112.6575), "blimbing"),  # Pandanwangi
        ({"lat": -7.8713, "lon": 112.5266}, "luar_kota"),  # Alun-alun Batu
        ({"lat": -7.8930, "lon": 112.6660}, "luar_kota"),  # Singosari
    ],
)
def test_area_from_coordinates(location: object, area: str) -> None:
    t = triage("ada kejadian di sini", location=location)  # type: ignore[arg-type]
    assert t.area == area
    if area != "luar_kota":
        assert t.kelurahan is not None


def test_coordinates_beat_text() -> None:
    t = triage("kebakaran di Dinoyo", location={"lat": -8.0230, "lon": 112.6290})
    assert t.area == "sukun"


def test_bad_coordinates_fall_back_to_text() -> None:
    assert triage("maling di Dinoyo", location={"lat": "x", "lon": None}).area == "lowokwaru"
    assert triage("maling di Dinoyo", location={"lat": 999, "lon": 0}).area == "lowokwaru"


# --- reasons ------------------------------------------------------------------------------------------


def test_reasons_mention_cues() -> None:
    t = triage("tolong ada begal di Dinoyo sekarang!!")
    text = " | ".join(t.reasons)
    assert t.reasons
    assert any(r.startswith("kategori:") and "begal" in r for r in t.reasons), text
    assert any(r.startswith("prioritas:") for r in t.reasons), text
    assert any(r.startswith("wilayah:") and "Dinoyo" in r for r in t.reasons), text
    assert all(r for r in t.reasons)


# --- CLI and import hygiene ---------------------------------------------------------------------------


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(SHARED))


def test_cli_round_trip() -> None:
    lines = [
        json.dumps({"text": "kebakaran di Sawojajar", "channel": "whatsapp"}),
        "",
        "this is not json",
        json.dumps({"text": "maling", "location": {"lat": -7.9826, "lon": 112.6308}}),
        json.dumps({"channel": "x"}),
        json.dumps(["not", "an", "object"]),
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "aduan.triage"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=_env(),
        check=True,
        timeout=60,
    )
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(out) == 5  # the blank line is skipped, every other line answers in order
    assert out[0]["category"] == "kebakaran_bencana"
    assert out[0]["area"] == "kedungkandang"
    assert "error" in out[1]
    assert out[2]["area"] == "klojen"
    assert "area" in out[2]
    assert "error" in out[3]
    assert "error" in out[4]


def test_cli_null_area_is_json_null() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "aduan.triage"],
        input=json.dumps({"text": "halo"}) + "\n",
        capture_output=True,
        text=True,
        env=_env(),
        check=True,
        timeout=60,
    )
    assert '"area": null' in proc.stdout


def test_no_heavy_imports() -> None:
    code = (
        "import sys, aduan.triage; "
        "bad = [m for m in ('pydantic', 'boto3', 'botocore') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_env(), check=True, timeout=60
    )
    assert proc.stdout.strip() == ""
