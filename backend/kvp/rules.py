"""The steps of a KVP application and what each step may record (pure).

Seed 003 ("Rutine kvalifiseringsprogrammet", NAV Randaberg-Kvitsøy):

- the right to the programme "forutsetter at søkeren har gjennomgått en
  arbeidsevnevurdering": the work-ability assessment (AEV) comes before the decision;
- "Saksbehandlingstid ca. 2 – 3 uker": a decision is expected within three weeks
  (`DECISION_EXPECTED_DAYS`), counted from the AEV when it is recorded, else from the
  day the application was received (the AEV is the case officer's last step before the
  decision, so a late AEV starts the wait anew);
- "Fra ferdig behandlet søknad og innvilget program har vi 6 mnd. på oss til å
  igangsette programmet": the programme starts within six months of the approval,
  on the deadline day at the latest (`start_deadline`);
- a KVP decision is made for up to a year at a time (sosialtjenesteloven § 30: "inntil
  ett år"): a decision period is at most twelve months, and its renewal is reminded a
  month before it ends.

The steps go one way: received → AEV done → approved or refused → started. A step is
never skipped and never undone; every check below raises a `RuleError` with a clear
message and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from backend.shared.dates import add_months
from backend.shared.errors import N_, RuleError

DECISION_EXPECTED_DAYS = 21  # "2 – 3 uker": remind when three weeks pass without a decision
START_DEADLINE_MONTHS = 6
MAX_PERIOD_MONTHS = 12
RENEWAL_LEAD_MONTHS = 1
MAX_REASON = 2000


class KvpStep(StrEnum):
    """Where an application is; `next` steps are the forms the application page shows."""

    RECEIVED = "received"  # søknad mottatt
    ASSESSED = "assessed"  # arbeidsevnevurdering (AEV) gjort
    APPROVED = "approved"  # vedtak: innvilget
    REFUSED = "refused"  # vedtak: avslag
    STARTED = "started"  # programmet er startet


STEP_NAMES: dict[KvpStep, str] = {
    KvpStep.RECEIVED: N_("Søknad mottatt"),
    KvpStep.ASSESSED: N_("Arbeidsevnevurdering gjort"),
    KvpStep.APPROVED: N_("Innvilget"),
    KvpStep.REFUSED: N_("Avslått"),
    KvpStep.STARTED: N_("Programmet er startet"),
}


@dataclass(frozen=True, slots=True)
class Period:
    starts_on: date
    ends_on: date


@dataclass(frozen=True, slots=True)
class Application:
    """What is recorded about one application (None: not yet)."""

    received_on: date
    aev_on: date | None = None
    decided_on: date | None = None
    approved: bool | None = None  # None until decided
    started_on: date | None = None
    periods: tuple[Period, ...] = ()

    @property
    def step(self) -> KvpStep:
        if self.started_on is not None:
            return KvpStep.STARTED
        if self.decided_on is not None:
            return KvpStep.APPROVED if self.approved else KvpStep.REFUSED
        if self.aev_on is not None:
            return KvpStep.ASSESSED
        return KvpStep.RECEIVED

    @property
    def waiting_since(self) -> date | None:
        """The day the wait for a decision counts from, while there is none: the AEV's
        date when it is recorded, else the day the application was received."""
        if self.decided_on is not None:
            return None
        return self.aev_on or self.received_on

    @property
    def decision_expected_by(self) -> date | None:
        since = self.waiting_since
        return None if since is None else since + timedelta(days=DECISION_EXPECTED_DAYS)

    @property
    def start_deadline(self) -> date | None:
        """The last day the programme may start: six months after an approval."""
        if not self.approved or self.decided_on is None:
            return None
        return start_deadline(self.decided_on)

    @property
    def latest_period(self) -> Period | None:
        return max(self.periods, key=lambda p: p.starts_on, default=None)


def start_deadline(approved_on: date) -> date:
    return add_months(approved_on, START_DEADLINE_MONTHS)


def days_waiting(application: Application, today: date) -> int | None:
    """Days since the wait for a decision began (None once decided)."""
    since = application.waiting_since
    return None if since is None else max(0, (today - since).days)


def deadline_of(application: Application) -> date | None:
    """The date the next step is due by: the decision (three weeks), the start (six
    months), or the renewal of the latest decision period (its end); None when nothing
    is due (refused)."""
    step = application.step
    if step in (KvpStep.RECEIVED, KvpStep.ASSESSED):
        return application.decision_expected_by
    if step == KvpStep.APPROVED:
        return application.start_deadline
    if step == KvpStep.STARTED and application.latest_period is not None:
        return application.latest_period.ends_on
    return None


def renewal_reminder_on(period: Period) -> date:
    return add_months(period.ends_on, -RENEWAL_LEAD_MONTHS)


def _not_future(day: date, today: date) -> None:
    if day > today:
        raise RuleError(N_("Datoen kan ikke være fram i tid: {day}"), day=day.isoformat())


def check_received(received_on: date, today: date) -> None:
    _not_future(received_on, today)


def check_aev(application: Application, day: date, today: date) -> None:
    """The AEV is recorded once, after the application came in and before a decision."""
    if application.step != KvpStep.RECEIVED:
        raise RuleError(N_("Arbeidsevnevurderingen er registrert allerede"))
    _not_future(day, today)
    if day < application.received_on:
        raise RuleError(
            N_("Arbeidsevnevurderingen kan ikke være før søknaden kom inn ({day})"),
            day=application.received_on.isoformat(),
        )


def check_decision(
    application: Application, day: date, approved: bool, reason: str | None, today: date
) -> str | None:
    """A decision comes after the AEV, once; a refusal says why. The reason, cleaned."""
    step = application.step
    if step == KvpStep.RECEIVED:
        raise RuleError(N_("Arbeidsevnevurderingen må være gjort før vedtaket"))
    if step != KvpStep.ASSESSED:
        raise RuleError(N_("Søknaden har et vedtak allerede"))
    _not_future(day, today)
    assert application.aev_on is not None
    if day < application.aev_on:
        raise RuleError(
            N_("Vedtaket kan ikke være før arbeidsevnevurderingen ({day})"),
            day=application.aev_on.isoformat(),
        )
    cleaned = " ".join((reason or "").split())
    if approved:
        return None
    if not cleaned:
        raise RuleError(N_("Skriv grunnen til avslaget"))
    if len(cleaned) > MAX_REASON:
        raise RuleError(N_("Grunnen er for lang, høyst {max} tegn"), max=MAX_REASON)
    return cleaned


def check_period(application: Application, period: Period) -> None:
    """A decision period belongs to an approved application: at most twelve months,
    not before the decision, and after the period before it."""
    if application.step in (KvpStep.RECEIVED, KvpStep.ASSESSED):
        raise RuleError(N_("Søknaden må være innvilget før vedtaksperioden legges inn"))
    if application.step == KvpStep.REFUSED:
        raise RuleError(N_("Søknaden er avslått og kan ikke få en vedtaksperiode"))
    if period.ends_on < period.starts_on:
        raise RuleError(N_("Vedtaksperioden må begynne før den slutter"))
    longest = add_months(period.starts_on, MAX_PERIOD_MONTHS) - timedelta(days=1)
    if period.ends_on > longest:
        raise RuleError(
            N_(
                "KVP innvilges for høyst ett år om gangen: en periode fra {first} kan vare "
                "til {last}"
            ),
            first=period.starts_on.isoformat(),
            last=longest.isoformat(),
        )
    assert application.decided_on is not None
    if period.starts_on < application.decided_on:
        raise RuleError(
            N_("Vedtaksperioden kan ikke begynne før vedtaket ({day})"),
            day=application.decided_on.isoformat(),
        )
    latest = application.latest_period
    if latest is not None and period.starts_on <= latest.ends_on:
        raise RuleError(
            N_("Den nye perioden må begynne etter at den forrige slutter ({day})"),
            day=latest.ends_on.isoformat(),
        )


def check_start(application: Application, day: date) -> Period:
    """The programme starts once, after an approval, within six months of it and inside
    a decision period. The period the start falls in."""
    step = application.step
    if step == KvpStep.STARTED:
        raise RuleError(N_("Programmet er startet allerede"))
    if step == KvpStep.REFUSED:
        raise RuleError(N_("Søknaden er avslått, og programmet kan ikke starte"))
    if step != KvpStep.APPROVED:
        raise RuleError(N_("Programmet kan starte først når søknaden er innvilget"))
    assert application.decided_on is not None
    if day < application.decided_on:
        raise RuleError(
            N_("Programmet kan ikke starte før vedtaket ({day})"),
            day=application.decided_on.isoformat(),
        )
    deadline = start_deadline(application.decided_on)
    if day > deadline:
        raise RuleError(
            N_("Programmet må starte senest {deadline}, seks måneder etter vedtaket {approved}"),
            deadline=deadline.isoformat(),
            approved=application.decided_on.isoformat(),
        )
    latest = application.latest_period
    if latest is None:
        raise RuleError(N_("Legg inn vedtaksperioden før programmet starter"))
    if not latest.starts_on <= day <= latest.ends_on:
        raise RuleError(
            N_("Oppstarten må ligge i vedtaksperioden, {first} til {last}"),
            first=latest.starts_on.isoformat(),
            last=latest.ends_on.isoformat(),
        )
    return latest
