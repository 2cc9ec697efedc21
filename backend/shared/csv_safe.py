"""Every CSV file the product writes goes through here: one set of settings, one guard.

The files (attendance lists for NAV, payroll, capacity) are opened in Excel with
Norwegian settings, so they are written alike:

* ``;`` as separator, CRLF line ends, fields quoted as needed;
* encode the text with ``CSV_ENCODING`` ("utf-8-sig": the BOM makes Excel read æ, ø, å right).

Formula injection: a spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``
(or a tab or carriage return before one) as a formula, so a name or a remark such as
``=HYPERLINK("http://…","klikk")`` would become a live link or worse. Every text cell
that starts so gets a leading ``'``: Excel and LibreOffice then show it as text.

Which cells are text is decided by type, not by looks. A ``str`` is text a person may
have typed and is always guarded, even ``-1``. Numbers the code computes are not user
text and are written as they are, so a genuine negative amount stays a number Excel can
add up: pass an ``int``, a ``Decimal``, or a ``Figure`` (the code's own formatting of a
number, such as ``-12,50`` with a decimal comma).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal

CSV_ENCODING = "utf-8-sig"
DELIMITER = ";"
LINE_END = "\r\n"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FIGURE = re.compile(r"-?[0-9]+([.,][0-9]+)?")


class Figure(str):
    """A number as the code formatted it (``1632,00``, ``-4,25``): written unguarded."""

    def __new__(cls, text: str) -> Figure:
        if not _FIGURE.fullmatch(text):
            raise ValueError(f"not a number: {text!r}")
        return super().__new__(cls, text)


Cell = str | int | Decimal | None


def safe_cell(value: Cell) -> str:
    """The cell as written: user text guarded with a leading ', numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise TypeError("write a word, not a bool, in a CSV cell")
    if isinstance(value, Figure | int | Decimal):
        return str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


class CsvWriter:
    """A CSV text built row by row; ``text()`` or ``encoded()`` when done."""

    def __init__(self) -> None:
        self._out = io.StringIO()
        self._writer = csv.writer(self._out, delimiter=DELIMITER, lineterminator=LINE_END)

    def writerow(self, cells: Iterable[Cell]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in cells])

    def writerows(self, rows: Iterable[Iterable[Cell]]) -> None:
        for row in rows:
            self.writerow(row)

    def text(self) -> str:
        return self._out.getvalue()

    def encoded(self) -> bytes:
        return self.text().encode(CSV_ENCODING)


def to_text(rows: Iterable[Iterable[Cell]]) -> str:
    writer = CsvWriter()
    writer.writerows(rows)
    return writer.text()
