"""Keep citizens' and officers' personal data out of logs.

Phone numbers, names and platform ids are never logged in clear: logs carry a short keyed hash (stable,
so one person's events can be correlated) or a masked form.
"""

from __future__ import annotations

import hashlib
import os


def pseudonym(value: str | None) -> str | None:
    """A short, stable pseudonym for a personal identifier (phone number, platform user id)."""
    if not value:
        return None
    salt = os.environ.get("LOG_PSEUDONYM_SALT", "aduan")
    return "p_" + hashlib.blake2b(value.encode(), key=salt.encode()[:64], digest_size=6).hexdigest()


def mask_phone(phone: str | None) -> str | None:
    """`+6281234567890` becomes `+6281******890`: enough to recognise, not enough to call."""
    if not phone:
        return None
    phone = phone.strip()
    if len(phone) <= 8:
        return "*" * len(phone)
    return phone[:5] + "*" * (len(phone) - 8) + phone[-3:]


def mask_name(name: str | None) -> str | None:
    """`Budi Santoso` becomes `B*** S***`."""
    if not name:
        return None
    return " ".join(part[0] + "***" for part in name.split() if part)
