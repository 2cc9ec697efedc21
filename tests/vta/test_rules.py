"""The joint path's moves and the VTA places' plan, as tables."""

from __future__ import annotations

from datetime import date

import pytest

from backend.shared.errors import RuleError
from backend.vta.rules import (
    PlacesTarget,
    Quarter,
    Step,
    StepMove,
    check_places,
    check_step,
    count_by_step,
    next_step,
    parse_step,
    plan_chart,
    plan_status,
    planned_by,
    quarter_of,
    standing_words,
)

TODAY = date(2026, 4, 7)
SINCE = date(2026, 3, 1)
IN, Q, A, G, S, L = (Step(v) for v in ("interested", "qualification", "applied", "granted",
                                       "started", "left"))  # fmt: skip


@pytest.mark.parametrize(
    ("current", "to", "reason", "programme"),
    [
        (None, IN, None, "aok"),  # joining at the start
        (None, Q, None, "aok"),  # or at the step they are at already
        (IN, Q, None, "aok"),  # one step forward
        (IN, G, None, "aok"),  # several at once
        (A, G, None, "aok"),
        (G, S, None, "aok"),
        (Q, L, "Vil heller ha arbeidstrening", "aok"),  # leaving from any step before started
        (G, L, "Flyttet", "aok"),
        (L, IN, None, "aok"),  # back again at the start
        (L, Q, None, "aok"),
        (IN, Q, None, "vta"),  # a participant already on the path keeps moving
    ],
)
def test_allowed_moves(current: Step | None, to: Step, reason: str | None, programme: str) -> None:
    check_step(current, SINCE, StepMove(to, TODAY, reason), programme=programme, today=TODAY)


@pytest.mark.parametrize(
    ("current", "move", "programme", "message"),
    [
        (None, StepMove(IN, TODAY), "vta", "Bare deltakere i AoK kan være med i løpet mot VTA"),
        (None, StepMove(IN, TODAY), "kvp", "Bare deltakere i AoK kan være med i løpet mot VTA"),
        (L, StepMove(IN, TODAY), "work-training", "Bare deltakere i AoK"),  # coming back too
        (None, StepMove(L, TODAY, "Nei"), "aok", "Deltakeren er ikke med i løpet mot VTA"),
        (Q, StepMove(IN, TODAY), "aok",
         "Løpet går bare framover: fra I kvalifisering med iVekst kan ikke gå tilbake til Interessert"),
        (G, StepMove(A, TODAY), "aok", "Løpet går bare framover"),
        (Q, StepMove(Q, TODAY), "aok",
         "Deltakeren står allerede på trinnet I kvalifisering med iVekst"),
        (S, StepMove(L, TODAY, "Sluttet"), "aok",
         "Deltakeren har startet i VTA-plass: løpet er fullført"),
        (L, StepMove(A, TODAY), "aok",
         "Den som har gått ut av løpet, begynner igjen som interessert eller i kvalifisering"),
        (L, StepMove(L, TODAY, "Igjen"), "aok", "Deltakeren står allerede på trinnet Gått ut av løpet"),
        (Q, StepMove(L, TODAY), "aok", "Skriv kort hvorfor deltakeren går ut av løpet"),
        (Q, StepMove(L, TODAY, "   "), "aok", "Skriv kort hvorfor deltakeren går ut av løpet"),
        (Q, StepMove(L, TODAY, "x" * 201), "aok", "Grunnen kan ha høyst 200 tegn"),
        (IN, StepMove(Q, TODAY, "Fordi"), "aok", "Bare den som går ut av løpet, har en grunn"),
        (IN, StepMove(Q, date(2026, 4, 8)), "aok",
         "Datoen kan ikke være fram i tid: 2026-04-08"),
        (IN, StepMove(Q, date(2026, 2, 28)), "aok",
         "Datoen kan ikke være før forrige trinn begynte (2026-03-01)"),
    ],
)  # fmt: skip
def test_refused_moves(current: Step | None, move: StepMove, programme: str, message: str) -> None:
    since = None if current is None else SINCE
    with pytest.raises(RuleError) as refused:
        check_step(current, since, move, programme=programme, today=TODAY)
    assert message in str(refused.value)


def test_a_step_by_its_key_and_an_unknown_key() -> None:
    assert parse_step(" Qualification ") is Q
    with pytest.raises(RuleError) as refused:
        parse_step("vta")
    assert str(refused.value) == (
        "Ukjent trinn: vta. Bruk ett av: interested, qualification, applied, granted, started, left"
    )


def test_counts_name_every_step_in_path_order() -> None:
    assert list(count_by_step([Q, IN, Q, L]).items()) == [
        (IN, 1), (Q, 2), (A, 0), (G, 0), (S, 0), (L, 1)
    ]  # fmt: skip


PLAN = PlacesTarget(date(2025, 1, 1), date(2027, 12, 31), 48)


@pytest.mark.parametrize(
    ("day", "planned"),
    [
        (date(2024, 12, 31), 0),  # before the start
        (date(2025, 1, 1), 0),  # one day of 1095: 0.04
        (date(2025, 3, 31), 4),  # 90 days: 3.95
        (date(2025, 6, 30), 8),  # 181 days: 7.93
        (date(2025, 12, 31), 16),  # one year of three
        (date(2026, 4, 7), 20),  # 462 days: 20.25
        (date(2026, 12, 31), 32),
        (date(2027, 12, 31), 48),  # the target on the last day
        (date(2028, 6, 30), 48),  # and no more after it
    ],
)
def test_the_plan_is_a_straight_line_in_whole_places(day: date, planned: int) -> None:
    assert planned_by(PLAN, day) == planned


def test_half_a_place_rounds_up() -> None:
    assert planned_by(PlacesTarget(date(2026, 1, 1), date(2026, 1, 4), 2), date(2026, 1, 1)) == 1


