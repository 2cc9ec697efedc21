"""My plan and My pay in the bot: plain words, one line per day, the reader's money format."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from backend.absence.report import report_absence
from backend.attendance.marking import mark_day
from backend.calendar.calendars import decision_of, unit_calendar
from backend.calendar.plan_rules import planned_days
from backend.calendar.settings import add_closure
from backend.models import AbsenceCategory, AttendanceStatus, LinkRole, Participant, TelegramLink
from backend.pay.rules import format_nok
from tests.support.telegram import OSLO, Chat, RunningBot
from tests.support.world import NOW, World, build_world, link

KARI, ANNE, STRANGER = 1001, 1004, 1999
LATER = datetime(2026, 11, 23, 9, 0, tzinfo=OSLO)

KARI_FROM_7_APRIL = [
    "Din plan de neste 14 dagene:",
    "tirsdag 7. april: 09:00–14:00",
    "onsdag 8. april: meldt borte",
    "torsdag 9. april: stengt (Personaldag)",
    "fredag 10. april: 09:00–14:00",
    "lørdag 11. april: fri",
    "søndag 12. april: fri",
    "mandag 13. april: 09:00–14:00",
    "tirsdag 14. april: 09:00–14:00",
    "onsdag 15. april: 09:00–14:00",
    "torsdag 16. april: 09:00–14:00",
    "fredag 17. april: 09:00–14:00",
    "lørdag 18. april: fri",
    "søndag 19. april: fri",
    "mandag 20. april: 09:00–14:00",
]


async def kari_on_telegram(bot: RunningBot, language: str = "nb") -> tuple[World, Chat]:
    world = await build_world()
    kari_link = await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await TelegramLink.filter(id=kari_link.id).update(language=language)
    kari = bot.chat(KARI, "Kari", language_code=language)
    await kari.send("/start")
    return world, kari


async def anne_for_both(bot: RunningBot) -> tuple[World, Chat]:
    """Anne is the relative of Kari and of Ola, with consent for both."""
    world = await build_world()
    for code in ("P1", "P2"):
        relative = await link(code, LinkRole.RELATIVE, ANNE, "Anne")
        await TelegramLink.filter(id=relative.id).update(consent_at=NOW, consent_by="test")
    anne = bot.chat(ANNE, "Anne")
    await anne.send("/start")
    return world, anne


async def fill_april(participant: Participant, hours: str, absent: set[date]) -> None:
    calendar = await unit_calendar(await participant.unit)
    for day in planned_days(
        decision_of(participant), calendar, date(2026, 4, 1), date(2026, 4, 30)
    ):
        if day in absent:
            await mark_day(
                participant, day, AttendanceStatus.ABSENT_NOTIFIED, actor_name="t", now=LATER
            )
        else:
            await mark_day(
                participant, day, AttendanceStatus.PRESENT, hours, actor_name="t", now=LATER
            )


# --- My plan ----------------------------------------------------------------------


async def test_my_plan_is_fourteen_lines_in_plain_words(bot: RunningBot) -> None:
    world, kari = await kari_on_telegram(bot)
    kari_link = await TelegramLink.get(telegram_user_id=KARI)
    await report_absence(
        world.kari, [date(2026, 4, 8)], AbsenceCategory.SICK, reporter=kari_link, now=NOW
    )
    await add_closure(world.unit, date(2026, 4, 9), "Personaldag", actor="test")

    plan = await kari.tap("Min plan")
    assert plan.text.split("\n") == KARI_FROM_7_APRIL
    assert kari.buttons(plan) == ["⬅️ Tilbake til menyen"]
    assert "syk" not in plan.text  # the reason stays out: "meldt borte" is enough


@pytest.mark.parametrize(
    ("moment", "line"),
    [
        ((2026, 4, 28, 8, 0), "fredag 1. mai: stengt (Arbeidernes dag)"),
        ((2026, 7, 1, 8, 0), "mandag 6. juli: stengt (fellesferie)"),
        ((2026, 12, 21, 8, 0), "mandag 28. desember: stengt (jul)"),
        ((2026, 12, 21, 8, 0), "fredag 25. desember: stengt (Første juledag)"),
        ((2027, 5, 10, 8, 0), "mandag 17. mai: stengt (Andre pinsedag, Grunnlovsdag)"),
    ],
)
async def test_closed_days_say_why(bot: RunningBot, moment: tuple[int, ...], line: str) -> None:
    bot.clock.set(*moment)
    _world, kari = await kari_on_telegram(bot)
    plan = await kari.tap("Min plan")
    assert line in plan.text.split("\n")


async def test_a_relative_of_two_picks_whom_first(bot: RunningBot) -> None:
    _world, anne = await anne_for_both(bot)
    assert anne.buttons(anne.last())[:2] == ["🚫 Meld fravær", "📅 Planer"]
    question = await anne.tap("Planer")
    assert question.text == "Hvem vil du se planen til?"
    assert anne.buttons(question) == ["👤 Kari Nordmann", "👤 Ola Hansen", "⬅️ Tilbake til menyen"]
    plan = await anne.tap("Ola Hansen", question)
    assert plan.text.split("\n")[:4] == [
        "Planen til Ola Hansen de neste 14 dagene:",
        "tirsdag 7. april: fri",
        "onsdag 8. april: 09:00–13:00",
        "torsdag 9. april: fri",
    ]


async def test_no_plan_for_someone_else(bot: RunningBot) -> None:
    world, kari = await kari_on_telegram(bot)
    menu = kari.last()
    await kari.tap_data(menu, f"plan:{world.ola.id}")
    answer = await kari.next()
    assert "Ola" not in answer.text and "09:00–13:00" not in answer.text
    await kari.tap_data(menu, "plan:xyz")
    assert "Ola" not in (await kari.next()).text

    stranger = bot.chat(STRANGER, "Ukjent")
    shown = await stranger.send("/start")
    await stranger.tap_data(shown, "plan")
    assert "09:00" not in (await stranger.next()).text
    await stranger.tap_data(shown, "pay")
    assert "kr" not in (await stranger.next()).text


# --- My pay -----------------------------------------------------------------------


async def test_my_pay_this_month_so_far_and_last_month(bot: RunningBot) -> None:
    world, kari = await kari_on_telegram(bot)
    await fill_april(world.kari, "6", absent={date(2026, 4, 1), date(2026, 4, 30)})
    await mark_day(
        world.kari, date(2026, 5, 4), AttendanceStatus.PRESENT, "4.5", actor_name="t", now=LATER
    )
    bot.clock.set(2026, 5, 6, 9, 0)

    pay = await kari.tap("Min lønn")
    assert pay.text.split("\n") == [
        "Din lønn for timene du har vært her:",
        "I mai så langt: 1 dag, 4,5 timer, 72,00\xa0kr.",
        "I april: 17 dager, 102 timer, 1\xa0632,00\xa0kr.",
    ]
    assert kari.buttons(pay) == ["⬅️ Tilbake til menyen"]


async def test_a_rate_change_shows_in_the_amount(bot: RunningBot) -> None:
    from backend.calendar.settings import add_pay_rate

    world, kari = await kari_on_telegram(bot)
    await add_pay_rate(world.unit, date(2026, 4, 15), 1700, actor="test")
    await fill_april(world.kari, "6", absent={date(2026, 4, 1), date(2026, 4, 30)})
    bot.clock.set(2026, 5, 4, 9, 0)
    pay = await kari.tap("Min lønn")
    assert "I april: 17 dager, 102 timer, 1\xa0698,00\xa0kr." in pay.text.split("\n")
    assert "I mai så langt: ingen timer ennå." in pay.text.split("\n")


async def test_pay_in_the_readers_money_format(bot: RunningBot) -> None:
    world, kari = await kari_on_telegram(bot, language="en")
    await fill_april(world.kari, "6", absent={date(2026, 4, 1), date(2026, 4, 30)})
    bot.clock.set(2026, 5, 6, 9, 0)
    pay = await kari.tap("💰")
    assert format_nok(163_200, "en_GB") in pay.text
    assert "April" in pay.text


async def test_a_relative_sees_pay_only_for_the_chosen_participant(bot: RunningBot) -> None:
    world, anne = await anne_for_both(bot)
    await TelegramLink.filter(telegram_user_id=ANNE).update(sees_pay=True)  # both shared it
    await fill_april(world.ola, "4", absent=set())
    bot.clock.set(2026, 5, 6, 9, 0)
    question = await anne.tap("Lønn", await anne.send("/meny"))
    assert question.text == "Hvem vil du se lønnen til?"
    pay = await anne.tap("Ola Hansen", question)
    assert pay.text.split("\n") == [
        "Lønnen til Ola Hansen:",
        "I mai så langt: ingen timer ennå.",
        "I april: 11 dager, 44 timer, 704,00\xa0kr.",
    ]
    kari = await anne.tap("Kari Nordmann", await anne.tap("Lønn", await anne.tap("Tilbake")))
    assert kari.text.split("\n")[2] == "I april: ingen timer."
