from __future__ import annotations

import random
import re

import pytest

from aduan import ticket_number

FORMAT = re.compile(r"[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}")


def test_the_alphabet_is_crockford_base32_without_misreadable_letters() -> None:
    assert len(ticket_number.ALPHABET) == len(set(ticket_number.ALPHABET)) == 32
    assert not set(ticket_number.ALPHABET) & set("ILOU")
    assert ticket_number.LENGTH == 6  # 32**6, about a billion numbers


def test_generated_numbers_are_formatted_for_people() -> None:
    for _ in range(200):
        number = ticket_number.generate()
        assert FORMAT.fullmatch(number)
        assert ticket_number.normalize(number) == number


def test_generate_draws_every_symbol_from_the_whole_alphabet(monkeypatch: pytest.MonkeyPatch) -> None:
    # A seeded source instead of `secrets`, so the outcome is the same on every run.
    seeded = random.Random(20261201)
    monkeypatch.setattr(ticket_number.secrets, "choice", seeded.choice)
    numbers = [ticket_number.generate() for _ in range(2000)]
    assert all(FORMAT.fullmatch(number) for number in numbers)
    assert len(set(numbers)) == len(numbers)
    symbols = {symbol for number in numbers for symbol in number.replace("-", "")}
    assert symbols == set(ticket_number.ALPHABET)
    for position in range(7):
        if position != 3:
            assert len({number[position] for number in numbers}) == 32


def test_each_symbol_is_its_own_draw(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = iter("K7M4QX")
    monkeypatch.setattr(ticket_number.secrets, "choice", lambda alphabet: next(drawn))
    assert ticket_number.generate() == "K7M-4QX"


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
