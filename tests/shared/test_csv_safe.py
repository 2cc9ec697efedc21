"""The one CSV writer: text that starts a formula is quoted, the code's own numbers are not."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from backend.shared.csv_safe import CSV_ENCODING, Figure, safe_cell, to_text
from tests.support.formula_payloads import FORMULA_PAYLOADS


@pytest.mark.parametrize("payload", FORMULA_PAYLOADS)
def test_text_that_starts_a_formula_gets_a_quote_mark(payload: str) -> None:
    assert safe_cell(payload) == "'" + payload
    written = to_text([("P1", payload)])
    assert list(csv.reader(io.StringIO(written), delimiter=";")) == [["P1", "'" + payload]]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("Kari Nordmann", "Kari Nordmann"),
        ("", ""),
        (None, ""),
        ("Kom 09:45 = sent", "Kom 09:45 = sent"),  # a formula sign inside is harmless
        (" =1", " =1"),  # a leading space: spreadsheets read text
        ("-1", "'-1"),  # text that looks like a number is still text
        ("-12,50", "'-12,50"),
        (Figure("-12,50"), "-12,50"),  # a number the code wrote stays a number
        (Figure("4.25"), "4.25"),
        (-3, "-3"),
        (Decimal("-1.5"), "-1.5"),
        (0, "0"),
    ],
)
def test_cells(cell: str | int | Decimal | None, written: str) -> None:
    assert safe_cell(cell) == written


@pytest.mark.parametrize("text", ["=1", "-1+1", "1 2", "", "12,", "−1"])
def test_a_figure_is_only_a_plain_number(text: str) -> None:
    with pytest.raises(ValueError):
        Figure(text)


def test_one_format_for_every_file() -> None:
    rows = [("navn", "beløp"), ("Berg; Åse", Figure("-100,00")), ('Si "hei"', 7)]
    written = to_text(rows)
    assert written == 'navn;beløp\r\n"Berg; Åse";-100,00\r\n"Si ""hei""";7\r\n'
    assert CSV_ENCODING == "utf-8-sig"
