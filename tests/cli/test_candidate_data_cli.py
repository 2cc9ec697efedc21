"""`frammote candidates export|erase --id ID`: a candidate's data rights from the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backend.cli import main
from backend.models import AuditEvent, Candidate, CandidateStage
from backend.shared.db import database
from tests.cli.test_cli_foundation import STAFF, UNIT, cli_env, count  # noqa: F401
from tests.conftest import run_in_thread

ADD = ["candidates", "add", "--unit", "AOK", "--id", "K1", "--name", "Jonas Lie",
       "--follower", "S1"]  # fmt: skip
END = ["candidates", "stage", "--id", "K1", "--to", "ended", "--reason", "moved"]


@pytest.fixture
def jonas(cli_env: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:  # noqa: F811
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "nb")
    for argv in (UNIT, STAFF, ADD):
        assert main(argv) == 0
    capsys.readouterr()
    return cli_env


def logged(db_url: str) -> list[tuple[str, str]]:
    async def go() -> list[tuple[str, str]]:
        async with database(db_url, apply_migrations=False):
            events = AuditEvent.filter(action__in=["candidate.export", "candidate.erase"])
            return [(e.actor, e.action) for e in await events.order_by("id")]

    return run_in_thread(go())


def test_export_writes_the_json_and_the_pdf(
    jonas: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ut"
    folder.mkdir()
    assert main(["candidates", "export", "--id", "K1", "--output-dir", str(folder)]) == 0
    json_name, pdf_name = sorted(p.name for p in folder.iterdir())
    assert json_name.startswith("personopplysninger-K1-") and json_name.endswith(".json")
    assert pdf_name == json_name.replace(".json", ".pdf")
    assert capsys.readouterr().out.splitlines() == [
        "Alle opplysningene om K1:",
        f"  {folder / json_name}",
        f"  {folder / pdf_name}",
    ]
    data = json.loads((folder / json_name).read_text(encoding="utf-8"))
    assert data["candidate"]["name"] == "Jonas Lie"
    assert data["candidate"]["follower"] == {"code": "S1", "name": "Lise Berg"}
    assert (folder / pdf_name).read_bytes().startswith(b"%PDF-")
    assert logged(jonas) == [("cli", "candidate.export")]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--id", "K9"], "frammote: Ingen kandidat har id-en K9"),
        (
            ["export", "--id", "K1", "--output-dir", "finnes-ikke"],
            "frammote: --output-dir: mappen finnes-ikke finnes ikke",
        ),
        (
            ["erase", "--id", "K1"],
            "frammote: Avslutt veien til K1 før du sletter opplysningene om kandidaten",
        ),
        (
            ["erase", "--id", "K1", "--confirm", "K1"],
            "frammote: Avslutt veien til K1 før du sletter opplysningene om kandidaten",
        ),
    ],
)
def test_bad_input_exits_with_one_line_and_changes_nothing(
    jonas: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(["candidates", *argv]) == 1
    assert capsys.readouterr().err.splitlines() == [message]
    assert count(jonas, Candidate) == 1
    assert logged(jonas) == []


def test_erase_wants_the_id_again_then_deletes(
    jonas: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(END) == 0
    capsys.readouterr()
    for confirm in ([], ["--confirm", "K2"]):
        assert main(["candidates", "erase", "--id", "K1", *confirm]) == 1
        assert capsys.readouterr().err.splitlines() == [
            "frammote: Bekreft slettingen med --confirm K1 (id-en en gang til)"
        ]
    assert count(jonas, Candidate) == 1

    assert main(["candidates", "erase", "--id", "K1", "--confirm", "K1"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Opplysningene om K1 er slettet.",
        "  Trinn på veien: 2",
        "  Presentasjoner for bedrifter: 0",
        "  Opplysninger fra elevregisteret: 0",
    ]
    assert (count(jonas, Candidate), count(jonas, CandidateStage)) == (0, 0)
    assert logged(jonas) == [("cli", "candidate.erase")]
