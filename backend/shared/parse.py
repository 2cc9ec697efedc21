"""Parsing of what people type (CLI, web forms, imports) into values the rules use."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, time

from backend.shared.errors import N_, RuleError

WEEKDAY_NAMES = {
    "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7,
    "man": 1, "tir": 2, "ons": 3, "tor": 4, "fre": 5, "lør": 6, "søn": 7,
}  # fmt: skip
ISO_WEEKDAYS = frozenset("1234567")


# Dates people give (birth dates included) lie within these years. Outside them a date is a
# typing error, and date arithmetic near year 9999 overflows.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def number(text: str, *, max_digits: int = 9) -> int | None:
    """ASCII digits → their value; anything else → None.

    Not `str.isdigit()`: it says yes to '²' and '①', which int() refuses, and to
    Arabic-Indic digits, which int() reads. Nine digits fit every database integer.
    """
    if not re.fullmatch(rf"[0-9]{{1,{max_digits}}}", text):
        return None
    return int(text)


def without_nul(text: str) -> str:
    """The text without NUL characters: invisible, meaningless in text, refused by PostgreSQL."""
    return text.replace("\x00", "")


def parse_date(text: str) -> date:
    """`2026-04-07` (ASCII digits) within FIRST_YEAR..LAST_YEAR."""
    cleaned = text.strip()
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", cleaned):
            raise ValueError(cleaned)
        day = date.fromisoformat(cleaned)
    except ValueError:
        raise RuleError(N_("Ikke en dato (ÅÅÅÅ-MM-DD): {text}"), text=text[:40]) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise RuleError(
            N_("Velg en dato mellom år {low} og {high}"), low=FIRST_YEAR, high=LAST_YEAR
        )
    return day


def parse_weekdays(text: str) -> frozenset[int]:
    """`mon,wed,fri` (English or Norwegian abbreviations) → ISO weekdays {1, 3, 5}."""
    days: set[int] = set()
    for part in re.split(r"[,\s]+", text.strip().lower()):
        if not part:
            continue
        day = WEEKDAY_NAMES.get(part[:3])
        if day is None:
            raise RuleError(N_("Ukjent ukedag: {text}"), text=part)
        days.add(day)
    if not days:
        raise RuleError(N_("Oppgi minst én ukedag, for eksempel man,ons,fre"))
    return frozenset(days)


def checked_weekdays(values: Iterable[str]) -> frozenset[int]:
    """The ISO weekdays a form's checkboxes send (`"1"`..`"7"`); anything else is no box
    of ours and is left out. None checked is an error."""
    days = frozenset(int(v) for v in values if v in ISO_WEEKDAYS)
    if not days:
        raise RuleError(N_("Oppgi minst én ukedag, for eksempel man,ons,fre"))
    return days


def format_weekdays(days: frozenset[int]) -> str:
    return ",".join(str(d) for d in sorted(days))


def parse_hours(text: str) -> tuple[time, time]:
    """`09:00-14:00` → (09:00, 14:00); the end must come after the start."""
    match = re.fullmatch(r"\s*([0-9]{1,2}):([0-9]{2})\s*[-–]\s*([0-9]{1,2}):([0-9]{2})\s*", text)
    if not match:
        raise RuleError(N_("Tid må skrives som 09:00-14:00, ikke {text}"), text=text[:40])
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    try:
        start, end = time(h1, m1), time(h2, m2)
    except ValueError:
        raise RuleError(N_("Tid må skrives som 09:00-14:00, ikke {text}"), text=text) from None
    if end <= start:
        raise RuleError(N_("Sluttid må komme etter starttid: {text}"), text=text)
    return start, end


def parse_code(text: str) -> str:
    """An identifier typed by staff (unit, staff or participant id)."""
    code = text.strip()
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", code):
        raise RuleError(
            N_("En id kan ha bokstaver, sifre, «-», «_» og «.», høyst 64 tegn: {text}"), text=text
        )
    return code
