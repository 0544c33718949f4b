from __future__ import annotations

import hashlib
import hmac

import pytest

from aduan.signatures import meta_signature, verify_meta_signature
from tests.support import load_raw

SECRET = "app-secret-for-tests"


def test_signature_over_raw_bytes_verifies() -> None:
    body = load_raw("whatsapp/text_urgent.json")
    header = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert meta_signature(body, SECRET) == header
    assert verify_meta_signature(body, header, SECRET)


def test_uppercase_hex_is_accepted() -> None:
    body = b'{"object":"whatsapp_business_account","entry":[]}'
    header = "sha256=" + meta_signature(body, SECRET).removeprefix("sha256=").upper()
    assert verify_meta_signature(body, header, SECRET)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda b, h: (b + b" ", h),  # body changed by one byte
        lambda b, h: (b.replace(b"\\u00e9", "é".encode()), h),  # re-serialised unicode
        lambda b, h: (b, h.replace("sha256=", "sha1=")),
        lambda b, h: (b, h[:-1] + ("0" if h[-1] != "0" else "1")),
        lambda b, h: (b, ""),
        lambda b, h: (b, None),
        lambda b, h: (b, "sha256="),
    ],
)
def test_tampered_or_missing_signature_is_rejected(mutate) -> None:  # type: ignore[no-untyped-def]
    body = b'{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[]}],"x":"caf\\u00e9"}'
    header = meta_signature(body, SECRET)
    new_body, new_header = mutate(body, header)
    assert not verify_meta_signature(new_body, new_header, SECRET)


def test_wrong_secret_or_empty_secret_is_rejected() -> None:
    body = b"{}"
    assert not verify_meta_signature(body, meta_signature(body, SECRET), "another-secret")
    assert not verify_meta_signature(body, meta_signature(body, ""), "")
