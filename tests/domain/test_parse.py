from __future__ import annotations

from datetime import date, time

import pytest

from backend.domain.errors import Msgid, RuleError
from backend.domain.parse import parse_code, parse_date, parse_hours, parse_weekdays


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon,wed,fri", {1, 3, 5}),
        ("Mon, Tue", {1, 2}),
        ("man,ons,fre", {1, 3, 5}),
        ("monday thursday", {1, 4}),
        ("lør,søn", {6, 7}),
    ],
)
def test_weekdays(text: str, expected: set[int]) -> None:
    assert parse_weekdays(text) == frozenset(expected)


@pytest.mark.parametrize("text", ["", "funday", "mon,xyz", " , "])
def test_bad_weekdays(text: str) -> None:
    with pytest.raises(RuleError):
        parse_weekdays(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00-14:00", (time(9), time(14))),
        ("8:30 – 15:15", (time(8, 30), time(15, 15))),
    ],
)
def test_hours(text: str, expected: tuple[time, time]) -> None:
    assert parse_hours(text) == expected


@pytest.mark.parametrize(
    "text", ["9-14", "14:00-09:00", "09:00-09:00", "25:00-26:00", "09:60-10:00"]
)
def test_bad_hours(text: str) -> None:
    with pytest.raises(RuleError):
        parse_hours(text)


@pytest.mark.parametrize(
    ("text", "ok"), [("2026-04-07", True), ("2026-02-30", False), ("07.04.2026", False)]
)
def test_dates(text: str, ok: bool) -> None:
    if ok:
        assert parse_date(text) == date(2026, 4, 7)
    else:
        with pytest.raises(RuleError, match=r"YYYY-MM-DD|ÅÅÅÅ"):
            parse_date(text)


@pytest.mark.parametrize(
    ("text", "ok"),
    [("P1", True), ("aok.larvik-2", True), ("-x", False), ("a b", False), ("x" * 65, False)],
)
def test_codes(text: str, ok: bool) -> None:
    if ok:
        assert parse_code(text) == text
    else:
        with pytest.raises(RuleError):
            parse_code(text)


def test_rule_error_renders_through_gettext() -> None:
    error = RuleError("Ukjent ukedag: {text}", text="xyz")
    assert (
        error.render(lambda s: s.replace("Ukjent ukedag", "Unknown weekday"))
        == "Unknown weekday: xyz"
    )


def test_message_parameters_marked_as_msgids_are_translated_too() -> None:
    english = {"Fyll ut feltet «{field}»": "Fill in «{field}»", "Fødselsdato": "Birth date"}
    error = RuleError("Fyll ut feltet «{field}»", field=Msgid("Fødselsdato"))
    assert error.render(lambda s: english.get(s, s)) == "Fill in «Birth date»"
    plain = RuleError("Fyll ut feltet «{field}»", field="Fødselsdato")
    assert plain.render(lambda s: english.get(s, s)) == "Fill in «Fødselsdato»"
