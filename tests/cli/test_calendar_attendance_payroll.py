"""`frammote calendar|closure|rate|attendance|payroll|employee-no`, end to end on a real database.

Sync tests: `backend.cli.main` runs its own event loop, as from a shell.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest

from backend.attendance.marking import mark_day
from backend.calendar.calendars import decision_of, unit_calendar
from backend.calendar.plan_rules import planned_days
from backend.cli import main
from backend.models import AttendanceDay, AttendanceStatus, AuditEvent, Closure, PayRate, Unit
from backend.people.registry import participant_by_code
from backend.shared.db import database
from tests.support.telegram import OSLO
from tests.support.world import build_world

T = TypeVar("T")
LATER = datetime(2026, 11, 23, 9, 0, tzinfo=OSLO)

CLOSED_2026 = [
    "2026-01-01 torsdag: Første nyttårsdag",
    "2026-04-02 torsdag: Skjærtorsdag",
    "2026-04-03 fredag: Langfredag",
    "2026-04-06 mandag: Andre påskedag",
    "2026-05-01 fredag: Arbeidernes dag",
    "2026-05-14 torsdag: Kristi himmelfartsdag",
    "2026-05-25 mandag: Andre pinsedag",
    *(
        f"2026-07-{d:02d} {name}: fellesferie"
        for week in (6, 13, 20)
        for d, name in zip(
            range(week, week + 5), ("mandag", "tirsdag", "onsdag", "torsdag", "fredag"), strict=True
        )
    ),
    "2026-12-25 fredag: Første juledag",
    "2026-12-28 mandag: jul",
    "2026-12-29 tirsdag: jul",
    "2026-12-30 onsdag: jul",
]


@pytest.fixture
def cli(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., tuple[int, str, str]]:
    """Runs `frammote ARGS…` against the test database: (exit code, stdout, stderr)."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "nb")

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def in_db(db_url: str, work: Callable[[], Awaitable[T]]) -> T:
    async def go() -> T:
        async with database(db_url, apply_migrations=False):
            return await work()

    return asyncio.run(go())


def world(db_url: str) -> None:
    async def build() -> None:
        await build_world()

    in_db(db_url, build)


def fill_april(db_url: str, code: str, hours: str, absent: set[date] = frozenset()) -> None:  # type: ignore[assignment]
    async def fill() -> None:
        participant = await participant_by_code(code)
        calendar = await unit_calendar(await participant.unit)
        for day in planned_days(
            decision_of(participant), calendar, date(2026, 4, 1), date(2026, 4, 30)
        ):
            status = AttendanceStatus.ABSENT_NOTIFIED if day in absent else AttendanceStatus.PRESENT
            h = None if day in absent else hours
            await mark_day(participant, day, status, h, actor_name="test", now=LATER)

    in_db(db_url, fill)


def count(db_url: str, model: Any, **filters: Any) -> int:
    async def counting() -> int:
        return await model.filter(**filters).count()

    return in_db(db_url, counting)


# --- calendar ---------------------------------------------------------------------


def test_calendar_prints_each_closed_date_with_its_reason(cli: Any, db_url: str) -> None:
    world(db_url)
    code, out, err = cli("calendar", "--unit", "AOK", "--year", "2026")
    assert (code, err) == (0, "")
    assert out.splitlines() == CLOSED_2026


def test_17_may_2027_is_one_line_named_for_both(cli: Any, db_url: str) -> None:
    world(db_url)
    code, out, _err = cli("calendar", "--unit", "AOK", "--year", "2027")
    assert code == 0
    may = [line for line in out.splitlines() if line.startswith("2027-05-17")]
    assert may == ["2027-05-17 mandag: Andre pinsedag, Grunnlovsdag"]


def test_calendar_in_english(cli: Any, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    world(db_url)
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "en")
    code, out, _err = cli("calendar", "--unit", "AOK", "--year", "2026")
    assert code == 0
    lines = out.splitlines()
    assert "2026-07-06 Monday: summer holiday" in lines
    assert "2026-12-28 Monday: Christmas" in lines
    assert lines[0] == "2026-01-01 Thursday: Første nyttårsdag"  # holiday names stay Norwegian


