"""An erased participant gets no personal data again: every use case that would store
something about them refuses, with the same message, and changes nothing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, time

import pytest

from backend.attendance import marking
from backend.links.invites import create_invite
from backend.models import (
    AttendanceDay,
    AttendanceStatus,
    AuditEvent,
    Invite,
    LinkRole,
    Participant,
)
from backend.people import criteria, data_rights, imports, staffing
from backend.people import registry as people
from backend.people.ending import end_service
from backend.shared.errors import RuleError
from backend.shared.i18n import gettext_for
from tests.support.world import NOW, World, build_world

REFUSED = {
    "nb": "Opplysningene om P1 er slettet. Ingenting nytt kan lagres om deltakeren.",
    "en": "The data about P1 has been erased. Nothing new can be stored about the participant.",
}
CSV_HEADER = "id;navn;fødselsdato;ukedager;tid;kontaktperson;program;transport\r\n"


async def erased_kari() -> World:
    world = await build_world()
    await end_service(world.kari, date(2026, 4, 7), actor="test", today=NOW.date())
    await data_rights.erase_person("P1", "P1", actor="test", now=NOW)
    return world


async def _criteria(world: World) -> object:
    return await criteria.record_criteria(
        "P1", {"can_work_in_group": True}, actor="staff:S3", now=NOW
    )


async def _decision(world: World) -> object:
    change = people.DecisionChange(purpose="Arbeidstrening", start_time=time(9), end_time=time(14))
    return await people.update_decision("P1", change, actor="staff:S2", today=NOW.date())


async def _contact(world: World) -> object:
    return await staffing.set_contact("P1", "S1", actor="staff:S2")


async def _invite(world: World) -> object:
    return await create_invite("P1", LinkRole.PARTICIPANT, actor="staff:S2", now=NOW)


async def _relative_invite(world: World) -> object:
    return await create_invite(
        "P1", LinkRole.RELATIVE, actor="staff:S2", now=NOW, relative_name="Mor"
    )


async def _attendance(world: World) -> object:
    kari = await Participant.get(code="P1")
    return await marking.mark_day(
        kari, date(2026, 4, 6), AttendanceStatus.PRESENT, actor_name="cli", now=NOW
    )


USE_CASES: dict[str, Callable[[World], Awaitable[object]]] = {
    "criteria": _criteria,
    "decision": _decision,
    "contact person": _contact,
    "invite": _invite,
    "relative's invite": _relative_invite,
    "attendance by hand": _attendance,
}


@pytest.mark.parametrize("use_case", list(USE_CASES))
@pytest.mark.parametrize("language", ["nb", "en"])
async def test_every_use_case_refuses_an_erased_participant(
    db: str, use_case: str, language: str
) -> None:
    world = await erased_kari()
    before = await Participant.get(code="P1").values()
    events = await AuditEvent.all().count()

    with pytest.raises(RuleError) as error:
        await USE_CASES[use_case](world)

    assert error.value.render(gettext_for(language)) == REFUSED[language]
    after = await Participant.get(code="P1").values()
    assert after == before
    assert after["eligibility"] == {} and after["contact_id"] is None
    assert after["purpose"] is None
    assert await Invite.filter(participant_id=world.kari.id).count() == 0
    assert await AttendanceDay.filter(participant_id=world.kari.id).count() == 0
    assert await AuditEvent.all().count() == events


async def test_an_import_row_with_an_erased_id_is_refused_with_the_reason(db: str) -> None:
    world = await erased_kari()
    content = (
        CSV_HEADER + "P1;Kari Nordmann;1990-05-06;man,ons;09:00-14:00;S1;aok;nei\r\n"
    ).encode()

    preview = await imports.preview(world.contact, "liste.csv", content, today=NOW.date())

    assert not preview.ok
    assert [e.render(gettext_for("nb")) for e in preview.rows[0].errors] == [REFUSED["nb"]]
    with pytest.raises(RuleError):
        await imports.commit(world.contact, "liste.csv", content, actor="test", today=NOW.date())
    kari = await Participant.get(code="P1")
    assert (kari.name, kari.birth_date) == ("Slettet deltaker", date(1990, 12, 31))
