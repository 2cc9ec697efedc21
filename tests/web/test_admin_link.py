"""`frammote admin-link` prints a one-time sign-in URL for a coordinator."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backend.access import sign_in as auth
from backend.cli import main
from backend.shared.db import database
from tests.conftest import run_in_thread

UNIT = ["unit", "add", "--code", "AOK", "--name", "Arbeid og kvalifisering"]


@pytest.fixture
def cli_env(db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("FRAMMOTE_HTTP", "127.0.0.1:8080")
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "en")
    return db_url


def test_admin_link_signs_in_the_first_coordinator_once(
    cli_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(UNIT) == 0
    assert main(["admin-link"]) == 1  # no coordinator yet: one clear line
    assert "frammote:" in capsys.readouterr().err
    staff = [
        "staff",
        "add",
        "--unit",
        "AOK",
        "--id",
        "K1",
        "--name",
        "Kim",
        "--role",
        "coordinator",
    ]
    assert main(staff) == 0
    capsys.readouterr()
    assert main(["admin-link", "--base-url", "https://frammote.example.no/"]) == 0
    url = capsys.readouterr().out.splitlines()[0]
    assert url.startswith("https://frammote.example.no/login/")
    token = url.rsplit("/", 1)[1]

    async def use() -> str:
        async with database(cli_env, apply_migrations=False):
            signed = await auth.sign_in(token, datetime.now(ZoneInfo("Europe/Oslo")))
            return signed.staff.code

    assert run_in_thread(use()) == "K1"
    assert main(["admin-link", "--staff", "NOPE"]) == 1
