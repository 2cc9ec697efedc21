from __future__ import annotations

from datetime import date, datetime, time

import pytest

from backend.calendar.cafe_rules import (
    CafeDay,
    CafeSettings,
    CafeState,
    CafeStatus,
    cafe_status,
    is_open_now,
)
from backend.calendar.rules import CalendarSettings, DayKind, UnitCalendar

CAFE_HOURS = {
    1: (time(10), time(14)),
    2: (time(10), time(14)),
    3: (time(10), time(18)),
    4: (time(10), time(14)),
    6: (time(11), time(15)),  # Saturday, when the unit itself is closed
}
OPENS_ON = date(2026, 6, 1)  # seed 001: expected 01.06.2026
CAFE = CafeSettings(CAFE_HOURS, OPENS_ON)
CALENDAR = UnitCalendar(CalendarSettings(extra_closures={date(2026, 6, 11): "Personaldag"}))


@pytest.mark.parametrize(
    "today",
    [date(2026, 1, 1), date(2026, 5, 25), date(2026, 5, 31)],
)
def test_before_opening_only_says_opens_on(today):
    assert cafe_status(CAFE, CALENDAR, today) == CafeStatus(
        CafeState.NOT_YET_OPEN, opens_on=OPENS_ON, days=()
    )


def test_first_week_after_opening():
    status = cafe_status(CAFE, CALENDAR, date(2026, 6, 1))
    assert status.state is CafeState.SCHEDULE
    assert status.opens_on is None
    assert status.days == (
        CafeDay(date(2026, 6, 1), DayKind.OPEN, (time(10), time(14))),
        CafeDay(date(2026, 6, 2), DayKind.OPEN, (time(10), time(14))),
        CafeDay(date(2026, 6, 3), DayKind.OPEN, (time(10), time(18))),
        CafeDay(date(2026, 6, 4), DayKind.OPEN, (time(10), time(14))),
        CafeDay(date(2026, 6, 5), DayKind.NOT_OPENING_DAY),  # no café hours on Friday
        CafeDay(date(2026, 6, 6), DayKind.OPEN, (time(11), time(15))),
        CafeDay(date(2026, 6, 7), DayKind.NOT_OPENING_DAY),
    )


@pytest.mark.parametrize(
    ("today", "days", "day", "kind", "reasons"),
    [
        (date(2026, 6, 8), 7, date(2026, 6, 11), DayKind.EXTRA_CLOSURE, ("Personaldag",)),
        (date(2026, 7, 6), 3, date(2026, 7, 7), DayKind.FELLESFERIE, ()),
        (date(2026, 12, 28), 7, date(2026, 12, 29), DayKind.CHRISTMAS, ()),
        (date(2026, 12, 28), 7, date(2027, 1, 1), DayKind.PUBLIC_HOLIDAY, ("Første nyttårsdag",)),
        (
            date(2027, 5, 15),
            7,
            date(2027, 5, 17),
            DayKind.PUBLIC_HOLIDAY,
            ("Andre pinsedag", "Grunnlovsdag"),
        ),
    ],
)
def test_closures_are_inherited_from_the_unit(today, days, day, kind, reasons):
    status = cafe_status(CAFE, CALENDAR, today, days)
    assert len(status.days) == days
    (cafe_day,) = [d for d in status.days if d.day == day]
    assert cafe_day == CafeDay(day, kind, None, reasons)
    assert not cafe_day.is_open


def test_no_opening_date_means_in_operation():
    status = cafe_status(CafeSettings(CAFE_HOURS, None), CALENDAR, date(2026, 1, 5), days=1)
    assert status.days == (CafeDay(date(2026, 1, 5), DayKind.OPEN, (time(10), time(14))),)


def test_days_must_be_positive():
    with pytest.raises(ValueError):
        cafe_status(CAFE, CALENDAR, date(2026, 6, 1), days=0)


@pytest.mark.parametrize(
    ("hours", "message"),
    [({0: (time(10), time(14))}, "weekday"), ({1: (time(14), time(10))}, "open before")],
)
def test_invalid_cafe_hours_are_rejected(hours, message):
    with pytest.raises(ValueError, match=message):
        CafeSettings(hours)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 6, 1, 9, 59), False),  # before opening time
        (datetime(2026, 6, 1, 10, 0), True),
        (datetime(2026, 6, 1, 13, 59), True),
        (datetime(2026, 6, 1, 14, 0), False),  # closing time is closed
        (datetime(2026, 6, 3, 17, 0), True),  # long Wednesday
        (datetime(2026, 6, 5, 12, 0), False),  # Friday: no café hours
        (datetime(2026, 6, 6, 12, 0), True),  # Saturday café
        (datetime(2026, 6, 11, 12, 0), False),  # unit's extra closure
        (datetime(2026, 5, 25, 12, 0), False),  # Whit Monday and not yet open
        (datetime(2026, 5, 27, 12, 0), False),  # ordinary Wednesday, not yet open
    ],
)
def test_is_open_now(now, expected):
    assert is_open_now(CAFE, CALENDAR, now) is expected
