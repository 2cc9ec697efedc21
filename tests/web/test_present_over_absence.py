"""The attendance grid asks once before marking present over a reported absence; a yes
ends the absence of that day, so the grid, the plan and pay agree."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from backend.absence.report import report_absence
from backend.models import Absence, AbsenceCategory, AttendanceDay, AttendanceStatus
from tests.support.telegram import OSLO
from tests.web.conftest import Web

QUESTION = (
    "Kari Nordmann har meldt fravær 2026-04-08 (syk). Er Kari Nordmann likevel her? "
    "Bekreft, så avsluttes fraværet den dagen."
)


async def test_present_over_an_absence_is_asked_once_then_ends_it(web: Web) -> None:
    web.clock.set(2026, 4, 8, 15, 0)
    await report_absence(
        web.world.kari, [date(2026, 4, 8)], AbsenceCategory.SICK,
        reporter=None, now=datetime(2026, 4, 8, 7, 0, tzinfo=OSLO), reporter_name="Kari",
    )  # fmt: skip
    await web.sign_in(web.world.contact)
    asked = await web.post("/attendance", [("month", "2026-04"), ("c:P1:2026-04-08", "present")])
    page = await asked.text()
    assert asked.status == 200
    assert QUESTION in page
    assert "Ja, <bdi>Kari Nordmann</bdi> er her" in page
    assert await AttendanceDay.filter(participant_id=web.world.kari.id).count() == 0
    assert await Absence.filter(withdrawn_at=None).count() == 1

    form = re.search(
        r'<form method="post" action="/attendance/day" class="confirm.*?</form>', page, re.S
    )
    assert form is not None
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(0)))
    assert fields == {
        "csrf_token": web.csrf, "participant": "P1", "day": "2026-04-08", "status": "present",
        "hours": "", "remark": "", "end_absence": "1",
    }  # fmt: skip
    fields.pop("csrf_token")
    done = await web.post("/attendance/day", fields)
    assert done.status == 200
    record = await AttendanceDay.get(participant_id=web.world.kari.id, day="2026-04-08")
    assert (record.status, Decimal(record.hours)) == (AttendanceStatus.PRESENT, Decimal("5.00"))
    assert (await Absence.get(participant_id=web.world.kari.id)).withdrawn_at is not None
    assert QUESTION not in await done.text()


async def test_the_day_form_asks_too_and_keeps_the_hours(web: Web) -> None:
    web.clock.set(2026, 4, 8, 15, 0)
    await report_absence(
        web.world.kari, [date(2026, 4, 8)], AbsenceCategory.SICK,
        reporter=None, now=datetime(2026, 4, 8, 7, 0, tzinfo=OSLO), reporter_name="Kari",
    )  # fmt: skip
    await web.sign_in(web.world.contact)
    day = {"participant": "P1", "day": "2026-04-08", "status": "present", "hours": "3,5"}
    asked = await web.post("/attendance/day", day)
    page = await asked.text()
    assert QUESTION in page and 'name="hours" value="3,5"' in page
    assert await AttendanceDay.filter(participant_id=web.world.kari.id).count() == 0
    await web.post("/attendance/day", {**day, "end_absence": "1"})
    record = await AttendanceDay.get(participant_id=web.world.kari.id, day="2026-04-08")
    assert Decimal(record.hours) == Decimal("3.50")
    assert await Absence.filter(withdrawn_at=None).count() == 0
