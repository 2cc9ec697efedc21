"""Attendance lists: gathered from the database, CSV and PDF cell by cell, e-mail to NAV."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from backend.absence.report import report_absence
from backend.attendance import marking as attendance
from backend.models import AbsenceCategory, AttendanceStatus, OutboxMessage, StaffRole, Unit
from backend.nav_lists.lists import (
    ListFormat,
    build_list,
    email_to_nav,
    export_for_staff,
    list_for_staff,
    render_csv,
    render_pdf,
)
from backend.nav_lists.rules import RowKind
from backend.outbox import smtp as mail
from backend.people import registry as people
from backend.reminders.querycount import count_queries
from backend.shared.config import Settings
from backend.shared.errors import RuleError
from tests.outbox.test_smtp import Inbox, inbox  # noqa: F401 - the SMTP fixture
from tests.support.telegram import OSLO
from tests.support.world import World, build_world

D = date.fromisoformat
H = Decimal
FIRST, LAST, TODAY = D("2026-03-30"), D("2026-04-12"), D("2026-04-10")


def at(day: str, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(D(day), datetime.min.time(), OSLO).replace(hour=hour, minute=minute)


async def easter_world() -> World:
    """Kari (Mon–Fri 09–14) over Easter 2026: present, late, both kinds of absence, unconfirmed."""
    world = await build_world()
    await Unit.filter(id=world.unit.id).update(
        nav_email="nav.larvik@example.no", nav_contact_name="Nina NAV"
    )
    kari = world.kari
    await report_absence(
        kari,
        [D("2026-04-01")],
        AbsenceCategory.SICK,
        reporter=None,
        now=at("2026-04-01", 7),
        reporter_name="Ola",
    )
    await report_absence(
        kari,
        [D("2026-04-09")],
        AbsenceCategory.DAY_OFF,
        reporter=None,
        now=at("2026-04-09", 10),
        reporter_name="Ola",
    )
    now = at("2026-04-10", 15)
    mark = attendance.mark_day
    await mark(kari, D("2026-03-30"), AttendanceStatus.PRESENT, actor_staff=world.contact, now=now)
    await mark(
        kari,
        D("2026-03-31"),
        AttendanceStatus.PRESENT,
        "4.25",
        actor_staff=world.contact,
        now=now,
        remark="Kom 09:45",
    )
    await mark(
        kari, D("2026-04-01"), AttendanceStatus.ABSENT_NOTIFIED, actor_staff=world.contact, now=now
    )
    await mark(
        kari,
        D("2026-04-07"),
        AttendanceStatus.ABSENT_UNNOTIFIED,
        actor_staff=world.contact,
        now=now,
    )
    await mark(kari, D("2026-04-08"), AttendanceStatus.PRESENT, actor_staff=world.contact, now=now)
    await world.unit.refresh_from_db()
    return world


EXPECTED_ROWS = [
    # date, kind, planned, present, category, late, remark
    ("2026-03-30", RowKind.PRESENT, "5.00", "5.00", None, False, None),
    ("2026-03-31", RowKind.PRESENT, "5.00", "4.25", None, False, "Kom 09:45"),
    ("2026-04-01", RowKind.ABSENT_NOTIFIED, "5.00", "0", "sick", False, None),
    ("2026-04-02", RowKind.CLOSED, "0", "0", None, False, None),
    ("2026-04-03", RowKind.CLOSED, "0", "0", None, False, None),
    ("2026-04-06", RowKind.CLOSED, "0", "0", None, False, None),
    ("2026-04-07", RowKind.ABSENT_UNNOTIFIED, "5.00", "0", None, False, None),
    ("2026-04-08", RowKind.PRESENT, "5.00", "5.00", None, False, None),
    ("2026-04-09", RowKind.ABSENT_NOTIFIED, "5.00", "0", "day_off", True, None),
    ("2026-04-10", RowKind.UNCONFIRMED, "5.00", "0", None, False, None),
]


async def test_the_list_is_gathered_from_what_is_stored(db: str) -> None:
    world = await easter_world()
    found = await build_list(world.kari, FIRST, LAST, TODAY)
    assert [r.day for r in found.rows] == [D(e[0]) for e in EXPECTED_ROWS]
    for row, (day, kind, planned, hours, category, late, remark) in zip(
        found.rows, EXPECTED_ROWS, strict=True
    ):
        assert (row.kind, row.planned_hours, row.hours) == (kind, H(planned), H(hours)), day
        assert (row.category, row.late, row.remark) == (category, late, remark), day
    assert [r.closure_reason for r in found.rows if r.kind is RowKind.CLOSED] == [
        "Skjærtorsdag",
        "Langfredag",
        "Andre påskedag",
    ]
    assert found.contact_name == "Lise Kontakt"
    assert (found.totals.present_days, found.totals.present_hours) == (3, H("14.25"))


async def test_a_list_takes_the_same_few_queries_for_a_fortnight_and_a_year(db: str) -> None:
    world = await easter_world()
    with count_queries() as short:
        await build_list(world.kari, FIRST, LAST, TODAY)
    with count_queries() as long:
        await build_list(world.kari, D("2025-04-01"), D("2026-04-12"), TODAY)
    assert short.count == long.count <= 5


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


async def test_csv_cell_by_cell(db: str) -> None:
    world = await easter_world()
    rows = csv_rows(render_csv(await build_list(world.kari, FIRST, LAST, TODAY)))
    assert rows[:5] == [
        ["Frammøteliste", "Kari Nordmann"],
        ["Enhet", "Arbeid og kvalifisering"],
        ["Periode", "30.03.2026–12.04.2026"],
        ["Kontaktperson", "Lise Kontakt"],
        ["NAV-kontakt", "Nina NAV, nav.larvik@example.no"],
    ]
    header = rows[6]
    assert header == [
        "Dato", "Dag", "Status", "Planlagte timer", "Timer til stede", "Fravær",
        "Meldt etter starttid", "Merknad",
    ]  # fmt: skip
    assert rows[7:17] == [
        ["30.03.2026", "man", "Til stede", "5,00", "5,00", "", "", ""],
        ["31.03.2026", "tir", "Til stede", "5,00", "4,25", "", "", "Kom 09:45"],
        ["01.04.2026", "ons", "Borte, meldt", "5,00", "0,00", "syk", "", ""],
        ["02.04.2026", "tor", "Stengt", "0,00", "0,00", "", "", "Skjærtorsdag"],
        ["03.04.2026", "fre", "Stengt", "0,00", "0,00", "", "", "Langfredag"],
        ["06.04.2026", "man", "Stengt", "0,00", "0,00", "", "", "Andre påskedag"],
        ["07.04.2026", "tir", "Borte, ikke meldt", "5,00", "0,00", "", "", ""],
        ["08.04.2026", "ons", "Til stede", "5,00", "5,00", "", "", ""],
        ["09.04.2026", "tor", "Borte, meldt", "5,00", "0,00", "fri", "ja", ""],
        ["10.04.2026", "fre", "Ikke bekreftet", "5,00", "0,00", "", "", ""],
    ]
    assert rows[17] == ["Sum", "", "", "35,00", "14,25", "", "", ""]
    totals = {r[0]: r[1] for r in rows[19:]}
    assert totals == {
        "Planlagte dager": "7 (35,00 t)",
        "Til stede": "3 (14,25 t)",
        "Borte, meldt": "2",
        "Borte, ikke meldt": "1",
        "Stengt": "3",
        "Ikke bekreftet": "1",
        "Oppmøte av bekreftede dager": "50 %",  # 3 present of 6 settled, 1 not confirmed
    }


def pdf_info(content: bytes) -> str:
    return subprocess.run(
        ["pdfinfo", "-"], input=content, check=True, capture_output=True
    ).stdout.decode()


def pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "list.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


async def test_pdf_has_every_part_on_one_a4_page(db: str, tmp_path: Path) -> None:
    world = await easter_world()
    content = render_pdf(await build_list(world.kari, FIRST, LAST, TODAY))
    assert content.startswith(b"%PDF-")
    info = pdf_info(content)
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info
    assert "595.28 x 841.89 pts (A4)" in info
    text = pdf_text(content, tmp_path)
    for expected in (
        "Frammøteliste",
        "Arbeid og kvalifisering",
        "Kari Nordmann (P1)",
        "30.03.2026–12.04.2026",
        "man, tir, ons, tor, fre 09:00–14:00",
        "Lise Kontakt",
        "Nina NAV, nav.larvik@example.no",
        "Skjærtorsdag",
        "Andre påskedag",
        "Borte, ikke meldt",
        "syk",
        "fri; meldt etter starttid",
        "Kom 09:45",
        "Sum for perioden",
        "50 %",
        "Underskrift kontaktperson",
    ):
        assert expected in text, expected
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "31.03.2026 tir Til stede 5,00 4,25 Kom 09:45" in lines
    assert "07.04.2026 tir Borte, ikke meldt 5,00" in lines
    assert "Til stede 3 (14,25 t)" in lines


async def test_staff_of_another_unit_gets_no_list(db: str) -> None:
    world = await easter_world()
    await people.add_unit("VTA", "Verkstedet", actor="test")
    other = await people.add_staff("VTA", "B1", "Berit Annen", StaffRole.LEADER, actor="test")
    with pytest.raises(RuleError, match="Fant ikke"):
        await list_for_staff(other, world.kari.id, FIRST, LAST, TODAY)
    with pytest.raises(RuleError, match="Fant ikke"):
        await list_for_staff(other, 999_999, FIRST, LAST, TODAY)
    made = await export_for_staff(world.contact, world.kari.id, FIRST, LAST, TODAY, ListFormat.CSV)
    assert made.filename == "frammoteliste-P1-2026-03-30-2026-04-12.csv"
    assert made.mime == "text/csv"
    with pytest.raises(RuleError, match="før sluttdatoen"):
        await list_for_staff(world.contact, world.kari.id, LAST, FIRST, TODAY)


async def test_the_list_reaches_nav_by_email_once(
    db: str,
    inbox: tuple[Inbox, Settings],  # noqa: F811 - the fixture imported above
) -> None:
    handler, settings = inbox
    world = await easter_world()
    found = await build_list(world.kari, FIRST, LAST, TODAY)
    now = at("2026-04-10", 15)
    assert await email_to_nav(found, now=now, sender="Lise Kontakt", actor="staff:S1")
    assert not await email_to_nav(found, now=now, sender="Lise Kontakt", actor="staff:S1")
    assert await mail.deliver_email_outbox(now, settings) == 1
    [(to, message)] = handler.received
    assert to == ["nav.larvik@example.no"]
    assert message["Subject"] == "Frammøteliste for Kari Nordmann, 30.03.2026–12.04.2026"
    body = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Vedlagt er frammøtelisten for Kari Nordmann ved Arbeid og kvalifisering" in body
    assert "Hilsen Lise Kontakt" in body
    files = {a.get_filename(): a for a in message.iter_attachments()}
    assert set(files) == {
        "frammoteliste-P1-2026-03-30-2026-04-12.pdf",
        "frammoteliste-P1-2026-03-30-2026-04-12.csv",
    }
    pdf = files["frammoteliste-P1-2026-03-30-2026-04-12.pdf"]
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_content().startswith(b"%PDF-")
    attached_csv = files["frammoteliste-P1-2026-03-30-2026-04-12.csv"].get_content()
    text = attached_csv if isinstance(attached_csv, str) else attached_csv.decode("utf-8-sig")
    assert "07.04.2026;tir;Borte, ikke meldt" in text
    assert await OutboxMessage.filter(email="nav.larvik@example.no").count() == 1


async def test_no_nav_address_is_a_clear_refusal(db: str) -> None:
    world = await build_world()
    found = await build_list(world.kari, FIRST, LAST, TODAY)
    with pytest.raises(RuleError, match="ingen e-postadresse til NAV"):
        await email_to_nav(found, now=at("2026-04-10", 15), sender="Lise", actor="staff:S1")


def test_the_cli_writes_the_list(
    db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`frammote lists` on a real database, as from a shell (its own event loop)."""
    import asyncio

    from backend.cli import main
    from backend.shared.db import database

    async def build() -> None:
        async with database(db_url, apply_migrations=False):
            await easter_world()

    asyncio.run(build())
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "kari.csv"
    args = ["lists", "--participant", "P1", "--from", "2026-03-30", "--to", "2026-04-12"]
    assert main([*args, "--format", "csv", "--output", str(out)]) == 0
    assert "attendance list P1 2026-03-30..2026-04-12 (csv)" in capsys.readouterr().out
    rows = csv_rows(out.read_bytes())
    assert rows[10] == ["02.04.2026", "tor", "Stengt", "0,00", "0,00", "", "", "Skjærtorsdag"]
    assert main([*args, "--output", str(tmp_path / "kari.pdf")]) == 0
    assert (tmp_path / "kari.pdf").read_bytes().startswith(b"%PDF-")
    assert (
        main(
            [
                "lists",
                "--participant",
                "NOPE",
                "--from",
                "2026-03-30",
                "--to",
                "2026-04-12",
                "--output",
                str(out),
            ]
        )
        == 1
    )


