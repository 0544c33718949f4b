"""TikTok Business Messaging media: `POST https://business-api.tiktok.com/open_api/v1.3/business/message/media/
download/` (header `Access-Token`) with `{business_id, conversation_id, message_id, media_id, media_type}`
(`IMAGE` or `VIDEO`) answers `{"code": 0, "data": {"download_url"}}`; the URL is valid for a day and must be
fetched with the header `x-user: <access token>`. A `code` other than 0 is TikTok's refusal. Sources: TikTok
API for Business, Business Messaging "Download media" (as catalogued with Chatwoot's
`app/services/tiktok/client.rb`, `file_download_url`).
"""

from __future__ import annotations

from aduan.channels.http import platform_url
from aduan.channels.media import Download, MediaError, TokenSource, api, fetch
from aduan.domain.evidence import FetchJob

API_HOST = "business-api.tiktok.com"
DOWNLOAD_PATH = "/open_api/v1.3/business/message/media/download/"
MEDIA_HOSTS = ("tiktok.com", "tiktokcdn.com", "tiktokcdn-us.com", "tiktokv.com", "ibyteimg.com", "byteoversea.com")
#: TikTok's codes worth retrying (rate limits, internal errors); everything else is final.
TRANSIENT_CODES = frozenset({40100, 50000, 50002, 51021})


def download(job: FetchJob, token: TokenSource) -> Download:
    if not job.account_id or not job.conversation_id:
        raise MediaError("media url: business or conversation id missing", transient=False)
    secret = token()
    body = {
        "business_id": job.account_id,
        "conversation_id": job.conversation_id,
        "message_id": job.message_id,
        "media_id": job.media_id,
        "media_type": "VIDEO" if job.kind == "video" else "IMAGE",
    }
    reply = api(
        "POST",
        platform_url(API_HOST, DOWNLOAD_PATH),
        headers={"Access-Token": secret},
        json_body=body,
        step="media url",
    )
    answer = reply.json()
    if not isinstance(answer, dict):
        raise MediaError("media url: not JSON", transient=True)
    code = answer.get("code")
    if code != 0:
        raise MediaError(f"media url: TikTok code {code}", transient=code in TRANSIENT_CODES)
    url = (answer.get("data") or {}).get("download_url")
    if not isinstance(url, str):
        raise MediaError("media url: no download_url in the answer", transient=False)
    return fetch(url, limit=job.limit, hosts=MEDIA_HOSTS, headers={"x-user": secret})
