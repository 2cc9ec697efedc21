"""`frammote intake` and `frammote evaluation`: through the use cases, or one line and nothing."""

from __future__ import annotations

from datetime import date

import pytest

from backend.cli import main
from backend.models import Evaluation, Intake, Participant
from backend.shared.db import database
from tests.cli.test_cli_foundation import STAFF, UNIT, changed, cli_env, count  # noqa: F401
from tests.conftest import run_in_thread

INTAKE = [
    "intake", "--unit", "AOK", "--participant", "P7", "--name", "Sara Lund",
    "--birth-date", "1995-06-01", "--referred", "2026-01-05", "--counsellor", "Nina Veileder",
    "--contact", "S1", "--conversation", "2026-01-12", "--with-nav", "--from", "2026-01-19",
    "--to", "2026-07-17", "--days", "1,3,5", "--hours", "09:00-15:00",
    "--purpose", "Prøve ut arbeid i kantina", "--first-list", "2026-02-02",
    "--first-evaluation", "2026-03-02",
]  # fmt: skip


def sara(db_url: str) -> tuple[object, ...]:
    async def go() -> tuple[object, ...]:
        async with database(db_url, apply_migrations=False):
            p = await Participant.get(code="P7").prefetch_related("contact")
            intake = await Intake.get(participant_id=p.id)
            return (
                p.name,
                p.programme,
                p.weekdays,
                p.day_start,
                p.day_end,
                p.contact.code,
                p.decision_start,
                p.decision_end,
                p.list_start,
                p.next_evaluation,
                p.nav_followed,
                intake.counsellor,
                intake.nav_took_part,
            )

    return run_in_thread(go())


def test_an_intake_registers_the_participant_and_sets_the_dates(
    cli_env: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(UNIT) == 0 and main(STAFF) == 0
    capsys.readouterr()
    assert main(INTAKE) == 0
    out = capsys.readouterr().out
    assert "The intake of Sara Lund (P7) is recorded." in out
    assert "First attendance list to NAV: 2 February 2026. First evaluation: 2 March 2026." in out
    assert sara(cli_env) == (
        "Sara Lund",
        "work-training",
        "1,3,5",
        "09:00",
        "15:00",
        "S1",
        date(2026, 1, 19),
        date(2026, 7, 17),
        date(2026, 2, 2),
        date(2026, 3, 2),
        True,
        "Nina Veileder",
        True,
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (changed(INTAKE, "--conversation", "2026-01-01"), "before NAV's referral"),
        (changed(INTAKE, "--first-list", "2026-08-01"), "within the agreement period"),
        (changed(INTAKE, "--to", "2026-01-19"), "must end"),
        (changed(INTAKE, "--days", "1,9"), "Unknown weekday"),
        (changed(INTAKE, "--contact", "S9"), "No staff member of the unit has the id S9"),
        ([a for a in INTAKE if a not in ("--name", "Sara Lund")], "--name and --birth-date"),
    ],
)
def test_a_wrong_intake_exits_non_zero_with_one_line_and_writes_nothing(
    cli_env: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    assert main(UNIT) == 0 and main(STAFF) == 0
    capsys.readouterr()
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err, err
    assert count(cli_env, Intake) == 0
    assert count(cli_env, Participant) == 0


def test_an_evaluation_sets_the_next_date_or_ends_them(
    cli_env: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(UNIT) == 0 and main(STAFF) == 0 and main(INTAKE) == 0
    capsys.readouterr()
    argv = ["evaluation", "--participant", "P7", "--on", "2026-03-02", "--outcome", "continue"]
    assert main(argv) == 1
    assert "Set the date of the next evaluation" in capsys.readouterr().err
    assert main([*argv, "--next", "2026-05-04", "--note", "Går fint"]) == 0
    assert "Next evaluation: 2026-05-04." in capsys.readouterr().out
    assert sara(cli_env)[9] == date(2026, 5, 4)
    ended = ["evaluation", "--participant", "P7", "--on", "2026-05-04", "--outcome", "end"]
    assert main(ended) == 0
    assert "No new evaluation is set." in capsys.readouterr().out
    assert sara(cli_env)[9] is None
    assert count(cli_env, Evaluation) == 2