async def test_without_system_fonts_the_pdf_falls_back_to_helvetica(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backend.shared import pdf

    monkeypatch.setattr(pdf, "FONT_CANDIDATES", ())
    world = await easter_world()
    await world.kari.update_from_dict({"name": "Kari Łukasz Nordmann"}).save()
    text = pdf_text(render_pdf(await build_list(world.kari, FIRST, LAST, TODAY)), tmp_path)
    assert "Frammøteliste" in text and "Skjærtorsdag" in text  # Latin-1 has æøå
    assert "30.03.2026-12.04.2026" in text
    assert "Kari ?ukasz Nordmann" in text  # beyond Latin-1: replaced, never a crash


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # Arabic read back in logical order (poppler marks the runs; the marks are dropped).
        ("ar", ("قائمة الحضور", "مشارك", "الفترة", "مجموع الفترة", "Kari Nordmann", "P1")),
        ("uk", ("Список відвідування", "Учасник", "Період", "Kari Nordmann (P1)", "вт")),
        ("pl", ("Lista obecności", "Uczestnik", "Okres", "Kari Nordmann (P1)", "wt")),
    ],
)
async def test_the_list_in_arabic_ukrainian_and_polish(
    db: str, tmp_path: Path, language: str, expected: tuple[str, ...]
) -> None:
    world = await easter_world()
    content = render_pdf(await build_list(world.kari, FIRST, LAST, TODAY), language)
    if shots := os.environ.get("FRAMMOTE_SCREENSHOTS"):  # a folder to look at the lists in
        (Path(shots) / f"list-{language}.pdf").write_bytes(content)
    text = re.sub("[\u200e\u200f\u202a-\u202e]", "", pdf_text(content, tmp_path))
    for words in (*expected, "31.03.2026", "Arbeid og kvalifisering"):
        assert words in text, words
    assert re.search(r"^Pages:\s+1$", pdf_info(content), re.MULTILINE)
