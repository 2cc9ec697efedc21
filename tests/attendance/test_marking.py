"""Attendance days: one record per participant and planned day, changes audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import pytest

from backend.absence.report import report_absence
from backend.attendance.marking import (
    AbsenceReported,
    attendance_between,
    confirm_rest_present,
    day_roster,
    mark_day,
    plan_of_day,
)
from backend.calendar.plan_rules import PlanKind
from backend.models import (
    Absence,
    AbsenceCategory,
    AttendanceDay,
    AttendanceStatus,
    AuditEvent,
    LinkRole,
    Participant,
    StaffRole,
)
from backend.people import registry as people
from backend.shared.errors import RuleError
from tests.support.telegram import OSLO
from tests.support.world import build_world, link

P = AttendanceStatus.PRESENT
AN = AttendanceStatus.ABSENT_NOTIFIED
AU = AttendanceStatus.ABSENT_UNNOTIFIED
C = AttendanceStatus.CLOSED
# Late in the evening of Wednesday 8 April 2026: that day and earlier can be confirmed.
EVENING = datetime(2026, 4, 8, 20, 0, tzinfo=OSLO)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=OSLO)  # type: ignore[misc]


@pytest.fixture
def queries(monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[str]]:
    """Counts the SQL statements sent from now on (for "one or few queries")."""
    sent: list[str] = []
    client = type(AttendanceDay._meta.db)
    for name in ("execute_query", "execute_query_dict"):
        original = getattr(client, name)

        async def counting(self: Any, query: str, values: Any = None, _o: Any = original) -> Any:
            sent.append(query)
            return await _o(self, query, values)

        monkeypatch.setattr(client, name, counting)
    return lambda: sent


async def add_person(
    code: str, name: str, weekdays: frozenset[int] = frozenset(range(1, 6))
) -> Participant:
    return await people.add_participant(
        people.NewParticipant(
            "AOK", code, name, date(1980, 1, 1), weekdays, time(9), time(14, 30), "S1"
        ),
        actor="test",
        today=EVENING.date(),
    )


@pytest.mark.parametrize(
    ("day", "status", "hours", "stored", "stored_hours"),
    [
        (date(2026, 4, 7), P, None, P, "5.00"),  # Kari's decision: 09:00–14:00
        (date(2026, 4, 7), P, "6.25", P, "6.25"),
        (date(2026, 4, 7), P, Decimal("0.25"), P, "0.25"),
        (date(2026, 4, 7), P, 12, P, "12.00"),
        (date(2026, 4, 7), AN, None, AN, "0.00"),
        (date(2026, 4, 7), AU, None, AU, "0.00"),
        (date(2026, 4, 8), P, None, P, "5.00"),  # today
        (date(2026, 4, 3), AN, None, C, "0.00"),  # Good Friday: closed
        (date(2026, 4, 3), C, None, C, "0.00"),
        (date(2025, 7, 14), AU, None, C, "0.00"),  # fellesferie
        (date(2025, 12, 29), C, None, C, "0.00"),  # between Christmas and New Year
    ],
)
async def test_mark_day_stores_one_record(
    db: str,
    day: date,
    status: AttendanceStatus,
    hours: Any,
    stored: AttendanceStatus,
    stored_hours: str,
) -> None:
    world = await build_world()
    record = await mark_day(world.kari, day, status, hours, actor_staff=world.contact, now=EVENING)
    rows = await AttendanceDay.filter(participant_id=world.kari.id).all()
    assert [(r.day, r.status, r.hours) for r in rows] == [(day, stored, Decimal(stored_hours))]
    assert record.id == rows[0].id
    assert rows[0].confirmed_by_id == world.contact.id  # type: ignore[attr-defined]
    assert rows[0].confirmed_by_name == "Lise Kontakt"
    assert rows[0].confirmed_at == EVENING
    event = await AuditEvent.get(action="attendance.mark")
    assert (event.actor, event.subject) == ("staff:S1", "participant:P1")
    assert event.detail["status"] == stored.value


@pytest.mark.parametrize(
    ("who", "day", "status", "hours", "message"),
    [
        ("kari", date(2026, 4, 4), P, None, "ikke en planlagt dag for Kari"),  # a Saturday
        ("ola", date(2026, 4, 7), P, None, "ikke en planlagt dag for Ola"),  # Mon/Wed/Fri only
        ("kari", date(2026, 4, 9), P, None, "har ikke kommet ennå"),
        ("kari", date(2027, 1, 4), AN, None, "har ikke kommet ennå"),
        ("kari", date(1900, 1, 1), P, None, "Ikke en dag tjenesten kan ha hatt: 1900-01-01"),
        ("kari", date(2026, 4, 7), P, "6.1", "hele kvarter"),
        ("kari", date(2026, 4, 7), P, "0", "hele kvarter"),
        ("kari", date(2026, 4, 7), P, "-1", "hele kvarter"),
        ("kari", date(2026, 4, 7), P, "12.25", "hele kvarter"),
        ("kari", date(2026, 4, 7), P, "seks", "hele kvarter"),
        ("kari", date(2026, 4, 7), AN, "5", "bare for den som var til stede"),
        ("kari", date(2026, 4, 3), P, None, "var stengt 2026-04-03"),
        ("kari", date(2026, 4, 7), C, None, "var åpen 2026-04-07"),
    ],
)
async def test_mark_day_refuses_and_writes_nothing(
    db: str, who: str, day: date, status: AttendanceStatus, hours: Any, message: str
) -> None:
    world = await build_world()
    participant = world.kari if who == "kari" else world.ola
    with pytest.raises(RuleError, match=message):
        await mark_day(participant, day, status, hours, actor_name="cli", now=EVENING)
    assert await AttendanceDay.all().count() == 0
    assert not await AuditEvent.filter(action__startswith="attendance").exists()


async def test_staff_of_another_unit_cannot_confirm(db: str) -> None:
    world = await build_world()
    await people.add_unit("VTA", "Varig tilrettelagt arbeid", actor="test")
    stranger = await people.add_staff("VTA", "S9", "Vera Annen", StaffRole.CONTACT, actor="test")
    with pytest.raises(RuleError, match="Vera Annen kan ikke føre oppmøte"):
        await mark_day(world.kari, date(2026, 4, 7), P, actor_staff=stranger, now=EVENING)
    with pytest.raises(RuleError, match="Vera Annen kan ikke føre oppmøte"):
        await confirm_rest_present(world.unit, date(2026, 4, 7), stranger, EVENING)
    assert await AttendanceDay.all().count() == 0


async def test_a_long_remark_is_refused(db: str) -> None:
    world = await build_world()
    with pytest.raises(RuleError, match="500 tegn"):
        await mark_day(
            world.kari, date(2026, 4, 7), P, actor_name="cli", now=EVENING, remark="x" * 501
        )
    assert await AttendanceDay.all().count() == 0


async def test_changes_after_confirmation_are_audited_old_to_new(db: str) -> None:
    world = await build_world()
    day = date(2026, 4, 7)
    await mark_day(world.kari, day, P, actor_staff=world.contact, now=at(2026, 4, 7, 15))
    # The same again (a double tap) changes nothing and logs nothing.
    await mark_day(world.kari, day, P, actor_staff=world.contact, now=at(2026, 4, 7, 16))
    assert await AuditEvent.filter(action="attendance.change").count() == 0

    await mark_day(
        world.kari, day, P, "4.5", actor_staff=world.leader, now=EVENING, remark="Gikk tidlig"
    )
    await mark_day(world.kari, day, AU, actor_name="cli", now=EVENING)  # no remark: kept

    record = await AttendanceDay.get(participant_id=world.kari.id, day=day)
    assert (record.status, record.hours, record.confirmed_by_name) == (AU, Decimal("0.00"), "cli")
    assert record.confirmed_by_id is None  # type: ignore[attr-defined]
    assert record.remark == "Gikk tidlig"
    await mark_day(world.kari, day, AU, actor_name="cli", now=EVENING, remark="")  # cleared
    assert (await AttendanceDay.get(id=record.id)).remark is None
    changes = await AuditEvent.filter(action="attendance.change").order_by("id")
    assert [
        (c.actor, c.detail["old"], c.detail["new"], c.detail["remark_changed"]) for c in changes
    ] == [
        (
            "staff:S2",
            {"status": "present", "hours": "5.00", "by": "Lise Kontakt"},
            {"status": "present", "hours": "4.50", "by": "Per Leder"},
            True,
        ),
        (
            "cli",
            {"status": "present", "hours": "4.50", "by": "Per Leder"},
            {"status": "absent_unnotified", "hours": "0.00", "by": "cli"},
            False,
        ),
        (
            "cli",
            {"status": "absent_unnotified", "hours": "0.00", "by": "cli"},
            {"status": "absent_unnotified", "hours": "0.00", "by": "cli"},
            True,
        ),
    ]
    assert "Gikk tidlig" not in str([c.detail for c in changes])  # a remark may say too much
    assert await AttendanceDay.all().count() == 1


async def test_present_over_a_reported_absence_asks_then_ends_the_absence(db: str) -> None:
    world = await build_world()
    kari_link = await link("P1", LinkRole.PARTICIPANT, 1001, "Kari")
    await report_absence(
        world.kari,
        [date(2026, 4, 8)],
        AbsenceCategory.SICK,
        reporter=kari_link,
        now=at(2026, 4, 7, 12),
    )
    with pytest.raises(AbsenceReported) as asked:
        await mark_day(world.kari, date(2026, 4, 8), P, "2", actor_name="cli", now=EVENING)
    assert asked.value.render(lambda m: m) == (
        "Kari Nordmann har meldt fravær 2026-04-08 (syk). Er Kari Nordmann likevel her? "
        "Bekreft, så avsluttes fraværet den dagen."
    )
    assert await AttendanceDay.all().count() == 0
    record = await mark_day(
        world.kari, date(2026, 4, 8), P, "2", actor_name="cli", now=EVENING, end_absence=True
    )
    assert (record.status, record.hours) == (P, Decimal("2.00"))
    absence = await Absence.get(participant_id=world.kari.id, day=date(2026, 4, 8))
    assert absence.withdrawn_at is not None  # plan, pay, the web and the bot agree
    assert (await plan_of_day(world.kari, date(2026, 4, 8))).kind is PlanKind.PLANNED


async def test_day_roster_shows_plan_absence_and_record(
    db: str, queries: Callable[[], list[str]]
) -> None:
    world = await build_world()
    await add_person("P3", "Aase Aasen")
    await people.add_participant(  # weekends only: not expected on a Wednesday
        people.NewParticipant(
            "AOK", "P4", "Lørdag Lund", date(1980, 1, 1), frozenset({6, 7}), time(9), time(12), "S1"
        ),
        actor="test",
        today=EVENING.date(),
    )
    ola_link = await link("P2", LinkRole.PARTICIPANT, 1002, "Ola")
    await report_absence(
        world.ola,
        [date(2026, 4, 8)],
        AbsenceCategory.APPOINTMENT,
        reporter=ola_link,
        now=at(2026, 4, 8, 9, 30),
        note="Tannlege",
    )
    await mark_day(world.kari, date(2026, 4, 8), AU, actor_staff=world.contact, now=EVENING)

    queries().clear()
    roster = await day_roster(world.unit, date(2026, 4, 8))
    assert len(queries()) <= 4
    assert roster.status.is_open
    summary = [
        (
            e.participant.code,
            e.plan.kind,
            e.absence.category if e.absence else None,
            e.record.status if e.record else None,
            e.default_status,
        )
        for e in roster.entries
    ]
    assert summary == [
        ("P3", PlanKind.PLANNED, None, None, P),
        ("P1", PlanKind.PLANNED, None, AU, P),
        ("P2", PlanKind.ABSENT, AbsenceCategory.APPOINTMENT, None, AN),
    ]
    ola = roster.entry(world.ola.id)
    assert ola is not None and ola.absence is not None and ola.absence.late
    assert "Tannlege" not in repr(ola.absence)  # the private note stays out of the roster
    assert [e.participant.code for e in roster.unconfirmed] == ["P3", "P2"]

    # More participants, the same number of queries.
    for n in range(5, 12):
        await add_person(f"P{n}", f"Deltaker {n}")
    queries().clear()
    bigger = await day_roster(world.unit, date(2026, 4, 8))
    assert len(bigger.entries) == 10 and len(queries()) <= 4


async def test_roster_keeps_a_record_the_decision_no_longer_covers(db: str) -> None:
    world = await build_world()
    await mark_day(world.kari, date(2026, 4, 7), P, actor_name="cli", now=EVENING)
    await Participant.filter(id=world.kari.id).update(weekdays="1,3,5")
    roster = await day_roster(world.unit, date(2026, 4, 7))
    assert [(e.participant.code, e.plan.kind, e.confirmed) for e in roster.entries] == [
        ("P1", PlanKind.OFF, True)
    ]
    assert roster.unconfirmed == []


async def test_everyone_else_is_here(db: str) -> None:
    world = await build_world()
    aase = await add_person("P3", "Aase Aasen")
    ola_link = await link("P2", LinkRole.PARTICIPANT, 1002, "Ola")
    await report_absence(
        world.ola,
        [date(2026, 4, 8)],
        AbsenceCategory.SICK,
        reporter=ola_link,
        now=at(2026, 4, 8, 7),
    )
    await mark_day(
        world.kari, date(2026, 4, 8), AU, actor_staff=world.contact, now=at(2026, 4, 8, 10)
    )

    done = await confirm_rest_present(world.unit, date(2026, 4, 8), world.contact, EVENING)
    assert [p.code for p in done.present] == ["P3"]
    assert [p.code for p in done.absent] == ["P2"]
    assert done.closed == ()
    assert done.roster.unconfirmed == []
    stored = {
        r.participant_id: (r.status, r.hours, r.confirmed_by_name)  # type: ignore[attr-defined]
        for r in await AttendanceDay.filter(day=date(2026, 4, 8))
    }
    assert stored == {
        world.kari.id: (AU, Decimal("0.00"), "Lise Kontakt"),  # left as marked
        world.ola.id: (AN, Decimal("0.00"), "Lise Kontakt"),
        aase.id: (P, Decimal("5.50"), "Lise Kontakt"),  # 09:00–14:30
    }
    event = await AuditEvent.get(action="attendance.confirm_rest")
    assert event.detail == {"day": "2026-04-08", "present": ["P3"], "absent_notified": ["P2"]}

    again = await confirm_rest_present(world.unit, date(2026, 4, 8), world.contact, EVENING)
    assert (again.present, again.absent, again.closed) == ((), (), ())
    assert await AttendanceDay.all().count() == 3
    assert await AuditEvent.filter(action="attendance.confirm_rest").count() == 1


async def test_everyone_else_on_a_closed_day_is_closed(db: str) -> None:
    world = await build_world()
    done = await confirm_rest_present(world.unit, date(2026, 4, 6), world.leader, EVENING)
    assert not done.roster.status.is_open
    assert done.roster.status.reasons == ("Andre påskedag",)
    assert sorted(p.code for p in done.closed) == ["P1", "P2"]
    statuses = await AttendanceDay.all().values_list("status", flat=True)
    assert sorted(statuses) == [C, C]


async def test_everyone_else_refuses_a_future_day(db: str) -> None:
    world = await build_world()
    with pytest.raises(RuleError, match="har ikke kommet"):
        await confirm_rest_present(world.unit, date(2026, 4, 9), world.contact, EVENING)
    assert await AttendanceDay.all().count() == 0


async def test_attendance_between_one_or_many(db: str, queries: Callable[[], list[str]]) -> None:
    world = await build_world()
    for day in (date(2026, 4, 1), date(2026, 4, 7), date(2026, 4, 8)):
        await mark_day(world.kari, day, P, actor_name="cli", now=EVENING)
    await mark_day(world.ola, date(2026, 4, 8), AN, actor_name="cli", now=EVENING)

    one = await attendance_between(world.kari, date(2026, 4, 2), date(2026, 4, 8))
    assert {pid: sorted(days) for pid, days in one.items()} == {
        world.kari.id: [date(2026, 4, 7), date(2026, 4, 8)]
    }
    queries().clear()
    both = await attendance_between([world.kari, world.ola], date(2026, 4, 1), date(2026, 4, 30))
    assert len(queries()) == 1
    assert len(both[world.kari.id]) == 3
    assert both[world.ola.id][date(2026, 4, 8)].status is AN
    empty = await attendance_between([world.ola], date(2026, 5, 1), date(2026, 5, 31))
    assert empty == {world.ola.id: {}}


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (date(2026, 4, 8), date(2026, 4, 7), "Startdatoen"),
        (date(2025, 1, 1), date(2026, 4, 7), "høyst 400 dager"),
    ],
)
async def test_attendance_between_refuses_odd_ranges(
    db: str, start: date, end: date, message: str
) -> None:
    world = await build_world()
    with pytest.raises(RuleError, match=message):
        await attendance_between(world.kari, start, end)


def test_exactly_one_actor_is_required() -> None:
    from backend.attendance.marking import _actor

    with pytest.raises(TypeError):
        _actor(None, None, 1)
