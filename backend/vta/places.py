"""The new VTA places: recording places created, and where they stand against the plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from backend.models import VtaPlacesCreated
from backend.shared import audit
from backend.shared.config import Settings
from backend.vta.rules import PlacesTarget, PlanStatus, check_places, clean_text, plan_status


def target_of(settings: Settings) -> PlacesTarget:
    """The plan the settings give (VTA_PLACES_TARGET, VTA_PLAN_START, VTA_PLAN_END)."""
    return PlacesTarget(settings.vta_plan_start, settings.vta_plan_end, settings.vta_places_target)


@dataclass(frozen=True)
class NewPlaces:
    on: date
    count: int
    where: str | None = None
    note: str | None = None


async def add_places(new: NewPlaces, *, actor: str, today: date) -> VtaPlacesCreated:
    """Record places created on a day (audited); refused with the reason when they cannot be."""
    where, note = clean_text(new.where), clean_text(new.note)
    check_places(new.on, new.count, where, note, today)
    row = await VtaPlacesCreated.create(
        on=new.on, count=new.count, location=where, note=note, actor=actor
    )
    await audit.record(
        actor,
        "vta.places",
        f"vta_places:{row.id}",
        day=new.on.isoformat(),
        count=new.count,
        where=where,
        note=note,
    )
    return row


async def recorded() -> list[VtaPlacesCreated]:
    """Every record of places created, newest first."""
    return await VtaPlacesCreated.all().order_by("-on", "-id")


async def status(target: PlacesTarget, today: date) -> PlanStatus:
    rows = await VtaPlacesCreated.all().values_list("on", "count")
    return plan_status(target, rows, today)
