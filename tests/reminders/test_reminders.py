"""The reminder pass on a real database: the issue's cases, recipients, the outbox, queries."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from backend import reminders
from backend.models import (
    AttendanceDay,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    OutboxMessage,
    OutboxStatus,
    Programme,
    StaffRole,
)
from backend.outbox import queue as outbox
from backend.people import registry as people
from backend.reminders.deadlines import Audience, ReminderKind
from backend.reminders.querycount import count_queries
from tests.support.reminder_world import (
    KOORD,
    LISE,
    PER,
    add_person,
    at,
    build_reminder_world,
    link_staff,
)

D = date.fromisoformat


def kinds(result: reminders.PassResult) -> set[tuple[str, str, str]]:
    """(kind, subject, recipient name) of every delivery."""
    return {(d.reminder.kind, d.reminder.subject, d.recipient.name) for d in result.deliveries}


async def preview(day: str, email: bool = False) -> reminders.PassResult:
    return await reminders.preview(D(day), at(day), email=email)


# -- the cases --------------------------------------------------------------------


async def test_born_15_june_1959_is_flagged_6_and_1_months_before_67(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    await add_person("P67", D("1959-06-15"))
    wanted = {
        ("age_67", "participant:P67", "Kari Koord"),
        ("age_67", "participant:P67", "Lise Kontakt"),
    }
    # 15 Dec 2025 (Monday) and 15 May 2026 (Friday) are open days: due on the day.
    for day in ("2025-12-15", "2026-05-15"):
        found = {k for k in kinds(await preview(day)) if k[0] == "age_67"}
        assert found == wanted, day
    for day in ("2025-12-12", "2025-12-16", "2026-05-14", "2026-06-15"):
        assert not {k for k in kinds(await preview(day)) if k[0] == "age_67"}, day
    steps = [d.params["step"] for d in (await preview("2026-05-15")).deliveries]
    assert set(steps) == {"1m"}


async def test_pupil_born_10_march_2009_triggers_nav_involvement_on_10_september_2026(
    db: str,
) -> None:
    await build_reminder_world()
    await link_staff()
    # A 17-year-old pupil cannot be in AoK (from 18); an activity place has no age limit.
    await add_person(
        "E1", D("2009-03-10"), programme=Programme.ACTIVITY_PLACE, facts={}, pupil=True
    )
    found = [d for d in (await preview("2026-09-10")).deliveries if d.reminder.kind == "age_18"]
    assert [(d.recipient.name, d.reminder.event_date) for d in found] == [
        ("Kari Koord", D("2027-03-10"))
    ]
    assert not [d for d in (await preview("2026-09-09")).deliveries if d.reminder.kind == "age_18"]


async def test_kvp_approved_2_february_not_started_by_2_june_gets_its_4_month_reminder(
    db: str,
) -> None:
    await build_reminder_world()
    await link_staff()
    kvp_facts = {
        "work_ability_assessment": True,
        "needs_close_follow_up": True,
        "adapted_programme_available": True,
        "no_other_benefit_rights": True,
    }
    await add_person(
        "K1",
        D("1990-01-01"),
        programme=Programme.KVP,
        facts=kvp_facts,
        kvp_approved_on=D("2026-02-02"),
    )
    found = [d for d in (await preview("2026-06-02")).deliveries if d.reminder.kind == "kvp_start"]
    assert [(d.recipient.name, d.params["step"], d.reminder.event_date) for d in found] == [
        ("Lise Kontakt", "4m", D("2026-08-02"))
    ]
    # Started before the reminder day: nothing to remind.
    await people.update_decision(
        "K1",
        people.DecisionChange(kvp_started_on=D("2026-05-20")),
        actor="test",
        today=D("2026-05-20"),
    )
    assert not [
        d for d in (await preview("2026-06-02")).deliveries if d.reminder.kind == "kvp_start"
    ]


async def test_september_status_meeting_call_is_due_three_weeks_before_1_september(
    db: str,
) -> None:
    await build_reminder_world()
    await link_staff()
    # 1 September 2026 minus three weeks: Tuesday 11 August.
    found = [
        d
        for d in (await preview("2026-08-11")).deliveries
        if d.reminder.kind == "status_meeting_call"
    ]
    assert [(d.recipient.name, d.reminder.event_date) for d in found] == [
        ("Kari Koord", D("2026-09-01"))
    ]
    assert not [
        d
        for d in (await preview("2026-08-10")).deliveries
        if d.reminder.kind == "status_meeting_call"
    ]


# -- recipients ---------------------------------------------------------------------------


async def test_capacity_report_goes_to_the_leader_and_to_nav_by_email(db: str) -> None:
    await build_reminder_world(places=12, nav_email="nav.larvik@example.no")
    await link_staff()
    result = await preview("2026-09-01", email=True)
    found = [d for d in result.deliveries if d.reminder.kind == "capacity_report"]
    assert {(d.recipient.name, d.recipient.chat_id, d.recipient.email) for d in found} == {
        ("Per Leder", PER, None),
        ("Nina NAV", None, "nav.larvik@example.no"),
    }
    for d in found:
        assert (d.params["places"], d.params["active"], d.params["free"]) == (12, 2, 10)
    # Without e-mail configured, NAV is not written to.
    plain = await preview("2026-09-01", email=False)
    assert [d.recipient.name for d in plain.deliveries if d.reminder.kind == "capacity_report"] == [
        "Per Leder"
    ]


async def test_coordinator_reminders_go_to_the_leader_when_the_unit_has_no_coordinator(
    db: str,
) -> None:
    await build_reminder_world()
    await link_staff()
    coordinator = await people.staff_by_code("S3")
    coordinator.active = False
    await coordinator.save()
    found = [
        d.recipient.name
        for d in (await preview("2026-08-11")).deliveries
        if d.reminder.kind == "status_meeting_call"
    ]
    assert found == ["Per Leder"]


async def test_recipient_language_comes_from_the_link(db: str) -> None:
    await build_reminder_world()
    await link_staff(["S3"], language="en")
    await link_staff(["S1", "S2"])
    result = await preview("2026-08-11")
    languages = {d.recipient.chat_id: d.recipient.language for d in result.deliveries}
    assert languages[KOORD] == "en"


async def test_staff_without_a_link_or_address_is_reported_to_the_leader_once(db: str) -> None:
    await build_reminder_world()
    await link_staff(["S2", "S3"])  # Lise (contact) never linked
    await add_person("P67", D("1959-06-15"))
    now = at("2026-05-15")
    await reminders.run_daily_pass(now)
    reports = await OutboxMessage.filter(template=reminders.UNDELIVERABLE).all()
    assert [(r.chat_id, r.params["recipient"], r.params["reason"]) for r in reports] == [
        (PER, "Lise Kontakt", "no_link")
    ]
    assert reports[0].params["kind"] == "age_67"
    await reminders.run_daily_pass(now)  # again: nothing new
    assert await OutboxMessage.filter(template=reminders.UNDELIVERABLE).count() == 1


async def test_staff_without_a_link_gets_email_when_email_is_on(db: str) -> None:
    await build_reminder_world()
    await link_staff(["S2"])
    await people.add_staff(
        "AOK", "S4", "Eva Epost", StaffRole.COORDINATOR, actor="test", email="eva@example.no"
    )
    koord = await people.staff_by_code("S3")
    koord.active = False
    await koord.save()
    found = [
        (d.recipient.name, d.recipient.email)
        for d in (await preview("2026-08-11", email=True)).deliveries
        if d.reminder.kind == "status_meeting_call"
    ]
    assert found == [("Eva Epost", "eva@example.no")]


# -- the outbox ---------------------------------------------------------------------------


async def test_a_pass_writes_each_reminder_once_with_a_unique_key(db: str) -> None:
    await build_reminder_world(places=10)
    await link_staff()
    now = at("2026-09-01")
    first = await reminders.run_daily_pass(now)
    assert first.deliveries
    rows = await OutboxMessage.all()
    assert len(rows) == len(first.deliveries)
    assert {r.key for r in rows} == {d.key for d in first.deliveries}
    assert all(r.status == OutboxStatus.PENDING and r.window == "staff:AOK" for r in rows)
    # Due at the start of the working day, in UTC.
    assert {r.due_at for r in rows} == {at("2026-09-01", 8)}
    await reminders.run_daily_pass(now)
    await reminders.run_daily_pass(now + timedelta(hours=3))
    assert await OutboxMessage.all().count() == len(rows)
    assert await reminders.last_run() == D("2026-09-01")


async def test_a_crash_after_the_claim_sends_once_when_the_process_is_back(db: str) -> None:
    await build_reminder_world(places=10)
    await link_staff(["S2"])
    now = at("2026-09-01", 9)
    await reminders.run_daily_pass(now)
    windows = await reminders.open_windows(now)
    claimed = await outbox.claim_due(now, channel="telegram", windows=windows)
    assert [m.params["kind"] for m in claimed] == ["capacity_report"]
    # ... the process dies here: claimed, never sent. Another process finds it only
    # after the claim timeout, then sends and marks it once.
    soon = now + outbox.CLAIM_TIMEOUT - timedelta(seconds=1)
    assert await outbox.claim_due(soon, channel="telegram") == []
    later = now + outbox.CLAIM_TIMEOUT + timedelta(seconds=1)
    again = await outbox.claim_due(later, channel="telegram", windows=windows)
    assert [m.id for m in again] == [claimed[0].id]
    await outbox.mark_sent(again[0], later)
    assert await outbox.claim_due(later + outbox.CLAIM_TIMEOUT * 2, channel="telegram") == []


async def test_stale_day_before_reminders_are_not_caught_up_after_the_meeting(db: str) -> None:
    world = await build_reminder_world()
    await link_staff()
    await Meeting.create(unit=world.unit, kind=MeetingKind.STATUS, day=D("2026-09-15"))
    # The pass on 14 September was missed; caught up on the 16th, after the meeting.
    late = await reminders.plan_pass(at("2026-09-16"), first_day=D("2026-09-14"))
    assert not [d for d in late.deliveries if d.reminder.kind == "status_meeting_day_before"]
    on_time = await preview("2026-09-14")
    found = [d for d in on_time.deliveries if d.reminder.kind == "status_meeting_day_before"]
    # Everyone in the unit is told: the three staff members.
    assert sorted(d.recipient.name for d in found) == ["Kari Koord", "Lise Kontakt", "Per Leder"]


async def test_missed_days_are_caught_up_in_one_pass(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    await add_person("P67", D("1959-06-15"))
    # Down from Thursday 14 to Monday 18 May: Friday's reminder comes with Monday's pass.
    result = await reminders.run_daily_pass(at("2026-05-18"), first_day=D("2026-05-15"))
    assert result.days[0] == D("2026-05-15")
    assert {d.reminder.kind for d in result.deliveries} >= {ReminderKind.AGE_67}
    rows = await OutboxMessage.filter(template="reminder_age_67").all()
    assert {r.due_at for r in rows} == {at("2026-05-15", 8)}


# -- weekly checks ------------------------------------------------------------------------


async def test_low_use_is_told_to_the_contact_person_on_the_check_day(db: str) -> None:
    world = await build_reminder_world()
    await link_staff()
    check = D("2026-09-07")  # a Monday
    start = check - timedelta(weeks=4)
    days = [
        start + timedelta(days=n) for n in range(28) if (start + timedelta(days=n)).weekday() < 5
    ]
    for n, day in enumerate(days):
        # Kari: present 4 of 20 recorded days. Ola: always present.
        kari = AttendanceStatus.PRESENT if n % 5 == 0 else AttendanceStatus.ABSENT_NOTIFIED
        for participant, status in ((world.kari, kari), (world.ola, AttendanceStatus.PRESENT)):
            await AttendanceDay.create(
                participant=participant,
                day=day,
                status=status,
                confirmed_by_name="Lise",
                confirmed_at=datetime.combine(day, datetime.min.time()).replace(
                    tzinfo=at("2026-09-07").tzinfo
                ),
            )
    found = [d for d in (await preview("2026-09-07")).deliveries if d.reminder.kind == "low_use"]
    assert [(d.params["participant"], d.recipient.chat_id) for d in found] == [
        ("Kari Nordmann", LISE)
    ]
    assert (found[0].params["attended_days"], found[0].params["planned_days"]) == ("4", "20")
    # Not a check day: nothing.
    assert not [d for d in (await preview("2026-09-08")).deliveries if d.reminder.kind == "low_use"]


async def test_open_eligibility_criteria_are_reminded_weekly_until_recorded(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    await add_person("P9", D("1980-01-01"), facts={"wants_service": True})
    found = [
        d for d in (await preview("2026-09-07")).deliveries if d.reminder.kind == "eligibility_open"
    ]
    assert [(d.reminder.audience, d.recipient.name) for d in found] == [
        (Audience.COORDINATOR, "Kari Koord")
    ]
    assert "wants_service" not in found[0].params["criteria"].split(",")
    assert "full_disability_benefit" in found[0].params["criteria"].split(",")


# -- queries ------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["2026-09-07", "2026-09-01"])  # a check day, and not
async def test_a_pass_does_not_query_per_participant(db: str, day: str) -> None:
    await build_reminder_world(places=40, nav_email="nav@example.no")
    await link_staff()

    async def count() -> int:
        with count_queries() as counter:
            await reminders.run_daily_pass(at(day), email=True)
        return counter.count

    for n in range(3):
        await add_person(f"A{n}", D("1980-01-01"), list_start=D("2026-08-18"), nav_followed=True)
    await OutboxMessage.all().delete()
    few = await count()
    for n in range(3, 30):
        await add_person(f"A{n}", D("1980-01-01"), list_start=D("2026-08-18"), nav_followed=True)
    await OutboxMessage.all().delete()
    many = await count()
    assert few == many
    assert many <= 12
