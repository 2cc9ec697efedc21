from __future__ import annotations

from dataclasses import dataclass

import pytest

from backend.people.contact_rules import contact_or_leaders, needs_new_contact


@dataclass(frozen=True)
class Person:
    name: str
    active: bool = True


LISE, PER, KIM = Person("Lise"), Person("Per"), Person("Kim")
GONE = Person("Gone", active=False)


@pytest.mark.parametrize(
    ("contact", "needs"), [(LISE, False), (GONE, True), (None, True)], ids=["active", "off", "none"]
)
def test_needs_new_contact(contact: Person | None, needs: bool) -> None:
    assert needs_new_contact(contact) is needs


@pytest.mark.parametrize(
    ("contact", "leaders", "told"),
    [
        (LISE, [PER, KIM], ["Lise"]),
        (None, [PER, KIM], ["Per", "Kim"]),
        (None, [], []),
    ],
)
def test_contact_or_leaders(contact: Person | None, leaders: list[Person], told: list[str]) -> None:
    assert [p.name for p in contact_or_leaders(contact, leaders)] == told
