"""The pupil register's use cases on a database: add, change, end, become a participant or a
candidate, the overview, and deletion on schedule. Every write is audited, without names."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from backend.models import AuditEvent, Candidate, Participant, Programme, Pupil, Unit
from backend.pathway.rules import Stage
from backend.people import registry as people
from backend.people import retention
from backend.pupils import becoming
from backend.pupils import register as pupils
from backend.pupils.rules import ClassYear, Need, Turning18
from backend.shared.errors import RuleError
from backend.shared.retention import Periods
from tests.support.reminder_world import FULL_AOK_FACTS
from tests.support.telegram import OSLO
from tests.support.world import build_world

D = date.fromisoformat
TODAY = D("2026-09-01")
THOR = "Thor Heyerdahl vgs"


def fields(name: str = "Ada Elev", birth: str = "2009-03-10", **more: object) -> pupils.PupilFields:
    values: dict[str, object] = {"class_year": ClassYear.VG2, **more}
    return pupils.PupilFields(name=name, birth_date=D(birth), school=THOR, **values)  # type: ignore[arg-type]


async def unit() -> Unit:
    await build_world()
    return await Unit.get(code="AOK")


async def test_a_pupil_is_registered_with_the_usual_end_and_audited(db: str) -> None:
    aok = await unit()
    pupil = await pupils.add_pupil(
        aok,
        fields(
            "  Ada   Elev ",
            consent_given_on=D("2026-08-25"),
            share_name=True,
            needs=frozenset({Need.VTA, Need.AOK}),
            note="Trives i  små grupper.",
        ),
        actor="staff:S3",
        today=TODAY,
    )
    stored = await Pupil.get(id=pupil.id)
    assert (stored.name, stored.school, stored.class_year) == ("Ada Elev", THOR, "vg2")
    assert stored.expected_end == D("2028-06-20")  # the end of Vg3 for a Vg2 pupil
    assert stored.needs == ["aok", "vta"]
    assert stored.note == "Trives i små grupper."
    assert stored.registered_on == TODAY and stored.ended_on is None
    event = await AuditEvent.get(action="pupil.create")
    assert (event.actor, event.subject) == ("staff:S3", f"pupil:{pupil.id}")
    assert event.detail == {"class_year": "vg2", "needs": ["aok", "vta"], "consent": True}
    assert "Ada" not in str(event.detail)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"share_name": True}, "Navnet kan bare deles med samtykke"),
        ({"expected_end": D("2031-01-01")}, "for sent for en elev på Vg2"),
        ({"name": "   "}, "Navn må ha 1 til 200 tegn"),
        ({"birth": "2020-01-01"}, "passer ikke for en elev"),
    ],
)
async def test_bad_input_is_refused_and_nothing_is_written(
    db: str, given: dict[str, object], message: str
) -> None:
    aok = await unit()
    given = dict(given)  # the table's dict is shared by both databases' runs
    name = str(given.pop("name", "Ada Elev"))
    birth = str(given.pop("birth", "2009-03-10"))
    with pytest.raises(RuleError) as error:
        await pupils.add_pupil(aok, fields(name, birth, **given), actor="test", today=TODAY)
    assert message in str(error.value)
    assert await Pupil.all().count() == 0
    assert not await AuditEvent.filter(action="pupil.create").exists()


async def test_the_same_pupil_twice_is_refused(db: str) -> None:
    aok = await unit()
    await pupils.add_pupil(aok, fields(), actor="test", today=TODAY)
    with pytest.raises(RuleError, match="registrert allerede"):
        await pupils.add_pupil(aok, fields(), actor="test", today=TODAY)


async def test_a_change_names_the_changed_fields_and_an_end_is_dated(db: str) -> None:
    aok = await unit()
    pupil = await pupils.add_pupil(aok, fields(), actor="test", today=TODAY)
    changed = pupils.PupilFields(
        name="Ada Elev",
        birth_date=D("2009-03-10"),
        school=THOR,
        class_year=ClassYear.VG3,
        consent_given_on=D("2026-09-01"),
    )
    await pupils.change_pupil(aok.id, pupil.id, changed, actor="staff:S3", today=TODAY)
    event = await AuditEvent.get(action="pupil.change")
    assert event.detail == {"fields": ["class_year", "consent_given_on", "expected_end"]}
    # The same again changes nothing and logs nothing.
    await pupils.change_pupil(aok.id, pupil.id, changed, actor="staff:S3", today=TODAY)
    assert await AuditEvent.filter(action="pupil.change").count() == 1
    with pytest.raises(RuleError, match="fram i tid"):
        await pupils.end_pupil(aok.id, pupil.id, D("2026-09-02"), actor="test", today=TODAY)
    await pupils.end_pupil(aok.id, pupil.id, D("2026-09-01"), actor="staff:S3", today=TODAY)
    assert (await Pupil.get(id=pupil.id)).ended_on == D("2026-09-01")
    with pytest.raises(RuleError, match="avsluttet allerede"):
        await pupils.end_pupil(aok.id, pupil.id, TODAY, actor="test", today=TODAY)
    assert await pupils.pupils_of(aok.id) == []
    assert [p.id for p in await pupils.pupils_of(aok.id, include_ended=True)] == [pupil.id]


async def test_another_units_pupil_is_not_found(db: str) -> None:
    aok = await unit()
    other = await people.add_unit("VTA", "VTA-verkstedet", actor="test")
    pupil = await pupils.add_pupil(aok, fields(), actor="test", today=TODAY)
    assert await pupils.pupil_of(other.id, pupil.id) is None
    with pytest.raises(RuleError, match="Fant ikke eleven"):
        await pupils.change_pupil(other.id, pupil.id, fields(), actor="test", today=TODAY)
    with pytest.raises(RuleError, match="Fant ikke eleven"):
        await pupils.end_pupil(other.id, pupil.id, TODAY, actor="test", today=TODAY)


DECISION = becoming.Decision(
    code="P9",
    weekdays=frozenset({1, 3, 5}),
    start_time=time(9),
    end_time=time(14),
    contact_code="S1",
    programme=Programme.AOK,
    eligibility=FULL_AOK_FACTS,
)


async def test_a_pupil_who_finishes_school_becomes_a_participant_without_typing_again(
    db: str,
) -> None:
    aok = await unit()
    pupil = await pupils.add_pupil(
        aok, fields("Ada Elev", "2007-05-02", class_year=ClassYear.VG3), actor="test", today=TODAY
    )
    after_school = D("2027-06-21")
    participant = await becoming.make_participant(
        aok, pupil.id, DECISION, actor="staff:S3", today=after_school
    )
    stored = await Participant.get(code="P9")
    assert (stored.name, stored.birth_date, stored.unit_id) == ("Ada Elev", D("2007-05-02"), aok.id)
    assert (stored.weekdays, stored.day_start, stored.contact_id) == ("1,3,5", "09:00", 1)
    entry = await Pupil.get(id=pupil.id)
    assert (entry.participant_id, entry.ended_on) == (participant.id, after_school)
    assert await AuditEvent.filter(action="participant.create", subject="participant:P9").exists()
    event = await AuditEvent.get(action="pupil.participant")
    assert (event.subject, event.detail) == (f"pupil:{pupil.id}", {"participant": "P9"})
    with pytest.raises(RuleError, match="deltaker allerede"):
        await becoming.make_participant(
            aok, pupil.id, DECISION, actor="staff:S3", today=after_school
        )


async def test_a_refused_decision_leaves_the_pupil_in_the_register(db: str) -> None:
    aok = await unit()
    pupil = await pupils.add_pupil(aok, fields(), actor="test", today=TODAY)
    # 17 years old: AoK is from 18, so the criteria refuse (and nothing is written).
    with pytest.raises(RuleError):
        await becoming.make_participant(aok, pupil.id, DECISION, actor="test", today=TODAY)
    entry = await Pupil.get(id=pupil.id)
    assert (entry.participant_id, entry.ended_on) == (None, None)
    assert not await Participant.exists(code="P9")
    assert not await AuditEvent.filter(action="pupil.participant").exists()


async def test_a_pupil_becomes_a_candidate_referred_by_the_school(db: str) -> None:
    aok = await unit()
    pupil = await pupils.add_pupil(
        aok,
        fields("Ada Elev", "2007-05-02", class_year=ClassYear.VG3, consent_given_on=TODAY),
        actor="test",
        today=TODAY,
    )
    day = D("2027-06-21")
    candidate = await becoming.make_candidate(
        aok, pupil.id, "K7", actor="staff:S3", today=day, follower_code="S1"
    )
    stored = await Candidate.get(code="K7")
    assert (stored.name, stored.birth_date, stored.unit_id) == ("Ada Elev", D("2007-05-02"), aok.id)
    assert (stored.referred_by, stored.stage, stored.stage_since) == ("school", "approach", day)
    assert stored.consent_on is None  # the guardian's consent is not the candidate's own
    entry = await Pupil.get(id=pupil.id)
    assert (entry.candidate_id, entry.ended_on) == (candidate.id, day)
    event = await AuditEvent.get(action="pupil.candidate")
    assert event.detail == {"candidate": "K7"}
    with pytest.raises(RuleError, match="kandidat allerede"):
        await becoming.make_candidate(aok, pupil.id, "K8", actor="test", today=day)
    with pytest.raises(RuleError, match="kandidat allerede"):
        await becoming.make_participant(aok, pupil.id, DECISION, actor="test", today=day)


async def test_a_candidate_starts_before_any_place(db: str) -> None:
    aok = await unit()
    pupil = await pupils.add_pupil(aok, fields(), actor="test", today=TODAY)
    with pytest.raises(RuleError, match="tilnærming eller kartlegging"):
        await becoming.make_candidate(
            aok, pupil.id, "K7", actor="test", today=TODAY, first_stage=Stage.VTA
        )
    assert await Candidate.all().count() == 0


async def test_the_overview_from_the_register(db: str) -> None:
    aok = await unit()
    await pupils.add_pupil(
        aok,
        fields("Ada Elev", consent_given_on=D("2026-08-25"), share_name=True),
        actor="test",
        today=TODAY,
    )
    await pupils.add_pupil(aok, fields("Bo Elev", "2009-02-01"), actor="test", today=TODAY)
    found = await pupils.overview_for(aok.id, D("2026-09-15"))
    assert found.total == 2
    assert found.turning_18 == [
        Turning18(ClassYear.VG2, THOR, "Ada Elev", D("2027-03-10"), 1),
        Turning18(ClassYear.VG2, THOR, pupil_id=2),
    ]


async def test_the_next_status_meeting_is_the_one_set_else_the_routines_month(db: str) -> None:
    aok = await unit()
    assert await pupils.next_status_meeting(aok.id, D("2026-04-07")) == D("2026-09-15")
    from backend.calendar import meetings
    from backend.models import MeetingKind

    await meetings.set_meeting(
        aok, MeetingKind.STATUS, D("2026-09-22"), note=None, actor="test", today=D("2026-04-07")
    )
    assert await pupils.next_status_meeting(aok.id, D("2026-04-07")) == D("2026-09-22")


async def test_pupils_are_deleted_twelve_months_after_they_ended_or_consent_was_withdrawn(
    db: str,
) -> None:
    aok = await unit()

    async def add(name: str, ended: str | None = None, withdrawn: str | None = None) -> int:
        pupil = await pupils.add_pupil(
            aok,
            fields(name, consent_given_on=D("2025-01-02") if withdrawn else None),
            actor="test",
            today=D("2025-03-01"),
        )
        await Pupil.filter(id=pupil.id).update(
            ended_on=D(ended) if ended else None,
            consent_withdrawn_on=D(withdrawn) if withdrawn else None,
        )
        return pupil.id

    gone_ended = await add("A Elev", ended="2025-04-06")
    kept_ended = await add("B Elev", ended="2025-04-07")  # the cutoff day itself stays
    gone_withdrawn = await add("C Elev", withdrawn="2025-04-01")
    kept = await add("D Elev")
    report = await retention.run(datetime(2026, 4, 7, 6, 0, tzinfo=OSLO), Periods())
    assert report.ended_pupils == 2
    left = set(await Pupil.all().values_list("id", flat=True))
    assert left == {kept_ended, kept}
    assert gone_ended not in left and gone_withdrawn not in left
    recorded = await AuditEvent.get(action="retention.run")
    assert recorded.detail["deleted"]["ended_pupils"] == 2


async def test_erasing_the_participant_a_pupil_became_deletes_the_pupils_entry(db: str) -> None:
    from backend.people import data_rights
    from backend.people.ending import end_service

    aok = await unit()
    pupil = await pupils.add_pupil(
        aok, fields("Ada Elev", "2007-05-02", class_year=ClassYear.VG3), actor="test", today=TODAY
    )
    participant = await becoming.make_participant(
        aok, pupil.id, DECISION, actor="test", today=D("2027-06-21")
    )
    await end_service(participant, D("2027-08-31"), actor="test", today=D("2027-08-31"))
    done = await data_rights.erase_person(
        "P9", "P9", actor="staff:S3", now=datetime(2027, 9, 1, 9, tzinfo=OSLO)
    )
    assert done.deleted["pupil_entries"] == 1
    assert not await Pupil.exists(id=pupil.id)


async def test_a_passed_expected_end_kept_as_it_was_does_not_block_a_change(db: str) -> None:
    aok = await unit()
    pupil = await pupils.add_pupil(
        aok, fields(class_year=ClassYear.VG3), actor="test", today=D("2026-04-07")
    )
    assert pupil.expected_end == D("2026-06-20")
    later = D("2026-09-01")  # the expected end has passed, the pupil is still registered
    consent = fields(class_year=ClassYear.VG3, expected_end=D("2026-06-20"), consent_given_on=later)
    await pupils.change_pupil(aok.id, pupil.id, consent, actor="test", today=later)
    assert (await Pupil.get(id=pupil.id)).consent_given_on == later
    moved = fields(class_year=ClassYear.VG3, expected_end=D("2026-08-31"))
    with pytest.raises(RuleError, match="tilbake i tid: 2026-08-31"):
        await pupils.change_pupil(aok.id, pupil.id, moved, actor="test", today=later)
