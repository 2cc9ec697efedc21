"""`frammote participant read-aloud --participant P1 --on|--off`: through the same use case
as the bot and the web page, audited; a wrong id is one clear line and exit 1."""

from __future__ import annotations

import pytest

from backend.cli import main
from backend.models import AuditEvent, Participant
from backend.shared.db import database
from tests.cli.test_cli_foundation import PARTICIPANT, STAFF, UNIT, cli_env  # noqa: F401
from tests.conftest import run_in_thread


@pytest.fixture
def kari(cli_env: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:  # noqa: F811
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "nb")
    for argv in (UNIT, STAFF, PARTICIPANT):
        assert main(argv) == 0
    capsys.readouterr()
    return cli_env


def stored(db_url: str) -> tuple[bool, list[dict[str, object]]]:
    async def go() -> tuple[bool, list[dict[str, object]]]:
        async with database(db_url, apply_migrations=False):
            events = await AuditEvent.filter(action="participant.read_aloud").order_by("id")
            return (await Participant.get(code="P1")).read_aloud, [e.detail for e in events]

    return run_in_thread(go())


def test_on_and_off(kari: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["participant", "read-aloud", "--participant", "P1", "--on"]) == 0
    assert capsys.readouterr().out == (
        "Kari Nordmann får svarene fra boten som lydmelding også.\n"
        "Kari Nordmann har ingen chat med boten, så ingen fikk beskjed.\n"
    )
    assert stored(kari) == (True, [{"read_aloud": True}])
    assert main(["participant", "read-aloud", "--participant", "P1", "--off"]) == 0
    assert capsys.readouterr().out == (
        "Kari Nordmann får ikke lydmelding fra boten.\n"
        "Kari Nordmann har ingen chat med boten, så ingen fikk beskjed.\n"
    )
    assert stored(kari) == (False, [{"read_aloud": True}, {"read_aloud": False}])


def test_an_unknown_participant_is_one_line(kari: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["participant", "read-aloud", "--participant", "P9", "--on"]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == "frammote: Ingen deltaker har id-en P9"
    assert stored(kari) == (False, [])


def test_on_or_off_must_be_said(kari: str) -> None:
    with pytest.raises(SystemExit):
        main(["participant", "read-aloud", "--participant", "P1"])
