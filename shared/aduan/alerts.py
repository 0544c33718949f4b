"""Who is alerted about a ticket, and how.

Routing rules (in this order):
- complaints about officers (`pengaduan_petugas`) go to Propam and the Polresta duty desk, never only to
  the unit of the officer complained about;
- domestic violence and crimes against women and children (`kdrt_ppa`) go to the PPA unit (and, when
  someone is in danger now, to the Polsek of the area), with the message text withheld from SMS and email;
- anything else goes to the Polsek of its area; an unknown area, or one outside the city, goes to the
  Polresta duty desk; `darurat` tickets also go to the duty desk.
`darurat` and `tinggi` are sent by SMS to the officers on duty and by email through the alerts topic;
`sedang` and `rendah` by email only. A unit with nobody on duty falls back to the duty desk, and a duty
desk with nobody on shift falls back to every officer listed for it, so an alert never goes nowhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, timezone

from aduan.models import CHANNEL_SHORT, MessageFlag, Officer, Shift, Ticket, TicketFlag
from aduan.sms import AREA_LABELS, CATEGORY_LABELS, alert_sms, flood_sms
from aduan.triage import POLSEK_AREAS

WIB = timezone(timedelta(hours=7), "WIB")
DUTY_DESK = "polresta"
UNIT_NAMES = {
    "klojen": "Polsek Klojen",
    "blimbing": "Polsek Blimbing",
    "kedungkandang": "Polsek Kedungkandang",
    "lowokwaru": "Polsek Lowokwaru",
    "sukun": "Polsek Sukun",
    DUTY_DESK: "Piket Polresta Malang Kota",
    "ppa": "Unit PPA Satreskrim",
    "propam": "Si Propam Polresta",
}
SMS_PRIORITIES = frozenset({"darurat", "tinggi"})
FLOOD_TRIGGER = "banjir"
FLAG_LABELS = {
    MessageFlag.INVALID_LOCATION: "lokasi yang dikirim tidak valid (disimpan sebagai teks)",
    MessageFlag.CLOCK_CLAMPED: "waktu dari platform di masa depan, disesuaikan ke waktu diterima",
    MessageFlag.UNREADABLE_PARTS: "sebagian pesan tidak terbaca",
    TicketFlag.FLOOD: "banjir pesan dari percakapan ini",
    TicketFlag.THROTTLED: "dibuat saat banjir pesan, tanpa notifikasi sendiri",
}


def target_units(category: str, priority: str, area: str | None) -> list[str]:
    """The units that must hear about a ticket, most responsible first."""
    if category == "pengaduan_petugas":
        return ["propam", DUTY_DESK]
    if category == "kdrt_ppa":
        units = ["ppa"]
        if priority == "darurat":
            units.append(area if area in POLSEK_AREAS else DUTY_DESK)
        return units
    units = [area] if area in POLSEK_AREAS else [DUTY_DESK]
    if priority == "darurat" and DUTY_DESK not in units:
        units.append(DUTY_DESK)
    return units


def on_shift(shift: Shift, moment: datetime) -> bool:
    """Is `moment` inside this weekly shift (local time, WIB)? Shifts may run past midnight."""
    local = moment.astimezone(WIB)
    now = local.time()
    start = _clock(shift.start)
    end = _clock(shift.end)
    if start < end:
        return local.weekday() in shift.days and start <= now < end
    # Overnight: the part before midnight belongs to the day the shift starts on.
    if now >= start:
        return local.weekday() in shift.days
    return (local.weekday() - 1) % 7 in shift.days and now < end


def _clock(value: str) -> time:
    if value == "24:00":
        return time.max
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def on_duty(officers: Iterable[Officer], moment: datetime) -> list[Officer]:
    return [o for o in officers if o.active and any(on_shift(s, moment) for s in o.shifts)]


@dataclass(frozen=True, slots=True)
class AlertPlan:
    # "dibuat", "naik-<priority>", "wilayah" (the ticket now concerns more units), "bahaya-<danger>" (a
    # follow-up told its incident new danger), "pembaruan_insiden" (a short update)
    trigger: str
    units: tuple[str, ...]
    sms_recipients: tuple[Officer, ...]
    sms_text: str | None
    email_subject: str
    email_body: str
    email_recipients: tuple[Officer, ...]  # who the alerts topic's unit subscriptions reach
    notes: tuple[str, ...] = field(default=())


def plan_alert(
    ticket: Ticket,
    trigger: str,
    roster: Callable[[str], list[Officer]],
    now: datetime,
    already_alerted: Iterable[str] = (),
) -> AlertPlan:
    """Decide recipients and texts for one alert about `ticket`, leaving out `already_alerted` units."""
    triage = ticket.triage
    skip = set(already_alerted)
    units = [u for u in target_units(triage.category, triage.priority, triage.area) if u not in skip]
    notes: list[str] = []
    sms: list[Officer] = []
    emails: list[Officer] = []
    for unit in units:
        listed = roster(unit)
        emails.extend(o for o in listed if o.active and o.email)
        if triage.priority not in SMS_PRIORITIES:
            continue
        duty = on_duty(listed, now)
        if not duty and unit != DUTY_DESK:
            notes.append(f"Tidak ada petugas jaga di {UNIT_NAMES.get(unit, unit)}; dialihkan ke piket Polresta")
            duty = on_duty(roster(DUTY_DESK), now)
        if not duty:
            notes.append("Tidak ada petugas jaga di piket Polresta; dikirim ke semua petugas piket")
            duty = [o for o in roster(DUTY_DESK) if o.active]
        sms.extend(duty)
    sms_unique = tuple({o.officer_id: o for o in sms}.values())
    emails_unique = tuple({o.officer_id: o for o in emails}.values())
    raised = trigger.startswith("naik-")
    newest = raised or trigger.startswith("bahaya-")  # a follow-up's news: quote the newest message
    sms_text = None
    if sms_unique:
        sms_text = alert_sms(
            ticket_no=ticket.ticket_no,
            priority=triage.priority,
            category=triage.category,
            area=triage.area,
            channel_short=CHANNEL_SHORT[ticket.channel],
            snippet=_snippet(ticket, newest_first=newest),
            raised=raised,
            sensitive=triage.sensitive,
            danger=trigger.startswith("bahaya-"),
        )
    subject, body = email_text(ticket, raised)
    return AlertPlan(
        trigger=trigger,
        units=tuple(units),
        sms_recipients=sms_unique,
        sms_text=sms_text,
        email_subject=subject,
        email_body=body,
        email_recipients=emails_unique,
        notes=tuple(notes),
    )


def plan_flood_alert(ticket: Ticket, roster: Callable[[str], list[Officer]], now: datetime) -> AlertPlan:
    """The duty desk's one alert that a conversation is flooding: every message is kept, and the flood's
    further tickets are not alerted on their own."""
    listed = roster(DUTY_DESK)
    duty = on_duty(listed, now) or [o for o in listed if o.active]
    subject = f"[Aduan] Banjir pesan {ticket.ticket_no} via {ticket.channel.value}"
    body = "\n".join(
        [
            f"Tiket: {ticket.ticket_no}",
            f"Kanal: {ticket.channel.value}",
            "Satu percakapan mengirim pesan melebihi batas per menit. Semua pesan disimpan; tiket yang",
            "dibuka selama banjir pesan ditandai 'dibatasi' dan tidak dikirim notifikasi sendiri.",
            "Periksa percakapan ini di Aduan: bisa jadi keadaan darurat, bisa jadi penyalahgunaan.",
        ]
    )
    return AlertPlan(
        trigger=FLOOD_TRIGGER,
        units=(DUTY_DESK,),
        sms_recipients=tuple({o.officer_id: o for o in duty}.values()),
        sms_text=flood_sms(ticket.ticket_no, CHANNEL_SHORT[ticket.channel]) if duty else None,
        email_subject=subject[:100],
        email_body=body,
        email_recipients=tuple(o for o in listed if o.active and o.email),
    )


def _snippet(ticket: Ticket, *, newest_first: bool) -> str:
    """What the citizen wrote, for the SMS: their words before any location label (a pin's text is its
    label; a report with both words and coordinates, from the app, 110 or an X post, keeps its words); for
    an alert about a raised priority, the newest message first, since that is what raised it."""
    said = [
        m.text for m in ticket.messages if m.text and (m.location is None or m.kind != "location") and not m.removed
    ]
    if newest_first:
        said.reverse()
    return " / ".join(said) or _place(ticket)


def _place(ticket: Ticket) -> str:
    if ticket.location is None:
        return ""
    return (
        ticket.location.name or ticket.location.address or f"titik {ticket.location.lat:.5f},{ticket.location.lon:.5f}"
    )


def email_text(ticket: Ticket, raised: bool) -> tuple[str, str]:
    """Subject and body of the alert email, in Bahasa Indonesia."""
    t = ticket.triage
    category = CATEGORY_LABELS.get(t.category, t.category)
    area = AREA_LABELS.get(t.area or "", "lokasi belum jelas")
    prefix = "Prioritas naik: " if raised else ""
    subject = f"[Aduan {t.priority.upper()}] {prefix}{ticket.ticket_no} {category} - {area}"[:100]
    lines = [
        f"Tiket: {ticket.ticket_no}",
        f"Prioritas: {t.priority}" + (" (naik)" if raised else ""),
        f"Kategori: {category}",
        f"Wilayah: {area}" + (f" (Kel. {t.kelurahan})" if t.kelurahan else ""),
        f"Kanal: {ticket.channel.value}"
        + (" (publik: komentar/kiriman terbuka, jangan balas dengan data pribadi di sana)" if ticket.public else ""),
        f"Diterima: {ticket.created_at.astimezone(WIB):%d-%m-%Y %H:%M} WIB",
        f"Pesan terakhir: {ticket.last_message_at.astimezone(WIB):%d-%m-%Y %H:%M} WIB",
    ]
    if ticket.related_to:
        lines.append(f"Terkait tiket: {ticket.related_to} (percakapan yang sama, kejadian lain)")
    if ticket.flags:
        lines.append("Catatan: " + "; ".join(FLAG_LABELS.get(flag, flag.value) for flag in ticket.flags))
    if ticket.location is not None:
        lines.append(
            f"Lokasi: https://maps.google.com/?q={ticket.location.lat:.6f},{ticket.location.lon:.6f} {_place(ticket)}"
        )
    if t.reasons:
        lines.append("Alasan triase: " + "; ".join(t.reasons))
    lines.append("")
    if t.sensitive:
        lines.append("Isi laporan dibatasi (kasus sensitif). Buka tiket di Aduan untuk membaca.")
    else:
        lines.append("Isi laporan:")
        lines.extend(f"> {m.text}" + (" [dihapus]" if m.removed else "") for m in ticket.messages if m.text)
    return subject, "\n".join(lines)
