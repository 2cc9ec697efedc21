"""The keeping times: periods, their settings, and the dates a pass deletes before."""

from __future__ import annotations

from datetime import date

import pytest

from backend.shared.config import ConfigError, load_settings
from backend.shared.retention import (
    Cutoffs,
    Period,
    Periods,
    Span,
    attendance_cutoff,
    cutoffs,
    link_ends,
    parse_period,
)

D = date.fromisoformat


@pytest.mark.parametrize(
    ("period", "day", "before"),
    [
        (Period(3, Span.MONTHS), "2026-04-07", "2026-01-07"),
        (Period(3, Span.MONTHS), "2026-05-31", "2026-02-28"),  # clamped to the month's end
        (Period(3, Span.MONTHS), "2028-05-31", "2028-02-29"),  # a leap year
        (Period(12, Span.MONTHS), "2026-01-15", "2025-01-15"),
        (Period(2, Span.YEARS), "2028-02-29", "2026-02-28"),
        (Period(5, Span.YEARS), "2026-04-07", "2021-04-07"),
        (Period(30, Span.DAYS), "2026-03-01", "2026-01-30"),
        (Period(1, Span.DAYS), "2026-01-01", "2025-12-31"),
    ],
)
def test_a_period_before_a_day(period: Period, day: str, before: str) -> None:
    assert period.before(D(day)) == D(before)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("3m", Period(3, Span.MONTHS)),
        ("90d", Period(90, Span.DAYS)),
        ("5y", Period(5, Span.YEARS)),
        (" 12 M ", Period(12, Span.MONTHS)),
    ],
)
def test_a_period_is_read_from_its_setting(text: str, period: Period) -> None:
    assert parse_period(text) == period


@pytest.mark.parametrize("text", ["", "3", "m", "0m", "3 months", "-3m", "3w", "1.5y", "99999d"])
def test_a_malformed_period_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period(text)


@pytest.mark.parametrize(
    ("today", "kept_from"),
    [
        # Kept five years after the end of their year: 2026's days go on 1 January 2032.
        ("2031-12-31", "2026-01-01"),
        ("2032-01-01", "2027-01-01"),
        ("2026-04-07", "2021-01-01"),
    ],
)
def test_attendance_is_kept_five_years_after_the_end_of_its_year(
    today: str, kept_from: str
) -> None:
    assert attendance_cutoff(D(today), Period(5, Span.YEARS)) == D(kept_from)


def test_the_default_cutoffs_of_a_day() -> None:
    assert cutoffs(D("2026-04-07"), Periods()) == Cutoffs(
        notes=D("2026-01-07"),
        categories=D("2025-04-07"),
        attendance=D("2021-01-01"),
        ended=D("2021-01-01"),
        audit_log=D("2024-04-07"),
        chat_state=D("2026-03-08"),
        pupils=D("2025-04-07"),
        candidates=D("2025-04-07"),
    )


@pytest.mark.parametrize(
    ("active", "ended_on", "today", "ends"),
    [
        (False, "2026-04-07", "2026-04-07", True),  # the day the service ends
        (False, "2026-03-01", "2026-04-07", True),
        (False, "2026-04-08", "2026-04-07", False),
        (True, None, "2026-04-07", False),
        (False, None, "2026-04-07", False),
    ],
)
def test_links_end_with_the_service(
    active: bool, ended_on: str | None, today: str, ends: bool
) -> None:
    assert link_ends(active, D(ended_on) if ended_on else None, D(today)) is ends


def test_the_settings_default_to_the_documented_periods() -> None:
    settings = load_settings(env={}, env_file=None)
    assert settings.retention == Periods(
        absence_notes=Period(3, Span.MONTHS),
        absence_categories=Period(12, Span.MONTHS),
        attendance=Period(5, Span.YEARS),
        audit_log=Period(2, Span.YEARS),
        chat_state=Period(30, Span.DAYS),
        pupils=Period(12, Span.MONTHS),
        candidates=Period(12, Span.MONTHS),
    )


def test_each_period_is_a_setting() -> None:
    env = {
        "RETENTION_ABSENCE_NOTES": "60d",
        "RETENTION_ABSENCE_CATEGORIES": "6m",
        "RETENTION_ATTENDANCE": "10y",
        "RETENTION_AUDIT_LOG": "3y",
        "RETENTION_CHAT_STATE": "7d",
        "RETENTION_PUPILS": "6m",
        "RETENTION_CANDIDATES": "2y",
    }
    assert load_settings(env=env, env_file=None).retention == Periods(
        absence_notes=Period(60, Span.DAYS),
        absence_categories=Period(6, Span.MONTHS),
        attendance=Period(10, Span.YEARS),
        audit_log=Period(3, Span.YEARS),
        chat_state=Period(7, Span.DAYS),
        pupils=Period(6, Span.MONTHS),
        candidates=Period(2, Span.YEARS),
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"RETENTION_ABSENCE_NOTES": "3 months"},
            "RETENTION_ABSENCE_NOTES must be a number and d, m or y (90d, 3m, 5y), got '3 months'",
        ),
        (
            {"RETENTION_ATTENDANCE": "4y"},
            "RETENTION_ATTENDANCE must be whole years, at least 5y (bokføringsloven § 13), got 4y",
        ),
        (
            {"RETENTION_ATTENDANCE": "72m"},
            "RETENTION_ATTENDANCE must be whole years, at least 5y (bokføringsloven § 13), got 72m",
        ),
    ],
)
def test_a_bad_period_stops_start_up_with_one_line(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(env=env, env_file=None)
    assert str(error.value) == message
