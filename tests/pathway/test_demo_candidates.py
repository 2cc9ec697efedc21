"""The demo has candidates with a history, so the candidates' report shows something real."""

from __future__ import annotations

from datetime import date

from backend.models import Candidate, CandidateStage, Unit
from backend.pathway.report import unit_report
from backend.people import demo
from tests.support.world import NOW

TODAY = NOW.date()  # 7 April 2026


async def test_the_demo_report(db: str) -> None:
    assert await demo.seed_demo(NOW)
    assert await Candidate.filter(unit__code="AOK").count() == 12
    assert await CandidateStage.all().count() == 36  # 12 registrations, 24 moves
    unit = await Unit.get(code="AOK")
    found = (await unit_report(unit, date(2025, 5, 1), TODAY, TODAY)).report
    assert found.total == 12
    assert [(c.stage.value, c.text) for c in found.stages] == [
        ("approach", "3"),
        ("mapping", "1"),
        ("work-trial", "1"),
        ("work-training", "1"),
        ("vta", "1"),
        ("vta-o", "1 (2)"),
        ("care-assistant", "1 (2)"),
        ("follow-up", "0"),
        ("ended", "1"),
    ]
    # Registered 330 to 12 days before 7 April 2026, one or two a month.
    assert sum(m.entries for m in found.months) == 12
    assert sum(m.exits for m in found.months) == 1
    reached = {r.stage.value: (r.reached, r.applied_only) for r in found.funnel}
    assert reached["vta-o"] == (1, 1) and reached["care-assistant"] == (1, 1)
