from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from backend.pay.export import PayrollLine, to_csv, to_visma
from backend.pay.rules import PayPart, Rate, month_statement
from backend.shared.csv_safe import CSV_ENCODING

ONE_RATE = PayrollLine("1001", "Kari Nordmann", 17, Decimal("102"), 1600, 163200)
TWO_RATES = PayrollLine(
    "1002",
    "Ola Ås",
    17,
    Decimal("102"),
    None,
    169800,
    parts=(PayPart(1600, 6, Decimal("36"), 57600), PayPart(1700, 11, Decimal("66"), 112200)),
    period=(2026, 4),
)
HEADER = ("Ansattnummer", "Navn", "Dager", "Timer", "Beløp (kr)")
QUARTERS = PayrollLine("1003", "Per", 1, Decimal("7.75"), 1650, 12788)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([], "Ansattnummer;Navn;Dager;Timer;Beløp (kr)\r\n"),
        (
            [ONE_RATE, TWO_RATES],
            "Ansattnummer;Navn;Dager;Timer;Beløp (kr)\r\n"
            "1001;Kari Nordmann;17;102,00;1632,00\r\n"
            "1002;Ola Ås;17;102,00;1698,00\r\n",
        ),
        (
            [QUARTERS],
            "Ansattnummer;Navn;Dager;Timer;Beløp (kr)\r\n1003;Per;1;7,75;127,88\r\n",
        ),
        (
            [PayrollLine("1004", "Nilsen; Berit", 1, Decimal(6), 1600, 9600)],
            'Ansattnummer;Navn;Dager;Timer;Beløp (kr)\r\n1004;"Nilsen; Berit";1;6,00;96,00\r\n',
        ),
        (
            [PayrollLine("1005", "=HYPERLINK(1)", 1, Decimal(6), 1600, 9600)],
            "Ansattnummer;Navn;Dager;Timer;Beløp (kr)\r\n1005;'=HYPERLINK(1);1;6,00;96,00\r\n",
        ),
    ],
    ids=["header only", "two lines", "quarter hours", "separator in name", "formula"],
)
def test_to_csv(lines, expected):
    assert to_csv(lines, HEADER) == expected


def test_the_header_has_the_five_columns():
    with pytest.raises(ValueError, match="five columns"):
        to_csv([ONE_RATE], ("participant", "name"))


def test_csv_round_trips_through_a_reader_with_nordic_letters():
    data = to_csv([TWO_RATES], HEADER).encode(CSV_ENCODING)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode(CSV_ENCODING)), delimiter=";"))
    assert rows[1] == ["1002", "Ola Ås", "17", "102,00", "1698,00"]


VISMA_TABLE = [
    # (label, lines, kwargs, expected)
    ("no lines", [], {}, ""),
    ("one rate", [ONE_RATE], {}, "2026;1;1001;510;;102,00;16,00;1632,00\r\n"),
    (
        "rate change gives one line per rate",
        [TWO_RATES],
        {},
        "2026;1;1002;510;;36,00;16,00;576,00\r\n2026;1;1002;510;;66,00;17,00;1122,00\r\n",
    ),
    ("run number", [ONE_RATE], {"run": 3}, "2026;3;1001;510;;102,00;16,00;1632,00\r\n"),
    ("decimal point", [QUARTERS], {"decimal_sep": "."}, "2026;1;1003;510;;7.75;16.50;127.88\r\n"),
]


@pytest.mark.parametrize(
    ("lines", "kwargs", "expected"),
    [row[1:] for row in VISMA_TABLE],
    ids=[row[0] for row in VISMA_TABLE],
)
def test_to_visma(lines, kwargs, expected):
    assert to_visma(lines, 2026, 4, "510", **kwargs) == expected


@pytest.mark.parametrize(
    ("lines", "month", "wage_type", "kwargs", "message"),
    [
        ([ONE_RATE], 13, "510", {}, "month"),
        ([ONE_RATE], 4, "51A", {}, "wage_type"),
        ([ONE_RATE], 4, "", {}, "wage_type"),
        ([ONE_RATE], 4, "510", {"run": -1}, "run"),
        ([ONE_RATE], 4, "510", {"decimal_sep": ";"}, "decimal_sep"),
        ([PayrollLine("A-1", "X", 1, Decimal(6), 1600, 9600)], 4, "510", {}, "employee_no"),
        ([TWO_RATES], 5, "510", {}, "pays"),  # April's line into May's run
        ([PayrollLine("1", "X", 2, Decimal(12), None, 19600)], 4, "510", {}, "no parts"),
    ],
)
def test_to_visma_rejects(lines, month, wage_type, kwargs, message):
    with pytest.raises(ValueError, match=message):
        to_visma(lines, 2026, month, wage_type, **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"amount_ore": 1}, "amount_ore"),
        ({"hours": Decimal(1)}, "hours"),
        ({"days": 3}, "days"),
        ({"rate_ore": 1600}, "rate_ore"),
    ],
)
def test_payroll_line_parts_must_add_up(kwargs, message):
    fields = {
        "employee_no": "1",
        "name": "X",
        "days": 2,
        "hours": Decimal(12),
        "rate_ore": None,
        "amount_ore": 19800,
        "parts": (PayPart(1600, 1, Decimal(6), 9600), PayPart(1700, 1, Decimal(6), 10200)),
    } | kwargs
    with pytest.raises(ValueError, match=message):
        PayrollLine(**fields)


def test_line_from_statement_exports_each_rate():
    rates = (Rate(date(2023, 1, 1), 1600), Rate(date(2026, 4, 15), 1700))
    attended = [(date(2026, 4, 14), Decimal(6)), (date(2026, 4, 15), Decimal("5.5"))]
    line = PayrollLine.from_statement(month_statement("P-9", attended, rates), "1009", "Ida")
    assert (line.days, line.hours, line.rate_ore, line.amount_ore) == (
        2,
        Decimal("11.5"),
        None,
        18950,
    )
    assert to_visma([line], 2026, 4, "510") == (
        "2026;1;1009;510;;6,00;16,00;96,00\r\n2026;1;1009;510;;5,50;17,00;93,50\r\n"
    )
