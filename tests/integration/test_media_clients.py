"""Each channel's media client against the embedded platform endpoint's media routes (no AWS needed): the
token goes where the platform wants it, statuses map to transient or final errors, sizes are bounded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from aduan.channels import media as common
from aduan.channels.facebook import media as facebook
from aduan.channels.tiktok import media as tiktok
from aduan.channels.whatsapp import media as whatsapp
from aduan.channels.x import media as x
from aduan.domain.evidence import FetchJob
from devstack.platforms import PlatformEndpoint, load_routes
from devstack.platforms import media as platform_media
from devstack.platforms import media_samples as samples
from devstack.seed import local_access_token


@pytest.fixture
def endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[PlatformEndpoint]:
    server = PlatformEndpoint(port=0, routes=load_routes(("media",)))
    server.start()
    monkeypatch.setenv("PLATFORM_API_BASE_URL", server.url)
    yield server
    server.stop()
    server.state.reset()


def job(channel: str, kind: str, media_id: str, **extra: str) -> FetchJob:
    return FetchJob(
        ticket_no="K7M-4QX",
        channel=channel,
        message_id=extra.pop("message_id", "m1"),
        received_at="2026-12-02T03:00:00+00:00",
        index=0,
        kind=kind,
        media_id=media_id,
        **extra,
    )


def token(channel: str) -> common.TokenSource:
    return lambda: local_access_token(channel)


def test_whatsapp_resolves_the_media_id_then_downloads_with_the_token(endpoint: PlatformEndpoint) -> None:
    got = whatsapp.download(job("whatsapp", "audio", "3310573926104702.sim1"), token("whatsapp"))
    assert got.data == samples.ogg_opus() and got.content_type == "audio/ogg"
    with pytest.raises(common.MediaError) as refused:
        whatsapp.download(job("whatsapp", "audio", "3310573926104702"), lambda: "wrong-token")
    assert refused.value.transient and refused.value.reason == "media url: HTTP 401"
    with pytest.raises(common.MediaError) as gone:
        whatsapp.download(job("whatsapp", "image", "9999"), token("whatsapp"))
    assert not gone.value.transient and gone.value.reason == "media url: HTTP 404"


def test_whatsapp_refuses_a_file_it_declares_too_large_before_downloading(endpoint: PlatformEndpoint) -> None:
    platform_media.register("4440000000000001", b"\xff\xd8\xff" + b"\x00" * (5 * 1024 * 1024), "image/jpeg")
    with pytest.raises(common.TooLarge) as cut:
        whatsapp.download(job("whatsapp", "image", "4440000000000001"), token("whatsapp"))
    assert cut.value.seen > cut.value.limit
    assert endpoint.state.entries("media")["media"] == []  # the bytes were never asked for


def test_a_messenger_attachment_url_is_fetched_and_a_foreign_host_refused(endpoint: PlatformEndpoint) -> None:
    url = "https://scontent.xx.fbcdn.net/v/t1.15752-9/sample_fire.jpg"
    assert facebook.download(job("facebook", "image", url, url=url), token("facebook")).data == samples.jpeg()
    evil = "https://169.254.169.254/latest/meta-data/x.jpg"
    with pytest.raises(common.MediaError) as refused:
        facebook.download(job("facebook", "image", evil, url=evil), token("facebook"))
    assert not refused.value.transient and "not a media host" in refused.value.reason


def test_x_dm_media_needs_the_bearer_token_and_a_post_is_looked_up(endpoint: PlatformEndpoint) -> None:
    url = "https://ton.twimg.com/dm/2861399777702220032/2861399770001112064/bukti.jpg"
    assert x.download(job("x", "image", "2861399770001112064", url=url), token("x")).data == samples.jpeg()
    with pytest.raises(common.MediaError):
        x.download(job("x", "image", "2861399770001112064", url=url), lambda: "wrong")
    platform_media.register_post_media(
        "2861398860745588736",
        [{"media_key": "3_1", "type": "photo", "url": "https://pbs.twimg.com/media/Gx0aMplbQAA1s2d.jpg"}],
    )
    found = x.download(job("x", "image", "3_1", message_id="2861398860745588736"), token("x"))
    assert found.data == samples.jpeg()


def test_tiktok_asks_for_a_download_url_then_sends_x_user(endpoint: PlatformEndpoint) -> None:
    media = job(
        "tiktok",
        "image",
        "v0f044gc0000d1k2m3n4o5p6q7r8s9t0",
        account_id="-000dPa4ybdW7XsEIUTL4cLU0wkJZK6b3cdjPolresta",
        conversation_id="u5JhpselBAhoPOlnH0tZ9y07kg==",
    )
    assert tiktok.download(media, token("tiktok")).data == samples.jpeg()
    with pytest.raises(common.MediaError) as refused:
        tiktok.download(media, lambda: "revoked")
    assert refused.value.reason == "media url: TikTok code 40105" and not refused.value.transient
    with pytest.raises(common.MediaError) as missing:
        tiktok.download(job("tiktok", "image", "v0f0"), token("tiktok"))
    assert not missing.value.transient


def test_an_unreachable_platform_is_transient(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLATFORM_API_BASE_URL", "http://127.0.0.1:9")
    with pytest.raises(common.MediaError) as down:
        whatsapp.download(job("whatsapp", "image", "1480573926104621"), token("whatsapp"))
    assert down.value.transient and down.value.reason.startswith("media url: unreachable")
