"""Towards VTA as pure rules: the joint AoK–iVekst path's steps and moves, and the plan for
the new VTA places (seed 001, measures 2 and 5).

The joint recruitment programme helps an AoK participant through a qualification path
towards a VTA place: interested → in qualification with iVekst → applied to NAV →
granted → started in a VTA place. A participant moves forward one or more steps at a
time, never back; they may leave the path from any step before they start (with a short
reason), and come back later at the start of it.

The municipality establishes up to 48 new VTA places by 31 December 2027. The plan is a
straight line in time from its start day (no new places yet) to the target on its last
day, read at the end of each quarter in whole places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from backend.people.eligibility_rules import Programme
from backend.shared.chart_specs import PlanChart
from backend.shared.errors import N_, Msgid, RuleError


class Step(StrEnum):
    """The steps in path order, then leaving; the values are the command line's keys."""

    INTERESTED = "interested"
    QUALIFICATION = "qualification"  # in qualification with iVekst
    APPLIED = "applied"  # applied to NAV for a VTA place
    GRANTED = "granted"  # NAV granted the place
    STARTED = "started"  # started in a VTA place: the path is complete
    LEFT = "left"  # left the path, with a short reason


PATH: tuple[Step, ...] = (
    Step.INTERESTED,
    Step.QUALIFICATION,
    Step.APPLIED,
    Step.GRANTED,
    Step.STARTED,
)
# Where someone who left may come back.
REJOIN_AT = frozenset({Step.INTERESTED, Step.QUALIFICATION})

STEP_NAMES: dict[Step, str] = {
    Step.INTERESTED: N_("Interessert"),
    Step.QUALIFICATION: N_("I kvalifisering med iVekst"),
    Step.APPLIED: N_("Søkt NAV om VTA-plass"),
    Step.GRANTED: N_("Innvilget VTA-plass"),
    Step.STARTED: N_("Startet i VTA-plass"),
    Step.LEFT: N_("Gått ut av løpet"),
}

MAX_REASON = 200
MAX_WHERE = 200
MAX_NOTE = 1000
MAX_COUNT = 48 * 10  # more than anyone records in one go; a typo guard


@dataclass(frozen=True, slots=True)
class StepMove:
    to: Step
    on: date
    reason: str | None = None


def clean_text(text: str | None) -> str | None:
    """Blanks folded to single spaces; None when nothing is left."""
    if text is None:
        return None
    cleaned = " ".join(text.split())
    return cleaned or None


def check_step(
    current: Step | None,
    since: date | None,
    move: StepMove,
    *,
    programme: str,
    today: date,
) -> None:
    """Refuse a step that cannot be: raises `RuleError` with the reason, else returns.

    - only an AoK participant joins the path (or comes back to it);
    - forward one or more steps, never back; leaving from any step before started;
    - someone who started in a VTA place has completed the path;
    - someone who left comes back at interested or in qualification;
    - leaving needs a short reason, and only leaving takes one;
    - not dated in the future, nor before the step they are at began.
    """
    target = move.to
    reason = clean_text(move.reason)
    if target is Step.LEFT and reason is None:
        raise RuleError(N_("Skriv kort hvorfor deltakeren går ut av løpet"))
    if target is not Step.LEFT and reason is not None:
        raise RuleError(N_("Bare den som går ut av løpet, har en grunn"))
    if reason is not None and len(reason) > MAX_REASON:
        raise RuleError(N_("Grunnen kan ha høyst {count} tegn"), count=MAX_REASON)
    if move.on > today:
        raise RuleError(N_("Datoen kan ikke være fram i tid: {day}"), day=move.on)
    if since is not None and move.on < since:
        raise RuleError(N_("Datoen kan ikke være før forrige trinn begynte ({day})"), day=since)
    joining = current is None or current is Step.LEFT
    if joining and programme != Programme.AOK:
        raise RuleError(N_("Bare deltakere i AoK kan være med i løpet mot VTA"))
    if current is None:
        if target is Step.LEFT:
            raise RuleError(N_("Deltakeren er ikke med i løpet mot VTA"))
        return
    if current is target:
        raise RuleError(
            N_("Deltakeren står allerede på trinnet {step}"), step=Msgid(STEP_NAMES[target])
        )
    if current is Step.STARTED:
        raise RuleError(N_("Deltakeren har startet i VTA-plass: løpet er fullført"))
    if current is Step.LEFT:
        if target not in REJOIN_AT:
            raise RuleError(
                N_(
                    "Den som har gått ut av løpet, begynner igjen som interessert eller i kvalifisering"
                )
            )
        return
    if target is not Step.LEFT and PATH.index(target) < PATH.index(current):
        raise RuleError(
            N_("Løpet går bare framover: fra {current} kan ikke gå tilbake til {step}"),
            current=Msgid(STEP_NAMES[current]),
            step=Msgid(STEP_NAMES[target]),
        )


def next_step(current: Step | None) -> Step:
    """The step the form offers first: the one after `current` on the path; interested for
    someone not on it or who left. (Started completes the path: it has no next.)"""
    if current is None or current is Step.LEFT:
        return Step.INTERESTED
    at = PATH.index(current)
    return PATH[min(at + 1, len(PATH) - 1)]


def parse_step(text: str) -> Step:
    """A step from its plain key (`qualification`), as the command line and forms send it."""
    try:
        return Step(text.strip().lower())
    except ValueError:
        raise RuleError(
            N_("Ukjent trinn: {step}. Bruk ett av: {keys}"),
            step=text[:40],
            keys=", ".join(s.value for s in Step),
        ) from None


