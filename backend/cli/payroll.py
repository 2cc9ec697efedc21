"""payroll --unit CODE --month YYYY-MM [--format csv|visma] [--output FILE] · employee-no"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from backend.cli.base import CLI_ACTOR, command
from backend.cli.calendar import language
from backend.pay import payroll
from backend.people.registry import participant_by_code, unit_by_code
from backend.shared.config import ConfigError, Settings
from backend.shared.csv_safe import CSV_ENCODING


def write_atomically(path: Path, data: bytes) -> None:
    """A half-written payroll file must never be left behind for someone to import."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


async def run_payroll(args: argparse.Namespace, settings: Settings) -> int:
    output = Path(args.output) if args.output else None
    if output is not None and not output.parent.is_dir():
        raise ConfigError(f"--output: no such folder: {output.parent}")
    fmt = payroll.PayrollFormat(args.format)
    year, month = payroll.parse_month(args.month)
    unit = await unit_by_code(args.unit)
    text = await payroll.export(
        unit, year, month, fmt, wage_type=args.wage_type, run=args.run, language=language()
    )
    if output is None:
        sys.stdout.write(text)
        return 0
    encoding = CSV_ENCODING if fmt is payroll.PayrollFormat.CSV else "ascii"
    write_atomically(output, text.encode(encoding))
    print(f"payroll {unit.code} {year:04d}-{month:02d} ({fmt}): {output}")
    return 0


async def employee_no(args: argparse.Namespace, settings: Settings) -> int:
    if (args.number is None) == (not args.clear):
        raise ConfigError("give --number N or --clear")
    participant = await participant_by_code(args.participant)
    await payroll.set_employee_no(participant, args.number, actor=CLI_ACTOR)
    print(f"participant {participant.code}: employee number {args.number or '-'}")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("payroll", help="a unit's pay for one month, one line per participant")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--format", choices=[f.value for f in payroll.PayrollFormat], default="csv")
    p.add_argument("--output", metavar="FILE", help="write to a file (default: print)")
    p.add_argument("--wage-type", metavar="N", help="Visma Lønn wage type (lønnsart), for visma")
    p.add_argument(
        "--run", type=int, default=1, metavar="N", help="Visma pay run number (default 1)"
    )
    command(p, run_payroll)

    p = commands.add_parser("employee-no", help="a participant's employee number for payroll")
    p.add_argument("--participant", required=True, metavar="ID")
    p.add_argument("--number", metavar="DIGITS")
    p.add_argument("--clear", action="store_true")
    command(p, employee_no)
