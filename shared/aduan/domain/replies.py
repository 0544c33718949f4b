"""What Aduan says to citizens, and when each platform lets it say it. Pure: no clock, no storage, no HTTP.

- **Texts** (Bahasa Indonesia, short, nothing about anyone else): the receipt with the ticket number and how
  to follow it (`cek <nomor>`; for `darurat` also "jika nyawa terancam, hubungi 110"), acknowledged,
  assigned to a Polsek, resolved (with the public part of the officer's note only), the rating request,
  an officer's own reply, and the answer to `cek`.
- **Window rules** per platform (:func:`decide`): WhatsApp free-form within 24 h of the citizen's last
  message, otherwise an approved template (one per kind); Messenger and Instagram 24 h; TikTok 48 h and at
  most 10 messages per window; a public comment or post on Instagram or Facebook gets one private reply,
  within 7 days; an X mention gets one short public reply with the ticket number and nothing else. A
  message a rule forbids is a :class:`Refusal` with a machine-readable reason, recorded, never sent.
- **Recognisers** for what citizens send back: :func:`parse_status_request` (`cek K7M-4QX`) and
  :func:`parse_rating` (an answer 1-5 to the rating request).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import Any

from aduan import ticket_number

WIB = timezone(timedelta(hours=7), "WIB")

WHATSAPP_WINDOW = timedelta(hours=24)
META_WINDOW = timedelta(hours=24)  # Messenger and Instagram DMs
PRIVATE_REPLY_WINDOW = timedelta(days=7)  # Meta: one private reply per comment or visitor post
TIKTOK_WINDOW = timedelta(hours=48)
TIKTOK_MAX_PER_WINDOW = 10

#: Longest text per platform (Instagram under 1000, Messenger under 2000, X posts 280, WhatsApp 4096).
MAX_CHARS = {"whatsapp": 4096, "instagram": 1000, "facebook": 2000, "x": 280, "x_dm": 10000, "tiktok": 1000}

AREA_NAMES = {
    "klojen": "Polsek Klojen",
    "blimbing": "Polsek Blimbing",
    "kedungkandang": "Polsek Kedungkandang",
    "lowokwaru": "Polsek Lowokwaru",
    "sukun": "Polsek Sukun",
}
DUTY_DESK = "Polresta Malang Kota"


class ReplyKind(StrEnum):
    RECEIPT = "receipt"
    ACKNOWLEDGED = "acknowledged"
    ASSIGNED = "assigned"
    RESOLVED = "resolved"
    RATING_REQUEST = "rating"
    OFFICER_REPLY = "officer_reply"
    STATUS = "status"


#: The ticket events the replier answers, and what each sends (in order).
EVENT_REPLIES: dict[str, tuple[ReplyKind, ...]] = {
    "ticket.created": (ReplyKind.RECEIPT,),
    "ticket.acknowledged": (ReplyKind.ACKNOWLEDGED,),
    "ticket.assigned": (ReplyKind.ASSIGNED,),
    "ticket.resolved": (ReplyKind.RESOLVED, ReplyKind.RATING_REQUEST),
    "ticket.officer_reply": (ReplyKind.OFFICER_REPLY,),
    "status.requested": (ReplyKind.STATUS,),
}


class Mode(StrEnum):
    DIRECT = "direct"  # a message in the citizen's direct conversation (free-form)
    TEMPLATE = "template"  # WhatsApp outside its 24 h window: an approved template
    PRIVATE_REPLY = "private_reply"  # Meta: a private message answering a public comment or post
    PUBLIC_REPLY = "public_reply"  # X: a public reply to the citizen's post


# ---------------------------------------------------------------------------------------------- texts


def unit_name(area: str | None) -> str:
    return AREA_NAMES.get(area or "", DUTY_DESK)


def public_part(note: str | None) -> str:
    """The part of an officer's resolution note meant for the citizen: the text after a line starting with
    `Publik:` or `Untuk pelapor:` (case-insensitive). Without that marker, nothing: a note is written for
    colleagues and can name people, so it is never sent whole."""
    if not note:
        return ""
    found = re.search(r"(?im)^\s*(?:publik|untuk pelapor)\s*:\s*(.+)", note, re.DOTALL)
    return " ".join(found.group(1).split()) if found else ""


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def receipt_text(ticket_no: str, priority: str) -> str:
    text = (
        f"Laporan Anda sudah kami terima. Nomor tiket: {ticket_no}. "
        f"Untuk melihat perkembangannya, kirim: cek {ticket_no}"
    )
    if priority == "darurat":
        text += ". Jika nyawa terancam, hubungi 110."
    return text


def public_receipt_text(ticket_no: str) -> str:
    """X: a public reply carries the ticket number and nothing else."""
    return f"Nomor tiket: {ticket_no}"


def acknowledged_text(ticket_no: str) -> str:
    return f"Tiket {ticket_no} sudah diterima petugas dan sedang ditindaklanjuti."


def assigned_text(ticket_no: str, area: str | None) -> str:
    return f"Tiket {ticket_no} sudah diteruskan ke {unit_name(area)} untuk ditangani."


def resolved_text(ticket_no: str, note: str | None) -> str:
    public = public_part(note)
    text = f"Tiket {ticket_no} sudah selesai ditangani."
    return f"{text} Catatan petugas: {_fit(public, 600)}" if public else text


def rating_text(ticket_no: str) -> str:
    return f"Bagaimana penanganan tiket {ticket_no}? Balas dengan satu angka: 1 (buruk) sampai 5 (sangat baik)."


def officer_reply_text(ticket_no: str, text: str) -> str:
    return f"Petugas (tiket {ticket_no}): {_fit(' '.join(text.split()), 900)}"


STATUS_LABELS = {
    "baru": "sudah kami terima dan menunggu petugas",
    "diterima": "sudah diterima petugas",
    "ditangani": "sedang ditangani",
    "selesai": "sudah selesai ditangani",
    "ditutup": "sudah ditutup",
}
OPEN = frozenset({"baru", "diterima", "ditangani"})


def status_text(
    ticket_no: str, status: str | None, *, owner: bool, area: str | None, created_at: datetime | None
) -> str:
    """The answer to `cek`: details to the identity that filed the ticket (in private), otherwise only
    whether it is open or closed; an unknown number says so."""
    if status is None:
        return f"Tiket {ticket_no} tidak ditemukan. Periksa kembali nomornya."
    if not owner:
        return f"Tiket {ticket_no} masih terbuka." if status in OPEN else f"Tiket {ticket_no} sudah ditutup."
    label = STATUS_LABELS.get(status, status)
    if status == "ditangani":
        label = f"{label} {unit_name(area)}"
    text = f"Status tiket {ticket_no}: {label}."
    if created_at is not None:
        text += f" Dilaporkan {created_at.astimezone(WIB):%d-%m-%Y %H:%M} WIB."
    return text


# ---------------------------------------------------------------------------------------------- recognisers

_LEADING_MENTIONS = re.compile(r"^\s*(?:@\w+[\s,:]*)+")  # "@PolrestaMlgKota cek K7M-4QX" on X
_CEK = re.compile(r"^\s*/?cek\s*[:#]?\s*([0-9a-z]{3})([\s._-]?)([0-9a-z]{3})\s*[.!?]*\s*$", re.IGNORECASE)


def parse_status_request(text: str) -> str | None:
    """The ticket number of a status request `cek K7M-4QX` (any case, dash optional, O/0 and I/1 tolerated),
    or None. The whole message must be the request (after any leading @mentions). A number typed without its
    dash must contain a digit, so that "cek lokasi" (which reads as a number once O and I become 0 and 1)
    stays a citizen's message; about one number in ten has no digit, and with its dash it is recognised."""
    found = _CEK.match(_LEADING_MENTIONS.sub("", text or ""))
    if found is None:
        return None
    head, separator, tail = found.groups()
    if not separator and not any(c.isdigit() for c in head + tail):
        return None
    try:
        return ticket_number.normalize(head + tail)
    except ValueError:
        return None


