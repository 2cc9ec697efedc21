"""`frammote meeting add`: sets a date, or refuses with one line and writes nothing."""

from __future__ import annotations

import pytest

from backend.cli import main
from backend.models import Meeting
from tests.cli.test_cli_foundation import STAFF, UNIT, cli_env, count  # noqa: F401


def test_meeting_add_sets_the_date(cli_env: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert main(UNIT) == 0 and main(STAFF) == 0
    argv = ["meeting", "add", "--unit", "AOK", "--kind", "nav", "--date", "2099-10-20"]
    assert main(argv) == 0
    assert "meeting nav 2099-10-20 at AOK" in capsys.readouterr().out
    assert count(cli_env, Meeting) == 1
    assert main(argv) == 1  # the same meeting again
    assert "already" in capsys.readouterr().err
    assert count(cli_env, Meeting) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--unit", "NOPE", "--kind", "nav", "--date", "2099-10-20"], "No unit"),
        (["--unit", "AOK", "--kind", "status", "--date", "2099-10-20"], "January or September"),
        (["--unit", "AOK", "--kind", "nav", "--date", "2099-10-40"], "Not a date"),
    ],
)
def test_bad_meetings_write_nothing(
    cli_env: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    assert main(UNIT) == 0
    capsys.readouterr()
    assert main(["meeting", "add", *argv]) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err
    assert count(cli_env, Meeting) == 0
