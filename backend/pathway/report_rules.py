"""The coordinators' report (seed 002) as pure rules, counted from the stage histories.

Seed 002 reports by hand: "Antall kandidater: 65 · VTA 12 · VTA-O 4 (5) ·
omsorgsmedhjelper 4 (6) · arbeidstrening/aktivitet 7 · tilnærming 31 · avsluttet 4".
Each candidate's history is the dated positions they have had, in the order they were
recorded (two changes on one day: the later one stands). For a date range
`first`..`last` (both included) the report has:

* **per stage on `last`**: where each candidate registered by then stands. A candidate
  who has applied for a place NAV grants (pending) is counted in that stage's bracket
  only: "VTA-O 4 (5)" is four in place and five with the one applied for. So the
  in-place counts plus the pending ones add up to the total; candidates registered
  after `last` are not counted at all.
* **entries and exits per month** of the range: an entry is a new candidate (their first
  change falls in the month; a pathway reopened after it ended is not a new one), an
  exit a move to *ended* in the month.
* **time in each stage** (median, in days) over the stays that **ended within the range**
  (the candidate moved to another stage between `first` and `last`) **or are still running
  on `last`**, the running ones measured up to `last`. A stay is an unbroken run of
  changes in one stage: applying for a place and being granted it is one stay in that
  stage. *Ended* is where a pathway stops, not a stay, and has no time.
* **the funnel**: how many of the candidates registered by `last` had ever reached each
  stage by then, in pathway order; a place NAV grants is reached when granted, and who
  only ever applied for it is counted apart (`applied_only`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

from babel.dates import format_date
from babel.numbers import format_decimal

from backend.pathway.rules import STAGE_NAMES, Position, Stage, position_at
from backend.shared.chart_specs import Bar, BarChart
from backend.shared.dates import add_months, month_index
from backend.shared.errors import N_, RuleError
from backend.shared.i18n import Gettext, babel_locale
from backend.shared.parse import parse_date

# One candidate's changes: (the day, the position from that day), in recorded order.
History = Sequence[tuple[date, Position]]
# A range longer than this is refused: ten years of months is a table one still reads.
MAX_MONTHS = 120


@dataclass(frozen=True, slots=True)
class StageCount:
    stage: Stage
    in_place: int
    pending: int = 0  # applied for, not yet granted by NAV

    @property
    def text(self) -> str:
        """As the seed writes it: `12`, or `4 (5)` with the one applied for."""
        if not self.pending:
            return str(self.in_place)
        return f"{self.in_place} ({self.in_place + self.pending})"


@dataclass(frozen=True, slots=True)
class MonthFlow:
    month: date  # its first day
    entries: int
    exits: int


@dataclass(frozen=True, slots=True)
class StageTime:
    stage: Stage
    stays: int  # how many stays the median is over
    median_days: float | None  # None: no stay


@dataclass(frozen=True, slots=True)
class Reached:
    stage: Stage
    reached: int
    applied_only: int = 0  # applied for this place, never granted (by the range's end)


@dataclass(frozen=True, slots=True)
class Report:
    first: date
    last: date
    total: int
    stages: tuple[StageCount, ...]  # every stage, in pathway order, on `last`
    months: tuple[MonthFlow, ...]
    times: tuple[StageTime, ...]  # every stage but ended, in pathway order
    funnel: tuple[Reached, ...]  # every stage, in pathway order


def default_range(today: date) -> tuple[date, date]:
    """The last twelve months: from the first of the month eleven months back, to today."""
    return add_months(today.replace(day=1), -11), today


def read_range(from_text: str, to_text: str, today: date) -> tuple[date, date]:
    """The range as typed (YYYY-MM-DD). An empty end is today; an empty start, twelve
    months back from the end (`default_range`). Checked by `check_range` when used."""
    to_text, from_text = to_text.strip()[:40], from_text.strip()[:40]
    last = parse_date(to_text) if to_text else today
    first = parse_date(from_text) if from_text else default_range(last)[0]
    return first, last


def check_range(first: date, last: date, today: date) -> None:
    if first > last:
        raise RuleError(N_("Fra-datoen kan ikke være etter til-datoen"))
    if last > today:
        raise RuleError(N_("Til-datoen kan ikke være fram i tid: {day}"), day=last)
    if month_index(last) - month_index(first) + 1 > MAX_MONTHS:
        raise RuleError(N_("Velg en periode på høyst {months} måneder"), months=MAX_MONTHS)


def _ordered(history: History, last: date) -> list[tuple[date, Position]]:
    """The changes up to `last`, by day; changes on one day keep their recorded order."""
    return [change for change in sorted(history, key=lambda c: c[0]) if change[0] <= last]


def stage_counts(histories: Iterable[History], day: date) -> tuple[StageCount, ...]:
    """Where each candidate registered by `day` stands on it; pending apart."""
    in_place = dict.fromkeys(Stage, 0)
    pending = dict.fromkeys(Stage, 0)
    for history in histories:
        position = position_at(list(history), day)
        if position is None:
            continue  # registered later
        (pending if position.pending else in_place)[position.stage] += 1
    return tuple(StageCount(stage, in_place[stage], pending[stage]) for stage in Stage)


def month_flows(histories: Iterable[History], first: date, last: date) -> tuple[MonthFlow, ...]:
    """New candidates and moves to ended, per month of the range (empty months too)."""
    entries: dict[int, int] = {}
    exits: dict[int, int] = {}
    for history in histories:
        changes = _ordered(history, last)
        if not changes:
            continue
        if changes[0][0] >= first:
            key = month_index(changes[0][0])
            entries[key] = entries.get(key, 0) + 1
        before: Position | None = None
        for on, position in changes:
            ended = before is not None and before.stage is Stage.ENDED
            if position.stage is Stage.ENDED and not ended and on >= first:
                exits[month_index(on)] = exits.get(month_index(on), 0) + 1
            before = position
    flows = []
    for index in range(month_index(first), month_index(last) + 1):
        year, month0 = divmod(index, 12)
        flows.append(
            MonthFlow(date(year, month0 + 1, 1), entries.get(index, 0), exits.get(index, 0))
        )
    return tuple(flows)


def stays(history: History, last: date) -> list[tuple[Stage, date, date | None]]:
    """A candidate's stays up to `last`: (stage, began, left), left None while it runs."""
    found: list[tuple[Stage, date, date | None]] = []
    for on, position in _ordered(history, last):
        if found and found[-1][0] is position.stage:
            continue  # applied, then granted: the same stay
        if found:
            stage, began, _left = found[-1]
            found[-1] = (stage, began, on)
        found.append((position.stage, on, None))
    return found


