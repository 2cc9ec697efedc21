from __future__ import annotations

from datetime import date, time

import pytest

from backend.shared.errors import Msgid, RuleError
from backend.shared.parse import (
    checked_weekdays,
    number,
    parse_code,
    parse_date,
    parse_hours,
    parse_weekdays,
    without_nul,
)


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
    ("values", "expected"),
    [
        (["1", "3", "5"], {1, 3, 5}),
        (["7"], {7}),
        (["1", "1"], {1}),
        (["1", "12", "8", "0", "", "٣"], {1}),  # no box of ours: left out, never day 12
    ],
)
def test_checked_weekdays(values: list[str], expected: set[int]) -> None:
    assert checked_weekdays(values) == frozenset(expected)


@pytest.mark.parametrize("values", [[], [""], ["8"], ["12"], ["mon"]])
def test_no_weekday_checked(values: list[str]) -> None:
    with pytest.raises(RuleError) as refused:
        checked_weekdays(values)
    assert refused.value.message == "Oppgi minst én ukedag, for eksempel man,ons,fre"


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
    "text",
    ["２０２６-04-07", "٢٠٢٦-04-07", "2026-0④-07", "20260407", "2026-W15-2", "²026-04-07"],
)
def test_a_date_has_ascii_digits(text: str) -> None:
    with pytest.raises(RuleError) as refused:
        parse_date(text)
    assert refused.value.render(str) == f"Ikke en dato (ÅÅÅÅ-MM-DD): {text}"


@pytest.mark.parametrize(
    ("text", "ok"),
    [("1900-01-01", True), ("2100-12-31", True), ("1899-12-31", False), ("9999-12-31", False),
     ("0001-01-01", False), ("2101-01-01", False)],
)  # fmt: skip
def test_a_date_lies_within_the_years_people_use(text: str, ok: bool) -> None:
    if ok:
        assert parse_date(text).isoformat() == text
        return
    with pytest.raises(RuleError) as refused:
        parse_date(text)
    assert refused.value.render(str) == "Velg en dato mellom år 1900 og 2100"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", 0), ("7", 7), ("007", 7), ("999999999", 999999999), ("1000000000", None),
     ("²", None), ("①", None), ("٣", None), ("３", None), ("-1", None), ("+1", None),
     (" 1", None), ("1 ", None), ("1\n", None), ("1_000", None), ("", None), ("1.0", None)],
)  # fmt: skip
def test_number_takes_ascii_digits_only(text: str, expected: int | None) -> None:
    assert number(text) == expected


def test_number_with_fewer_digits() -> None:
    assert number("26", max_digits=2) == 26
    assert number("260", max_digits=2) is None


@pytest.mark.parametrize(
    ("text", "expected"), [("a\x00b", "ab"), ("\x00", ""), ("Vondt i magen", "Vondt i magen")]
)
def test_without_nul(text: str, expected: str) -> None:
    assert without_nul(text) == expected


@pytest.mark.parametrize("text", ["0９:00-14:00", "09:00-1④:00", "٠٩:00-14:00"])
def test_hours_have_ascii_digits(text: str) -> None:
    with pytest.raises(RuleError):
        parse_hours(text)


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
