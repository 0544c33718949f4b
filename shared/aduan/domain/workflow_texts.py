"""What officers read about the workflow: the escalation SMS, the alert SMS with its link, the ack page.

Bahasa Indonesia, one GSM-7 SMS each (`aduan.sms.compose_with_link`: ticket number, priority and link are
never cut; the snippet shrinks first). The acknowledgement page shows no citizen text at all (a forwarded
link must not leak a report): ticket number, priority, category, area and when it came in.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from html import escape

from aduan.sms import AREA_LABELS, CATEGORY_LABELS, compose_with_link

WIB = timezone(timedelta(hours=7), "WIB")
SENSITIVE_SNIPPET = "isi dibatasi, lihat di Aduan"


def _where(area: str | None) -> str:
    return AREA_LABELS.get(area or "", "lokasi belum jelas")


def alert_sms_with_link(
    *,
    ticket_no: str,
    priority: str,
    category: str,
    area: str | None,
    channel_short: str,
    snippet: str,
    link: str,
    raised: bool = False,
    sensitive: bool = False,
) -> str:
    """`ADUAN DARURAT K7M-4QX Kecelakaan, Lowokwaru, via WA: "tabrakan..." https://x.id/a/<token>`"""
    head = "ADUAN " + ("NAIK " if raised else "") + priority.upper() + " " + ticket_no
    optional = (f"{CATEGORY_LABELS.get(category, category)},", f"{_where(area)},", f"via {channel_short}:")
    return compose_with_link(head, optional, SENSITIVE_SNIPPET if sensitive else snippet, link)


def escalation_sms(
    *,
    ticket_no: str,
    priority: str,
    step: int,
    waited: str,
    category: str,
    area: str | None,
    snippet: str,
    link: str,
    sensitive: bool = False,
) -> str:
    """`ESKALASI 2 DARURAT K7M-4QX blm diterima 10 mnt. Kecelakaan, Lowokwaru: "..." https://x.id/a/<token>`"""
    head = f"ESKALASI {step} {priority.upper()} {ticket_no} blm diterima {waited}."
    optional = (f"{CATEGORY_LABELS.get(category, category)},", f"{_where(area)}:")
    return compose_with_link(head, optional, SENSITIVE_SNIPPET if sensitive else snippet, link)


def reopened_sms(
    *,
    ticket_no: str,
    priority: str,
    category: str,
    area: str | None,
    channel_short: str,
    snippet: str,
    link: str,
    sensitive: bool = False,
) -> str:
    """`ADUAN DIBUKA LAGI DARURAT K7M-4QX Pencurian, Sukun, via WA: "pelakunya datang lagi" https://x.id/a/<t>`"""
    head = f"ADUAN DIBUKA LAGI {priority.upper()} {ticket_no}"
    optional = (f"{CATEGORY_LABELS.get(category, category)},", f"{_where(area)},", f"via {channel_short}:")
    return compose_with_link(head, optional, SENSITIVE_SNIPPET if sensitive else snippet, link)


_PAGE = """<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
<style>body{{font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.4}}
button{{font-size:1.25rem;padding:.8rem 1.6rem;width:100%}}dt{{font-weight:bold}}</style>
</head><body>
<h1>{title}</h1>
{body}
</body></html>
"""


def _page(title: str, body: str) -> str:
    return _PAGE.format(title=escape(title), body=body)


def _facts(ticket_no: str, priority: str, category: str, area: str | None, created_at: datetime) -> str:
    rows = [
        ("Tiket", ticket_no),
        ("Prioritas", priority.upper()),
        ("Kategori", CATEGORY_LABELS.get(category, category)),
        ("Wilayah", _where(area)),
        ("Masuk", f"{created_at.astimezone(WIB):%d-%m-%Y %H:%M} WIB"),
    ]
    return "<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows) + "</dl>"


def ack_page(
    *, ticket_no: str, priority: str, category: str, area: str | None, created_at: datetime, officer_id: str
) -> str:
    """The page a valid link opens: the ticket's facts and one button (a POST to the same address)."""
    body = (
        _facts(ticket_no, priority, category, area, created_at)
        + f"<p>Anda masuk sebagai petugas <b>{escape(officer_id)}</b>. Tekan tombol untuk menerima tiket ini; "
        "eskalasi ke atasan berhenti.</p>"
        '<form method="post"><button type="submit">Terima tiket</button></form>'
    )
    return _page(f"Tiket {ticket_no}", body)


def acknowledged_page(*, ticket_no: str, by: str, at: datetime, mine: bool) -> str:
    when = f"{at.astimezone(WIB):%d-%m-%Y %H:%M} WIB"
    if mine:
        return _page("Tiket diterima", f"<p>Tiket <b>{escape(ticket_no)}</b> Anda terima pada {escape(when)}.</p>")
    return _page(
        "Tiket sudah diterima",
        f"<p>Tiket <b>{escape(ticket_no)}</b> sudah diterima oleh petugas <b>{escape(by)}</b> "
        f"pada {escape(when)}. Tidak ada yang diubah.</p>",
    )


LINK_PROBLEMS = {
    "unknown": ("Tautan tidak dikenal", "Tautan ini tidak valid. Periksa kembali SMS Anda atau buka tiket di Aduan."),
    "expired": ("Tautan kedaluwarsa", "Tautan ini sudah lewat 24 jam. Buka tiket di Aduan untuk menerimanya."),
    "finished": ("Tiket sudah selesai", "Tiket ini sudah selesai atau ditutup. Tidak ada yang diubah."),
}


def problem_page(state: str) -> str:
    title, text = LINK_PROBLEMS[state]
    return _page(title, f"<p>{escape(text)}</p>")
