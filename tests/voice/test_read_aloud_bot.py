"""Read aloud end to end: the real PTB Application against the Telegram stand-in. A
participant who chose "🔊 Les opp" gets each answer as text and then as a voice note
(Ogg Opus, in their language); with it off, or for staff, no voice note comes. The chat
keeps one voice note, the current screen's; turning it off is the last one said."""

from __future__ import annotations

import numpy as np
from telegram import Bot

from backend.models import AuditEvent, LinkRole, Participant, TelegramLink
from backend.telegram_standin import SentMessage
from backend.voice import choice
from backend.voice.speech import Espeak, VoiceMaker, encode_opus
from tests.support.telegram import TOKEN, Chat, RunningBot
from tests.support.world import NOW, build_world, link

KARI, OLA, LISE = 1001, 1002, 1003


def is_ogg_opus(message: SentMessage) -> bool:
    assert message.voice is not None, message
    content = message.voice["content"]
    return content[:4] == b"OggS" and content[28:36] == b"OpusHead"


def shown(bot: RunningBot, chat: int) -> list[SentMessage]:
    """The bot's messages the chat shows (deleted ones are gone), oldest first."""
    return [m for m in bot.standin.messages(chat) if m.from_bot and not m.deleted]


def voice_notes_shown(bot: RunningBot, chat: int) -> list[int]:
    return [m.message_id for m in shown(bot, chat) if m.voice]


def cached_note(bot: RunningBot, text: str, language: str) -> bytes:
    """The voice note of `text` as the bot made and kept it."""
    planned = VoiceMaker(bot.settings.voice_cache_dir, [Espeak()]).plan(text, language)
    assert planned is not None
    key = planned[2]
    return (bot.settings.voice_cache_dir / key[:2] / f"{key}.ogg").read_bytes()


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
    # Turned on before Kari's chat is linked: she is not told of it (see test_read_aloud_told).
    await choice.set_read_aloud("P1", True, actor="S1", now=NOW)
    kari, lise = await kari_and_lise(bot)

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
    # The last voice note says that, and only that, in place of the menu's note: one who
    # listens rather than reads hears that it is off.
    last = await kari.next()
    assert last.voice["content"] == cached_note(bot, "Nå leser jeg ikke opp lenger.", "nb")
    await kari.send("/meny")
    assert voice_notes_shown(bot, KARI) == [last.message_id]
    assert len([m for m in bot.standin.messages(KARI) if m.voice]) == 2  # the first deleted
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


async def test_a_replaced_screen_keeps_only_its_own_voice_note(bot: RunningBot) -> None:
    await build_world()
    await choice.set_read_aloud("P1", True, actor="S1", now=NOW)
    kari, _lise = await kari_and_lise(bot)

    menu = await kari.send("/meny")
    menu_note = await kari.next()
    question = await kari.tap("Jeg kommer ikke", menu)
    assert question.message_id == menu.message_id  # the tapped screen, replaced in place
    question_note = await kari.next()
    done = await kari.tap("Syk", question)
    done_note = await kari.next()

    # The chat shows the screen and then its voice note; the notes of the screens before
    # it are deleted, not left below it reading questions no longer there.
    assert [m.message_id for m in shown(bot, KARI)] == [menu.message_id, done_note.message_id]
    assert "Takk! Du er meldt borte: tirsdag 7. april (syk)." in shown(bot, KARI)[0].text
    assert done_note.voice["content"] == cached_note(bot, done.text, "nb")
    deleted = [m.message_id for m in bot.standin.messages(KARI) if m.deleted]
    assert deleted == [menu_note.message_id, question_note.message_id]

    # A new text: its note takes the place of the last one too.
    again = await kari.send("/meny")
    again_note = await kari.next()
    assert [m.message_id for m in shown(bot, KARI)] == [
        menu.message_id,
        again.message_id,
        again_note.message_id,
    ]


async def test_a_note_telegram_will_not_delete_is_left_and_the_next_one_comes(
    bot: RunningBot,
) -> None:
    await build_world()
    await choice.set_read_aloud("P1", True, actor="S1", now=NOW)
    kari, _lise = await kari_and_lise(bot)
    menu = await kari.send("/meny")
    menu_note = await kari.next()

    # Gone already (deleted by another client of the bot): Telegram answers 400.
    root = bot.standin.api_root
    async with Bot(TOKEN, base_url=f"{root}/bot", base_file_url=f"{root}/file/bot") as other:
        await other.delete_message(KARI, menu_note.message_id)
    question = await kari.tap("Jeg kommer ikke", menu)
    question_note = await kari.next()
    assert is_ogg_opus(question_note)
    assert voice_notes_shown(bot, KARI) == [question_note.message_id]

    # Older than 48 hours: Telegram refuses to delete it, so it stays, and the new note
    # comes all the same.
    chat = bot.standin.hub.resolve(TOKEN).chats[KARI]
    chat.messages[question_note.message_id].date -= 49 * 3600
    await kari.tap("Syk", question)
    done_note = await kari.next()
    assert is_ogg_opus(done_note)
    assert voice_notes_shown(bot, KARI) == [question_note.message_id, done_note.message_id]


async def test_a_notes_length_is_told_rounded_half_up(bot: RunningBot) -> None:
    await build_world()
    await choice.set_read_aloud("P1", True, actor="S1", now=NOW)
    kari, _lise = await kari_and_lise(bot)
    # The menu's voice note, made before and kept: two and a half seconds long.
    planned = VoiceMaker(bot.settings.voice_cache_dir, [Espeak()]).plan(
        "Hei, Kari! Hva vil du gjøre?", "nb"
    )
    assert planned is not None
    key = planned[2]
    folder = bot.settings.voice_cache_dir / key[:2]
    folder.mkdir(parents=True)
    rate = 48_000
    tone = 0.3 * np.sin(np.arange(int(2.5 * rate)) * 2 * np.pi * 440 / rate)
    (folder / f"{key}.ogg").write_bytes(encode_opus(tone.astype(np.float32), rate)[0])
    (folder / f"{key}.seconds").write_text("2.500")

    await kari.send("/meny")
    note = await kari.next()
    assert note.voice["duration"] == 3  # not 2, as round() makes of 2.5
