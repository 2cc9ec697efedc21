"""What an attendance-list request asks for (participant, period, format), for the
/reports pages and the JSON API alike; bad input → RuleError, before anything is read.

The default period comes from backend.nav_lists.lists.default_period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from multidict import MultiMapping

from backend.models import Participant, Staff
from backend.nav_lists.lists import ListFormat, default_period
from backend.people import directory
from backend.shared.errors import N_, RuleError
from backend.shared.parse import parse_date

# Dates far outside the service's life are a typing error, not a list (and the calendar
# would have to compute holidays for them).
FIRST_YEAR, LAST_YEAR = 2000, 2100
NOT_FOUND = N_("Fant ikke den deltakeren ved enheten din")


@dataclass(frozen=True)
class ListQuery:
    participant: Participant
    first: date
    last: date
    fmt: ListFormat


def day_of(text: str) -> date:
    day = parse_date(text[:40])
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise RuleError(
            N_("Velg en dato mellom år {low} og {high}"), low=FIRST_YEAR, high=LAST_YEAR
        )
    return day


def format_of(text: str | None, default: ListFormat = ListFormat.PDF) -> ListFormat:
    if not text:
        return default
    try:
        return ListFormat(text.lower())
    except ValueError:
        raise RuleError(N_("Velg PDF eller CSV")) from None


async def participant_of(staff: Staff, code: str | None) -> Participant:
    """A participant of the staff member's own unit; another unit's is "not found" alike."""
    if not code or not code.strip():
        raise RuleError(N_("Velg en deltaker"))
    found = await directory.participant(staff, code.strip()[:64])
    if found is None:
        raise RuleError(NOT_FOUND)
    return found


def period_of(query: MultiMapping[str], participant: Participant, today: date) -> tuple[date, date]:
    """`from` and `to`; either left out takes the default period's."""
    default_first, default_last = default_period(participant, today)
    first_text, last_text = query.get("from", ""), query.get("to", "")
    first = day_of(first_text) if first_text.strip() else default_first
    last = day_of(last_text) if last_text.strip() else default_last
    if first > last:
        raise RuleError(N_("Startdatoen må komme før sluttdatoen"))
    return first, last


def read(query: MultiMapping[str], participant: Participant, today: date) -> ListQuery:
    first, last = period_of(query, participant, today)
    return ListQuery(participant, first, last, format_of(query.get("format")))
