"""A reminder nobody can receive is shown on the deadlines page and counted on the overview."""

from __future__ import annotations

import html
import re
from datetime import date, time

from backend.models import LinkRole, Programme
from backend.people import registry as people
from tests.support.world import NOW, WEEKDAYS, link
from tests.web.conftest import Web


async def _turning_67_in_october() -> None:
    """67 on 20 October 2026: reminded on 20 April, six months before."""
    await people.add_participant(
        people.NewParticipant(
            "AOK", "P9", "Per Eldre", date(1959, 10, 20), WEEKDAYS, time(9), time(14), "S1",
            Programme.AOK,
        ),
        actor="test",
        today=NOW.date(),
    )  # fmt: skip


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


async def test_the_deadlines_page_and_overview_show_reminders_nobody_can_receive(
    web: Web,
) -> None:
    await _turning_67_in_october()
    await web.sign_in(web.coordinator)
    page = _text(await (await web.client.get("/deadlines")).text())
    assert "Fyller 67: tjenesten slutter : Per Eldre – gjelder 20. okt. 2026" in page
    # Without e-mail set up, only Telegram helps.
    assert "ingen kan få den: koble Kim Koordinator til Telegram" in page
    assert "ingen kan få den: koble Lise Kontakt til Telegram" in page
    home = _text(await (await web.client.get("/")).text())
    assert "Påminnelser ingen kan få, neste 8 uker 2" in home

    # Lise links the bot: her reminder reaches her, Kim's still reaches nobody.
    await link("S1", LinkRole.STAFF, 3001, "Lise Kontakt")
    page = _text(await (await web.client.get("/deadlines")).text())
    assert "koble Kim Koordinator til Telegram" in page
    assert "koble Lise Kontakt" not in page
    home = _text(await (await web.client.get("/")).text())
    assert "Påminnelser ingen kan få, neste 8 uker 1" in home


async def test_the_api_says_why_nobody_can_receive_a_reminder(web: Web) -> None:
    await _turning_67_in_october()
    await web.sign_in(web.coordinator)
    found = await (await web.client.get("/api/deadlines")).json()
    [item] = [i for i in found if i["kind"] == "age_67"]
    assert item["nobody_can_receive"] == [
        "ingen kan få den: koble Lise Kontakt til Telegram",
        "ingen kan få den: koble Kim Koordinator til Telegram",
    ]
