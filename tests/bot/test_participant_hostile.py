"""Stale and hostile input: each gets a clear answer and changes nothing."""

from __future__ import annotations

import asyncio

import pytest

from backend.links.links import revoke_link
from backend.models import Absence, AuditEvent, LinkRole, OutboxMessage, TelegramLink
from backend.telegram_standin import SentMessage
from tests.support.telegram import Chat, RunningBot
from tests.support.world import NOW, World, build_world, link

KARI = 1001


async def kari_menu(bot: RunningBot) -> tuple[World, Chat, SentMessage]:
    world = await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    kari = bot.chat(KARI, "Kari")
    return world, kari, await kari.send("/meny")


async def nothing_changed() -> None:
    assert await Absence.all().count() == 0
    assert await OutboxMessage.all().count() == 0
    assert await AuditEvent.filter(action__startswith="absence").count() == 0


TAMPERED = [
    "abk:{ola}:260407:260407:si",  # a participant Kari is not linked to
    "abd:{ola}:260407:260407",
    "abu:{ola}:260407",
    "abl:{ola}",
    "abw:{ola}",
    "abp:{ola}:260406",
    "abs:{ola}",
    "abk:{kari}:260407:260407:zz",  # no such reason
    "abk:{kari}:xx:yy:si",
    "abk:{kari}:260407",
    "abk::::",
    "abd:{kari}:261340:261340",  # no such date
    "abu:{kari}:-1",
    "abs:{kari}:1",
    "cons:999999:y",
    "conw:1",
    "conx:{kari}",
    "x" * 64,
]


@pytest.mark.parametrize("template", TAMPERED)
async def test_tampered_or_foreign_buttons_change_nothing(bot: RunningBot, template: str) -> None:
    world, kari, menu = await kari_menu(bot)
    await kari.tap_data(menu, template.format(ola=world.ola.id, kari=world.kari.id))
    answer = await kari.next()
    assert answer.text == "Hei, Kari! Hva vil du gjøre?"
    assert (
        bot.standin.callback_answers[-1]["text"] == "Den knappen virker ikke lenger. Her er menyen."
    )
    assert "Ola" not in " ".join(kari.received())
    await nothing_changed()


@pytest.mark.parametrize(
    ("data", "answer"),
    [
        ("abd:{kari}:260603:260603", "Fravær kan meldes inntil 8 uker fram"),
        ("abk:{kari}:260407:260610:si", "Fravær kan meldes inntil 8 uker fram"),
        ("abq:{kari}:260701:260629", "Fravær kan meldes inntil 8 uker fram"),
        ("abk:{kari}:260406:260406:si", "Den dagen er over."),
        ("abd:{kari}:260401:260408", "Den dagen er over."),
        ("abu:{kari}:260406", "Den dagen er over."),
        ("abd:{kari}:260410:260408", "Den siste dagen kan ikke være før den første"),
    ],
)
async def test_dates_outside_the_allowed_range_are_refused(
    bot: RunningBot, data: str, answer: str
) -> None:
    world, kari, menu = await kari_menu(bot)
    await kari.tap_data(menu, data.format(kari=world.kari.id))
    refused = await kari.next()
    assert refused.text.startswith(answer)
    assert kari.buttons(refused) == ["📆 En annen dag", "⬅️ Tilbake til menyen"]
    await nothing_changed()


async def test_the_last_allowed_day_is_taken(bot: RunningBot) -> None:
    world, kari, menu = await kari_menu(bot)
    await kari.tap_data(menu, f"abk:{world.kari.id}:260602:260602:si")  # 8 weeks ahead
    assert "Du er meldt borte: tirsdag 2. juni" in (await kari.next()).text


