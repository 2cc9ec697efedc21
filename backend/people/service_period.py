"""When a participant's service runs: the decision's period, an ending, and the age limit.

The age limit (seed 000: "Du kan motta tjenester på AoK frem til du blir 67 år"):
the service ends ON the birthday at the programme's age limit (67 for AoK, VTA,
VTA-O and KVP; see `eligibility`). The last day of service is the day before that
birthday; from the birthday on the person is not planned, paid or counted, whatever
the decision says. The reminders before it (6 and 1 months ahead) stay.

A person born 29 February turns 67 on 28 February in a common year, as everywhere
in this system (`dates.add_years`, the eligibility check, the age-67 reminders);
it is also how the Norwegian deadline act reads a period in years that starts on
a day the end month lacks (fristloven § 3: the month's last day). So someone born
29.02.1960 has their last day of service on 27.02.2027. One convention keeps the
reminder, the plan, the pay and the participant page on the same date.

A decision is active on a day when the day is within its period (start and end
both inclusive, either may be open), not after the day its service was ended
(`ended_on` is the last day), and before the age limit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from backend.people.eligibility_rules import Programme, age_limit
from backend.shared.dates import add_years

__all__ = ["ServicePeriod", "age_end", "born_by", "last_day_by_age", "places_taken"]


def age_end(programme: Programme | str, birth_date: date) -> date | None:
    """The first day without service by age (the birthday at the limit), or None."""
    limit = age_limit(Programme(programme))
    return None if limit is None else add_years(birth_date, limit)


def last_day_by_age(programme: Programme | str, birth_date: date) -> date | None:
    """The last day of service by age: the day before the birthday at the limit."""
    end = age_end(programme, birth_date)
    return None if end is None else end - timedelta(days=1)


def born_by(day: date, age: int) -> date:
    """The latest birth date of someone who is `age` or older on `day`.

    The inverse of `age_end` for queries ("born on or before"): on 28 February of a
    common year that includes those born 29 February `age` years before.
    """
    born = add_years(day, -age)
    after = born + timedelta(days=1)
    return after if add_years(after, age) <= day else born


@dataclass(frozen=True, slots=True)
class ServicePeriod:
    start: date | None = None  # the decision's first day
    end: date | None = None  # the decision's last day
    ended_on: date | None = None  # the last day, when the service was ended
    age_end: date | None = None  # the first day without service by age

    @classmethod
    def of(
        cls,
        programme: Programme | str,
        birth_date: date,
        start: date | None = None,
        end: date | None = None,
        ended_on: date | None = None,
    ) -> ServicePeriod:
        return cls(start, end, ended_on, age_end(programme, birth_date))

    @property
    def last_day(self) -> date | None:
        """The last day of service, whichever limit comes first; None: open-ended."""
        ends = [d for d in (self.end, self.ended_on) if d is not None]
        if self.age_end is not None:
            ends.append(self.age_end - timedelta(days=1))
        return min(ends, default=None)

    def ended_by_age(self, day: date) -> bool:
        return self.age_end is not None and day >= self.age_end

    def active_on(self, day: date) -> bool:
        if self.start is not None and day < self.start:
            return False
        last = self.last_day
        return last is None or day <= last


def places_taken(periods: Iterable[ServicePeriod], day: date) -> int:
    """How many of the periods are active on `day`: the places taken that day (a
    decision that ended 31 August takes no place on 1 September)."""
    return sum(1 for period in periods if period.active_on(day))
