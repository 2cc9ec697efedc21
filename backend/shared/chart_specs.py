"""What a chart shows, as plain data (pure): built by the areas' rules, drawn by `charts`.

Every chart is readable without colour: each bar carries its number as a label, a
second series differs by pattern and line style as well as shade, and the pages and
PDFs print a table of the same numbers beside it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    # A second amount drawn after the bar, hatched (say, places applied for): "4 (5)".
    extra: int = 0

    @property
    def text(self) -> str:
        return f"{self.value} ({self.value + self.extra})" if self.extra else str(self.value)


@dataclass(frozen=True, slots=True)
class BarChart:
    """Horizontal bars, top to bottom in the given order (a funnel, when that is the order)."""

    title: str
    bars: tuple[Bar, ...]
    extra_label: str = ""  # the legend's words for `extra`, when any bar has one


@dataclass(frozen=True, slots=True)
class PlanChart:
    """Actual amounts per period as labelled bars against a plan drawn as a dashed line;
    a period not yet begun has no bar (None)."""

    title: str
    periods: tuple[str, ...]
    actual: tuple[int | None, ...]
    plan: tuple[float, ...]
    actual_label: str
    plan_label: str
