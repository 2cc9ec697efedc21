"""`frammote reminders due|send`: a preview that writes nothing, and one real pass."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Iterator
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from backend.cli import main
from backend.models import JobRun, LinkRole, OutboxMessage, OutboxStatus, StaffRole, Unit
from backend.people import registry as people
from backend.shared.db import database
from backend.telegram_standin import TelegramStandin
from tests.conftest import run_in_thread
from tests.support.reminder_world import KOORD, LISE, PER, build_reminder_world, link_staff
from tests.support.smtp import LoopbackSmtp
from tests.support.telegram import TOKEN
from tests.support.world import link


@pytest.fixture
def cli_env(db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("SMTP_HOST", raising=False)
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "en")
    return db_url


def in_db(db_url: str, coro_fn: Any) -> Any:
    async def go() -> Any:
        async with database(db_url, apply_migrations=False):
            return await coro_fn()

    return run_in_thread(go())


async def _world() -> None:
    await build_reminder_world(places=12, nav_email="nav.larvik@example.no")
    await link_staff()


def test_due_prints_what_is_due_and_sends_nothing(
    cli_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    in_db(cli_env, _world)
    assert main(["reminders", "due", "--date", "2026-08-11"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2026-08-11  AOK  status_meeting_call  unit:AOK:2026-09")
    assert out[0].endswith("-> Kari Koord (telegram)")
    assert out[1] == (
        "    Påminnelse: statusmøtet om skoleelever er i september 2026. Send innkalling til "
        "NAV, iVekst, skolen, Tjenestekontoret og avlastningstilbudet."
    )
    assert out[-1] == "2026-08-11: 1 reminder(s), 1 message(s) due; nothing was sent."

    async def nothing_written() -> tuple[int, int]:
        return await OutboxMessage.all().count(), await JobRun.all().count()

    assert in_db(cli_env, nothing_written) == (0, 0)


def test_due_for_one_unit_and_for_a_closed_day(
    cli_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    in_db(cli_env, _world)

    async def other_unit() -> None:
        await people.add_unit("VTA", "Verksted", actor="test")
        await Unit.filter(code="VTA").update(places=5)
        await people.add_staff("VTA", "V2", "Vera Leder", StaffRole.LEADER, actor="test")
        await link("V2", LinkRole.STAFF, 2002, "Vera Leder")

    in_db(cli_env, other_unit)
    assert main(["reminders", "due", "--date", "2026-09-01", "--unit", "VTA"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "2026-09-01  VTA  capacity_report  unit:VTA:2026-09  -> Vera Leder (telegram)"
    )
    assert out[1].startswith("    Ledig kapasitet i Verksted, september 2026: 5 plasser, 0 aktive")
    assert not [line for line in out if "  AOK  " in line]
    assert main(["reminders", "due", "--date", "2026-09-01"]) == 0
    assert "  AOK  capacity_report  unit:AOK:2026-09" in capsys.readouterr().out
    assert main(["reminders", "due", "--date", "2026-09-05"]) == 0  # a Saturday
    assert capsys.readouterr().out.strip() == (
        "2026-09-05: 0 reminder(s), 0 message(s) due; nothing was sent."
    )


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["reminders", "due", "--date", "2026-13-01"], "2026-13-01"),
        (["reminders", "due", "--date", "2026-08-11", "--unit", "NOPE"], "NOPE"),
        (["reminders", "send", "--now", "yesterday"], "--now"),
    ],
)
def test_wrong_input_exits_with_one_clear_line(
    cli_env: str, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    assert main(argv) != 0
    err = capsys.readouterr().err.strip()
    assert says in err and "\n" not in err


# -- send: a stand-in Telegram and an SMTP server, both on loopback ------------------------


class BackgroundStandin:
    """The Telegram stand-in on its own loop in a thread, for a synchronous CLI test."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.standin = TelegramStandin(bot_username="frammote_test_bot")

    def run(self, coro: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=10)

    def __enter__(self) -> BackgroundStandin:
        self.thread.start()
        self.run(self.standin.start())
        return self

    def __exit__(self, *exc: object) -> None:
        self.run(self.standin.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()


class Inbox:
    def __init__(self) -> None:
        self.received: list[tuple[list[str], Any]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 OK"


@pytest.fixture
def services(cli_env: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, Inbox]]:
    inbox = Inbox()
    smtp = LoopbackSmtp(inbox)
    smtp.start()
    port = smtp.port
    with BackgroundStandin() as telegram:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
        monkeypatch.setenv("TELEGRAM_API_URL", telegram.standin.api_root)
        monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("SMTP_PORT", str(port))
        monkeypatch.setenv("SMTP_FROM", "frammote@larvik.example.no")
        monkeypatch.setenv("SMTP_STARTTLS", "false")
        try:
            yield telegram, inbox
        finally:
            smtp.stop()


def test_send_writes_and_delivers_one_pass_once(
    cli_env: str, services: tuple[BackgroundStandin, Inbox], capsys: pytest.CaptureFixture[str]
) -> None:
    telegram, inbox = services
    in_db(cli_env, _world)
    for user in (LISE, PER, KOORD):
        telegram.run(telegram.standin.send_text(user, "/start", token=TOKEN))

    # 1 September 2026 at 09:00: the capacity report to the leader and to NAV.
    assert main(["reminders", "send", "--now", "2026-09-01T09:00"]) == 0
    assert capsys.readouterr().out.strip() == (
        "2026-09-01: 2 message(s) due; 2 sent now; 0 waiting."
    )
    leader = [m.text for m in telegram.standin.messages(PER, token=TOKEN) if m.from_bot]
    assert leader == [
        "Ledig kapasitet i Arbeid og kvalifisering, september 2026: 12 plasser, "
        "2 aktive deltakere, 10 ledige plasser. NAV får tallene på e-post."
    ]
    assert [to for to, _m in inbox.received] == [["nav.larvik@example.no"]]

    # Again the same day: nothing new is written or sent.
    assert main(["reminders", "send", "--now", "2026-09-01T10:00"]) == 0
    assert capsys.readouterr().out.strip() == (
        "2026-09-01: 2 message(s) due; 0 sent now; 0 waiting."
    )
    assert len(inbox.received) == 1
    assert len([m for m in telegram.standin.messages(PER, token=TOKEN) if m.from_bot]) == 1

    async def rows() -> list[tuple[str, str]]:
        return [(r.template, r.status) for r in await OutboxMessage.all().order_by("id")]

    assert in_db(cli_env, rows) == [
        ("reminder_capacity_report", OutboxStatus.SENT),
        ("reminder_capacity_report", OutboxStatus.SENT),
    ]


def test_send_before_working_hours_leaves_staff_reminders_waiting(
    cli_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    in_db(cli_env, _world)
    assert main(["reminders", "send", "--now", "2026-08-11T06:30"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [
        "TELEGRAM_BOT_TOKEN is not set: Telegram messages stay in the outbox.",
        "2026-08-11: 1 message(s) due; 0 sent now; 1 waiting.",
    ]
