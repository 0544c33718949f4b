"""Evidence: the files citizens send (photos, videos, voice notes, documents), kept unchanged and provably so.

Pure: no AWS, no network. What is here:

- which attachments are files worth fetching, and each one's size limit (WhatsApp's own: image 5 MB,
  video 16 MB, audio 16 MB, document 100 MB; the same limits for every channel);
- :class:`FetchJob`, one attachment of one stored message, and :func:`jobs_for`, the jobs a ticket's stream
  record asks for (an inserted ticket: all its attachments; a changed one: those it did not have before);
- :func:`sniff`, the content type read from the bytes (magic numbers), and :func:`check_type`, whether the
  type the platform declared agrees with it;
- the key scheme: one object per file and ticket, ``tickets/<ticket_no>/<sha256>`` (the same bytes sent
  twice to one ticket are one object), and a stable id per attachment, so a redelivered or refetched job
  finds what was already recorded.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from aduan.models import Ticket

MB = 1024 * 1024


class SizeClass(StrEnum):
    IMAGE = "image"
    VIDEO = "video"
    AUDIO = "audio"
    DOCUMENT = "document"


#: WhatsApp Cloud API's upload limits, applied to every channel.
SIZE_LIMITS: dict[SizeClass, int] = {
    SizeClass.IMAGE: 5 * MB,
    SizeClass.VIDEO: 16 * MB,
    SizeClass.AUDIO: 16 * MB,
    SizeClass.DOCUMENT: 100 * MB,
}

#: Attachment kinds (as the parsers name them) that are files, and the limit each falls under. A story
#: can be a photo or a video, so it gets the video limit. Not files: `share` and `link` (a post's URL),
#: `template`, `fallback`, and anything unknown.
FETCHABLE: dict[str, SizeClass] = {
    "image": SizeClass.IMAGE,
    "photo": SizeClass.IMAGE,
    "sticker": SizeClass.IMAGE,
    "animated_image": SizeClass.IMAGE,
    "video": SizeClass.VIDEO,
    "reel": SizeClass.VIDEO,
    "ig_reel": SizeClass.VIDEO,
    "story": SizeClass.VIDEO,
    "story_mention": SizeClass.VIDEO,
    "audio": SizeClass.AUDIO,
    "document": SizeClass.DOCUMENT,
    "file": SizeClass.DOCUMENT,
}


def size_limit(kind: str) -> int:
    return SIZE_LIMITS[FETCHABLE.get(kind, SizeClass.DOCUMENT)]


# ---------------------------------------------------------------------------------------------- jobs
class FetchJob(BaseModel):
    """One attachment of one stored message: what the media fetcher needs to download and record it.

    Carries platform ids (the media id or URL, the message id), so it travels on the evidence queue and is
    never logged; logs carry the ticket number and, once fetched, the hash and size.
    """

    model_config = ConfigDict(frozen=True, extra="ignore", hide_input_in_errors=True)

    ticket_no: str
    channel: str
    message_id: str  # the platform's message id
    received_at: str  # when Aduan received the message (ISO 8601)
    index: int  # the attachment's position in the message
    kind: str
    media_id: str  # the platform's media id, or the attachment's URL (Instagram, Facebook)
    url: str | None = None
    mime_type: str | None = None  # as the platform declared it
    filename: str | None = None
    platform_sha256: str | None = None  # WhatsApp declares the file's SHA-256 (base64)
    conversation_id: str | None = None  # TikTok's download endpoint addresses the conversation
    account_id: str | None = None  # our receiving account (TikTok business id)

    @property
    def attachment_id(self) -> str:
        return attachment_id(self.channel, self.message_id, self.media_id)

    @property
    def limit(self) -> int:
        return size_limit(self.kind)


def attachment_id(channel: str, message_id: str, media_id: str) -> str:
    """A stable id for one attachment (the same on every redelivery and refetch); reveals no platform id."""
    return hashlib.sha256(f"{channel}\x1f{message_id}\x1f{media_id}".encode()).hexdigest()[:32]


def _conversation(ticket: Ticket) -> str | None:
    key = ticket.conversation
    return key.split("#", 1)[1] if "#" in key else None


def attachments(ticket: Ticket) -> list[FetchJob]:
    """Every fetchable attachment of the ticket's messages, in order."""
    jobs = []
    for message in ticket.messages:
        for index, media in enumerate(message.media):
            if media.kind not in FETCHABLE or not media.media_id:
                continue
            jobs.append(
                FetchJob(
                    ticket_no=ticket.ticket_no,
                    channel=ticket.channel.value,
                    message_id=message.platform_message_id,
                    received_at=message.received_at.isoformat(),
                    index=index,
                    kind=media.kind,
                    media_id=media.media_id,
                    url=media.url,
                    mime_type=media.mime_type,
                    filename=media.filename,
                    platform_sha256=media.sha256,
                    conversation_id=_conversation(ticket),
                    account_id=message.account_id,
                )
            )
    return jobs