@pytest.mark.parametrize(
    ("day", "quarter", "first", "last"),
    [
        (date(2025, 1, 1), Quarter(2025, 1), date(2025, 1, 1), date(2025, 3, 31)),
        (date(2025, 5, 20), Quarter(2025, 2), date(2025, 4, 1), date(2025, 6, 30)),
        (date(2026, 9, 30), Quarter(2026, 3), date(2026, 7, 1), date(2026, 9, 30)),
        (date(2027, 12, 31), Quarter(2027, 4), date(2027, 10, 1), date(2027, 12, 31)),
    ],
)
def test_quarters(day: date, quarter: Quarter, first: date, last: date) -> None:
    assert quarter_of(day) == quarter
    assert (quarter.first, quarter.last) == (first, last)


def test_places_per_quarter_cumulative_and_against_the_plan() -> None:
    created = [
        (date(2024, 11, 1), 1),  # before the plan: counts in its first quarter
        (date(2025, 2, 10), 2),
        (date(2025, 9, 1), 6),
        (date(2025, 9, 30), 2),
        (date(2026, 1, 15), 3),
        (date(2026, 4, 1), 4),
    ]
    status = plan_status(PLAN, created, TODAY)
    table = [
        (f"{r.quarter.year} K{r.quarter.number}", r.created, r.cumulative, r.plan, r.difference)
        for r in status.rows
    ]
    assert table == [
        ("2025 K1", 3, 3, 4, -1),
        ("2025 K2", 0, 3, 8, -5),
        ("2025 K3", 8, 11, 12, -1),
        ("2025 K4", 0, 11, 16, -5),
        ("2026 K1", 3, 14, 20, -6),
        ("2026 K2", 4, 18, 24, -6),  # begun: counted so far
        ("2026 K3", 0, None, 28, None),  # not begun: the plan only
        ("2026 K4", 0, None, 32, None),
        ("2027 K1", 0, None, 36, None),
        ("2027 K2", 0, None, 40, None),
        ("2027 K3", 0, None, 44, None),
        ("2027 K4", 0, None, 48, None),
    ]
    assert (status.created, status.planned, status.difference) == (18, 20, -2)
    assert len(status.begun) == 6


def test_a_place_after_the_plan_ends_adds_its_quarter() -> None:
    status = plan_status(PLAN, [(date(2028, 2, 1), 50)], date(2028, 3, 1))
    last = status.rows[-1]
    assert (last.quarter, last.created, last.cumulative, last.plan, last.difference) == (
        Quarter(2028, 1), 50, 50, 48, 2
    )  # fmt: skip
    assert status.difference == 2


@pytest.mark.parametrize(
    ("difference", "words"),
    [
        (2, "2 plasser foran planen"),
        (1, "1 plass foran planen"),
        (0, "i rute med planen"),
        (-1, "1 plass bak planen"),
        (-6, "6 plasser bak planen"),
    ],
)
def test_ahead_or_behind_in_words(difference: int, words: str) -> None:
    def ngettext(one: str, many: str, n: int) -> str:
        return one if n == 1 else many

    assert standing_words(difference, str, ngettext) == words


@pytest.mark.parametrize(
    ("on", "count", "where", "message"),
    [
        (date(2026, 4, 8), 1, None, "Datoen kan ikke være fram i tid: 2026-04-08"),
        (TODAY, 0, None, "Antall plasser må være fra 1 til 480"),
        (TODAY, 481, None, "Antall plasser må være fra 1 til 480"),
        (TODAY, 2, "x" * 201, "«Hvor» kan ha høyst 200 tegn"),
    ],
)
def test_refused_places(on: date, count: int, where: str | None, message: str) -> None:
    with pytest.raises(RuleError) as refused:
        check_places(on, count, where, None, TODAY)
    assert str(refused.value) == message


def test_a_plan_must_run_forwards_to_at_least_one_place() -> None:
    with pytest.raises(ValueError):
        PlacesTarget(date(2027, 1, 1), date(2027, 1, 1), 48)
    with pytest.raises(ValueError):
        PlacesTarget(date(2025, 1, 1), date(2027, 12, 31), 0)


def test_before_the_plan_starts_there_is_no_chart_only_the_table() -> None:
    status = plan_status(PLAN, [], date(2024, 6, 1))
    assert status.begun == () and (status.created, status.planned) == (0, 0)
    assert [r.plan for r in status.rows][:3] == [4, 8, 12]
    assert plan_chart(status, str, "31. desember 2027").periods == ()


def test_the_chart_holds_the_begun_quarters_cumulative_against_the_plan() -> None:
    status = plan_status(PLAN, [(date(2025, 2, 1), 3), (date(2025, 5, 1), 2)], date(2025, 8, 1))
    chart = plan_chart(status, str, "31. desember 2027")
    assert chart.title == "Nye VTA-plasser: 48 innen 31. desember 2027"
    # The plan's whole line to 2027 K4; bars for the quarters begun so far.
    assert chart.periods[:4] == ("2025 K1", "2025 K2", "2025 K3", "2025 K4")
    assert chart.periods[-1] == "2027 K4" and len(chart.periods) == 12
    assert chart.actual == (3, 5, 5, *([None] * 9))
    assert chart.plan == tuple(float(4 * n) for n in range(1, 13))
    assert (chart.actual_label, chart.plan_label) == ("Opprettet til sammen", "Planen")


@pytest.mark.parametrize(
    ("current", "offered"),
    [(None, IN), (IN, Q), (Q, A), (A, G), (G, S), (S, S), (L, IN)],
)
def test_the_form_offers_the_next_step_first(current: Step | None, offered: Step) -> None:
    assert next_step(current) == offered