_RATING = re.compile(
    r"^\s*(?:(?:nilai|rating|skor|bintang)\s*[:=]?\s*)?([1-5])(?:\s*(?:/\s*5|dari\s+5|bintang))?\s*[.!]*\s*$",
    re.IGNORECASE,
)
_STARS = re.compile(r"^\s*(\u2b50|\u2605){1,5}\s*$")


def parse_rating(text: str) -> int | None:
    """A citizen's answer to the rating request: one number 1-5 ("4", "nilai 5", "3/5", "4 bintang"), or one
    to five stars; None for anything else. An answer is stored on the ticket and never reopens it or alerts
    anyone (the caller decides it is an answer: the conversation's ticket is resolved)."""
    found = _RATING.match(text or "")
    if found:
        return int(found.group(1))
    if _STARS.match(text or ""):
        return sum(1 for c in text if c in "\u2b50\u2605")
    return None


def is_rating_answer(text: str) -> bool:
    """Whether a citizen's message to a resolved ticket is an answer to the rating request."""
    return parse_rating(text) is not None


@dataclass(frozen=True, slots=True)
class StatusRequest:
    """A citizen's `cek <nomor>`, as the normalizer queues it (their identity stays off the events topic)."""

    request_key: str  # the message's dedup key: one answer per message, however often it is delivered
    ticket_no: str
    channel: str
    platform_id: str
    conversation_id: str
    message_id: str
    message_kind: str
    public: bool
    sent_at: datetime

    @classmethod
    def from_event(cls, event: dict[str, Any]) -> StatusRequest:
        return cls(
            request_key=str(event["request_key"]),
            ticket_no=str(event["ticket_no"]),
            channel=str(event["channel"]),
            platform_id=str(event["platform_id"]),
            conversation_id=str(event.get("conversation_id") or ""),
            message_id=str(event["message_id"]),
            message_kind=str(event.get("message_kind") or "text"),
            public=bool(event.get("public")),
            sent_at=datetime.fromisoformat(str(event["sent_at"])),
        )

    def to_event(self) -> dict[str, Any]:
        return {
            "type": "status.requested",
            "request_key": self.request_key,
            "ticket_no": self.ticket_no,
            "channel": self.channel,
            "platform_id": self.platform_id,
            "conversation_id": self.conversation_id,
            "message_id": self.message_id,
            "message_kind": self.message_kind,
            "public": self.public,
            "sent_at": self.sent_at.isoformat(),
        }


