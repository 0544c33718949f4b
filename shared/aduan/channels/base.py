"""The channel boundary: what every platform channel provides, and what the shared webhook glue needs.

A channel is a package `aduan.channels.<name>` with (at least) two modules, imported lazily through
`aduan.channels.registry` so that a webhook function imports only its own channel:

- `<name>/webhook.py` (standard library only: it is on the webhook's cold-start path) defines
  `WEBHOOK: ChannelWebhook`: the subscription handshake, the signature check over the raw body and the
  relevance gate (does this delivery carry at least one citizen message?).
- `<name>/parser.py` (may import pydantic and `aduan.models`; only the normalizer imports it) defines
  `parse(body: str) -> ParseResult`: every citizen message in one delivery as an `InboundMessage`, every
  item that could not be read as a `Rejected` (with the JSON path of the bad field and a reason, never its
  content), and a count of items deliberately ignored (receipts, echoes, reactions...). It raises
  `InvalidPayload` only when nothing in the delivery can be read at all.

Later a channel also gets `<name>/sender.py` (replies to the citizen).

Secrets are named by role, not by platform: `signing_secret` (Meta app secret, X consumer secret, TikTok
app secret) and, where the platform has a token handshake, `verify_token`. The webhook glue reads them from
SSM through the parameter names in the function's environment (`SIGNING_SECRET_PARAM`,
`VERIFY_TOKEN_PARAM`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # the webhook's cold-start path never imports pydantic
    from aduan.models import InboundMessage

#: Secret roles a channel may ask for.
SIGNING_SECRET = "signing_secret"  # noqa: S105 - a role name, not a secret
VERIFY_TOKEN = "verify_token"  # noqa: S105 - a role name, not a secret

#: Look up a secret by role; `force` re-reads it (the signing secret may just have been rotated).
SecretLookup = Callable[[str, bool], str]


@dataclass(frozen=True, slots=True)
class Reply:
    """An HTTP answer, independent of API Gateway's event shape."""

    status: int
    body: dict[str, Any] | str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def is_text(self) -> bool:
        return isinstance(self.body, str)


def error(status: int, code: str, message: str) -> Reply:
    """A JSON error with a machine-readable code and a reason a person can act on."""
    return Reply(status, {"error": code, "message": message})


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of a signature check. `reason` is a short code for logs, metrics and the 401 body."""

    ok: bool
    reason: str = ""  # missing_signature, invalid_signature, stale_timestamp, malformed_signature

    @classmethod
    def valid(cls) -> Verdict:
        return cls(True)

    @classmethod
    def invalid(cls, reason: str) -> Verdict:
        return cls(False, reason)


class Handshake(Protocol):
    def __call__(self, query: Mapping[str, str], secrets: SecretLookup) -> Reply: ...


class SignatureCheck(Protocol):
    def __call__(self, body: bytes, headers: Mapping[str, str], secret: str, now: float) -> Verdict:
        """`headers` have lower-case names; `now` is Unix time in seconds (for replay windows)."""
        ...


@dataclass(frozen=True, slots=True)
class ChannelWebhook:
    """What the shared webhook glue needs from one channel."""

    name: str  # the registry name and `Channel` value: whatsapp, instagram, facebook, x, tiktok
    handshake: Handshake | None  # None: the platform has no GET handshake (the route answers 405)
    verify: SignatureCheck
    is_relevant: Callable[[dict[str, Any]], bool]
    secrets: tuple[str, ...] = (SIGNING_SECRET,)  # roles this channel needs, e.g. (SIGNING_SECRET, VERIFY_TOKEN)

    @property
    def path(self) -> str:
        return f"/webhooks/{self.name}"


@dataclass(frozen=True, slots=True)
class Rejected:
    """One item of a delivery that could not be read. `path` is a JSON path such as `entry[0].changes[1].value`;
    `reason` says what was wrong with it (a type, a missing field), never what it contained."""

    path: str
    reason: str
    platform_message_id: str | None = None


@dataclass(slots=True)
class ParseResult:
    """Everything one delivery holds, message by message: a bad item never hides a good one."""

    messages: list[InboundMessage] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    ignored: int = 0  # receipts, echoes, reactions, our own posts: acknowledged and not complaints

    def sort(self) -> ParseResult:
        """Oldest first (platforms do not guarantee order); ties broken by message id."""
        self.messages.sort(key=lambda m: (m.sent_at, m.platform_message_id))
        return self


Parser = Callable[[str], ParseResult]
