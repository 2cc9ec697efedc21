"""The pupil register's rules (seed 001, "ressurskartlegging av elever"), pure.

AoK and iVekst want to know of pupils with reduced work ability from their first year
of upper secondary school (Vg1); NAV wants to be involved half a year before the 18th
birthday. Pupils are not participants: the register keeps what the status meeting in
January and September needs, in general words.

- Class year and expected end: the school year ends in June; a pupil in VgN is expected
  to finish at the end of Vg3, 3 − N school years after the current one. Pupils with a
  right to adapted education may take up to two years more, so the expected end may lie
  up to two school years past that, never in the past.
- Age: `age_on`; the 18th birthday of a 29 February child is 28 February.
- The NAV mark: six months before the 18th birthday. A pupil registered after that mark
  (and before 18) is reminded of at once.
- Names: shared at the status meeting only with the guardian's consent to it, given on
  or before the meeting's day and not withdrawn by then; else an anonymous line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from backend.shared.dates import add_months, add_years, age_on
from backend.shared.errors import N_, RuleError

NAV_AGE = 18
NAV_LEAD_MONTHS = 6
# The school year ends in June; the last school day is around the 20th.
SCHOOL_YEAR_LAST_MONTH = 6
USUAL_LAST_DAY = 20
EXTRA_SCHOOL_YEARS = 2  # the right to adapted upper secondary education, up to five years
NOTE_MAX = 500


class ClassYear(StrEnum):
    VG1 = "vg1"
    VG2 = "vg2"
    VG3 = "vg3"

    @property
    def number(self) -> int:
        return int(self.value[-1])


class Need(StrEnum):
    """A service the pupil may need later, in general words."""

    AOK = "aok"
    VTA = "vta"
    WORK_TRAINING = "work-training"


CLASS_YEAR_NAMES = {
    ClassYear.VG1: N_("Vg1"),
    ClassYear.VG2: N_("Vg2"),
    ClassYear.VG3: N_("Vg3"),
}
NEED_NAMES = {
    Need.AOK: N_("AoK – arbeid og aktivitet på dagtid"),
    Need.VTA: N_("VTA – varig tilrettelagt arbeid"),
    Need.WORK_TRAINING: N_("Arbeidstrening"),
}


def parse_class_year(text: str | None) -> ClassYear:
    """`Vg2`, `vg2` or `2` → ClassYear.VG2."""
    cleaned = (text or "").strip().lower()
    if cleaned in ("1", "2", "3"):
        cleaned = f"vg{cleaned}"
    try:
        return ClassYear(cleaned)
    except ValueError:
        raise RuleError(
            N_("Trinnet må være Vg1, Vg2 eller Vg3: {text}"), text=(text or "")[:20]
        ) from None


def parse_needs(values: Iterable[str]) -> frozenset[Need]:
    """`aok`, `vta`, `work-training` (also `work_training`), each once; empty is allowed."""
    found: set[Need] = set()
    for value in values:
        cleaned = value.strip().lower().replace("_", "-")
        if not cleaned:
            continue
        try:
            found.add(Need(cleaned))
        except ValueError:
            raise RuleError(
                N_("Ukjent behov: {text}. Velg aok, vta eller work-training."), text=value[:30]
            ) from None
    return frozenset(found)


def ordered_needs(needs: Iterable[str]) -> list[Need]:
    """Needs in the register's order (the enum's), unknown codes left out."""
    given = set(needs)
    return [need for need in Need if need.value in given]


def school_year_end(day: date) -> int:
    """The calendar year whose June ends the school year `day` lies in (July starts one)."""
    return day.year if day.month <= SCHOOL_YEAR_LAST_MONTH else day.year + 1


def usual_end(class_year: ClassYear, day: date) -> date:
    """The end of Vg3 for a pupil in `class_year` on `day`: the form's suggestion."""
    return date(
        school_year_end(day) + 3 - class_year.number, SCHOOL_YEAR_LAST_MONTH, USUAL_LAST_DAY
    )


def latest_end(class_year: ClassYear, day: date) -> date:
    """The latest expected end: two school years past the usual one."""
    usual = usual_end(class_year, day)
    return date(usual.year + EXTRA_SCHOOL_YEARS, 12, 31)


def check_expected_end(class_year: ClassYear, expected_end: date, today: date) -> None:
    if expected_end < today:
        raise RuleError(
            N_(
                "Forventet slutt kan ikke være tilbake i tid: {day}. Sett en ny dato, "
                "eller avslutt eleven i registeret."
            ),
            day=expected_end.isoformat(),
        )
    latest = latest_end(class_year, today)
    if expected_end > latest:
        raise RuleError(
            N_("Forventet slutt er for sent for en elev på {year}: senest {day}"),
            year=class_year.value.capitalize(),
            day=latest.isoformat(),
        )


def check_birth_date(birth_date: date, today: date) -> None:
    """A pupil in upper secondary school is from 13 to 30 years old: a typo is refused."""
    age = age_on(birth_date, today) if birth_date <= today else -1
    if not 13 <= age <= 30:
        raise RuleError(
            N_("Fødselsdatoen passer ikke for en elev i videregående: {day}"),
            day=birth_date.isoformat(),
        )


def check_consent(given: date | None, withdrawn: date | None, today: date) -> None:
    if given is not None and given > today:
        raise RuleError(N_("Samtykket kan ikke være gitt fram i tid: {day}"), day=given.isoformat())
    if withdrawn is not None:
        if given is None:
            raise RuleError(N_("Et samtykke som ikke er gitt, kan ikke trekkes tilbake"))
        if withdrawn < given:
            raise RuleError(N_("Samtykket kan ikke trekkes tilbake før det ble gitt"))
        if withdrawn > today:
            raise RuleError(
                N_("Samtykket kan ikke trekkes tilbake fram i tid: {day}"),
                day=withdrawn.isoformat(),
            )


