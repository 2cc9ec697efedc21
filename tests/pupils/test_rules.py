"""The pupil register's rules as tables: class year and expected end, age, the NAV mark,
consent, and the status meeting's overview."""

from __future__ import annotations

from datetime import date

import pytest

from backend.pupils.rules import (
    ClassYear,
    Need,
    PupilFacts,
    Turning18,
    age_at,
    check_birth_date,
    check_consent,
    check_expected_end,
    check_note,
    meeting_day,
    names_allowed,
    nav_mark,
    overview,
    parse_class_year,
    parse_needs,
    past_nav_mark,
    turns_18_within_six_months,
    usual_end,
)
from backend.shared.errors import RuleError

D = date.fromisoformat
VG1, VG2, VG3 = ClassYear.VG1, ClassYear.VG2, ClassYear.VG3


@pytest.mark.parametrize(
    ("text", "year"),
    [("Vg1", VG1), ("vg2", VG2), (" VG3 ", VG3), ("2", VG2)],
)
def test_class_year_is_read_in_any_case(text: str, year: ClassYear) -> None:
    assert parse_class_year(text) is year


@pytest.mark.parametrize("text", ["Vg4", "", "vg", "4", None])
def test_another_class_year_is_refused(text: str | None) -> None:
    with pytest.raises(RuleError, match="Vg1, Vg2 eller Vg3"):
        parse_class_year(text)


def test_needs_are_read_each_once() -> None:
    assert parse_needs(["aok", "VTA", "work_training", "aok", ""]) == {
        Need.AOK,
        Need.VTA,
        Need.WORK_TRAINING,
    }
    with pytest.raises(RuleError, match="Ukjent behov: kino"):
        parse_needs(["kino"])


@pytest.mark.parametrize(
    ("year", "today", "usual"),
    [
        (VG1, "2026-09-01", "2029-06-20"),  # starts Vg1 in August 2026: Vg3 ends June 2029
        (VG2, "2026-09-01", "2028-06-20"),
        (VG3, "2026-09-01", "2027-06-20"),
        (VG3, "2027-03-01", "2027-06-20"),  # spring: the school year ends this June
        (VG3, "2027-06-30", "2027-06-20"),  # still the school year that ends this June
        (VG1, "2027-07-01", "2030-06-20"),  # July: the next school year
    ],
)
def test_the_usual_end_is_the_end_of_vg3(year: ClassYear, today: str, usual: str) -> None:
    assert usual_end(year, D(today)) == D(usual)


@pytest.mark.parametrize(
    ("year", "end", "today", "message"),
    [
        (VG1, "2029-06-20", "2026-09-01", None),
        (VG1, "2031-12-31", "2026-09-01", None),  # two years more: adapted education
        (VG1, "2032-01-01", "2026-09-01", "for sent for en elev på Vg1: senest 2031-12-31"),
        (VG3, "2029-12-31", "2026-09-01", None),
        (VG3, "2030-06-20", "2026-09-01", "senest 2029-12-31"),
        (VG2, "2026-09-01", "2026-09-01", None),  # today: leaves now
        (VG2, "2026-08-31", "2026-09-01", "tilbake i tid: 2026-08-31"),
    ],
)
def test_expected_end_within_the_school_years_left(
    year: ClassYear, end: str, today: str, message: str | None
) -> None:
    if message is None:
        check_expected_end(year, D(end), D(today))
        return
    with pytest.raises(RuleError) as error:
        check_expected_end(year, D(end), D(today))
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("birth", "ok"),
    [("2010-05-01", True), ("2013-09-01", True), ("2014-01-01", False), ("1995-01-01", False)],
)
def test_a_birth_date_must_fit_upper_secondary_school(birth: str, ok: bool) -> None:
    today = D("2026-09-01")
    if ok:
        check_birth_date(D(birth), today)
    else:
        with pytest.raises(RuleError, match="passer ikke for en elev"):
            check_birth_date(D(birth), today)


@pytest.mark.parametrize(
    ("given", "withdrawn", "message"),
    [
        (None, None, None),
        ("2026-08-20", None, None),
        ("2026-08-20", "2026-09-01", None),
        ("2026-09-02", None, "gitt fram i tid"),
        (None, "2026-08-20", "ikke er gitt"),
        ("2026-08-20", "2026-08-19", "før det ble gitt"),
        ("2026-08-20", "2026-09-02", "trekkes tilbake fram i tid"),
    ],
)
def test_consent_dates(given: str | None, withdrawn: str | None, message: str | None) -> None:
    args = (D(given) if given else None, D(withdrawn) if withdrawn else None, D("2026-09-01"))
    if message is None:
        check_consent(*args)
        return
    with pytest.raises(RuleError, match=message):
        check_consent(*args)


def test_the_note_is_short_general_words() -> None:
    assert check_note("  Trives i  gruppe.\nLiker praktisk arbeid. ") == (
        "Trives i gruppe. Liker praktisk arbeid."
    )
    assert check_note("   ") is None
    with pytest.raises(RuleError, match="høyst 500 tegn"):
        check_note("x" * 501)


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        ("2009-03-10", "2027-03-09", 17),
        ("2009-03-10", "2027-03-10", 18),
        ("2008-02-29", "2026-02-27", 17),
        ("2008-02-29", "2026-02-28", 18),  # a 29 February child turns 18 on 28 February
    ],
)
def test_age_at_a_date(birth: str, day: str, age: int) -> None:
    assert age_at(D(birth), D(day)) == age


