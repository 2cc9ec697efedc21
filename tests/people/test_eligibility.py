from dataclasses import fields, replace
from datetime import date

import pytest

from backend.people.eligibility_rules import (
    EligibilityFacts,
    EligibilityResult,
    Programme,
    Refusal,
    check_eligibility,
    parse_programme,
)
from backend.shared.errors import RuleError

D = date.fromisoformat
ON = D("2026-03-10")
P = Programme

AOK_MET = EligibilityFacts(
    birth_date=D("1990-05-01"),
    granted_days_per_week=3,
    lives_in_municipality=True,
    wants_service=True,
    needs_day_adaptation=True,
    multidisciplinary_assessment=True,
    can_work_in_group=True,
    no_heavy_shielding_need=True,
    full_disability_benefit=True,
)
VTA_MET = EligibilityFacts(birth_date=D("1990-05-01"), disability_benefit=True, nav_decision=True)
KVP_MET = EligibilityFacts(
    birth_date=D("2000-01-01"),
    granted_days_per_week=5,
    work_ability_assessment=True,
    needs_close_follow_up=True,
    adapted_programme_available=True,
    no_other_benefit_rights=True,
)
AOK_FLAGS = (
    "lives_in_municipality",
    "wants_service",
    "needs_day_adaptation",
    "multidisciplinary_assessment",
    "can_work_in_group",
    "no_heavy_shielding_need",
    "full_disability_benefit",
)


# (programme, facts, on, refusal codes, open criteria, ok, overridable)
CASES = [
    pytest.param(P.AOK, AOK_MET, ON, (), (), True, False, id="aok: all met"),
    pytest.param(
        P.AOK,
        replace(AOK_MET, granted_days_per_week=1),
        ON,
        ("min_two_days",),
        (),
        False,
        True,
        id="aok: one day a week is refused, overridable",
    ),
    pytest.param(
        P.AOK,
        replace(AOK_MET, granted_days_per_week=2),
        ON,
        (),
        (),
        True,
        False,
        id="aok: exactly two days a week is enough",
    ),
    pytest.param(
        P.AOK,
        replace(AOK_MET, birth_date=D("1959-06-15")),
        D("2026-06-15"),
        ("age_67",),
        (),
        False,
        False,
        id="aok: on the 67th birthday the service has ended, not overridable",
    ),
    pytest.param(
        P.AOK,
        replace(AOK_MET, birth_date=D("1959-06-15")),
        D("2026-06-14"),
        (),
        (),
        True,
        False,
        id="aok: the day before turning 67 is still eligible",
    ),
    pytest.param(
        P.AOK,
        replace(AOK_MET, birth_date=D("2009-03-10")),
        D("2027-03-09"),
        ("under_18",),
        (),
        False,
        False,
        id="aok: 17 years old is refused (target group 18–67)",
    ),
    pytest.param(
        P.AOK,
        replace(AOK_MET, birth_date=D("2009-03-10")),
        D("2027-03-10"),
        (),
        (),
        True,
        False,
        id="aok: eligible from the 18th birthday",
    ),
    pytest.param(
        P.AOK,
        EligibilityFacts(),
        ON,
        (),
        ("birth_date", "granted_days_per_week", *AOK_FLAGS),
        False,
        False,
        id="aok: nothing recorded, everything open",
    ),
    pytest.param(
        P.AOK,
        replace(AOK_MET, lives_in_municipality=False, full_disability_benefit=False),
        ON,
        ("lives_in_municipality", "full_disability_benefit"),
        (),
        False,
        True,
        id="aok: allocation criteria not met are overridable",
    ),
    pytest.param(
        P.AOK,
        replace(AOK_MET, can_work_in_group=None, granted_days_per_week=1),
        ON,
        ("min_two_days",),
        ("can_work_in_group",),
        False,
        True,
        id="aok: refusals and open criteria together",
    ),
    pytest.param(
        P.AOK,
        replace(AOK_MET, birth_date=D("1950-01-01"), granted_days_per_week=1),
        ON,
        ("age_67", "min_two_days"),
        (),
        False,
        False,
        id="aok: one fixed refusal makes the whole result not overridable",
    ),
    pytest.param(P.VTA, VTA_MET, ON, (), (), True, False, id="vta: all met"),
    pytest.param(
        P.VTA,
        replace(VTA_MET, disability_benefit=None, full_disability_benefit=True),
        ON,
        (),
        (),
        True,
        False,
        id="vta: full uføretrygd counts as uføretrygd",
    ),
    pytest.param(
        P.VTA,
        replace(VTA_MET, disability_benefit=False),
        ON,
        ("disability_benefit",),
        (),
        False,
        True,
        id="vta: no uføretrygd (e.g. still on AAP) is refused",
    ),
    pytest.param(
        P.VTA,
        replace(VTA_MET, nav_decision=None),
        ON,
        (),
        ("nav_decision",),
        False,
        False,
        id="vta: waiting for NAV's decision is open",
    ),
    pytest.param(
        P.VTA_O,
        replace(VTA_MET, birth_date=D("1958-01-01")),
        ON,
        ("age_67",),
        (),
        False,
        False,
        id="vta-o: 68 years old is refused",
    ),
    pytest.param(P.KVP, KVP_MET, ON, (), (), True, False, id="kvp: all met"),
    pytest.param(
        P.KVP,
        replace(KVP_MET, granted_days_per_week=4),
        ON,
        ("full_time",),
        (),
        False,
        True,
        id="kvp: fewer than five days a week is refused",
    ),
    pytest.param(
        P.KVP,
        replace(KVP_MET, work_ability_assessment=False),
        ON,
        ("work_ability_assessment",),
        (),
        False,
        False,
        id="kvp: no work ability assessment (AEV) is a statutory refusal",
    ),
    pytest.param(
        P.KVP,
        replace(KVP_MET, no_other_benefit_rights=False),
        ON,
        ("no_other_benefit_rights",),
        (),
        False,
        True,
        id="kvp: rights under other schemes",
    ),
    pytest.param(
        P.KVP,
        replace(KVP_MET, birth_date=None),
        ON,
        (),
        ("birth_date",),
        False,
        False,
        id="kvp: birth date not recorded is open",
    ),
    pytest.param(
        P.WORK_TRAINING,
        EligibilityFacts(referred_by_nav=True, granted_days_per_week=1, birth_date=D("1950-01-01")),
        ON,
        (),
        (),
        True,
        False,
        id="work training: NAV referral only; days and age not checked",
    ),
    pytest.param(
        P.WORK_TRAINING,
        EligibilityFacts(),
        ON,
        (),
        ("referred_by_nav",),
        False,
        False,
        id="work training: referral not recorded is open",
    ),
    pytest.param(
        P.ACTIVITY_PLACE,
        EligibilityFacts(),
        ON,
        (),
        ("referred_by_nav",),
        False,
        False,
        id="activity place: NAV referral not recorded is open",
    ),
]


