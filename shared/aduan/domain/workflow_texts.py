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
    incident: tuple[str, int] | None = None,
) -> str:
    """`ESKALASI 2 DARURAT K7M-4QX blm diterima 10 mnt. Kecelakaan, Lowokwaru: "..." https://x.id/a/<token>`;
    for a ticket in an incident (`incident`: its id and reports) the incident comes first among the optional
    parts: `... 10 mnt. Insiden IN-7K2M-Q9XD 10 lap. Kecelakaan, ...` (the link acknowledges the incident)."""
    head = f"ESKALASI {step} {priority.upper()} {ticket_no} blm diterima {waited}."
    named = (f"Insiden {incident[0]} {incident[1]} lap.",) if incident else ()
    optional = (*named, f"{CATEGORY_LABELS.get(category, category)},", f"{_where(area)}:")
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
    *,
    ticket_no: str,
    priority: str,
    category: str,
    area: str | None,
    created_at: datetime,
    officer_id: str,
    incident: tuple[str, int, int] | None = None,
) -> str:
    """The page a valid link opens: the ticket's facts and one button (a POST to the same address). An
    incident's link (`incident`: its id, reports, how many wait) acknowledges the whole incident."""
    if incident is None:
        what, button, title = "menerima tiket ini", "Terima tiket", f"Tiket {ticket_no}"
        extra = ""
    else:
        incident_id, reports, waiting = incident
        what = f"menerima insiden ini ({waiting} dari {reports} laporan belum diterima)"
        button, title = "Terima insiden", f"Insiden {incident_id}"
        extra = f"<p>Tiket ini bagian dari insiden <b>{escape(incident_id)}</b>: {reports} laporan.</p>"
    body = (
        _facts(ticket_no, priority, category, area, created_at)
        + extra
        + f"<p>Anda masuk sebagai petugas <b>{escape(officer_id)}</b>. Tekan tombol untuk {escape(what)}; "
        "eskalasi ke atasan berhenti.</p>"
        f'<form method="post"><button type="submit">{escape(button)}</button></form>'
    )
    return _page(title, body)


def acknowledged_page(
    *, ticket_no: str, by: str, at: datetime, mine: bool, incident: tuple[str, int] | None = None
) -> str:
    """After the POST (or a link to something already acknowledged). `incident`: its id and how many of its
    tickets this officer just acknowledged."""
    when = f"{at.astimezone(WIB):%d-%m-%Y %H:%M} WIB"
    if incident is not None and mine:
        incident_id, count = incident
        return _page(
            "Insiden diterima",
            f"<p>Insiden <b>{escape(incident_id)}</b> Anda terima pada {escape(when)}: {count} laporan "
            "diterima, eskalasi berhenti.</p>",
        )
    if incident is not None:
        return _page(
            "Insiden sudah diterima",
            f"<p>Insiden <b>{escape(incident[0])}</b> (tiket <b>{escape(ticket_no)}</b>) sudah diterima oleh "
            f"petugas <b>{escape(by)}</b>. Tidak ada yang diubah.</p>",
        )
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
