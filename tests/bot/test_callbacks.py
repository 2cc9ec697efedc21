"""Typed callback data: every kind of button packs into Telegram's 64 bytes, even with the
largest ids, and unpacks to itself; anything else unpacks to None."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bot.handlers  # noqa: F401  (every handler module, and so every button)
from bot.callbacks import Button
from bot.handlers.consent import SharePay, Stop
from bot.handlers.language import ChooseLanguage
from bot.handlers.participant import AbsenceFor, AbsenceList, AbsenceWithdraw, ReportAbsence
from bot.handlers.staff.absences import DigestSeen, NoticeSeen
from bot.handlers.staff.lists import MakeList
from bot.handlers.staff.overview import Week
from bot.handlers.staff.roster import HoursPicker, ShowRoster
from bot.keyboards import AbsenceDays, ConsentAnswer

# Every kind of button and its prefix: the wire format of buttons already sent to chats.
PREFIXES = {
    "AbsenceFor": "abs",
    "AbsenceWhen": "abw",
    "AbsencePage": "abp",
    "AbsenceFirstDay": "abq",
    "AbsenceDays": "abd",
    "ReportAbsence": "abk",
    "AbsenceList": "abl",
    "AbsenceWithdraw": "abu",
    "PlanFor": "plan",
    "PayFor": "pay",
    "ConsentAnswer": "cons",
    "StopQuestion": "conw",
    "Stop": "conx",
    "SharePay": "conp",
    "ChooseLanguage": "lang",
    "ReadAloudChoice": "voice",
    "TypedCategory": "atc",
    "ReadMessage": "msr",
    "NoticeSeen": "sas",
    "DigestSeen": "sdg",
    "ListPeople": "slg",
    "ListPeriods": "sl",
    "MakeList": "slp",
    "EmailList": "sln",
    "Week": "su",
    "OneParticipant": "sp",
    "Present": "rp",
    "Absent": "ra",
    "HoursPicker": "rh",
    "SaveHours": "rq",
    "HereAfterAll": "ry",
    "AskRelatives": "rn",
    "RestHere": "rr",
    "ShowRoster": "rv",
    "RosterPage": "rg",
}

LARGEST_ID = 999_999_999  # nine digits: the most a button's id may have


def kinds() -> list[type[Button]]:
    """Every concrete button class (one with its own prefix), of every handler module."""
    found: list[type[Button]] = []
    todo = [Button]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if "prefix" in vars(cls):
            found.append(cls)
    return sorted(found, key=lambda cls: cls.__name__)


KINDS = kinds()


def test_every_button_is_listed_with_its_prefix() -> None:
    assert {cls.__name__: cls.prefix for cls in KINDS} == PREFIXES


def test_no_two_buttons_share_a_prefix() -> None:
    assert len({cls.prefix for cls in KINDS}) == len(KINDS)


def longest(cls: type[Button]) -> Button:
    """The button with every field at its longest: the largest ids, every optional field."""
    values: dict[str, Any] = {}
    for field in cls.fields():
        if field.kind is int:
            values[field.name] = LARGEST_ID
        elif field.kind is date:
            values[field.name] = date(2026, 12, 31)
        elif field.kind is bool:
            values[field.name] = True
        else:
            assert field.name in cls.choices, f"{cls.__name__}.{field.name}: no choices"
            values[field.name] = max(cls.choices[field.name], key=len)
    return cls(**values)


@pytest.mark.parametrize("cls", KINDS, ids=lambda cls: cls.__name__)
def test_the_longest_packing_fits_64_bytes_and_unpacks(cls: type[Button]) -> None:
    button = longest(cls)
    data = button.pack()
    assert len(data.encode()) <= 64
    assert cls.unpack(data) == button


def strategy(cls: type[Button]) -> st.SearchStrategy[Button]:
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for field in cls.fields():
        if field.kind is int:
            value: st.SearchStrategy[Any] = st.integers(0, LARGEST_ID)
        elif field.kind is date:
            value = st.dates(date(2000, 1, 1), date(2068, 12, 31))  # what YYMMDD reads back
        elif field.kind is bool:
            value = st.booleans()
        else:
            value = st.sampled_from(sorted(cls.choices[field.name]))
        fields[field.name] = st.none() | value if field.optional else value
    return st.builds(cls, **fields)


@settings(max_examples=300, derandomize=True, database=None)
@given(button=st.sampled_from(KINDS).flatmap(strategy))
def test_pack_and_unpack_round_trip(button: Button) -> None:
    data = button.pack()
    assert data.split(":")[0] == button.prefix
    assert type(button).unpack(data) == button
    for other in KINDS:
        if other is not type(button):
            assert other.unpack(data) is None


@pytest.mark.parametrize(
    ("button", "data"),
    [
        (AbsenceFor(12), "abs:12"),
        (AbsenceDays(12, date(2026, 4, 7), date(2026, 4, 9)), "abd:12:260407:260409"),
        (ReportAbsence(12, date(2026, 4, 7), date(2026, 4, 7), "si"), "abk:12:260407:260407:si"),
        (AbsenceList(12), "abl:12"),
        (AbsenceList(12, 2), "abl:12:2"),
        (AbsenceWithdraw(12, date(2026, 4, 7)), "abu:12:260407"),
        (ConsentAnswer(5, yes=True), "cons:5:y"),
        (SharePay(5, yes=False), "conp:5:n"),
        (Stop(5), "conx:5"),
        (ChooseLanguage("nb_lettlest"), "lang:nb_lettlest"),
        (DigestSeen(3, 9), "sdg:3:9"),
        (MakeList(12, "tm"), "slp:12:tm"),
        (Week(date(2026, 4, 6)), "su:260406"),
        (Week(date(2026, 4, 6), 1), "su:260406:1"),
        (HoursPicker(12, date(2026, 4, 7), 22), "rh:12:260407:22"),
        # written by the backend itself (absence notices, the day's-end reminder)
        (NoticeSeen(41), "sas:41"),
        (ShowRoster(3, date(2026, 4, 7)), "rv:3:260407"),
    ],
)
def test_the_wire_format(button: Button, data: str) -> None:
    assert button.pack() == data
    assert type(button).unpack(data) == button


@pytest.mark.parametrize(
    ("cls", "data"),
    [
        (AbsenceList, "abl:12:1:2"),  # one field too many
        (AbsenceList, "abl:"),
        (AbsenceList, "abl"),
        (AbsenceList, "abl:1000000000"),  # ten digits: no database id
        (AbsenceList, "abl:１２"),
        (AbsenceList, "abw:12"),  # another button's prefix
        (ReportAbsence, "abk:12:260407:260407:xx"),  # no such category
        (ReportAbsence, "abk:12:260407:260407"),
        (ConsentAnswer, "cons:5:yes"),
        (ConsentAnswer, "cons:5:"),
        (ChooseLanguage, "lang:de"),
        (MakeList, "slp:12:year"),
        (Week, "su:261340"),  # no such date
        (Week, "su:260406:x"),
        (ShowRoster, "rv:3:260407" + "0" * 60),  # over 64 bytes
        (ShowRoster, None),
    ],
)
def test_anything_else_unpacks_to_none(cls: type[Button], data: str | None) -> None:
    assert cls.unpack(data) is None


def test_the_pattern_tells_the_prefix() -> None:
    assert AbsenceList.pattern() == "^abl:"
    assert ShowRoster.pattern() == "^rv:"
