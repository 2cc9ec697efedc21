"""Reporting and withdrawing absence: which days count, who is told, what is never told."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from backend.absence.report import (
    MAX_NOTE_CHARS,
    add_note,
    day_kinds,
    report_absence,
    upcoming_absences,
    withdraw_absence,
)
from backend.absence.texts import render_email
from backend.calendar.plan_rules import PlanKind
from backend.links.consent import record_consent
from backend.models import (
    Absence,
    AbsenceCategory,
    AuditEvent,
    LinkRole,
    OutboxMessage,
    TelegramLink,
    Unit,
)
from backend.outbox import smtp as mail
from backend.people import directory
from backend.shared.errors import RuleError
from tests.support.telegram import OSLO
from tests.support.world import NOW, World, build_world, link

SICK = AbsenceCategory.SICK


async def world_with_links() -> World:
    world = await build_world()
    await link("S1", LinkRole.STAFF, 1003, "Lise Kontakt")
    await Unit.filter(id=world.unit.id).update(transport_email="transport@example.no")
    await world.kari.fetch_related("unit")
    await world.kari.unit.refresh_from_db()
    return world


async def kari_link() -> TelegramLink:
    return await link("P1", LinkRole.PARTICIPANT, 1001, "Kari Nordmann")


@pytest.mark.parametrize(
    ("days", "recorded", "closed", "not_planned"),
    [
        ([date(2026, 4, 7)], [date(2026, 4, 7)], [], []),
        # Friday 1 May is a public holiday, 2–3 May a weekend.
        (
            [date(2026, 4, 30), date(2026, 5, 1), date(2026, 5, 2), date(2026, 5, 3)],
            [date(2026, 4, 30)],
            [date(2026, 5, 1)],
            [date(2026, 5, 2), date(2026, 5, 3)],
        ),
        ([date(2026, 5, 14)], [], [date(2026, 5, 14)], []),  # Kristi himmelfartsdag
        ([date(2026, 4, 11), date(2026, 4, 12)], [], [], [date(2026, 4, 11), date(2026, 4, 12)]),
    ],
)
async def test_only_planned_opening_days_are_recorded(
    db: str, days: list[date], recorded: list[date], closed: list[date], not_planned: list[date]
) -> None:
    world = await world_with_links()
    report = await report_absence(world.kari, days, SICK, reporter=await kari_link(), now=NOW)
    assert report.recorded == recorded
    assert [p.day for p in report.closed] == closed
    assert report.not_planned == not_planned
    stored = (
        await Absence.filter(participant_id=world.kari.id)
        .order_by("day")
        .values_list("day", flat=True)
    )
    assert stored == recorded
    assert len(report.absence_ids) == len(recorded)


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ([date(2026, 4, 6)], "Den dagen er over"),
        ([date(2026, 4, 7), date(2026, 6, 3)], "inntil 8 uker"),
        ([], "minst én dag"),
    ],
)
async def test_past_and_far_days_are_refused_and_nothing_is_written(
    db: str, days: list[date], message: str
) -> None:
    world = await world_with_links()
    with pytest.raises(RuleError, match=message):
        await report_absence(world.kari, days, SICK, reporter=await kari_link(), now=NOW)
    assert await Absence.all().count() == 0
    assert await OutboxMessage.all().count() == 0


async def test_the_last_day_eight_weeks_ahead_is_allowed(db: str) -> None:
    world = await world_with_links()
    last = NOW.date() + timedelta(weeks=8)
    report = await report_absence(world.kari, [last], SICK, reporter=await kari_link(), now=NOW)
    assert report.recorded == [last]


@pytest.mark.parametrize(
    ("clock", "late"),
    [((8, 59), False), ((9, 0), False), ((9, 1), True), ((13, 0), True)],
)
async def test_after_the_start_time_today_is_taken_and_marked_late(
    db: str, clock: tuple[int, int], late: bool
) -> None:
    world = await world_with_links()
    now = datetime(2026, 4, 7, *clock, tzinfo=OSLO)
    days = [date(2026, 4, 7), date(2026, 4, 8)]
    report = await report_absence(world.kari, days, SICK, reporter=await kari_link(), now=now)
    assert report.late is late
    flags = (
        await Absence.filter(participant_id=world.kari.id)
        .order_by("day")
        .values_list("late", flat=True)
    )
    assert flags == [late, False]  # tomorrow is never late


async def test_contact_and_transport_are_told_without_the_note(db: str) -> None:
    world = await world_with_links()
    days = [date(2026, 4, 8), date(2026, 4, 9)]
    await report_absence(
        world.kari, days, SICK, reporter=await kari_link(), now=NOW, note="Influensa, feber"
    )
    staff = await OutboxMessage.get(template="absence_reported")
    assert staff.chat_id == 1003
    assert staff.params == {
        "participant_id": world.kari.id,
        "participant": "Kari Nordmann",
        "days": ["2026-04-08", "2026-04-09"],
        "category": "sick",
        "reporter": None,
        "late": False,
    }
    transport = await OutboxMessage.get(template="transport_cancel")
    assert transport.email == "transport@example.no" and transport.chat_id is None
    assert set(transport.params) == {"unit", "participant", "days"}  # no reason at all
    for message in await OutboxMessage.all():
        assert "feber" not in str(message.params) and "sick" not in str(transport.params)
    audit = await AuditEvent.get(action="absence.report")
    assert "feber" not in str(audit.detail)
    assert (await Absence.get(day=date(2026, 4, 8))).note == "Influensa, feber"


async def test_a_report_done_again_stores_and_tells_nothing_new(db: str) -> None:
    """An update handled again (its process died after the report was stored and its
    notices written, before Telegram was answered) runs the same report a while later."""
    world = await world_with_links()
    kari = await kari_link()
    days = [date(2026, 4, 8), date(2026, 4, 9)]
    first = await report_absence(world.kari, days, SICK, reporter=kari, now=NOW, note="Feber")
    assert first.recorded == days
    again = await report_absence(
        world.kari, days, SICK, reporter=kari, now=NOW + timedelta(seconds=40), note="Feber"
    )
    assert (again.recorded, again.already, again.absence_ids) == ([], days, [])
    assert await Absence.filter(participant_id=world.kari.id).count() == 2
    templates = sorted(await OutboxMessage.all().values_list("template", flat=True))
    assert templates == ["absence_reported", "transport_cancel"]
    assert await AuditEvent.filter(action="absence.report").count() == 1


async def test_no_transport_notice_without_transport(db: str) -> None:
    world = await world_with_links()
    ola_link = await link("P2", LinkRole.PARTICIPANT, 1005, "Ola Hansen")
    await report_absence(world.ola, [date(2026, 4, 8)], SICK, reporter=ola_link, now=NOW)
    assert await OutboxMessage.filter(template="transport_cancel").count() == 0


async def test_a_relative_report_tells_the_participant_unless_turned_off(db: str) -> None:
    world = await world_with_links()
    await kari_link()
    anne = await link("P1", LinkRole.RELATIVE, 1004, "Anne")
    anne = await record_consent(anne.id, by_staff="staff:S2", on_behalf=True, now=NOW)
    await report_absence(world.kari, [date(2026, 4, 8)], SICK, reporter=anne, now=NOW)
    told = await OutboxMessage.get(template="relative_reported")
    assert told.chat_id == 1001 and told.params == {"reporter": "Anne", "days": ["2026-04-08"]}
    assert told.window == "participant"  # not sent at night; staff are told at once
    staff = await OutboxMessage.get(template="absence_reported")
    assert staff.params["reporter"] == "Anne" and staff.window is None

    world.kari.unit.tell_participant_of_relative_report = False
    await world.kari.unit.save()
    await report_absence(world.kari, [date(2026, 4, 9)], SICK, reporter=anne, now=NOW)
    assert await OutboxMessage.filter(template="relative_reported").count() == 1


async def test_staff_may_report_on_the_phone_by_name(db: str) -> None:
    world = await world_with_links()
    report = await report_absence(
        world.kari,
        [date(2026, 4, 8)],
        AbsenceCategory.APPOINTMENT,
        reporter=None,
        reporter_name="Lise Kontakt",
        channel="phone",
        now=NOW,
    )
    assert report.recorded == [date(2026, 4, 8)]
    absence = await Absence.get(participant_id=world.kari.id)
    assert (absence.reporter_name, absence.channel) == ("Lise Kontakt", "phone")
    with pytest.raises(RuleError):
        await report_absence(world.kari, [date(2026, 4, 9)], SICK, reporter=None, now=NOW)


async def test_withdrawing_tells_contact_and_transport_and_lists_no_more(db: str) -> None:
    world = await world_with_links()
    kari = await kari_link()
    days = [date(2026, 4, 8), date(2026, 4, 9)]
    await report_absence(world.kari, days, SICK, reporter=kari, now=NOW)
    assert [a.day for a in await upcoming_absences(world.kari.id, NOW.date())] == days

    result = await withdraw_absence(
        world.kari, [date(2026, 4, 8), date(2026, 4, 10)], reporter=kari, now=NOW
    )
    assert result.withdrawn == [date(2026, 4, 8)]
    assert result.not_reported == [date(2026, 4, 10)]
    assert [a.day for a in await upcoming_absences(world.kari.id, NOW.date())] == [days[1]]
    staff = await OutboxMessage.get(template="absence_withdrawn")
    assert staff.params == {
        "participant": "Kari Nordmann",
        "days": ["2026-04-08"],
        "reporter": None,
    }
    restore = await OutboxMessage.get(template="transport_restore")
    assert restore.params["days"] == ["2026-04-08"]
    assert await AuditEvent.filter(action="absence.withdraw").count() == 1

    again = await withdraw_absence(world.kari, [date(2026, 4, 8)], reporter=kari, now=NOW)
    assert (
        again.withdrawn == []
        and await OutboxMessage.filter(template="absence_withdrawn").count() == 1
    )
    with pytest.raises(RuleError, match="Den dagen er over"):
        await withdraw_absence(world.kari, [date(2026, 4, 6)], reporter=kari, now=NOW)


async def test_a_note_goes_only_on_the_reporters_own_absences(db: str) -> None:
    world = await world_with_links()
    kari = await kari_link()
    ola = await link("P2", LinkRole.PARTICIPANT, 1005, "Ola Hansen")
    mine = await report_absence(world.kari, [date(2026, 4, 8)], SICK, reporter=kari, now=NOW)
    theirs = await report_absence(world.ola, [date(2026, 4, 8)], SICK, reporter=ola, now=NOW)
    # Kari's chat cannot write onto Ola's absence, even with its id.
    assert await add_note(kari, mine.absence_ids + theirs.absence_ids, "  Vondt i ryggen ") == 1
    assert (await Absence.get(id=mine.absence_ids[0])).note == "Vondt i ryggen"
    assert (await Absence.get(id=theirs.absence_ids[0])).note is None
    assert await add_note(kari, mine.absence_ids, "   ") == 0
    with pytest.raises(RuleError, match="for lang"):
        await add_note(kari, mine.absence_ids, "x" * (MAX_NOTE_CHARS + 1))
    event = await AuditEvent.get(action="absence.note")
    assert "ryggen" not in str(event.detail)
    # Named by the participant's code, so the unit's audit log shows it.
    assert event.subject == "participant:P1"
    logged = await directory.audit_events(world.contact, subject="P1")
    assert "absence.note" in [e.action for e in logged]


async def test_day_kinds_for_the_bot(db: str) -> None:
    world = await world_with_links()
    await report_absence(world.kari, [date(2026, 4, 8)], SICK, reporter=await kari_link(), now=NOW)
    kinds = await day_kinds(world.kari, date(2026, 4, 7), date(2026, 4, 11))
    assert kinds == {
        date(2026, 4, 7): PlanKind.PLANNED,
        date(2026, 4, 8): PlanKind.ABSENT,
        date(2026, 4, 9): PlanKind.PLANNED,
        date(2026, 4, 10): PlanKind.PLANNED,
        date(2026, 4, 11): PlanKind.OFF,
    }


@pytest.mark.parametrize("template", ["transport_cancel", "transport_restore"])
def test_transport_emails_render_without_any_reason(template: str) -> None:
    params = {"unit": "AoK Larvik", "participant": "Kari Nordmann", "days": ["2026-04-08"]}
    subject, body = render_email(template, params)
    assert "Kari Nordmann" in subject
    assert "onsdag 8. april 2026" in body and "AoK Larvik" in body
    assert "syk" not in body.lower()


async def test_a_malformed_transport_address_does_not_lose_the_report(db: str) -> None:
    world = await world_with_links()
    await Unit.filter(id=world.unit.id).update(transport_email="not an address")
    await world.kari.unit.refresh_from_db()
    report = await report_absence(
        world.kari, [date(2026, 4, 8)], SICK, reporter=await kari_link(), now=NOW
    )
    assert report.recorded == [date(2026, 4, 8)]
    assert await OutboxMessage.filter(template="absence_reported").count() == 1
    assert await OutboxMessage.filter(template="transport_cancel").count() == 0


def test_the_mail_sender_uses_the_transport_subjects() -> None:
    params = {"unit": "AoK", "participant": "Kari Nordmann", "days": ["2026-04-08"]}
    subject, body = mail.render_email("transport_cancel", params, "nb")
    assert subject == "Avbestill transport for Kari Nordmann"
    assert body.startswith("Hei!\n\nKari Nordmann ved AoK trenger ikke transport")
