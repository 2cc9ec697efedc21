"""The status meeting's overview as a PDF for the call (fpdf2, the attendance lists' fonts).

Counts per school and class year, counts of general needs, and the pupils who turn 18
within six months of the meeting: by name only where the guardian's consent allows it,
else as "Elev, Vg2, <school>".
"""

from __future__ import annotations

from datetime import date, datetime, time

from babel.dates import format_date
from fpdf.enums import XPos, YPos

from backend.pupils.rules import CLASS_YEAR_NAMES, NEED_NAMES, ClassYear, Overview, Turning18
from backend.shared.i18n import Gettext, babel_locale, gettext_for
from backend.shared.pdf import ROWS_FILL, DocumentPdf
from backend.shared.wording import long_date


def turning_words(line: Turning18, _: Gettext, language: str) -> str:
    """One line of the list: "Kari Nordmann, Vg2, Skolen – fyller 18 år 10. mars 2027",
    or without consent "Elev, Vg2, Skolen"."""
    year = _(CLASS_YEAR_NAMES[line.class_year])
    if line.name is None or line.birthday is None:
        return _("Elev, {year}, {school}").format(year=year, school=line.school)
    return _("{name}, {year}, {school} – fyller 18 år {day}").format(
        name=line.name,
        year=year,
        school=line.school,
        day=long_date(line.birthday.isoformat(), language),
    )


def render_pdf(found: Overview, unit_name: str, made_on: date, language: str = "nb") -> bytes:
    _ = gettext_for(language)
    locale = babel_locale(language)
    meeting = long_date(found.day.isoformat(), language)
    made = _("Laget {day} av Frammøte").format(day=format_date(made_on, "short", locale=locale))
    pdf = DocumentPdf(f"{unit_name} · {made}", language)
    t, family = pdf.text_of, pdf.family_name
    title = _("Statusmøte om skoleelever {day}").format(day=meeting)
    pdf.set_title(t(title))
    pdf.set_author(t(unit_name))
    pdf.set_creation_date(datetime.combine(made_on, time(12)))
    pdf.add_page()
    pdf.set_font(family, "B", 16)
    pdf.multi_cell(0, 8, t(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(family, "", 11)
    pdf.cell(0, 6, t(unit_name), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(
        0,
        6,
        t(_("Elever i registeret: {count}").format(count=found.total)),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(4)

    _heading(pdf, _("Elever per skole og trinn"))
    years = [_(CLASS_YEAR_NAMES[year]) for year in ClassYear]
    with _table(pdf, (70, 25, 25, 25, 29), ("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")) as table:
        table.row([t(_("Skole")), *years, t(_("Til sammen"))])
        for school, counts, total in found.by_school:
            table.row([t(school), *(str(counts[y]) for y in ClassYear), str(total)])
        table.row(
            [t(_("Alle skoler")), *(str(found.by_year[y]) for y in ClassYear), str(found.total)]
        )
    pdf.ln(4)

    _heading(pdf, _("Tjenester de kan trenge senere"))
    with _table(pdf, (120, 54), ("LEFT", "RIGHT")) as table:
        table.row([t(_("Behov")), t(_("Elever"))])
        for need, count in found.needs.items():
            table.row([t(_(NEED_NAMES[need])), str(count)])
        table.row([t(_("Ikke vurdert ennå")), str(found.no_needs)])
    pdf.ln(4)

    _heading(pdf, _("Fyller 18 år innen seks måneder etter møtet"))
    pdf.set_font(family, "", 10)
    pdf.multi_cell(
        0,
        5,
        t(
            _(
                "NAV ønsker å bli koblet på et halvt år før eleven fyller 18 år. Navn står bare der foresatte har samtykket."
            )
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(1)
    if not found.turning_18:
        pdf.cell(0, 6, t(_("Ingen.")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for line in found.turning_18:
        pdf.cell(
            0, 6, t("• " + turning_words(line, _, language)), new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    return bytes(pdf.output())


def _heading(pdf: DocumentPdf, text: str) -> None:
    pdf.set_font(pdf.family_name, "B", 12)
    pdf.cell(0, 8, pdf.text_of(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.family_name, "", 10)


def _table(pdf: DocumentPdf, widths: tuple[int, ...], align: tuple[str, ...]):  # type: ignore[no-untyped-def]
    return pdf.table(
        col_widths=widths,
        text_align=align,
        line_height=6,
        first_row_as_headings=True,
        headings_style=pdf.headings_style(),
        cell_fill_color=ROWS_FILL,
        cell_fill_mode="ROWS",
    )
