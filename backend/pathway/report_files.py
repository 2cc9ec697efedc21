"""The coordinators' report as files: a CSV (through the CSV-safe writer) and an A4 PDF with
its charts as PNG beside the tables (fpdf2, on the shared document base).

Both hold the same four parts as the page: candidates per stage on the range's last day
(pending in brackets), entries and exits per month, median days per stage, and how many
reached each stage. Drawing the PDF's charts takes a moment: call `render_pdf` in a
worker thread (`asyncio.to_thread`).
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from datetime import date, datetime, time

from babel.dates import format_date
from fpdf.enums import XPos, YPos

from backend.pathway.report_rules import (
    Report,
    days_text,
    entries_chart,
    exits_chart,
    funnel_chart,
    month_words,
    stage_chart,
)
from backend.pathway.rules import STAGE_NAMES
from backend.shared import charts
from backend.shared.csv_safe import CsvWriter, Figure
from backend.shared.i18n import Gettext, babel_locale, gettext_for
from backend.shared.pdf import PDF_MIME as PDF_MIME
from backend.shared.pdf import ROWS_FILL, DocumentPdf

CSV_MIME = "text/csv"


@dataclass(frozen=True)
class ReportFile:
    filename: str
    content: bytes
    mime: str


def filename(unit_code: str, found: Report, extension: str) -> str:
    """`kandidater-AOK-2025-12-01-2026-11-30.pdf`: ASCII, safe in a header."""
    code = "".join(c for c in unit_code if c.isascii() and (c.isalnum() or c in "-_")) or "alle"
    return f"kandidater-{code}-{found.first.isoformat()}-{found.last.isoformat()}.{extension}"


def _day(day: date, language: str) -> str:
    return format_date(day, "short", locale=babel_locale(language))


# -- CSV ---------------------------------------------------------------------------------


def render_csv(found: Report, unit_name: str, language: str = "nb") -> bytes:
    """Four tables one after the other, each under its own heading row, in `language`."""
    _ = gettext_for(language)
    out = CsvWriter()
    out.writerow([_("Kandidatrapport"), unit_name])
    out.writerow([_("Periode"), found.first.isoformat(), found.last.isoformat()])
    out.writerow([])
    out.writerow([_("Kandidater per trinn {day}").format(day=found.last.isoformat())])
    out.writerow([_("Trinn"), _("Antall"), _("Søkt, venter på NAV"), _("Med søkt")])
    for count in found.stages:
        name = _(STAGE_NAMES[count.stage])
        out.writerow([name, count.in_place, count.pending, count.in_place + count.pending])
    in_place = sum(c.in_place for c in found.stages)
    out.writerow([_("Totalt"), in_place, found.total - in_place, found.total])
    out.writerow([])
    out.writerow([_("Nye og avsluttede per måned")])
    out.writerow([_("Måned"), _("Nye"), _("Avsluttet")])
    for flow in found.months:
        out.writerow([flow.month.isoformat()[:7], flow.entries, flow.exits])
    out.writerow([])
    out.writerow([_("Tid på hvert trinn")])
    out.writerow([_("Trinn"), _("Median (dager)"), _("Opphold")])
    for spent in found.times:
        days = None if spent.median_days is None else Figure(days_text(spent.median_days, "nb"))
        out.writerow([_(STAGE_NAMES[spent.stage]), days, spent.stays])
    out.writerow([])
    out.writerow([_("Hvor langt kandidatene har kommet")])
    out.writerow([_("Trinn"), _("Har nådd"), _("Bare søkt")])
    for reached in found.funnel:
        out.writerow([_(STAGE_NAMES[reached.stage]), reached.reached, reached.applied_only])
    return out.encoded()


# -- PDF ---------------------------------------------------------------------------------


class _ReportPdf(DocumentPdf):
    def heading(self, text: str, room: float = 60) -> None:
        """A section heading; a new page first when less than `room` mm is left."""
        if self.get_y() > self.h - room:
            self.add_page()
        self.ln(3)
        self.set_font(self.family_name, "B", 13)
        self.cell(0, 8, self.text_of(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.family_name, "", 9)

    def rows(self, headings: list[str], body: list[list[object]], widths: tuple[int, ...]) -> None:
        with self.table(
            col_widths=widths,
            width=sum(widths),
            align="LEFT",
            line_height=5,
            first_row_as_headings=True,
            headings_style=self.headings_style(),
            cell_fill_color=ROWS_FILL,
            cell_fill_mode="ROWS",
            text_align=("LEFT", *("RIGHT",) * (len(widths) - 1)),
        ) as table:
            table.row([self.text_of(h) for h in headings])
            for row in body:
                table.row([self.text_of(cell) for cell in row])

    def chart(self, png: bytes) -> None:
        """The chart across the page, its height in proportion."""
        pixels_wide, pixels_high = struct.unpack(">II", png[16:24])  # the PNG's IHDR
        width = self.w - self.l_margin - self.r_margin
        height = width * pixels_high / pixels_wide
        if self.get_y() + height > self.h - 18:
            self.add_page()
        self.image(io.BytesIO(png), x=self.l_margin, w=width, h=height)
        self.ln(2)


def render_pdf(found: Report, unit_name: str, made_on: date, language: str = "nb") -> bytes:
    """The report on A4: each part as a table, the charts below their tables."""
    _ = gettext_for(language)
    made = _("Laget {day} av Frammøte").format(day=_day(made_on, language))
    period = f"{_day(found.first, language)} – {_day(found.last, language)}"
    pdf = _ReportPdf(f"{_('Kandidatrapport')}, {unit_name} · {made}", language)
    t = pdf.text_of
    pdf.set_title(t(f"{_('Kandidatrapport')}, {unit_name}"))
    pdf.set_author(t(unit_name))
    pdf.set_creation_date(datetime.combine(made_on, time(12)))
    pdf.add_page()
    pdf.set_font(pdf.family_name, "B", 18)
    pdf.cell(0, 9, t(_("Kandidatrapport")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.family_name, "", 11)
    pdf.cell(0, 6, t(unit_name), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(0, 6, t(_("Periode: {period}").format(period=period)),
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip

    _pdf_stages(pdf, found, _, language)
    _pdf_months(pdf, found, _, language)
    _pdf_times(pdf, found, _, language)
    _pdf_funnel(pdf, found, _)
    return bytes(pdf.output())


def _pdf_stages(pdf: _ReportPdf, found: Report, _: Gettext, language: str) -> None:
    pdf.heading(_("Kandidater per trinn {day}").format(day=_day(found.last, language)))
    body: list[list[object]] = [[_(STAGE_NAMES[c.stage]), c.text] for c in found.stages]
    body.append([_("Totalt"), found.total])
    pdf.rows([_("Trinn"), _("Antall")], body, (60, 30))
    pdf.set_font(pdf.family_name, "", 9)
    pdf.ln(1)
    pdf.multi_cell(0, 5, pdf.text_of(_(
        "Tallet i parentes tar med dem som har søkt og venter på svar fra NAV: "
        "«4 (5)» betyr fire på plass og fem med den som har søkt."
    )), new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    spec = stage_chart(found, _)
    pdf.chart(charts.png(spec))


def _pdf_months(pdf: _ReportPdf, found: Report, _: Gettext, language: str) -> None:
    pdf.heading(_("Nye og avsluttede per måned"))
    body: list[list[object]] = [
        [month_words(m.month, language), m.entries, m.exits] for m in found.months
    ]
    pdf.rows([_("Måned"), _("Nye"), _("Avsluttet")], body, (50, 25, 25))
    for spec in (entries_chart(found, _, language), exits_chart(found, _, language)):
        pdf.chart(charts.png(spec))


def _pdf_times(pdf: _ReportPdf, found: Report, _: Gettext, language: str) -> None:
    pdf.heading(_("Tid på hvert trinn"))
    body: list[list[object]] = [
        [_(STAGE_NAMES[s.stage]), days_text(s.median_days, language), s.stays] for s in found.times
    ]
    pdf.rows([_("Trinn"), _("Median (dager)"), _("Opphold")], body, (60, 30, 25))
    pdf.set_font(pdf.family_name, "", 9)
    pdf.ln(1)
    pdf.multi_cell(0, 5, pdf.text_of(_(
        "Medianen regnes over oppholdene som sluttet i perioden, og dem som fortsatt varer "
        "ved slutten av den (de regnes fram til den dagen)."
    )), new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip


def _pdf_funnel(pdf: _ReportPdf, found: Report, _: Gettext) -> None:
    pdf.heading(_("Hvor langt kandidatene har kommet"))
    body: list[list[object]] = [
        [_(STAGE_NAMES[r.stage]), r.reached, r.applied_only] for r in found.funnel
    ]
    pdf.rows([_("Trinn"), _("Har nådd"), _("Bare søkt")], body, (60, 25, 25))
    spec = funnel_chart(found, _)
    pdf.chart(charts.png(spec))
