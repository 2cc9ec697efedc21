"""An uploaded table (CSV or XLSX) read into text cells, within limits; no I/O, no database.

    table = read_table("liste.xlsx", content, TableLimits(max_rows=2000))
    table.header        # the first row's cells
    table.rows          # [(row number as the spreadsheet shows it, cells)], blank rows left out

Hostile files are refused with a RuleError, never read without bound:

* XLSX is streamed (openpyxl read-only mode). The sheet's declared ``<dimension>`` is
  ignored (a file may claim 100,000 x 16,384 cells and hold two). Only the first
  ``max_columns + 1`` columns are built: something in the one past the limit refuses
  the file, cells further right are never read. Reading stops at ``max_rows + 1``
  filled rows. The ZIP's parts may unpack to ``unpacked_bytes`` in all.
* CSV rows are read in full; one with content past ``max_columns`` refuses the file.
* CSV is UTF-8 (with or without BOM) or Windows-1252, separated by ``;``, ``,`` or tab.
  A UTF-16 file (Excel's "Unicode text") is named as such, not read as garbage.

The caller runs this in a worker process capped in memory and time
(``backend.people.table_reader``), since a file can still cost more than it weighs.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from backend.shared.errors import N_, RuleError

EXCEL_MAX_ROWS = 1_048_576  # no real sheet has more; a row number past it is a forged file
EMPTY = N_("Filen er tom")
TOO_MANY_ROWS = N_("Filen har mer enn {count} rader")
TOO_MANY_COLUMNS = N_("Filen har mer enn {count} kolonner")
TOO_BIG = N_("Filen er for stor til å lese. Del den opp i mindre filer.")
NOT_XLSX = N_("Filen kan ikke leses som et Excel-ark (.xlsx)")
NOT_CSV = N_("Filen kan ikke leses som CSV")
NOT_TEXT = N_("Filen er ikke tekst i UTF-8 eller Windows-1252")
UTF16 = N_("Filen er lagret som UTF-16. Lagre den som «CSV UTF-8» og prøv igjen.")
WRONG_SEPARATOR = N_(
    "Kolonnene i første rad er skilt med «{separator}». Bruk semikolon (;) eller komma (,)."
)
SEPARATORS = ";,\t"


@dataclass(frozen=True)
class TableLimits:
    max_rows: int = 2000  # filled rows under the header
    max_columns: int = 64
    unpacked_bytes: int = 100 * 1024 * 1024  # an XLSX's parts, unpacked, in all


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number, header is 1; cells), no blank rows


def read_table(filename: str, content: bytes, limits: TableLimits) -> Table:
    """The file's rows as text cells; XLSX by its name or its ZIP signature, else CSV."""
    if not content.strip():
        raise RuleError(EMPTY)
    if filename.lower().endswith(".xlsx") or content[:2] == b"PK":
        return _collect(_xlsx_rows(content, limits), limits)
    return _collect(_csv_rows(content), limits)


def _collect(rows: Iterable[Sequence[Any]], limits: TableLimits) -> Table:
    """Header and filled rows; stops at the first row over a limit."""
    header: list[str] | None = None
    body: list[tuple[int, list[str]]] = []
    for number, values in enumerate(rows, start=1):
        if number > EXCEL_MAX_ROWS:
            raise RuleError(TOO_MANY_ROWS, count=limits.max_rows)
        if values.count(None) == len(values):  # fast for the empty rows between rows
            cells: list[str] = []
        else:
            cells = [_cell(value) for value in values]
        if any(cells[limits.max_columns :]):
            raise RuleError(TOO_MANY_COLUMNS, count=limits.max_columns)
        cells = cells[: limits.max_columns]
        while cells and not cells[-1]:
            cells.pop()
        if header is None:
            header = cells
        elif cells:
            body.append((number, cells))
            if len(body) > limits.max_rows:
                raise RuleError(TOO_MANY_ROWS, count=limits.max_rows)
    if header is None:
        raise RuleError(EMPTY)
    return Table(header, body)


def _cell(value: Any) -> str:
    """A spreadsheet cell as the text a person would type."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()[:5] if isinstance(value, time) else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# -- XLSX --------------------------------------------------------------------------------


def _xlsx_rows(content: bytes, limits: TableLimits) -> Iterator[tuple[Any, ...]]:
    from openpyxl import load_workbook  # imported here: only imports need it

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise RuleError(NOT_XLSX) from None
    if unpacked > limits.unpacked_bytes:
        raise RuleError(TOO_BIG)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except MemoryError:
        raise
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise RuleError(NOT_XLSX) from None
    try:
        sheet = book.worksheets[0]
        # Read-only sheets pad every row to the declared dimension: forget it.
        sheet.reset_dimensions()  # type: ignore[union-attr]
        rows = sheet.iter_rows(max_col=limits.max_columns + 1, values_only=True)
        try:
            yield from rows
        except (MemoryError, RuleError):
            raise
        except Exception:  # a damaged sheet part shows only when read
            raise RuleError(NOT_XLSX) from None
    finally:
        book.close()


# -- CSV ---------------------------------------------------------------------------------


def _looks_utf16(content: bytes) -> bool:
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    start = content[:400]
    # ASCII text in UTF-16 has a zero byte in every other place.
    return len(start) >= 4 and (
        start[1::2].count(0) * 2 > len(start) // 2 or start[0::2].count(0) * 2 > len(start) // 2
    )


def _decode(content: bytes) -> str:
    if _looks_utf16(content):
        raise RuleError(UTF16)
    if b"\x00" in content:
        raise RuleError(NOT_TEXT)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RuleError(NOT_TEXT)


def _csv_rows(content: bytes) -> Iterator[list[str]]:
    text = _decode(content)
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=SEPARATORS)
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";"
    try:
        yield from csv.reader(io.StringIO(text), delimiter=delimiter)
    except csv.Error:  # a field over the csv module's limit, say
        raise RuleError(NOT_CSV) from None


# -- the header --------------------------------------------------------------------------


def wrong_separator(header: Sequence[str], columns: Mapping[str, str]) -> str | None:
    """The character that separates the first row's column names, when it is not one we
    read (``id|navn|...``): the real cause of "columns missing"."""
    filled = [cell for cell in header if cell.strip()]
    if len(filled) != 1:
        return None
    text = filled[0]
    for char in dict.fromkeys(text):
        if char.isalnum() or char in " _":
            continue
        names = [part.strip().lower().replace(" ", "_") for part in text.split(char)]
        if sum(name in columns for name in names) >= 2:
            return char
    return None
