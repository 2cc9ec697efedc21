"""The tablet at the door: today's tiles, and a tap on arrival or on leaving.

The tiles are the unit's participants planned today by the calendar and their decisions
(`attendance.marking.day_roster`): not on a closed day, and not those who reported an
absence: the tablet hangs where anyone passes, and an absence (often illness) is not
shown to the hallway. Whoever tapped in today stays on the board, whatever came after.
A tile names the first name only, with the photo (when consented to) or the symbol.

A tap carries its own time and key (a tablet without network queues its taps): the
same key twice changes nothing, and a time outside today or in the future is refused.
A tap "back" opens a visit again after a mistaken "gone": its leaving time is removed,
but its key is kept, so that leaving tap sent again changes nothing either; once staff
have stored the day it is refused (they correct it on the attendance page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.attendance.marking import day_roster
from backend.calendar.plan_rules import PlanKind
from backend.checkin.rules import (
    MAX_KEY,
    TapAction,
    TapOutcome,
    TileState,
    Visit,
    first_name,
    next_state,
    symbol_picture,
    tap_refusal,
    tap_time,
    visit_hours,
)
from backend.models import (
    AttendanceDay,
    CheckIn,
    Participant,
    ParticipantPicture,
    Tablet,
    Unit,
)
from backend.shared import audit
from backend.shared.clock import utc
from backend.shared.errors import N_, RuleError


@dataclass(frozen=True)
class Tile:
    participant_id: int
    first_name: str
    symbol: str  # the picture shown when there is no photo
    photo: bool
    visit: Visit

    @property
    def state(self) -> TileState:
        return self.visit.state


@dataclass(frozen=True)
class Board:
    day: date
    open: bool
    tiles: tuple[Tile, ...]


async def board(tablet: Tablet, now: datetime) -> Board:
    """Today's tiles of the tablet's unit, by first name."""
    today = now.date()
    unit = await Unit.get(id=tablet.unit_id)
    roster = await day_roster(unit, today)
    visits = {
        c.participant_id: c for c in await CheckIn.filter(participant__unit_id=unit.id, day=today)
    }
    shown = [
        e.participant
        for e in roster.entries
        if e.participant.erased_at is None
        and (e.plan.kind is PlanKind.PLANNED or e.participant.id in visits)
    ]
    pictures = {
        p.participant_id: p
        for p in await ParticipantPicture.filter(participant_id__in=[p.id for p in shown])
    }
    tiles = []
    for person in shown:
        picture = pictures.get(person.id)
        visit = visits.get(person.id)
        tiles.append(
            Tile(
                person.id,
                first_name(person.name),
                symbol_picture(picture.symbol if picture else None),
                bool(picture and picture.photo and picture.photo_consent_at),
                Visit(visit.in_at if visit else None, visit.out_at if visit else None),
            )
        )
    tiles.sort(key=lambda t: (t.first_name.casefold(), t.participant_id))
    return Board(today, roster.status.is_open, tuple(tiles))


@dataclass(frozen=True)
class TapResult:
    outcome: TapOutcome
    visit: Visit


def _key(key: str) -> str:
    if not key or len(key) > MAX_KEY or not all(c.isalnum() or c in "-_" for c in key):
        raise RuleError(N_("Trykket mangler en gyldig nøkkel."))
    return key


async def tap(
    tablet: Tablet, participant_id: int, action: TapAction, at: datetime, key: str, now: datetime
) -> TapResult:
    """Record a tap on a tile at its own time `at`; RuleError when it is not taken."""
    key = _key(key)
    refusal = tap_refusal(at, now)
    if refusal is not None:
        raise RuleError(refusal)
    at = tap_time(at, now)
    today = now.date()
    participant = await Participant.get_or_none(
        id=participant_id, unit_id=tablet.unit_id, erased_at=None
    )
    if participant is None or not any(
        t.participant_id == participant_id for t in (await board(tablet, now)).tiles
    ):
        raise RuleError(N_("Denne personen er ikke ventet i dag."))
    try:
        return await _tap(tablet, participant, action, at, key, today)
    except IntegrityError:  # two taps on arrival at once: the second finds the first
        return await _tap(tablet, participant, action, at, key, today)


async def _tap(
    tablet: Tablet, participant: Participant, action: TapAction, at: datetime, key: str, day: date
) -> TapResult:
    subject = f"participant:{participant.code}"
    async with in_transaction():
        found = (
            await CheckIn.filter(participant_id=participant.id, day=day).select_for_update().first()
        )
        visit = Visit(found.in_at if found else None, found.out_at if found else None)
        if found is not None and key in (found.in_key, found.out_key):
            return TapResult(TapOutcome.ALREADY, visit)  # the same tap, sent again
        confirmed = (
            action is TapAction.BACK
            and found is not None
            and await AttendanceDay.exists(participant_id=participant.id, day=day)
        )
        outcome = next_state(visit, action, at, confirmed=confirmed)
        if not isinstance(outcome, TapOutcome):
            raise RuleError(outcome)
        if outcome is TapOutcome.ALREADY:
            return TapResult(outcome, visit)
        actor = f"tablet:{tablet.id}"
        if found is None:
            await CheckIn.create(
                participant_id=participant.id, day=day, in_at=utc(at), in_key=key,
                tablet_id=tablet.id,
            )  # fmt: skip
            await audit.record(actor, "checkin.in", subject, day=day.isoformat())
            return TapResult(outcome, Visit(at, None))
        if action is TapAction.BACK:
            # The leaving tap's key stays: sent again, it is known and changes nothing.
            await CheckIn.filter(id=found.id).update(out_at=None)
            await audit.record(actor, "checkin.back", subject, day=day.isoformat())
            return TapResult(outcome, Visit(found.in_at, None))
        await CheckIn.filter(id=found.id).update(out_at=utc(at), out_key=key)
        hours = visit_hours(found.in_at, at)
        await audit.record(actor, "checkin.out", subject, day=day.isoformat(),
                           hours=str(hours) if hours is not None else None)  # fmt: skip
        return TapResult(outcome, Visit(found.in_at, at))


async def photo(
    tablet: Tablet | None, participant_id: int, *, unit_id: int | None = None
) -> bytes | None:
    """The photo of a participant of the tablet's (or the unit's) unit, when consented to."""
    unit = tablet.unit_id if tablet is not None else unit_id
    picture = await ParticipantPicture.get_or_none(
        participant_id=participant_id,
        participant__unit_id=unit,
        participant__erased_at=None,
        photo_consent_at__isnull=False,
    )
    return picture.photo if picture is not None and picture.photo else None