def jobs_for(new: Ticket, old: Ticket | None) -> list[FetchJob]:
    """The attachments a ticket's change brings: all of an inserted ticket's, a changed ticket's new ones."""
    seen = {job.attachment_id for job in attachments(old)} if old is not None else set()
    return [job for job in attachments(new) if job.attachment_id not in seen]


def object_key(ticket_no: str, sha256_hex: str) -> str:
    """One object per file and ticket: the same bytes sent twice to one ticket are one object."""
    return f"tickets/{ticket_no}/{sha256_hex}"


# ---------------------------------------------------------------------------------------------- types
OCTET_STREAM = "application/octet-stream"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
_THREE_GP_BRANDS = (b"3gp", b"3g2")
_OOXML = (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX))


#: Formats recognised by their first bytes alone, in the order they are tried.
_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"OggS", "audio/ogg"),  # Opus voice notes (WhatsApp's), Vorbis
    (b"#!AMR-WB\n", "audio/amr-wb"),
    (b"#!AMR\n", "audio/amr"),
    (b"ID3", "audio/mpeg"),
    (b"%PDF-", "application/pdf"),
)


def sniff(data: bytes) -> str:
    """The content type the bytes say they are (magic numbers), or ``application/octet-stream``."""
    head = data[:64]
    for prefix, content_type in _PREFIXES:
        if head.startswith(prefix):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":
        return _iso_media_type(head[8:12])
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        # An MPEG audio frame without an ID3 tag; layer bits 00 is AAC in an ADTS stream.
        return "audio/aac" if head[1] & 0xF6 == 0xF0 else "audio/mpeg"
    return _zip_type(data) if head.startswith(b"PK\x03\x04") else OCTET_STREAM


def _iso_media_type(brand: bytes) -> str:
    """MP4, 3GP, M4A and QuickTime share one container (ISO BMFF); its major brand says which."""
    if brand.startswith(_THREE_GP_BRANDS):
        return "video/3gpp"
    if brand in (b"M4A ", b"M4B "):
        return "audio/mp4"
    if brand == b"qt  ":
        return "video/quicktime"
    return "video/mp4"


