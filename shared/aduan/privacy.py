"""Keep citizens' and officers' personal data out of logs and out of places that do not need it.

Logs identify a report by its ticket number, never by the citizen's phone number, name or platform id
(a hash of a phone number is no protection: the space of Indonesian mobile numbers is small enough to
enumerate). Where a record must show whom an alert went to, the phone number is masked.
"""

from __future__ import annotations


def mask_phone(phone: str | None) -> str | None:
    """`+6281234567890` becomes `+6281******890`: enough to recognise, not enough to call."""
    if not phone:
        return None
    phone = phone.strip()
    if len(phone) <= 8:
        return "*" * len(phone)
    return phone[:5] + "*" * (len(phone) - 8) + phone[-3:]
