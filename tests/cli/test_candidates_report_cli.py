"""`frammote candidates report`: the seed's slide from 65 candidates entered on the command
line, one line per stage in Norwegian with pending in brackets, and the total."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from backend.cli import main
from tests.cli.test_cli_foundation import UNIT, cli_env  # noqa: F401

# Seed 002's slide as (how many, the `candidates stage` moves of each).
SEED: list[tuple[int, list[list[str]]]] = [
    (12, [["--to", "vta"]]),
    (4, [["--to", "vta-o"]]),
    (1, [["--to", "vta-o", "--pending"]]),
    (4, [["--to", "care-assistant", "--pending"], ["--to", "care-assistant"]]),
    (2, [["--to", "care-assistant", "--pending"]]),
    (7, [["--to", "work-training"]]),
    (31, []),
    (4, [["--to", "ended", "--reason", "own-wish"]]),
]
SLIDE = """\
Tilnærming: 31
Kartlegging: 0
Arbeidsutprøving: 0
Arbeidstrening/aktivitet: 7
VTA: 12
VTA-O: 4 (5)
Omsorgsmedhjelper: 4 (6)
Oppfølging: 0
Avsluttet: 4
Totalt: 65
"""


def enter_the_seed() -> None:
    number = 0
    for how_many, moves in SEED:
        for _ in range(how_many):
            number += 1
            code = f"K{number}"
            added = ["candidates", "add", "--unit", "AOK", "--id", code, "--name", f"K {number}"]
            assert main(added) == 0
            for move in moves:
                assert main(["candidates", "stage", "--id", code, *move]) == 0


def test_the_seed_slide_on_the_command_line(
    cli_env: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(UNIT) == 0
    enter_the_seed()
    capsys.readouterr()
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "nb")
    today = datetime.now(ZoneInfo("Europe/Oslo")).date()  # the service's day, not the machine's
    assert main(["candidates", "report", "--unit", "AOK"]) == 0
    out = capsys.readouterr().out
    assert out == f"Kandidater per trinn, Arbeid og kvalifisering (AOK), {today}\n" + SLIDE
    # Without a unit, every unit together; here the same 65.
    assert main(["candidates", "report", "--at", today.isoformat()]) == 0
    assert capsys.readouterr().out == f"Kandidater per trinn, Alle enheter, {today}\n" + SLIDE
    # The day before, nobody was registered yet.
    yesterday = (today - timedelta(days=1)).isoformat()
    assert main(["candidates", "report", "--unit", "AOK", "--at", yesterday]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Totalt: 0"
    # In English, the stage names are translated too.
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "en")
    assert main(["candidates", "report", "--unit", "AOK"]) == 0
    english = capsys.readouterr().out.splitlines()
    assert english[0] == f"Candidates per stage, Arbeid og kvalifisering (AOK), {today}"
    assert english[1] == "Approach: 31"
    assert english[-1] == "Total: 65"


def test_the_range_parts_with_from(
    cli_env: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(UNIT) == 0
    added = ["candidates", "add", "--unit", "AOK", "--id", "K1", "--name", "Jonas Lie"]
    assert main(added) == 0
    assert main(["candidates", "stage", "--id", "K1", "--to", "vta-o", "--pending"]) == 0
    added = ["candidates", "add", "--unit", "AOK", "--id", "K2", "--name", "Berit Dahl"]
    assert main(added) == 0
    assert main(["candidates", "stage", "--id", "K2", "--to", "ended", "--reason", "moved"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "nb")
    today = datetime.now(ZoneInfo("Europe/Oslo")).date()  # the service's day, not the machine's
    first = today.replace(day=1).isoformat()
    assert main(["candidates", "report", "--unit", "AOK", "--from", first]) == 0
    out = capsys.readouterr().out.split("\n\n")
    assert out[0].splitlines()[-5:] == [
        "VTA-O: 0 (1)",
        "Omsorgsmedhjelper: 0",
        "Oppfølging: 0",
        "Avsluttet: 1",
        "Totalt: 2",
    ]
    months = out[1].splitlines()
    assert months[0] == f"Nye og avsluttede per måned, {first} – {today}:"
    assert months[1].endswith(": nye 2, avsluttet 1")
    times = out[2].splitlines()
    assert times[0] == "Median dager per trinn:"
    assert times[1] == "Tilnærming: 0 (2 opphold)"  # both moved on the day they came
    assert times[6] == "VTA-O: 0 (1 opphold)"
    assert times[2] == "Kartlegging: – (0 opphold)"
    funnel = out[3].splitlines()
    assert funnel[0] == "Har nådd trinnet:"
    assert funnel[1] == "Tilnærming: 2"
    assert funnel[6] == "VTA-O: 0 (og 1 som bare har søkt)"
    assert funnel[9] == "Avsluttet: 1"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--unit", "NOPE"], "No unit with the code NOPE"),
        (["--at", "2026-13-01"], "Not a date"),
        (["--at", "2099-01-01"], "The to date cannot be in the future: 2099-01-01"),
        (["--at", "2026-01-01", "--from", "2026-02-01"], "The from date cannot be after"),
        (["--from", "2000-01-01"], "Choose a period of at most 120 months"),
    ],
)
def test_bad_input_gets_one_line_and_exit_1(
    cli_env: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    assert main(UNIT) == 0
    capsys.readouterr()
    assert main(["candidates", "report", *argv]) == 1
    captured = capsys.readouterr()
    assert message in captured.err and "\n" not in captured.err.strip()
    assert captured.out == ""
