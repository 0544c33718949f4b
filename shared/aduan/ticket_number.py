"""Short ticket numbers a person can read out over the phone or type from an SMS.

Six symbols of Crockford's base32 (digits and letters without I, L, O and U, which are easily misread or
misheard), shown as `K7M-4QX`: about a billion numbers, drawn at random and reserved with a conditional
write, so no counter becomes a hot key. Input is forgiving: case, spaces, dashes, and O/I/L typed for
0/1/1 are accepted.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 6
_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
_STRIP = re.compile(r"[\s\-_.#]")


def generate() -> str:
    """A fresh random ticket number, formatted for people."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:3]}-{raw[3:]}"


def normalize(value: str) -> str:
    """The canonical form of a ticket number typed or read by a person; `ValueError` if it is not one."""
    raw = _STRIP.sub("", value.upper()).translate(_TYPOS)
    if len(raw) != LENGTH or any(c not in ALPHABET for c in raw):
        raise ValueError(f"not a ticket number: {value!r}")
    return f"{raw[:3]}-{raw[3:]}"


def is_valid(value: str) -> bool:
    try:
        normalize(value)
    except ValueError:
        return False
    return True
