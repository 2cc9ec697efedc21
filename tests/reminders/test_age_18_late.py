"""A pupil flagged less than six months before 18 gets the age-18 reminder at once."""

from __future__ import annotations

from datetime import date

from backend import reminders
from backend.models import OutboxMessage, Participant, Programme
from backend.outbox.catalog import render
from backend.people import registry as people
from tests.support.reminder_world import add_person, at, build_reminder_world, link_staff

D = date.fromisoformat


def age_18(result: reminders.PassResult) -> list[tuple[str, str, date]]:
    return [
        (d.recipient.name, d.reminder.subject, d.reminder.due)
        for d in result.deliveries
        if d.reminder.kind == "age_18"
    ]


async def test_a_pupil_flagged_after_the_half_year_mark_is_reminded_the_next_working_day(
    db: str,
) -> None:
    await build_reminder_world()
    await link_staff()
    # 18 on 10 March 2027: the half-year mark, 10 September 2026, has passed.
    await add_person("E1", D("2009-03-10"), programme=Programme.ACTIVITY_PLACE, facts={})
    await people.update_decision(
        "E1", people.DecisionChange(pupil=True), actor="test", today=D("2026-11-20")
    )
    assert (await Participant.get(code="E1")).pupil_since == D("2026-11-20")

    # Flagged on Friday 20 November, after that morning's pass: due on Monday.
    for day in ("2026-11-20", "2026-11-24"):
        assert age_18(await reminders.preview(D(day), at(day))) == [], day
    result = await reminders.run_daily_pass(at("2026-11-23"))
    assert age_18(result) == [("Kari Koord", "participant:E1", D("2026-11-23"))]
    row = await OutboxMessage.get(template="reminder_age_18")
    assert render(row.template, row.params, "nb") == (
        "Deltaker E1 fyller 18 år 10. mars 2027, om mindre enn et halvt år. Ta kontakt med NAV nå."
    )


async def test_unflagging_forgets_the_day(db: str) -> None:
    await build_reminder_world()
    await add_person("E1", D("2009-03-10"), programme=Programme.ACTIVITY_PLACE, facts={})
    for flag, day, since in [
        (True, "2026-11-20", D("2026-11-20")),
        (True, "2026-11-25", D("2026-11-20")),  # saved again: still flagged since the 20th
        (False, "2026-11-26", None),
        (True, "2026-12-01", D("2026-12-01")),
    ]:
        await people.update_decision(
            "E1", people.DecisionChange(pupil=flag), actor="test", today=D(day)
        )
        assert (await Participant.get(code="E1")).pupil_since == since, day
