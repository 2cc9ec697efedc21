"""The coordinators' report: the stage histories read from the database, counted by
`report_rules`. Shared by the web page, its PDF and CSV, the JSON API and the command line.

A staff member gets their own unit's report only (`report_for_staff`); the command line,
run by the operator, may ask for one unit or all of them (`unit_report`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from backend.models import CandidateStage, Staff, Unit
from backend.pathway.report_rules import History, Report, build_report, check_range
from backend.pathway.rules import Position, Stage
from backend.people import directory


@dataclass(frozen=True)
class UnitReport:
    unit: Unit | None  # None: every unit together (the command line without --unit)
    report: Report


async def histories(unit: Unit | None) -> list[History]:
    """Each candidate's dated positions, in the order they were recorded."""
    rows = CandidateStage.all()
    if unit is not None:
        rows = rows.filter(candidate__unit_id=unit.id)
    found: dict[int, list[tuple[date, Position]]] = {}
    for candidate_id, stage, pending, on in await rows.order_by(
        "candidate_id", "on", "id"
    ).values_list("candidate_id", "stage", "pending", "on"):
        found.setdefault(candidate_id, []).append((on, Position(Stage(stage), bool(pending))))
    return list(found.values())


async def unit_report(unit: Unit | None, first: date, last: date, today: date) -> UnitReport:
    """The report for a unit (or all units), for `first`..`last`; a bad range is refused
    (`RuleError`) before anything is read."""
    check_range(first, last, today)
    return UnitReport(unit, build_report(await histories(unit), first, last, today))


async def report_for_staff(
    staff: Staff, first: date, last: date, today: date
) -> tuple[Unit, Report]:
    """The staff member's own unit and its report: nobody sees another unit's candidates."""
    unit = await directory.unit_of(staff)
    return unit, (await unit_report(unit, first, last, today)).report