def test_calendar_settings_closures_and_rates(cli: Any, db_url: str) -> None:
    world(db_url)
    assert (
        cli("closure", "add", "--unit", "AOK", "--date", "2026-09-14", "--reason", "Personaldag")[0]
        == 0
    )
    code, out, _ = cli(
        "calendar", "set", "--unit", "AOK", "--fellesferie", "29-30", "--close-christmas-eve",
        "--hours", "fri=closed", "--cafe-hours", "tue=10:00-14:00", "--cafe-opens", "2026-06-01",
    )  # fmt: skip
    assert (code, out) == (0, "calendar AOK: saved\n")
    lines = cli("calendar", "--unit", "AOK", "--year", "2026")[1].splitlines()
    assert "2026-09-14 mandag: Personaldag" in lines
    assert "2026-12-24 torsdag: jul" in lines
    assert not any(line.startswith("2026-07-06") for line in lines)  # week 28 is open now
    assert not any("fredag" in line for line in lines)  # Fridays are not opening days now

    async def unit() -> Unit:
        return await Unit.get(code="AOK")

    stored = in_db(db_url, unit)
    assert stored.cafe_hours == {"2": ["10:00", "14:00"]}
    assert stored.cafe_opens_on == date(2026, 6, 1)
    assert "5" not in stored.opening_hours

    assert cli("closure", "remove", "--unit", "AOK", "--date", "2026-09-14")[0] == 0
    assert count(db_url, Closure) == 0
    code, out, _ = cli("rate", "add", "--unit", "AOK", "--from", "2026-04-15", "--nok", "17,50")
    assert (code, out) == (0, "rate AOK from 2026-04-15: 17,50\xa0kr per hour\n")
    assert count(db_url, PayRate) == 2  # the default rate is kept before it


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("calendar", "--unit", "NOPE", "--year", "2026"), "Ingen enhet har koden NOPE"),
        (("calendar", "--unit", "AOK", "--year", "26"), "årstall"),
        (("calendar", "--unit", "AOK"), "Oppgi enhet og år"),
        (("calendar", "set", "--unit", "AOK"), "Ingenting å endre"),
        (("calendar", "set", "--unit", "AOK", "--fellesferie", "30-28"), "Fellesferien"),
        (("calendar", "set", "--unit", "AOK", "--fellesferie", "uke 28"), "som uker"),
        (("calendar", "set", "--unit", "AOK", "--hours", "fri=15:00-08:00"), "Sluttid"),
        # One bad part refuses the whole change: the good opening hours are not stored either.
        (("calendar", "set", "--unit", "AOK", "--hours", "sat=10:00-12:00", "--fellesferie", "30-28"), "Fellesferien"),
        (("calendar", "set", "--unit", "AOK", "--hours", "friday"), "ukedag=tid"),
        (("calendar", "set", "--unit", "AOK", "--cafe-opens", "snart"), "Ikke en dato"),
        (("closure", "add", "--unit", "AOK", "--date", "2026-13-01", "--reason", "x"), "Ikke en dato"),
        (("closure", "add", "--unit", "AOK", "--date", "2026-09-14", "--reason", " "), "grunn"),
        (("closure", "remove", "--unit", "AOK", "--date", "2026-09-14"), "ikke en ekstra stengt dag"),
        (("rate", "add", "--unit", "AOK", "--from", "2026-04-15", "--nok", "seksten"), "kroner"),
        (("rate", "add", "--unit", "AOK", "--from", "2026-04-15", "--nok", "0"), "Satsen"),
    ],
)  # fmt: skip
def test_bad_calendar_input_is_one_line_and_writes_nothing(
    cli: Any, db_url: str, args: tuple[str, ...], message: str
) -> None:
    world(db_url)
    before = count(db_url, AuditEvent)
    code, out, err = cli(*args)
    assert code == 1 and out == ""
    assert err.startswith("frammote: ") and message in err and err.count("\n") == 1
    assert count(db_url, AuditEvent) == before
    assert count(db_url, Closure) == count(db_url, PayRate) == 0
    assert count(db_url, Unit, fellesferie_first_week=28, close_christmas_eve=False) == 1

    async def hours() -> dict[str, list[str]]:
        return (await Unit.get(code="AOK")).opening_hours

    assert in_db(db_url, hours) == {str(d): ["08:00", "15:30"] for d in range(1, 6)}


# --- attendance -------------------------------------------------------------------


