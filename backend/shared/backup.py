"""`frammote backup FILE` and `frammote restore FILE`, for SQLite and PostgreSQL.

SQLite: the SQLite backup API, a consistent copy even while the service writes.
PostgreSQL: pg_dump in its custom format and pg_restore, of the server's major version
(Debian keeps each version's tools in /usr/lib/postgresql/<version>/bin); the password
goes to them in PGPASSWORD, never on the command line.
"""

from __future__ import annotations

import asyncio
import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from backend.shared.db import libpq_url

SQLITE_MAGIC = b"SQLite format 3\0"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is one line."""


def _sqlite_path(database_url: str) -> str | None:
    if not database_url.startswith("sqlite://"):
        return None
    return database_url.removeprefix("sqlite://").split("?", 1)[0]


async def backup(database_url: str, target: Path) -> str:
    """Write the whole database to `target`; returns what was done, in one line."""
    path = _sqlite_path(database_url)
    if path is not None:
        return await asyncio.to_thread(_sqlite_backup, path, target)
    url, env = _pg_url_and_env(database_url)
    major = await _server_major(url, env)
    return await asyncio.to_thread(_pg_dump, major, url, env, target)


async def restore(database_url: str, source: Path, *, replace: bool) -> str:
    """Replace the database's content with the backup in `source`."""
    path = _sqlite_path(database_url)
    kind = await asyncio.to_thread(_backup_kind, source)
    if path is not None:
        if kind != "sqlite":
            raise BackupError(f"{source} is not a SQLite backup (DATABASE_URL is SQLite)")
        return await asyncio.to_thread(_sqlite_restore, source, path, replace)
    if kind != "postgres":
        raise BackupError(f"{source} is not a PostgreSQL backup (DATABASE_URL is PostgreSQL)")
    url, env = _pg_url_and_env(database_url)
    major = await _server_major(url, env)
    if not replace and await _pg_has_tables(url, env):
        raise BackupError("the database holds data: add --replace to overwrite it")
    return await asyncio.to_thread(_pg_restore, major, url, env, source)


def _backup_kind(source: Path) -> str:
    if not source.is_file():
        raise BackupError(f"there is no backup at {source}")
    with source.open("rb") as file:
        head = file.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    return "postgres" if head.startswith(PG_DUMP_MAGIC) else "unknown"


def _sqlite_backup(path: str, target: Path) -> str:
    if not Path(path).is_file():
        raise BackupError(f"there is no database at {path}")
    _sqlite_copy(path, str(target))
    return f"SQLite database {path} backed up to {target}"


def _sqlite_restore(source: Path, path: str, replace: bool) -> str:
    if not replace and _sqlite_has_tables(path):
        raise BackupError(f"the database {path} holds data: add --replace to overwrite it")
    _sqlite_copy(str(source), path)
    return f"SQLite database {path} restored from {source}"


def _sqlite_copy(source: str, target: str) -> None:
    """Page by page through SQLite's backup API: consistent while others write."""
    reading = sqlite3.connect(source)
    writing = sqlite3.connect(target)
    try:
        reading.backup(writing)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not copy {source} to {target}: {error}") from None
    finally:
        writing.close()
        reading.close()


def _sqlite_has_tables(path: str) -> bool:
    if not Path(path).is_file():
        return False
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    finally:
        connection.close()


def _pg_dump(major: int, url: str, env: dict[str, str], target: Path) -> str:
    pg_dump = _pg_tool("pg_dump", major)
    _run([pg_dump, "--format=custom", "--no-owner", f"--file={target}", f"--dbname={url}"], env)
    return f"PostgreSQL {major} database backed up to {target}"


def _pg_restore(major: int, url: str, env: dict[str, str], source: Path) -> str:
    pg_restore = _pg_tool("pg_restore", major)
    _run(
        [pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", f"--dbname={url}", str(source)],
        env,
    )  # fmt: skip
    return f"PostgreSQL {major} database restored from {source}"


def _pg_url_and_env(database_url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(libpq_url(database_url))
    env = dict(os.environ)
    if parts.password is not None:
        env["PGPASSWORD"] = parts.password
        parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", "@", 1))
    return urlunsplit(parts), env


async def _connect(url: str, env: dict[str, str]) -> asyncpg.Connection:
    return await asyncpg.connect(url, password=env.get("PGPASSWORD"), timeout=10)


async def _server_major(url: str, env: dict[str, str]) -> int:
    connection = await _connect(url, env)
    try:
        return int(await connection.fetchval("SHOW server_version_num")) // 10000
    finally:
        await connection.close()


async def _pg_has_tables(url: str, env: dict[str, str]) -> bool:
    connection = await _connect(url, env)
    try:
        count = await connection.fetchval(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
        )
        return bool(count)
    finally:
        await connection.close()


def _pg_tool(name: str, major: int) -> str:
    """The tool of the server's major version (an older pg_dump refuses a newer server)."""
    exact = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    if exact.is_file():
        return str(exact)
    newer = sorted(
        (p for p in glob.glob(f"/usr/lib/postgresql/*/bin/{name}") if _major(p) >= major),
        key=_major,
    )
    if newer:
        return newer[0]
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def _major(path: str) -> int:
    version = Path(path).parent.parent.name
    return int(version) if version.isdigit() else 0


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        reason = lines[-1] if lines else f"exit code {done.returncode}"
        raise BackupError(f"{Path(command[0]).name} failed: {reason}")
