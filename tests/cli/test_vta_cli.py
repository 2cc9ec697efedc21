"""`frammote vta step | places add | plan`: one line back, the plan as a table, refusals as one line."""

from __future__ import annotations

from datetime import date

import pytest

from backend.cli import main
from backend.models import VtaPathStep, VtaPlacesCreated
from tests.cli.test_cli_foundation import PARTICIPANT, STAFF, UNIT, cli_env, count  # noqa: F401
from tests.support.world import NOW


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    """The command line's clock on 7 April 2026."""
    monkeypatch.setattr("backend.cli.vta.now", lambda settings: NOW)
    return NOW.date()


def test_a_participant_moves_along_the_path(
    cli_env: str,  # noqa: F811
    today: date,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(UNIT) == 0 and main(STAFF) == 0 and main(PARTICIPANT) == 0
    capsys.readouterr()
    assert (
        main(["vta", "step", "--participant", "P1", "--to", "interested", "--on", "2026-03-02"])
        == 0
    )
    assert capsys.readouterr().out.strip() == "P1 is now at the step Interested from 2026-03-02"
    assert main(["vta", "step", "--participant", "P1", "--to", "qualification"]) == 0
    assert capsys.readouterr().out.strip() == (
        "P1 is now at the step In qualification with iVekst from 2026-04-07"
    )
    assert main(["vta", "step", "--participant", "P1", "--to", "left", "--reason", "Moved"]) == 0
    assert count(cli_env, VtaPathStep) == 3


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--participant", "P9", "--to", "interested"], "No participant with the id P9"),
        (["--participant", "P1", "--to", "vta"], "Unknown step: vta. Use one of: interested,"),
        (["--participant", "P1", "--to", "left"], "Write briefly why the participant leaves"),
        (["--participant", "P1", "--to", "granted", "--on", "2026-04-08"], "in the future"),
        (["--participant", "P1", "--to", "granted", "--on", "2026-13-01"], "Not a date"),
    ],
)
def test_a_refused_step_is_one_line_and_writes_nothing(
    cli_env: str,  # noqa: F811
    today: date,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    assert main(UNIT) == 0 and main(STAFF) == 0 and main(PARTICIPANT) == 0
    capsys.readouterr()
    assert main(["vta", "step", *argv]) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err
    assert count(cli_env, VtaPathStep) == 0


def test_places_and_the_plan_per_quarter(
    cli_env: str,  # noqa: F811
    today: date,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add = ["vta", "places", "add"]
    assert main([*add, "--on", "2025-02-10", "--count", "3", "--where", "iVekst"]) == 0
    assert capsys.readouterr().out.strip() == "3 new VTA places on 2025-02-10. In all 3 of 48."
    assert main([*add, "--on", "2025-09-01", "--count", "8"]) == 0
    assert main([*add, "--on", "2026-01-15", "--count", "3"]) == 0
    capsys.readouterr()
    assert main(["vta", "plan"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Quarter  Created  In all  Plan  Ahead/behind",
        "2025 Q1        3       3     4            -1",
        "2025 Q2        0       3     8            -5",
        "2025 Q3        8      11    12            -1",
        "2025 Q4        0      11    16            -5",
        "2026 Q1        3      14    20            -6",
        "2026 Q2        0      14    24           -10",
        "2026 Q3        –       –    28             –",
        "2026 Q4        –       –    32             –",
        "2027 Q1        –       –    36             –",
        "2027 Q2        –       –    40             –",
        "2027 Q3        –       –    44             –",
        "2027 Q4        –       –    48             –",
        "On 2026-04-07: 14 of 48 places created, the plan says 20: 6 places behind the plan.",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--on", "2026-04-08", "--count", "2"], "in the future"),
        (["--on", "2026-04-01", "--count", "0"], "from 1 to 480"),
        (["--on", "2026-04-01", "--count", "two"], "whole number"),
    ],
)
def test_refused_places_write_nothing(
    cli_env: str,  # noqa: F811
    today: date,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    assert main(["vta", "places", "add", *argv]) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err
    assert count(cli_env, VtaPlacesCreated) == 0


def test_the_plan_follows_the_settings(
    cli_env: str,  # noqa: F811
    today: date,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VTA_PLACES_TARGET", "12")
    monkeypatch.setenv("VTA_PLAN_START", "2026-01-01")
    monkeypatch.setenv("VTA_PLAN_END", "2026-12-31")
    assert main(["vta", "plan"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:5] == [
        "2026 Q1        0       0     3            -3",
        "2026 Q2        0       0     6            -6",
        "2026 Q3        –       –     9             –",
        "2026 Q4        –       –    12             –",
    ]
    assert lines[-1] == (
        "On 2026-04-07: 0 of 12 places created, the plan says 3: 3 places behind the plan."
    )
