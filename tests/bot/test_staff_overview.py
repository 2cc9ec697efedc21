"""/uke and one participant: what the week holds, and a participant's last two weeks."""

from __future__ import annotations

from datetime import date

from backend.absence.report import report_absence
from backend.attendance import marking as attendance
from backend.models import AbsenceCategory, AttendanceStatus
from tests.bot.staff_world import LISE, at, build_staff_world
from tests.support.telegram import RunningBot

D = date.fromisoformat


async def test_the_week_day_by_day_and_one_participant(bot: RunningBot) -> None:
    staff = await build_staff_world(bot)
    contact = staff.world.contact
    await attendance.mark_day(
        staff.kari, D("2026-04-07"), AttendanceStatus.PRESENT, "4.25",
        actor_staff=contact, now=at("2026-04-07", 8), remark="Kom 09:45",
    )  # fmt: skip
    await report_absence(
        staff.kari, [D("2026-04-09")], AbsenceCategory.APPOINTMENT,
        reporter=None, now=at("2026-04-07", 8), reporter_name="Lise",
    )  # fmt: skip
    lise = bot.chat(LISE, "Lise")
    week = await lise.send("/uke")
    lines = week.text.splitlines()
    assert lines[0] == "📅 Uke 15, man. 6. apr.–søn. 12. apr. · Arbeid og kvalifisering"
    assert "🔒 mandag 6. april: stengt (Andre påskedag)" in lines
    assert "tirsdag 7. april: ✅ 1 til stede, ⬜ 1 ikke bekreftet" in lines
    assert "onsdag 8. april: 🗓 3 ventet" in lines  # Ola comes on Wednesdays
    assert "torsdag 9. april: ❌ 1 borte, meldt, 🗓 1 ventet" in lines
    assert not any(line.startswith("lørdag") for line in lines)
    assert [b for b in lise.buttons(week) if b.startswith("👤")] == [
        "👤 Kari Nordmann",
        "👤 Ola Hansen",
        "👤 Siri Berg",
    ]
    one = await lise.tap("Kari Nordmann", week)
    assert one.text.startswith("👤 Kari Nordmann (P1)\nAvtalt: man, tir, ons, tor, fre 09:00–14:00")
    assert "Kontaktperson: Lise Kontakt" in one.text
    assert "✅ tir. 7. apr.: til stede 4,25 t (Kom 09:45)" in one.text
    assert "🔒 man. 6. apr.: stengt (Andre påskedag)" in one.text
    assert "📩 tor. 9. apr. (avtale)" in one.text
    back = await lise.tap("Tilbake til uka", one)
    assert back.text.startswith("📅 Uke 15")
    later = await lise.tap("Neste uke", back)
    assert later.text.startswith("📅 Uke 16")
    assert "tirsdag 14. april: 🗓 2 ventet" in later.text.splitlines()
