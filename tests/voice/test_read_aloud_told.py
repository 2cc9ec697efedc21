"""Staff turn "🔊 Les opp" on or off for Kari: her own chat is told through the outbox,
not at night, with the real bot against the Telegram stand-in. Turned on, the notice is
followed by its voice note; turned off, it is the last one said. Her relative's chat,
which hears voice notes by his own choice, is told nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from backend.models import LinkRole, TelegramLink
from backend.shared.config import load_settings
from backend.telegram_standin import SentMessage, TelegramStandin
from backend.voice import choice
from bot.answering import AnsweringBot
from bot.app import build_application
from bot.delivery import Pacer, deliver_outbox
from tests.support.telegram import OSLO, TOKEN, Clock
from tests.support.world import NOW, build_world, link
from tests.voice.test_read_aloud_bot import is_ogg_opus

KARI, OLA = 1001, 1002


@pytest.fixture
async def sender(
    db: str, standin: TelegramStandin, clock: Clock, tmp_path: Path
) -> AsyncIterator[AnsweringBot]:
    """The bot the outbox sender writes through, with read-aloud, as `frammote run` has it."""
    env = {
        "TELEGRAM_API_URL": standin.api_root,
        "DATABASE_URL": db,
        "FRAMMOTE_VOICE_CACHE": str(tmp_path / "voice"),
    }
    app = build_application(load_settings(env=env, env_file=None), TOKEN, clock=clock)
    for user in (KARI, OLA):
        await standin.send_text(user, "/start", token=TOKEN)  # the chats Telegram knows
    async with app:
        assert isinstance(app.bot, AnsweringBot)
        yield app.bot


def shown(standin: TelegramStandin, chat: int) -> list[SentMessage]:
    return [m for m in standin.messages(chat, token=TOKEN) if m.from_bot and not m.deleted]


async def test_kari_is_told_in_the_morning_and_hears_it(
    standin: TelegramStandin, sender: AnsweringBot
) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    relative = await link("P1", LinkRole.RELATIVE, OLA, "Ola Nordmann")
    await TelegramLink.filter(id=relative.id).update(
        consent_at=NOW, consent_by="Kari", read_aloud=True
    )

    night = datetime(2026, 4, 7, 22, 0, tzinfo=OSLO)
    change = await choice.set_read_aloud("P1", True, actor="staff:S1", now=night)
    assert change.told == 1
    assert await deliver_outbox(sender, night, pacer=Pacer()) == 0
    assert shown(standin, KARI) == []

    morning = datetime(2026, 4, 8, 8, 0, tzinfo=OSLO)
    assert await deliver_outbox(sender, morning, pacer=Pacer()) == 1
    told, note = shown(standin, KARI)
    assert told.text == "🔊 Nå kommer svarene også som lyd. Du kan slå det av i menyen."
    assert is_ogg_opus(note)  # the notice is said too: read-aloud is on
    assert shown(standin, OLA) == []

    later = morning + timedelta(hours=2)
    await choice.set_read_aloud("P1", False, actor="staff:S1", now=later)
    assert await deliver_outbox(sender, later, pacer=Pacer()) == 1
    on, off, farewell = shown(standin, KARI)
    assert (on.text, off.text) == (told.text, "🔇 Svarene kommer nå bare som tekst.")
    # Said aloud too, in place of the last voice note: heard, not only read.
    assert is_ogg_opus(farewell) and farewell.message_id > off.message_id
    assert shown(standin, OLA) == []
    assert await deliver_outbox(sender, later + timedelta(hours=1), pacer=Pacer()) == 0
