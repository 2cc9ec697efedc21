"""KVP applications' reminders through the daily pass (seed 003): a decision awaited three
weeks, the programme's start deadline day, the decision period's renewal; to the
counsellor who follows the application, else the unit's leaders."""

from __future__ import annotations

from datetime import date, time

from backend import reminders
from backend.kvp import applications as kvp
from backend.models import Programme
from backend.outbox.catalog import render
from tests.support.reminder_world import add_person, at, build_reminder_world, link_staff

D = date.fromisoformat


async def preview(day: str) -> reminders.PassResult:
    return await reminders.preview(D(day), at(day))


def about(result: reminders.PassResult, kind: str) -> list[tuple[str, str, str, str]]:
    """(subject, recipient, step, event date) of each delivery of the kind."""
    return [
        (d.reminder.subject, d.recipient.name, d.params.get("step", ""), d.params["event_date"])
        for d in result.deliveries
        if d.reminder.kind == kind
    ]


async def applied(counsellor: str | None, received: str = "2026-03-02") -> int:
    application = await kvp.add_application(
        kvp.NewApplication("AOK", "Nora Berg", D("1995-05-06"), D(received), counsellor),
        actor="test",
        today=D(received),
    )
    return application.id


async def test_three_weeks_without_a_decision_reminds_the_counsellor(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    number = await applied("S1")
    # Received Monday 2 March 2026: three weeks on is Monday 23 March.
    assert about(await preview("2026-03-20"), "kvp_decision_due") == []
    found = await preview("2026-03-23")
    assert about(found, "kvp_decision_due") == [(f"kvp:{number}", "Lise Kontakt", "", "2026-03-23")]
    delivery = next(d for d in found.deliveries if d.reminder.kind == "kvp_decision_due")
    assert render(delivery.template, delivery.params, "nb") == (
        "KVP-søknaden fra Nora Berg har ventet på vedtak i tre uker, siden 2. mars 2026. "
        "Saksbehandlingstiden er 2–3 uker."
    )


async def test_the_wait_counts_from_the_aev_once_it_is_recorded(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    number = await applied("S1")
    await kvp.record_aev(number, D("2026-03-09"), actor="test", today=D("2026-03-09"))
    assert about(await preview("2026-03-23"), "kvp_decision_due") == []
    assert about(await preview("2026-03-30"), "kvp_decision_due") == [
        (f"kvp:{number}", "Lise Kontakt", "", "2026-03-30")
    ]
    await kvp.record_decision(
        number, D("2026-03-27"), approved=True, actor="test", today=D("2026-03-27")
    )
    assert about(await preview("2026-03-30"), "kvp_decision_due") == []


async def test_without_a_counsellor_the_leaders_are_reminded(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    number = await applied(None)
    assert about(await preview("2026-03-23"), "kvp_decision_due") == [
        (f"kvp:{number}", "Per Leder", "", "2026-03-23")
    ]


async def test_an_approved_application_not_started_is_reminded_on_its_deadline_day(
    db: str,
) -> None:
    await build_reminder_world()
    await link_staff()
    number = await applied("S1", "2026-01-12")
    await kvp.record_aev(number, D("2026-01-20"), actor="test", today=D("2026-01-20"))
    await kvp.record_decision(
        number, D("2026-02-02"), approved=True, actor="test", today=D("2026-02-02")
    )
    # Six months after 2 February is Sunday 2 August: the last working day before it.
    found = await preview("2026-07-31")
    assert about(found, "kvp_start") == [
        (f"kvp:{number}", "Lise Kontakt", "deadline", "2026-08-02")
    ]
    delivery = next(d for d in found.deliveries if d.reminder.kind == "kvp_start")
    assert render(delivery.template, delivery.params, "nb") == (
        "I dag er siste frist: kvalifiseringsprogrammet for Nora Berg må starte senest "
        "2. august 2026, seks måneder etter vedtaket 2. februar 2026."
    )
    assert about(await preview("2026-06-02"), "kvp_start") == [
        (f"kvp:{number}", "Lise Kontakt", "4m", "2026-08-02")
    ]


async def test_a_participant_approved_for_kvp_is_reminded_on_the_deadline_day_too(
    db: str,
) -> None:
    await build_reminder_world()
    await link_staff()
    await add_person(
        "K1",
        D("1990-01-01"),
        programme=Programme.KVP,
        facts={"work_ability_assessment": True},
        kvp_approved_on=D("2026-03-16"),
    )
    assert about(await preview("2026-09-16"), "kvp_start") == [
        ("participant:K1", "Lise Kontakt", "deadline", "2026-09-16")
    ]


async def test_the_renewal_is_reminded_a_month_before_the_period_ends(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    number = await applied("S1")
    await kvp.record_aev(number, D("2026-03-09"), actor="test", today=D("2026-03-09"))
    await kvp.record_decision(
        number, D("2026-03-20"), approved=True, actor="test", today=D("2026-03-20")
    )
    await kvp.add_period(
        number, D("2026-04-01"), D("2027-03-31"), actor="test", today=D("2026-03-20")
    )
    await kvp.start_programme(
        number,
        kvp.StartProgramme(D("2026-04-06"), frozenset({1, 2, 3, 4, 5}), time(9), time(15), "S2"),
        actor="test",
        today=D("2026-04-06"),
    )
    # 28 February 2027 is a Sunday: Friday 26 February. To the counsellor, once: the
    # participant made from the application has no "decision ending" of its own.
    found = await preview("2027-02-26")
    assert about(found, "kvp_renewal") == [(f"kvp:{number}", "Lise Kontakt", "", "2027-03-31")]
    assert about(found, "decision_ending") == []
    delivery = next(d for d in found.deliveries if d.reminder.kind == "kvp_renewal")
    assert render(delivery.template, delivery.params, "nb") == (
        "KVP-vedtaket for Nora Berg slutter 31. mars 2027. Vurder et nytt vedtak: KVP "
        "innvilges for høyst ett år om gangen."
    )


async def test_a_refused_application_is_reminded_of_nothing(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    number = await applied("S1")
    await kvp.record_aev(number, D("2026-03-09"), actor="test", today=D("2026-03-09"))
    await kvp.record_decision(
        number, D("2026-03-10"), approved=False, reason="Har rett til AAP", actor="test",
        today=D("2026-03-10"),
    )  # fmt: skip
    for day in ("2026-03-30", "2026-07-10", "2026-09-10"):
        assert [
            d for d in (await preview(day)).deliveries if d.reminder.subject.startswith("kvp:")
        ] == []
