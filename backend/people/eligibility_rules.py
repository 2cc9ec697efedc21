"""Eligibility per programme as a pure function of recorded facts.

`check_eligibility(programme, facts, on)` sorts every criterion into met, refused
(recorded and not met) or open (fact not recorded yet: `None`). Codes are stable
strings the caller translates; `open_criteria` names the facts still to record.

Sources (the services' routine documents, numbered 000–004):

- AoK, seed 000 "Tildelingskriterier": lives in the municipality; wants the
  service; needs adaptation/work training by day; multi-disciplinary assessment;
  can work in a group; no behaviour needing heavy shielding; at least two days a
  week ("minimum to dager i uken"); 100 % uføretrygd; service "frem til du blir
  67 år". Seed 000 gives no lower age. We refuse under 18 because 100 %
  uføretrygd is only granted from 18 and the target group in seed 002 is 18–67;
  pupils are followed towards 18 by the AGE_18 reminder instead.
- VTA / VTA-O, seed 002: target group 18–67 with uføretrygd (any degree), "VTA og
  VTA-O … innvilges eventuelt av NAV" (NAV's decision is a criterion).
- KVP, seed 003 (sosialtjenesteloven § 29): working age ("yrkesaktiv alder",
  read as 18–67); a work ability assessment (AEV, A); close coordinated help
  needed (B); NAV can offer an adapted programme (C); no rights under other
  schemes. Full time (five days a week) is our product requirement, not in document 003.
- Work training / activity places, seed 004: intake goes through NAV; nothing else.
- Drop-in café, seed 001 measure 3: open to every citizen; not a programme here.

Overriding (a coordinator with a written note) is the caller's job; a refusal is
overridable unless it is a fixed limit: the age window (the service ends at 67,
seed 000) or KVP's statutory AEV precondition (seed 003 "forutsetter").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from backend.shared.dates import add_years, age_on
from backend.shared.errors import N_, RuleError

__all__ = [
    "CriterionChange",
    "EligibilityFacts",
    "EligibilityResult",
    "Programme",
    "Refusal",
    "age_limit",
    "check_eligibility",
    "criteria_changes",
    "criteria_of",
    "intake_done",
]


class Programme(StrEnum):
    AOK = "aok"
    VTA = "vta"
    VTA_O = "vta-o"
    KVP = "kvp"
    WORK_TRAINING = "work-training"
    ACTIVITY_PLACE = "activity-place"


def parse_programme(text: str | None) -> Programme:
    """`vta` (any case) → Programme.VTA; nothing → ÅOK, the usual programme."""
    try:
        return Programme((text or "").strip().lower() or Programme.AOK.value)
    except ValueError:
        raise RuleError(N_("Ukjent program: {text}"), text=text) from None


@dataclass(frozen=True, slots=True)
class EligibilityFacts:
    """What is recorded about a person; `None` means not recorded yet.

    Every boolean reads "the criterion is met" when True.
    """

    birth_date: date | None = None
    granted_days_per_week: int | None = None
    lives_in_municipality: bool | None = None
    wants_service: bool | None = None
    needs_day_adaptation: bool | None = None
    multidisciplinary_assessment: bool | None = None
    can_work_in_group: bool | None = None
    no_heavy_shielding_need: bool | None = None
    full_disability_benefit: bool | None = None  # 100 % uføretrygd
    disability_benefit: bool | None = None  # uføretrygd of any degree
    nav_decision: bool | None = None  # NAV has granted the place (VTA)
    work_ability_assessment: bool | None = None  # AEV done (KVP)
    needs_close_follow_up: bool | None = None
    adapted_programme_available: bool | None = None
    no_other_benefit_rights: bool | None = None
    referred_by_nav: bool | None = None


@dataclass(frozen=True, slots=True)
class Refusal:
    code: str
    detail: Mapping[str, str] = field(default_factory=dict, hash=False)
    overridable: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "detail", MappingProxyType(dict(self.detail)))


@dataclass(frozen=True, slots=True)
class EligibilityResult:
    programme: Programme
    refusals: tuple[Refusal, ...]
    open_criteria: tuple[str, ...]
    ends_on: date | None  # the day the service ends by age (67th birthday), if capped

    @property
    def ok(self) -> bool:
        """Every criterion recorded and met."""
        return not self.refusals and not self.open_criteria

    @property
    def overridable(self) -> bool:
        """Refused, and a coordinator may still grant with a written note."""
        return bool(self.refusals) and all(r.overridable for r in self.refusals)

    @property
    def refusal_codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.refusals)


@dataclass(frozen=True, slots=True)
class _Spec:
    flags: tuple[str, ...] = ()  # boolean facts that must be True
    min_days: tuple[int, str] | None = None  # (days a week, refusal code)
    age_range: tuple[int, int] | None = None  # [from, until) in completed years
    fixed_flags: frozenset[str] = frozenset()  # refusals a coordinator cannot override


_AOK_FLAGS = (
    "lives_in_municipality",
    "wants_service",
    "needs_day_adaptation",
    "multidisciplinary_assessment",
    "can_work_in_group",
    "no_heavy_shielding_need",
    "full_disability_benefit",
)
_VTA = _Spec(flags=("disability_benefit", "nav_decision"), age_range=(18, 67))
_SPECS: dict[Programme, _Spec] = {
    Programme.AOK: _Spec(_AOK_FLAGS, (2, "min_two_days"), (18, 67)),
    Programme.VTA: _VTA,
    Programme.VTA_O: _VTA,
    Programme.KVP: _Spec(
        (
            "work_ability_assessment",
            "needs_close_follow_up",
            "adapted_programme_available",
            "no_other_benefit_rights",
        ),
        (5, "full_time"),
        (18, 67),
        frozenset({"work_ability_assessment"}),
    ),
    Programme.WORK_TRAINING: _Spec(("referred_by_nav",)),
    # Seed 004: work-training and activity places both take people in through NAV.
    Programme.ACTIVITY_PLACE: _Spec(("referred_by_nav",)),
}


def _flag_value(facts: EligibilityFacts, name: str) -> bool | None:
    value = getattr(facts, name)
    # Full uføretrygd is uføretrygd too: no need to record both for VTA.
    if name == "disability_benefit" and value is None and facts.full_disability_benefit:
        return True
    return value


def age_limit(programme: Programme) -> int | None:
    """The age at which the programme's service ends (on that birthday), or None."""
    age_range = _SPECS[programme].age_range
    return None if age_range is None else age_range[1]


