"""Media downloads on the embedded platform endpoint: the files behind the sample events.

- WhatsApp: ``GET graph.facebook.com/v21.0/<media-id>`` (bearer token) answers the media's URL, type, size
  and SHA-256 (base64); ``GET lookaside.fbsbx.com/whatsapp_business/attachments/?mid=<id>`` (same bearer
  token) answers the bytes.
- Instagram and Messenger: CDN URLs as the deliveries carry them (``lookaside.fbsbx.com/ig_messaging_cdn/
  ?asset_id=...&signature=...``, ``scontent.xx.fbcdn.net/v/...``): no token, the URL must be signed.
- X: ``ton.twimg.com/dm/...`` (bearer token) and ``pbs.twimg.com/...``; ``GET api.x.com/2/tweets/<id>``
  with media expansions for a post that names only a media key.
- TikTok: ``POST business-api.tiktok.com/open_api/v1.3/business/message/media/download/`` (``Access-Token``)
  answers ``{"code": 0, "data": {"download_url"}}``; the URL needs ``x-user: <token>``.

Files are the tiny valid samples of :mod:`devstack.platforms.media_samples`, looked up by the id or file
name the sample deliveries use (``make simulate`` suffixes ids, ``<id>.<run>``: the part before the first
dot is the id). :func:`register` adds a file (tests: an oversize one, a mismatched type); an unknown id is
404, as an expired media id is on the real platforms. Every download is recorded as kind ``media``.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from devstack.platforms import STATE, PlatformRequest, PlatformResponse, Route, json_response
from devstack.platforms import media_samples as samples
from devstack.seed import local_access_token


@dataclass(frozen=True)
class MediaFile:
    data: bytes
    content_type: str


def _catalogue() -> dict[str, MediaFile]:
    jpeg = MediaFile(samples.jpeg(), "image/jpeg")
    return {
        # WhatsApp media ids (events/whatsapp/*.json)
        "1480573926104621": jpeg,
        "2280573926104699": MediaFile(samples.mp4(), "video/mp4"),
        "3310573926104701": jpeg,
        "3310573926104702": MediaFile(samples.ogg_opus(), "audio/ogg"),
        "3310573926104703": MediaFile(samples.pdf(), "application/pdf"),
        # Instagram CDN asset ids, Messenger and X file names
        "18000000000000001": jpeg,
        "18000000000000002": MediaFile(samples.png(), "image/png"),
        "18000000000000003": jpeg,
        "sample_fire.jpg": jpeg,
        "bukti.jpg": jpeg,
        "Gx0aMplbQAA1s2d.jpg": jpeg,
        "cctv.jpg": jpeg,
        # TikTok media ids
        "v0f044gc0000d1k2m3n4o5p6q7r8s9t0": jpeg,
    }


CATALOGUE = _catalogue()


def register(key: str, data: bytes, content_type: str) -> None:
    """Serve ``data`` for the media id, asset id or file name ``key`` (until the endpoint's state is reset)."""
    with STATE.lock:
        STATE.data.setdefault("media", {})[key] = MediaFile(data, content_type)


def lookup(key: str | None) -> MediaFile | None:
    if not key:
        return None
    base = key.split(".", 1)[0]
    with STATE.lock:
        extra = STATE.data.get("media", {})
        return extra.get(key) or extra.get(base) or CATALOGUE.get(key) or CATALOGUE.get(base)


def _refused(status: int, message: str) -> PlatformResponse:
    return json_response({"error": {"message": message, "code": status}}, status)


def _bytes(kind: str, key: str, found: MediaFile) -> PlatformResponse:
    STATE.record("media", {"channel": kind, "key": key, "size": len(found.data)})
    return PlatformResponse(status=200, body=found.data, content_type=found.content_type)


# ---------------------------------------------------------------------------------------------- WhatsApp
def _wa_token_ok(request: PlatformRequest) -> bool:
    return request.bearer() == local_access_token("whatsapp")


def whatsapp_media_url(request: PlatformRequest) -> PlatformResponse:
    if not _wa_token_ok(request):
        return _refused(401, "Invalid OAuth access token.")
    media_id = request.params["media_id"]
    found = lookup(media_id)
    if found is None:
        return _refused(404, "Unsupported get request. Object does not exist.")
    return json_response(
        {
            "messaging_product": "whatsapp",
            "url": f"https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid={media_id}&ext=1764290090",
            "mime_type": found.content_type,
            "sha256": base64.b64encode(hashlib.sha256(found.data).digest()).decode(),
            "file_size": len(found.data),
            "id": media_id,
        }
    )


def whatsapp_download(request: PlatformRequest) -> PlatformResponse:
    if not _wa_token_ok(request):
        return _refused(401, "Invalid OAuth access token.")
    media_id = request.arg("mid") or ""
    found = lookup(media_id)
    return _bytes("whatsapp", media_id, found) if found else _refused(404, "URL expired")


# ---------------------------------------------------------------------------------------------- Meta CDN
def instagram_cdn(request: PlatformRequest) -> PlatformResponse:
    if not request.arg("signature"):
        return _refused(403, "URL signature mismatch")
    asset = request.arg("asset_id") or ""
    found = lookup(asset)
    return _bytes("instagram", asset, found) if found else _refused(404, "URL expired")


def messenger_cdn(request: PlatformRequest) -> PlatformResponse:
    name = request.path.rsplit("/", 1)[-1]
    found = lookup(name)
    return _bytes("facebook", name, found) if found else _refused(404, "URL expired")


# ---------------------------------------------------------------------------------------------- X
def x_dm_media(request: PlatformRequest) -> PlatformResponse:
    if request.bearer() != local_access_token("x"):
        return json_response({"title": "Unauthorized", "status": 401}, 401)
    name = request.path.rsplit("/", 1)[-1]
    found = lookup(name)
    return _bytes("x", name, found) if found else _refused(404, "Not Found")


def x_public_media(request: PlatformRequest) -> PlatformResponse:
    name = request.path.rsplit("/", 1)[-1]
    found = lookup(name)
    return _bytes("x", name, found) if found else _refused(404, "Not Found")


def x_post_lookup(request: PlatformRequest) -> PlatformResponse:
    if request.bearer() != local_access_token("x"):
        return json_response({"title": "Unauthorized", "status": 401}, 401)
    post_id = request.params["post_id"]
    with STATE.lock:
        media = STATE.data.get("x_posts", {}).get(post_id.split(".", 1)[0])
    if media is None:
        return json_response({"errors": [{"title": "Not Found Error", "resource_id": post_id}]}, 200)
    return json_response({"data": {"id": post_id}, "includes": {"media": media}})


def register_post_media(post_id: str, media: list[dict[str, object]]) -> None:
    """What ``GET /2/tweets/<post_id>`` answers in ``includes.media`` (tests)."""
    with STATE.lock:
        STATE.data.setdefault("x_posts", {})[post_id] = media


# ---------------------------------------------------------------------------------------------- TikTok
def tiktok_download_url(request: PlatformRequest) -> PlatformResponse:
    token = request.headers.get("access-token")
    if token != local_access_token("tiktok"):
        return json_response({"code": 40105, "message": "Access token is incorrect or has been revoked."})
    try:
        body = request.json()
    except ValueError:
        return json_response({"code": 40002, "message": "Invalid JSON"})
    missing = [k for k in ("business_id", "conversation_id", "message_id", "media_id", "media_type") if not body.get(k)]
    if missing:
        return json_response({"code": 40002, "message": f"missing {', '.join(missing)}"})
    if lookup(str(body["media_id"])) is None:
        return json_response({"code": 40001, "message": "media not found"})
    url = f"https://business-messaging.tiktokcdn.com/media/{body['media_id']}"
    return json_response({"code": 0, "message": "OK", "data": {"download_url": url}})


def tiktok_file(request: PlatformRequest) -> PlatformResponse:
    if request.headers.get("x-user") != local_access_token("tiktok"):
        return _refused(403, "x-user header missing or wrong")
    media_id = request.params["media_id"]
    found = lookup(media_id)
    return _bytes("tiktok", media_id, found) if found else _refused(404, "expired")


ROUTES: list[Route] = [
    Route("GET", "graph.facebook.com", r"/v\d+\.\d+/(?P<media_id>[0-9][0-9A-Za-z._-]*)", whatsapp_media_url),
    Route("GET", "lookaside.fbsbx.com", r"/whatsapp_business/attachments/", whatsapp_download),
    Route("GET", "lookaside.fbsbx.com", r"/ig_messaging_cdn/", instagram_cdn),
    Route("GET", "scontent.xx.fbcdn.net", r"/v/.+", messenger_cdn),
    Route("GET", "ton.twimg.com", r"/dm/.+", x_dm_media),
    Route("GET", "pbs.twimg.com", r"/.+", x_public_media),
    Route("GET", "api.x.com", r"/2/tweets/(?P<post_id>[0-9][0-9A-Za-z._-]*)", x_post_lookup),
    Route("POST", "business-api.tiktok.com", r"/open_api/v1\.3/business/message/media/download/", tiktok_download_url),
    Route("GET", "business-messaging.tiktokcdn.com", r"/media/(?P<media_id>[^/]+)", tiktok_file),
]
