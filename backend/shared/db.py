"""Database set-up: one Tortoise config for SQLite and PostgreSQL, migrations applied in code."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from tortoise import Tortoise
from tortoise.context import TortoiseContext
from tortoise.migrations.api import migrate as run_migrations

MODELS_MODULE = "backend.models"
MIGRATIONS_MODULE = "backend.migrations"


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


async def migrate(database_url: str) -> None:
    """Apply every migration not yet applied (each is recorded in the database)."""
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
        await Tortoise.init(config=tortoise_config(database_url))
        yield


# For the `tortoise` command line (makemigrations): `tortoise -c backend.shared.db.TORTOISE_ORM …`
TORTOISE_ORM = tortoise_config("sqlite://./frammote.db")