# ---------------------------------------------------------------------------------------------- window rules


@dataclass(frozen=True, slots=True)
class Conversation:
    """What the rules need to know about where the citizen wrote."""

    channel: str
    public: bool  # a public comment, post or mention
    kind: str  # the first message's kind: text, comment, post, mention, live_comment...
    last_message_at: datetime  # the citizen's last message here (for a comment: the one a private reply answers)
    has_recipient: bool = True  # False where the platform gave no author (Instagram mentions by ids only)


@dataclass(frozen=True, slots=True)
class Allowed:
    mode: Mode
    #: A per-window quota the send must fit, claimed atomically with it: (scope, window start, limit).
    quota: tuple[str, str, int] | None = None


@dataclass(frozen=True, slots=True)
class Refusal:
    reason: str  # machine-readable
    detail: str  # for officers (Bahasa Indonesia)


Decision = Allowed | Refusal

#: Kinds that answer something the citizen just sent (they open their own window).
ANSWERS = frozenset({ReplyKind.STATUS})


def decide(
    kind: ReplyKind,
    conversation: Conversation,
    now: datetime,
    *,
    has_template: bool = False,
    quota_scope: str = "",
) -> Decision:
    """May `kind` be sent in `conversation` now, and how? (The rules are in the module doc.)

    `quota_scope` names what a per-window limit counts: the comment or post a private or public reply
    answers, TikTok's conversation."""
    c = conversation
    rule = _RULES.get(c.channel)
    if rule is None:
        return Refusal("no_reply_channel", "Saluran ini tidak punya jalur balasan ke pelapor")
    if not c.has_recipient:
        return Refusal("no_recipient", "Platform tidak memberi identitas penulis; balasan tidak dapat dikirim")
    return rule(kind, c, now - c.last_message_at, has_template, quota_scope)


