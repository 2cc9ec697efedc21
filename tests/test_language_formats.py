"""Dates, money and hours in each language's own way, through Babel (CLDR): no language
borrows Norwegian month names or a Norwegian "7." where it writes "7"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from backend.nav_lists.lists import hours_text
from backend.pay.rules import format_nok
from backend.shared.i18n import babel_locale
from backend.shared.wording import day_name, long_date, month_year, short_day, weekday_initials
from backend.web.render import hours_filter, set_language

TUESDAY = date(2026, 4, 7)


@pytest.mark.parametrize(
    ("language", "name", "short", "long", "month"),
    [
        ("nb", "tirsdag 7. april", "tir. 7. apr.", "7. april 2026", "april 2026"),
        ("nn", "tysdag 7. april", "ty. 7. apr.", "7. april 2026", "april 2026"),
        ("en", "Tuesday 7 April", "Tue 7 Apr", "7 April 2026", "April 2026"),
        ("nb_lettlest", "tirsdag 7. april", "tirsdag 7. april", "7. april 2026", "april 2026"),
        (
            "uk",
            "вівторок, 7 квітня",
            "вт, 7 квіт.",
            "7 квітня 2026\u202fр.",
            "квітень 2026\u202fр.",
        ),
        ("pl", "wtorek, 7 kwietnia", "wt., 7 kwi", "7 kwietnia 2026", "kwiecień 2026"),
        ("ar", "الثلاثاء، 7 أبريل", "الثلاثاء، 7 أبريل", "7 أبريل 2026", "أبريل 2026"),
        ("so", "Talaado, Abriil 7", "Tldo, Abr 7", "Abriil 7, 2026", "Abriil 2026"),
    ],
)
def test_dates_in_words(language: str, name: str, short: str, long: str, month: str) -> None:
    assert day_name(TUESDAY, language) == name
    assert short_day(TUESDAY, language) == short
    assert long_date("2026-04-07", language) == long
    # A month alone takes its own name, not the form after a day ("kwiecień", not "kwietnia").
    assert month_year("2026-04-07", language) == month


@pytest.mark.parametrize(
    ("language", "monday", "sunday"),
    [
        ("nb", "ma.", "sø."),
        ("uk", "пн", "нд"),
        ("pl", "pon", "nie"),
        ("ar", "إثنين", "أحد"),
        ("so", "Isn", "Axd"),
    ],
)
def test_a_calendars_weekday_row_starts_on_monday(language: str, monday: str, sunday: str) -> None:
    initials = weekday_initials(language)
    assert (initials[0], initials[6]) == (monday, sunday)


@pytest.mark.parametrize(
    ("language", "amount", "hours", "list_hours"),
    [
        ("nb", "1\xa0632,50\xa0kr", "1\xa0234,25", "4,25"),
        ("nn", "1\xa0632,50\xa0kr", "1\xa0234,25", "4,25"),
        ("en", "NOK1,632.50", "1,234.25", "4.25"),
        ("nb_lettlest", "1\xa0632,50\xa0kr", "1\xa0234,25", "4,25"),
        ("uk", "1\xa0632,50\xa0NOK", "1\xa0234,25", "4,25"),
        ("pl", "1\xa0632,50\xa0NOK", "1\xa0234,25", "4,25"),
        # Latin digits, the right-to-left mark CLDR puts first, the code after the figure.
        ("ar", "\u200f1,632.50\xa0NOK", "1,234.25", "4.25"),
        ("so", "NOK1,632.50", "1,234.25", "4.25"),
    ],
)
def test_money_and_hours(language: str, amount: str, hours: str, list_hours: str) -> None:
    assert format_nok(163_250, babel_locale(language)) == amount
    set_language(language)
    try:
        assert hours_filter(Decimal("1234.25")) == hours
    finally:
        set_language("nb")
    assert hours_text(Decimal("4.25"), language) == list_hours
