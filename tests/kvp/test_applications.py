"""KVP applications on a real database: each step recorded and audited, the programme's
start registering the participant without typing again, steps refused with nothing changed."""

from __future__ import annotations

from datetime import date, time

import pytest

from backend.kvp import applications as kvp
from backend.kvp.rules import KvpStep
from backend.models import AuditEvent, KvpApplication, Participant, Programme, Staff
from backend.shared.errors import RuleError
from tests.support.world import build_world

D = date.fromisoformat
TODAY = D("2026-04-07")
FULL_TIME = frozenset({1, 2, 3, 4, 5})


async def applied(name: str = "Nora Berg", counsellor: str | None = "S1") -> KvpApplication:
    return await kvp.add_application(
        kvp.NewApplication("AOK", name, D("1995-05-06"), D("2026-03-02"), counsellor),
        actor="test",
        today=TODAY,
    )


async def approved_with_period() -> KvpApplication:
    application = await applied()
    await kvp.record_aev(application.id, D("2026-03-10"), actor="test", today=TODAY)
    await kvp.record_decision(
        application.id, D("2026-03-20"), approved=True, actor="test", today=TODAY
    )
    await kvp.add_period(
        application.id, D("2026-04-01"), D("2027-03-31"), actor="test", today=TODAY
    )
    return application


def start_on(day: str, weekdays: frozenset[int] = FULL_TIME) -> kvp.StartProgramme:
    return kvp.StartProgramme(D(day), weekdays, time(8, 30), time(15), "S2")


async def test_from_received_to_started_nothing_is_typed_again(db: str) -> None:
    await build_world()
    application = await approved_with_period()
    participant = await kvp.start_programme(
        application.id, start_on("2026-04-06"), actor="staff:S2", today=TODAY
    )
    found = await Participant.get(code=f"KVP-{application.id}").prefetch_related("unit", "contact")
    assert found.id == participant.id
    assert (found.name, found.birth_date, found.unit.code, found.programme) == (
        "Nora Berg", D("1995-05-06"), "AOK", Programme.KVP,
    )  # fmt: skip
    assert (found.kvp_approved_on, found.kvp_started_on) == (D("2026-03-20"), D("2026-04-06"))
    assert (found.decision_start, found.decision_end) == (D("2026-04-06"), D("2027-03-31"))
    assert (found.weekdays, found.day_start, found.day_end, found.contact.code) == (
        "1,2,3,4,5", "08:30", "15:00", "S2",
    )  # fmt: skip
    assert found.eligibility == {"work_ability_assessment": True}
    stored = await KvpApplication.get(id=application.id)
    assert (stored.started_on, stored.participant_id) == (D("2026-04-06"), participant.id)
    assert (stored.approved, stored.approved_on) == (True, D("2026-03-20"))
    assert (await kvp.view_of(stored, TODAY)).step == KvpStep.STARTED
    events = await AuditEvent.filter(subject=f"kvp:{application.id}").order_by("id")
    assert [e.action for e in events] == [
        "kvp.create", "kvp.aev", "kvp.decision", "kvp.period", "kvp.start",
    ]  # fmt: skip
    assert events[-1].detail == {"day": "2026-04-06", "participant": f"KVP-{application.id}"}
    assert await AuditEvent.filter(
        subject=f"participant:KVP-{application.id}", action="participant.create"
    ).exists()


