"""Absence categories and their names: the one table every page, chat and list reads (pure).

A category is a reason, never a diagnosis. `CATEGORY_LABELS` are the buttons (with an
emoji, never carrying meaning alone), `CATEGORY_WORDS` the same in a sentence, in a
list column and on the web pages. A new category: a member here, a label and a word
here, a migration for the stored enum (backend/models re-exports it).
"""

from __future__ import annotations

from enum import StrEnum

from backend.shared.i18n import N_, Gettext


class AbsenceCategory(StrEnum):
    """A reason category, never a diagnosis."""

    SICK = "sick"
    APPOINTMENT = "appointment"
    DAY_OFF = "day_off"
    OTHER = "other"


CATEGORY_LABELS: dict[AbsenceCategory, str] = {
    AbsenceCategory.SICK: N_("🤒 Syk"),
    AbsenceCategory.APPOINTMENT: N_("📅 Avtale"),
    AbsenceCategory.DAY_OFF: N_("🌴 Fri"),
    AbsenceCategory.OTHER: N_("💬 Noe annet"),
}
# The same categories without emoji, for sentences.
CATEGORY_WORDS: dict[AbsenceCategory, str] = {
    AbsenceCategory.SICK: N_("syk"),
    AbsenceCategory.APPOINTMENT: N_("avtale"),
    AbsenceCategory.DAY_OFF: N_("fri"),
    AbsenceCategory.OTHER: N_("noe annet"),
}


def category_word(category: str, _: Gettext) -> str:
    """The category in a sentence, in the reader's language: "syk", "noe annet"."""
    return _(CATEGORY_WORDS[AbsenceCategory(category)])