def _zip_type(data: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return "application/zip"
    for prefix, content_type in _OOXML:
        if any(name.startswith(prefix) for name in names):
            return content_type
    return "application/zip"


#: Declared types that name the same format as a detected one (containers shared by audio and video,
#: aliases platforms use).
_SAME_FORMAT: dict[str, frozenset[str]] = {
    "image/jpeg": frozenset({"image/jpeg", "image/jpg", "image/pjpeg"}),
    "video/mp4": frozenset({"video/mp4", "audio/mp4", "audio/m4a", "audio/x-m4a", "video/quicktime"}),
    "audio/mp4": frozenset({"audio/mp4", "audio/m4a", "audio/x-m4a", "video/mp4", "audio/aac"}),
    "video/quicktime": frozenset({"video/quicktime", "video/mp4"}),
    "video/3gpp": frozenset({"video/3gpp", "audio/3gpp", "video/3gpp2", "audio/3gpp2"}),
    "audio/ogg": frozenset({"audio/ogg", "audio/opus", "application/ogg", "video/ogg"}),
    "audio/mpeg": frozenset({"audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mpeg"}),
    "audio/aac": frozenset({"audio/aac", "audio/x-aac", "audio/aacp"}),
    "application/zip": frozenset({"application/zip", "application/x-zip-compressed"}),
}
_GENERIC = frozenset({"", OCTET_STREAM, "binary/octet-stream", "application/unknown"})


class TypeVerdict(StrEnum):
    MATCH = "match"  # the bytes are what the platform said
    MISMATCH = "mismatch"  # the bytes contradict the declared type: recorded, the detected type is used
    UNDECLARED = "undeclared"  # the platform said nothing (or only "octet-stream"); the bytes decide
    UNRECOGNISED = "unrecognised"  # no known magic number: kept as octet-stream, offered as a download


@dataclass(frozen=True, slots=True)
class TypeCheck:
    declared: str | None
    detected: str
    verdict: TypeVerdict

    @property
    def content_type(self) -> str:
        """What the object is stored and served as: the detected type, never the declared one (a file that
        claims to be an image and is HTML must not be rendered as either)."""
        return self.detected


def base_type(declared: str | None) -> str:
    """``audio/ogg; codecs=opus`` -> ``audio/ogg``."""
    return (declared or "").split(";", 1)[0].strip().lower()


def check_type(declared: str | None, data: bytes) -> TypeCheck:
    detected = sniff(data)
    said = base_type(declared)
    if detected == OCTET_STREAM:
        return TypeCheck(declared or None, detected, TypeVerdict.UNRECOGNISED)
    if said in _GENERIC:
        return TypeCheck(declared or None, detected, TypeVerdict.UNDECLARED)
    same = _SAME_FORMAT.get(detected, frozenset({detected}))
    verdict = TypeVerdict.MATCH if said in same else TypeVerdict.MISMATCH
    return TypeCheck(declared, detected, verdict)


#: Types a browser may show inline from a pre-signed link; everything else is offered as a download.
INLINE_PREFIXES = ("image/", "audio/", "video/")
INLINE_TYPES = frozenset({"application/pdf"})


def inline(content_type: str) -> bool:
    return content_type.startswith(INLINE_PREFIXES) or content_type in INLINE_TYPES


# ---------------------------------------------------------------------------------------------- outcomes
class EvidenceStatus(StrEnum):
    STORED = "stored"
    TOO_LARGE = "too_large"  # the download passed the limit and was cut off; nothing stored, recorded
    FAILED = "failed"  # the platform refused it for good, or every retry failed; parked with the reason


#: Audit events (the audit trail's `event`); audited, not published on the ticket-events topic.
EVIDENCE_STORED = "ticket.evidence_stored"
EVIDENCE_REJECTED = "ticket.evidence_rejected"  # too large, or failed for good
EVIDENCE_VIEWED = "ticket.evidence_viewed"


def platform_hash_matches(platform_sha256: str | None, digest: bytes) -> bool | None:
    """WhatsApp declares the file's SHA-256 (base64): None when it did not, else whether it agrees."""
    if not platform_sha256:
        return None
    import base64
    import binascii

    try:
        declared = base64.b64decode(platform_sha256, validate=True)
    except (binascii.Error, ValueError):
        return False
    return declared == digest


def describe(item: dict[str, Any]) -> dict[str, Any]:
    """An evidence item as the officer API lists it (no platform ids: the media URL stays stored)."""
    return {
        "attachment_id": item["attachment_id"],
        "status": item["status"],
        "kind": item.get("kind"),
        "channel": item.get("channel"),
        "sha256": item.get("sha256"),
        "size": item.get("size"),
        "content_type": item.get("content_type"),
        "declared_type": item.get("declared_type"),
        "type_check": item.get("type_check"),
        "received_at": item.get("received_at"),
        "fetched_at": item.get("fetched_at"),
        "reason": item.get("reason"),
        "filename": item.get("filename"),
    }
