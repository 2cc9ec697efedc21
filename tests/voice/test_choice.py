"""Who has read-aloud on, and which chats hear voice notes: the use cases on the database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from backend.models import (
    AuditEvent,
    LinkRole,
    OutboxMessage,
    OutboxStatus,
    Participant,
    TelegramLink,
)
from backend.outbox.catalog import render
from backend.people import data_rights
from backend.people.ending import end_service
from backend.shared.errors import RuleError
from backend.voice import choice
from backend.voice.rules import OwnVoice
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


async def notices() -> list[tuple[int | None, str, str, str | None, str]]:
    """The read-aloud notices in the outbox: chat, template, language, window, status."""
    rows = await OutboxMessage.filter(template__startswith="read_aloud").order_by("id")
    return [(m.chat_id, m.template, m.language, m.window, str(m.status)) for m in rows]


async def test_staff_turning_it_on_and_off_tell_the_participants_own_chat_once(
    db: str,
) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    relative = await link("P1", LinkRole.RELATIVE, OLA, "Ola Nordmann")
    await TelegramLink.filter(id=relative.id).update(consent_at=NOW, consent_by="Kari")
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    await TelegramLink.filter(telegram_user_id=KARI).update(language="en")

    change = await choice.set_read_aloud("P1", True, actor="staff:S1", now=NOW)
    assert (change.changed, change.told, change.participant.read_aloud) == (True, 1, True)
    # Only Kari's own chat, in her language, never at night; not Ola's, not Lise's.
    assert await notices() == [(KARI, "read_aloud_on", "en", "participant", "pending")]
    row = await OutboxMessage.get(template="read_aloud_on")
    assert row.due_at == NOW
    assert render(row.template, row.params, row.language) == (
        "🔊 The answers now also come as sound. You can turn this off in the menu."
    )

    # The same choice again is no change: nothing audited, nobody told again.
    again = await choice.set_read_aloud("P1", True, actor="staff:S2", now=NOW + timedelta(1))
    assert (again.changed, again.told) == (False, 0)
    assert len(await notices()) == 1

    await OutboxMessage.filter(id=row.id).update(status=OutboxStatus.SENT)
    off = await choice.set_read_aloud("P1", False, actor="staff:S1", now=NOW + timedelta(2))
    assert (off.changed, off.told) == (True, 1)
    assert await notices() == [
        (KARI, "read_aloud_on", "en", "participant", "sent"),
        (KARI, "read_aloud_off", "en", "participant", "pending"),
    ]
    events = await AuditEvent.filter(action="participant.read_aloud").order_by("id")
    assert [(e.actor, e.detail) for e in events] == [
        ("staff:S1", {"read_aloud": True}),
        ("staff:S1", {"read_aloud": False}),
    ]


async def test_a_notice_not_sent_yet_gives_way_to_the_next_change(db: str) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    night = NOW.replace(hour=22)
    await choice.set_read_aloud("P1", True, actor="staff:S1", now=night)
    await choice.set_read_aloud("P1", False, actor="staff:S1", now=night + timedelta(minutes=5))
    # Kari hears in the morning how it is then, once, not on and then off.
    assert await notices() == [(KARI, "read_aloud_off", "nb", "participant", "pending")]
    await choice.set_read_aloud("P1", True, actor="staff:S1", now=night + timedelta(minutes=9))
    assert await notices() == [(KARI, "read_aloud_on", "nb", "participant", "pending")]
    assert await AuditEvent.filter(action="participant.read_aloud").count() == 3


async def test_without_a_chat_nobody_is_told(db: str) -> None:
    await build_world()
    change = await choice.set_read_aloud("P1", True, actor="staff:S1", now=NOW)
    assert (change.changed, change.told) == (True, 0)
    assert await notices() == []
    # A relative's chat alone is not the participant's: still nobody is told.
    relative = await link("P1", LinkRole.RELATIVE, OLA, "Ola Nordmann")
    await TelegramLink.filter(id=relative.id).update(consent_at=NOW, consent_by="Kari")
    change = await choice.set_read_aloud("P1", False, actor="staff:S1", now=NOW)
    assert (change.changed, change.told) == (True, 0)
    assert await notices() == []


async def test_a_choice_made_in_the_chat_itself_sends_nothing_more(db: str) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    links = await TelegramLink.filter(telegram_user_id=KARI).select_related("participant")
    await choice.set_own_read_aloud(links, True)
    assert (await Participant.get(code="P1")).read_aloud is True
    assert await notices() == []


async def test_the_voice_of_each_participants_own_chat(db: str) -> None:
    world = await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await link("P2", LinkRole.RELATIVE, OLA, "Ola Nordmann")  # a relative's chat is not P2's
    voices = await choice.voices_of([world.kari.id, world.ola.id])
    assert voices == {world.kari.id: OwnVoice("nb", True), world.ola.id: OwnVoice(None, None)}
    await TelegramLink.filter(telegram_user_id=KARI).update(language="so")
    assert (await choice.voices_of([world.kari.id]))[world.kari.id] == OwnVoice("so", False)
    await TelegramLink.filter(telegram_user_id=KARI).update(revoked_at=NOW)
    assert (await choice.voices_of([world.kari.id]))[world.kari.id] == OwnVoice(None, None)
