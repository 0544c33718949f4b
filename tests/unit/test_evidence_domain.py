"""Evidence domain: type sniffing, type checks, size limits, key scheme, jobs from a ticket's change."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from aduan.domain import evidence as ev
from aduan.models import Channel, CitizenIdentity, Media, Ticket, TicketMessage, TriageResult
from devstack.platforms import media_samples as samples

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (samples.jpeg(), "image/jpeg"),
        (samples.png(), "image/png"),
        (b"GIF89a\x01\x00\x01\x00", "image/gif"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
        (samples.mp4(), "video/mp4"),
        (samples.mp4(b"3gp5"), "video/3gpp"),
        (samples.mp4(b"M4A "), "audio/mp4"),
        (samples.ogg_opus(), "audio/ogg"),
        (samples.amr(), "audio/amr"),
        (b"#!AMR-WB\n\x04", "audio/amr-wb"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00", "audio/mpeg"),
        (b"\xff\xfb\x90\x64\x00", "audio/mpeg"),
        (b"\xff\xf1\x50\x80\x02", "audio/aac"),
        (samples.pdf(), "application/pdf"),
        (samples.docx(), ev.DOCX),
        (b"PK\x03\x04not really a zip", "application/zip"),
        (b"<html><script>alert(1)</script>", ev.OCTET_STREAM),
        (b"", ev.OCTET_STREAM),
    ],
)
def test_sniff_reads_the_magic_numbers(data: bytes, expected: str) -> None:
    assert ev.sniff(data) == expected


def test_samples_are_well_formed() -> None:
    jpeg = samples.jpeg()
    assert jpeg.startswith(b"\xff\xd8") and jpeg.endswith(b"\xff\xd9")
    ogg = samples.ogg_opus()
    assert ogg.count(b"OggS") == 3 and b"OpusHead" in ogg and b"OpusTags" in ogg
    pdf = samples.pdf()
    xref = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    assert pdf[xref:].startswith(b"xref")
    assert samples.jpeg() == jpeg, "deterministic: the same bytes every run"


def test_ogg_pages_carry_a_correct_crc() -> None:
    data = samples.ogg_opus()
    first_page_end = data.index(b"OggS", 4)
    page = data[:first_page_end]
    stored = page[22:26]
    zeroed = page[:22] + b"\x00\x00\x00\x00" + page[26:]
    assert samples._ogg_crc(zeroed).to_bytes(4, "little") == stored


@pytest.mark.parametrize(
    ("declared", "data", "verdict", "stored_as"),
    [
        ("image/jpeg", samples.jpeg(), ev.TypeVerdict.MATCH, "image/jpeg"),
        ("image/jpg", samples.jpeg(), ev.TypeVerdict.MATCH, "image/jpeg"),
        ("audio/ogg; codecs=opus", samples.ogg_opus(), ev.TypeVerdict.MATCH, "audio/ogg"),
        ("audio/mp4", samples.mp4(), ev.TypeVerdict.MATCH, "video/mp4"),
        ("image/jpeg", samples.pdf(), ev.TypeVerdict.MISMATCH, "application/pdf"),
        ("image/png", samples.jpeg(), ev.TypeVerdict.MISMATCH, "image/jpeg"),
        (None, samples.png(), ev.TypeVerdict.UNDECLARED, "image/png"),
        ("application/octet-stream", samples.amr(), ev.TypeVerdict.UNDECLARED, "audio/amr"),
        ("image/jpeg", b"<html>", ev.TypeVerdict.UNRECOGNISED, ev.OCTET_STREAM),
    ],
)
def test_the_declared_type_is_checked_against_the_bytes(
    declared: str | None, data: bytes, verdict: ev.TypeVerdict, stored_as: str
) -> None:
    check = ev.check_type(declared, data)
    assert check.verdict is verdict
    assert check.content_type == stored_as  # never the declared type


def test_only_media_types_are_shown_inline() -> None:
    assert ev.inline("image/jpeg") and ev.inline("audio/ogg") and ev.inline("video/mp4")
    assert ev.inline("application/pdf")
    assert not ev.inline(ev.DOCX) and not ev.inline(ev.OCTET_STREAM) and not ev.inline("text/html")


@pytest.mark.parametrize(
    ("kind", "limit"),
    [
        ("image", 5 * ev.MB),
        ("sticker", 5 * ev.MB),
        ("video", 16 * ev.MB),
        ("reel", 16 * ev.MB),
        ("audio", 16 * ev.MB),
        ("document", 100 * ev.MB),
        ("file", 100 * ev.MB),
    ],
)
def test_size_limits_are_whatsapps(kind: str, limit: int) -> None:
    assert ev.size_limit(kind) == limit


def test_the_key_names_the_ticket_and_the_hash() -> None:
    digest = hashlib.sha256(samples.jpeg()).hexdigest()
    assert ev.object_key("K7M-4QX", digest) == f"tickets/K7M-4QX/{digest}"


def test_the_platforms_declared_hash_is_compared() -> None:
    data = samples.jpeg()
    digest = hashlib.sha256(data).digest()
    assert ev.platform_hash_matches(base64.b64encode(digest).decode(), digest) is True
    assert ev.platform_hash_matches(base64.b64encode(b"x" * 32).decode(), digest) is False
    assert ev.platform_hash_matches("not base64!", digest) is False
    assert ev.platform_hash_matches(None, digest) is None


def _ticket(*messages: TicketMessage) -> Ticket:
    return Ticket(
        ticket_no="K7M-4QX",
        channel=Channel.WHATSAPP,
        citizen=CitizenIdentity(channel=Channel.WHATSAPP, platform_id="6281200000001"),
        conversation_key="whatsapp#6281200000001",
        messages=messages,
        triage=TriageResult(category="pencurian", priority="tinggi"),
        created_at=NOW,
        updated_at=NOW,
        last_message_at=NOW,
    )


def _message(mid: str, *media: Media, at: datetime = NOW) -> TicketMessage:
    return TicketMessage(platform_message_id=mid, sent_at=at, received_at=at, kind="image", media=media)


def test_jobs_are_every_file_of_a_new_ticket_and_only_the_new_files_of_a_changed_one() -> None:
    photo = Media(kind="image", media_id="111", mime_type="image/jpeg", sha256="c2FtcGxl")
    share = Media(kind="share", media_id="https://www.instagram.com/p/abc")
    voice = Media(kind="audio", media_id="222", mime_type="audio/ogg; codecs=opus")
    first = _ticket(_message("wamid.1", photo, share))
    jobs = ev.jobs_for(first, None)
    assert [(j.message_id, j.media_id, j.kind, j.platform_sha256) for j in jobs] == [
        ("wamid.1", "111", "image", "c2FtcGxl")
    ]
    assert jobs[0].conversation_id == "6281200000001"
    follow_up = _ticket(first.messages[0], _message("wamid.2", voice, at=NOW + timedelta(minutes=1)))
    assert [j.media_id for j in ev.jobs_for(follow_up, first)] == ["222"]
    assert ev.jobs_for(follow_up, follow_up) == []


def test_an_attachments_id_is_stable_and_reveals_no_platform_id() -> None:
    a = ev.attachment_id("whatsapp", "wamid.1", "111")
    assert a == ev.attachment_id("whatsapp", "wamid.1", "111")
    assert a != ev.attachment_id("whatsapp", "wamid.1", "112")
    assert "wamid" not in a and "111" not in a and len(a) == 32


def test_parsers_keep_what_the_fetcher_needs() -> None:
    import json
    from pathlib import Path

    from aduan.channels.instagram.parser import parse as instagram
    from aduan.channels.whatsapp.parser import parse as whatsapp
    from aduan.channels.x.parser import parse as x

    events = Path(__file__).parents[2] / "events"
    wa = whatsapp((events / "whatsapp/batch_mixed.json").read_text())
    photo = next(m for msg in wa.messages for m in msg.media if m.kind == "image")
    assert (photo.media_id, photo.mime_type, photo.sha256) == ("1480573926104621", "image/jpeg", "c2FtcGxl")
    ig = instagram((events / "instagram/image_attachment.json").read_text())
    assert ig.messages[0].media[0].url == ig.messages[0].media[0].media_id
    assert ig.messages[0].media[0].url.startswith("https://lookaside.fbsbx.com/")
    dm = x((events / "x/dm_follow_up_photo.json").read_text())
    assert (
        dm.messages[0].media[0].url
        == json.loads((events / "x/dm_follow_up_photo.json").read_text())["data"]["payload"]["direct_message_events"][
            0
        ]["message_create"]["message_data"]["attachment"]["media"]["media_url_https"]
    )
    post = x((events / "x/post_reply_to_police_post.json").read_text())
    [photo] = post.messages[0].media
    assert photo.media_id.startswith("3_") and photo.url == "https://pbs.twimg.com/media/Gx0aMplbQAA1s2d.jpg"
