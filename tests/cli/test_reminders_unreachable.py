"""`frammote reminders due` lists a reminder nobody can receive, and says who to link."""

from __future__ import annotations

from datetime import date

import pytest

from backend.cli import main
from backend.models import Staff
from tests.cli.test_reminders_cli import cli_env, in_db
from tests.support.reminder_world import add_person, build_reminder_world

__all__ = ["cli_env"]


async def _nobody_linked() -> None:
    """Turning 67 on 15 June 2026; no staff member has linked Telegram or has an e-mail."""
    await build_reminder_world()
    await add_person("P67", date(1959, 6, 15))
    await Staff.filter(code="S1").update(name="Per Hansen")


@pytest.mark.parametrize(
    ("smtp", "hint"),
    [
        (True, "koble Per Hansen til Telegram eller legg inn e-post"),
        (False, "koble Per Hansen til Telegram"),  # without e-mail set up, an address won't help
    ],
)
def test_a_reminder_nobody_can_receive_is_listed_with_what_to_do(
    cli_env: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    smtp: bool,
    hint: str,
) -> None:
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "nb")
    if smtp:
        monkeypatch.setenv("SMTP_HOST", "smtp.example.no")
        monkeypatch.setenv("SMTP_FROM", "noreply@example.no")
    in_db(cli_env, _nobody_linked)
    assert main(["reminders", "due", "--date", "2025-12-15"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"2025-12-15  AOK  age_67  participant:P67  -> ingen kan få den: {hint}",
        "2025-12-15  AOK  age_67  participant:P67  -> ingen kan få den: "
        + hint.replace("Per Hansen", "Kari Koord"),
        "2025-12-15: 2 reminder(s), 0 message(s) due, 2 nobody can receive; nothing was sent.",
    ]
