"""Open311 API keys: 256 random bits, shown once when issued, stored only as their SHA-256 hash.

`issue` creates a client's first key or rotates it (the old key stops working in the same transaction);
`scripts/open311_key.py` (`make open311-key CLIENT=...`) is the command that calls it.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from aduan.adapters.open311_store import Client, Open311Store
from aduan.services.open311 import key_hash

CLIENT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")  # no ':' : it separates ids in conversation keys


def new_key() -> str:
    return "o311_" + secrets.token_urlsafe(32)


def issue(store: Open311Store, client: Client, now: datetime, *, rotate: bool = False, key: str | None = None) -> str:
    """Store a key for `client` and return it (the only time it is seen). `ClientExists` when the client
    already has one and `rotate` is not set."""
    if not CLIENT_ID.match(client.client_id):
        raise ValueError("client id: 2 to 40 of a-z, 0-9 and '-', starting with a letter or digit")
    key = key or new_key()
    current = store.current_key_hash(client.client_id) if rotate else None
    if current == key_hash(key):
        return key
    store.put_key(client, key_hash(key), now, replace=current)
    return key
