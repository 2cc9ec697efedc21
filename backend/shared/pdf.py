"""The one base of every PDF we make (fpdf2): A4, a font with the letters of every
language we write, and Arabic set right to left.

    pdf = DocumentPdf("Kari Nordmann · Laget 7.4.2026 av Frammøte", language)
    pdf.add_page()
    pdf.heading("Frammøteliste", size=18)           # at the right edge in Arabic
    pdf.facts([("Deltaker", "Kari Nordmann (P1)")], label_width=38)
    with pdf.table(col_widths=(20, 60), text_align=("LEFT", "RIGHT")) as table:
        table.row(["Dato", "Timer"])               # columns run from the right in Arabic

The font is DejaVu Sans (Debian's fonts-dejavu-core): Norwegian, Polish, Ukrainian
(Cyrillic) and Arabic letters alike; without it Helvetica stands in, whose Latin-1 knows
Norwegian only, and anything else becomes "?" rather than failing.

Arabic needs its letters joined (each takes the form of its place in the word) and its
words set right to left: HarfBuzz does that (`uharfbuzz`, through fpdf2's text shaping).
Shaping costs time, so it is switched on only where it matters: for a right-to-left
language from the start, else at the first text in a right-to-left script (an Arabic
name in a Norwegian list). A piece of text runs the way its first letter runs (the
Unicode rule, as the web pages' cells), except that in an Arabic document any text with
an Arabic letter in it runs right to left: a translated sentence may start with a name.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import TextDirection, XPos, YPos
from fpdf.fonts import FontFace

from backend.shared.i18n import text_direction

# fpdf's font subsetting tells every glyph it keeps at INFO: not news for the log.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

PDF_MIME = "application/pdf"
# Regular and bold, the first pair found. DejaVu Sans has Arabic, Cyrillic and Polish;
# Liberation Sans (fonts-liberation) has Cyrillic and Polish but no Arabic.
FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
)  # fmt: skip
FAMILY = "DocSans"
HEADINGS_FILL = (220, 226, 235)
ROWS_FILL = (244, 244, 244)
# Letters of the right-to-left scripts: Hebrew, Arabic (with its supplements and
# presentation forms), Syriac, Thaana, N'Ko.
RIGHT_TO_LEFT_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
MIRRORED = {"LEFT": "RIGHT", "RIGHT": "LEFT", "L": "R", "R": "L"}


def font_files() -> tuple[str, str] | None:
    for regular, bold in FONT_CANDIDATES:
        if Path(regular).is_file() and Path(bold).is_file():
            return regular, bold
    return None


def has_right_to_left(text: str) -> bool:
    return RIGHT_TO_LEFT_LETTERS.search(text) is not None


def mirrored(align: str) -> str:
    """`LEFT` ↔ `RIGHT` (and `L` ↔ `R`); centred and justified stay."""
    return MIRRORED.get(str(align).upper(), align)


class _MirroredTable:
    """A table whose rows are given first column first and laid out from the right."""

    def __init__(self, table: Any) -> None:
        self._table = table

    def row(self, cells: Sequence[Any] = (), *args: Any, **kwargs: Any) -> Any:
        return self._table.row(list(reversed(list(cells))), *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._table, name)


class DocumentPdf(FPDF):
    """A4 with our margins, font, page numbers in the footer, and the reader's direction."""

    def __init__(self, footer_text: str = "", language: str = "nb") -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.language = language
        self.rtl = text_direction(language) == "rtl"
        self.shaping = False
        fonts = font_files()
        if fonts is not None:
            self.add_font(FAMILY, "", fonts[0])
            self.add_font(FAMILY, "B", fonts[1])
            self.family_name, self.unicode = FAMILY, True
            if self.rtl:
                self._start_shaping()
        else:
            self.family_name, self.unicode = "Helvetica", False
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 16, 18)
        self.alias_nb_pages()
        self.set_creator("Frammøte")

    # -- the reader's direction ------------------------------------------------------------

    @property
    def start(self) -> str:
        """Where a line of text starts: `L`, or `R` in a right-to-left language."""
        return "R" if self.rtl else "L"

    @property
    def end(self) -> str:
        return "L" if self.rtl else "R"

    def _start_shaping(self) -> None:
        self.set_text_shaping(True)
        self.shaping = True

    def _directed(self, text: object) -> None:
        """Shape from the first right-to-left text on; set which way this text runs."""
        if not self.unicode or not isinstance(text, str):
            return
        rtl_text = has_right_to_left(text)
        if rtl_text and not self.shaping:
            self._start_shaping()
        if self.shaping:
            # None: the first strong letter decides (a name, a date, a code run as written).
            self.text_shaping["direction"] = TextDirection.RTL if self.rtl and rtl_text else None

    def cell(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        self._directed(args[2] if len(args) > 2 else kwargs.get("text", ""))
        if self.rtl and len(args) < 6 and "align" not in kwargs:
            kwargs["align"] = self.start
        return super().cell(*args, **kwargs)

    def multi_cell(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        self._directed(args[2] if len(args) > 2 else kwargs.get("text", ""))
        if self.rtl and len(args) < 5 and "align" not in kwargs:
            kwargs["align"] = self.start
        return super().multi_cell(*args, **kwargs)

    @contextmanager
    def table(self, *args: Any, **kwargs: Any) -> Iterator[Any]:  # type: ignore[override]
        """fpdf2's table; in a right-to-left language its columns run from the right."""
        if not self.rtl:
            with super().table(*args, **kwargs) as table:
                yield table
            return
        widths = kwargs.get("col_widths")
        if isinstance(widths, Sequence):
            kwargs["col_widths"] = tuple(reversed(widths))
        align = kwargs.get("text_align", "RIGHT")
        if isinstance(align, str):
            kwargs["text_align"] = mirrored(align) if align.upper() != "JUSTIFY" else "RIGHT"
        else:
            kwargs["text_align"] = tuple(mirrored(a) for a in reversed(tuple(align)))
        if "align" in kwargs:
            kwargs["align"] = mirrored(kwargs["align"])
        with super().table(*args, **kwargs) as table:
            yield _MirroredTable(table)

    def text_of(self, value: object) -> str:
        """The text to write; in Helvetica, Latin-1 alone (anything else becomes "?")."""
        text = "" if value is None else str(value)
        if self.unicode:
            return text
        text = text.replace("–", "-").replace("…", "...").replace("→", "->")
        return text.encode("latin-1", "replace").decode("latin-1")

    # -- the parts every document has ------------------------------------------------------

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family_name, "", 8)
        self.set_text_color(90)
        text = self.text_of(f"{self.footer_text} · {self.page_no()}/{{nb}}")
        self.cell(0, 5, text, align=self.end)
        self.set_text_color(0)

    def line_of_text(self, text: str, height: float, *, size: float, bold: bool = False) -> None:
        """One line across the page, at the reader's start."""
        self.set_font(self.family_name, "B" if bold else "", size)
        self.cell(0, height, self.text_of(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(self, text: str, height: float, *, size: float | None = None) -> None:
        if size is not None:
            self.set_font(self.family_name, "", size)
        self.multi_cell(0, height, self.text_of(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def fact(
        self,
        label: str,
        value: object,
        *,
        label_width: float,
        height: float,
        size: float,
        bold_label: bool = True,
    ) -> None:
        """A label and its value beside it (the label at the right in Arabic); the value
        wraps within its own column."""
        width = self.w - self.l_margin - self.r_margin
        self.set_font(self.family_name, "B" if bold_label else "", size)
        if self.rtl:
            self.set_x(self.w - self.r_margin - label_width)
            self.cell(label_width, height, self.text_of(label))
            self.set_x(self.l_margin)
        else:
            self.cell(label_width, height, self.text_of(label))
        self.set_font(self.family_name, "", size)
        self.multi_cell(
            width - label_width, height, self.text_of(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def facts(
        self,
        rows: Sequence[tuple[str, object]],
        *,
        label_width: float,
        height: float = 6,
        size: float = 10,
        bold_label: bool = True,
    ) -> None:
        """Labels and values in two columns; the labels' column widens to the longest
        label (a translation may be longer than the Norwegian), up to half the page."""
        self.set_font(self.family_name, "B" if bold_label else "", size)
        longest = max((self.get_string_width(self.text_of(label)) for label, _ in rows), default=0)
        room = (self.w - self.l_margin - self.r_margin) / 2
        width = min(max(label_width, longest + 2 * self.c_margin + 1), room)
        for label, value in rows:
            self.fact(
                label, value, label_width=width, height=height, size=size, bold_label=bold_label
            )

    def signature_lines(self, first: str, second: str, *, room: float, space: float) -> None:
        """Two lines to write on, a place and date and a signature, each named below."""
        if self.get_y() > self.h - room:
            self.add_page()
        self.ln(space)
        y = self.get_y()
        left, right = (self.l_margin, 90.0), (110.0, self.w - self.r_margin)
        if self.rtl:  # the first line at the right
            left, right = (self.w - 90.0, self.w - self.r_margin), (self.l_margin, self.w - 110.0)
        self.line(left[0], y, left[1], y)
        self.line(right[0], y, right[1], y)
        self.set_font(self.family_name, "", 9)
        self.set_x(left[0])
        self.cell(left[1] - left[0], 5, self.text_of(first))
        self.set_x(right[0])
        self.cell(right[1] - right[0], 5, self.text_of(second), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def headings_style(self) -> FontFace:
        return FontFace(family=self.family_name, emphasis="BOLD", fill_color=HEADINGS_FILL)
