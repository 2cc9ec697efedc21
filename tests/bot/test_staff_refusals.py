"""Nobody sees another unit, and only staff use the staff's bot: forged and foreign taps
and commands are refused in plain words and change nothing."""

from __future__ import annotations

from telegram import Bot

from backend.models import AttendanceDay, LoginToken, OutboxMessage, RosterMessage
from tests.bot.staff_world import (
    BERIT,
    KARI,
    LISE,
    alert,
    answers,
    at,
    build_staff_world,
    jobs_for,
    sender,  # noqa: F401 - the fixture
)
from tests.support.telegram import RunningBot

TODAY = "260407"


async def test_staff_of_another_unit_cannot_use_a_roster_button_of_this_one(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    staff = await build_staff_world(bot, start=(LISE, BERIT))
    await jobs_for(bot, sender).minute(at("2026-04-07", 8, 30))
    berit = bot.chat(BERIT, "Berit")
    own = await berit.next()  # Berit's own roster: her unit only
    assert "Verkstedet" in own.text and "Vilde Vik" in own.text
    assert "Kari" not in own.text

    forged = [
        (f"rp:{staff.kari.id}:{TODAY}", "Fant ikke den deltakeren ved enheten din"),
        (f"ra:{staff.kari.id}:{TODAY}", "Fant ikke den deltakeren ved enheten din"),
        (f"rq:{staff.kari.id}:{TODAY}:16", "Fant ikke den deltakeren ved enheten din"),
        (f"rh:{staff.kari.id}:{TODAY}:16", "Fant ikke den deltakeren ved enheten din"),
        (f"rr:{staff.unit.id}:{TODAY}", "Du kan bare se din egen enhet"),
        (f"rv:{staff.unit.id}:{TODAY}", "Du kan bare se din egen enhet"),
        (f"rn:{staff.kari.id}:{TODAY}", "Fant ikke den deltakeren ved enheten din"),
        (f"sp:{staff.kari.id}", "Fant ikke den deltakeren ved enheten din"),
        (f"sl:{staff.kari.id}", "Fant ikke den deltakeren ved enheten din"),
        (f"slp:{staff.kari.id}:14", "Fant ikke den deltakeren ved enheten din"),
        (f"sln:{staff.kari.id}:260330:260412", "Fant ikke den deltakeren ved enheten din"),
    ]
    for data, refusal in forged:
        seen = answers(bot, BERIT)
        await berit.tap_data(own, data)
        assert refusal in await alert(bot, BERIT, seen), data
    assert await AttendanceDay.all().count() == 0
    assert await OutboxMessage.filter(email__isnull=False).count() == 0
    # Lise's copy was never touched by Berit's taps.
    lise_roster = bot.chat(LISE, "Lise").last()
    assert not lise_roster.edited


async def test_a_notice_of_another_chat_cannot_be_marked_seen(bot: RunningBot) -> None:
    from backend.absence.report import report_absence
    from backend.models import AbsenceCategory

    staff = await build_staff_world(bot, start=(LISE, BERIT))
    await report_absence(
        staff.kari, [at("2026-04-07", 0).date()], AbsenceCategory.SICK,
        reporter=None, now=at("2026-04-07", 7), reporter_name="Kari",
    )  # fmt: skip
    notice = await OutboxMessage.get(template="absence_reported", chat_id=LISE)
    berit = bot.chat(BERIT, "Berit")
    menu = await berit.send("/meny")
    seen = answers(bot, BERIT)
    await berit.tap_data(menu, f"sas:{notice.id}")
    assert "Fant ikke den meldingen" in await alert(bot, BERIT, seen)
    from backend.models import Absence

    assert (await Absence.get(participant_id=staff.kari.id)).seen_at is None


async def test_a_participant_gets_no_staff_command_nor_button(bot: RunningBot) -> None:
    staff = await build_staff_world(bot)
    kari = bot.chat(KARI, "Kari")
    for command in ("/idag", "/uke", "/liste", "/login"):
        answer = await kari.send(command)
        assert answer.text == "Dette er bare for ansatte. Skriv /meny for å se hva du kan gjøre."
    menu = await kari.send("/meny")
    for data in (f"rp:{staff.kari.id}:{TODAY}", f"rr:{staff.unit.id}:{TODAY}", "sas:1"):
        seen = answers(bot, KARI)
        await kari.tap_data(menu, data)
        assert "bare for ansatte" in await alert(bot, KARI, seen)
    assert await AttendanceDay.all().count() == 0
    assert await RosterMessage.all().count() == 0
    assert await LoginToken.all().count() == 0
    # A stranger alike.
    stranger = bot.chat(1999, "Ukjent")
    assert "bare for ansatte" in (await stranger.send("/login")).text
    assert await LoginToken.all().count() == 0


async def test_malformed_staff_buttons_change_nothing(bot: RunningBot) -> None:
    await build_staff_world(bot)
    lise = bot.chat(LISE, "Lise")
    roster = await lise.send("/idag")
    for data in ("rp:abc:260407", "rp:1:991399", "rr:1", "su:xx", "sas:", "slp:1:zz"):
        await lise.tap_data(roster, data)
        shown = await lise.next()  # the menu again, with "that button no longer works"
        assert "Hei" in shown.text, data
    assert await AttendanceDay.all().count() == 0
