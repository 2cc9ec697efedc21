"""Recording eligibility criteria: what changed, the audit, the weekly reminder, the notice."""

from __future__ import annotations

from datetime import date

import pytest

from backend import reminders
from backend.models import AuditEvent, OutboxMessage, Participant, Staff
from backend.outbox.catalog import render
from backend.people.criteria import record_criteria, states_of
from backend.shared.errors import RuleError
from backend.shared.i18n import gettext_for
from tests.support.reminder_world import (
    FULL_AOK_FACTS,
    KOORD,
    add_person,
    at,
    build_reminder_world,
    link_staff,
)

NOW = at("2026-04-07", 10)


def change_rows(recorded) -> list[tuple[str, bool | None, bool | None]]:  # type: ignore[no-untyped-def]
    return [(c.criterion, c.old, c.new) for c in recorded.changes]


async def audited(code: str) -> list[dict[str, object]]:
    events = await AuditEvent.filter(action="eligibility.record", subject=f"participant:{code}")
    return [e.detail for e in sorted(events, key=lambda e: e.id)]


async def test_only_changed_criteria_are_recorded_and_each_is_audited_old_to_new(db: str) -> None:
    await build_reminder_world()
    await add_person("P9", date(1980, 1, 1), facts={"wants_service": True})
    before = len(await audited("P9"))
    recorded = await record_criteria(
        "P9",
        {"wants_service": True, "lives_in_municipality": True, "can_work_in_group": False},
        actor="staff:S2",
        now=NOW,
    )
    assert change_rows(recorded) == [
        ("lives_in_municipality", None, True),
        ("can_work_in_group", None, False),
    ]
    assert (await audited("P9"))[before:] == [
        {"criterion": "lives_in_municipality", "old": "not_assessed", "new": "met"},
        {"criterion": "can_work_in_group", "old": "not_assessed", "new": "not_met"},
    ]
    stored = await Participant.get(code="P9")
    assert stored.eligibility == {
        "wants_service": True,
        "lives_in_municipality": True,
        "can_work_in_group": False,
    }
    assert recorded.result.refusal_codes == ("can_work_in_group",)

    # Back to not assessed: the fact is forgotten, and that is a change too.
    back = await record_criteria("P9", {"can_work_in_group": None}, actor="staff:S2", now=NOW)
    assert change_rows(back) == [("can_work_in_group", False, None)]
    assert "can_work_in_group" not in (await Participant.get(code="P9")).eligibility
    assert (await audited("P9"))[-1] == {
        "criterion": "can_work_in_group",
        "old": "not_met",
        "new": "not_assessed",
    }


async def test_states_follow_the_programme_in_the_documents_order(db: str) -> None:
    await build_reminder_world()
    person = await add_person("P9", date(1980, 1, 1), facts={"wants_service": True})
    assert [(s.criterion, s.value) for s in states_of(person)] == [
        ("lives_in_municipality", None),
        ("wants_service", True),
        ("needs_day_adaptation", None),
        ("multidisciplinary_assessment", None),
        ("can_work_in_group", None),
        ("no_heavy_shielding_need", None),
        ("full_disability_benefit", None),
    ]


@pytest.mark.parametrize(
    ("code", "wanted", "message"),
    [
        (
            "P1",
            {"wants_service": False, "likes_coffee": True},
            "Ukjent kriterium: likes_coffee. Kriteriene er: lives_in_municipality, wants_service,"
            " needs_day_adaptation, multidisciplinary_assessment, can_work_in_group,"
            " no_heavy_shielding_need, full_disability_benefit",
        ),
        ("P1", {"wants_service": "ja"}, "Kriteriet wants_service må være ja eller nei"),
        ("NOPE", {"wants_service": True}, "Ingen deltaker har id-en NOPE"),
    ],
)
async def test_a_bad_key_or_value_changes_nothing(
    db: str, code: str, wanted: dict[str, object], message: str
) -> None:
    await build_reminder_world()
    with pytest.raises(RuleError) as caught:
        await record_criteria(code, wanted, actor="test", now=NOW)  # type: ignore[arg-type]
    assert caught.value.render(gettext_for("nb")) == message
    assert (await Participant.get(code="P1")).eligibility == FULL_AOK_FACTS
    assert not await AuditEvent.filter(action="eligibility.record", subject="participant:P1")


