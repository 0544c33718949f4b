"""Officer alert texts that fit one SMS.

An SMS holds 160 characters of the GSM 03.38 (GSM-7) alphabet; one character outside it turns the
whole message into UCS-2, which holds only 70. Citizens write with emoji, curly quotes and accents, so
text is transliterated into GSM-7 before it is measured and cut.
"""

from __future__ import annotations

import re
import unicodedata

SMS_LIMIT = 160
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = frozenset("^{}\\[~]|€")  # each costs two septets
_REPLACEMENTS = {
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "`": "'",
    "–": "-",
    "—": "-",
    "−": "-",
    "…": "...",
    "•": "*",
    "·": "*",
    "\u00a0": " ",
    "\t": " ",
    "×": "x",
    "÷": "/",
    "°": "o",
    "²": "2",
    "³": "3",
    "½": "1/2",
    "₹": "Rs",
    "©": "(c)",
    "®": "(R)",
}
_SPACES = re.compile(r"\s+")

CATEGORY_LABELS = {
    "kecelakaan": "Kecelakaan",
    "lalu_lintas": "Lalu lintas",
    "pencurian": "Pencurian",
    "kekerasan": "Kekerasan",
    "kdrt_ppa": "KDRT/PPA",
    "narkoba": "Narkoba",
    "penipuan": "Penipuan",
    "gangguan_kamtibmas": "Kamtibmas",
    "orang_hilang": "Orang hilang",
    "kebakaran_bencana": "Kebakaran/bencana",
    "layanan_polisi": "Layanan polisi",
    "pengaduan_petugas": "Aduan thd petugas",
    "lainnya": "Lainnya",
}
AREA_LABELS = {
    "klojen": "Klojen",
    "blimbing": "Blimbing",
    "kedungkandang": "Kedungkandang",
    "lowokwaru": "Lowokwaru",
    "sukun": "Sukun",
    "luar_kota": "Luar Kota Malang",
}


def to_gsm7(text: str) -> str:
    """`text` with every character outside GSM-7 transliterated (accents dropped, quotes straightened)
    or removed (emoji, symbols), and whitespace runs collapsed to one space."""
    out: list[str] = []
    for char in text:
        if char in GSM7_BASIC or char in GSM7_EXTENDED:
            out.append(char)
        elif char in _REPLACEMENTS:
            out.append(_REPLACEMENTS[char])
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            out.append("".join(c for c in decomposed if c in GSM7_BASIC or c in GSM7_EXTENDED))
    return _SPACES.sub(" ", "".join(out)).strip()


def gsm7_length(text: str) -> int:
    """Septets `text` takes in one GSM-7 SMS; `ValueError` if it is not GSM-7."""
    length = 0
    for char in text:
        if char in GSM7_BASIC:
            length += 1
        elif char in GSM7_EXTENDED:
            length += 2
        else:
            raise ValueError(f"not GSM-7: {char!r}")
    return length


def fit(text: str, budget: int) -> str:
    """The longest prefix of GSM-7 `text` within `budget` septets, ending in `...` when cut at a word."""
    if gsm7_length(text) <= budget:
        return text
    budget -= 3
    cut: list[str] = []
    used = 0
    for char in text:
        cost = 2 if char in GSM7_EXTENDED else 1
        if used + cost > budget:
            break
        cut.append(char)
        used += cost
    prefix = "".join(cut)
    if " " in prefix[len(prefix) // 2 :]:
        prefix = prefix[: prefix.rfind(" ")]
    return prefix.rstrip(" ,.;:-") + "..."


def alert_sms(
    *,
    ticket_no: str,
    priority: str,
    category: str,
    area: str | None,
    channel_short: str,
    snippet: str,
    raised: bool = False,
    sensitive: bool = False,
    danger: bool = False,
) -> str:
    """The officer's alert, in Bahasa Indonesia, in at most 160 GSM-7 characters.

    `ADUAN DARURAT K7M-4QX Kecelakaan, Lowokwaru, via WA: "tabrakan di jl sumbersari ada korban..."`
    (`ADUAN NAIK ...` when its priority rose, `ADUAN BAHAYA BARU ...` when a follow-up told its incident new
    danger).
    """
    head = "ADUAN " + ("NAIK " if raised else "") + ("BAHAYA BARU " if danger else "") + priority.upper()
    where = AREA_LABELS.get(area or "", "lokasi belum jelas")
    header = (
        to_gsm7(f"{head} {ticket_no} {CATEGORY_LABELS.get(category, category)}, {where}, via {channel_short}:") + " "
    )
    body = "isi dibatasi, lihat di Aduan" if sensitive else to_gsm7(snippet) or "(tanpa teks)"
    text = header + '"' + fit(body, SMS_LIMIT - gsm7_length(header) - 2) + '"'
    return fit(text, SMS_LIMIT)


def compose_with_link(essential: str, optional: tuple[str, ...], snippet: str, link: str) -> str:
    """One GSM-7 SMS of `essential` parts, `optional` parts, a quoted `snippet` and a `link`.

    `essential` (the kind of alert, priority, ticket number) and `link` are never cut: `ValueError` if they
    alone exceed one SMS. The snippet shrinks first (and goes when fewer than 12 characters of it would
    fit), then the optional parts go, last first.
    """
    essential = to_gsm7(essential)
    if gsm7_length(link) != len(link):
        raise ValueError("a link must be plain GSM-7")
    floor = gsm7_length(essential) + 1 + len(link)
    if floor > SMS_LIMIT:
        raise ValueError("ticket number, priority and link do not fit one SMS")
    parts = [to_gsm7(p) for p in optional if p]
    body = to_gsm7(snippet)
    while True:
        head = " ".join([essential, *parts])
        room = SMS_LIMIT - gsm7_length(head) - len(link) - 4  # ' "' before the snippet, '" ' after it
        if body and room >= 12:
            return f'{head} "{fit(body, room)}" {link}'
        if gsm7_length(head) + 1 + len(link) <= SMS_LIMIT:
            return f"{head} {link}"
        parts.pop()


def flood_sms(ticket_no: str, channel_short: str) -> str:
    """The duty desk's alert that one conversation is flooding (at most 160 GSM-7 characters)."""
    return fit(
        to_gsm7(
            f"ADUAN BANJIR PESAN {ticket_no} via {channel_short}: satu percakapan melebihi batas pesan per menit. "
            "Semua disimpan, notifikasi dibatasi. Cek di Aduan."
        ),
        SMS_LIMIT,
    )


def add_link(text: str, link: str) -> str:
    """A one-SMS alert `text` (`HEAD "snippet"`) with `link` appended: the quoted snippet shrinks (or goes)
    to make room; the head and the link are never cut (`compose_with_link`). Never fails: an alert whose
    head leaves no room for the link goes out as it was, without one."""
    quote = text.find(' "')
    try:
        if quote == -1 or not text.endswith('"'):
            return compose_with_link(text, (), "", link)
        head, snippet = text[:quote], text[quote + 2 : -1]
        return compose_with_link(head, (), snippet.removesuffix("..."), link)
    except ValueError:
        return text
