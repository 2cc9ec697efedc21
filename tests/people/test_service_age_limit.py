"""The service ends on the 67th birthday: no plan, no attendance, no pay from that day."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest

from backend import reminders
from backend.attendance.marking import confirm_rest_present, day_roster, mark_day
from backend.calendar.plan import plans_between
from backend.calendar.plan_rules import PlanKind
from backend.models import AttendanceDay, AttendanceStatus, Participant, Programme
from backend.pay.payroll import participant_statement, payroll
from backend.people import registry as people
from backend.shared.errors import RuleError
from tests.support.reminder_world import add_person, at, build_reminder_world, link_staff
from tests.support.telegram import OSLO
from tests.support.world import NOW, WEEKDAYS, World, build_world

P = AttendanceStatus.PRESENT
LATER = datetime(2026, 4, 30, 20, 0, tzinfo=OSLO)
LAST_DAY = date(2026, 4, 14)  # Tuesday: the last day of service
BIRTHDAY = date(2026, 4, 15)  # Wednesday: 67 today, the service has ended


async def add_per(programme: Programme = Programme.AOK) -> Participant:
    return await people.add_participant(
        people.NewParticipant(
            "AOK",
            "P9",
            "Per Eldre",
            date(1959, 4, 15),
            WEEKDAYS,
            time(9),
            time(14),
            "S1",
            programme,
        ),
        actor="test",
        today=NOW.date(),
    )


async def test_attendance_is_refused_from_the_67th_birthday_with_the_reason(db: str) -> None:
    await build_world()
    per = await add_per()
    await mark_day(per, LAST_DAY, P, actor_name="cli", now=LATER)
    for day in (BIRTHDAY, date(2026, 4, 20)):
        with pytest.raises(RuleError) as refused:
            await mark_day(per, day, P, actor_name="cli", now=LATER)
        assert str(refused.value) == (
            f"Per Eldre fylte 67 år 2026-04-15, og da sluttet tjenesten. {day} kan ikke føres."
        )
    assert [r.day for r in await AttendanceDay.filter(participant_id=per.id)] == [LAST_DAY]


async def test_no_age_limit_on_a_work_training_place(db: str) -> None:
    await build_world()
    per = await add_per(Programme.WORK_TRAINING)
    record = await mark_day(per, BIRTHDAY, P, actor_name="cli", now=LATER)
    assert record.day == BIRTHDAY


async def test_the_plan_stops_on_the_67th_birthday(db: str) -> None:
    await build_world()
    per = await add_per()
    plans = await plans_between([per], date(2026, 4, 13), date(2026, 4, 17))
    assert [(d.day, d.kind) for d in plans[per.id]] == [
        (date(2026, 4, 13), PlanKind.PLANNED),
        (date(2026, 4, 14), PlanKind.PLANNED),
    ]


async def test_the_roster_leaves_them_out_from_the_67th_birthday(db: str) -> None:
    world = await build_world()
    await add_per()
    before = await day_roster(world.unit, LAST_DAY)
    on = await day_roster(world.unit, BIRTHDAY)
    assert "Per Eldre" in [e.participant.name for e in before.entries]
    assert [e.participant.name for e in on.entries] == ["Kari Nordmann", "Ola Hansen"]
    done = await confirm_rest_present(world.unit, BIRTHDAY, world.contact, LATER)
    assert [p.name for p in done.present] == ["Kari Nordmann", "Ola Hansen"]


async def _stored_anyway(per: Participant, world: World) -> None:
    """Present on the last day, and on two days after it stored before the rule was kept."""
    await mark_day(per, LAST_DAY, P, actor_name="cli", now=LATER)
    for day in (BIRTHDAY, date(2026, 4, 16)):
        await AttendanceDay.create(
            participant_id=per.id,
            day=day,
            status=P,
            hours=Decimal("5"),
            confirmed_by_name="x",
            confirmed_at=LATER,
        )


async def test_no_pay_from_the_67th_birthday(db: str) -> None:
    world = await build_world()
    per = await add_per()
    await _stored_anyway(per, world)
    mark = await mark_day(world.kari, BIRTHDAY, P, actor_name="cli", now=LATER)
    assert mark.hours == Decimal("5.00")

    statement = await participant_statement(per, 2026, 4)
    assert (statement.days, statement.hours, statement.amount_ore) == (1, Decimal("5.00"), 8000)
    lines = {line.name: line for line in await payroll(world.unit, 2026, 4)}
    assert (lines["Per Eldre"].days, lines["Per Eldre"].amount_ore) == (1, 8000)
    assert (lines["Kari Nordmann"].days, lines["Kari Nordmann"].amount_ore) == (1, 8000)


async def test_no_evaluation_or_attendance_list_reminders_after_the_67th_birthday(
    db: str,
) -> None:
    await build_reminder_world()
    await link_staff()
    # Evaluations every 6 months from 1 March 2026, lists every 14 days from 23 March 2026.
    await add_person(
        "P9",
        date(1959, 4, 15),
        next_evaluation=date(2026, 3, 1),
        list_start=date(2026, 3, 23),
        nav_followed=True,
    )

    async def kinds_on(day: str) -> set[str]:
        result = await reminders.preview(date.fromisoformat(day), at(day))
        return {d.reminder.kind for d in result.deliveries if d.reminder.subject.endswith("P9")}

    assert await kinds_on("2026-03-23") == {"attendance_list"}
    assert await kinds_on("2026-04-01") == {"attendance_list"}  # 6 April, before Easter
    assert await kinds_on("2026-04-20") == set()  # the next list would be after 67
    assert await kinds_on("2026-08-18") == set()  # 14 days before the evaluation
    assert await kinds_on("2026-09-01") == set()  # the evaluation six months on
