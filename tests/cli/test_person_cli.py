"""`frammote person export|erase --participant ID`: a participant's data rights from the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from backend.cli import main
from backend.models import AuditEvent, Participant
from backend.shared.db import database
from tests.cli.test_cli_foundation import PARTICIPANT, STAFF, UNIT, cli_env  # noqa: F401
from tests.conftest import run_in_thread


@pytest.fixture
def aok(cli_env: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:  # noqa: F811
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "nb")
    for argv in (UNIT, STAFF, PARTICIPANT):
        assert main(argv) == 0
    capsys.readouterr()
    return cli_env


def end_service(db_url: str) -> None:
    async def go() -> None:
        async with database(db_url, apply_migrations=False):
            await Participant.filter(code="P1").update(active=False, ended_on=date(2026, 1, 31))

    run_in_thread(go())


def stored(db_url: str) -> tuple[str, list[tuple[str, str]]]:
    async def go() -> tuple[str, list[tuple[str, str]]]:
        async with database(db_url, apply_migrations=False):
            name = (await Participant.get(code="P1")).name
            events = await AuditEvent.filter(action__startswith="person.").order_by("id")
            return name, [(e.actor, e.action) for e in events]

    return run_in_thread(go())


def test_export_writes_the_json_and_the_pdf(
    aok: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ut"
    folder.mkdir()
    assert main(["person", "export", "--participant", "P1", "--output-dir", str(folder)]) == 0
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 2
    json_name, pdf_name = files
    assert json_name.startswith("personopplysninger-P1-") and json_name.endswith(".json")
    assert pdf_name == json_name.replace(".json", ".pdf")
    assert capsys.readouterr().out.splitlines() == [
        "Alle opplysningene om P1:",
        f"  {folder / json_name}",
        f"  {folder / pdf_name}",
    ]
    data = json.loads((folder / json_name).read_text(encoding="utf-8"))
    assert data["participant"]["name"] == "Kari Nordmann"
    assert data["participant"]["contact"] == {"code": "S1", "name": "Lise Berg"}
    assert (folder / pdf_name).read_bytes().startswith(b"%PDF-")
    assert stored(aok)[1] == [("cli", "person.export")]


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["person", "export", "--participant", "P9"], 1, "frammote: Ingen deltaker har id-en P9"),
        (
            ["person", "export", "--participant", "P1", "--output-dir", "finnes-ikke"],
            1,
            "frammote: --output-dir: mappen finnes-ikke finnes ikke",
        ),
        (
            ["person", "erase", "--participant", "P1"],
            1,
            "frammote: Avslutt tjenesten før du sletter opplysningene om P1",
        ),
        (
            ["person", "erase", "--participant", "P1", "--confirm", "P1"],
            1,
            "frammote: Avslutt tjenesten før du sletter opplysningene om P1",
        ),
    ],
)
def test_bad_input_exits_with_one_line_and_writes_nothing(
    aok: str, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    assert main(argv) == code
    assert capsys.readouterr().err.splitlines() == [message]
    assert stored(aok) == ("Kari Nordmann", [])


def test_erase_wants_the_id_again_then_anonymises(
    aok: str, capsys: pytest.CaptureFixture[str]
) -> None:
    end_service(aok)
    for confirm in ([], ["--confirm", "P2"]):
        assert main(["person", "erase", "--participant", "P1", *confirm]) == 1
        assert capsys.readouterr().err.splitlines() == [
            "frammote: Bekreft slettingen med --confirm P1 (id-en en gang til)"
        ]
    assert stored(aok) == ("Kari Nordmann", [])

    assert main(["person", "erase", "--participant", "P1", "--confirm", "P1"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Opplysningene om P1 er slettet.",
        "  Fraværsmeldinger: 0",
        "  Meldinger fra deltakere: 0",
        "  Sendte meldinger: 0",
        "  Samtaler som ventet på svar: 0",
        "  Avviste forsøk: 0",
        "  Telegram-koblinger: 0",
        "  Brukte og utløpte invitasjoner: 0",
        "  KVP-søknader: 0",
        "  Inntak med NAV: 0",
        "  Evalueringer: 0",
        "  Sluttrapporter: 0",
        "  Opplysninger fra elevregisteret: 0",
        "  Opplysninger som kandidat: 0",
        "  Kalenderadresser stoppet: 0",
        "  Tider fra nettbrettet: 0",
        "  Bilde og symbol på nettbrettet: 0",
        "Beholdt anonymt (bokføringsloven): 0 oppmøtedager",
    ]
    assert stored(aok) == ("Slettet deltaker", [("cli", "person.erase")])


def test_the_folder_error_is_in_the_users_language(
    aok: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "en")
    argv = ["person", "export", "--participant", "P1", "--output-dir", "missing"]
    assert main(argv) == 1
    assert capsys.readouterr().err.splitlines() == [
        "frammote: --output-dir: the folder missing does not exist"
    ]


def test_an_erased_participant_gets_no_criteria_from_the_command_line(
    aok: str, capsys: pytest.CaptureFixture[str]
) -> None:
    end_service(aok)
    assert main(["person", "erase", "--participant", "P1", "--confirm", "P1"]) == 0
    capsys.readouterr()
    argv = ["participant", "criteria", "--participant", "P1", "--met", "wants_service"]
    assert main(argv) == 1
    assert capsys.readouterr().err.splitlines() == [
        "frammote: Opplysningene om P1 er slettet. Ingenting nytt kan lagres om deltakeren."
    ]
