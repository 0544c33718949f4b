"""The channel boundary: what every platform channel provides, and what the shared webhook glue needs.

A channel is a package `aduan.channels.<name>` with (at least) two modules, imported lazily through
`aduan.channels.registry` so that a webhook function imports only its own channel:

- `<name>/webhook.py` (standard library only: it is on the webhook's cold-start path) defines
  `WEBHOOK: ChannelWebhook`: the subscription handshake, the signature check over the raw body, the
  relevance gate (does this delivery carry at least one citizen message?) and, for the local simulator and
  the tests, how to sign a body and how to probe the handshake. The gate is a total function: it gets any
  JSON value (the glue has already limited size and depth and rejected NaN) and never raises; it answers
  `RELEVANT`, `IGNORED` or `unreadable(reason)` for a delivery whose shape is wrong (the glue then parks
  it whole, answers 200 and counts it). A plain `bool` is accepted too (True: relevant, False: ignored).
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


@dataclass(frozen=True, slots=True)
class Relevance:
    """What a relevance gate saw in one delivery."""

    relevant: bool
    unreadable: str = ""  # why the delivery's shape cannot be read (a path and what was wrong), else ""

    def __bool__(self) -> bool:
        return self.relevant


RELEVANT = Relevance(True)
IGNORED = Relevance(False)


def unreadable(reason: str) -> Relevance:
    """A delivery whose shape is wrong: the glue parks it whole with this reason (never its content)."""
    return Relevance(False, reason)


class Handshake(Protocol):
    def __call__(self, query: Mapping[str, str], secrets: SecretLookup) -> Reply: ...


class SignatureCheck(Protocol):
    def __call__(self, body: bytes, headers: Mapping[str, str], secret: str, now: float) -> Verdict:
        """`headers` have lower-case names; `now` is Unix time in seconds (for replay windows)."""
        ...


class Signer(Protocol):
    def __call__(self, body: bytes, secret: str, now: float) -> dict[str, str]:
        """The headers the platform would send with `body` (used by the simulator and the tests)."""
        ...


class HandshakeProbe(Protocol):
    def __call__(self, secrets: Mapping[str, str], nonce: str) -> tuple[dict[str, str], Callable[[int, str], bool]]:
        """The handshake query the platform would send, given the secrets by role and the random value the
        platform would choose (`nonce`: Meta's challenge, X's CRC token), and a check of the answer
        (status, body) the platform would accept. Used by the simulator, the sample events and the tests."""
        ...


Gate = Callable[[Any], Relevance | bool]


@dataclass(frozen=True, slots=True)
class ChannelWebhook:
    """What the shared webhook glue needs from one channel."""

    name: str  # the registry name and `Channel` value: whatsapp, instagram, facebook, x, tiktok
    handshake: Handshake | None  # None: the platform has no GET handshake (no GET route)
    verify: SignatureCheck
    is_relevant: Gate
    secrets: tuple[str, ...] = (SIGNING_SECRET,)  # roles this channel needs, e.g. (SIGNING_SECRET, VERIFY_TOKEN)
    # What the platform calls its signing secret; the local stack reads it from $<CHANNEL>_<NAME>, e.g.
    # INSTAGRAM_APP_SECRET, X_CONSUMER_SECRET.
    signing_secret_name: str = "app secret"  # noqa: S105 - a name, not a secret
    sign: Signer | None = None  # how the platform signs a body (simulator, tests)
    probe: HandshakeProbe | None = None  # a handshake the platform would send (simulator, tests)

    def relevance(self, payload: Any) -> Relevance:
        """The gate's answer as a `Relevance`, whichever form the gate returns."""
        answer = self.is_relevant(payload)
        if isinstance(answer, Relevance):
            return answer
        return RELEVANT if answer else IGNORED

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