async def test_a_renewal_after_the_start_moves_the_participants_decision_end(db: str) -> None:
    await build_world()
    application = await approved_with_period()
    await kvp.start_programme(application.id, start_on("2026-04-06"), actor="test", today=TODAY)
    await kvp.add_period(
        application.id, D("2027-04-01"), D("2028-03-31"), actor="test", today=TODAY
    )
    found = await Participant.get(code=f"KVP-{application.id}")
    assert found.decision_end == D("2028-03-31")


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        (["decision"], "Arbeidsevnevurderingen må være gjort før vedtaket"),
        (["aev", "aev"], "Arbeidsevnevurderingen er registrert allerede"),
        (["aev", "start"], "Programmet kan starte først når søknaden er innvilget"),
        (["aev", "refuse", "start"], "Søknaden er avslått, og programmet kan ikke starte"),
        (["aev", "decision", "long period"],
         "KVP innvilges for høyst ett år om gangen: en periode fra 2026-04-01 kan vare til "
         "2027-03-31"),
        (["aev", "decision", "start"], "Legg inn vedtaksperioden før programmet starter"),
        (["aev", "refuse without reason"], "Skriv grunnen til avslaget"),
    ],
)  # fmt: skip
async def test_a_step_out_of_order_is_refused_and_changes_nothing(
    db: str, steps: list[str], message: str
) -> None:
    await build_world()
    application = await applied()
    actions = {
        "aev": lambda: kvp.record_aev(application.id, D("2026-03-10"), actor="t", today=TODAY),
        "decision": lambda: kvp.record_decision(
            application.id, D("2026-03-20"), approved=True, actor="t", today=TODAY
        ),
        "refuse": lambda: kvp.record_decision(
            application.id, D("2026-03-20"), approved=False, reason="AAP", actor="t", today=TODAY
        ),
        "refuse without reason": lambda: kvp.record_decision(
            application.id, D("2026-03-20"), approved=False, actor="t", today=TODAY
        ),
        "long period": lambda: kvp.add_period(
            application.id, D("2026-04-01"), D("2027-04-01"), actor="t", today=TODAY
        ),
        "start": lambda: kvp.start_programme(
            application.id, start_on("2026-04-06"), actor="t", today=TODAY
        ),
    }
    for step in steps[:-1]:
        await actions[step]()
    before = await AuditEvent.all().count()
    stored = await KvpApplication.get(id=application.id)
    with pytest.raises(RuleError) as refused:
        await actions[steps[-1]]()
    assert str(refused.value) == message
    assert await AuditEvent.all().count() == before
    after = await KvpApplication.get(id=application.id)
    assert (after.aev_on, after.decided_on, after.approved, after.started_on) == (
        stored.aev_on, stored.decided_on, stored.approved, stored.started_on,
    )  # fmt: skip
    assert not await Participant.filter(programme=Programme.KVP).exists()


async def test_a_start_the_participant_rules_refuse_leaves_the_application_approved(
    db: str,
) -> None:
    from backend.models import StaffRole
    from backend.people import registry as people

    await build_world()
    await people.add_staff("AOK", "S3", "Kim Koordinator", StaffRole.COORDINATOR, actor="test")
    application = await approved_with_period()
    with pytest.raises(RuleError) as refused:
        await kvp.start_programme(
            application.id, start_on("2026-04-06", frozenset({1, 2, 3})), actor="t", today=TODAY
        )
    assert str(refused.value) == (
        "Oppfyller ikke kriteriene: KVP er på fulltid, 5 dager i uken, vedtaket gir 3. "
        "En koordinator kan overstyre med et skriftlig notat."
    )
    stored = await KvpApplication.get(id=application.id)
    assert (stored.started_on, stored.participant_id) == (None, None)
    assert not await Participant.filter(programme=Programme.KVP).exists()
    assert not await AuditEvent.filter(action="kvp.start").exists()
    # A coordinator of the unit overrides it with a written note, as at registration.
    started = await kvp.start_programme(
        application.id,
        kvp.StartProgramme(
            D("2026-04-06"), frozenset({1, 2, 3}), time(9), time(15), "S1",
            override_note="Tre dager i starten, så fulltid", override_by="S3",
        ),
        actor="staff:S3",
        today=TODAY,
    )  # fmt: skip
    assert started.eligibility_override == "Tre dager i starten, så fulltid"


async def test_the_start_deadline_is_six_months_after_the_approval(db: str) -> None:
    await build_world()
    application = await kvp.add_application(
        kvp.NewApplication("AOK", "Nora Berg", D("1995-05-06"), D("2025-11-20"), "S1"),
        actor="test",
        today=TODAY,
    )
    await kvp.record_aev(application.id, D("2025-12-01"), actor="t", today=TODAY)
    await kvp.record_decision(
        application.id, D("2026-01-10"), approved=True, actor="t", today=TODAY
    )
    await kvp.add_period(application.id, D("2026-03-01"), D("2027-02-28"), actor="t", today=TODAY)
    later = D("2026-07-11")
    with pytest.raises(RuleError) as refused:
        await kvp.start_programme(
            application.id, kvp.StartProgramme(later, FULL_TIME, time(9), time(15), "S1"),
            actor="t", today=later,
        )  # fmt: skip
    assert str(refused.value) == (
        "Programmet må starte senest 2026-07-10, seks måneder etter vedtaket 2026-01-10"
    )


