"""`frammote pupils add | overview`: one line back, or one line of refusal and nothing written;
the overview prints counts per school and class year, needs, and who turns 18 within six
months, by name only with the guardian's consent."""

from __future__ import annotations

from datetime import date

import pytest

from backend.cli import main
from backend.models import AuditEvent, Pupil
from backend.shared.db import database
from tests.cli.test_cli_foundation import UNIT, cli_env, count  # noqa: F401
from tests.conftest import run_in_thread

THOR = "Thor Heyerdahl vgs"
ADD = ["pupils", "add", "--unit", "AOK", "--school", THOR]


def registered_on(db_url: str, day: date) -> None:
    """The CLI registers today; the overview's dates below need a fixed registration day."""

    async def go() -> None:
        async with database(db_url, apply_migrations=False):
            await Pupil.all().update(registered_on=day)

    run_in_thread(go())


def test_add_and_overview(cli_env: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert main(UNIT) == 0
    capsys.readouterr()
    ada = ["--name", "Ada Elev", "--birth-date", "2009-01-20", "--year", "Vg2"]
    assert main([*ADD, *ada, "--consent", "2026-08-25", "--share-name", "--needs", "aok,vta"]) == 0
    assert capsys.readouterr().out.strip() == f"pupil 1: Ada Elev (Vg2, {THOR})"
    bo = ["--name", "Bo Elev", "--birth-date", "2009-02-11", "--year", "vg2", "--needs", "vta"]
    assert main([*ADD, *bo, "--consent", "2026-08-25"]) == 0  # consent, not to the name
    cy = ["--name", "Cy Elev", "--birth-date", "2010-05-02", "--year", "Vg1"]
    assert main(["pupils", "add", "--unit", "AOK", "--school", "Allskog vgs", *cy]) == 0
    assert count(cli_env, Pupil) == 3
    assert count(cli_env, AuditEvent) == 4  # the unit and three pupils
    registered_on(cli_env, date(2026, 8, 20))
    capsys.readouterr()

    assert main(["pupils", "overview", "--unit", "AOK", "--at", "2026-09-15"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Status meeting on school pupils 15 September 2026",
        "Pupils in the register: 3",
        "School\tVg1\tVg2\tVg3\tIn all",
        "Allskog vgs\t1\t0\t0\t1",
        f"{THOR}\t0\t2\t0\t2",
        "All schools\t1\t2\t0\t3",
        "Services they may need later:",
        "  AoK – daytime work and activity: 1",
        "  VTA – permanent adapted work: 2",
        "  Work training: 0",
        "  Not assessed yet: 1",
        "Turn 18 within six months of the meeting:",
        f"  Ada Elev, Vg2, {THOR} – turns 18 on 20 January 2027",
        f"  Pupil, Vg2, {THOR}",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--unit", "NOPE", "--year", "Vg1"], "No unit with the code NOPE"),
        (["--unit", "AOK", "--year", "Vg4"], "Vg1, Vg2 or Vg3"),
        (["--unit", "AOK", "--year", "Vg1", "--needs", "aok,cinema"], "Unknown need: cinema"),
        (["--unit", "AOK", "--year", "Vg1", "--share-name"], "consent"),
        (["--unit", "AOK", "--year", "Vg1", "--consent", "2026-13-01"], "Not a date"),
    ],
)
def test_bad_input_exits_non_zero_with_one_line_and_writes_nothing(
    cli_env: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    assert main(UNIT) == 0
    capsys.readouterr()
    person = ["--name", "Ada Elev", "--birth-date", "2010-05-02", "--school", THOR]
    assert main(["pupils", "add", *person, *argv]) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err
    assert count(cli_env, Pupil) == 0


def test_an_overview_of_an_empty_register(cli_env: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert main(UNIT) == 0
    capsys.readouterr()
    assert main(["pupils", "overview", "--unit", "AOK", "--at", "2027-01-15"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        "Status meeting on school pupils 15 January 2027",
        "Pupils in the register: 0",
    ]
    assert out[-2:] == ["Turn 18 within six months of the meeting:", "  None."]