def _meta(kind: ReplyKind, c: Conversation, since_last: timedelta, has_template: bool, scope: str) -> Decision:
    if c.public:
        if since_last > PRIVATE_REPLY_WINDOW:
            return Refusal("private_reply_expired", "Balasan pribadi hanya dalam 7 hari setelah komentar")
        # One private reply per comment: the quota says whether it is still unused.
        return Allowed(Mode.PRIVATE_REPLY, quota=(f"private#{scope}", "-", 1))
    if since_last <= META_WINDOW:
        return Allowed(Mode.DIRECT)
    return Refusal("window_closed", "Di luar 24 jam sejak pesan terakhir warga")


def _x(kind: ReplyKind, c: Conversation, since_last: timedelta, has_template: bool, scope: str) -> Decision:
    if not c.public:
        return Allowed(Mode.DIRECT)
    if kind is ReplyKind.RECEIPT or kind in ANSWERS:
        return Allowed(Mode.PUBLIC_REPLY, quota=(f"public#{scope}#{kind.value}", "-", 1))
    return Refusal(
        "public_thread_number_only",
        "Di utas publik X hanya nomor tiket yang dibalas; status lewat DM dengan 'cek <nomor>'",
    )


def _whatsapp(kind: ReplyKind, c: Conversation, since_last: timedelta, has_template: bool, scope: str) -> Decision:
    if since_last <= WHATSAPP_WINDOW:
        return Allowed(Mode.DIRECT)
    if has_template:
        return Allowed(Mode.TEMPLATE)
    return Refusal("window_closed_no_template", "Di luar 24 jam WhatsApp dan tidak ada template untuk pesan ini")


def _tiktok(kind: ReplyKind, c: Conversation, since_last: timedelta, has_template: bool, scope: str) -> Decision:
    if since_last > TIKTOK_WINDOW:
        return Refusal("window_closed", "Di luar 48 jam TikTok sejak pesan terakhir warga")
    return Allowed(Mode.DIRECT, quota=(f"tiktok#{scope}", c.last_message_at.isoformat(), TIKTOK_MAX_PER_WINDOW))


_RULES = {"whatsapp": _whatsapp, "instagram": _meta, "facebook": _meta, "x": _x, "tiktok": _tiktok}


WINDOW_FULL = Refusal("window_limit", "Batas 10 pesan TikTok dalam satu jendela 48 jam sudah tercapai")
PRIVATE_REPLY_USED = Refusal(
    "private_reply_used", "Balasan pribadi untuk komentar ini sudah terkirim; menunggu warga membalas"
)
PUBLIC_REPLY_USED = Refusal("public_reply_used", "Balasan publik untuk pos ini sudah terkirim")


def quota_refusal(mode: Mode) -> Refusal:
    if mode is Mode.PRIVATE_REPLY:
        return PRIVATE_REPLY_USED
    if mode is Mode.PUBLIC_REPLY:
        return PUBLIC_REPLY_USED
    return WINDOW_FULL


def limit_text(channel: str, mode: Mode, text: str) -> str:
    key = "x_dm" if channel == "x" and mode is Mode.DIRECT else channel
    return _fit(text, MAX_CHARS.get(key, 1000))
