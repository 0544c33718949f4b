"""One-tap acknowledgement links carried by every alert SMS.

Two-way SMS does not exist for Indonesian numbers on AWS, so an officer acknowledges by opening
`<base>/a/<token>` and pressing the one button on the page. The token:
- is 96 random bits (`secrets.token_urlsafe(12)`, 16 characters): unguessable, and short enough for SMS;
- is bound to one subject (ticket) and one officer, and acknowledges as that officer; the link of an
  incident's alert (`incident_id`) acknowledges the whole incident the ticket is in when it is used (every
  ticket of it, each audited; after an officer's merge, the incident it was merged into; after a split,
  the ticket alone);
- expires after 24 hours and is useless once the ticket is finished (`selesai` / `ditutup`);
- is stored only as its SHA-256 hash, so a copy of the table gives nobody a working link. A fast hash is
  enough: with 96 random bits there is nothing to brute-force, unlike a password.
SMS apps and link scanners fetch links before a person taps them: opening the link (GET) changes nothing;
only the page's POST acknowledges.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from aduan.domain.workflow import FINISHED, Subject
from aduan.models import TicketStatus

TOKEN_BYTES = 12  # 96 bits
TOKEN_LIFETIME = timedelta(hours=24)
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def well_formed(token: str) -> bool:
    """Could this be one of our tokens? (Checked before any lookup: junk never reaches the table.)"""
    return len(token) == 16 and set(token) <= _TOKEN_CHARS


def link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/a/{token}"


@dataclass(frozen=True, slots=True)
class AckGrant:
    """What a token allows: `officer_id` may acknowledge `subject` until `expires_at`."""

    token_hash: str
    subject: Subject
    officer_id: str
    issued_at: datetime
    expires_at: datetime
    incident_id: str | None = None  # the link of an incident's alert: it acknowledges the incident

    @classmethod
    def issue(
        cls, subject: Subject, officer_id: str, now: datetime, incident_id: str | None = None
    ) -> tuple[str, AckGrant]:
        """A fresh token (to put in the SMS, never stored) and its grant (to store)."""
        token = new_token()
        return token, cls(token_hash(token), subject, officer_id, now, now + TOKEN_LIFETIME, incident_id)


class LinkState(StrEnum):
    VALID = "valid"
    UNKNOWN = "unknown"  # forged, mistyped, or never issued
    EXPIRED = "expired"
    FINISHED = "finished"  # the ticket was resolved or closed


def check(grant: AckGrant | None, status: TicketStatus | None, now: datetime) -> LinkState:
    if grant is None or status is None:
        return LinkState.UNKNOWN
    if now >= grant.expires_at:
        return LinkState.EXPIRED
    if status in FINISHED:
        return LinkState.FINISHED
    return LinkState.VALID
