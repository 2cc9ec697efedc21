"""Fixtures: a migrated database per test on SQLite and PostgreSQL, and the bot over HTTP.

Each backend is migrated once per session into a template; every test gets a
fresh copy (a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL).
FRAMMOTE_TEST_DATABASES=sqlite runs the SQLite half alone.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
import uuid
from collections.abc import AsyncIterator, Coroutine, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from backend.shared.db import database, migrate
from tests.support.postgres import PostgresServer

BACKENDS = [b for b in os.environ.get("FRAMMOTE_TEST_DATABASES", "sqlite,postgres").split(",") if b]
TEMPLATE_DB = "frammote_template" + os.environ.get("PYTEST_XDIST_WORKER", "")  # one per worker

pytest_plugins = ["tests.support.telegram"]


def run_in_thread(coro: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine on its own loop: session set-up may happen inside a test's loop."""
    result: list[Any] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(coro))
        except BaseException as exc:
            error.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if error:
        raise error[0]
    return result[0]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / "template.db"
    run_in_thread(migrate(f"sqlite://{path}"))
    return path


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """A PostgreSQL server: FRAMMOTE_TEST_POSTGRES_URL, or a throwaway one we start."""
    given = os.environ.get("FRAMMOTE_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    server = PostgresServer()
    url = server.start()
    try:
        yield url
    finally:
        server.stop()


def _with_database(admin_url: str, name: str) -> str:
    """The same server, another database (a query such as ?host=/socket/dir is kept)."""
    return urlunsplit(urlsplit(admin_url)._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def postgres_template(postgres_admin_url: str) -> str:
    async def create() -> None:
        await _admin(postgres_admin_url, f"DROP DATABASE IF EXISTS {TEMPLATE_DB}")
        await _admin(postgres_admin_url, f"CREATE DATABASE {TEMPLATE_DB}")
        await migrate(_with_database(postgres_admin_url, TEMPLATE_DB))

    run_in_thread(create())
    return postgres_admin_url


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, migrated, empty database (usable by sync tests, like the CLI's)."""
    if request.param == "sqlite":
        path = tmp_path / "frammote.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite://{path}"
        return
    admin_url = request.getfixturevalue("postgres_template")
    name = f"test_{uuid.uuid4().hex[:16]}"
    run_in_thread(_admin(admin_url, f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_DB}"))
    yield _with_database(admin_url, name)
    run_in_thread(_admin(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


async def _admin(admin_url: str, statement: str) -> None:
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


@pytest.fixture
async def db(db_url: str) -> AsyncIterator[str]:
    """The database opened for the test's task (Tortoise keeps state per task context)."""
    async with database(db_url, apply_migrations=False):
        yield db_url