def test_attendance_mark_present_and_absent(cli: Any, db_url: str) -> None:
    world(db_url)
    code, out, _ = cli(
        "attendance",
        "mark",
        "--participant",
        "P1",
        "--date",
        "2026-04-07",
        "--present",
        "--hours",
        "5.75",
    )
    assert (code, out) == (0, "attendance P1 2026-04-07: present 5.75 h\n")
    code, out, _ = cli(
        "attendance",
        "mark",
        "--participant",
        "P1",
        "--date",
        "2026-04-08",
        "--present",
        "--staff",
        "S1",
    )
    assert (code, out) == (0, "attendance P1 2026-04-08: present 5.00 h\n")
    code, out, _ = cli(
        "attendance",
        "mark",
        "--participant",
        "P1",
        "--date",
        "2026-04-09",
        "--absent",
        "--notified",
    )
    assert (code, out) == (0, "attendance P1 2026-04-09: absent_notified\n")
    code, out, _ = cli(
        "attendance", "mark", "--participant", "P2", "--date", "2026-04-08", "--absent"
    )
    assert (code, out) == (0, "attendance P2 2026-04-08: absent_unnotified\n")
    code, out, _ = cli(
        "attendance", "mark", "--participant", "P1", "--date", "2026-04-03", "--absent"
    )
    assert (code, out) == (0, "attendance P1 2026-04-03: closed\n")  # Good Friday

    async def stored() -> list[tuple[str, date, str, str]]:
        rows = (
            await AttendanceDay.all()
            .order_by("day", "participant_id")
            .prefetch_related("participant", "confirmed_by")
        )
        return [(r.participant.code, r.day, r.status.value, r.confirmed_by_name) for r in rows]

    assert in_db(db_url, stored) == [
        ("P1", date(2026, 4, 3), "closed", "cli"),
        ("P1", date(2026, 4, 7), "present", "cli"),
        ("P1", date(2026, 4, 8), "present", "Lise Kontakt"),
        ("P2", date(2026, 4, 8), "absent_unnotified", "cli"),
        ("P1", date(2026, 4, 9), "absent_notified", "cli"),
    ]  # fmt: skip


def test_attendance_confirm_and_roster(cli: Any, db_url: str) -> None:
    world(db_url)
    cli("attendance", "mark", "--participant", "P2", "--date", "2026-04-08", "--absent")
    code, out, _ = cli(
        "attendance", "confirm", "--unit", "AOK", "--date", "2026-04-08", "--staff", "S1"
    )
    assert code == 0
    assert out.splitlines() == [
        "attendance P1 2026-04-08: present 5.00 h",
        "attendance P2 2026-04-08: absent_unnotified",
        "confirmed 2026-04-08: 1 present, 0 absent, 0 closed",
    ]
    code, out, _ = cli("attendance", "roster", "--unit", "AOK", "--date", "2026-04-08")
    assert out.splitlines() == [
        "P1 Kari Nordmann: planned, stored present 5.00 h",
        "P2 Ola Hansen: planned, stored absent_unnotified 0.00 h",
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--participant", "P9", "--date", "2026-04-07", "--present"), 1, "Ingen deltaker har id-en P9"),
        (("--participant", "P1", "--date", "2099-01-05", "--present"), 1, "har ikke kommet ennå"),
        (("--participant", "P1", "--date", "2026-04-04", "--present"), 1, "ikke en planlagt dag"),
        (("--participant", "P1", "--date", "2026-04-07", "--present", "--hours", "6.1"), 1, "hele kvarter"),
        (("--participant", "P1", "--date", "2026-04-07", "--present", "--hours", "13"), 1, "hele kvarter"),
        (("--participant", "P1", "--date", "2026-04-03", "--present"), 1, "var stengt"),
        (("--participant", "P1", "--date", "7.4.2026", "--present"), 1, "Ikke en dato"),
        (("--participant", "P1", "--date", "2026-04-07", "--present", "--staff", "S9"), 1, "Ingen ansatt"),
        (("--participant", "P1", "--date", "2026-04-07", "--present", "--notified"), 2, "--notified goes with --absent"),
        (("--participant", "P1", "--date", "2026-04-07", "--absent", "--hours", "5"), 2, "--hours goes with --present"),
    ],
)  # fmt: skip
def test_bad_attendance_is_one_line_and_writes_nothing(
    cli: Any, db_url: str, args: tuple[str, ...], code: int, message: str
) -> None:
    world(db_url)
    got, out, err = cli("attendance", "mark", *args)
    assert (got, out) == (code, "")
    assert message in err and err.count("\n") == 1
    assert count(db_url, AttendanceDay) == 0


def test_attendance_needs_present_or_absent(cli: Any, db_url: str) -> None:
    world(db_url)
    with pytest.raises(SystemExit) as exit_:
        cli("attendance", "mark", "--participant", "P1", "--date", "2026-04-07")
    assert exit_.value.code == 2
    assert count(db_url, AttendanceDay) == 0


