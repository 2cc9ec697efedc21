"""The migrations on disk describe the models exactly, and models keep SQLite-safe comments."""

from __future__ import annotations

from pathlib import Path

from tortoise.cli.cli import tortoise_cli_context
from tortoise.migrations.autodetector import MigrationAutodetector

import backend.models as models
from backend.shared.db import tortoise_config


async def test_models_have_no_unmigrated_changes(tmp_path: Path) -> None:
    config = tortoise_config(f"sqlite://{tmp_path / 'x.db'}")
    async with tortoise_cli_context(config) as ctx:
        assert ctx.apps is not None
        writers = await MigrationAutodetector(ctx.apps, config["apps"]).changes()
    assert writers == [], "models changed: run `tortoise makemigrations` (see README)"


def test_model_docstrings_have_no_semicolons() -> None:
    # Docstrings become table comments; the SQLite migration splits statements on ";".
    for name in models.__all__:
        doc = getattr(models, name).__doc__ or ""
        assert ";" not in doc, name


async def test_read_aloud_is_added_to_a_database_that_holds_people(db_url: str) -> None:
    """A column added NOT NULL needs a default in the database itself: without one, SQLite
    and PostgreSQL refuse to add it to a table with rows, and an upgrade stops there."""
    from tortoise.context import TortoiseContext
    from tortoise.migrations.api import migrate as run_migrations

    from backend.models import Participant
    from backend.shared.db import database, migrate, tortoise_config
    from tests.support.world import build_world

    async with database(db_url, apply_migrations=False):
        await build_world()
    async with TortoiseContext():  # back to the tablet's migration, the people kept
        await run_migrations(
            config=tortoise_config(db_url), app_labels=["models"], target="models.0017_checkin"
        )
    await migrate(db_url)  # the upgrade: 0018 adds read_aloud to the rows there are
    async with database(db_url, apply_migrations=False):
        assert await Participant.filter(read_aloud=False).count() == 2
