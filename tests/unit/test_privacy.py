from __future__ import annotations

import pytest

from aduan.privacy import mask_phone


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("+6281234567890", "+6281******890"),
        ("+628123456", "+6281**456"),
        ("12345678", "********"),
        ("", None),
        (None, None),
    ],
)
def test_mask_phone_keeps_too_little_to_call(phone: str | None, masked: str | None) -> None:
    assert mask_phone(phone) == masked