@pytest.mark.parametrize(
    ("programme", "facts", "on", "refused", "open_criteria", "ok", "overridable"), CASES
)
def test_check_eligibility(
    programme: Programme,
    facts: EligibilityFacts,
    on: date,
    refused: tuple[str, ...],
    open_criteria: tuple[str, ...],
    ok: bool,
    overridable: bool,
) -> None:
    result = check_eligibility(programme, facts, on)
    assert result.programme == programme
    assert result.refusal_codes == refused
    assert result.open_criteria == open_criteria
    assert result.ok is ok
    assert result.overridable is overridable


@pytest.mark.parametrize(
    ("programme", "facts", "on", "refusal"),
    [
        (
            P.AOK,
            replace(AOK_MET, granted_days_per_week=1),
            ON,
            Refusal("min_two_days", {"days": "1", "minimum": "2"}, True),
        ),
        (
            P.KVP,
            replace(KVP_MET, granted_days_per_week=3),
            ON,
            Refusal("full_time", {"days": "3", "minimum": "5"}, True),
        ),
        (
            P.AOK,
            replace(AOK_MET, birth_date=D("1959-06-15")),
            D("2026-07-01"),
            Refusal("age_67", {"age": "67", "limit": "67", "ended": "2026-06-15"}, False),
        ),
        (
            P.VTA,
            replace(VTA_MET, birth_date=D("2010-01-01")),
            ON,
            Refusal("under_18", {"age": "16", "limit": "18"}, False),
        ),
    ],
)
def test_refusal_detail(
    programme: Programme, facts: EligibilityFacts, on: date, refusal: Refusal
) -> None:
    assert check_eligibility(programme, facts, on).refusals == (refusal,)


@pytest.mark.parametrize(
    ("programme", "birth_date", "ends_on"),
    [
        (P.AOK, "1959-06-15", "2026-06-15"),
        (P.VTA, "1960-02-29", "2027-02-28"),
        (P.KVP, "2000-01-01", "2067-01-01"),
        (P.WORK_TRAINING, "1959-06-15", None),
    ],
)
def test_service_ends_on_67th_birthday(
    programme: Programme, birth_date: str, ends_on: str | None
) -> None:
    facts = EligibilityFacts(birth_date=D(birth_date))
    assert check_eligibility(programme, facts, ON).ends_on == (D(ends_on) if ends_on else None)


@pytest.mark.parametrize("programme", list(Programme))
def test_open_criteria_are_fact_names(programme: Programme) -> None:
    # Open codes name the fact to record, so the coordinator's form can link to it.
    result: EligibilityResult = check_eligibility(programme, EligibilityFacts(), ON)
    names = {f.name for f in fields(EligibilityFacts)}
    assert set(result.open_criteria) <= names
    assert not result.ok  # every programme has something to record


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vta", Programme.VTA),
        ("VTA-O", Programme.VTA_O),
        (" kvp ", Programme.KVP),
        ("work-training", Programme.WORK_TRAINING),
        ("", Programme.AOK),
        (None, Programme.AOK),
    ],
)
def test_parse_programme(text: str | None, expected: Programme) -> None:
    assert parse_programme(text) is expected


@pytest.mark.parametrize("text", ["vta o", "åok", "x"])
def test_unknown_programme(text: str) -> None:
    with pytest.raises(RuleError) as refused:
        parse_programme(text)
    assert refused.value.message == "Ukjent program: {text}"
    assert refused.value.params == {"text": text}
