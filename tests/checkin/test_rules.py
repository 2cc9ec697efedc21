"""The check-in rules as tables: a visit's hours, the taps taken, the pairing code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from backend.checkin.rules import (
    TapAction,
    TapOutcome,
    TileState,
    Visit,
    first_name,
    format_code,
    next_state,
    normal_code,
    symbol_picture,
    tap_refusal,
    tap_time,
    visit_hours,
    visit_minutes,
)

OSLO = ZoneInfo("Europe/Oslo")


def at(hour: int, minute: int = 0, second: int = 0, day: int = 7) -> datetime:
    return datetime(2026, 4, day, hour, minute, second, tzinfo=OSLO)


@pytest.mark.parametrize(
    ("arrived", "left", "hours"),
    [
        (at(9), at(14), Decimal("5.00")),  # a whole day of the decision
        (at(9, 2), at(14, 1), Decimal("5.00")),  # 4 h 59 min: nearest quarter
        (at(9), at(11, 7), Decimal("2.00")),  # 7 minutes past: down
        (at(9), at(11, 7, 30), Decimal("2.25")),  # 7.5 minutes past: a tie goes up
        (at(9), at(11, 8), Decimal("2.25")),  # 8 minutes past: up
        (at(9), at(9, 52, 30), Decimal("1.00")),  # 52.5 minutes: 3.5 quarters, up
        (at(9), at(9, 22), Decimal("0.25")),  # 22 minutes: one quarter (22 < 22.5)
        (at(9), at(9, 7, 29), None),  # under 7.5 minutes: no hours, staff decide
        (at(9), at(9, 7, 30), Decimal("0.25")),  # exactly 7.5 minutes: a quarter
        (at(9), at(9), None),
        (at(10), at(9), None),  # out before in
        (at(6), at(19), Decimal("12.00")),  # 13 hours: the day's most, 12
        (at(7), at(19), Decimal("12.00")),
        (at(7, 10), at(19), Decimal("11.75")),
    ],
)
def test_a_visit_gives_its_hours_to_the_nearest_quarter(
    arrived: datetime, left: datetime, hours: Decimal | None
) -> None:
    assert visit_hours(arrived, left) == hours


@pytest.mark.parametrize(
    ("arrived", "left", "minutes"),
    [
        (at(9), at(9, 5), 5),  # shown as "Kort besøk (5 min)"
        (at(9), at(9, 7, 29), 7),  # the longest visit without hours: whole minutes, down
        (at(9), at(9, 0, 40), 0),
        (at(9), at(9), 0),
        (at(10), at(9), 0),  # out before in: no minutes below none
        (at(9), at(11, 7), 127),
    ],
)
def test_a_visit_s_whole_minutes(arrived: datetime, left: datetime, minutes: int) -> None:
    assert visit_minutes(arrived, left) == minutes


def test_hours_across_time_zones_are_the_minutes_between() -> None:
    # 07:00 UTC is 09:00 in Oslo in April: the same moment, so five hours to 14:00 Oslo.
    assert visit_hours(datetime(2026, 4, 7, 7, tzinfo=UTC), at(14)) == Decimal("5.00")


NOW = at(12)


@pytest.mark.parametrize(
    ("tap", "refusal"),
    [
        (at(9), None),  # queued this morning
        (at(0, 0), None),  # today's first minute
        (NOW, None),
        (NOW + timedelta(minutes=2), None),  # a tablet's clock a little ahead
        (NOW + timedelta(minutes=2, seconds=1), "Trykket har et tidspunkt fram i tid."),
        (at(23, 59, day=6), "Trykket er fra en annen dag."),  # yesterday evening
        (datetime(2026, 4, 6, 22, 30, tzinfo=UTC), None),  # 00:30 in Oslo today
        (datetime(2026, 4, 6, 21, 59, tzinfo=UTC), "Trykket er fra en annen dag."),
    ],
)
def test_a_queued_tap_is_taken_from_today_and_not_from_the_future(
    tap: datetime, refusal: str | None
) -> None:
    assert tap_refusal(tap, NOW) == refusal


def test_a_tap_a_little_ahead_is_stored_as_now() -> None:
    assert tap_time(NOW + timedelta(minutes=1), NOW) == NOW
    assert tap_time(at(9), NOW) == at(9)


NONE = Visit(None, None)
IN = Visit(at(9), None)
OUT = Visit(at(9), at(14))


@pytest.mark.parametrize(
    ("visit", "action", "when", "outcome"),
    [
        (NONE, TapAction.IN, at(9), TapOutcome.DONE),
        (IN, TapAction.IN, at(9, 5), TapOutcome.ALREADY),  # a double tap on arrival
        (OUT, TapAction.IN, at(15), TapOutcome.ALREADY),  # gone: staff correct it
        (IN, TapAction.OUT, at(14), TapOutcome.DONE),
        (OUT, TapAction.OUT, at(14, 1), TapOutcome.ALREADY),
        (NONE, TapAction.OUT, at(14), "Ikke sjekket inn i dag."),
        (IN, TapAction.OUT, at(8), "Trykket for å gå kom før trykket for å komme."),
        (OUT, TapAction.BACK, at(14, 2), TapOutcome.DONE),  # "gone" was a mistake
        (OUT, TapAction.BACK, at(14), TapOutcome.DONE),  # at the very minute of leaving
        (IN, TapAction.BACK, at(14, 2), TapOutcome.ALREADY),  # back already, or never gone
        (NONE, TapAction.BACK, at(14), "Ikke sjekket inn i dag."),
        (OUT, TapAction.BACK, at(13, 59), "Trykket for å komme tilbake kom før trykket for å gå."),
    ],
)
def test_what_a_tap_does_to_a_visit(
    visit: Visit, action: TapAction, when: datetime, outcome: TapOutcome | str
) -> None:
    assert next_state(visit, action, when) == outcome


CONFIRMED = "Dagen er allerede bekreftet. En ansatt kan rette den på siden Oppmøte."


@pytest.mark.parametrize(
    ("visit", "action", "when", "outcome"),
    [
        (OUT, TapAction.BACK, at(14, 2), CONFIRMED),  # confirmed attendance is not undone
        (IN, TapAction.BACK, at(14, 2), TapOutcome.ALREADY),  # nothing would change
        (NONE, TapAction.IN, at(9), TapOutcome.DONE),  # arriving and leaving as before
        (IN, TapAction.OUT, at(14), TapOutcome.DONE),
        (OUT, TapAction.OUT, at(14, 1), TapOutcome.ALREADY),
    ],
)
def test_a_day_staff_stored_is_not_reopened_from_the_door(
    visit: Visit, action: TapAction, when: datetime, outcome: TapOutcome | str
) -> None:
    assert next_state(visit, action, when, confirmed=True) == outcome


def test_a_visit_state() -> None:
    assert [NONE.state, IN.state, OUT.state] == [TileState.EXPECTED, TileState.IN, TileState.OUT]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("123456", "123456"),
        ("123 456", "123456"),
        (" 123-456 ", "123456"),
        ("12345", None),
        ("1234567", None),
        ("12345a", None),
        ("١٢٣٤٥٦", None),  # Arabic-Indic digits are not the code's digits
        ("", None),
        (None, None),
    ],
)
def test_a_pairing_code_is_six_digits_as_typed(typed: str | None, code: str | None) -> None:
    assert normal_code(typed) == code


def test_a_code_is_shown_in_two_groups() -> None:
    assert format_code("042917") == "042 917"


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Kari Nordmann", "Kari"),
        ("  Ola  Hansen ", "Ola"),
        ("Anne-Lise Berg", "Anne-Lise"),
        ("", ""),
    ],
)
def test_only_the_first_name_goes_on_a_tile(name: str, first: str) -> None:
    assert first_name(name) == first


def test_a_symbol_is_its_picture_and_an_unknown_one_the_star() -> None:
    assert symbol_picture("sun") == "☀️"
    assert symbol_picture(None) == "⭐"
    assert symbol_picture("gone") == "⭐"
