"""A unit of 300 participants: the roster comes in pages that each fit one Telegram
message (4,096 characters, 100 buttons), and each staff chat keeps its own page."""

from __future__ import annotations

from datetime import time

import pytest
from telegram import Bot

from backend.attendance import marking as attendance
from backend.models import AttendanceDay, AttendanceStatus, Participant, Unit
from backend.people import registry as people
from bot.handlers.staff.roster import refresh
from tests.bot.staff_world import (
    LISE,
    D,
    build_staff_world,
    sender,  # noqa: F401 - the fixture
)
from tests.support.telegram import RunningBot

FIRST = ["Kari", "Ola", "Siri", "Mohammed", "Anne-Marie", "Jørgen", "Åse", "Ingrid"]
LAST = ["Nordmann", "Hansen", "Berg", "Abdullahi", "Kristoffersen-Lie", "Bakke"]


async def add_many(count: int) -> None:
    """Participants P100… at AOK, Monday to Friday 09–14, with ordinary names."""
    for n in range(count):
        name = f"{FIRST[n % len(FIRST)]} {LAST[n // len(FIRST) % len(LAST)]} {n:03d}"
        await people.add_participant(
            people.NewParticipant(
                "AOK", f"P{100 + n}", name, D("1990-01-01"), frozenset({1, 2, 3, 4, 5}),
                time(9), time(14), "S1",
            ),
            actor="test",
            today=D("2026-04-01"),
        )  # fmt: skip


def names_on(text: str) -> list[str]:
    return [line[2:].split(" 09:00")[0] for line in text.splitlines() if line.startswith("⬜ ")]


async def test_a_roster_of_300_comes_in_pages(
    bot: RunningBot,
    sender: Bot,  # noqa: F811
) -> None:
    await build_staff_world(bot)
    await add_many(298)  # with Kari and Siri: 300 expected on Tuesday
    lise = bot.chat(LISE, "Lise")
    roster = await lise.send("/idag")
    assert roster.text.startswith("📋 Oppmøte tirsdag 7. april · Arbeid og kvalifisering")
    assert "Side 1 av 15, deltaker 1–20 av 300." in roster.text
    assert "Bekreftet: 0 av 300." in roster.text
    seen = names_on(roster.text)
    assert len(seen) == 20
    assert lise.buttons(roster)[-2:] == ["👍 Alle andre er her", "🔄 Oppdater"]
    for page in range(2, 16):
        roster = await lise.tap("Neste side", roster)
        assert f"Side {page} av 15" in roster.text
        assert len(roster.text) <= 4096 and len(lise.buttons(roster)) <= 100
        seen += names_on(roster.text)
    assert "Neste side ▶️" not in lise.buttons(roster)
    assert len(seen) == 300 and len(set(seen)) == 300

    # a tap on the last page keeps the page, with the change on it
    name = names_on(roster.text)[0]
    shown = await lise.tap(f"✅ {name}", roster)  # full names: short ones would repeat
    assert "Side 15 av 15" in shown.text
    assert f"✅ {name}: 5,00 t" in shown.text
    assert "Bekreftet: 1 av 300." in shown.text
    assert await AttendanceDay.filter(status=AttendanceStatus.PRESENT).count() == 1

    # back one page: the copy keeps that page when a change made elsewhere edits it
    shown = await lise.tap("Forrige side", shown)
    assert "Side 14 av 15" in shown.text
    kari = await Participant.get(code="P1")
    await attendance.mark_day(
        kari, D("2026-04-07"), AttendanceStatus.PRESENT, actor_name="test", now=bot.clock()
    )
    await refresh(sender, await Unit.get(code="AOK"), D("2026-04-07"))
    shown = await lise.next()
    assert "Side 14 av 15" in shown.text
    assert "Bekreftet: 2 av 300." in shown.text
    assert not any("noe gikk galt" in text for text in lise.received())


@pytest.mark.parametrize(
    ("label", "title"),
    [("Uka", "📅 Uke 15"), ("Frammøteliste", "Hvem skal frammøtelisten")],
    ids=["week", "list"],
)
async def test_lists_of_participants_page_through_300(
    bot: RunningBot, label: str, title: str
) -> None:
    await build_staff_world(bot)
    await add_many(298)  # with Kari, Ola and Siri: 301 active participants
    lise = bot.chat(LISE, "Lise")
    screen = await lise.tap(label, await lise.send("/meny"))
    assert screen.text.startswith(title)
    people: list[str] = []
    for page in range(11):
        names = [b for b in lise.buttons(screen) if b[:2] in ("👤 ", "🏛 ")]
        assert len(names) == (30 if page < 10 else 1)
        people += names
        if page < 10:
            screen = await lise.tap("Neste side", screen)
    assert "Neste side ▶️" not in lise.buttons(screen)
    assert len(set(people)) == 301
    assert "👤 Kari Nordmann" in people
    assert not any("noe gikk galt" in text for text in lise.received())
