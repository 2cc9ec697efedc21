"""What a sub-command is: an async function, and whether it needs the database open."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from backend.shared.config import Settings
from backend.shared.parse import parse_date

Run = Callable[[argparse.Namespace, Settings], Awaitable[int]]
CLI_ACTOR = "cli"


@dataclass(frozen=True)
class Command:
    run: Run
    needs_db: bool = True


def command(parser: argparse.ArgumentParser, run: Run, *, needs_db: bool = True) -> None:
    parser.set_defaults(handler=Command(run, needs_db))


def iso_date(text: str) -> object:
    """argparse type: a date, with our own message on failure."""
    return parse_date(text)


def now(settings: Settings) -> datetime:
    return datetime.now(settings.tz)
