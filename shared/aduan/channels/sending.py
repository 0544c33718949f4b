"""What every channel's sender shares: the message to send, the platform's answer classified, the contract.

A sender (``aduan.channels.<name>.sender``) turns an :class:`Outgoing` into the platform's own request, sends
it through :func:`aduan.channels.http.call` (so the local stack's embedded endpoint stands in for the
platform) and classifies the answer into one of three outcomes:

- ``sent``: the platform accepted it (its message id is kept);
- ``transient``: worth retrying later (rate limits, 5xx, timeouts, the platform unreachable);
- ``refused``: retrying cannot help (window closed, user blocked us, expired token, bad recipient): recorded
  on the ticket with the platform's code, never retried, never failing the batch.

Reasons carry codes and the platform's error class only, never the platform's message text (it can quote
what we sent, or name the user).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

Outcome = Literal["sent", "transient", "refused"]


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to one citizen, in platform terms."""

    channel: str
    mode: str  # aduan.domain.replies.Mode: direct, template, private_reply, public_reply
    to: str  # wa_id, PSID/IGSID, comment or post id, X user or post id, TikTok conversation id
    text: str
    account_id: str = ""  # our side: WhatsApp phone-number id, Page id, Instagram account id, TikTok business id
    target_kind: str = ""  # for a private reply: "comment" or "post"
    template: str = ""  # WhatsApp template name (mode template)
    template_language: str = "id"
    template_params: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class SendResult:
    outcome: Outcome
    platform_message_id: str | None = None
    code: str = ""  # the platform's error code, when it refused or failed
    reason: str = ""  # short and safe: a code and an error class, never the platform's message text

    @property
    def sent(self) -> bool:
        return self.outcome == "sent"


class Sender(Protocol):
    def __call__(self, message: Outgoing, token: str) -> SendResult: ...


def unreachable(reason: str) -> SendResult:
    return SendResult("transient", code="unreachable", reason=f"platform unreachable ({reason})")


def by_status(status: int, code: str, reason: str) -> SendResult:
    """The fallback every platform shares: 429 and 5xx are transient, any other failure is a refusal."""
    if status == 429 or status >= 500:
        return SendResult("transient", code=code or str(status), reason=reason)
    return SendResult("refused", code=code or str(status), reason=reason)
