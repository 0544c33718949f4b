"""Window rules per platform, the texts citizens receive, and the recognisers for `cek` and ratings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from aduan.domain.replies import (
    Allowed,
    Conversation,
    Mode,
    Refusal,
    ReplyKind,
    decide,
    limit_text,
    parse_rating,
    parse_status_request,
    public_part,
    receipt_text,
    resolved_text,
    status_text,
)

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


def conversation(channel: str, *, ago: timedelta, public: bool = False, kind: str = "text") -> Conversation:
    return Conversation(channel=channel, public=public, kind=kind, last_message_at=NOW - ago)


def mode(decision: Allowed | Refusal) -> str:
    return decision.mode.value if isinstance(decision, Allowed) else decision.reason


# ---------------------------------------------------------------- window rules
@pytest.mark.parametrize(
    ("ago", "has_template", "expected"),
    [
        (timedelta(hours=23, minutes=59), False, "direct"),
        (timedelta(hours=24, minutes=1), True, "template"),
        (timedelta(hours=24, minutes=1), False, "window_closed_no_template"),
    ],
)
def test_whatsapp_free_form_for_24_hours_then_only_an_approved_template(
    ago: timedelta, has_template: bool, expected: str
) -> None:
    decision = decide(ReplyKind.ACKNOWLEDGED, conversation("whatsapp", ago=ago), NOW, has_template=has_template)
    assert mode(decision) == expected


@pytest.mark.parametrize("channel", ["instagram", "facebook"])
def test_messenger_and_instagram_dms_for_24_hours(channel: str) -> None:
    assert mode(decide(ReplyKind.RESOLVED, conversation(channel, ago=timedelta(hours=23)), NOW)) == "direct"
    assert mode(decide(ReplyKind.RESOLVED, conversation(channel, ago=timedelta(hours=25)), NOW)) == "window_closed"


@pytest.mark.parametrize("channel", ["instagram", "facebook"])
def test_a_public_comment_gets_one_private_reply_within_7_days(channel: str) -> None:
    fresh = decide(ReplyKind.RECEIPT, conversation(channel, ago=timedelta(days=6), public=True), NOW, quota_scope="c1")
    assert isinstance(fresh, Allowed) and fresh.mode is Mode.PRIVATE_REPLY
    assert fresh.quota == ("private#c1", "-", 1)  # one per comment, claimed with the send
    late = decide(ReplyKind.RECEIPT, conversation(channel, ago=timedelta(days=7, hours=1), public=True), NOW)
    assert mode(late) == "private_reply_expired"


def test_tiktok_48_hours_and_at_most_10_messages_per_window() -> None:
    decision = decide(ReplyKind.ASSIGNED, conversation("tiktok", ago=timedelta(hours=47)), NOW, quota_scope="conv")
    assert isinstance(decision, Allowed) and decision.mode is Mode.DIRECT
    assert decision.quota == ("tiktok#conv", (NOW - timedelta(hours=47)).isoformat(), 10)
    assert mode(decide(ReplyKind.ASSIGNED, conversation("tiktok", ago=timedelta(hours=49)), NOW)) == "window_closed"


def test_an_x_mention_gets_only_the_number_publicly_and_dms_have_no_window() -> None:
    mention = conversation("x", ago=timedelta(days=3), public=True, kind="post")
    receipt = decide(ReplyKind.RECEIPT, mention, NOW, quota_scope="p1")
    assert isinstance(receipt, Allowed) and receipt.mode is Mode.PUBLIC_REPLY
    assert mode(decide(ReplyKind.ACKNOWLEDGED, mention, NOW)) == "public_thread_number_only"
    assert mode(decide(ReplyKind.RESOLVED, conversation("x", ago=timedelta(days=30)), NOW)) == "direct"


def test_channels_without_a_reply_path_and_authors_we_do_not_know_are_refused() -> None:
    assert mode(decide(ReplyKind.RECEIPT, conversation("call_center", ago=timedelta()), NOW)) == "no_reply_channel"
    unknown = Conversation("instagram", True, "mention", NOW, has_recipient=False)
    assert mode(decide(ReplyKind.RECEIPT, unknown, NOW)) == "no_recipient"


# ---------------------------------------------------------------- texts
def test_the_receipt_says_how_to_follow_the_ticket_and_110_only_for_darurat() -> None:
    assert "cek K7M-4QX" in receipt_text("K7M-4QX", "sedang") and "110" not in receipt_text("K7M-4QX", "sedang")
    assert receipt_text("K7M-4QX", "darurat").endswith("Jika nyawa terancam, hubungi 110.")


def test_only_the_public_part_of_a_resolution_note_reaches_the_citizen() -> None:
    note = "Pelaku a.n. Budi diamankan di Polsek.\nUntuk pelapor: Pelaku sudah diamankan."
    assert public_part(note) == "Pelaku sudah diamankan."
    assert "Budi" not in resolved_text("K7M-4QX", note)
    assert resolved_text("K7M-4QX", "Pelaku a.n. Budi diamankan") == "Tiket K7M-4QX sudah selesai ditangani."


def test_status_details_only_for_the_filer() -> None:
    created = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    owner = status_text("K7M-4QX", "ditangani", owner=True, area="sukun", created_at=created)
    assert owner == "Status tiket K7M-4QX: sedang ditangani Polsek Sukun. Dilaporkan 02-12-2026 06:30 WIB."
    assert status_text("K7M-4QX", "ditangani", owner=False, area="sukun", created_at=created) == (
        "Tiket K7M-4QX masih terbuka."
    )
    assert status_text("K7M-4QX", "selesai", owner=False, area=None, created_at=None).endswith("sudah ditutup.")
    assert "tidak ditemukan" in status_text("K7M-4QX", None, owner=False, area=None, created_at=None)


def test_texts_fit_each_platform() -> None:
    assert len(limit_text("x", Mode.PUBLIC_REPLY, "a" * 500)) == 280
    assert len(limit_text("instagram", Mode.DIRECT, "a" * 1500)) == 1000


# ---------------------------------------------------------------- recognisers
@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("cek K7M-4QX", "K7M-4QX"),
        ("CEK k7m4qx", "K7M-4QX"),
        ("Cek: K7M 4QX", "K7M-4QX"),
        ("cek A0B-1CD", "A0B-1CD"),
        ("cek aob-icd", "A0B-1CD"),  # O/0 and I/1 tolerated
        ("  cek k7m-4qx!  ", "K7M-4QX"),
        ("cek KMH-XQZ", "KMH-XQZ"),  # no digit, but the dash says it is a number
        ("@PolrestaMlgKota cek K7M-4QX", "K7M-4QX"),  # an X mention starts with the handle
    ],
)
def test_status_requests_are_recognised_in_any_case_with_or_without_dash(text: str, number: str) -> None:
    assert parse_status_request(text) == number


@pytest.mark.parametrize(
    "text",
    ["cek lokasi", "tolong cek K7M-4QX ada maling", "cek", "cek K7M-4QXX", "cek rumah saya", "K7M-4QX", "cek K7M-4Q!"],
)
def test_other_messages_are_not_status_requests(text: str) -> None:
    assert parse_status_request(text) is None


@pytest.mark.parametrize(
    ("text", "rating"), [("5", 5), ("1", 1), (" 4 ", 4), ("nilai 3", 3), ("4/5", 4), ("2 bintang", 2)]
)
def test_rating_answers(text: str, rating: int) -> None:
    assert parse_rating(text) == rating


@pytest.mark.parametrize("text", ["0", "6", "10", "5 orang luka", "tolong", "", "3 motor hilang"])
def test_other_messages_are_not_ratings(text: str) -> None:
    assert parse_rating(text) is None
