"""Who stands in for a participant's contact person (pure).

A participant's contact person is told of absences and gets the reminders about
them. When there is none in force (none set, or the one set was deactivated), the
participant needs a new contact person, and the unit's leaders are told instead
until one is set.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar


class HasActive(Protocol):
    @property
    def active(self) -> bool: ...


T = TypeVar("T")


def needs_new_contact(contact: HasActive | None) -> bool:
    """True when the participant has no contact person in force."""
    return contact is None or not contact.active


def contact_or_leaders(contact: T | None, leaders: Sequence[T]) -> list[T]:
    """The contact person in force, else the unit's leaders.

    `contact` is None when the participant has no contact person in force: callers
    pass None for a deactivated one (see `needs_new_contact`).
    """
    return [contact] if contact is not None else list(leaders)
