"""`frammote participant criteria`: shows each criterion, records changes through the service."""

from __future__ import annotations

from datetime import date

import pytest

from backend.cli import main
from backend.models import AuditEvent, OutboxMessage, Participant
from backend.shared.db import database
from tests.cli.test_cli_foundation import PARTICIPANT, STAFF, UNIT, cli_env, count  # noqa: F401
from tests.conftest import run_in_thread

CRITERIA = ["participant", "criteria", "--participant", "P1"]
COORDINATOR = ["staff", "add", "--unit", "AOK", "--id", "S3", "--name", "Kim Koordinator",
               "--role", "coordinator", "--email", "kim@example.no"]  # fmt: skip


@pytest.fixture
def kari(cli_env: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:  # noqa: F811
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "nb")
    for argv in (UNIT, STAFF, COORDINATOR, PARTICIPANT):
        assert main(argv) == 0
    capsys.readouterr()
    return cli_env


def stored(db_url: str) -> tuple[dict[str, bool], list[dict[str, object]]]:
    async def go() -> tuple[dict[str, bool], list[dict[str, object]]]:
        async with database(db_url, apply_migrations=False):
            events = await AuditEvent.filter(action="eligibility.record").order_by("id")
            return (await Participant.get(code="P1")).eligibility, [e.detail for e in events]

    return run_in_thread(go())


def test_without_options_each_criterion_its_state_and_key(
    kari: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(CRITERIA) == 0
    assert capsys.readouterr().out.splitlines() == [
        "P1 Kari Nordmann (aok)",
        "  ikke vurdert   lives_in_municipality          bor i kommunen",
        "  ikke vurdert   wants_service                  ønsker tjenesten",
        "  ikke vurdert   needs_day_adaptation           trenger tilrettelegging på dagtid",
        "  ikke vurdert   multidisciplinary_assessment   tverrfaglig vurdering",
        "  ikke vurdert   can_work_in_group              kan jobbe i gruppe",
        "  ikke vurdert   no_heavy_shielding_need        trenger ikke mye skjerming",
        "  ikke vurdert   full_disability_benefit        100\u00a0%\u00a0uføretrygd",
    ]


def test_met_not_met_and_unknown_are_recorded_and_audited(
    kari: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [*CRITERIA, "--met", "wants_service,lives-in-municipality", "--not-met",
            "can_work_in_group"]  # fmt: skip
    assert main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        "wants_service: ikke vurdert -> ja",
        "lives_in_municipality: ikke vurdert -> ja",
        "can_work_in_group: ikke vurdert -> nei",
    ]
    assert "  nei            can_work_in_group              kan jobbe i gruppe" in out
    facts, events = stored(kari)
    assert facts == {
        "wants_service": True,
        "lives_in_municipality": True,
        "can_work_in_group": False,
    }
    assert events == [
        {"criterion": "wants_service", "old": "not_assessed", "new": "met"},
        {"criterion": "lives_in_municipality", "old": "not_assessed", "new": "met"},
        {"criterion": "can_work_in_group", "old": "not_assessed", "new": "not_met"},
    ]

    assert main([*CRITERIA, "--unknown", "can_work_in_group", "--met", "wants_service"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "can_work_in_group: nei -> ikke vurdert"
    facts, events = stored(kari)
    assert facts == {"wants_service": True, "lives_in_municipality": True}
    assert len(events) == 4  # wants_service was met already: no change, no event


def test_not_met_after_intake_tells_the_coordinator_by_email(
    kari: str, capsys: pytest.CaptureFixture[str]
) -> None:
    async def start_decision() -> None:
        async with database(kari, apply_migrations=False):
            await Participant.filter(code="P1").update(decision_start=date(2020, 1, 6))

    run_in_thread(start_decision())
    assert main([*CRITERIA, "--not-met", "full_disability_benefit"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "Beskjed om det som ikke er oppfylt går til Kim Koordinator."

    async def mails() -> list[tuple[str | None, str]]:
        async with database(kari, apply_migrations=False):
            rows = await OutboxMessage.filter(template="criterion_not_met")
            return [(m.email, m.params["criteria"][0]) for m in rows]

    assert run_in_thread(mails()) == [("kim@example.no", "full_disability_benefit")]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([*CRITERIA, "--met", "likes_coffee"], "Unknown criterion: likes_coffee. The criteria are: "
         "lives_in_municipality, wants_service,"),
        ([*CRITERIA, "--met", "wants_service", "--not-met", "wants_service"],
         "The criterion wants_service is named more than once"),
        (["participant", "criteria", "--participant", "P9"], "No participant with the id P9"),
    ],
)  # fmt: skip
def test_wrong_input_exits_non_zero_and_writes_nothing(
    kari: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.setenv("FRAMMOTE_LANGUAGE", "en")
    before = count(kari, AuditEvent)
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err
    assert count(kari, AuditEvent) == before
