"""The coordinators' report from stage histories, table-first: counts with pending in
brackets, entries and exits per month, median days per stage, the funnel."""

from __future__ import annotations

from datetime import date

import pytest

from backend.pathway.report_rules import (
    History,
    MonthFlow,
    Reached,
    StageCount,
    build_report,
    check_range,
    days_text,
    default_range,
    funnel,
    funnel_chart,
    month_flows,
    month_words,
    stage_chart,
    stage_counts,
    stage_times,
    stays,
)
from backend.pathway.rules import Position, Stage
from backend.shared.errors import RuleError
from backend.shared.i18n import gettext_for

TODAY = date(2026, 11, 30)


def h(*changes: str) -> History:
    """`"2026-01-05 vta-o?"`: from that day at that stage, `?` for applied (pending)."""
    found = []
    for change in changes:
        day, key = change.split()
        pending = key.endswith("?")
        found.append((date.fromisoformat(day), Position(Stage(key.rstrip("?")), pending)))
    return found


def shown(counts: tuple[StageCount, ...]) -> dict[str, str]:
    return {c.stage.value: c.text for c in counts if c.in_place or c.pending}


@pytest.mark.parametrize(
    ("histories", "day", "expected"),
    [
        ([], TODAY, {}),
        ([h("2026-03-01 approach")], TODAY, {"approach": "1"}),
        ([h("2026-03-01 approach")], date(2026, 2, 28), {}),  # registered after the day
        ([h("2026-03-01 approach")], date(2026, 3, 1), {"approach": "1"}),  # on the day
        ([h("2026-03-01 approach", "2026-04-01 vta-o?")], TODAY, {"vta-o": "0 (1)"}),
        (
            [h("2026-03-01 approach", "2026-04-01 vta-o?")],
            date(2026, 3, 31),
            {"approach": "1"},  # the day before the application
        ),
        # Applied and granted on one day: the later change stands.
        ([h("2026-03-01 approach", "2026-04-01 vta?", "2026-04-01 vta")], TODAY, {"vta": "1"}),
        (
            [
                h("2026-01-01 approach", "2026-02-01 vta-o"),
                h("2026-01-01 approach", "2026-02-01 vta-o"),
                h("2026-01-01 approach", "2026-03-01 vta-o?"),
                h("2026-01-01 approach", "2026-03-01 care-assistant?"),
                h("2026-01-01 mapping", "2026-05-01 ended"),
            ],
            TODAY,
            {"vta-o": "2 (3)", "care-assistant": "0 (1)", "ended": "1"},
        ),
        # Ended, then reopened at mapping: counted where they stand now.
        (
            [h("2026-01-01 approach", "2026-02-01 ended", "2026-06-01 mapping")],
            TODAY,
            {"mapping": "1"},
        ),
    ],
)
def test_candidates_per_stage_on_a_day(
    histories: list[History], day: date, expected: dict[str, str]
) -> None:
    assert shown(stage_counts(histories, day)) == expected


def test_every_stage_has_a_count_in_pathway_order() -> None:
    counts = stage_counts([h("2026-01-01 approach")], TODAY)
    assert [c.stage.value for c in counts] == [
        "approach", "mapping", "work-trial", "work-training", "vta", "vta-o",
        "care-assistant", "follow-up", "ended",
    ]  # fmt: skip


def test_the_seed_slide_adds_up_to_65() -> None:
    """Seed 002: 65 · VTA 12 · VTA-O 4 (5) · omsorgsmedhjelper 4 (6) ·
    arbeidstrening/aktivitet 7 · tilnærming 31 · avsluttet 4."""
    start = "2025-06-02 approach"
    histories = (
        [h(start, "2025-09-01 vta")] * 12
        + [h(start, "2025-10-01 vta-o")] * 4
        + [h(start, "2026-10-01 vta-o?")]
        + [h(start, "2025-10-01 care-assistant?", "2026-01-05 care-assistant")] * 4
        + [h(start, "2026-09-01 care-assistant?")] * 2
        + [h(start, "2025-08-01 work-training")] * 7
        + [h(start)] * 31
        + [h(start, "2026-03-01 ended")] * 4
    )
    report = build_report(histories, date(2025, 6, 1), TODAY, TODAY)
    assert report.total == 65
    assert shown(report.stages) == {
        "approach": "31", "work-training": "7", "vta": "12", "vta-o": "4 (5)",
        "care-assistant": "4 (6)", "ended": "4",
    }  # fmt: skip
    # In place and pending add up to the total.
    assert sum(c.in_place for c in report.stages) == 62
    assert sum(c.pending for c in report.stages) == 3


