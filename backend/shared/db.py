"""Database set-up: one Tortoise config for SQLite and PostgreSQL, migrations applied in code."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import asyncpg
from tortoise import Tortoise, connections
from tortoise.context import TortoiseContext
from tortoise.exceptions import DBConnectionError, IntegrityError, OperationalError
from tortoise.migrations.api import migrate as run_migrations

MODELS_MODULE = "backend.models"
MIGRATIONS_MODULE = "backend.migrations"
# Opening the database and writing to it once must take no longer: a full disk, a
# read-only file system or an unreachable server is told at once, not after minutes.
CHECK_SECONDS = 5.0
# Tortoise's own query parameters, which the PostgreSQL driver would take for settings.
_TORTOISE_PARAMS = {"minsize", "maxsize", "max_queries", "max_inactive_connection_lifetime"}
T = TypeVar("T")


class DatabaseUnavailable(Exception):
    """The database cannot be opened or does not take a write; the message is one line."""


def normalise_url(url: str) -> str:
    # Tortoise names the PostgreSQL driver "asyncpg"; operators write postgres://.
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "asyncpg://" + url.removeprefix(prefix)
    return url


def tortoise_config(database_url: str) -> dict[str, Any]:
    url = normalise_url(database_url)
    # The connection is named after its dialect: Tortoise caches SQL per connection
    # name, so SQLite and PostgreSQL in one process (the tests) must not share one.
    name = url.split("://", 1)[0]
    return {
        "connections": {name: url},
        "apps": {
            "models": {
                "models": [MODELS_MODULE],
                "default_connection": name,
                "migrations": MIGRATIONS_MODULE,
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def redacted(database_url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(database_url)
    if parts.password is None:
        return database_url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


async def check_writable(database_url: str, *, seconds: float = CHECK_SECONDS) -> None:
    """Open the database and commit one write that changes nothing, within `seconds`.

    Raises DatabaseUnavailable naming the database and the reason. Before this check a
    full disk made Tortoise wait forever on its own connection lock (the failed connect
    never released it), and start-up hung for good.
    """
    try:
        if database_url.startswith("sqlite://"):
            path = database_url.removeprefix("sqlite://").split("?", 1)[0]
            await _in_daemon_thread(lambda: _sqlite_write(path), seconds)
        else:
            async with asyncio.timeout(seconds):
                await _postgres_write(database_url)
    except TimeoutError:
        raise DatabaseUnavailable(
            f"the database {redacted(database_url)} did not answer within {seconds:g} s"
        ) from None
    except (OSError, sqlite3.Error, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise DatabaseUnavailable(
            f"the database {redacted(database_url)} does not take writes: {reason}"
        ) from None


def _sqlite_write(path: str) -> None:
    # The same journal mode as Tortoise's connection, then a committed write of the
    # value already there (SQLite has no cheaper write that reaches the disk: a
    # rolled-back one succeeds on a full disk).
    connection = sqlite3.connect(path, timeout=CHECK_SECONDS, isolation_level=None)
    try:
        if path != ":memory:":
            connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("BEGIN IMMEDIATE")
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        connection.execute(f"PRAGMA user_version={int(version)}")
        connection.execute("COMMIT")
    finally:
        connection.close()


def libpq_url(database_url: str) -> str:
    """A postgresql:// URL as libpq and asyncpg read it (without Tortoise's own parameters)."""
    parts = urlsplit(normalise_url(database_url).replace("asyncpg://", "postgresql://", 1))
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in _TORTOISE_PARAMS]
    return urlunsplit(parts._replace(query=urlencode(query)))


async def _postgres_write(database_url: str) -> None:
    connection = await asyncpg.connect(libpq_url(database_url))
    try:
        # A transaction id is assigned and its commit written and flushed to the WAL:
        # fails on a full disk and on a read-only standby.
        async with connection.transaction():
            await connection.fetchval("SELECT pg_current_xact_id()")
    finally:
        await connection.close()


async def _in_daemon_thread(work: Callable[[], T], seconds: float) -> T:
    """Run blocking work in a thread that cannot hold the process up at exit."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[T] = loop.create_future()

    def target() -> None:
        try:
            result = work()
        except BaseException as error:
            loop.call_soon_threadsafe(_settle, done, None, error)
        else:
            loop.call_soon_threadsafe(_settle, done, result, None)

    threading.Thread(target=target, name="database-check", daemon=True).start()
    return await asyncio.wait_for(done, seconds)


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.done():  # the caller gave up waiting
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


def is_database_failure(error: BaseException | None) -> bool:
    """A full disk, a lost or read-only server: nothing the user did, try again later.

    Tortoise translates most driver errors, not all (a failed COMMIT comes through raw).
    A broken constraint is a fault in the request or the code, not an unavailable database.
    """
    if error is None or isinstance(error, IntegrityError | sqlite3.IntegrityError):
        return False
    return isinstance(error, _UNAVAILABLE)


_UNAVAILABLE = (
    OperationalError,
    DBConnectionError,
    sqlite3.OperationalError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.InsufficientResourcesError,  # 53xxx: disk full, out of memory, too many clients
    asyncpg.OperatorInterventionError,  # 57xxx: shutting down, cannot connect now
    asyncpg.ReadOnlySQLTransactionError,  # a standby
)


async def probe_write() -> None:
    """One write that changes nothing, committed on the open connection (for /healthz)."""
    connection = connections.get(next(iter(connections.db_config)))
    if connection.capabilities.dialect == "sqlite":
        rows = await connection.execute_query_dict("PRAGMA user_version")
        version = int(next(iter(rows[0].values())))
        await connection.execute_script(f"PRAGMA user_version={version}")
    else:
        await connection.execute_query("SELECT pg_current_xact_id()")


async def migrate(database_url: str) -> None:
    """Apply every migration not yet applied (each is recorded in the database)."""
    await check_writable(database_url)
    async with TortoiseContext():
        await run_migrations(config=tortoise_config(database_url))


@asynccontextmanager
async def database(database_url: str, *, apply_migrations: bool = True) -> AsyncIterator[None]:
    """Open the database for the current task and the tasks it starts; close it on exit.

    Tortoise 1.x keeps its state per task context, so everything that queries
    (bot, web app, scheduler) must run inside this block.
    """
    async with TortoiseContext():
        if apply_migrations:
            await migrate(database_url)
        else:
            await check_writable(database_url)
        await Tortoise.init(config=tortoise_config(database_url))
        yield


# For the `tortoise` command line (makemigrations): `tortoise -c backend.shared.db.TORTOISE_ORM …`
TORTOISE_ORM = tortoise_config("sqlite://./frammote.db")
