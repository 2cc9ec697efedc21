"""Every CSV the product writes, end to end: text a spreadsheet would run as a formula
is quoted wherever it was planted (names, remarks, closure reasons, unit code)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from backend.attendance import marking as attendance
from backend.models import AttendanceDay, Closure, Participant, Staff, Unit
from tests.support.formula_payloads import FORMULA_PAYLOADS, FORMULA_TRIGGERS
from tests.web.conftest import Web

APRIL = {"participant": "P1", "from": "2026-04-01", "to": "2026-04-10"}


def cells_of(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


async def plant(web: Web, payload: str) -> None:
    """The payload in every text a CSV shows, as any staff member (or an import) could."""
    web.clock.set(2026, 4, 30, 15, 0)
    kari = await Participant.get(code="P1")
    for day in (date(2026, 4, 7), date(2026, 4, 8)):
        await attendance.mark_day(
            kari, day, attendance.AttendanceStatus.PRESENT, actor_staff=web.world.contact,
            now=web.clock(),
        )  # fmt: skip
    # Stored as given: the guard must hold whatever path the text took in.
    await AttendanceDay.filter(participant_id=kari.id, day=date(2026, 4, 8)).update(remark=payload)
    await Participant.filter(code="P1").update(name=payload)
    await Staff.filter(code="S1").update(name=payload)
    await Unit.filter(id=web.world.unit.id).update(
        name=payload, code=payload, nav_contact_name=payload, nav_email="nav@example.no"
    )
    await Closure.create(unit_id=web.world.unit.id, day=date(2026, 4, 10), reason=payload)


async def download(web: Web, path: str, params: dict[str, str]) -> list[list[str]]:
    made = await web.client.get(path, params=params)
    assert made.status == 200, await made.text()
    return cells_of(await made.read())


@pytest.mark.parametrize("payload", FORMULA_PAYLOADS)
async def test_every_csv_quotes_text_that_starts_a_formula(web: Web, payload: str) -> None:
    await plant(web, payload)
    await web.sign_in(web.world.leader)
    quoted = "'" + payload
    files = {
        "attendance list": await download(
            web, "/reports/attendance-list/download", APRIL | {"format": "csv"}
        ),
        "attendance list (API)": await download(
            web, "/api/attendance-lists/P1", {"format": "csv", "from": "2026-04-01", "to": "2026-04-10"}
        ),
        "payroll": await download(web, "/reports/payroll.csv", {"month": "2026-04"}),
        "capacity": await download(web, "/reports/capacity", {"format": "csv"}),
    }  # fmt: skip
    for name, rows in files.items():
        for row in rows:
            for cell in row:
                assert not cell.startswith(FORMULA_TRIGGERS), (name, row)
    for name in ("attendance list", "attendance list (API)"):
        rows = files[name]
        assert rows[:5] == [
            ["Frammøteliste", quoted],
            ["Enhet", quoted],
            ["Periode", "01.04.2026–10.04.2026"],
            ["Kontaktperson", quoted],
            ["NAV-kontakt", quoted + ", nav@example.no"],
        ], name
        days = {row[0]: row for row in rows if row}
        assert days["08.04.2026"] == [
            "08.04.2026",
            "ons",
            "Til stede",
            "5,00",
            "5,00",
            "",
            "",
            quoted,
        ]
        assert days["10.04.2026"] == ["10.04.2026", "fre", "Stengt", "0,00", "0,00", "", "", quoted]
    assert files["payroll"] == [
        ["Ansattnummer", "Navn", "Dager", "Timer", "Beløp (kr)"],
        ["P1", quoted, "2", "10,00", "160,00"],
    ]
    assert files["capacity"][1][0] == quoted
