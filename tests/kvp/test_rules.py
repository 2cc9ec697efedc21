"""The steps of a KVP application (seed 003), as tables: where it is, what is due by when,
and which step may be recorded with which date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from backend.kvp.rules import (
    Application,
    KvpStep,
    Period,
    check_aev,
    check_decision,
    check_period,
    check_start,
    days_waiting,
    deadline_of,
    renewal_reminder_on,
)
from backend.shared.errors import RuleError

D = date.fromisoformat
TODAY = D("2026-04-07")
RECEIVED = Application(received_on=D("2026-03-02"))
ASSESSED = replace(RECEIVED, aev_on=D("2026-03-10"))
APPROVED = replace(ASSESSED, decided_on=D("2026-03-20"), approved=True)
REFUSED = replace(ASSESSED, decided_on=D("2026-03-20"), approved=False)
WITH_PERIOD = replace(APPROVED, periods=(Period(D("2026-04-01"), D("2027-03-31")),))
STARTED = replace(WITH_PERIOD, started_on=D("2026-04-06"))


@pytest.mark.parametrize(
    ("application", "step", "waiting", "deadline"),
    [
        pytest.param(RECEIVED, KvpStep.RECEIVED, 36, "2026-03-23", id="received: 3 weeks on"),
        pytest.param(
            ASSESSED, KvpStep.ASSESSED, 28, "2026-03-31", id="AEV recorded: 3 weeks from the AEV"
        ),
        pytest.param(
            APPROVED, KvpStep.APPROVED, None, "2026-09-20", id="approved: start within 6 months"
        ),
        pytest.param(REFUSED, KvpStep.REFUSED, None, None, id="refused: nothing is due"),
        pytest.param(
            STARTED, KvpStep.STARTED, None, "2027-03-31", id="started: the period's end (renewal)"
        ),
        pytest.param(
            replace(APPROVED, decided_on=D("2026-08-31")),
            KvpStep.APPROVED,
            None,
            "2027-02-28",
            id="approved 31 August: six months clamp to 28 February",
        ),
    ],
)
def test_step_waiting_and_deadline(
    application: Application, step: KvpStep, waiting: int | None, deadline: str | None
) -> None:
    assert application.step == step
    assert days_waiting(application, TODAY) == waiting
    assert deadline_of(application) == (D(deadline) if deadline else None)


def refusal(check: object, *args: object) -> str | None:
    try:
        check(*args)  # type: ignore[operator]
    except RuleError as error:
        return str(error)
    return None


@pytest.mark.parametrize(
    ("application", "day", "message"),
    [
        (RECEIVED, "2026-03-10", None),
        (RECEIVED, "2026-03-02", None),
        (RECEIVED, "2026-03-01", "Arbeidsevnevurderingen kan ikke være før søknaden kom inn "
         "(2026-03-02)"),
        (RECEIVED, "2026-04-08", "Datoen kan ikke være fram i tid: 2026-04-08"),
        (ASSESSED, "2026-03-12", "Arbeidsevnevurderingen er registrert allerede"),
        (APPROVED, "2026-03-12", "Arbeidsevnevurderingen er registrert allerede"),
    ],
)  # fmt: skip
def test_the_aev(application: Application, day: str, message: str | None) -> None:
    assert refusal(check_aev, application, D(day), TODAY) == message


@pytest.mark.parametrize(
    ("application", "day", "approved", "reason", "message"),
    [
        (ASSESSED, "2026-03-20", True, None, None),
        (ASSESSED, "2026-03-10", False, "Har rett til AAP", None),
        (RECEIVED, "2026-03-20", True, None, "Arbeidsevnevurderingen må være gjort før vedtaket"),
        (ASSESSED, "2026-03-09", True, None,
         "Vedtaket kan ikke være før arbeidsevnevurderingen (2026-03-10)"),
        (ASSESSED, "2026-03-20", False, "  ", "Skriv grunnen til avslaget"),
        (ASSESSED, "2026-04-08", True, None, "Datoen kan ikke være fram i tid: 2026-04-08"),
        (APPROVED, "2026-03-25", False, "Ny vurdering", "Søknaden har et vedtak allerede"),
        (REFUSED, "2026-03-25", True, None, "Søknaden har et vedtak allerede"),
    ],
)  # fmt: skip
def test_the_decision(
    application: Application, day: str, approved: bool, reason: str | None, message: str | None
) -> None:
    assert refusal(check_decision, application, D(day), approved, reason, TODAY) == message


def test_a_refusal_keeps_its_reason_in_one_line() -> None:
    assert check_decision(ASSESSED, D("2026-03-20"), False, " Har\n rett  til AAP ", TODAY) == (
        "Har rett til AAP"
    )
    assert check_decision(ASSESSED, D("2026-03-20"), True, "ignored", TODAY) is None


@pytest.mark.parametrize(
    ("application", "first", "last", "message"),
    [
        (APPROVED, "2026-04-01", "2027-03-31", None),
        (APPROVED, "2026-03-20", "2026-09-19", None),
        (APPROVED, "2026-04-01", "2027-04-01",
         "KVP innvilges for høyst ett år om gangen: en periode fra 2026-04-01 kan vare til "
         "2027-03-31"),
        (APPROVED, "2026-03-19", "2026-12-31",
         "Vedtaksperioden kan ikke begynne før vedtaket (2026-03-20)"),
        (APPROVED, "2026-06-01", "2026-05-31", "Vedtaksperioden må begynne før den slutter"),
        (ASSESSED, "2026-04-01", "2026-12-31",
         "Søknaden må være innvilget før vedtaksperioden legges inn"),
        (REFUSED, "2026-04-01", "2026-12-31",
         "Søknaden er avslått og kan ikke få en vedtaksperiode"),
        (STARTED, "2027-04-01", "2028-03-31", None),
        (STARTED, "2027-03-31", "2028-03-30",
         "Den nye perioden må begynne etter at den forrige slutter (2027-03-31)"),
    ],
)  # fmt: skip
def test_a_decision_period(
    application: Application, first: str, last: str, message: str | None
) -> None:
    assert refusal(check_period, application, Period(D(first), D(last))) == message


@pytest.mark.parametrize(
    ("application", "day", "message"),
    [
        (WITH_PERIOD, "2026-04-06", None),
        (replace(WITH_PERIOD, periods=(Period(D("2026-03-20"), D("2027-03-19")),)),
         "2026-09-20", None),
        (replace(WITH_PERIOD, periods=(Period(D("2026-03-20"), D("2027-03-19")),)),
         "2026-09-21",
         "Programmet må starte senest 2026-09-20, seks måneder etter vedtaket 2026-03-20"),
        (WITH_PERIOD, "2026-03-31", "Oppstarten må ligge i vedtaksperioden, 2026-04-01 til "
         "2027-03-31"),
        (WITH_PERIOD, "2026-03-19", "Programmet kan ikke starte før vedtaket (2026-03-20)"),
        (APPROVED, "2026-04-06", "Legg inn vedtaksperioden før programmet starter"),
        (ASSESSED, "2026-04-06", "Programmet kan starte først når søknaden er innvilget"),
        (RECEIVED, "2026-04-06", "Programmet kan starte først når søknaden er innvilget"),
        (REFUSED, "2026-04-06", "Søknaden er avslått, og programmet kan ikke starte"),
        (STARTED, "2026-04-07", "Programmet er startet allerede"),
    ],
)  # fmt: skip
def test_the_start(application: Application, day: str, message: str | None) -> None:
    assert refusal(check_start, application, D(day)) == message


def test_renewal_is_reminded_a_month_before_the_period_ends() -> None:
    assert renewal_reminder_on(Period(D("2026-04-01"), D("2027-03-31"))) == D("2027-02-28")
