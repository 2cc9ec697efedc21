"""Database set-up: one Tortoise config for SQLite and PostgreSQL, migrations applied in code."""

from __future__ import annotations

from typing import Any

from tortoise import Tortoise
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
    return {
        "connections": {"default": normalise_url(database_url)},
        "apps": {
            "models": {
                "models": [MODELS_MODULE],
                "default_connection": "default",
                "migrations": MIGRATIONS_MODULE,
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


async def migrate(database_url: str) -> None:
    """Apply every migration not yet applied (recorded in the database)."""
    await run_migrations(config=tortoise_config(database_url))


async def open_db(database_url: str, *, apply_migrations: bool = True) -> None:
    if apply_migrations:
        await migrate(database_url)
    await Tortoise.init(config=tortoise_config(database_url))


async def close_db() -> None:
    await Tortoise.close_connections()


# For the `tortoise` command line (makemigrations): `tortoise -c backend.db.TORTOISE_ORM …`
TORTOISE_ORM = tortoise_config("sqlite://./frammote.db")
