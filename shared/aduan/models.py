"""The canonical ticket model shared by every channel.

Platform parsers turn deliveries into `InboundMessage`s; the ticket rules turn those into `Ticket`s.
The stored DynamoDB item is a separate shape (see `aduan.store`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field


def utcnow() -> datetime:
    return datetime.now(UTC)


class Channel(StrEnum):
    WHATSAPP = "whatsapp"
    INSTAGRAM = "instagram"
    FACEBOOK = "facebook"
    X = "x"
    TIKTOK = "tiktok"
    APP = "app"
    CALL_CENTER = "call_center"


# Short labels for SMS, where every character counts.
CHANNEL_SHORT = {
    Channel.WHATSAPP: "WA",
    Channel.INSTAGRAM: "IG",
    Channel.FACEBOOK: "FB",
    Channel.X: "X",
    Channel.TIKTOK: "TikTok",
    Channel.APP: "App",
    Channel.CALL_CENTER: "110",
}


class TicketStatus(StrEnum):
    BARU = "baru"  # new, nobody has acted yet
    DITERIMA = "diterima"  # an officer has acknowledged it (the escalation clock stops)
    DITANGANI = "ditangani"  # an officer has taken it
    SELESAI = "selesai"  # resolved
    DITUTUP = "ditutup"  # closed without action (spam, duplicate, not police business)


OPEN_STATUSES = frozenset({TicketStatus.BARU, TicketStatus.DITERIMA, TicketStatus.DITANGANI})


class _Model(BaseModel):
    # Validation errors never quote the input: it holds names and phone numbers.
    model_config = ConfigDict(frozen=True, extra="ignore", hide_input_in_errors=True)


class GeoPoint(_Model):
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]
    name: str | None = None
    address: str | None = None


class CitizenIdentity(_Model):
    """Who wrote, as the platform identifies them."""

    channel: Channel
    platform_id: str  # wa_id, IGSID, PSID, X user id, TikTok open id...
    display_name: str | None = None
    phone: str | None = None  # only where the platform gives it (WhatsApp)
    email: str | None = None  # only where the citizen gives it (the police app, through Open311)


class Media(_Model):
    kind: str  # image, video, audio, document, sticker
    media_id: str
    mime_type: str | None = None
    filename: str | None = None
    url: str | None = None  # where the platform serves the file, when the delivery says (Meta CDN, X)
    sha256: str | None = None  # the file's SHA-256 as the platform declares it (WhatsApp, base64)


class MessageAction(StrEnum):
    NEW = "new"  # a message the citizen sent
    EDIT = "edit"  # the citizen edited an earlier message (`target_message_id`): update it, never a new ticket
    REMOVE = "remove"  # the citizen (or the platform) removed or hid an earlier message: mark it


class MessageFlag(StrEnum):
    """Things about a message an officer should know, because the platform's data was not taken on trust."""

    INVALID_LOCATION = "lokasi_tidak_valid"  # coordinates out of range: kept as text, not used
    CLOCK_CLAMPED = "waktu_disesuaikan"  # platform timestamp was in the future: set to the time of receipt
    UNREADABLE_PARTS = "sebagian_tidak_terbaca"  # some parts of the message could not be read


class TicketFlag(StrEnum):
    """Things about a ticket as a whole an officer should know."""

    FLOOD = "banjir_pesan"  # the conversation sent more messages a minute than the flood limit
    THROTTLED = "dibatasi"  # opened during a flood: stored and shown, not alerted on its own


class InboundMessage(_Model):
    """One citizen message from any platform, after parsing and before ticketing."""

    channel: Channel
    platform_message_id: str
    account_id: str | None = None  # our receiving account (WhatsApp phone_number_id, page id...)
    citizen: CitizenIdentity
    # Threading is per conversation, not per person: a citizen's Instagram DM and their public comment are
    # two conversations. Empty means the citizen's direct conversation (their platform id).
    conversation_id: str = ""
    public: bool = False  # a public comment, post or mention: officers must not answer personal details there
    sent_at: datetime
    kind: str  # text, location, image, video, audio, document, sticker, contacts, interactive, button, comment, post
    text: str = ""
    location: GeoPoint | None = None
    media: tuple[Media, ...] = ()
    reply_to: str | None = None
    action: MessageAction = MessageAction.NEW
    target_message_id: str | None = None  # for EDIT and REMOVE: the platform id of the message concerned
    flags: tuple[MessageFlag, ...] = ()

    @property
    def conversation_key(self) -> str:
        """The threading key: `<channel>#<conversation>`."""
        return f"{self.channel.value}#{self.conversation_id or self.citizen.platform_id}"

    @property
    def dedup_key(self) -> str:
        """Edits share the original's platform id, so their key names the edit (platforms resend edits too)."""
        if self.action is MessageAction.NEW:
            return f"{self.channel.value}#{self.platform_message_id}"
        return f"{self.channel.value}#{self.platform_message_id}#{self.action.value}#{self.sent_at.isoformat()}"