def check_eligibility(programme: Programme, facts: EligibilityFacts, on: date) -> EligibilityResult:
    spec = _SPECS[programme]
    refusals: list[Refusal] = []
    open_criteria: list[str] = []
    ends_on: date | None = None

    if spec.age_range is not None:
        youngest, limit = spec.age_range
        if facts.birth_date is None:
            open_criteria.append("birth_date")
        else:
            ends_on = add_years(facts.birth_date, limit)
            age = age_on(facts.birth_date, on)
            if age < youngest:
                refusals.append(
                    Refusal(f"under_{youngest}", {"age": str(age), "limit": str(youngest)}, False)
                )
            elif age >= limit:
                refusals.append(
                    Refusal(
                        f"age_{limit}",
                        {"age": str(age), "limit": str(limit), "ended": ends_on.isoformat()},
                        False,
                    )
                )

    if spec.min_days is not None:
        minimum, code = spec.min_days
        days = facts.granted_days_per_week
        if days is None:
            open_criteria.append("granted_days_per_week")
        elif days < minimum:
            refusals.append(Refusal(code, {"days": str(days), "minimum": str(minimum)}))

    for name in spec.flags:
        value = _flag_value(facts, name)
        if value is None:
            open_criteria.append(name)
        elif not value:
            refusals.append(Refusal(name, {}, name not in spec.fixed_flags))

    return EligibilityResult(programme, tuple(refusals), tuple(open_criteria), ends_on)


def criteria_of(programme: Programme) -> tuple[str, ...]:
    """The yes/no criteria a person records for the programme, in the documents' order."""
    return _SPECS[programme].flags


@dataclass(frozen=True, slots=True)
class CriterionChange:
    """One recorded criterion changed: True met, False not met, None not assessed."""

    criterion: str
    old: bool | None
    new: bool | None

    @property
    def became_not_met(self) -> bool:
        return self.new is False and self.old is not False


def criteria_changes(
    stored: Mapping[str, bool | None], wanted: Mapping[str, bool | None]
) -> tuple[CriterionChange, ...]:
    """What recording `wanted` over `stored` changes, in the order wanted; a criterion
    missing from `stored` is not assessed, and one recorded again as it was is no change."""
    changes = []
    for name, new in wanted.items():
        old = stored.get(name)
        if old != new:
            changes.append(CriterionChange(name, old, new))
    return tuple(changes)


def intake_done(decision_start: date | None, today: date) -> bool:
    """Intake is over once the decision is in force: it has a start date, today or before.

    Before that (registration, a decision not yet started) criteria are still being
    gathered, and a criterion not met is part of the intake, not news.
    """
    return decision_start is not None and decision_start <= today
