"""Reading an uploaded table: hostile workbooks and CSV files are refused by what they are,
never read without bound."""

from __future__ import annotations

import io
import zipfile

import pytest

from backend.people.imports import COLUMNS
from backend.people.table_file import Table, TableLimits, read_table, wrong_separator
from backend.shared.errors import RuleError
from tests.support.xlsx_files import (
    GOOD_ROW,
    IMPORT_HEADER,
    column_letters,
    row_xml,
    xlsx_from_rows,
)

LIMITS = TableLimits()


def refusal(filename: str, content: bytes, limits: TableLimits = LIMITS) -> tuple[str, dict]:
    with pytest.raises(RuleError) as refused:
        read_table(filename, content, limits)
    return refused.value.message, refused.value.params


def test_a_forged_dimension_is_ignored() -> None:
    # The sheet claims 100,000 rows x 16,384 columns and holds two rows: read-only
    # openpyxl would pad every row to the claim (2.2 GB and a MemoryError).
    content = xlsx_from_rows(
        [row_xml(1, IMPORT_HEADER), row_xml(2, GOOD_ROW)], dimension="A1:XFD100000"
    )
    assert len(content) < 2000
    assert read_table("liste.xlsx", content, LIMITS) == Table(
        header=["id", "navn", "fødselsdato", "ukedager", "tid", "kontaktperson"],
        rows=[(2, ["P60", "Siri Strand", "1984-02-03", "man,ons", "09:00-14:00", "S1"])],
    )


def test_rows_keep_their_spreadsheet_numbers_and_blank_rows_are_left_out() -> None:
    content = xlsx_from_rows(
        [row_xml(1, ["id", "navn"]), row_xml(3, [None, None]), row_xml(7, ["P1", "Kari"])]
    )
    assert read_table("liste.xlsx", content, LIMITS) == Table(["id", "navn"], [(7, ["P1", "Kari"])])


def test_reading_stops_past_the_row_limit() -> None:
    rows = [row_xml(1, ["id"])] + [row_xml(n, [f"P{n}"]) for n in range(2, 8)]
    assert refusal("x.xlsx", xlsx_from_rows(rows), TableLimits(max_rows=5)) == (
        "Filen har mer enn {count} rader",
        {"count": 5},
    )
    csv_text = "id\r\n" + "".join(f"P{n}\r\n" for n in range(6))
    assert refusal("x.csv", csv_text.encode(), TableLimits(max_rows=5))[1] == {"count": 5}
    # Exactly at the limit is fine.
    assert len(read_table("x.xlsx", xlsx_from_rows(rows[:6]), TableLimits(max_rows=5)).rows) == 5


def test_a_row_number_past_excel_is_a_forged_file() -> None:
    content = xlsx_from_rows([row_xml(1, ["id"]), row_xml(2_000_000, ["P1"])])
    assert refusal("x.xlsx", content)[0] == "Filen har mer enn {count} rader"


def test_columns_past_the_limit_are_refused_or_never_read() -> None:
    at_limit = row_xml(2, ["P1"], first_column=64)
    past_limit = row_xml(3, ["P2"], first_column=65)
    content = xlsx_from_rows([row_xml(1, IMPORT_HEADER), at_limit, past_limit])
    assert refusal("x.xlsx", content) == ("Filen har mer enn {count} kolonner", {"count": 64})
    # A cell in column XFD is not even built: no row of 16,384 cells.
    assert column_letters(16384) == "XFD"
    far = xlsx_from_rows([row_xml(1, ["id"]), row_xml(2, ["P1"], first_column=16384)])
    assert read_table("x.xlsx", far, LIMITS) == Table(["id"], [])
    wide_csv = ("id;" * 70 + "\r\n").encode()
    assert refusal("x.csv", wide_csv)[0] == "Filen har mer enn {count} kolonner"
    # Empty cells past the limit are no content.
    assert read_table("x.csv", b"id;navn" + b";" * 100 + b"\r\n", LIMITS).header == ["id", "navn"]


def test_a_part_that_unpacks_past_the_limit_is_too_big() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b" " * 2_000_000 + b"</sst>")
    assert len(out.getvalue()) < 10_000
    assert refusal("x.xlsx", out.getvalue(), TableLimits(unpacked_bytes=1_000_000)) == (
        "Filen er for stor til å lese. Del den opp i mindre filer.",
        {},
    )


HEADER_LINE = (
    "id;navn;fødselsdato;ukedager;tid;kontaktperson\r\nP1;Kari;1990-04-12;man;09:00-14:00;S1\r\n"
)
UTF16 = "Filen er lagret som UTF-16. Lagre den som «CSV UTF-8» og prøv igjen."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HEADER_LINE.encode("utf-16"), UTF16),  # with a byte order mark, as Excel saves it
        (HEADER_LINE.encode("utf-16-le"), UTF16),
        (HEADER_LINE.encode("utf-16-be"), UTF16),
        (b"id;navn\x00\x01\x02;x\r\n" * 3, "Filen er ikke tekst i UTF-8 eller Windows-1252"),
        (b"id;navn\r\n" + b'"' + b"x" * 200_000 + b'"\r\n', "Filen kan ikke leses som CSV"),
        (b"   \r\n", "Filen er tom"),
        (b"PK\x03\x04 not really a workbook", "Filen kan ikke leses som et Excel-ark (.xlsx)"),
    ],
    ids=["utf-16 bom", "utf-16-le", "utf-16-be", "binary", "huge field", "blank", "bad zip"],
)
def test_files_that_are_not_a_readable_table_say_why(content: bytes, message: str) -> None:
    assert refusal("liste.csv", content)[0] == message


@pytest.mark.parametrize(
    ("header", "separator"),
    [
        (["id|navn|fødselsdato|ukedager|tid|kontaktperson"], "|"),
        (["id/navn/fødselsdato"], "/"),
        (["ID | Navn | Fødselsdato"], "|"),
        (["id", "navn"], None),  # split right, columns missing: not a separator problem
        (["id navn fødselsdato"], None),
        (["hei|hallo"], None),
        ([], None),
    ],
)
def test_wrong_separator(header: list[str], separator: str | None) -> None:
    assert wrong_separator(header, COLUMNS) == separator
