"""What one absence report costs the database: the SQL statements of each update, counted
while the real Application handles it to the end, on the path every update takes, by
webhook or by polling (bot/once.py: taken, handled, marked done).

The bounds are literal, so that a repeated read cannot creep back unnoticed. Where the
statements of the button report go (the second tap, "Syk"):

- the update taken and marked done (2);
- who is writing: the user's links, their participant, its unit and its contact person,
  a query each (4; one query joining them costs the ORM more CPU than the four);
- the report: closures, the days' absences, insert, audit, recipients, outbox (6);
- the optional note's question: the chat's row, its insert or update (2);
- the handler's own delivery of the notice, where it still sends: windows open (2), the
  claim (3), digest units and languages of the chats (2), marked sent (1);
- read aloud: whether the chat hears voice notes, for each text sent or shown: its links
  with their participants, one joined query (1 a text).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Update

from backend.models import Absence, LinkRole, OutboxMessage
from backend.reminders.querycount import count_queries
from backend.shared.config import load_settings
from backend.telegram_standin import SentMessage, TelegramStandin
from bot.app import build_application
from bot.once import Answer, OnceOnly
from tests.support.telegram import TOKEN, Clock
from tests.support.world import build_world, link

KARI, LISE = 1001, 1003


@pytest.fixture
async def app(db: str, standin: TelegramStandin, clock: Clock) -> AsyncIterator[OnceOnly]:
    """The real Application, fed update by update (no polling, no queue)."""
    settings = load_settings(
        env={"TELEGRAM_API_URL": standin.api_root, "DATABASE_URL": db}, env_file=None
    )
    application = build_application(settings, TOKEN, clock=clock)
    async with application:
        yield OnceOnly(application)


async def handle(standin: TelegramStandin, app: OnceOnly) -> None:
    """Every update the stand-in holds, handled to the end, one after another."""
    pending = standin.hub.resolve(TOKEN).updates
    while pending:
        answer = await app.handle(Update.de_json(pending.pop(0), app.app.bot))
        assert answer is Answer.HANDLED


async def answer(standin: TelegramStandin, app: OnceOnly, user_id: int) -> SentMessage:
    await handle(standin, app)
    return await standin.wait_for(user_id, timeout=5.0)


async def kari_at_the_menu(standin: TelegramStandin, app: OnceOnly) -> SentMessage:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    await standin.send_text(LISE, "/start", first_name="Lise")
    await answer(standin, app, LISE)
    await standin.send_text(KARI, "/meny", first_name="Kari")
    return await answer(standin, app, KARI)


async def test_a_tapped_report_reads_each_row_once(standin: TelegramStandin, app: OnceOnly) -> None:
    menu = await kari_at_the_menu(standin, app)

    await standin.press(KARI, menu, "Jeg kommer ikke")
    with count_queries() as menu_tap:
        question = await answer(standin, app, KARI)
    assert question.text == "📆 I dag, tirsdag 7. april\nHvorfor kommer du ikke?"
    # Taken and done (2); the links with participant, unit and contact (4); closures; the
    # days' absences; whether the chat hears the question read aloud.
    assert menu_tap.count <= 9, menu_tap.sql

    await standin.press(KARI, question, "Syk")
    with count_queries() as report:
        done = await answer(standin, app, KARI)
    assert done.text.startswith("Takk! Du er meldt borte: tirsdag 7. april (syk).")
    assert await Absence.all().count() == 1
    assert await OutboxMessage.filter(template="absence_reported", chat_id=LISE).count() == 1
    assert report.count <= 22, report.sql
    # The participant and its unit come with the links, once: the report and its calendar
    # do not read them again (the other read of units: the delivery's open windows).
    assert sum('FROM "participant"' in sql for sql in report.sql) <= 1, report.sql
    assert sum('FROM "unit"' in sql for sql in report.sql) <= 2, report.sql


async def test_a_typed_report_reads_each_row_once(standin: TelegramStandin, app: OnceOnly) -> None:
    await kari_at_the_menu(standin, app)

    await standin.send_text(KARI, "syk i dag", first_name="Kari")
    with count_queries() as typed:
        question = await answer(standin, app, KARI)
    assert question.text == "Du er borte i dag, tirsdag 7. april (syk). Stemmer det?"
    # Taken and done (2); the links (4); the chat's step; closures and absences; the
    # question stored (2); whether the chat hears it read aloud.
    assert typed.count <= 12, typed.sql

    await standin.press(KARI, question, "Ja")
    with count_queries() as report:
        done = await answer(standin, app, KARI)
    assert done.text.startswith("Takk! Du er meldt borte: tirsdag 7. april (syk).")
    # As the tapped report, and the typed step read and taken first (2): the note's
    # question reuses the row that was read, and does not read it again.
    assert report.count <= 23, report.sql
    assert sum('FROM "chat_state"' in sql for sql in report.sql) == 1, report.sql
