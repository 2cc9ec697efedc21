"""`frammote` sub-commands of the foundation: each writes through the services, or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.cli import main
from backend.models import AuditEvent, Invite, Participant, Staff, Unit
from backend.shared.db import database
from tests.conftest import run_in_thread

UNIT = ["unit", "add", "--code", "AOK", "--name", "Arbeid og kvalifisering"]
STAFF = ["staff", "add", "--unit", "AOK", "--id", "S1", "--name", "Lise Berg", "--role", "contact"]
PARTICIPANT = [
    "participant", "add", "--unit", "AOK", "--id", "P1", "--name", "Kari Nordmann",
    "--birth-date", "1990-04-12", "--weekdays", "mon,wed,fri", "--hours", "09:00-14:00",
    "--contact", "S1", "--programme", "aok", "--transport",
]  # fmt: skip


def changed(argv: list[str], flag: str, value: str) -> list[str]:
    """argv with the value after `flag` replaced."""
    index = argv.index(flag) + 1
    return [*argv[:index], value, *argv[index + 1 :]]


@pytest.fixture
def cli_env(db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("BOT_USERNAME", "frammote_test_bot")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "en")
    return db_url


def count(db_url: str, model: type) -> int:
    async def go() -> int:
        async with database(db_url, apply_migrations=False):
            return await model.all().count()

    return run_in_thread(go())


def test_register_unit_staff_participant(cli_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(UNIT) == 0
    assert main(STAFF) == 0
    assert main(PARTICIPANT) == 0
    out = capsys.readouterr().out
    assert "participant P1: Kari Nordmann" in out

    async def check() -> tuple[str, str, str, bool]:
        async with database(cli_env, apply_migrations=False):
            kari = await Participant.get(code="P1").prefetch_related("contact")
            return kari.weekdays, kari.day_start, kari.contact.code, kari.transport

    assert run_in_thread(check()) == ("1,3,5", "09:00", "S1", True)
    assert count(cli_env, AuditEvent) == 3


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (changed(STAFF, "--unit", "NOPE"), "No unit with the code NOPE"),
        (changed(changed(STAFF, "--unit", "NOPE"), "--id", "S7"), "No unit with the code NOPE"),
        (changed(PARTICIPANT, "--birth-date", "1990-13-01"), "Not a date"),
        (changed(PARTICIPANT, "--birth-date", "2030-01-01"), "birth date"),
        (changed(PARTICIPANT, "--weekdays", "mon,funday"), "Unknown weekday"),
        (changed(PARTICIPANT, "--hours", "14:00-09:00"), "end time"),
        (changed(PARTICIPANT, "--hours", "09:10-14:00"), "quarter"),
        (changed(PARTICIPANT, "--contact", "S9"), "No staff member with the id S9"),
        (changed(PARTICIPANT, "--id", "bad id"), "An id"),
        (UNIT, "exists already"),
        (PARTICIPANT, "exists already"),
    ],
)
def test_wrong_input_exits_non_zero_with_one_line_and_writes_nothing(
    cli_env: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(UNIT) == 0 and main(STAFF) == 0 and main(PARTICIPANT) == 0
    capsys.readouterr()
    before = [count(cli_env, m) for m in (Unit, Staff, Participant, AuditEvent)]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err
    assert [count(cli_env, m) for m in (Unit, Staff, Participant, AuditEvent)] == before


def test_invite_prints_deep_link_and_writes_qr(
    cli_env: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(UNIT) == 0 and main(STAFF) == 0 and main(PARTICIPANT) == 0
    capsys.readouterr()
    qr = tmp_path / "kari.png"
    assert main(["invite", "--for", "P1", "--role", "participant", "--qr", str(qr)]) == 0
    link = capsys.readouterr().out.strip()
    assert link.startswith("https://t.me/frammote_test_bot?start=")
    code = link.rsplit("=", 1)[1]
    assert 20 <= len(code) <= 64
    assert qr.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert count(cli_env, Invite) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["invite", "--for", "P9", "--role", "participant"], "No participant with the id P9"),
        (["invite", "--for", "P1", "--role", "staff"], "No staff member with the id P1"),
        (["invite", "--for", "P1", "--role", "participant", "--days", "0"], "--days"),
        (["invite", "--for", "P1", "--role", "participant", "--qr", "/nowhere/x.png"], "--qr"),
    ],
)
def test_bad_invites_write_nothing(
    cli_env: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(UNIT) == 0 and main(STAFF) == 0 and main(PARTICIPANT) == 0
    capsys.readouterr()
    assert main(argv) != 0
    assert message in capsys.readouterr().err
    assert count(cli_env, Invite) == 0


def test_missing_setting_stops_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", "mysql://nope")
    assert main(["migrate"]) == 2
    err = capsys.readouterr().err.strip()
    assert "DATABASE_URL" in err and "\n" not in err


def test_run_without_token_refuses(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite://{tmp_path / 'x.db'}")
    assert main(["run"]) == 2
    assert "TELEGRAM_BOT_TOKEN" in capsys.readouterr().err


def test_migrate_is_idempotent(cli_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate"]) == 0
    assert main(["migrate"]) == 0
    assert "up to date" in capsys.readouterr().out