def check_note(note: str | None) -> str | None:
    """The short general note: one paragraph of general words, at most 500 characters."""
    if note is None:
        return None
    cleaned = " ".join(note.split())
    if len(cleaned) > NOTE_MAX:
        raise RuleError(N_("Notatet kan ha høyst {count} tegn"), count=NOTE_MAX)
    return cleaned or None


# -- age ---------------------------------------------------------------------------------


def age_at(birth_date: date, day: date) -> int:
    return age_on(birth_date, day)


def eighteenth_birthday(birth_date: date) -> date:
    return add_years(birth_date, NAV_AGE)


def nav_mark(birth_date: date) -> date:
    """Half a year before the 18th birthday: NAV wants to be involved from then."""
    return add_months(eighteenth_birthday(birth_date), -NAV_LEAD_MONTHS)


def turns_18_within_six_months(birth_date: date, day: date) -> bool:
    """The 18th birthday falls on `day` or within the six months after it: counted back
    from the birthday, as the NAV mark is, so the two agree at the ends of months."""
    return nav_mark(birth_date) <= day <= eighteenth_birthday(birth_date)


def past_nav_mark(birth_date: date, day: date) -> bool:
    """On `day` the six-month mark has come (or passed) and the pupil is not 18 yet:
    NAV should be involved now. A pupil registered then is reminded of at once."""
    return nav_mark(birth_date) <= day < eighteenth_birthday(birth_date)


# -- consent -----------------------------------------------------------------------------


def names_allowed(given: date | None, withdrawn: date | None, share_name: bool, day: date) -> bool:
    """May the pupil's name be shared with NAV and iVekst at a meeting on `day`?"""
    if not share_name or given is None or given > day:
        return False
    return withdrawn is None or withdrawn > day


def consent_in_force(given: date | None, withdrawn: date | None, day: date) -> bool:
    return given is not None and given <= day and (withdrawn is None or withdrawn > day)


# -- the status meeting's overview ---------------------------------------------------------


@dataclass(frozen=True)
class PupilFacts:
    """What the overview reads of one pupil of the register."""

    id: int
    name: str
    birth_date: date
    school: str
    class_year: ClassYear
    needs: frozenset[Need]
    registered_on: date
    ended_on: date | None = None
    consent_given_on: date | None = None
    consent_withdrawn_on: date | None = None
    share_name: bool = False

    def in_register(self, day: date) -> bool:
        return self.registered_on <= day and (self.ended_on is None or self.ended_on > day)

    def named(self, day: date) -> bool:
        return names_allowed(self.consent_given_on, self.consent_withdrawn_on, self.share_name, day)


@dataclass(frozen=True)
class Turning18:
    """A line of the overview: a named pupil, or an anonymous one ("Elev, Vg2, school")."""

    class_year: ClassYear
    school: str
    name: str | None = None  # None: no consent to share the name
    birthday: date | None = None  # the 18th birthday, only with the name
    pupil_id: int | None = None  # for the register's own link, never printed

    @property
    def named(self) -> bool:
        return self.name is not None


@dataclass(frozen=True)
class Overview:
    day: date
    total: int
    by_school: list[tuple[str, dict[ClassYear, int], int]]  # school, per year, all
    by_year: dict[ClassYear, int]
    needs: dict[Need, int]
    no_needs: int  # pupils with no need recorded yet
    turning_18: list[Turning18]


def overview(pupils: Iterable[PupilFacts], day: date) -> Overview:
    """The status meeting's overview on `day`: counts per school and class year, counts
    of general needs, and the pupils who turn 18 within six months of the meeting, by
    name only where the guardian's consent allows it."""
    present = [p for p in pupils if p.in_register(day)]
    schools: dict[str, Counter[ClassYear]] = {}
    for p in present:
        schools.setdefault(p.school, Counter())[p.class_year] += 1
    by_school = [
        (school, {year: counts[year] for year in ClassYear}, sum(counts.values()))
        for school, counts in sorted(schools.items(), key=lambda item: item[0].casefold())
    ]
    by_year = {year: sum(1 for p in present if p.class_year == year) for year in ClassYear}
    needs = {need: sum(1 for p in present if need in p.needs) for need in Need}
    turning = sorted(
        (p for p in present if turns_18_within_six_months(p.birth_date, day)),
        key=lambda p: (eighteenth_birthday(p.birth_date), p.school.casefold(), p.id),
    )
    lines = [
        Turning18(p.class_year, p.school, p.name, eighteenth_birthday(p.birth_date), p.id)
        if p.named(day)
        else Turning18(p.class_year, p.school, pupil_id=p.id)
        for p in turning
    ]
    # Anonymous lines last, in a fixed order that does not follow the birthdays.
    named = [line for line in lines if line.named]
    anonymous = sorted(
        (line for line in lines if not line.named),
        key=lambda line: (line.class_year, line.school.casefold()),
    )
    return Overview(
        day=day,
        total=len(present),
        by_school=by_school,
        by_year=by_year,
        needs=needs,
        no_needs=sum(1 for p in present if not p.needs),
        turning_18=named + anonymous,
    )


def meeting_day(today: date) -> date:
    """The status meeting the overview is for when none is named: the next 15 January
    or 15 September (the routine's months), or today within those months."""
    if today.month in (1, 9):
        return today
    if today.month < 9 and today.month > 1:
        return date(today.year, 9, 15)
    return date(today.year + 1, 1, 15)
