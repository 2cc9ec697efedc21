"""`frammote staff deactivate|reactivate`, `participant list|contact`: offboarding from the CLI."""

from __future__ import annotations

import pytest

from backend.cli import main
from backend.models import AuditEvent, Staff
from backend.shared.db import database
from tests.cli.test_cli_foundation import PARTICIPANT, STAFF, UNIT, cli_env  # noqa: F401
from tests.conftest import run_in_thread

LEADER = ["staff", "add", "--unit", "AOK", "--id", "S2", "--name", "Per Leder", "--role", "leader"]


@pytest.fixture
def aok(cli_env: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:  # noqa: F811
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "nb")
    for argv in (UNIT, STAFF, LEADER, PARTICIPANT):
        assert main(argv) == 0
    capsys.readouterr()
    return cli_env


def active(db_url: str, code: str) -> bool:
    async def go() -> bool:
        async with database(db_url, apply_migrations=False):
            return (await Staff.get(code=code)).active

    return run_in_thread(go())


def test_deactivate_lists_who_needs_a_new_contact_person(
    aok: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["staff", "deactivate", "--id", "S1"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Lise Berg (S1) er deaktivert.",
        "Avsluttet: 0 Telegram-koblinger, 0 innlogginger på nett, "
        "0 innloggingslenker og 0 invitasjoner.",
        "Disse deltakerne trenger en ny kontaktperson (1):",
        "  P1 Kari Nordmann",
        "Velg en ny kontaktperson med denne kommandoen:",
        "  frammote participant contact --participant ID --contact ID",
    ]
    assert not active(aok, "S1")

    assert main(["participant", "list", "--unit", "AOK"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "P1\tKari Nordmann\ttrenger ny kontaktperson",
        "1 deltaker, 1 trenger ny kontaktperson",
    ]
    assert main(["participant", "contact", "--participant", "P1", "--contact", "S2"]) == 0
    assert capsys.readouterr().out == "Kari Nordmann har nå Per Leder som kontaktperson.\n"
    assert main(["participant", "list", "--unit", "AOK", "--needs-contact"]) == 0
    assert capsys.readouterr().out.splitlines() == ["1 deltaker, 0 trenger ny kontaktperson"]


def test_wrong_input_is_one_line_and_changes_nothing(
    aok: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["staff", "deactivate", "--id", "NOPE"]) == 1
    assert main(["staff", "reactivate", "--id", "S1"]) == 1  # S1 is active
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "frammote: Ingen ansatt har id-en NOPE",
        "frammote: Lise Berg er allerede aktiv",
    ]
    assert main(["staff", "deactivate", "--id", "S1"]) == 0
    assert main(["participant", "contact", "--participant", "P1", "--contact", "S1"]) == 1
    assert "deaktivert og kan ikke være kontaktperson" in capsys.readouterr().err
    assert main(["staff", "reactivate", "--id", "S1"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Lise Berg (S1) er aktiv igjen.",
        "Lag en ny invitasjon for å koble Telegram igjen.",
    ]
    assert active(aok, "S1")

    async def actions() -> list[str]:
        async with database(aok, apply_migrations=False):
            found = AuditEvent.filter(subject="staff:S1", action__startswith="staff.")
            return [e.action for e in await found.order_by("id")]

    assert run_in_thread(actions()) == ["staff.create", "staff.deactivate", "staff.reactivate"]
