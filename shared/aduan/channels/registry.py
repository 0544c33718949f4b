"""Channel registry: a channel name to its webhook parts and its parser, imported on first use.

Channels are the packages under `aduan/channels/` that have a `webhook` module; nothing lists them by hand,
so adding a channel is adding its package. A webhook function imports only `registry` and its own
channel's `webhook` module; only the normalizer imports parsers.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import Path
from typing import Any

from aduan.channels.base import ChannelWebhook, Parser

_PACKAGE = "aduan.channels"
_HERE = Path(__file__).parent


class UnknownChannel(LookupError):
    """No channel package of that name."""


@cache
def names() -> tuple[str, ...]:
    """Every channel name, sorted."""
    return tuple(
        sorted(
            info.name
            for info in pkgutil.iter_modules([str(_HERE)])
            if info.ispkg and (_HERE / info.name / "webhook.py").is_file()
        )
    )


def _module(name: str, part: str) -> Any:
    if name not in names():
        raise UnknownChannel(name)
    return importlib.import_module(f"{_PACKAGE}.{name}.{part}")


@cache
def webhook(name: str) -> ChannelWebhook:
    """The channel's handshake, signature check and relevance gate."""
    spec = _module(name, "webhook").WEBHOOK
    if not isinstance(spec, ChannelWebhook) or spec.name != name:
        raise TypeError(f"aduan.channels.{name}.webhook.WEBHOOK must be a ChannelWebhook named {name!r}")
    return spec


@cache
def parser(name: str) -> Parser:
    """The channel's delivery parser (imports pydantic and the models)."""
    parse: Parser = _module(name, "parser").parse
    return parse


@cache
def sender(name: str) -> Any:
    """The channel's sender (`aduan.channels.sending.Sender`): its `send(message, token)`."""
    return _module(name, "sender").send
