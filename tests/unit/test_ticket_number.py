from __future__ import annotations

import re

import pytest

from aduan import ticket_number


def test_generated_numbers_are_short_readable_and_varied() -> None:
    numbers = {ticket_number.generate() for _ in range(2000)}
    assert len(numbers) == 2000
    for number in numbers:
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}", number)
        assert not set(number) & set("ILOU")
        assert ticket_number.normalize(number) == number


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("k7m-4qx", "K7M-4QX"),
        ("K7M 4QX", "K7M-4QX"),
        ("k7m4qx", "K7M-4QX"),
        ("#K7M-4QX", "K7M-4QX"),
        ("1O0-ILA", "100-11A"),  # O read as zero, I and L as one
    ],
)
def test_people_can_type_it_loosely(typed: str, canonical: str) -> None:
    assert ticket_number.normalize(typed) == canonical
    assert ticket_number.is_valid(typed)


@pytest.mark.parametrize("bad", ["", "K7M-4Q", "K7M-4QXX", "K7M-4Q!", "tiket saya"])
def test_rejects_what_is_not_a_ticket_number(bad: str) -> None:
    assert not ticket_number.is_valid(bad)
    with pytest.raises(ValueError, match="not a ticket number"):
        ticket_number.normalize(bad)
