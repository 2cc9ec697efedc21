"""The staff's main menu: each button does what its command does; nobody else may use them."""

from __future__ import annotations

import asyncio

from backend.models import LoginToken
from tests.bot.staff_world import KARI, LISE, build_staff_world
from tests.support.telegram import RunningBot


async def test_staff_menu_offers_the_days_work(bot: RunningBot) -> None:
    await build_staff_world(bot)
    lise = bot.chat(LISE, "Lise")
    menu = await lise.send("/meny")
    assert "Hva vil du gjøre?" in menu.text
    assert lise.buttons(menu)[:4] == [
        "📋 Dagens oppmøte",
        "🗓 Uka",
        "📄 Frammøteliste",
        "🔑 Logg inn på nettsidene",
    ]
    roster = await lise.tap("Dagens oppmøte", menu)
    assert roster.text.startswith("📋 Oppmøte tirsdag 7. april")


async def test_login_button_sends_a_one_time_link(bot: RunningBot) -> None:
    staff = await build_staff_world(bot)
    lise = bot.chat(LISE, "Lise")
    menu = await lise.send("/meny")
    answer = await lise.tap("Logg inn", menu)
    assert "/login/" in answer.text
    assert await LoginToken.filter(staff_id=staff.world.contact.id).count() == 1


async def test_a_participant_cannot_use_staff_buttons(bot: RunningBot) -> None:
    await build_staff_world(bot)
    kari = bot.chat(KARI, "Kari")
    menu = await kari.send("/meny")
    assert "📋 Dagens oppmøte" not in kari.buttons(menu)
    before = len(bot.standin.callback_answers)
    await kari.tap_data(menu, "sm:login")
    await kari.tap_data(menu, "sm:idag")
    for _ in range(100):  # the bot answers each tap; wait for both answers
        if len(bot.standin.callback_answers) >= before + 2:
            break
        await asyncio.sleep(0.05)
    answers = [a["text"] for a in bot.standin.callback_answers[before:]]
    assert len(answers) == 2 and all("bare for ansatte" in (text or "") for text in answers)
    assert await LoginToken.all().count() == 0
