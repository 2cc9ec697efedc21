"""`frammote backup` and `frammote restore`: data in → backup → wipe → restore → same data,
on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import asyncpg
import pytest
from tortoise import Tortoise

from backend.cli import main
from backend.shared.db import database, libpq_url
from tests.cli.test_cli_foundation import PARTICIPANT, STAFF, UNIT
from tests.conftest import run_in_thread


@pytest.fixture
def cli_env(db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "en")
    return db_url


def everything(db_url: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, in key order."""

    async def read() -> dict[str, list[dict[str, Any]]]:
        async with database(db_url, apply_migrations=False):
            models = Tortoise.apps["models"].values()
            return {
                model.__name__: await model.all().order_by(model._meta.pk_attr).values()
                for model in models
            }

    return run_in_thread(read())


def wipe(db_url: str) -> None:
    if db_url.startswith("sqlite://"):
        Path(db_url.removeprefix("sqlite://")).unlink()
        return

    async def drop() -> None:
        connection = await asyncpg.connect(libpq_url(db_url))
        try:
            await connection.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        finally:
            await connection.close()

    run_in_thread(drop())


def test_a_backup_restores_the_same_data_after_a_wipe(
    cli_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in (UNIT, STAFF, PARTICIPANT):
        assert main(command) == 0
    mark = ["attendance", "mark", "--participant", "P1", "--date", "2026-04-08", "--absent",
            "--notified"]  # fmt: skip
    assert main(mark) == 0
    before = everything(cli_env)
    assert len(before["Participant"]) == 1 and len(before["AuditEvent"]) >= 3
    assert len(before["AttendanceDay"]) == 1 and before["Absence"] == []
    backup_file = tmp_path / "frammote.backup"
    capsys.readouterr()
    assert main(["backup", str(backup_file)]) == 0
    assert f"backed up to {backup_file}" in capsys.readouterr().out

    wipe(cli_env)
    assert main(["restore", str(backup_file)]) == 0
    assert f"restored from {backup_file}" in capsys.readouterr().out
    assert everything(cli_env) == before
    # …and it is a working database again: migrations find nothing to do, writes go in.
    assert main(["migrate"]) == 0
    assert main(["staff", "add", "--unit", "AOK", "--id", "S2", "--name", "Per Leder",
                 "--role", "leader"]) == 0  # fmt: skip
    assert len(everything(cli_env)["Staff"]) == 2


def test_restore_over_data_needs_replace_and_then_replaces_it(
    cli_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(UNIT) == 0
    backup_file = tmp_path / "one-unit.backup"
    assert main(["backup", str(backup_file)]) == 0
    assert main(STAFF) == 0
    capsys.readouterr()
    assert main(["restore", str(backup_file)]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("frammote: the database ") and error.endswith(
        "holds data: add --replace to overwrite it"
    )
    assert len(everything(cli_env)["Staff"]) == 1  # nothing was changed
    assert main(["restore", "--replace", str(backup_file)]) == 0
    assert everything(cli_env)["Staff"] == []


def test_restore_refuses_a_file_that_is_no_backup_of_this_database(
    cli_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("not a backup")
    assert main(["restore", str(other)]) == 1
    kind = "SQLite" if cli_env.startswith("sqlite://") else "PostgreSQL"
    assert capsys.readouterr().err.strip() == (
        f"frammote: {other} is not a {kind} backup (DATABASE_URL is {kind})"
    )
    assert main(["restore", str(tmp_path / "missing.backup")]) == 1
    assert capsys.readouterr().err.strip() == (
        f"frammote: there is no backup at {tmp_path / 'missing.backup'}"
    )
