from __future__ import annotations

from datetime import date, time

import pytest

from backend.calendar.rules import (
    CalendarSettings,
    DayKind,
    DayStatus,
    UnitCalendar,
    days_between,
    norwegian_holidays,
)

DEFAULT = UnitCalendar()


def _weekdays(start: date, end: date) -> list[date]:
    return [day for day in days_between(start, end) if day.isoweekday() <= 5]


# --- statuses -----------------------------------------------------------------------

STATUS_TABLE = [
    # (label, settings, day, is_open, kind, reasons)
    ("ordinary Monday", None, date(2026, 4, 13), True, DayKind.OPEN, ()),
    ("Saturday", None, date(2026, 4, 11), False, DayKind.NOT_OPENING_DAY, ()),
    ("ordinary Sunday", None, date(2026, 4, 12), False, DayKind.NOT_OPENING_DAY, ()),
    ("Easter Sunday", None, date(2026, 4, 5), False, DayKind.PUBLIC_HOLIDAY, ("Første påskedag",)),
    (
        "Saturday holiday",
        None,
        date(2026, 12, 26),
        False,
        DayKind.PUBLIC_HOLIDAY,
        ("Andre juledag",),
    ),
    ("Maundy Thursday", None, date(2026, 4, 2), False, DayKind.PUBLIC_HOLIDAY, ("Skjærtorsdag",)),
    ("Christmas Eve open", None, date(2026, 12, 24), True, DayKind.OPEN, ()),
    ("New Year's Eve open", None, date(2026, 12, 31), True, DayKind.OPEN, ()),
    ("between Christmas and NY", None, date(2026, 12, 28), False, DayKind.CHRISTMAS, ()),
    ("last day of closure", None, date(2026, 12, 30), False, DayKind.CHRISTMAS, ()),
    (
        "Christmas Eve closed",
        CalendarSettings(close_christmas_eve=True),
        date(2026, 12, 24),
        False,
        DayKind.CHRISTMAS,
        (),
    ),
    (
        "New Year's Eve closed",
        CalendarSettings(close_new_years_eve=True),
        date(2026, 12, 31),
        False,
        DayKind.CHRISTMAS,
        (),
    ),
    (
        "Christmas Eve flag leaves NYE open",
        CalendarSettings(close_christmas_eve=True),
        date(2026, 12, 31),
        True,
        DayKind.OPEN,
        (),
    ),
    (
        "no Christmas closure",
        CalendarSettings(christmas_closure=None),
        date(2026, 12, 28),
        True,
        DayKind.OPEN,
        (),
    ),
    (
        "closure wrapping New Year",
        CalendarSettings(christmas_closure=((12, 28), (1, 4))),
        date(2027, 1, 4),
        False,
        DayKind.CHRISTMAS,
        (),
    ),
    ("fellesferie first day", None, date(2026, 7, 6), False, DayKind.FELLESFERIE, ()),
    ("fellesferie last day", None, date(2026, 7, 24), False, DayKind.FELLESFERIE, ()),
    ("Friday before fellesferie", None, date(2026, 7, 3), True, DayKind.OPEN, ()),
    ("Monday after fellesferie", None, date(2026, 7, 27), True, DayKind.OPEN, ()),
    ("Saturday in fellesferie", None, date(2026, 7, 11), False, DayKind.NOT_OPENING_DAY, ()),
    (
        "extra closure",
        CalendarSettings(extra_closures={date(2026, 8, 14): "Personaldag"}),
        date(2026, 8, 14),
        False,
        DayKind.EXTRA_CLOSURE,
        ("Personaldag",),
    ),
    (
        "extra closure on a holiday keeps both texts",
        CalendarSettings(extra_closures={date(2026, 5, 1): "Personaldag"}),
        date(2026, 5, 1),
        False,
        DayKind.PUBLIC_HOLIDAY,
        ("Arbeidernes dag", "Personaldag"),
    ),
    (
        "Saturday with opening hours",
        CalendarSettings(opening_hours={6: (time(10), time(14))}),
        date(2026, 4, 11),
        True,
        DayKind.OPEN,
        (),
    ),
    (
        "Monday without opening hours",
        CalendarSettings(opening_hours={6: (time(10), time(14))}),
        date(2026, 4, 13),
        False,
        DayKind.NOT_OPENING_DAY,
        (),
    ),
]


