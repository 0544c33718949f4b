"""Seed the local Open311 client: the police app (`jogo-malang-presisi`) with the key `OPEN311_API_KEY`
(local default `aduan-local-open311-key`). Re-seeding with another key rotates it."""

from __future__ import annotations

import os
from collections.abc import Mapping

from aduan.adapters.open311_store import Client, Open311Store
from aduan.models import utcnow
from aduan.open311 import keys

DEFAULT_API_KEY = "aduan-local-open311-key"
LOCAL_CLIENT = Client("jogo-malang-presisi", "Jogo Malang Presisi (lokal)")


def local_api_key(environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    return environ.get("OPEN311_API_KEY") or DEFAULT_API_KEY


def seed(env: Mapping[str, str]) -> None:
    keys.issue(Open311Store(env["TABLE_NAME"]), LOCAL_CLIENT, utcnow(), rotate=True, key=local_api_key())
