"""Demo candidates: twelve people on the coordinators' pathway with a history of about a
year, entered through the use cases as the coordinators would have, so the candidates'
report shows something real (two pending NAV places, one pathway ended)."""

from __future__ import annotations

from datetime import date, timedelta

from backend.pathway import candidates
from backend.pathway.rules import EndReason, Move, Position, Referrer, Stage, parse_stage

ACTOR = "demo"

# code, name, who referred them, follower, registered (days ago), moves (days ago, stage;
# `?` for applied, not yet granted).
DEMO: tuple[tuple[str, str, Referrer, str, int, tuple[tuple[int, str], ...]], ...] = (
    ("K1", "Anders Bakke", Referrer.MENTAL_HEALTH, "S3", 330,
     ((300, "mapping"), (240, "work-trial"), (180, "work-training"), (75, "vta?"), (40, "vta"))),
    ("K2", "Berit Dahl", Referrer.HOME_SERVICES, "S3", 300,
     ((270, "mapping"), (150, "work-training"), (35, "vta-o?"))),
    ("K3", "Camilla Eng", Referrer.NAV, "S3", 280,
     ((250, "mapping"), (200, "work-trial"), (120, "vta-o?"), (60, "vta-o"))),
    ("K4", "David Fossum", Referrer.HEALTH_INSTITUTION, "S1", 250,
     ((220, "mapping"), (25, "care-assistant?"))),
    ("K5", "Eva Grønli", Referrer.RELATIVE, "S3", 230,
     ((200, "mapping"), (110, "care-assistant?"), (50, "care-assistant"))),
    ("K6", "Fredrik Holm", Referrer.SELF, "S3", 210, ((180, "mapping"), (120, "ended"))),
    ("K7", "Guri Iversen", Referrer.SCHOOL, "S1", 170, ((140, "mapping"), (90, "work-training"))),
    ("K8", "Hassan Ali", Referrer.CRISIS_CENTRE, "S3", 140, ((100, "mapping"),)),
    ("K9", "Ida Jensen", Referrer.MENTAL_HEALTH, "S3", 110, ()),
    ("K10", "Jon Kvam", Referrer.NAV, "S1", 80, ((50, "mapping"), (15, "work-trial"))),
    ("K11", "Kristin Lunde", Referrer.HOME_SERVICES, "S3", 45, ()),
    ("K12", "Leif Moe", Referrer.SELF, "S3", 12, ()),
)  # fmt: skip


async def seed_candidates(unit_code: str, today: date) -> int:
    """Register the demo candidates of `unit_code` and move them along, each change on
    its own day before `today`. Returns how many were registered."""
    for code, name, referrer, follower, registered, moves in DEMO:
        first = today - timedelta(days=registered)
        new = candidates.NewCandidate(unit_code, code, name, referrer, follower_code=follower)
        candidate = await candidates.add_candidate(new, actor=ACTOR, today=first)
        for days_ago, key in moves:
            on = today - timedelta(days=days_ago)
            stage = parse_stage(key.rstrip("?"))
            reason = EndReason.OWN_WISH if stage is Stage.ENDED else None
            move = Move(Position(stage, pending=key.endswith("?")), on, reason)
            await candidates.move_stage(candidate, move, actor=ACTOR, today=on)
    return len(DEMO)
