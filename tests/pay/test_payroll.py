"""Pay from attendance: month statements, and a unit's payroll in one aggregate query."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import pytest

from backend.attendance.marking import mark_day
from backend.calendar.calendars import decision_of, unit_calendar
from backend.calendar.plan_rules import planned_days
from backend.calendar.settings import add_pay_rate, pay_rates
from backend.models import AttendanceDay, AttendanceStatus, AuditEvent, Participant, PayRate
from backend.pay.export import PayrollLine
from backend.pay.payroll import (
    PayrollFormat,
    export,
    parse_month,
    participant_statement,
    pay_overview,
    payroll,
    set_employee_no,
)
from backend.pay.rules import PayPart, month_statement
from backend.people import registry as people
from backend.shared.errors import RuleError
from tests.support.telegram import OSLO
from tests.support.world import build_world

LATER = datetime(2026, 11, 23, 9, 0, tzinfo=OSLO)
APRIL = (date(2026, 4, 1), date(2026, 4, 30))
P = AttendanceStatus.PRESENT


@pytest.fixture
def queries(monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[str]]:
    """Counts the SQL statements sent from now on."""
    sent: list[str] = []
    client = type(AttendanceDay._meta.db)
    for name in ("execute_query", "execute_query_dict"):
        original = getattr(client, name)

        async def counting(self: Any, query: str, values: Any = None, _o: Any = original) -> Any:
            sent.append(query)
            return await _o(self, query, values)

        monkeypatch.setattr(client, name, counting)
    return lambda: sent


async def april_days(participant: Participant) -> list[date]:
    unit = await participant.unit
    return planned_days(decision_of(participant), await unit_calendar(unit), *APRIL)


async def fill(
    participant: Participant,
    hours: Callable[[int, date], str | None],
) -> None:
    """Mark each planned April day: hours(index, day) present, or None absent."""
    for index, day in enumerate(await april_days(participant)):
        h = hours(index, day)
        status = P if h is not None else AttendanceStatus.ABSENT_NOTIFIED
        await mark_day(participant, day, status, h, actor_name="test", now=LATER)


ABSENT_FIRST_AND_LAST = {date(2026, 4, 1), date(2026, 4, 30)}


def six_but_two(index: int, day: date) -> str | None:
    return None if day in ABSENT_FIRST_AND_LAST else "6"


def quarters(index: int, day: date) -> str | None:
    return ("0.25", "0.5", "0.75", "7.25")[index % 4]


async def test_april_2026_has_19_opening_days_for_a_monday_to_friday_decision(db: str) -> None:
    world = await build_world()
    assert len(await april_days(world.kari)) == 19


@pytest.mark.parametrize(
    ("rates", "hours", "expected_parts"),
    [
        # 17 × 6 × 16 = 1,632.00 NOK
        ([], six_but_two, [PayPart(1600, 17, Decimal("102.00"), 163200)]),
        # A rate change on the 15th: 6 days before at 16, 11 days from it at 17.
        (
            [(date(2026, 4, 15), 1700)],
            six_but_two,
            [
                PayPart(1600, 6, Decimal("36.00"), 57600),
                PayPart(1700, 11, Decimal("66.00"), 112200),
            ],
        ),
        # A new rate from the first of the month: the old one does not show.
        ([(date(2026, 4, 1), 1700)], six_but_two, [PayPart(1700, 17, Decimal("102.00"), 173400)]),
        # A rate from next month changes nothing in April.
        ([(date(2026, 5, 1), 2000)], six_but_two, [PayPart(1600, 17, Decimal("102.00"), 163200)]),
        # Odd øre: each day rounds half up on its own (400.25 → 400, 800.5 → 801,
        # 1200.75 → 1201, 11607.25 → 11607): 4 × 14009 + 2402 = 58438, where rounding
        # the month's 36.5 hours × 16.01 once would give 58437.
        (
            [(date(2026, 1, 1), 1601)],
            quarters,
            [PayPart(1601, 19, Decimal("36.50"), 58438)],
        ),
        # A rate that comes back within the month is one part with all its days.
        (
            [(date(2026, 4, 10), 1700), (date(2026, 4, 20), 1600)],
            six_but_two,
            [
                PayPart(1600, 11, Decimal("66.00"), 105600),
                PayPart(1700, 6, Decimal("36.00"), 61200),
            ],
        ),
        # The same rate stated again mid-month stays one part.
        (
            [(date(2026, 4, 15), 1600)],
            six_but_two,
            [PayPart(1600, 17, Decimal("102.00"), 163200)],
        ),
    ],
)
async def test_payroll_line_per_participant(
    db: str,
    rates: list[tuple[date, int]],
    hours: Callable[[int, date], str | None],
    expected_parts: list[PayPart],
) -> None:
    world = await build_world()
    for valid_from, ore in rates:
        await add_pay_rate(world.unit, valid_from, ore, actor="test")
    await fill(world.kari, hours)

    lines = await payroll(world.unit, 2026, 4)
    assert lines == [
        PayrollLine(
            employee_no="P1",
            name="Kari Nordmann",
            days=sum(p.days for p in expected_parts),
            hours=sum((p.hours for p in expected_parts), Decimal("0.00")),
            rate_ore=expected_parts[0].rate_ore if len(expected_parts) == 1 else None,
            amount_ore=sum(p.amount_ore for p in expected_parts),
            parts=tuple(expected_parts),
            period=(2026, 4),
        )
    ]
    # The one-participant statement (the domain's own sums) agrees to the øre.
    statement = await participant_statement(world.kari, 2026, 4)
    assert statement.parts == tuple(expected_parts)
    assert statement.amount_ore == lines[0].amount_ore


async def test_the_1632_case_in_words(db: str) -> None:
    world = await build_world()
    await fill(world.kari, six_but_two)
    statuses = await AttendanceDay.filter(participant_id=world.kari.id).values_list(
        "status", flat=True
    )
    assert sorted(statuses).count(P) == 17 and len(statuses) == 19
    [line] = await payroll(world.unit, 2026, 4)
    assert (line.days, line.hours, line.amount_ore) == (17, Decimal("102.00"), 163_200)


async def test_aggregate_agrees_with_the_domain_for_everyone(db: str) -> None:
    world = await build_world()
    await add_pay_rate(world.unit, date(2026, 4, 10), 1633, actor="test")
    await add_pay_rate(world.unit, date(2026, 4, 22), 1799, actor="test")
    await fill(world.kari, quarters)
    await fill(world.ola, lambda i, d: None if i == 2 else ("4", "3.75", "0.5")[i % 3])
    lines = {line.name: line for line in await payroll(world.unit, 2026, 4)}
    rates = await pay_rates(world.unit)
    for participant in (world.kari, world.ola):
        attended = await AttendanceDay.filter(participant_id=participant.id, status=P).values_list(
            "day", "hours"
        )
        expected = month_statement(participant.code, attended, rates, month=(2026, 4))
        line = lines[participant.name]
        assert (line.days, line.hours, line.amount_ore, line.parts) == (
            expected.days,
            expected.hours,
            expected.amount_ore,
            expected.parts,
        )
        assert len(line.parts) == 3


async def test_payroll_is_one_query_however_many_participants(
    db: str, queries: Callable[[], list[str]]
) -> None:
    world = await build_world()
    await fill(world.kari, six_but_two)
    queries().clear()
    await payroll(world.unit, 2026, 4)
    few = len(queries())
    for n in range(3, 9):
        extra = await people.add_participant(
            people.NewParticipant(
                "AOK", f"P{n}", f"Deltaker {n}", date(1980, 1, 1), frozenset(range(1, 6)),
                time(9), time(15), "S1",
            ),
            actor="test",
            today=LATER.date(),
        )  # fmt: skip
        await fill(extra, six_but_two)
    queries().clear()
    lines = await payroll(world.unit, 2026, 4)
    assert len(lines) == 7
    assert len(queries()) == few <= 2  # the unit's rates, then one aggregate
    assert sum("attendance_day" in q for q in queries()) == 1


async def test_lines_are_sorted_by_name_and_other_units_stay_out(db: str) -> None:
    world = await build_world()
    await people.add_unit("VTA", "Verksted", actor="test")
    await people.add_staff("VTA", "S9", "Vera", people.StaffRole.CONTACT, actor="test")
    other = await people.add_participant(
        people.NewParticipant(
            "VTA", "V1", "Anna Annen", date(1980, 1, 1), frozenset(range(1, 6)),
            time(9), time(14), "S9",
        ),
        actor="test",
        today=LATER.date(),
    )  # fmt: skip
    await fill(other, six_but_two)
    await fill(world.ola, lambda i, d: "4")
    await fill(world.kari, six_but_two)
    await Participant.filter(id=world.kari.id).update(active=False)  # ended later: still paid
    assert [line.name for line in await payroll(world.unit, 2026, 4)] == [
        "Kari Nordmann",
        "Ola Hansen",
    ]
    assert await payroll(world.unit, 2026, 5) == []


async def test_days_before_the_first_rate_are_refused(db: str) -> None:
    world = await build_world()
    await PayRate.create(unit=world.unit, valid_from=date(2026, 4, 15), ore_per_hour=1700)
    await fill(world.kari, six_but_two)
    with pytest.raises(RuleError, match="Ingen lønnssats gjelder før 2026-04-15"):
        await payroll(world.unit, 2026, 4)
    with pytest.raises(RuleError, match="Ingen lønnssats gjelder før 2026-04-15"):
        await participant_statement(world.kari, 2026, 4)


async def test_csv_cell_by_cell(db: str) -> None:
    world = await build_world()
    await add_pay_rate(world.unit, date(2026, 4, 15), 1700, actor="test")
    await fill(world.kari, six_but_two)
    await fill(world.ola, lambda i, d: "3.75")
    await set_employee_no(world.ola, "20002", actor="test")
    text = await export(world.unit, 2026, 4, PayrollFormat.CSV)
    rows = [line.split(";") for line in text.split("\r\n")]
    assert rows == [
        ["Ansattnummer", "Navn", "Dager", "Timer", "Beløp (kr)"],
        ["P1", "Kari Nordmann", "17", "102,00", "1698,00"],
        ["20002", "Ola Hansen", "11", "41,25", "686,25"],  # 4 × 3.75 × 16 + 7 × 3.75 × 17
        [""],
    ]


@pytest.mark.parametrize(
    ("language", "header"),
    [
        ("nb", "Ansattnummer;Navn;Dager;Timer;Beløp (kr)"),
        ("nn", "Tilsettnummer;Namn;Dagar;Timar;Beløp (kr)"),
        ("en", "Employee number;Name;Days;Hours;Amount (NOK)"),
        ("nb_lettlest", "Ansattnummer;Navn;Dager;Timer;Beløp i kroner"),
    ],
)
async def test_the_csv_header_is_in_the_readers_language(
    db: str, language: str, header: str
) -> None:
    world = await build_world()
    text = await export(world.unit, 2026, 4, PayrollFormat.CSV, language=language)
    assert text == header + "\r\n"


async def test_visma_cell_by_cell(db: str) -> None:
    world = await build_world()
    await add_pay_rate(world.unit, date(2026, 4, 15), 1700, actor="test")
    await fill(world.kari, six_but_two)
    await fill(world.ola, lambda i, d: "3.75")
    await set_employee_no(world.kari, "10001", actor="test")
    await set_employee_no(world.ola, "20002", actor="test")
    text = await export(world.unit, 2026, 4, PayrollFormat.VISMA, wage_type="1100", run=2)
    assert text.endswith("\r\n")
    rows = [line.split(";") for line in text.removesuffix("\r\n").split("\r\n")]
    assert rows == [
        ["2026", "2", "10001", "1100", "", "36,00", "16,00", "576,00"],
        ["2026", "2", "10001", "1100", "", "66,00", "17,00", "1122,00"],
        ["2026", "2", "20002", "1100", "", "15,00", "16,00", "240,00"],
        ["2026", "2", "20002", "1100", "", "26,25", "17,00", "446,25"],
    ]


async def test_visma_refuses_participants_without_employee_numbers(db: str) -> None:
    world = await build_world()
    await fill(world.kari, six_but_two)
    await fill(world.ola, lambda i, d: "4")
    with pytest.raises(RuleError, match="mangler ansattnummer: P1, P2"):
        await export(world.unit, 2026, 4, PayrollFormat.VISMA, wage_type="1100")
    await set_employee_no(world.kari, "10001", actor="test")
    with pytest.raises(RuleError, match=r"mangler ansattnummer: P2$"):
        await export(world.unit, 2026, 4, PayrollFormat.VISMA, wage_type="1100")


@pytest.mark.parametrize(("wage_type", "run"), [(None, 1), ("", 1), ("11a", 1), ("1100", -1)])
async def test_visma_needs_a_numeric_wage_type_and_run(
    db: str, wage_type: str | None, run: int
) -> None:
    world = await build_world()
    with pytest.raises(RuleError):
        await export(world.unit, 2026, 4, PayrollFormat.VISMA, wage_type=wage_type, run=run)


async def test_employee_numbers_are_digits_and_unique(db: str) -> None:
    world = await build_world()
    await set_employee_no(world.kari, " 10001 ", actor="test")
    assert (await Participant.get(id=world.kari.id)).employee_no == "10001"
    for bad in ("", "12a", "1" * 17, "-1"):
        with pytest.raises(RuleError, match="1 til 16 sifre"):
            await set_employee_no(world.ola, bad, actor="test")
    with pytest.raises(RuleError, match="brukt av en annen"):
        await set_employee_no(world.ola, "10001", actor="test")
    assert (await Participant.get(id=world.ola.id)).employee_no is None
    await set_employee_no(world.kari, None, actor="test")
    events = await AuditEvent.filter(action="participant.employee_no").order_by("id")
    assert [(e.detail["old"], e.detail["new"]) for e in events] == [
        (None, "10001"),
        ("10001", None),
    ]


async def test_pay_overview_this_month_so_far_and_last_month(db: str) -> None:
    world = await build_world()
    await fill(world.kari, six_but_two)
    await mark_day(world.kari, date(2026, 5, 4), P, "4", actor_name="test", now=LATER)
    overview = await pay_overview(world.kari, date(2026, 5, 6))
    assert (
        overview.this_month.month,
        overview.this_month.days,
        overview.this_month.amount_ore,
    ) == (
        (2026, 5),
        1,
        6400,
    )
    assert (overview.last_month.month, overview.last_month.amount_ore) == ((2026, 4), 163200)
    january = await pay_overview(world.kari, date(2026, 1, 5))
    assert (january.this_month.month, january.last_month.month) == ((2026, 1), (2025, 12))
    assert january.this_month.amount_ore == january.last_month.amount_ore == 0


@pytest.mark.parametrize(
    ("text", "expected"), [("2026-04", (2026, 4)), (" 2026-4 ", (2026, 4)), ("2030-12", (2030, 12))]
)
def test_parse_month(text: str, expected: tuple[int, int]) -> None:
    assert parse_month(text) == expected


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "26-04", "april", "2026-04-01", "1999-12"])
def test_parse_month_refuses(text: str) -> None:
    with pytest.raises(RuleError, match="måned"):
        parse_month(text)
