"""A full disk: set-up fails within seconds in one line; a running process says
"try again later" (web and chat) and /healthz answers 503 until there is room again."""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from tortoise import connections

from backend.shared.db import DatabaseUnavailable, check_writable
from backend.web.app import create_app
from tests.bot.staff_world import KARI, build_staff_world
from tests.support.full_disk import SmallDisk, small_disk
from tests.support.telegram import TOKEN, RunningBot
from tests.web.conftest import Web, web

__all__ = ["small_disk", "web"]  # fixtures, used by name
ROOT = Path(__file__).resolve().parents[1]
FRAMMOTE = [sys.executable, "-c", "import sys; from backend.cli import main; sys.exit(main())"]
TRY_LATER = "Tjenesten er utilgjengelig akkurat nå. Prøv igjen senere."


@pytest.fixture
def db_url(small_disk: SmallDisk, sqlite_template: Path) -> str:
    """The test's database on the small disk (SQLite: the file system is what fills)."""
    path = small_disk.path / "frammote.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite://{path}"


async def fill_under_open_database(disk: SmallDisk) -> None:
    # The write-ahead log is emptied first, so that the next write needs a new block:
    # otherwise a small write may land in log space that is already allocated.
    await connections.get("sqlite").execute_script("PRAGMA wal_checkpoint(TRUNCATE)")
    disk.fill()


def frammote(*args: str, database: str) -> tuple[int, str, float]:
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": database,
        "TELEGRAM_BOT_TOKEN": TOKEN,  # `run` asks for one; the database fails before Telegram
        "TELEGRAM_API_URL": "http://127.0.0.1:9",
    }
    started = time.monotonic()
    done = subprocess.run(
        [*FRAMMOTE, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    return done.returncode, done.stderr, time.monotonic() - started


@pytest.mark.parametrize("existing", [False, True], ids=["new database", "existing database"])
@pytest.mark.parametrize(
    "command", [["migrate"], ["participant", "list", "--unit", "AOK"], ["run"]]
)
def test_a_command_on_a_full_disk_stops_within_seconds_in_one_line(
    small_disk: SmallDisk, sqlite_template: Path, existing: bool, command: list[str]
) -> None:
    path = small_disk.path / "frammote.db"
    if existing:
        shutil.copy(sqlite_template, path)
    small_disk.fill()
    code, stderr, seconds = frammote(*command, database=f"sqlite://{path}")
    assert code == 3
    # Not a retry loop, nor a wait for space: that runs to the 60 s timeout. The bound is
    # loose because a process's start alone takes seconds on a busy 2-core machine.
    assert seconds < 30
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"frammote: the database sqlite://{path} does not take writes: ")
    assert lines[0].endswith((": database or disk is full", ": disk I/O error"))


async def test_an_unreachable_postgres_is_told_in_one_line_without_its_password() -> None:
    with pytest.raises(DatabaseUnavailable) as refused:
        await check_writable("postgres://frammote:s3cret@127.0.0.1:1/frammote")
    message = str(refused.value)
    assert message.startswith(
        "the database postgres://frammote:***@127.0.0.1:1/frammote does not take writes: "
    )
    assert "s3cret" not in message and "\n" not in message


async def test_a_postgres_that_never_answers_is_given_up_within_the_time_set() -> None:
    hole = socket.create_server(("127.0.0.1", 0), backlog=0)  # accepts nothing, says nothing
    port = hole.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(DatabaseUnavailable) as refused:
        await check_writable(f"postgres://u:p@127.0.0.1:{port}/x", seconds=1)
    hole.close()
    assert time.monotonic() - started < 3
    assert str(refused.value) == (
        f"the database postgres://u:***@127.0.0.1:{port}/x did not answer within 1 s"
    )


async def test_healthz_answers_503_while_the_database_takes_no_write(
    db: str, small_disk: SmallDisk
) -> None:
    app = create_app()  # the web app alone: the bot's part says "not running"
    async with TestClient(TestServer(app)) as client:
        healthy = await client.get("/healthz")
        assert (await healthy.json())["database"] == "ok"
        await fill_under_open_database(small_disk)
        full = await client.get("/healthz")
        assert full.status == 503
        assert (await full.json())["database"] == "error: OperationalError"
        small_disk.free()
        again = await client.get("/healthz")
        assert (await again.json())["database"] == "ok"


async def test_a_form_sent_on_a_full_disk_is_answered_try_again_later(
    web: Web, small_disk: SmallDisk
) -> None:
    await web.sign_in(web.world.leader)
    await fill_under_open_database(small_disk)
    page = await web.post("/unit/closures", {"day": "2026-05-20", "reason": "Personaldag"})
    assert page.status == 503
    assert page.headers["Retry-After"] == "60"
    text = await page.text()
    assert "<h1>Prøv igjen senere</h1>" in text and f"<p>{TRY_LATER}</p>" in text


async def test_the_api_on_a_full_disk_answers_503_in_the_users_language(
    web: Web, small_disk: SmallDisk
) -> None:
    await web.sign_in(web.world.leader)
    web.client.session.cookie_jar.update_cookies({"frammote_lang": "en"})
    await fill_under_open_database(small_disk)
    response = await web.client.post(
        "/unit/closures",
        data={"csrf_token": web.csrf, "day": "2026-05-20", "reason": "Staff day"},
        headers={"Accept": "application/json"},
    )
    assert response.status == 503
    assert await response.json() == {
        "error": "The service is unavailable right now. Please try again later."
    }


async def test_a_tap_on_a_full_disk_is_answered_try_again_later_in_the_chat(
    bot: RunningBot, small_disk: SmallDisk
) -> None:
    await build_staff_world(bot, start=(KARI,))
    chat = bot.chat(KARI, "Kari")
    await chat.send("/meny")
    question = await chat.tap("🚫 Jeg kommer ikke")
    await fill_under_open_database(small_disk)
    await chat.tap(next(b for b in chat.buttons(question) if "Syk" in b), question)
    for _ in range(100):
        if TRY_LATER in chat.received():
            break
        await asyncio.sleep(0.05)
    assert chat.received()[-1] == TRY_LATER