class TicketMessage(_Model):
    platform_message_id: str
    sent_at: datetime  # the platform's timestamp, clamped to the time of receipt
    received_at: datetime
    kind: str
    text: str = ""
    location: GeoPoint | None = None
    media: tuple[Media, ...] = ()
    flags: tuple[MessageFlag, ...] = ()
    # The message's own triage, so that one message's priority is never lost in the conversation's.
    category: str | None = None
    priority: str | None = None
    edited_at: datetime | None = None  # the citizen edited it; `text` is the newest version
    account_id: str | None = None  # our receiving account (TikTok's media download names the business)
    removed_at: datetime | None = None  # the citizen or the platform removed it; kept as evidence

    @property
    def removed(self) -> bool:
        return self.removed_at is not None


class TriageResult(_Model):
    category: str
    priority: str
    area: str | None = None
    kelurahan: str | None = None
    sensitive: bool = False
    reasons: tuple[str, ...] = ()


class HistoryEntry(_Model):
    at: datetime
    actor: str  # "sistem", "notifier", or an officer id later
    action: str  # dibuat, pesan_ditambah, triase_diubah, sms_terkirim, sms_gagal, email_terkirim, ...
    detail: str = ""
    data: dict[str, Any] = Field(default_factory=dict)


class IncidentLink(_Model):
    """The incident a ticket opened or joined when it was stored (the rule is `aduan.domain.incidents`)."""

    incident_id: str
    opened: bool  # the ticket opened the incident: it is alerted as any new ticket
    alert: bool = True  # officers must hear of it: it opened the incident, raised its priority or told new danger
    reasons: tuple[str, ...] = ()  # why it joined (or why it opened a new incident), for officers
    raised: bool = False  # it joined with a priority above the incident's: the incident rose
    new_danger: tuple[str, ...] = ()  # danger the incident did not know of (`aduan.domain.incidents.DANGER`)
    follow_ups: int = 0  # follow-ups filed in the incident (each brings `alert`, `raised` up to date)


class Ticket(_Model):
    ticket_no: str
    channel: Channel
    status: TicketStatus = TicketStatus.BARU
    citizen: CitizenIdentity
    # The conversation it threads in (`InboundMessage.conversation_key`); empty on tickets stored before
    # threading was per conversation, which were all the citizen's direct conversation.
    conversation_key: str = ""
    public: bool = False  # a public comment or post: officers must not answer personal details there
    related_to: str | None = None  # the conversation's previous ticket, when this one split off it
    messages: tuple[TicketMessage, ...]
    location: GeoPoint | None = None
    triage: TriageResult
    created_at: datetime
    updated_at: datetime
    last_message_at: datetime
    version: int = 1
    flags: tuple[TicketFlag | MessageFlag, ...] = ()  # the ticket's own and every message's, once each
    history: tuple[HistoryEntry, ...] = ()
    incident: IncidentLink | None = None  # the incident it opened or joined when it was stored

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def conversation(self) -> str:
        """The threading key of the conversation this ticket belongs to."""
        return self.conversation_key or f"{self.citizen.channel.value}#{self.citizen.platform_id}"

    @property
    def text(self) -> str:
        """Everything the citizen wrote, in the order they sent it."""
        return "\n".join(m.text for m in self.messages if m.text)


class Officer(_Model):
    """An entry in the duty roster."""

    officer_id: str
    name: str
    rank: str = ""
    unit: str  # klojen, blimbing, kedungkandang, lowokwaru, sukun, polresta, ppa, propam
    unit_name: str  # "Polsek Klojen", "Piket Polresta Malang Kota"...
    phone: str  # E.164
    email: str | None = None
    shifts: tuple[Shift, ...] = ()
    active: bool = True


class Shift(_Model):
    """A weekly duty slot in local time (WIB). `end` before `start` means the shift runs past midnight."""

    days: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)  # Monday = 0
    start: str = "00:00"
    end: str = "24:00"


Officer.model_rebuild()
