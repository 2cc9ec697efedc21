"""Birthday-driven reminders.

- Turning 18 (seed 001: "NAV ønsker å bli koplet på et halvt år før elevene fyller
  18 år"): for a registered pupil the coordinator is told half a year before the
  18th birthday to involve NAV.
- Turning 67 (seed 000: "Du kan motta tjenester på AoK frem til du blir 67 år"):
  the service ends on the 67th birthday; the coordinator and the contact person
  are told 6 and 1 months ahead.

A 29 February birthday falls on 28 February in common years (see `dates`), and the
lead is counted back from that birthday with month-end clamping.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..dates import add_months, add_years
from .base import Audience, MovedBackRule, Planned, ReminderKind, in_range, participant_subject

NAV_INVOLVEMENT_AGE = 18
NAV_INVOLVEMENT_LEAD_MONTHS = 6
SERVICE_END_AGE = 67
SERVICE_END_LEAD_MONTHS = (6, 1)


@dataclass(frozen=True, slots=True)
class Age18(MovedBackRule):
    participant: str
    birth_date: date
    pupil: bool = True  # only registered school pupils are followed towards 18

    def planned(self, first: date, last: date) -> Iterator[Planned]:
        if not self.pupil:
            return
        birthday = add_years(self.birth_date, NAV_INVOLVEMENT_AGE)
        nominal = add_months(birthday, -NAV_INVOLVEMENT_LEAD_MONTHS)
        if in_range(nominal, first, last):
            yield Planned(
                nominal,
                ReminderKind.AGE_18,
                participant_subject(self.participant),
                Audience.COORDINATOR,
                birthday,
            )


@dataclass(frozen=True, slots=True)
class Age67(MovedBackRule):
    participant: str
    birth_date: date

    def planned(self, first: date, last: date) -> Iterator[Planned]:
        birthday = add_years(self.birth_date, SERVICE_END_AGE)
        for months in SERVICE_END_LEAD_MONTHS:
            nominal = add_months(birthday, -months)
            if not in_range(nominal, first, last):
                continue
            for audience in (Audience.COORDINATOR, Audience.CONTACT):
                yield Planned(
                    nominal,
                    ReminderKind.AGE_67,
                    participant_subject(self.participant),
                    audience,
                    birthday,
                    {"step": f"{months}m"},
                )
