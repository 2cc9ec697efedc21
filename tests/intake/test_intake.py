"""The intake with NAV as a use case: a new participant or a registered one, what it sets
for the reminders, and input that is refused and writes nothing."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time

import pytest

from backend.intake import final_report
from backend.intake import intake as intakes
from backend.models import AuditEvent, Intake, Participant, Programme
from backend.people import directory
from backend.reminders.deadlines import ReminderKind
from backend.shared.errors import RuleError
from backend.shared.i18n import gettext_for
from tests.support.telegram import OSLO
from tests.support.world import World, build_world

NOW = datetime(2026, 3, 10, 14, 0, tzinfo=OSLO)


def form(**changed: object) -> intakes.IntakeForm:
    base = intakes.IntakeForm(
        unit_code="AOK",
        participant_code="P7",
        referred_on=date(2026, 3, 2),
        counsellor="Nina NAV-veileder",
        contact_code="S1",
        conversation_on=date(2026, 3, 10),
        nav_took_part=True,
        programme=Programme.WORK_TRAINING,
        agreement_start=date(2026, 3, 16),
        agreement_end=date(2026, 9, 15),
        weekdays=frozenset({1, 3, 5}),
        start_time=time(9),
        end_time=time(15),
        purpose="Prøve ut arbeidsevne i kantina",
        first_list=date(2026, 3, 30),
        first_evaluation=date(2026, 5, 11),
        new_person=intakes.NewPerson("Sara Lund", date(1995, 6, 1)),
    )
    return dataclasses.replace(base, **changed)  # type: ignore[arg-type]


@pytest.fixture
async def world(db: str) -> World:
    return await build_world()


async def test_an_intake_registers_a_new_participant_and_sets_the_reminders_dates(
    world: World,
) -> None:
    done = await intakes.record_intake(form(), actor="staff:S2", now=NOW)
    sara = await Participant.get(code="P7")
    assert (sara.name, sara.birth_date, sara.programme) == (
        "Sara Lund",
        date(1995, 6, 1),
        Programme.WORK_TRAINING,
    )
    assert (sara.weekdays, sara.day_start, sara.day_end) == ("1,3,5", "09:00", "15:00")
    assert (sara.decision_start, sara.decision_end) == (date(2026, 3, 16), date(2026, 9, 15))
    assert sara.list_start == date(2026, 3, 30)
    assert sara.next_evaluation == date(2026, 5, 11)
    assert sara.nav_followed is True
    assert sara.contact_id == world.contact.id
    assert sara.purpose == "Prøve ut arbeidsevne i kantina"
    assert sara.eligibility == {"referred_by_nav": True}
    assert (done.counsellor, done.nav_took_part, done.participant_id) == (
        "Nina NAV-veileder",
        True,
        sara.id,
    )
    actions = await AuditEvent.filter(subject="participant:P7").values_list("action", flat=True)
    assert sorted(actions) == [
        "eligibility.record",
        "intake.record",
        "participant.create",
        "participant.decision",
    ]


async def test_the_intakes_dates_drive_the_reminders_that_exist(world: World) -> None:
    await intakes.record_intake(form(), actor="staff:S2", now=NOW)
    due = await directory.deadlines(world.leader, date(2026, 3, 16), date(2026, 9, 30))
    sara = [
        (item.reminder.kind, item.reminder.event_date)
        for item in due
        if item.reminder.subject == "participant:P7"
    ]
    assert (ReminderKind.ATTENDANCE_LIST, date(2026, 3, 30)) in sara
    assert (ReminderKind.ATTENDANCE_LIST, date(2026, 4, 13)) in sara
    assert (ReminderKind.EVALUATION, date(2026, 5, 11)) in sara
    assert (ReminderKind.FINAL_REPORT, date(2026, 9, 15)) in sara


async def test_a_written_final_report_is_not_reminded_again(world: World) -> None:
    await intakes.record_intake(form(), actor="staff:S2", now=NOW)
    sara = await Participant.get(code="P7")
    await final_report.write_final_report(
        sara,
        final_report.FinalReportForm("Rutiner", "Oppmøtet", "God", "ordinary_work"),
        written_by="Lise Kontakt",
        actor="staff:S1",
        today=date(2026, 9, 1),
    )
    due = await directory.deadlines(world.leader, date(2026, 3, 16), date(2026, 9, 30))
    kinds = {item.reminder.kind for item in due if item.reminder.subject == "participant:P7"}
    assert ReminderKind.FINAL_REPORT not in kinds
    assert ReminderKind.EVALUATION in kinds  # the other dates stay


async def test_an_intake_for_a_registered_participant_changes_their_decision(
    world: World,
) -> None:
    await intakes.record_intake(
        form(participant_code="P2", new_person=None, contact_code="S2", nav_took_part=False),
        actor="staff:S2",
        now=NOW,
    )
    ola = await Participant.get(code="P2")
    assert ola.name == "Ola Hansen"  # kept
    assert ola.contact_id == world.leader.id
    assert ola.programme == Programme.WORK_TRAINING
    assert (ola.list_start, ola.next_evaluation, ola.nav_followed) == (
        date(2026, 3, 30),
        date(2026, 5, 11),
        True,
    )
    assert ola.eligibility["referred_by_nav"] is True
    assert (await Intake.get(participant_id=ola.id)).nav_took_part is False
    assert await Participant.all().count() == 2


@pytest.mark.parametrize(
    ("changed", "message"),
    [
        (
            {"conversation_on": date(2026, 3, 1)},
            "Inntakssamtalen (2026-03-01) kan ikke være før henvisningen fra NAV (2026-03-02)",
        ),
        ({"contact_code": "S9"}, "Ingen ansatt ved enheten har id-en S9"),
        ({"programme": Programme.AOK}, "Avtalen gjelder arbeidstrening eller aktivitetsplass"),
        ({"counsellor": "  "}, "Fyll ut «NAV-veileder»"),
        ({"participant_code": "P1"}, "Det finnes allerede en deltaker med id-en P1"),
        ({"participant_code": "P9", "new_person": None}, "Ingen deltaker har id-en P9"),
        (
            {"start_time": time(15), "end_time": time(9)},
            "Sluttid må komme etter starttid: 15:00-09:00",
        ),
    ],
)
async def test_a_refused_intake_writes_nothing(
    world: World, changed: dict[str, object], message: str
) -> None:
    events = await AuditEvent.all().count()
    with pytest.raises(RuleError) as caught:
        await intakes.record_intake(form(**changed), actor="staff:S2", now=NOW)
    assert caught.value.render(gettext_for("nb")) == message
    assert await Intake.all().count() == 0
    assert await Participant.all().count() == 2
    assert await AuditEvent.all().count() == events
