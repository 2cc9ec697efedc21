"""Who has read-aloud on, and which chats hear voice notes: the use cases on the database."""

from __future__ import annotations

from datetime import date

import pytest

from backend.models import LinkRole, Participant, TelegramLink
from backend.people import data_rights
from backend.people.ending import end_service
from backend.shared.errors import RuleError
from backend.voice import choice
from tests.support.world import NOW, build_world, link

KARI, OLA, LISE = 1001, 1002, 1003


async def test_which_chats_hear_voice_notes_and_in_which_language(db: str) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    relative = await link("P1", LinkRole.RELATIVE, OLA, "Ola Nordmann")
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    assert [await choice.chat_language(c) for c in (KARI, OLA, LISE, 4242)] == [None] * 4

    await choice.set_read_aloud("P1", True, actor="test", now=NOW)
    assert await choice.chat_language(KARI) == "nb"
    await TelegramLink.filter(telegram_user_id=KARI).update(language="en")
    assert await choice.chat_language(KARI) == "en"
    # The relative's own choice counts only once the participant consented.
    await TelegramLink.filter(id=relative.id).update(read_aloud=True)
    assert await choice.chat_language(OLA) is None
    await TelegramLink.filter(id=relative.id).update(consent_at=NOW, consent_by="Kari")
    assert await choice.chat_language(OLA) == "nb"
    # A revoked link, or a participant whose service ended, hears nothing more.
    await TelegramLink.filter(telegram_user_id=KARI).update(revoked_at=NOW)
    assert await choice.chat_language(KARI) is None
    await Participant.filter(code="P1").update(active=False)
    assert await choice.chat_language(OLA) is None


async def test_staff_act_on_their_own_unit_and_never_on_an_erased_participant(db: str) -> None:
    world = await build_world()
    with pytest.raises(RuleError):
        await choice.set_read_aloud("P1", True, actor="test", now=NOW, unit_id=world.unit.id + 1)
    with pytest.raises(RuleError):
        await choice.set_read_aloud("P9", True, actor="test", now=NOW)
    await end_service(world.kari, date(2026, 4, 7), actor="test", today=NOW.date())
    await data_rights.erase_person("P1", "P1", actor="test", now=NOW)
    with pytest.raises(RuleError):
        await choice.set_read_aloud("P1", True, actor="test", now=NOW)


async def test_the_export_holds_the_choice_and_the_erasure_clears_it(db: str) -> None:
    world = await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await choice.set_read_aloud("P1", True, actor="test", now=NOW)
    exported = await data_rights.export_person("P1", actor="test", now=NOW)
    assert exported.data["participant"]["read_aloud"] is True
    assert [link["read_aloud"] for link in exported.data["telegram_links"]] == [False]
    await end_service(world.kari, date(2026, 4, 7), actor="test", today=NOW.date())
    await data_rights.erase_person("P1", "P1", actor="test", now=NOW)
    assert (await Participant.get(code="P1")).read_aloud is False
