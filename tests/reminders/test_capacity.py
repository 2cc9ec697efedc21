"""Free capacity for NAV counts only the decisions active on the report's day."""

from __future__ import annotations

from datetime import date

from backend import reminders
from backend.people import directory
from tests.support.reminder_world import add_person, at, build_reminder_world, link_staff

D = date.fromisoformat


async def _people_around_1_september() -> None:
    """Kari and Ola (open-ended), and three whose place is taken on 31 August only."""
    await add_person("P31", D("1980-01-01"), decision_end=D("2026-08-31"))
    await add_person("P67", D("1959-09-01"))  # 67 on 1 September: last day 31 August
    await add_person("P10", D("1980-01-01"), decision_start=D("2026-10-01"))


async def test_capacity_counts_the_decisions_active_that_day(db: str) -> None:
    world = await build_reminder_world(places=12)
    await _people_around_1_september()
    for day, active, free in [
        ("2026-08-31", 4, 8),  # Kari, Ola, P31's last day, P67's last day
        ("2026-09-01", 2, 10),  # P31's decision ended, P67 turned 67, P10 not started
        ("2026-10-01", 3, 9),  # P10 started
    ]:
        found = await directory.capacity(world.leader, D(day))
        assert (found.places, found.active, found.free) == (12, active, free), day


async def test_the_monthly_capacity_reminder_counts_the_decisions_active_that_day(
    db: str,
) -> None:
    await build_reminder_world(places=12)
    await link_staff()
    await _people_around_1_september()
    result = await reminders.preview(D("2026-09-01"), at("2026-09-01"))
    [report] = [d for d in result.deliveries if d.reminder.kind == "capacity_report"]
    assert (report.params["places"], report.params["active"], report.params["free"]) == (12, 2, 10)
