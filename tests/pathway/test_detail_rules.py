"""The target group, consent and what a business may be told, and where a start leads."""

from __future__ import annotations

from datetime import date

import pytest

from backend.pathway.businesses import told_words
from backend.pathway.rules import (
    BusinessView,
    Consent,
    Position,
    Programme,
    Stage,
    business_view,
    check_consent,
    in_target_age,
    names_allowed,
    start_position,
    suggested_programme,
    waits_for_benefit,
)
from backend.shared.errors import RuleError
from backend.shared.i18n import gettext_for

D = date.fromisoformat
DAY = D("2026-11-30")


@pytest.mark.parametrize(
    ("birth_date", "expected"),
    [
        (None, None),  # not known
        (D("2008-12-01"), False),  # 18 tomorrow
        (D("2008-11-30"), True),  # 18 today
        (D("1990-05-05"), True),
        (D("1959-12-01"), True),  # 67 tomorrow: still in
        (D("1959-11-30"), False),  # 67 today: the service ends on the birthday
        (D("1950-01-01"), False),
    ],
)
def test_the_target_ages_are_18_to_the_day_before_67(
    birth_date: date | None, expected: bool | None
) -> None:
    assert in_target_age(birth_date, DAY) is expected


@pytest.mark.parametrize(
    ("benefit", "on_aap", "waiting"),
    [
        (None, True, True),  # on AAP, uføretrygd not known: waiting
        (False, True, True),
        (True, True, False),  # uføretrygd granted: the wait is over
        (None, False, False),
        (True, False, False),
    ],
)
def test_on_aap_without_uforetrygd_is_waiting(
    benefit: bool | None, on_aap: bool, waiting: bool
) -> None:
    assert waits_for_benefit(benefit, on_aap) is waiting


@pytest.mark.parametrize(
    ("consent", "day", "allowed"),
    [
        (Consent(), DAY, False),  # no consent form
        (Consent(D("2026-10-01"), False), DAY, False),  # consent, but not to name them
        (Consent(D("2026-10-01"), True), DAY, True),
        (Consent(D("2026-10-01"), True), D("2026-10-01"), True),  # the day it was given
        (Consent(D("2026-10-01"), True), D("2026-09-30"), False),  # before it was given
        (Consent(D("2026-10-01"), True, D("2026-11-30")), DAY, False),  # withdrawn today
        (Consent(D("2026-10-01"), True, D("2026-11-01")), DAY, False),
    ],
)
def test_names_go_to_businesses_only_under_a_consent_in_force(
    consent: Consent, day: date, allowed: bool
) -> None:
    assert names_allowed(consent, day) is allowed


@pytest.mark.parametrize(
    ("consent", "message"),
    [
        (Consent(D("2026-10-01"), True), None),
        (Consent(D("2026-10-01"), True, D("2026-11-02")), None),
        (Consent(None, True), "Skriv datoen samtykket ble gitt"),
        (Consent(D("2026-12-01"), True), "Datoen kan ikke være fram i tid: 2026-12-01"),
        (
            Consent(D("2026-10-01"), True, D("2026-12-01")),
            "Datoen kan ikke være fram i tid: 2026-12-01",
        ),
        (
            Consent(D("2026-10-01"), True, D("2026-09-01")),
            "Samtykket kan ikke trekkes før det ble gitt (2026-10-01)",
        ),
    ],
)
def test_a_consent_is_dated_and_withdrawn_after_it(consent: Consent, message: str | None) -> None:
    if message is None:
        check_consent(consent, DAY)
        return
    with pytest.raises(RuleError) as error:
        check_consent(consent, DAY)
    assert str(error.value) == message


NAMES_ALLOWED = Consent(D("2026-10-01"), True)


@pytest.mark.parametrize(
    ("birth_date", "wishes", "consent", "view", "words"),
    [
        (
            D("1992-06-01"),
            "lager/butikk",
            Consent(),
            BusinessView(None, 34, "lager/butikk"),
            "Kandidat, 34 år, ønsker lager/butikk",
        ),
        (
            D("1992-06-01"),
            "lager/butikk",
            NAMES_ALLOWED,
            BusinessView("Jonas Lie", 34, "lager/butikk"),
            "Jonas Lie, 34 år, ønsker lager/butikk",
        ),
        (
            D("1992-06-01"),
            " lager  og\nbutikk ",
            Consent(D("2026-10-01"), True, D("2026-11-15")),  # withdrawn: anonymous again
            BusinessView(None, 34, "lager og butikk"),
            "Kandidat, 34 år, ønsker lager og butikk",
        ),
        (None, None, Consent(), BusinessView(None, None, None), "Kandidat"),
        (
            None,
            "kafé",
            Consent(D("2026-10-01"), False),
            BusinessView(None, None, "kafé"),
            "Kandidat, ønsker kafé",
        ),
    ],
)
def test_a_business_is_told_no_name_nor_birth_date_until_consent_allows_the_name(
    birth_date: date | None, wishes: str | None, consent: Consent, view: BusinessView, words: str
) -> None:
    found = business_view("Jonas Lie", birth_date, wishes, consent, DAY)
    assert found == view
    told = told_words(found, gettext_for("nb"))
    assert told == words
    assert "1992" not in told


def test_the_told_words_are_in_the_readers_language() -> None:
    view = BusinessView(None, 34, "lager")
    assert told_words(view, gettext_for("en")) == "Candidate, 34 years old, wishes lager"


@pytest.mark.parametrize(
    ("programme", "current", "target"),
    [
        (Programme.AOK, Position(Stage.MAPPING), Position(Stage.WORK_TRAINING)),
        (Programme.WORK_TRAINING, Position(Stage.WORK_TRIAL), Position(Stage.WORK_TRAINING)),
        (Programme.ACTIVITY_PLACE, Position(Stage.APPROACH), Position(Stage.WORK_TRAINING)),
        (Programme.VTA, Position(Stage.VTA, pending=True), Position(Stage.VTA)),  # granted
        (Programme.VTA_O, Position(Stage.FOLLOW_UP), Position(Stage.VTA_O)),
        (Programme.VTA, Position(Stage.VTA), None),  # granted already: stays
        (Programme.AOK, Position(Stage.WORK_TRAINING), None),
    ],
)
def test_starting_in_a_programme_moves_to_its_stage(
    programme: Programme, current: Position, target: Position | None
) -> None:
    assert start_position(programme, current) == target


@pytest.mark.parametrize(
    ("programme", "current", "message"),
    [
        (
            Programme.KVP,
            Position(Stage.MAPPING),
            "En kandidat kan begynne i AoK, VTA, VTA-O, arbeidstrening eller aktivitetsplass",
        ),
        (
            Programme.AOK,
            Position(Stage.ENDED),
            "Et avsluttet løp tas opp igjen med tilnærming eller kartlegging",
        ),
    ],
)
def test_a_start_is_refused_for_kvp_and_an_ended_pathway(
    programme: Programme, current: Position, message: str
) -> None:
    with pytest.raises(RuleError) as error:
        start_position(programme, current)
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("stage", "programme"),
    [
        (Stage.VTA, Programme.VTA),
        (Stage.VTA_O, Programme.VTA_O),
        (Stage.WORK_TRAINING, None),
        (Stage.MAPPING, None),
        (Stage.CARE_ASSISTANT, None),
    ],
)
def test_the_start_form_offers_the_place_nav_granted_first(
    stage: Stage, programme: Programme | None
) -> None:
    assert suggested_programme(stage) == programme
