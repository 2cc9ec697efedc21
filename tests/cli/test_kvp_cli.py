"""`frammote kvp add|step|list`: an application from received to started, or one line that
says what is wrong and writes nothing."""

from __future__ import annotations

import pytest

from backend.cli import main
from backend.models import AuditEvent, KvpApplication, Participant, Programme
from backend.shared.db import database
from tests.cli.test_cli_foundation import STAFF, UNIT, cli_env, count  # noqa: F401
from tests.conftest import run_in_thread

ADD = [
    "kvp", "add", "--unit", "AOK", "--name", "Nora Berg", "--birth-date", "1995-05-06",
    "--received", "2026-05-04", "--counsellor", "S1",
]  # fmt: skip
START = [
    "--start", "2026-06-01", "--weekdays", "mon,tue,wed,thu,fri", "--hours", "09:00-15:00",
    "--contact", "S1",
]  # fmt: skip


def step(*argv: str) -> list[str]:
    return ["kvp", "step", "--id", "1", *argv]


def test_from_received_to_started(cli_env: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert main(UNIT) == 0 and main(STAFF) == 0
    assert main(ADD) == 0
    assert "KVP application 1: Nora Berg" in capsys.readouterr().out
    assert main(step("--aev", "2026-05-11")) == 0
    assert main(step("--approve", "2026-05-20")) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "1\tNora Berg\tApproved\t\t2026-11-20\tS1"  # start within six months
    assert main(step("--period", "2026-06-01", "2027-05-31")) == 0
    assert main(step(*START)) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-2:] == [
        "The programme has started: participant KVP-1, Nora Berg",
        "1\tNora Berg\tThe programme has started\t\t2027-05-31\tS1",
    ]
    assert main(["kvp", "list", "--unit", "AOK"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "1\tNora Berg\tThe programme has started\t\t2027-05-31\tS1",
        "1 KVP application",
    ]

    async def check() -> tuple[object, ...]:
        async with database(cli_env, apply_migrations=False):
            p = await Participant.get(code="KVP-1")
            actions = await AuditEvent.filter(subject="kvp:1").values_list("actor", "action")
            return p.programme, p.kvp_approved_on.isoformat(), p.decision_end.isoformat(), actions

    assert run_in_thread(check()) == (
        Programme.KVP, "2026-05-20", "2027-05-31",
        [("cli", "kvp.create"), ("cli", "kvp.aev"), ("cli", "kvp.decision"),
         ("cli", "kvp.period"), ("cli", "kvp.start")],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("steps", "last", "message"),
    [
        ([], step("--approve", "2026-05-20"),
         "The work ability assessment must be done before the decision"),
        ([step("--aev", "2026-05-11")], step("--refuse", "2026-05-20"),
         "Write the reason for the refusal"),
        ([step("--aev", "2026-05-11"), step("--approve", "2026-05-20")],
         step("--period", "2026-06-01", "2027-06-01"),
         "KVP is granted for at most a year at a time: a period from 2026-06-01 can last until "
         "2027-05-31"),
        ([step("--aev", "2026-05-11"), step("--approve", "2026-05-20"),
          step("--period", "2026-06-01", "2027-05-31")],
         step("--start", "2026-11-21", "--weekdays", "mon,tue,wed,thu,fri", "--hours",
              "09:00-15:00", "--contact", "S1"),
         "The programme must start by 2026-11-20, six months after the decision 2026-05-20"),
        ([step("--aev", "2026-05-11"), step("--approve", "2026-05-20"),
          step("--period", "2026-06-01", "2027-05-31")],
         step("--start", "2026-06-01"),
         "Give --weekdays, --hours and --contact to start the programme"),
        ([], step("--aev", "2099-05-11"), "The date cannot be in the future: 2099-05-11"),
        ([], ["kvp", "step", "--id", "7", "--aev", "2026-05-11"], "No KVP application has the number 7"),
        ([], ["kvp", "step", "--id", "x", "--aev", "2026-05-11"], "No KVP application has the number x"),
        ([], step("--aev", "2026-13-01"), "Not a date (YYYY-MM-DD): 2026-13-01"),
    ],
)  # fmt: skip
def test_a_wrong_step_exits_with_one_line_and_changes_nothing(
    cli_env: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    steps: list[list[str]],
    last: list[str],
    message: str,
) -> None:
    assert main(UNIT) == 0 and main(STAFF) == 0 and main(ADD) == 0
    for argv in steps:
        assert main(argv) == 0
    capsys.readouterr()
    before = count(cli_env, AuditEvent)
    assert main(last) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"frammote: {message}"
    assert count(cli_env, AuditEvent) == before
    assert count(cli_env, Participant) == 0


def test_a_bad_application_writes_nothing(
    cli_env: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(UNIT) == 0
    capsys.readouterr()
    assert main([*ADD[:-2], "--counsellor", "S9"]) == 1
    assert capsys.readouterr().err.strip() == "frammote: No staff member with the id S9"
    assert count(cli_env, KvpApplication) == 0


def test_another_counsellor_follows_the_application(
    cli_env: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    other = [
        "staff",
        "add",
        "--unit",
        "AOK",
        "--id",
        "S2",
        "--name",
        "Per Leder",
        "--role",
        "leader",
    ]
    assert main(UNIT) == 0 and main(STAFF) == 0 and main(other) == 0 and main(ADD) == 0
    capsys.readouterr()
    assert main(["kvp", "counsellor", "--id", "1", "--staff", "S2"]) == 0
    assert capsys.readouterr().out.strip() == "KVP counsellor for Nora Berg: Per Leder"
    assert main(["kvp", "counsellor", "--id", "1", "--none"]) == 0
    assert capsys.readouterr().out.strip() == "KVP counsellor for Nora Berg: None"
    assert main(["kvp", "counsellor", "--id", "1", "--staff", "S9"]) == 1
    assert capsys.readouterr().err.strip() == "frammote: No staff member with the id S9"
