"""What a participant's page shows of the cooperation with NAV: the latest intake, the
evaluation conversations held (newest first) and the final reports written."""

from __future__ import annotations

from dataclasses import dataclass

from backend.intake.evaluations import evaluations_of
from backend.intake.final_report import reports_of
from backend.intake.intake import latest_intake
from backend.models import Evaluation, FinalReport, Intake, Participant


@dataclass(frozen=True)
class FollowUp:
    intake: Intake | None
    evaluations: list[Evaluation]
    reports: list[FinalReport]


async def follow_up_of(participant: Participant) -> FollowUp:
    return FollowUp(
        await latest_intake(participant),
        await evaluations_of(participant),
        await reports_of(participant),
    )
