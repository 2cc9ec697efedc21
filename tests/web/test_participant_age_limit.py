"""The participant page says when the decision has ended at 67."""

from __future__ import annotations

from datetime import date, time

from backend.models import Programme
from backend.people import registry as people
from tests.support.world import NOW, WEEKDAYS
from tests.web.conftest import Web


async def test_the_participant_page_shows_the_decision_ended_at_67(web: Web) -> None:
    await people.add_participant(
        people.NewParticipant(
            "AOK", "P9", "Per Eldre", date(1959, 4, 15), WEEKDAYS, time(9), time(14), "S1",
            Programme.AOK,
        ),
        actor="test",
        today=NOW.date(),
    )  # fmt: skip
    await web.sign_in(web.coordinator)
    before = await (await web.client.get("/participants/P9")).text()
    assert "Vedtaket er avsluttet" not in before
    web.clock.set(2026, 4, 15, 8, 0)
    await web.sign_in(web.coordinator)
    page = await (await web.client.get("/participants/P9")).text()
    assert "Vedtaket er avsluttet: fylte 67 år 15. apr. 2026" in page