@pytest.mark.parametrize(
    ("settings", "day", "is_open", "kind", "reasons"),
    [row[1:] for row in STATUS_TABLE],
    ids=[row[0] for row in STATUS_TABLE],
)
def test_status(settings, day, is_open, kind, reasons):
    calendar = UnitCalendar(settings) if settings else DEFAULT
    assert calendar.status(day) == DayStatus(day=day, is_open=is_open, reasons=reasons, kind=kind)
    assert calendar.is_open(day) is is_open


def test_one_date_two_holidays_is_one_closed_day():
    day = date(2027, 5, 17)
    status = DEFAULT.status(day)
    assert status.kind is DayKind.PUBLIC_HOLIDAY
    assert sorted(status.reasons) == ["Andre pinsedag", "Grunnlovsdag"]
    assert [s.day for s in DEFAULT.closed_days(2027)].count(day) == 1


def test_holiday_names_are_split_not_joined():
    assert all("; " not in name for names in norwegian_holidays(2027).values() for name in names)


# --- closed days of a year ------------------------------------------------------------

HOLIDAY_CLOSURES_2026 = [
    date(2026, 1, 1),
    date(2026, 4, 2),
    date(2026, 4, 3),
    date(2026, 4, 6),
    date(2026, 5, 1),
    date(2026, 5, 14),
    date(2026, 5, 25),
    date(2026, 12, 25),
]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (DayKind.PUBLIC_HOLIDAY, HOLIDAY_CLOSURES_2026),
        (DayKind.FELLESFERIE, _weekdays(date(2026, 7, 6), date(2026, 7, 24))),
        (DayKind.CHRISTMAS, [date(2026, 12, 28), date(2026, 12, 29), date(2026, 12, 30)]),
        (DayKind.EXTRA_CLOSURE, []),
    ],
)
def test_closed_days_2026_by_kind(kind, expected):
    assert [s.day for s in DEFAULT.closed_days(2026) if s.kind is kind] == expected


def test_closed_days_only_lists_weekdays_with_hours():
    closed = DEFAULT.closed_days(2026)
    assert all(s.day.isoweekday() <= 5 and not s.is_open for s in closed)
    assert len(closed) == 8 + 15 + 3
    assert date(2026, 12, 26) not in [s.day for s in closed]  # a Saturday


@pytest.mark.parametrize(
    ("settings", "first_closed", "last_closed", "open_days"),
    [
        (
            CalendarSettings(),
            date(2026, 7, 6),
            date(2026, 7, 24),
            [date(2026, 7, 3), date(2026, 7, 27)],
        ),
        (
            CalendarSettings(fellesferie_weeks=(27, 29)),
            date(2026, 6, 29),
            date(2026, 7, 17),
            [date(2026, 6, 26), date(2026, 7, 20), date(2026, 7, 24)],
        ),
        (
            CalendarSettings(fellesferie_by_year={2026: (29, 31)}),
            date(2026, 7, 13),
            date(2026, 7, 31),
            [date(2026, 7, 10), date(2026, 8, 3)],
        ),
    ],
    ids=["default 28-30", "weeks 27-29", "override for 2026"],
)
def test_fellesferie_follows_settings(settings, first_closed, last_closed, open_days):
    calendar = UnitCalendar(settings)
    ferie = [s.day for s in calendar.closed_days(2026) if s.kind is DayKind.FELLESFERIE]
    assert ferie == _weekdays(first_closed, last_closed)
    assert all(calendar.is_open(day) for day in open_days)


def test_year_override_leaves_other_years_on_default():
    calendar = UnitCalendar(CalendarSettings(fellesferie_by_year={2026: (29, 31)}))
    assert calendar.status(date(2027, 7, 12)).kind is DayKind.FELLESFERIE  # week 28 of 2027


