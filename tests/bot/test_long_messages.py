"""A staff message longer than Telegram allows goes out as several messages, split
between lines or words (never inside a word), with its buttons on the last one."""

from __future__ import annotations

from telegram import Bot

from backend.attendance.roster import UNCONFIRMED_TEMPLATE, unconfirmed_params
from backend.models import OutboxMessage, OutboxStatus, Unit
from backend.outbox import queue as outbox
from bot.delivery import Pacer, deliver_outbox
from tests.bot.staff_world import (
    LISE,
    at,
    bot_messages,
    build_staff_world,
    sender,  # noqa: F401 - the fixture
)
from tests.support.telegram import RunningBot


async def test_a_long_reminder_is_split_between_words_with_its_button_last(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    await build_staff_world(bot)
    unit = await Unit.get(code="AOK")
    day = at("2026-04-07", 16).date()
    names = [f"Deltaker{n:03d} Kristoffersen-Lie" for n in range(300)]  # about 9,000 characters
    await outbox.enqueue(
        "long-reminder",
        UNCONFIRMED_TEMPLATE,
        unconfirmed_params(unit, day, names),
        due_at=at("2026-04-07", 16),
        chat_id=LISE,
    )
    before = len(bot_messages(bot, LISE))
    # Paced one second apart, as Telegram's limit per chat wants.
    sent = await deliver_outbox(sender, at("2026-04-07", 16), pacer=Pacer())
    assert sent == 1
    parts = bot_messages(bot, LISE)[before:]
    assert len(parts) == 3
    assert all(len(p.text) <= 4096 for p in parts)
    words = " ".join(p.text for p in parts).split(" ")
    assert words[:5] == ["Oppmøtet", "7.", "april", "2026", "er"]
    assert [w.rstrip(",.") for w in words if w.startswith("Deltaker")] == [
        f"Deltaker{n:03d}" for n in range(300)
    ]
    assert [bot.standin.buttons(p) for p in parts[:-1]] == [[], []]
    assert [label for label, _ in bot.standin.buttons(parts[-1])] == ["📋 Vis dagens liste"]
    row = await OutboxMessage.get(key="long-reminder")
    assert row.status == OutboxStatus.SENT
