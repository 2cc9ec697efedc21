"""`frammote attendance mark --present` over a reported absence: refused with the
question, then `--end-absence` marks present and ends the absence that day."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from backend.absence.report import report_absence
from backend.models import Absence, AbsenceCategory, AttendanceDay, AuditEvent
from backend.people.registry import participant_by_code
from tests.cli.test_calendar_attendance_payroll import (
    cli,  # noqa: F401 - the fixture
    count,
    in_db,
    world,
)
from tests.support.telegram import OSLO

MARK = ("attendance", "mark", "--participant", "P1", "--date", "2026-04-08", "--present")


def kari_reports_a_doctor(db_url: str) -> None:
    async def report() -> None:
        kari = await participant_by_code("P1")
        await report_absence(
            kari, [date(2026, 4, 8)], AbsenceCategory.APPOINTMENT,
            reporter=None, now=datetime(2026, 4, 7, 9, 0, tzinfo=OSLO), reporter_name="Kari",
        )  # fmt: skip

    in_db(db_url, report)


def test_present_over_an_absence_needs_end_absence(cli: Any, db_url: str) -> None:  # noqa: F811
    world(db_url)
    kari_reports_a_doctor(db_url)
    code, out, err = cli(*MARK)
    assert (code, out) == (1, "")
    assert err == (
        "frammote: Kari Nordmann har meldt fravær 2026-04-08 (avtale). Legg til --end-absence "
        "hvis Kari Nordmann likevel var her: da avsluttes fraværet den dagen.\n"
    )
    assert count(db_url, AttendanceDay) == 0
    assert count(db_url, Absence, withdrawn_at=None) == 1

    code, out, _ = cli(*MARK, "--end-absence")
    assert (code, out) == (0, "attendance P1 2026-04-08: present 5.00 h\n")
    assert count(db_url, Absence, withdrawn_at=None) == 0
    assert count(db_url, AuditEvent, action="absence.end", actor="cli") == 1


def test_end_absence_goes_with_present(cli: Any, db_url: str) -> None:  # noqa: F811
    world(db_url)
    code, _, err = cli(
        "attendance", "mark", "--participant", "P1", "--date", "2026-04-08", "--absent",
        "--end-absence",
    )  # fmt: skip
    assert code == 2 and "--end-absence goes with --present" in err