def count_by_step(steps: Iterable[Step]) -> dict[Step, int]:
    """How many stand at each step, every step named (zero included), in path order."""
    counted = dict.fromkeys(Step, 0)
    for step in steps:
        counted[step] += 1
    return counted


# -- The new VTA places against the plan ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlacesTarget:
    """Up to `target` new places from `start` (none yet) to `end` (all of them)."""

    start: date
    end: date
    target: int

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("the plan's end must come after its start")
        if self.target < 1:
            raise ValueError("the plan's target must be at least one place")


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    year: int
    number: int  # 1-4

    @property
    def first(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last(self) -> date:
        following = (
            date(self.year + 1, 1, 1)
            if self.number == 4
            else date(self.year, 3 * self.number + 1, 1)
        )
        return following - timedelta(days=1)

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )


def quarter_of(day: date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def planned_by(plan: PlacesTarget, day: date) -> int:
    """Whole places the straight line has reached by the end of `day` (half rounds up):
    none before the start, the target from the last day on."""
    total = (plan.end - plan.start).days + 1
    elapsed = min(max((day - plan.start).days + 1, 0), total)
    exact = Decimal(plan.target * elapsed) / Decimal(total)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class PlanRow:
    quarter: Quarter
    created: int  # places created in the quarter
    cumulative: int | None  # created up to its end; None for a quarter not yet begun
    plan: int  # whole places planned by its end
    difference: int | None  # cumulative − plan: above zero ahead, below behind

    @property
    def begun(self) -> bool:
        return self.cumulative is not None


@dataclass(frozen=True, slots=True)
class PlanStatus:
    plan: PlacesTarget
    rows: tuple[PlanRow, ...]
    created: int  # created in all, up to today
    planned: int  # planned by today
    today: date

    @property
    def difference(self) -> int:
        return self.created - self.planned

    @property
    def begun(self) -> tuple[PlanRow, ...]:
        return tuple(row for row in self.rows if row.begun)


def plan_status(plan: PlacesTarget, created: Iterable[tuple[date, int]], today: date) -> PlanStatus:
    """Places created per quarter and in all, against the plan, from the plan's first
    quarter to its last (or to the quarter of a place recorded later). A place dated
    before the plan starts counts in its first quarter."""
    per_quarter: dict[Quarter, int] = {}
    first = quarter_of(plan.start)
    last = quarter_of(plan.end)
    for on, count in created:
        quarter = max(quarter_of(on), first)
        per_quarter[quarter] = per_quarter.get(quarter, 0) + count
        last = max(last, quarter)
    rows: list[PlanRow] = []
    cumulative = 0
    quarter = first
    while quarter <= last:
        cumulative += per_quarter.get(quarter, 0)
        plan_at_end = planned_by(plan, quarter.last)
        begun = quarter.first <= today
        rows.append(
            PlanRow(
                quarter,
                per_quarter.get(quarter, 0),
                cumulative if begun else None,
                plan_at_end,
                cumulative - plan_at_end if begun else None,
            )
        )
        quarter = quarter.next()
    # Places are never dated after the day they are recorded: all of them count.
    return PlanStatus(plan, tuple(rows), cumulative, planned_by(plan, today), today)


QUARTER_LABEL = N_("{year} K{quarter}")
ON_PLAN = N_("i rute med planen")


def quarter_label(quarter: Quarter, gettext: Callable[[str], str]) -> str:
    return gettext(QUARTER_LABEL).format(year=quarter.year, quarter=quarter.number)


def standing_words(
    difference: int, gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str]
) -> str:
    """ "2 places ahead of the plan", "1 place behind the plan" or "on plan"."""
    if difference > 0:
        return ngettext(
            "{count} plass foran planen", "{count} plasser foran planen", difference
        ).format(count=difference)
    if difference < 0:
        return ngettext(
            "{count} plass bak planen", "{count} plasser bak planen", -difference
        ).format(count=-difference)
    return gettext(ON_PLAN)


def check_places(on: date, count: int, where: str | None, note: str | None, today: date) -> None:
    """Refuse a record of places created that cannot be."""
    if on > today:
        raise RuleError(N_("Datoen kan ikke være fram i tid: {day}"), day=on)
    if not 1 <= count <= MAX_COUNT:
        raise RuleError(N_("Antall plasser må være fra 1 til {high}"), high=MAX_COUNT)
    if where is not None and len(where) > MAX_WHERE:
        raise RuleError(N_("«Hvor» kan ha høyst {count} tegn"), count=MAX_WHERE)
    if note is not None and len(note) > MAX_NOTE:
        raise RuleError(N_("Merknaden kan ha høyst {count} tegn"), count=MAX_NOTE)


def plan_chart(status: PlanStatus, gettext: Callable[[str], str], end_text: str) -> PlanChart:
    """Every quarter of the plan, its dashed line to the target; the quarters begun so far
    carry the places created up to each quarter's end as labelled bars (both in whole
    places, as the table beside it). Before the plan starts: no chart, the table only."""
    rows = status.rows if status.begun else ()
    return PlanChart(
        title=gettext(N_("Nye VTA-plasser: {target} innen {day}")).format(
            target=status.plan.target, day=end_text
        ),
        periods=tuple(quarter_label(row.quarter, gettext) for row in rows),
        actual=tuple(row.cumulative if row.begun else None for row in rows),
        plan=tuple(float(row.plan) for row in rows),
        actual_label=gettext(N_("Opprettet til sammen")),
        plan_label=gettext(N_("Planen")),
    )
