"""X media entities: the delivery's URL (`url` of a v2 photo, the best `video/mp4` variant, or legacy
`media_url_https`), downloaded with the police account's OAuth 2.0 user token. A v2 post that names only a
`media_key` is looked up: `GET https://api.x.com/2/tweets/<id>?expansions=attachments.media_keys&media.fields=
url,variants,type` and the key's entity is taken from `includes.media`.

Known gap: X serves DM media from ton.twimg.com behind OAuth 1.0a user signatures; with an OAuth 2.0 bearer
token that download is refused (401/403) and the attachment is parked with that reason after its retries.
Sources: docs.x.com x-api/fundamentals/media (media object, variants), x-api/posts/lookup.
"""

from __future__ import annotations

from typing import Any

from aduan.channels.http import platform_url
from aduan.channels.media import Download, MediaError, TokenSource, api, fetch
from aduan.domain.evidence import FetchJob

API_HOST = "api.x.com"
MEDIA_HOSTS = ("twimg.com", "x.com", "twitter.com")


def download(job: FetchJob, token: TokenSource) -> Download:
    auth = {"Authorization": f"Bearer {token()}"}
    url = job.url or _lookup(job, auth)
    return fetch(url, limit=job.limit, hosts=MEDIA_HOSTS, headers=auth)


def _lookup(job: FetchJob, auth: dict[str, str]) -> str:
    query = {"expansions": "attachments.media_keys", "media.fields": "url,variants,type,media_key"}
    reply = api("GET", platform_url(API_HOST, f"/2/tweets/{job.message_id}", query), headers=auth, step="media lookup")
    body = reply.json()
    media = (body.get("includes") or {}).get("media") if isinstance(body, dict) else None
    for entity in media if isinstance(media, list) else []:
        if isinstance(entity, dict) and str(entity.get("media_key")) == job.media_id:
            url = _best_url(entity)
            if url:
                return url
    raise MediaError("media lookup: the post has no such media", transient=False)


def _best_url(entity: dict[str, Any]) -> str | None:
    variants = [
        v
        for v in entity.get("variants") or []
        if isinstance(v, dict) and v.get("content_type") == "video/mp4" and isinstance(v.get("url"), str)
    ]
    if variants:
        return str(max(variants, key=lambda v: v.get("bit_rate") or 0)["url"])
    url = entity.get("url")
    return url if isinstance(url, str) else None