@pytest.mark.parametrize(
    ("birth", "day", "within", "past"),
    [
        # 18 on 10 March 2027; the NAV mark is 10 September 2026.
        ("2009-03-10", "2026-09-09", False, False),
        ("2009-03-10", "2026-09-10", True, True),
        ("2009-03-10", "2027-01-15", True, True),
        ("2009-03-10", "2027-03-10", True, False),  # the birthday itself: 18 now
        ("2009-03-10", "2027-03-11", False, False),
        ("2010-01-31", "2027-07-31", True, True),  # 31 January 2028 − 6 months: 31 July
        ("2010-01-31", "2027-07-30", False, False),
        ("2009-08-31", "2027-02-28", True, True),  # 31 August − 6 months: 28 February
    ],
)
def test_turning_18_and_the_six_month_mark(birth: str, day: str, within: bool, past: bool) -> None:
    assert turns_18_within_six_months(D(birth), D(day)) is within
    assert past_nav_mark(D(birth), D(day)) is past


def test_the_nav_mark_is_half_a_year_before_18() -> None:
    assert nav_mark(D("2009-03-10")) == D("2026-09-10")
    assert nav_mark(D("2009-08-31")) == D("2027-02-28")


@pytest.mark.parametrize(
    ("given", "withdrawn", "share", "day", "allowed"),
    [
        ("2026-08-20", None, True, "2026-09-15", True),
        ("2026-08-20", None, False, "2026-09-15", False),  # consent, but not to the name
        (None, None, True, "2026-09-15", False),
        ("2026-09-16", None, True, "2026-09-15", False),  # given after the meeting
        ("2026-08-20", "2026-09-15", True, "2026-09-15", False),  # withdrawn that day
        ("2026-08-20", "2026-09-16", True, "2026-09-15", True),  # withdrawn after it
    ],
)
def test_names_only_with_consent(
    given: str | None, withdrawn: str | None, share: bool, day: str, allowed: bool
) -> None:
    found = names_allowed(
        D(given) if given else None, D(withdrawn) if withdrawn else None, share, D(day)
    )
    assert found is allowed


@pytest.mark.parametrize(
    ("today", "meeting"),
    [
        ("2026-09-03", "2026-09-03"),
        ("2026-01-20", "2026-01-20"),
        ("2026-04-07", "2026-09-15"),
        ("2026-11-30", "2027-01-15"),
    ],
)
def test_the_next_status_meeting_month(today: str, meeting: str) -> None:
    assert meeting_day(D(today)) == D(meeting)


def pupil(
    n: int,
    school: str,
    year: ClassYear,
    birth: str,
    *needs: Need,
    consent: str | None = None,
    share: bool = False,
    registered: str = "2026-08-20",
    ended: str | None = None,
    withdrawn: str | None = None,
) -> PupilFacts:
    return PupilFacts(
        id=n,
        name=f"Elev Nummer{n}",
        birth_date=D(birth),
        school=school,
        class_year=year,
        needs=frozenset(needs),
        registered_on=D(registered),
        ended_on=D(ended) if ended else None,
        consent_given_on=D(consent) if consent else None,
        consent_withdrawn_on=D(withdrawn) if withdrawn else None,
        share_name=share,
    )


THOR = "Thor Heyerdahl vgs"
ALLY = "Allskog vgs"
REGISTER = [
    pupil(1, THOR, VG1, "2010-05-02", Need.AOK),
    pupil(2, THOR, VG2, "2009-01-20", Need.AOK, Need.VTA, consent="2026-08-25", share=True),
    pupil(3, THOR, VG2, "2009-02-11", Need.VTA, consent="2026-08-25"),  # no name consent
    pupil(4, ALLY, VG3, "2008-06-01", Need.WORK_TRAINING),  # 18 already on 15 Sept 2026
    pupil(5, ALLY, VG2, "2009-03-15", consent="2026-08-25", share=True, withdrawn="2026-09-01"),
    pupil(6, THOR, VG3, "2008-10-10", ended="2026-06-20"),  # left before the meeting
    pupil(7, ALLY, VG1, "2010-03-01", registered="2026-10-01"),  # registered after it
    pupil(8, THOR, VG3, "2009-03-16", Need.AOK, consent="2026-08-25", share=True),
]


def test_the_status_meeting_overview() -> None:
    found = overview(REGISTER, D("2026-09-15"))
    assert found.total == 6
    assert found.by_school == [
        (ALLY, {VG1: 0, VG2: 1, VG3: 1}, 2),
        (THOR, {VG1: 1, VG2: 2, VG3: 1}, 4),
    ]
    assert found.by_year == {VG1: 1, VG2: 3, VG3: 2}
    assert found.needs == {Need.AOK: 3, Need.VTA: 2, Need.WORK_TRAINING: 1}
    assert found.no_needs == 1
    # Within six months of 15 September 2026: 18th birthdays to 15 March 2027. Named first
    # (by birthday), then the anonymous lines by class year and school.
    assert found.turning_18 == [
        Turning18(VG2, THOR, "Elev Nummer2", D("2027-01-20"), 2),
        Turning18(VG2, ALLY, pupil_id=5),  # consent withdrawn before the meeting
        Turning18(VG2, THOR, pupil_id=3),
    ]


def test_an_empty_register_has_an_overview_of_zeros() -> None:
    found = overview([], D("2027-01-15"))
    assert (found.total, found.by_school, found.turning_18, found.no_needs) == (0, [], [], 0)
    assert found.by_year == {VG1: 0, VG2: 0, VG3: 0}
    assert found.needs == {Need.AOK: 0, Need.VTA: 0, Need.WORK_TRAINING: 0}
