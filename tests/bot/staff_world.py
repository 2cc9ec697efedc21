"""A world for the staff's bot: tests.support.world plus Siri (with her mother), a second
unit with its own staff, linked chats, and the staff's minute job on a plain Bot.

Tuesday 7 April 2026 (the clock's default) is the Tuesday after Easter: Kari (Mon–Fri
09–14) and Siri (Mon–Fri 09–15) are expected at AOK, Ola (Mon/Wed/Fri) is not.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime, time

import pytest
from telegram import Bot

from backend.models import LinkRole, Participant, TelegramLink, Unit
from backend.people import registry as people
from backend.telegram_standin import SentMessage
from bot.answering import answering_bot
from bot.delivery import PACER
from bot.handlers.staff.jobs import StaffJobs
from tests.support.telegram import OSLO, TOKEN, RunningBot
from tests.support.world import NOW, World, build_world, link

KARI, MOR, LISE, PER, BERIT = 1001, 1002, 1003, 1004, 1005
D = date.fromisoformat


def at(day: str, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(D(day), time(hour, minute), tzinfo=OSLO)


@dataclass
class StaffWorld:
    world: World
    siri: Participant
    vta: Unit
    vilde: Participant  # a VTA participant, Berit's

    @property
    def unit(self) -> Unit:
        return self.world.unit

    @property
    def kari(self) -> Participant:
        return self.world.kari


async def build_staff_world(bot: RunningBot, *, start: tuple[int, ...] = (LISE,)) -> StaffWorld:
    world = await build_world()
    siri = await people.add_participant(
        people.NewParticipant(
            "AOK", "P3", "Siri Berg", D("1995-05-05"), frozenset({1, 2, 3, 4, 5}),
            time(9), time(15), "S1",
        ),
        actor="test",
        today=NOW.date(),
    )  # fmt: skip
    vta = await people.add_unit("VTA", "Verkstedet", actor="test")
    await people.add_staff("VTA", "B1", "Berit Annen", people.StaffRole.CONTACT, actor="test")
    vilde = await people.add_participant(
        people.NewParticipant(
            "VTA", "V1", "Vilde Vik", D("1992-02-02"), frozenset({1, 2, 3, 4, 5}),
            time(9), time(14), "B1",
        ),
        actor="test",
        today=NOW.date(),
    )  # fmt: skip
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    await link("S2", LinkRole.STAFF, PER, "Per Leder")
    await link("B1", LinkRole.STAFF, BERIT, "Berit Annen")
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    mother = await link("P3", LinkRole.RELATIVE, MOR, "Mor Berg")
    await TelegramLink.filter(id=mother.id).update(consent_at=NOW, consent_by="test")
    for user in start:
        await bot.chat(user, "Ansatt").send("/start")
    return StaffWorld(world, siri, vta, vilde)


@pytest.fixture
async def sender(bot: RunningBot) -> AsyncIterator[Bot]:
    """Another bot object on the stand-in, built as the Application's is, as the scheduler's jobs use it."""
    async with answering_bot(TOKEN, bot.standin.api_root) as plain:
        yield plain


def jobs_for(bot: RunningBot, sender: Bot) -> StaffJobs:
    """The staff's minute job, paced as the outbox sender is (one pacer per process)."""
    return StaffJobs(sender, bot.settings, PACER)


def bot_messages(bot: RunningBot, user: int) -> list[SentMessage]:
    """What the bot shows in a chat now (deleted messages left out)."""
    return [m for m in bot.standin.messages(user) if m.from_bot and not m.deleted]


def data_of(bot: RunningBot, message: SentMessage, label: str) -> str:
    """The callback data of the one button whose label contains `label`."""
    found = [d for text, d in bot.standin.buttons(message) if label in text and d]
    assert len(found) == 1, (label, bot.standin.buttons(message))
    return found[0]


def answers(bot: RunningBot, user: int) -> int:
    """How many callback answers (toasts, alerts) the user has been shown so far."""
    return len([a for a in bot.standin.callback_answers if a["user_id"] == user])


async def alert(bot: RunningBot, user: int, seen: int) -> str:
    """The text of the first callback answer after the first `seen` ones."""
    for _ in range(500):
        found = [a for a in bot.standin.callback_answers if a["user_id"] == user]
        if len(found) > seen:
            return found[seen]["text"] or ""
        await asyncio.sleep(0.01)
    raise TimeoutError(f"no callback answer for user {user}")
