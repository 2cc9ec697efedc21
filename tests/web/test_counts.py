"""A count is shown with the word for that number: "1 deltaker", "2 deltakere" (ngettext)."""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from backend.attendance import marking as attendance
from backend.models import AttendanceStatus, StaffRole
from backend.people import registry as people
from backend.shared.i18n import gettext_for
from backend.shared.wording import day_span
from bot.handlers.staff.lists import summary
from tests.support.world import NOW, WEEKDAYS
from tests.web.conftest import Web

POT = Path(__file__).resolve().parents[2] / "locales" / "messages.pot"
HEADER = "id;navn;fødselsdato;ukedager;tid;kontaktperson;program;transport\r\n"


async def test_the_participant_list_counts_one_and_many(web: Web) -> None:
    await web.sign_in(web.coordinator)
    assert "2 deltakere" in await (await web.client.get("/participants")).text()
    await people.add_unit("VTA", "VTA-verkstedet", actor="test")
    await web.sign_in(await people.add_staff("VTA", "V1", "Vera", StaffRole.LEADER, actor="test"))
    await people.add_participant(
        people.NewParticipant(
            "VTA", "V10", "Nils Berg", date(1980, 1, 1), WEEKDAYS, time(9), time(14), "V1"
        ),
        actor="test",
        today=NOW.date(),
    )
    page = await (await web.client.get("/participants")).text()
    assert "1 deltaker<" in page


@pytest.mark.parametrize(("saved", "words"), [("1", "Lagret: 1 endring."), ("3", "Lagret: 3 endringer.")])  # fmt: skip
async def test_saved_changes_are_counted_in_words(web: Web, saved: str, words: str) -> None:
    await web.sign_in(web.world.contact)
    page = await (await web.client.get(f"/attendance?month=2026-04&saved={saved}")).text()
    assert words in page


async def test_an_import_of_one_row_says_one(web: Web) -> None:
    await web.sign_in(web.coordinator)
    row = "P10;Åse Øren;1985-05-06;man,ons,fre;09:00-14:00;S1;aok;ja\r\n"
    content = (HEADER + row).encode("utf-8-sig")
    form = {"file": content, "csrf_token": web.csrf}
    page = await (await web.client.post("/import/preview", data=form)).text()
    assert "1 rad er klar til import." in page and "Importer 1 deltaker<" in page


async def test_pay_so_far_names_one_day(web: Web) -> None:
    web.clock.set(2026, 4, 30, 16, 0)
    await attendance.mark_day(
        web.world.kari, date(2026, 4, 7), AttendanceStatus.PRESENT, Decimal(1),
        actor_name="test", now=web.clock(),
    )  # fmt: skip
    await web.sign_in(web.world.leader)
    page = await (await web.client.get("/participants/P1")).text()
    assert "1 dag, 1 time: 16,00" in page


@pytest.mark.parametrize(
    ("language", "planned", "words"),
    [
        ("nb", 1, "Til stede 1 av 1 dag, borte uten melding 0."),
        ("nb", 2, "Til stede 1 av 2 dager, borte uten melding 0."),
        ("nn", 1, "Til stades 1 av 1 dag, borte utan melding 0."),
        ("en", 1, "Present 1 of 1 day, absent without notice 0."),
        ("en", 2, "Present 1 of 2 days, absent without notice 0."),
    ],
)
def test_the_list_summary_counts_planned_days(language: str, planned: int, words: str) -> None:
    totals = SimpleNamespace(present_days=1, planned_days=planned, absent_unnotified_days=0)
    found = SimpleNamespace(totals=totals)
    assert summary(found, gettext_for(language), language) == words  # type: ignore[arg-type]


def test_a_long_run_of_days_is_counted_in_the_readers_language() -> None:
    # Monday to Wednesday, then every other day: more than three runs, so the count is said.
    days = [date(2026, 4, d) for d in (6, 7, 8, 13, 15, 17)]
    assert day_span(days, "en", gettext_for("en")) == "6 days from Monday 6 to Friday 17 April"
    assert day_span(days, "nb", gettext_for("nb")) == "6 dager fra mandag 6. til fredag 17. april"


# A number before a plural noun in one fixed form is "1 dager" waiting to happen. These
# counts are fixed numbers, never 1 (a limit, a choice of weeks, the overview's 8 weeks).
FIXED_COUNTS = {
    "En liste kan gjelde høyst {days} dager",
    "En plan kan vise høyst {days} dager",
    "Et utvalg kan gjelde høyst {days} dager",
    "Filen har mer enn {count} rader",
    "AoK krever minst {minimum} dager i uken, vedtaket gir {days}",
    "KVP er på fulltid, {minimum} dager i uken, vedtaket gir {days}",
    "Siste {days} dager: til stede {present} av {planned} ({hours} t).",
    "Din plan de neste {count} dagene:",
    "Planen til {name} de neste {count} dagene:",
    "{n} ukene",
    "Påminnelser ingen kan få, neste {weeks} uker",
}
PLURAL_NOUN = re.compile(
    r"\{\w+\} (dager|dagene|deltakere|rader|endringer|timer|uker|ukene|feil|meldinger)\b"
)


def test_every_count_before_a_noun_goes_through_ngettext() -> None:
    entries = re.findall(r'^msgid "(.*)"\n(msgid_plural)?', POT.read_text(encoding="utf-8"), re.M)
    single = {msgid for msgid, plural in entries if not plural}
    assert sorted(m for m in single if PLURAL_NOUN.search(m) and m not in FIXED_COUNTS) == []
