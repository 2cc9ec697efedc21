"""`frammote tablet`: a leader prints a pairing code, lists the unit's tablets, unpairs one."""

from __future__ import annotations

import re

import pytest

from backend.checkin import pairing
from backend.cli import main
from backend.models import Tablet
from backend.shared.db import database
from tests.cli.test_cli_foundation import STAFF, UNIT, cli_env  # noqa: F401
from tests.conftest import run_in_thread

LEADER = ["staff", "add", "--unit", "AOK", "--id", "S2", "--name", "Per Leder", "--role", "leader"]


def pair(db_url: str, code: str) -> int:
    async def go() -> int:
        async with database(db_url, apply_migrations=False):
            from datetime import datetime
            from zoneinfo import ZoneInfo

            paired = await pairing.pair(code, datetime.now(ZoneInfo("Europe/Oslo")))
            return paired.tablet.id

    return run_in_thread(go())


def paired(db_url: str) -> list[str]:
    async def go() -> list[str]:
        async with database(db_url, apply_migrations=False):
            return [t.name for t in await Tablet.filter(unpaired_at=None)]

    return run_in_thread(go())


def test_a_leader_makes_a_code_lists_and_unpairs(
    cli_env: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(UNIT) == 0 and main(STAFF) == 0 and main(LEADER) == 0
    capsys.readouterr()
    assert main(["tablet", "code", "--staff", "S2", "--name", "Kafeen"]) == 0
    first, address = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"\d{3} \d{3}", first), first
    assert re.match(r"^http://\S+/tablet  \(until \d\d:\d\d\)$", address), address
    number = pair(cli_env, first)
    assert paired(cli_env) == ["Kafeen"]
    assert main(["tablet", "list", "--staff", "S2"]) == 0
    assert capsys.readouterr().out.startswith(f"{number}\tKafeen\tpaired ")
    assert main(["tablet", "unpair", "--staff", "S2", str(number)]) == 0
    assert capsys.readouterr().out == "unpaired\n"
    assert paired(cli_env) == []
    assert main(["tablet", "unpair", "--staff", "S2", str(number)]) != 0
    assert capsys.readouterr().err == "frammote: Tablet not found.\n"  # in the CLI's English


def test_a_contact_person_makes_no_code(
    cli_env: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(UNIT) == 0 and main(STAFF) == 0
    capsys.readouterr()
    assert main(["tablet", "code", "--staff", "S1"]) != 0
    assert capsys.readouterr().err == (
        "frammote: Only an active leader or coordinator can pair tablets\n"
    )