async def test_an_old_picker_page_refuses_a_day_that_is_over(bot: RunningBot) -> None:
    _world, kari, _menu = await kari_menu(bot)
    await kari.tap("Jeg kommer ikke")
    await kari.tap("En annen dag")
    page = await kari.tap("Velg dager")
    bot.clock.set(2026, 4, 9, 8, 0)  # two days later, the same page is still on screen
    last = await kari.tap("8", page)
    assert last.text.startswith("Den dagen er over.")
    await nothing_changed()


async def test_a_picker_page_far_away_is_moved_back_into_range(bot: RunningBot) -> None:
    world, kari, menu = await kari_menu(bot)
    await kari.tap_data(menu, f"abp:{world.kari.id}:300101")
    page = await kari.next()
    assert page.text.startswith("Velg den første dagen du er borte.")
    assert "2" in kari.buttons(page) and "Neste ▶️" not in kari.buttons(page)


async def test_an_old_menu_after_the_link_ended_gets_a_clear_message(bot: RunningBot) -> None:
    _world, kari, menu = await kari_menu(bot)
    old = await TelegramLink.get(telegram_user_id=KARI)
    await revoke_link(old.id, actor="staff:S1", now=NOW)
    answer = await kari.tap("Jeg kommer ikke", menu)
    assert answer.text == (
        "Denne chatten er ikke koblet til deg lenger. Spør kontaktpersonen din om en ny invitasjon."
    )
    assert await AuditEvent.filter(action="link.revoke").count() == 1
    await nothing_changed()


async def test_a_button_on_a_message_that_is_gone_answers_with_a_new_message(
    bot: RunningBot,
) -> None:
    world, kari, _menu = await kari_menu(bot)
    await kari.tap_data(SentMessage(message_id=9999, chat_id=KARI), f"abs:{world.kari.id}")
    question = await kari.next()
    assert question.text.endswith("\nHvorfor kommer du ikke?") and question.message_id != 9999


async def test_a_flood_is_answered_once_and_changes_nothing(bot: RunningBot) -> None:
    world, kari, menu = await kari_menu(bot)  # one update so far
    for n in range(19):
        await bot.standin.send_text(KARI, f"hei {n}", first_name="Kari")
    sick = f"abk:{world.kari.id}:260407:260407:si"
    for _ in range(10):
        await bot.standin.tap(KARI, menu.message_id, sick, force=True)
    # Counted as they arrived; answered at Telegram's pace for one chat (about one a
    # second), so the warning comes after the replies to the first nineteen.
    warning = await bot.standin.wait_for(KARI, lambda m: "mange meldinger" in m.text, timeout=30)
    assert warning.text == "Du sender mange meldinger. Vent litt, er du snill."
    # Let the bot fetch the rest of the flood; dropped updates end at once, with no I/O.
    while bot.standin.pending_updates():  # noqa: ASYNC110 - the stand-in has no event for it
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.2)
    assert len([t for t in kari.received() if "mange meldinger" in t]) == 1
    await nothing_changed()


async def test_a_note_after_the_link_ended_is_not_stored(bot: RunningBot) -> None:
    world, kari, _menu = await kari_menu(bot)
    await kari.tap("Jeg kommer ikke")
    await kari.tap("Syk")
    old = await TelegramLink.get(telegram_user_id=KARI)
    await revoke_link(old.id, actor="staff:S1", now=NOW)
    answer = await kari.send("Vondt i hodet")
    assert answer.text.startswith("Denne chatten er ikke koblet til deg lenger.")
    assert (await Absence.get(participant_id=world.kari.id)).note is None


async def test_a_stale_note_question_is_forgotten(bot: RunningBot) -> None:
    world, kari, _menu = await kari_menu(bot)
    await kari.tap("Jeg kommer ikke")
    await kari.tap("Syk")
    bot.clock.set(2026, 4, 7, 9, 0)  # an hour later the question is no longer open
    answer = await kari.send("Vondt i hodet")
    assert answer.text.startswith("Meldingen kom ikke fram.")  # a message, not a note
    assert (await Absence.get(participant_id=world.kari.id)).note is None
