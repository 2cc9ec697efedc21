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