@pytest.mark.parametrize(
    ("histories", "first", "last", "expected"),
    [
        (
            [
                h("2026-01-15 approach"),
                h("2026-01-31 approach", "2026-03-02 ended"),
                h("2026-03-01 mapping", "2026-03-10 ended", "2026-03-20 approach"),
                h("2025-12-31 approach", "2026-02-01 ended"),  # entered before the range
                h("2026-04-01 approach"),  # entered after it
            ],
            date(2026, 1, 1),
            date(2026, 3, 31),
            [("2026-01", 2, 0), ("2026-02", 0, 1), ("2026-03", 1, 2)],
        ),
        # A range within one month; an exit before the range's first day is not counted.
        (
            [h("2026-01-02 approach", "2026-01-05 ended"), h("2026-01-20 approach")],
            date(2026, 1, 10),
            date(2026, 1, 25),
            [("2026-01", 1, 0)],
        ),
        # Across a new year, empty months shown.
        (
            [],
            date(2025, 11, 15),
            date(2026, 1, 5),
            [("2025-11", 0, 0), ("2025-12", 0, 0), ("2026-01", 0, 0)],
        ),
    ],
)
def test_entries_and_exits_per_month(
    histories: list[History], first: date, last: date, expected: list[tuple[str, int, int]]
) -> None:
    flows = month_flows(histories, first, last)
    assert [(f.month.isoformat()[:7], f.entries, f.exits) for f in flows] == expected
    assert all(f.month.day == 1 for f in flows)


def test_a_stay_runs_until_the_stage_changes_and_applying_then_granted_is_one_stay() -> None:
    history = h(
        "2026-01-01 approach", "2026-01-11 mapping", "2026-02-01 vta?", "2026-03-01 vta",
        "2026-05-01 ended",
    )  # fmt: skip
    assert stays(history, TODAY) == [
        (Stage.APPROACH, date(2026, 1, 1), date(2026, 1, 11)),
        (Stage.MAPPING, date(2026, 1, 11), date(2026, 2, 1)),
        (Stage.VTA, date(2026, 2, 1), date(2026, 5, 1)),
        (Stage.ENDED, date(2026, 5, 1), None),
    ]
    # Cut at a day: what came after is not known yet, the stay then runs.
    assert stays(history, date(2026, 1, 20)) == [
        (Stage.APPROACH, date(2026, 1, 1), date(2026, 1, 11)),
        (Stage.MAPPING, date(2026, 1, 11), None),
    ]


@pytest.mark.parametrize(
    ("histories", "first", "last", "expected"),
    [
        # Ended in the range: 10 and 20 days; still running on the last day: 30 days.
        (
            [
                h("2026-03-01 approach", "2026-03-11 mapping"),
                h("2026-03-01 approach", "2026-03-21 mapping"),
                h("2026-03-02 approach"),
            ],
            date(2026, 3, 1),
            date(2026, 3, 31),
            {"approach": (3, "20"), "mapping": (2, "15")},
        ),
        # A stay that ended before the range is left out; one that ended after the last
        # day still runs then (measured to the last day).
        (
            [
                h("2026-01-01 approach", "2026-01-31 mapping", "2026-06-01 vta-o?"),
                h("2026-03-01 approach", "2026-05-01 mapping"),
            ],
            date(2026, 3, 1),
            date(2026, 3, 31),
            {"mapping": (1, "59"), "approach": (1, "30")},
        ),
        # A median over an even number of stays, and ended has no time.
        (
            [
                h("2026-01-01 approach", "2026-01-02 ended"),
                h("2026-01-01 approach", "2026-01-05 ended"),
            ],
            date(2026, 1, 1),
            date(2026, 1, 31),
            {"approach": (2, "2,5")},
        ),
        ([], date(2026, 1, 1), date(2026, 1, 31), {}),
    ],
)
def test_median_days_per_stage(
    histories: list[History], first: date, last: date, expected: dict[str, tuple[int, str]]
) -> None:
    times = stage_times(histories, first, last)
    assert "ended" not in [t.stage.value for t in times]
    found = {t.stage.value: (t.stays, days_text(t.median_days, "nb")) for t in times if t.stays}
    assert found == expected
    assert all(days_text(t.median_days, "nb") == "–" for t in times if not t.stays)


