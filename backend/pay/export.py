"""Payroll files built from month statements; pure text, the caller writes the file.

``to_csv`` -- a summary for people, opened in Excel with Norwegian settings:

* one header row, then one row per line: employee number (the participant's code
  when there is none), name, days, hours, amount in NOK. The caller gives the header
  in the reader's language (``backend.pay.payroll.csv_header``);
* decimal comma (``1632,00``), no thousands separator, so Norwegian Excel reads
  numbers as numbers;
* written by ``backend.shared.csv_safe`` as every CSV of the product: ``;``, CRLF,
  ``CSV_ENCODING``, and a text cell starting with = + - @ (or tab/CR) gets a leading '
  so Excel does not run it as a formula; the numbers are written as they are.

``to_visma`` -- Visma Lønn "Import variable lønnsdata", the semicolon
"Lønnsregistrering Standard format". Assumed layout (from Visma community pages and
third-party exporters; check it against the site's ``.ifs`` file before the first run):
``WgYr;RunNo;EmpNo;WgSrt;Bas;Qty;Rate;Am`` = pay year; run number; employee number;
wage type; base (empty); quantity = hours; rate = NOK per hour; amount = NOK.
No header; one line per participant and rate (a month with a rate change gives two
lines); CRLF line ends. The standard format continues with account, counter-account,
R1-R6 and a tax code column; they are left out (the .ifs decides what is read).
All eight fields are numeric there, so none is quoted (Visma quotes only text fields)
and employee number and wage type must be digits.
Numbers use a decimal comma by default, as briefed; one third-party exporter documents
a decimal point for the same import, hence ``decimal_sep``. The amount is our own
sum of day amounts, which can differ from quantity x rate by under an øre per day
when a rate has odd øre; whole-krone rates are exact.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from backend.pay.rules import MonthStatement, PayPart
from backend.shared.csv_safe import CsvWriter, Figure

_HUNDREDTHS = Decimal("0.01")


@dataclass(frozen=True)
class PayrollLine:
    employee_no: str
    name: str
    days: int
    hours: Decimal
    rate_ore: int | None  # None when the month had several rates
    amount_ore: int
    parts: tuple[PayPart, ...] = ()  # per-rate breakdown; needed when rate_ore is None
    period: tuple[int, int] | None = None  # (year, month) the line pays, if known

    def __post_init__(self) -> None:
        if not self.parts:
            return
        if sum(part.amount_ore for part in self.parts) != self.amount_ore:
            raise ValueError(f"parts of {self.employee_no} do not add up to amount_ore")
        if sum((part.hours for part in self.parts), Decimal(0)) != self.hours:
            raise ValueError(f"parts of {self.employee_no} do not add up to hours")
        if sum(part.days for part in self.parts) != self.days:
            raise ValueError(f"parts of {self.employee_no} do not add up to days")
        single = self.parts[0].rate_ore if len(self.parts) == 1 else None
        if self.rate_ore != single:
            raise ValueError(f"rate_ore of {self.employee_no} does not match its parts")

    @classmethod
    def from_statement(cls, statement: MonthStatement, employee_no: str, name: str) -> PayrollLine:
        return cls(
            employee_no=employee_no,
            name=name,
            days=statement.days,
            hours=statement.hours,
            rate_ore=statement.rate_ore,
            amount_ore=statement.amount_ore,
            parts=statement.parts,
            period=statement.month,
        )

    def rate_parts(self) -> tuple[PayPart, ...]:
        """The per-rate breakdown, derived from rate_ore when no parts were given."""
        if self.parts:
            return self.parts
        if self.rate_ore is None:
            raise ValueError(f"{self.employee_no} has several rates but no parts")
        return (PayPart(self.rate_ore, self.days, self.hours, self.amount_ore),)


def _decimal(value: Decimal, sep: str = ",") -> str:
    return format(value.quantize(_HUNDREDTHS), "f").replace(".", sep)


def _ore_as_nok(ore: int, sep: str = ",") -> str:
    return _decimal(Decimal(ore) / 100, sep)


def to_csv(lines: Iterable[PayrollLine], header: Sequence[str]) -> str:
    """The summary; `header` names the five columns (employee number, name, days,
    hours, amount in NOK) in the reader's language."""
    if len(header) != 5:
        raise ValueError(f"the payroll CSV has five columns, not {len(header)}")
    writer = CsvWriter()
    writer.writerow(header)
    for line in lines:
        writer.writerow(
            (
                line.employee_no,
                line.name,
                line.days,
                Figure(_decimal(line.hours)),
                Figure(_ore_as_nok(line.amount_ore)),
            )
        )
    return writer.text()


def _check_number(label: str, value: str) -> None:
    # Visma reads employee number and wage type as numeric fields.
    if not value.isascii() or not value.isdigit():
        raise ValueError(f"{label} must be digits for Visma Lønn, got {value!r}")


def to_visma(
    lines: Iterable[PayrollLine],
    year: int,
    month: int,
    wage_type: str,
    run: int = 1,
    *,
    decimal_sep: str = ",",
) -> str:
    """Visma Lønn variable-data lines for one pay run; no header.

    ``wage_type`` (lønnsart) is the site's wage type for participant pay and has no
    safe default. ``month`` is checked against each line's ``period`` when known,
    so that one month's lines cannot go into another month's run.
    """
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1-12, got {month}")
    if run < 0:
        raise ValueError("run must not be negative")
    if decimal_sep not in (",", "."):
        raise ValueError(f"decimal_sep must be ',' or '.', got {decimal_sep!r}")
    _check_number("wage_type", wage_type)
    rows: list[str] = []
    for line in lines:
        _check_number("employee_no", line.employee_no)
        if line.period is not None and line.period != (year, month):
            raise ValueError(f"line for {line.employee_no} pays {line.period}, not {(year, month)}")
        for part in line.rate_parts():
            fields = (
                str(year),
                str(run),
                line.employee_no,
                wage_type,
                "",  # base: not used for hourly pay
                _decimal(part.hours, decimal_sep),
                _ore_as_nok(part.rate_ore, decimal_sep),
                _ore_as_nok(part.amount_ore, decimal_sep),
            )
            rows.append(";".join(fields) + "\r\n")
    return "".join(rows)
