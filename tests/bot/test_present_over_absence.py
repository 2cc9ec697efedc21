"""✅ on a participant who reported an absence asks once; a yes ends the absence of that
day, so the roster, the plan, pay and the web grid agree. Nobody else is told."""

from __future__ import annotations

from decimal import Decimal

from backend.absence.report import report_absence
from backend.calendar.plan import next_days
from backend.calendar.plan_rules import PlanKind
from backend.models import (
    Absence,
    AbsenceCategory,
    AttendanceDay,
    AttendanceStatus,
    AuditEvent,
    OutboxMessage,
)
from backend.pay.payroll import participant_statement
from tests.bot.staff_world import LISE, at, build_staff_world
from tests.support.telegram import RunningBot

TUESDAY = "2026-04-07"


async def test_here_after_all_ends_the_reported_absence(bot: RunningBot) -> None:
    staff = await build_staff_world(bot)
    await report_absence(
        staff.siri, [at(TUESDAY, 0).date()], AbsenceCategory.SICK,
        reporter=None, now=at(TUESDAY, 7), reporter_name="Mor Berg",
    )  # fmt: skip
    outbox_before = await OutboxMessage.all().count()
    lise = bot.chat(LISE, "Lise")
    roster = await lise.send("/idag")
    assert "📩 Siri Berg: meldt borte (syk, meldt av Mor Berg)" in roster.text

    question = await lise.tap("✅ Siri B.", roster)
    assert question.message_id == roster.message_id
    assert question.text == (
        "Siri Berg er meldt syk i dag. Er Siri likevel her?\nDa avsluttes fraværet for den dagen."
    )
    assert lise.buttons(question) == ["✅ Ja, Siri er her", "⬅️ Tilbake til listen"]
    assert await AttendanceDay.filter(participant_id=staff.siri.id).count() == 0
    assert await Absence.filter(participant_id=staff.siri.id, withdrawn_at=None).count() == 1

    shown = await lise.tap("Ja, Siri er her", question)
    assert "✅ Siri Berg: 6,00 t" in shown.text
    assert "Bekreftet: 1 av 2." in shown.text
    record = await AttendanceDay.get(participant_id=staff.siri.id)
    assert (record.status, Decimal(record.hours)) == (AttendanceStatus.PRESENT, Decimal("6.00"))
    # every screen agrees: the absence has ended, the plan says planned, pay counts the day
    absence = await Absence.get(participant_id=staff.siri.id)
    assert absence.withdrawn_at is not None
    plan = await next_days(staff.siri, at(TUESDAY, 8).date())
    assert plan.days[0].kind is PlanKind.PLANNED
    statement = await participant_statement(staff.siri, 2026, 4)
    assert (statement.days, statement.hours) == (1, Decimal("6.00"))
    # audited without the category; nobody (participant, relative, transport) is told
    ended = await AuditEvent.get(action="absence.end")
    assert ended.actor == "staff:S1" and ended.subject == "participant:P3"
    assert ended.detail == {"day": TUESDAY}
    assert await OutboxMessage.all().count() == outbox_before


async def test_back_to_the_roster_changes_nothing(bot: RunningBot) -> None:
    staff = await build_staff_world(bot)
    await report_absence(
        staff.kari, [at(TUESDAY, 0).date()], AbsenceCategory.APPOINTMENT,
        reporter=None, now=at(TUESDAY, 7), reporter_name="Kari Nordmann",
    )  # fmt: skip
    lise = bot.chat(LISE, "Lise")
    roster = await lise.send("/idag")
    question = await lise.tap("✅ Kari N.", roster)
    assert question.text.startswith(
        "Kari Nordmann er meldt borte i dag (avtale). Er Kari likevel her?"
    )
    back = await lise.tap("Tilbake til listen", question)
    assert "📩 Kari Nordmann: meldt borte (avtale)" in back.text
    assert await AttendanceDay.filter(participant_id=staff.kari.id).count() == 0
    assert await Absence.filter(participant_id=staff.kari.id, withdrawn_at=None).count() == 1
