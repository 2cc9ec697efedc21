"""A participant's next days: planned, reported absent, closed (and why), or off."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from backend.absence.report import report_absence
from backend.calendar.plan import PLAN_DAYS, next_days, plans_between
from backend.calendar.plan_rules import PlanKind
from backend.calendar.rules import DayKind
from backend.calendar.settings import add_closure
from backend.models import Absence, AbsenceCategory, LinkRole
from backend.shared.errors import RuleError
from tests.support.telegram import OSLO
from tests.support.world import NOW, build_world, link

PL, AB, CL, OFF = PlanKind.PLANNED, PlanKind.ABSENT, PlanKind.CLOSED, PlanKind.OFF


async def test_next_fourteen_days_of_kari(db: str) -> None:
    world = await build_world()
    kari_link = await link("P1", LinkRole.PARTICIPANT, 1001, "Kari")
    await report_absence(
        world.kari, [date(2026, 4, 8)], AbsenceCategory.SICK, reporter=kari_link, now=NOW
    )
    await add_closure(world.unit, date(2026, 4, 9), "Personaldag", actor="test")

    plan = await next_days(world.kari, NOW.date())
    assert (plan.start, plan.end) == (time(9), time(14))
    assert len(plan.days) == PLAN_DAYS
    assert [(d.day.day, d.kind, d.reason) for d in plan.days] == [
        (7, PL, None),
        (8, AB, "sick"),
        (9, CL, "Personaldag"),
        (10, PL, None),
        (11, OFF, None),
        (12, OFF, None),
        (13, PL, None),
        (14, PL, None),
        (15, PL, None),
        (16, PL, None),
        (17, PL, None),
        (18, OFF, None),
        (19, OFF, None),
        (20, PL, None),
    ]


@pytest.mark.parametrize(
    ("today", "closed_day", "kind", "reason"),
    [
        (date(2026, 4, 28), date(2026, 5, 1), DayKind.PUBLIC_HOLIDAY, "Arbeidernes dag"),
        (date(2026, 5, 11), date(2026, 5, 14), DayKind.PUBLIC_HOLIDAY, "Kristi himmelfartsdag"),
        (date(2026, 7, 1), date(2026, 7, 6), DayKind.FELLESFERIE, None),
        (date(2026, 12, 21), date(2026, 12, 28), DayKind.CHRISTMAS, None),
        (
            date(2027, 5, 10),
            date(2027, 5, 17),
            DayKind.PUBLIC_HOLIDAY,
            "Andre pinsedag; Grunnlovsdag",
        ),
    ],
)
async def test_closed_days_carry_their_reason(
    db: str, today: date, closed_day: date, kind: DayKind, reason: str | None
) -> None:
    world = await build_world()
    plan = await next_days(world.kari, today)
    [closed] = [d for d in plan.days if d.day == closed_day]
    assert (closed.kind, closed.closure, closed.reason) == (CL, kind, reason)


async def test_a_withdrawn_absence_is_planned_again(db: str) -> None:
    world = await build_world()
    kari_link = await link("P1", LinkRole.PARTICIPANT, 1001, "Kari")
    await report_absence(
        world.kari, [date(2026, 4, 8)], AbsenceCategory.SICK, reporter=kari_link, now=NOW
    )
    await Absence.filter(participant_id=world.kari.id).update(
        withdrawn_at=datetime(2026, 4, 7, 9, tzinfo=OSLO)
    )
    plan = await next_days(world.kari, NOW.date(), days=2)
    assert [d.kind for d in plan.days] == [PL, PL]


async def test_plans_of_many_participants(db: str) -> None:
    world = await build_world()
    plans = await plans_between([world.kari, world.ola], date(2026, 4, 6), date(2026, 4, 10))
    assert [(d.day.day, d.kind) for d in plans[world.ola.id]] == [(6, CL), (8, PL), (10, PL)]
    assert len(plans[world.kari.id]) == 5


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (date(2026, 4, 10), date(2026, 4, 9), "Startdatoen"),
        (date(2026, 1, 1), date(2027, 3, 1), "høyst 400 dager"),
    ],
)
async def test_odd_ranges_are_refused(db: str, start: date, end: date, message: str) -> None:
    world = await build_world()
    with pytest.raises(RuleError, match=message):
        await plans_between([world.kari], start, end)
