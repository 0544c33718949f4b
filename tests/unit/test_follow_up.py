"""Which citizen messages after resolution reopen a ticket (pure, Indonesian examples)."""

from __future__ import annotations

import pytest

from aduan.domain.follow_up import adds_to_report, rating_answer

CLOSING_REMARKS = [
    "terima kasih",
    "Terima kasih banyak pak",
    "makasih pak",
    "makasiiih bu 🙏🙏",
    "Mantap",
    "mantaaap pak polisi",
    "ok siap",
    "oke",
    "siap ndan, terima kasih",
    "👍",
    "🙏🙏🙏",
    "👍👍 mantul",
    "Alhamdulillah, terima kasih atas bantuannya",
    "Matur nuwun pak",
    "suwun mas",
    "thanks min",
    "tq",
    "Semoga sukses selalu Polresta Malang Kota",
    "Pelayanannya cepat dan memuaskan, terima kasih",
    "respon cepat, keren!",
    "Terima kasih pak, motornya sudah ketemu",
    "anak saya sudah pulang, makasih banyak",
    "sudah aman pak, terima kasih",
    "Baik pak",
    "iya pak",
    "Salam hormat",
    "...",
]
RATINGS = [
    ("5", 5),
    ("4", 4),
    ("1", 1),
    (" 3 ", 3),
    ("nilai 5", 5),
    ("Nilai: 4", 4),
    ("4/5", 4),
    ("5 bintang", 5),
    ("bintang 3", 3),
    ("⭐⭐⭐⭐⭐", 5),
    ("lima", 5),
    ("5, makasih pak", 5),
    ("4 mantap", 4),
    ("saya beri nilai 5", 5),
]
ADDS_TO_REPORT = [
    "pelakunya datang lagi",
    "motor saya belum ketemu",
    "Pak, orangnya masih di depan rumah",
    "tolong pak",
    "Kok belum ada kabar?",
    "kapan motor saya dikembalikan",
    "dia mengancam saya lagi tadi malam",
    "rumah saya dilempari batu",
    "Terima kasih, tapi helmnya tidak ada",
    "makasih pak tapi pelakunya belum ditangkap",
    "ternyata HP saya juga hilang",
    "pelakunya kembali",
    "ada 3 orang mabuk di depan gang",
    "platnya N 1234 AB",
    "Suami saya pulang dan memukul saya",
    "jam 2 tadi ada yang masuk rumah",
    "Saya mau menambahkan keterangan, kejadiannya di Jl. Soekarno Hatta",
    "anaknya belum pulang sampai sekarang",
    "5 orang datang lagi",  # a count, not a rating
]


@pytest.mark.parametrize("text", CLOSING_REMARKS)
def test_a_thank_you_or_sign_off_never_reopens(text: str) -> None:
    assert adds_to_report(text) is False
    assert rating_answer(text) is None


@pytest.mark.parametrize(("text", "rating"), RATINGS)
def test_an_answer_to_the_rating_request_never_reopens(text: str, rating: int) -> None:
    assert rating_answer(text) == rating
    assert adds_to_report(text) is False


@pytest.mark.parametrize("text", ADDS_TO_REPORT)
def test_a_follow_up_that_adds_to_the_report_reopens(text: str) -> None:
    assert adds_to_report(text) is True
    assert rating_answer(text) is None


@pytest.mark.parametrize("kind", ["image", "video", "audio", "document", "location"])
def test_new_evidence_reopens_even_without_words(kind: str) -> None:
    assert adds_to_report("", kind) is True


def test_a_location_pin_or_media_with_thanks_still_reopens() -> None:
    assert adds_to_report("makasih", "text", has_location=True) is True
    assert adds_to_report("terima kasih", "image", has_media=True) is True


def test_a_sticker_or_reaction_does_not() -> None:
    assert adds_to_report("", "sticker") is False


@pytest.mark.parametrize("text", ["6", "0", "10", "45", "3 4", "nilai 3, eh 4"])
def test_numbers_that_are_not_one_rating(text: str) -> None:
    assert rating_answer(text) is None
    assert adds_to_report(text) is True


def test_a_long_story_after_it_is_over_still_reopens() -> None:
    text = "motor sudah ketemu tapi spion dan jok robek"
    assert adds_to_report(text) is True
    assert adds_to_report("motor sudah ketemu di parkiran stasiun kota baru kemarin sore") is True