async def test_a_contact_person_sees_only_the_applications_they_follow(db: str) -> None:
    world = await build_world()
    mine = await applied("Nora Berg", "S1")
    await applied("Per Annen", None)
    leader = await Staff.get(code="S2")
    seen = [v.application.name for v in await kvp.applications_for(world.contact, TODAY)]
    assert seen == ["Nora Berg"]
    assert await kvp.application_for(world.contact, mine.id) is not None
    others = await KvpApplication.get(name="Per Annen")
    assert await kvp.application_for(world.contact, others.id) is None
    assert sorted(v.application.name for v in await kvp.applications_for(leader, TODAY)) == [
        "Nora Berg", "Per Annen",
    ]  # fmt: skip


async def test_a_counsellor_from_another_unit_is_refused(db: str) -> None:
    from backend.models import StaffRole
    from backend.people import registry as people

    await build_world()
    await people.add_unit("VTA", "Verkstedet", actor="test")
    await people.add_staff("VTA", "V1", "Vera Annen", StaffRole.CONTACT, actor="test")
    with pytest.raises(RuleError) as refused:
        await applied(counsellor="V1")
    assert str(refused.value) == "V1 jobber ikke ved enheten AOK"
    assert not await KvpApplication.exists()


async def test_erasing_the_participant_deletes_the_application_they_started_from(db: str) -> None:
    from backend.models import KvpDecisionPeriod
    from backend.people import data_rights
    from backend.people.ending import end_service
    from tests.support.world import NOW

    await build_world()
    application = await approved_with_period()
    participant = await kvp.start_programme(
        application.id, start_on("2026-04-06"), actor="test", today=TODAY
    )
    await end_service(participant, TODAY, actor="test", today=TODAY)
    code = participant.code
    done = await data_rights.erase_person(code, code, actor="staff:S3", now=NOW)
    assert done.deleted["kvp_applications"] == 1
    assert not await KvpApplication.exists()
    assert not await KvpDecisionPeriod.exists()


async def test_the_demo_has_an_application_waiting_and_one_ready_to_start(db: str) -> None:
    from backend.people import demo
    from tests.support.world import NOW

    await demo.seed_demo(NOW)
    found = await kvp.applications_for(None, NOW.date())
    assert [(v.application.name, v.step, v.days_waiting, v.deadline) for v in found] == [
        ("Nora Berg", KvpStep.RECEIVED, 10, D("2026-04-18")),
        ("Ali Hassan", KvpStep.APPROVED, None, D("2026-09-24")),
    ]


async def test_another_counsellor_takes_over_and_the_first_no_longer_sees_it(db: str) -> None:
    world = await build_world()
    application = await applied("Nora Berg", "S1")
    await kvp.change_counsellor(application.id, "S2", actor="staff:S2")
    assert (await KvpApplication.get(id=application.id)).counsellor_id == (
        await Staff.get(code="S2")
    ).id
    assert await kvp.application_for(world.contact, application.id) is None
    await kvp.change_counsellor(application.id, "S2", actor="staff:S2")  # the same: nothing
    await kvp.change_counsellor(application.id, None, actor="staff:S2")
    assert (await KvpApplication.get(id=application.id)).counsellor_id is None
    events = await AuditEvent.filter(action="kvp.counsellor").order_by("id")
    assert [(e.actor, e.detail) for e in events] == [
        ("staff:S2", {"old": "S1", "new": "S2"}),
        ("staff:S2", {"old": "S2", "new": None}),
    ]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("S9", "Ingen ansatt har id-en S9"),
        ("V1", "V1 jobber ikke ved enheten AOK"),
    ],
)
async def test_a_counsellor_who_cannot_follow_it_is_refused(
    db: str, code: str, message: str
) -> None:
    from backend.models import StaffRole
    from backend.people import registry as people

    await build_world()
    await people.add_unit("VTA", "Verkstedet", actor="test")
    await people.add_staff("VTA", "V1", "Vera Annen", StaffRole.CONTACT, actor="test")
    application = await applied("Nora Berg", "S1")
    with pytest.raises(RuleError) as refused:
        await kvp.change_counsellor(application.id, code, actor="test")
    assert str(refused.value) == message
    assert (await KvpApplication.get(id=application.id)).counsellor_id == (
        await Staff.get(code="S1")
    ).id
    assert not await AuditEvent.exists(action="kvp.counsellor")
