"""Charts: the numbers are in the drawing as words, and both formats are what they say."""

from __future__ import annotations

import base64

from backend.shared import charts
from backend.shared.chart_specs import Bar, BarChart, PlanChart

STAGES = BarChart(
    "Kandidater per trinn",
    (Bar("VTA", 12), Bar("VTA-O", 4, extra=1), Bar("Omsorgsmedhjelper", 4, extra=2)),
    extra_label="søkt",
)
PLACES = PlanChart(
    "Nye VTA-plasser",
    ("2025 K1", "2025 K2", "2025 K3"),
    (3, 7, None),  # the third quarter has not begun: no bar, the plan goes on
    (4.0, 8.0, 12.0),
    "Opprettet",
    "Plan",
)


def test_a_bar_reads_its_number_and_what_is_applied_for_in_brackets() -> None:
    assert [bar.text for bar in STAGES.bars] == ["12", "4 (5)", "4 (6)"]


def test_the_svg_carries_the_labels_as_text() -> None:
    drawing = charts.svg(STAGES)
    assert drawing.lstrip().startswith("<?xml")
    for word in ("Kandidater per trinn", "VTA-O", "4 (5)", "4 (6)", "12", "søkt"):
        assert f">{word}<" in drawing, word
    assert charts.svg(STAGES) == drawing  # the same chart draws the same bytes


def test_the_plan_chart_labels_bars_and_names_both_series() -> None:
    drawing = charts.svg(PLACES)
    for word in ("Nye VTA-plasser", "2025 K3", ">3<", ">7<", "Opprettet", "Plan"):
        assert word in drawing, word


def test_png_for_the_pdfs_and_a_data_uri_for_the_pages() -> None:
    assert charts.png(STAGES)[:8] == b"\x89PNG\r\n\x1a\n"
    uri = charts.svg_data_uri(PLACES)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert b"Nye VTA-plasser" in base64.b64decode(uri.split(",", 1)[1])


def test_a_bar_chart_counts_in_whole_numbers() -> None:
    drawing = charts.svg(BarChart("Avsluttet per måned", (Bar("mars 2026", 1), Bar("april", 2))))
    assert ">0.5<" not in drawing and ">1.5<" not in drawing
    assert ">0<" in drawing and ">2<" in drawing


def test_arabic_labels_in_the_pictures_are_joined() -> None:
    """The PDFs' PNG charts: matplotlib lays Arabic out itself (libraqm, from 3.11), so
    lam and alef make one ligature and three seens join, narrower than the letters apart."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure()
    renderer = FigureCanvasAgg(figure).get_renderer()

    def width(text: str) -> float:
        return float(figure.text(0, 0, text, fontsize=20).get_window_extent(renderer).width)

    assert width("لا") < width("ل") + width("ا")
    assert width("سسس") < 3 * width("س")
    assert charts.png(BarChart("المرشحون حسب المرحلة", (Bar("المقابلة", 2),))).startswith(
        b"\x89PNG"
    )