def test_the_funnel_counts_who_ever_reached_each_stage() -> None:
    histories = [
        h("2026-01-01 approach", "2026-02-01 mapping", "2026-03-01 vta-o?", "2026-04-01 vta-o"),
        h("2026-01-01 approach", "2026-02-01 mapping", "2026-03-01 care-assistant?"),
        h("2026-01-01 mapping", "2026-02-01 ended", "2026-03-01 approach"),
        h("2026-12-01 approach"),  # after the range's end
    ]
    found = funnel(histories, date(2026, 6, 30))
    assert [r.stage for r in found] == list(Stage)
    assert [r for r in found if r.reached or r.applied_only] == [
        Reached(Stage.APPROACH, 3),
        Reached(Stage.MAPPING, 3),
        Reached(Stage.VTA_O, 1),
        Reached(Stage.CARE_ASSISTANT, 0, applied_only=1),
        Reached(Stage.ENDED, 1),
    ]
    # Cut before the grant: applied only, then.
    early = {r.stage: r for r in funnel(histories, date(2026, 3, 15))}
    assert early[Stage.VTA_O] == Reached(Stage.VTA_O, 0, applied_only=1)


@pytest.mark.parametrize(
    ("first", "last", "refusal"),
    [
        (date(2026, 1, 1), date(2026, 11, 30), None),
        (date(2026, 11, 30), date(2026, 11, 30), None),
        (date(2016, 12, 1), date(2026, 11, 30), None),  # 120 months
        (date(2026, 5, 2), date(2026, 5, 1), "Fra-datoen kan ikke være etter til-datoen"),
        (date(2026, 1, 1), date(2026, 12, 1), "Til-datoen kan ikke være fram i tid: 2026-12-01"),
        (date(2016, 11, 30), date(2026, 11, 30), "Velg en periode på høyst 120 måneder"),
    ],
)
def test_the_range(first: date, last: date, refusal: str | None) -> None:
    if refusal is None:
        check_range(first, last, TODAY)
        return
    with pytest.raises(RuleError) as error:
        check_range(first, last, TODAY)
    assert str(error.value) == refusal


def test_the_default_range_is_the_last_twelve_months() -> None:
    assert default_range(TODAY) == (date(2025, 12, 1), TODAY)
    assert default_range(date(2026, 1, 31)) == (date(2025, 2, 1), date(2026, 1, 31))


def test_a_refused_range_builds_nothing() -> None:
    with pytest.raises(RuleError):
        build_report([h("2026-01-01 approach")], date(2026, 2, 1), date(2026, 1, 1), TODAY)


@pytest.mark.parametrize(
    ("language", "month", "days"),
    [("nb", "april 2026", "12,5"), ("nn", "april 2026", "12,5"), ("en", "April 2026", "12.5")],
)
def test_words_in_each_language(language: str, month: str, days: str) -> None:
    assert month_words(date(2026, 4, 1), language) == month
    assert days_text(12.5, language) == days
    assert days_text(12.0, language) == "12"


def test_the_charts_carry_the_stage_names_and_the_brackets() -> None:
    histories = [h("2026-01-01 approach", "2026-03-01 vta-o")] * 4 + [
        h("2026-01-01 approach", "2026-03-01 vta-o?")
    ]
    report = build_report(histories, date(2026, 1, 1), TODAY, TODAY)
    chart = stage_chart(report, gettext_for("nb"))
    assert chart.title == "Kandidater per trinn"
    assert [(b.label, b.text) for b in chart.bars][4:6] == [("VTA", "0"), ("VTA-O", "4 (5)")]
    english = funnel_chart(report, gettext_for("en"))
    assert [(b.label, b.text) for b in english.bars][:1] == [("Approach", "5")]
    assert english.bars[5].text == "4 (5)"  # four granted VTA-O, one only applied
    assert report.months[0] == MonthFlow(date(2026, 1, 1), 5, 0)