# --- payroll ----------------------------------------------------------------------


def test_payroll_csv_for_april_2026(cli: Any, db_url: str) -> None:
    world(db_url)
    fill_april(db_url, "P1", "6", absent={date(2026, 4, 1), date(2026, 4, 30)})
    code, out, err = cli("payroll", "--unit", "AOK", "--month", "2026-04")
    assert (code, err) == (0, "")
    assert (
        out == "Ansattnummer;Navn;Dager;Timer;Beløp (kr)\r\nP1;Kari Nordmann;17;102,00;1632,00\r\n"
    )


def test_payroll_visma_to_a_file_with_a_rate_change(cli: Any, db_url: str, tmp_path: Path) -> None:
    world(db_url)
    fill_april(db_url, "P1", "6", absent={date(2026, 4, 1), date(2026, 4, 30)})
    fill_april(db_url, "P2", "4")
    assert cli("rate", "add", "--unit", "AOK", "--from", "2026-04-15", "--nok", "17")[0] == 0
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "visma.txt"

    code, out, err = cli("payroll", "--unit", "AOK", "--month", "2026-04", "--format", "visma", "--wage-type", "1100", "--output", str(target))  # fmt: skip
    assert code == 1 and "mangler ansattnummer: P1, P2" in err
    assert list(folder.iterdir()) == []  # no file, and no half-written one

    assert cli("employee-no", "--participant", "P1", "--number", "10001")[0] == 0
    assert cli("employee-no", "--participant", "P2", "--number", "10002")[0] == 0
    code, out, err = cli("payroll", "--unit", "AOK", "--month", "2026-04", "--format", "visma", "--wage-type", "1100", "--run", "3", "--output", str(target))  # fmt: skip
    assert (code, err) == (0, "")
    assert out == f"payroll AOK 2026-04 (visma): {target}\n"
    assert target.read_bytes().decode("ascii").split("\r\n") == [
        "2026;3;10001;1100;;36,00;16,00;576,00",
        "2026;3;10001;1100;;66,00;17,00;1122,00",
        "2026;3;10002;1100;;16,00;16,00;256,00",  # Mon/Wed/Fri: 1, 8, 10, 13 April
        "2026;3;10002;1100;;28,00;17,00;476,00",  # 15, 17, 20, 22, 24, 27, 29 April
        "",
    ]


def test_payroll_csv_file_opens_in_excel(cli: Any, db_url: str, tmp_path: Path) -> None:
    world(db_url)
    fill_april(db_url, "P2", "4")
    target = tmp_path / "lønn.csv"
    assert cli("payroll", "--unit", "AOK", "--month", "2026-04", "--output", str(target))[0] == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM makes Excel read UTF-8
    assert data.decode("utf-8-sig").split("\r\n") == [
        "Ansattnummer;Navn;Dager;Timer;Beløp (kr)",
        "P2;Ola Hansen;11;44,00;704,00",
        "",
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--unit", "AOK", "--month", "2026-13"), 1, "Ikke en måned"),
        (("--unit", "NOPE", "--month", "2026-04"), 1, "Ingen enhet har koden NOPE"),
        (("--unit", "AOK", "--month", "2026-04", "--format", "visma"), 1, "lønnsarten"),
        (("--unit", "AOK", "--month", "2026-04", "--format", "visma", "--wage-type", "11x"), 1, "lønnsarten"),
        (("--unit", "AOK", "--month", "2026-04", "--output", "/no/such/folder/x.csv"), 2, "no such folder"),
    ],
)  # fmt: skip
def test_bad_payroll_input_is_one_line(
    cli: Any, db_url: str, args: tuple[str, ...], code: int, message: str
) -> None:
    world(db_url)
    got, out, err = cli("payroll", *args)
    assert (got, out) == (code, "")
    assert message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--participant", "P1", "--number", "12a"), 1, "1 til 16 sifre"),
        (("--participant", "P1"), 2, "--number N or --clear"),
        (("--participant", "P1", "--number", "1", "--clear"), 2, "--number N or --clear"),
    ],
)
def test_bad_employee_numbers(
    cli: Any, db_url: str, args: tuple[str, ...], code: int, message: str
) -> None:
    world(db_url)
    got, _out, err = cli("employee-no", *args)
    assert got == code and message in err
    assert count(db_url, AuditEvent, action="participant.employee_no") == 0
