"""The pupils of the register feed the age-18 rule: the coordinator is told half a year before
the 18th birthday (subject `pupil:<id>`), at once when the pupil was registered after that
mark, never for an ended pupil or one who became a participant."""

from __future__ import annotations

from datetime import date

from backend import reminders
from backend.models import OutboxMessage, Pupil, Staff, Unit
from backend.outbox.catalog import render
from backend.people import directory
from backend.pupils import register as pupils
from backend.pupils.rules import ClassYear
from backend.reminders.querycount import count_queries
from tests.support.reminder_world import at, build_reminder_world, link_staff

D = date.fromisoformat


def age_18(result: reminders.PassResult) -> list[tuple[str, str, date, date]]:
    return [
        (d.recipient.name, d.reminder.subject, d.reminder.due, d.reminder.event_date)
        for d in result.deliveries
        if d.reminder.kind == "age_18"
    ]


async def register(
    name: str, birth: str, today: str, *, consent: str | None = None, share: bool = False
) -> Pupil:
    return await pupils.add_pupil(
        await Unit.get(code="AOK"),
        pupils.PupilFields(
            name=name,
            birth_date=D(birth),
            school="Thor Heyerdahl vgs",
            class_year=ClassYear.VG2,
            consent_given_on=D(consent) if consent else None,
            share_name=share,
        ),
        actor="test",
        today=D(today),
    )


async def test_a_register_pupil_is_reminded_of_half_a_year_before_18(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    pupil = await register("Ada Elev", "2009-03-10", "2025-09-01", consent="2025-08-25", share=True)
    assert age_18(await reminders.preview(D("2026-09-09"), at("2026-09-09"))) == []
    result = await reminders.run_daily_pass(at("2026-09-10"))
    assert age_18(result) == [("Kari Koord", f"pupil:{pupil.id}", D("2026-09-10"), D("2027-03-10"))]
    row = await OutboxMessage.get(template="reminder_age_18")
    assert render(row.template, row.params, "nb") == (
        "Ada Elev fyller 18 år 10. mars 2027. Ta kontakt med NAV nå, et halvt år før."
    )
    assert render(row.template, row.params, "en") == (
        "Ada Elev turns 18 on 10 March 2027. Contact NAV now, half a year before."
    )


async def test_without_consent_to_the_name_the_coordinator_is_told_to_ask_first(
    db: str,
) -> None:
    await build_reminder_world()
    await link_staff()
    await register("Bo Elev", "2009-03-10", "2025-09-01")
    await reminders.run_daily_pass(at("2026-09-10"))
    row = await OutboxMessage.get(template="reminder_age_18")
    assert render(row.template, row.params, "nb") == (
        "Bo Elev fyller 18 år 10. mars 2027. Ta kontakt med NAV nå, et halvt år før. "
        "Foresatte har ikke samtykket til at navnet deles: spør dem først."
    )


async def test_registered_after_the_mark_the_reminder_comes_the_next_working_day(
    db: str,
) -> None:
    await build_reminder_world()
    await link_staff()
    # 18 on 10 March 2027, registered on Friday 20 November 2026: the mark has passed.
    pupil = await register("Cy Elev", "2009-03-10", "2026-11-20")
    for day in ("2026-11-20", "2026-11-24"):
        assert age_18(await reminders.preview(D(day), at(day))) == [], day
    result = await reminders.run_daily_pass(at("2026-11-23"))
    assert age_18(result) == [("Kari Koord", f"pupil:{pupil.id}", D("2026-11-23"), D("2027-03-10"))]
    row = await OutboxMessage.get(template="reminder_age_18")
    assert render(row.template, row.params, "nb").startswith(
        "Cy Elev fyller 18 år 10. mars 2027, om mindre enn et halvt år. Ta kontakt med NAV nå."
    )


async def test_an_ended_pupil_or_one_who_became_a_participant_is_not_followed(db: str) -> None:
    world = await build_reminder_world()
    await link_staff()
    ended = await register("Di Elev", "2009-03-10", "2025-09-01")
    became = await register("Ea Elev", "2009-03-10", "2025-09-01")
    await pupils.end_pupil(
        ended.unit_id, ended.id, D("2026-06-20"), actor="test", today=D("2026-06-20")
    )
    await Pupil.filter(id=became.id).update(participant_id=world.kari.id)
    assert age_18(await reminders.preview(D("2026-09-10"), at("2026-09-10"))) == []


async def test_the_deadlines_show_the_pupil_by_name_only_to_those_who_see_the_register(
    db: str,
) -> None:
    await build_reminder_world()
    pupil = await register("Fia Elev", "2009-03-10", "2025-09-01")
    start, end = D("2026-09-01"), D("2026-09-30")
    for code, name in (("S3", "Fia Elev"), ("S2", "Fia Elev"), ("S1", None)):
        staff = await Staff.get(code=code).prefetch_related("unit")
        items = [
            i for i in await directory.deadlines(staff, start, end) if i.reminder.kind == "age_18"
        ]
        assert [(i.reminder.subject, i.participant_name) for i in items] == [
            (f"pupil:{pupil.id}", name)
        ], code


async def test_pupils_add_one_query_to_a_pass_whatever_their_number(db: str) -> None:
    await build_reminder_world()
    await link_staff()

    async def count() -> int:
        await OutboxMessage.all().delete()
        with count_queries() as counter:
            await reminders.run_daily_pass(at("2026-09-10"))
        return counter.count

    await register("Ada Elev", "2009-03-10", "2025-09-01")
    few = await count()
    for n in range(12):
        await register(f"Elev {n}", f"2009-03-{n + 10:02d}", "2025-09-01")
    assert await count() == few
