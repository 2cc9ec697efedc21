"""/login sends a one-time link to the web pages; staff chats get their own command menu."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

import pytest

from backend.access import sign_in as auth
from backend.models import LoginToken, Staff
from backend.people import staffing
from backend.shared.errors import RuleError
from tests.bot.staff_world import KARI, LISE, build_staff_world
from tests.support.telegram import RunningBot


async def test_login_link_works_once_within_ten_minutes(bot: RunningBot) -> None:
    staff = await build_staff_world(bot)
    answer = await bot.chat(LISE, "Lise").send("/login")
    assert answer.text.startswith(
        "Her er lenken til nettsidene. Den virker i 10 minutter og bare én gang:\n"
    )
    found = re.search(r"(http://127\.0\.0\.1:8080)/login/([A-Za-z0-9_-]{20,})$", answer.text)
    assert found is not None, answer.text
    token = found.group(2)
    row = await LoginToken.get(staff_id=staff.world.contact.id)
    assert row.expires_at - row.created_at <= timedelta(minutes=10, seconds=1)
    signed = await auth.sign_in(token, bot.clock.now + timedelta(minutes=9))
    assert signed.staff.code == "S1"
    with pytest.raises(RuleError):
        await auth.sign_in(token, bot.clock.now + timedelta(minutes=9))


async def test_an_old_link_is_refused(bot: RunningBot) -> None:
    await build_staff_world(bot)
    answer = await bot.chat(LISE, "Lise").send("/login")
    token = answer.text.rsplit("/", 1)[1]
    with pytest.raises(RuleError):
        await auth.sign_in(token, bot.clock.now + timedelta(minutes=11))


async def test_staff_chats_get_the_staff_command_menu(bot: RunningBot) -> None:
    await build_staff_world(bot, start=(LISE, KARI))
    menus: dict[str, list[dict[str, str]]] = {}
    for _ in range(300):  # set after the /start answer, in the same update
        menus = bot.standin.commands(scope={"type": "chat", "chat_id": LISE})
        if menus:
            break
        await asyncio.sleep(0.01)
    assert [c["command"] for c in menus[""]] == ["idag", "uke", "liste", "login", "meny"]
    assert menus[""][0]["description"] == "Dagens oppmøte"
    assert bot.standin.commands(scope={"type": "chat", "chat_id": KARI}) == {}


async def test_a_deactivated_staff_member_is_no_longer_staff_in_the_bot(bot: RunningBot) -> None:
    staff = await build_staff_world(bot)
    lise = bot.chat(LISE, "Lise")
    # The flag alone (links left in place) is enough: every update checks it.
    await Staff.filter(code="S1").update(active=False)
    refused = "Du har ikke lenger tilgang som ansatt her. Snakk med koordinatoren."
    assert (await lise.send("/login")).text == refused
    assert (await lise.send("/idag")).text == refused
    assert await LoginToken.filter(staff_id=staff.world.contact.id).count() == 0

    # Deactivated properly, and let in again: the old link stays ended.
    await Staff.filter(code="S1").update(active=True)
    await staffing.deactivate_staff("S1", actor="cli", now=bot.clock.now)
    await staffing.reactivate_staff("S1", actor="cli", now=bot.clock.now)
    assert (await lise.send("/login")).text == refused
    assert await LoginToken.filter(staff_id=staff.world.contact.id).count() == 0
