"""Charts drawn on the server with matplotlib: SVG for the web pages, PNG for the PDFs.

Only matplotlib's object API is used (`Figure`, never `pyplot`), so drawing keeps no
global state and may run in a worker thread (`asyncio.to_thread`) beside the event loop.
The SVG keeps its words as text and is served as an `<img>` from a data URI, which the
pages' Content-Security-Policy allows (`img-src 'self' data:`) without inline styles.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from typing import TYPE_CHECKING

from backend.shared.chart_specs import BarChart, PlanChart

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Spec = BarChart | PlanChart
WIDTH_INCHES = 7.0
INK = "#1b1b1b"
SHADE = "#5a5a5a"
LIGHT = "#d9d9d9"


def svg(spec: Spec) -> str:
    """The chart as an SVG document (deterministic: no date, fixed ids)."""
    from matplotlib import rc_context

    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "frammote"}):
        buffer = io.StringIO()
        _figure(spec).savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


# A chart is a pure function of its spec (a frozen value): the pages and PDFs asked for
# the same report again get the drawing already made.
@lru_cache(maxsize=64)
def svg_data_uri(spec: Spec) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg(spec).encode()).decode()


@lru_cache(maxsize=64)
def png(spec: Spec, *, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    _figure(spec).savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def _figure(spec: Spec) -> Figure:
    from matplotlib.figure import Figure

    if isinstance(spec, BarChart):
        figure = Figure(figsize=(WIDTH_INCHES, 1.2 + 0.42 * max(len(spec.bars), 1)))
        _bars(figure, spec)
    else:
        figure = Figure(figsize=(WIDTH_INCHES, 4.2))
        _plan(figure, spec)
    figure.set_layout_engine("constrained")
    return figure


def _bars(figure: Figure, spec: BarChart) -> None:
    from matplotlib.ticker import MaxNLocator

    ax = figure.subplots()
    labels = [bar.label for bar in spec.bars]
    rows = list(range(len(spec.bars)))
    values = [bar.value for bar in spec.bars]
    extras = [bar.extra for bar in spec.bars]
    ax.barh(rows, values, color=SHADE, edgecolor=INK)
    if any(extras):
        ax.barh(
            rows, extras, left=values, color=LIGHT, edgecolor=INK, hatch="//",
            label=spec.extra_label,
        )  # fmt: skip
        ax.legend(loc="lower right", frameon=False)
    top = max([v + e for v, e in zip(values, extras, strict=True)] or [0])
    for row, bar in zip(rows, spec.bars, strict=True):
        ax.text(bar.value + bar.extra + top * 0.01 + 0.1, row, bar.text, va="center", color=INK)
    ax.set_yticks(rows, labels)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no "0.5 candidates"
    ax.invert_yaxis()  # the first bar on top, as a funnel reads
    ax.set_xlim(0, top * 1.15 + 1)
    ax.set_title(spec.title, loc="left", color=INK)
    _plain(ax)


def _plan(figure: Figure, spec: PlanChart) -> None:
    ax = figure.subplots()
    columns = list(range(len(spec.periods)))
    heights = [value or 0 for value in spec.actual]
    bars = ax.bar(columns, heights, color=SHADE, edgecolor=INK, label=spec.actual_label)
    # A bar's number inside it when it is tall enough (clear of the plan's markers),
    # else on top of it.
    tall = max([*heights, *spec.plan, 1]) * 0.05
    inside = [str(v) if v is not None and v >= tall else "" for v in spec.actual]
    above = [str(v) if v is not None and v < tall else "" for v in spec.actual]
    ax.bar_label(bars, labels=inside, label_type="center", color="white")
    ax.bar_label(bars, labels=above, padding=2, color=INK)
    ax.plot(
        columns, spec.plan, color=INK, linestyle="--", marker="o", markerfacecolor="white",
        label=spec.plan_label,
    )  # fmt: skip
    ax.set_xticks(columns, spec.periods, rotation=45, ha="right")
    top = max([*heights, *spec.plan, 0])
    ax.set_ylim(0, top * 1.15 + 1)
    ax.legend(loc="upper left", frameon=False)
    ax.set_title(spec.title, loc="left", color=INK)
    _plain(ax)


def _plain(ax: object) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)  # type: ignore[attr-defined]