# --- ranges and lookups -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (date(2026, 4, 1), date(2026, 4, 30), 19),  # 22 weekdays - Easter (2, 3, 6 Apr)
        (date(2026, 5, 1), date(2026, 5, 31), 18),  # 21 weekdays - 1, 14, 25 May
        (date(2026, 7, 1), date(2026, 7, 31), 8),  # 1-3 and 27-31 July
        (date(2026, 12, 1), date(2026, 12, 31), 19),  # 23 weekdays - 25, 28, 29, 30 Dec
        (date(2026, 4, 13), date(2026, 4, 13), 1),
        (date(2026, 4, 11), date(2026, 4, 12), 0),
    ],
)
def test_opening_days_count(start, end, count):
    assert len(DEFAULT.opening_days(start, end)) == count


def test_opening_days_rejects_reversed_range():
    with pytest.raises(ValueError, match="after"):
        DEFAULT.opening_days(date(2026, 5, 1), date(2026, 4, 1))


@pytest.mark.parametrize(
    ("settings", "day", "expected"),
    [
        (None, date(2026, 4, 13), date(2026, 4, 13)),  # open: itself
        (None, date(2026, 4, 12), date(2026, 4, 10)),  # Sunday -> Friday
        (None, date(2026, 4, 6), date(2026, 4, 1)),  # Easter Monday -> Wednesday before Easter
        (None, date(2026, 7, 27), date(2026, 7, 27)),
        (None, date(2026, 7, 20), date(2026, 7, 3)),  # inside fellesferie
        (None, date(2027, 1, 1), date(2026, 12, 31)),  # NYE open by default
        (CalendarSettings(close_new_years_eve=True), date(2027, 1, 1), date(2026, 12, 24)),
        (
            CalendarSettings(close_christmas_eve=True, close_new_years_eve=True),
            date(2027, 1, 1),
            date(2026, 12, 23),
        ),
    ],
)
def test_previous_working_day(settings, day, expected):
    calendar = UnitCalendar(settings) if settings else DEFAULT
    assert calendar.previous_working_day(day) == expected


def test_previous_working_day_gives_up_when_never_open():
    with pytest.raises(LookupError):
        UnitCalendar(CalendarSettings(opening_hours={})).previous_working_day(date(2026, 4, 13))


@pytest.mark.parametrize(
    ("settings", "day", "expected"),
    [
        (None, date(2026, 4, 13), (time(8), time(15, 30))),
        (None, date(2026, 4, 6), None),
        (None, date(2026, 4, 11), None),
        (
            CalendarSettings(opening_hours={1: (time(9), time(14)), 5: (time(8), time(12))}),
            date(2026, 4, 17),
            (time(8), time(12)),
        ),
    ],
)
def test_hours(settings, day, expected):
    calendar = UnitCalendar(settings) if settings else DEFAULT
    assert calendar.hours(day) == expected


# --- settings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"fellesferie_weeks": (30, 28)},
        {"fellesferie_weeks": (0, 2)},
        {"fellesferie_by_year": {2026: (28, 54)}},
        {"christmas_closure": ((12, 32), (12, 31))},
        {"opening_hours": {8: (time(8), time(15))}},
        {"opening_hours": {1: (time(15), time(8))}},
    ],
)
def test_invalid_settings_are_rejected(kwargs):
    with pytest.raises(ValueError):
        CalendarSettings(**kwargs)


def test_settings_do_not_follow_later_changes_to_the_callers_dict():
    closures = {date(2026, 8, 14): "Personaldag"}
    calendar = UnitCalendar(CalendarSettings(extra_closures=closures))
    closures[date(2026, 8, 13)] = "Kurs"
    assert calendar.is_open(date(2026, 8, 13))


def test_status_is_cached_per_date():
    calendar = UnitCalendar()
    assert calendar.status(date(2026, 5, 17)) is calendar.status(date(2026, 5, 17))
