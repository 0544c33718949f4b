"""Instagram and Messenger attachments: the delivery carries a CDN URL (`payload.url`), signed and valid for
days, downloaded as is (no token: the signature in the URL is the authorisation). An attachment without a
URL (an id only) cannot be fetched and is recorded as such. Source: developers.facebook.com/docs/
messenger-platform/instagram/features/webhook and /docs/messenger-platform/reference/webhook-events/messages.
"""

from __future__ import annotations

from aduan.channels.media import Download, MediaError, TokenSource, fetch
from aduan.domain.evidence import FetchJob

MEDIA_HOSTS = ("fbsbx.com", "fbcdn.net", "cdninstagram.com", "facebook.com", "instagram.com")


def download(job: FetchJob, token: TokenSource) -> Download:
    del token  # the URL is signed
    url = job.url or (job.media_id if job.media_id.startswith("https://") else None)
    if url is None:
        raise MediaError("attachment: the delivery gave no URL", transient=False)
    return fetch(url, limit=job.limit, hosts=MEDIA_HOSTS)
