"""`frammote candidates add | stage`: plain stage keys, one line back, or one line of refusal."""

from __future__ import annotations

import pytest

from backend.cli import main
from backend.models import Candidate, CandidateStage
from tests.cli.test_cli_foundation import STAFF, UNIT, cli_env, count  # noqa: F401

ADD = ["candidates", "add", "--unit", "AOK", "--id", "K1", "--name", "Jonas Lie"]


def test_add_and_move(cli_env: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert main(UNIT) == 0 and main(STAFF) == 0
    capsys.readouterr()
    assert main([*ADD, "--referred-by", "mental-health", "--follower", "S1"]) == 0
    assert capsys.readouterr().out.strip() == "Candidate K1: Jonas Lie, Approach"
    assert main(["candidates", "stage", "--id", "K1", "--to", "vta-o", "--pending"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("K1 is now at the stage VTA-O (applied) from ")
    assert main(["candidates", "stage", "--id", "K1", "--to", "vta-o"]) == 0
    assert count(cli_env, CandidateStage) == 3


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["stage", "--id", "K9", "--to", "vta"], "No candidate has the ID K9"),
        (["stage", "--id", "K1", "--to", "vta_o"], "Unknown stage: vta_o."),
        (["stage", "--id", "K1", "--to", "ended"], "Choose why the pathway ends"),
        (["stage", "--id", "K1", "--to", "mapping", "--pending"], "Only a place NAV grants"),
        (["stage", "--id", "K1", "--to", "mapping", "--on", "2026-13-01"], "Not a date"),
    ],
)
def test_bad_moves_write_nothing(
    cli_env: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    assert main(UNIT) == 0 and main(ADD) == 0
    capsys.readouterr()
    assert main(["candidates", *argv]) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err
    assert count(cli_env, CandidateStage) == 1
    assert count(cli_env, Candidate) == 1
