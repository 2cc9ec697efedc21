"""Read aloud end to end: the real PTB Application against the Telegram stand-in. A
participant who chose "🔊 Les opp" gets each answer as text and then as a voice note
(Ogg Opus, in their language); with it off, or for staff, no voice note comes."""

from __future__ import annotations

from backend.models import AuditEvent, LinkRole, Participant, TelegramLink
from backend.telegram_standin import SentMessage
from backend.voice import choice
from tests.support.telegram import Chat, RunningBot
from tests.support.world import NOW, build_world, link

KARI, OLA, LISE = 1001, 1002, 1003


def is_ogg_opus(message: SentMessage) -> bool:
    assert message.voice is not None, message
    content = message.voice["content"]
    return content[:4] == b"OggS" and content[28:36] == b"OpusHead"


async def kari_and_lise(bot: RunningBot) -> tuple[Chat, Chat]:
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    kari, lise = bot.chat(KARI, "Kari"), bot.chat(LISE, "Lise")
    await lise.send("/start")
    return kari, lise


async def test_an_absence_report_is_answered_in_text_then_in_a_voice_note(
    bot: RunningBot,
) -> None:
    await build_world()
    kari, lise = await kari_and_lise(bot)
    await choice.set_read_aloud("P1", True, actor="S1")

    menu = await kari.send("/meny")
    assert menu.text == "Hei, Kari! Hva vil du gjøre?"
    assert "🔇 Ikke les opp" in kari.buttons(menu)
    menu_voice = await kari.next()  # the menu's words, right after them
    assert is_ogg_opus(menu_voice) and menu_voice.voice["duration"] >= 1

    question = await kari.tap("Jeg kommer ikke", menu)
    assert question.text.startswith("📆 I dag, tirsdag 7. april")
    assert is_ogg_opus(await kari.next())
    done = await kari.tap("Syk", question)
    assert "Takk! Du er meldt borte: tirsdag 7. april (syk)." in done.text
    voice = await kari.next()  # after the text, never instead of it
    assert is_ogg_opus(voice) and voice.text == "" and voice.caption is None

    # The contact person is told in text only: staff are never read to.
    notice = await lise.next()
    assert notice.text == "Kari Nordmann er borte: tirsdag 7. april (syk)."
    assert [m for m in bot.standin.messages(LISE) if m.voice] == []

    # The same words again: the note is not made again, and Telegram's file id is reused.
    notes = sorted(bot.settings.voice_cache_dir.glob("*/*.ogg"))
    again = await kari.send("/meny")
    assert again.text == menu.text
    second = await kari.next()
    assert second.voice["file_id"] == menu_voice.voice["file_id"]
    assert sorted(bot.settings.voice_cache_dir.glob("*/*.ogg")) == notes


async def test_with_read_aloud_off_no_voice_note_comes(bot: RunningBot) -> None:
    await build_world()
    kari, lise = await kari_and_lise(bot)
    menu = await kari.send("/meny")
    assert "🔊 Les opp" in kari.buttons(menu)
    question = await kari.tap("Jeg kommer ikke", menu)
    done = await kari.tap("Syk", question)
    assert "Takk! Du er meldt borte" in done.text
    await lise.next()
    await kari.send("/meny")
    assert [m for m in bot.standin.messages(KARI) if m.voice] == []
    assert list(bot.settings.voice_cache_dir.glob("*/*.ogg")) == []


async def test_the_participant_turns_it_on_and_off_in_the_menu(bot: RunningBot) -> None:
    await build_world()
    kari, _lise = await kari_and_lise(bot)
    menu = await kari.send("/meny")

    on = await kari.tap("🔊 Les opp", menu)
    assert on.text == "🔊 Nå leser jeg opp svarene for deg.\n\nHei, Kari! Hva vil du gjøre?"
    assert "🔇 Ikke les opp" in kari.buttons(on)
    assert is_ogg_opus(await kari.next())
    assert (await Participant.get(code="P1")).read_aloud is True

    off = await kari.tap("🔇 Ikke les opp", on)
    assert off.text == "🔇 Nå leser jeg ikke opp lenger.\n\nHei, Kari! Hva vil du gjøre?"
    assert "🔊 Les opp" in kari.buttons(off)
    await kari.send("/meny")
    assert len([m for m in bot.standin.messages(KARI) if m.voice]) == 1
    assert (await Participant.get(code="P1")).read_aloud is False

    events = await AuditEvent.filter(action="participant.read_aloud").order_by("id")
    assert [(e.actor, e.subject, e.detail) for e in events] == [
        (f"telegram:{KARI}", "participant:P1", {"read_aloud": True}),
        (f"telegram:{KARI}", "participant:P1", {"read_aloud": False}),
    ]


async def test_a_relative_chooses_it_for_their_own_chat_only(bot: RunningBot) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    relative = await link("P1", LinkRole.RELATIVE, OLA, "Ola Nordmann")
    await TelegramLink.filter(id=relative.id).update(consent_at=NOW, consent_by="Kari")
    ola, kari = bot.chat(OLA, "Ola"), bot.chat(KARI, "Kari")

    menu = await ola.send("/meny")
    on = await ola.tap("🔊 Les opp", menu)
    assert on.text.startswith("🔊 Nå leser jeg opp svarene for deg.")
    assert is_ogg_opus(await ola.next())
    assert (await TelegramLink.get(id=relative.id)).read_aloud is True
    # Kari's own choice is hers: still off.
    assert (await Participant.get(code="P1")).read_aloud is False
    await kari.send("/meny")
    assert [m for m in bot.standin.messages(KARI) if m.voice] == []
    event = await AuditEvent.get(action="link.read_aloud")
    assert (event.subject, event.detail) == (
        "relative:P1",
        {"link": relative.id, "read_aloud": True},
    )


async def test_a_staff_member_cannot_turn_it_on(bot: RunningBot) -> None:
    await build_world()
    _kari, lise = await kari_and_lise(bot)
    menu = await lise.send("/meny")
    await lise.tap_data(menu, "voice:y")
    await lise.next()
    await lise.send("/meny")
    assert [m for m in bot.standin.messages(LISE) if m.voice] == []