async def test_the_weekly_reminder_stops_once_every_criterion_is_recorded(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    await add_person("P9", date(1980, 1, 1), facts={"wants_service": True})

    async def open_reminders() -> list[str]:
        result = await reminders.preview(date(2026, 9, 7), at("2026-09-07"), email=False)
        return [
            d.params["criteria"] for d in result.deliveries if d.reminder.kind == "eligibility_open"
        ]

    assert await open_reminders() == [
        "can_work_in_group,full_disability_benefit,lives_in_municipality,"
        "multidisciplinary_assessment,needs_day_adaptation,no_heavy_shielding_need"
    ]
    await record_criteria(
        "P9",
        {"lives_in_municipality": True, "needs_day_adaptation": True, "can_work_in_group": True},
        actor="cli",
        now=NOW,
    )
    assert await open_reminders() == [
        "full_disability_benefit,multidisciplinary_assessment,no_heavy_shielding_need"
    ]
    # The last ones; one of them not met is recorded all the same, so nothing is open.
    await record_criteria(
        "P9",
        {
            "multidisciplinary_assessment": True,
            "no_heavy_shielding_need": False,
            "full_disability_benefit": True,
        },
        actor="cli",
        now=NOW,
    )
    assert await open_reminders() == []


async def notices() -> list[OutboxMessage]:
    return await OutboxMessage.filter(template="criterion_not_met").order_by("id")


async def test_not_met_after_intake_tells_the_coordinator_once(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    await Participant.filter(code="P1").update(decision_start=date(2026, 1, 5))
    recorded = await record_criteria(
        "P1", {"can_work_in_group": False, "wants_service": True}, actor="staff:S2", now=NOW
    )
    assert recorded.told == ("Kari Koord",) and recorded.not_told == ()
    [notice] = await notices()
    assert (notice.chat_id, notice.window, notice.due_at) == (KOORD, None, NOW)
    assert render(notice.template, notice.params, "nb") == (
        "Registrert som ikke oppfylt for Kari Nordmann (P1): kan jobbe i gruppe. Vurder vedtaket."
    )
    # Recorded again as not met: nothing changed, nobody is told again.
    again = await record_criteria("P1", {"can_work_in_group": False}, actor="cli", now=NOW)
    assert again.changes == () and again.told == ()
    assert len(await notices()) == 1
    # Met again: no notice either.
    await record_criteria("P1", {"can_work_in_group": True}, actor="cli", now=NOW)
    assert len(await notices()) == 1


@pytest.mark.parametrize("start", [None, date(2026, 4, 8)])
async def test_not_met_before_intake_is_done_tells_nobody(db: str, start: date | None) -> None:
    await build_reminder_world()
    await link_staff()
    await Participant.filter(code="P1").update(decision_start=start)
    recorded = await record_criteria("P1", {"can_work_in_group": False}, actor="staff:S2", now=NOW)
    assert recorded.told == () and await notices() == []


async def test_a_coordinator_without_a_chat_gets_email_else_is_named_as_not_told(
    db: str,
) -> None:
    await build_reminder_world()
    await Participant.filter(code__in=["P1", "P2"]).update(decision_start=date(2026, 1, 5))
    await Staff.filter(code="S3").update(email="koord@example.no")
    recorded = await record_criteria("P1", {"wants_service": False}, actor="cli", now=NOW)
    assert recorded.told == ("Kari Koord",)
    [mail] = await notices()
    assert (mail.chat_id, mail.email) == (None, "koord@example.no")

    await Staff.filter(code="S3").update(email=None)
    unreached = await record_criteria("P2", {"wants_service": False}, actor="cli", now=NOW)
    assert (unreached.told, unreached.not_told) == ((), ("Kari Koord",))
    assert len(await notices()) == 1


async def test_the_coordinator_who_records_it_is_not_told_of_it(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    await Participant.filter(code="P1").update(decision_start=date(2026, 1, 5))
    recorded = await record_criteria("P1", {"wants_service": False}, actor="staff:S3", now=NOW)
    assert recorded.told == () and recorded.not_told == () and await notices() == []
