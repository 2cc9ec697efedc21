"""`frammote participant read-aloud --participant P1 --on|--off`: through the same use case
as the bot and the web page, audited, the participant's own chat told; a wrong id is one
clear line and exit 1."""

from __future__ import annotations

from datetime import datetime

import pytest

from backend.cli import main
from backend.models import AuditEvent, LinkRole, OutboxMessage, Participant, TelegramLink
from backend.shared.db import database
from tests.cli.test_cli_foundation import PARTICIPANT, STAFF, UNIT, cli_env  # noqa: F401
from tests.conftest import run_in_thread
from tests.support.telegram import OSLO

DAY = datetime(2026, 4, 7, 10, 0, tzinfo=OSLO)


@pytest.fixture
def kari(cli_env: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:  # noqa: F811
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "nb")
    monkeypatch.setattr("backend.cli.people.now", lambda settings: DAY)
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


def link_kari(db_url: str) -> None:
    async def go() -> None:
        async with database(db_url, apply_migrations=False):
            kari = await Participant.get(code="P1")
            await TelegramLink.create(
                telegram_user_id=1001,
                chat_id=1001,
                role=LinkRole.PARTICIPANT,
                participant=kari,
                display_name="Kari",
                language="nn",
            )

    run_in_thread(go())


def told(db_url: str) -> list[tuple[int | None, str, str, str | None]]:
    async def go() -> list[tuple[int | None, str, str, str | None]]:
        async with database(db_url, apply_migrations=False):
            rows = await OutboxMessage.all().order_by("id")
            return [(m.chat_id, m.template, m.language, m.window) for m in rows]

    return run_in_thread(go())


def test_the_participants_own_chat_is_told(kari: str, capsys: pytest.CaptureFixture[str]) -> None:
    link_kari(kari)
    assert main(["participant", "read-aloud", "--participant", "P1", "--on"]) == 0
    assert capsys.readouterr().out == (
        "Kari Nordmann får svarene fra boten som lydmelding også.\n"
        "Kari Nordmann får beskjed om det i chatten.\n"
    )
    assert told(kari) == [(1001, "read_aloud_on", "nn", "participant")]
    # The same again changes nothing and tells nobody twice.
    assert main(["participant", "read-aloud", "--participant", "P1", "--on"]) == 0
    assert capsys.readouterr().out == "Kari Nordmann får svarene fra boten som lydmelding også.\n"
    assert len(told(kari)) == 1


def test_at_night_it_says_when_the_chat_is_told(
    kari: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    link_kari(kari)
    night = datetime(2026, 4, 7, 23, 0, tzinfo=OSLO)
    monkeypatch.setattr("backend.cli.people.now", lambda settings: night)
    assert main(["participant", "read-aloud", "--participant", "P1", "--on"]) == 0
    assert capsys.readouterr().out == (
        "Kari Nordmann får svarene fra boten som lydmelding også.\n"
        "Kari Nordmann får beskjed i chatten i morgen tidlig (etter kl. 08).\n"
    )
