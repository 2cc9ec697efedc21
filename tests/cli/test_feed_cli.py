"""`frammote feed`: prints a new secret calendar address (the old one stops), or revokes it."""

from __future__ import annotations

import re

import pytest

from backend.cli import main
from backend.models import CalendarFeed
from backend.shared.db import database
from tests.cli.test_cli_foundation import PARTICIPANT, STAFF, UNIT, cli_env  # noqa: F401
from tests.conftest import run_in_thread

URL = re.compile(r"^https://frammote\.example/feeds/[A-Za-z0-9_-]{43}\.ics$")


def in_force(db_url: str) -> list[tuple[int | None, int | None]]:
    async def go() -> list[tuple[int | None, int | None]]:
        async with database(db_url, apply_migrations=False):
            rows = await CalendarFeed.filter(revoked_at=None).values_list(
                "staff_id", "participant_id"
            )
            return [(s, p) for s, p in rows]

    return run_in_thread(go())


def test_feed_prints_a_new_address_each_time_and_revokes(
    cli_env: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(UNIT) == 0 and main(STAFF) == 0 and main(PARTICIPANT) == 0
    capsys.readouterr()
    base = ["feed", "--base-url", "https://frammote.example/"]
    assert main([*base, "--staff", "S1"]) == 0
    first = capsys.readouterr().out.strip()
    assert URL.match(first), first
    assert main([*base, "--staff", "S1"]) == 0
    second = capsys.readouterr().out.strip()
    assert URL.match(second) and second != first
    assert main([*base, "--participant", "P1"]) == 0
    assert URL.match(capsys.readouterr().out.strip())
    assert sorted(in_force(cli_env), key=str) == [(1, None), (None, 1)]  # one each
    assert main(["feed", "--revoke", "--staff", "S1"]) == 0
    assert capsys.readouterr().out.strip() == "revoked"
    assert main(["feed", "--revoke", "--staff", "S1"]) == 0
    assert capsys.readouterr().out.strip() == "no calendar address was in force"
    assert main(["feed", "--revoke", "--participant", "P1"]) == 0
    assert in_force(cli_env) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["feed", "--staff", "S9"], "S9"),
        (["feed", "--participant", "P9"], "P9"),
        (["feed", "--staff", "S1", "--base-url", "frammote.example"], "--base-url"),
        (["feed", "--staff", "S5"], "Nils Borte"),
    ],
)
def test_bad_feed_commands_say_what_is_wrong(
    cli_env: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    assert main(UNIT) == 0 and main(STAFF) == 0
    gone = [
        "staff",
        "add",
        "--unit",
        "AOK",
        "--id",
        "S5",
        "--name",
        "Nils Borte",
        "--role",
        "contact",
    ]
    assert main(gone) == 0 and main(["staff", "deactivate", "--id", "S5"]) == 0
    capsys.readouterr()
    assert main(argv) != 0
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err
    assert in_force(cli_env) == []
