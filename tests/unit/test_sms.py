from __future__ import annotations

import pytest

from aduan.sms import GSM7_BASIC, GSM7_EXTENDED, SMS_LIMIT, alert_sms, fit, gsm7_length, to_gsm7

LONG = (
    "Tolonggg pak 🚨🚨 ada tabrakan motor vs truk di Jl. Sumbersari dekat kampus, korban “berdarah” masih "
    "tergeletak di jalan… cepat datang!! {urgent} ada 3 orang luka parah dan macet total sampai ke Dinoyo"
)


def _is_gsm7(text: str) -> bool:
    return all(c in GSM7_BASIC or c in GSM7_EXTENDED for c in text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("“kutip” ‘satu’", "\"kutip\" 'satu'"),
        ("Café crêpe", "Café crepe"),  # é is GSM-7 and stays; ê is not
        ("tolong 🙏🔥 cepat", "tolong cepat"),
        ("a\u00a0b\t c\n\nd", "a b c d"),
        ("jam 2–3…", "jam 2-3..."),
        ("Ñandú", "Ñandu"),
    ],
)
def test_transliteration_keeps_text_in_gsm7(raw: str, expected: str) -> None:
    out = to_gsm7(raw)
    assert _is_gsm7(out)
    assert out == expected


def test_extended_characters_cost_two() -> None:
    assert gsm7_length("abc") == 3
    assert gsm7_length("{}") == 4
    with pytest.raises(ValueError, match="not GSM-7"):
        gsm7_length("😀")


def test_fit_cuts_at_a_word_with_an_ellipsis() -> None:
    text = "satu dua tiga empat lima enam tujuh delapan"
    cut = fit(text, 20)
    assert gsm7_length(cut) <= 20
    assert cut.endswith("...")
    assert text.startswith(cut[:-3])


@pytest.mark.parametrize("priority", ["darurat", "tinggi", "sedang", "rendah"])
@pytest.mark.parametrize("raised", [False, True])
def test_alert_fits_one_gsm7_sms_whatever_the_citizen_wrote(priority: str, raised: bool) -> None:
    text = alert_sms(
        ticket_no="K7M-4QX",
        priority=priority,
        category="kecelakaan",
        area="lowokwaru",
        channel_short="WA",
        snippet=LONG * 3,
        raised=raised,
    )
    assert _is_gsm7(text)
    assert gsm7_length(text) <= SMS_LIMIT
    assert text.startswith(
        f"ADUAN {'NAIK ' if raised else ''}{priority.upper()} K7M-4QX Kecelakaan, Lowokwaru, via WA: "
    )
    assert "Tolonggg pak ada tabrakan motor" in text


def test_alert_with_unknown_area_and_sensitive_case_hides_the_text() -> None:
    text = alert_sms(
        ticket_no="ABC-123",
        priority="tinggi",
        category="kdrt_ppa",
        area=None,
        channel_short="WA",
        snippet="suami memukul istri di rumah no 5",
        sensitive=True,
    )
    assert "lokasi belum jelas" in text
    assert "memukul" not in text
    assert "isi dibatasi" in text


def test_short_snippet_is_not_cut() -> None:
    text = alert_sms(
        ticket_no="ABC-123",
        priority="darurat",
        category="kebakaran_bencana",
        area="sukun",
        channel_short="WA",
        snippet="rumah terbakar di Gadang",
    )
    assert text == 'ADUAN DARURAT ABC-123 Kebakaran/bencana, Sukun, via WA: "rumah terbakar di Gadang"'
