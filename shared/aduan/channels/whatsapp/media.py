"""WhatsApp Cloud API media: a media id becomes a URL, the URL is downloaded with the access token.

`GET https://graph.facebook.com/v21.0/<media-id>` (bearer token) answers `{"url", "mime_type", "sha256",
"file_size", "id"}`; the URL (on lookaside.fbsbx.com) is valid for about five minutes and needs the same
bearer token. Sources: developers.facebook.com/docs/whatsapp/cloud-api/reference/media ("Retrieve media
URL", "Download media"); the size limits are the same page's.
"""

from __future__ import annotations

from aduan.channels.http import platform_url
from aduan.channels.media import Download, MediaError, TokenSource, TooLarge, api, fetch
from aduan.domain.evidence import FetchJob

GRAPH_HOST = "graph.facebook.com"
GRAPH_VERSION = "v21.0"
MEDIA_HOSTS = ("fbsbx.com", "whatsapp.net", "fbcdn.net")


def download(job: FetchJob, token: TokenSource) -> Download:
    auth = {"Authorization": f"Bearer {token()}"}
    reply = api("GET", platform_url(GRAPH_HOST, f"/{GRAPH_VERSION}/{job.media_id}"), headers=auth, step="media url")
    meta = reply.json()
    if not isinstance(meta, dict) or not isinstance(meta.get("url"), str):
        raise MediaError("media url: no url in the answer", transient=False)
    size = meta.get("file_size")
    if isinstance(size, int | str) and str(size).isdigit() and int(size) > job.limit:
        raise TooLarge(job.limit, int(size))
    got = fetch(meta["url"], limit=job.limit, hosts=MEDIA_HOSTS, headers=auth)
    mime = meta.get("mime_type")
    return Download(got.data, mime if isinstance(mime, str) else got.content_type)