def stage_times(histories: Iterable[History], first: date, last: date) -> tuple[StageTime, ...]:
    """Median days per stage over the stays that ended in the range or still run on `last`."""
    days: dict[Stage, list[int]] = {stage: [] for stage in Stage if stage is not Stage.ENDED}
    for history in histories:
        for stage, began, left in stays(history, last):
            if stage is Stage.ENDED:
                continue
            if left is None:
                days[stage].append((last - began).days)
            elif left >= first:
                days[stage].append((left - began).days)
    return tuple(
        StageTime(stage, len(found), float(median(found)) if found else None)
        for stage, found in days.items()
    )


def funnel(histories: Iterable[History], last: date) -> tuple[Reached, ...]:
    """How many ever reached each stage by `last`; who only applied for a place, apart."""
    reached = dict.fromkeys(Stage, 0)
    applied = dict.fromkeys(Stage, 0)
    for history in histories:
        changes = _ordered(history, last)
        granted = {p.stage for _on, p in changes if not p.pending}
        for stage in granted:
            reached[stage] += 1
        for stage in {p.stage for _on, p in changes if p.pending} - granted:
            applied[stage] += 1
    return tuple(Reached(stage, reached[stage], applied[stage]) for stage in Stage)


def build_report(histories: Iterable[History], first: date, last: date, today: date) -> Report:
    check_range(first, last, today)
    every = [list(h) for h in histories]
    counts = stage_counts(every, last)
    return Report(
        first=first,
        last=last,
        total=sum(c.in_place + c.pending for c in counts),
        stages=counts,
        months=month_flows(every, first, last),
        times=stage_times(every, first, last),
        funnel=funnel(every, last),
    )


# -- words and charts ------------------------------------------------------------------


def month_words(month: date, language: str) -> str:
    """`april 2026` in the language's own words."""
    return format_date(month, "LLLL y", locale=babel_locale(language))


def days_text(days: float | None, language: str) -> str:
    """`12`, `12,5`, or a dash for no stay."""
    if days is None:
        return "–"
    return format_decimal(days, "#,##0.#", locale=babel_locale(language))


def stage_chart(report: Report, _: Gettext) -> BarChart:
    return BarChart(
        _("Kandidater per trinn"),
        tuple(Bar(_(STAGE_NAMES[c.stage]), c.in_place, c.pending) for c in report.stages),
        extra_label=_("Søkt, venter på NAV"),
    )


def funnel_chart(report: Report, _: Gettext) -> BarChart:
    return BarChart(
        _("Har nådd trinnet"),
        tuple(Bar(_(STAGE_NAMES[r.stage]), r.reached, r.applied_only) for r in report.funnel),
        extra_label=_("Bare søkt"),
    )


def entries_chart(report: Report, _: Gettext, language: str) -> BarChart:
    return BarChart(
        _("Nye kandidater per måned"),
        tuple(Bar(month_words(m.month, language), m.entries) for m in report.months),
    )


def exits_chart(report: Report, _: Gettext, language: str) -> BarChart:
    return BarChart(
        _("Avsluttet per måned"),
        tuple(Bar(month_words(m.month, language), m.exits) for m in report.months),
    )
