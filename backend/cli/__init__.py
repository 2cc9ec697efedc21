"""`frammote` sub-commands. Each module registers its commands; handlers call services."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence

from backend.cli import (
    admin,
    attendance,
    backup,
    calendar,
    candidates,
    feeds,
    intake,
    invites,
    kvp,
    lists,
    meetings,
    payroll,
    people,
    person,
    pupils,
    reminders,
    server,
    tablets,
    vta,
)
from backend.cli.base import Command
from backend.shared.backup import BackupError
from backend.shared.config import ConfigError, load_settings
from backend.shared.db import DatabaseUnavailable, database
from backend.shared.errors import RuleError
from backend.shared.i18n import gettext_for
from backend.shared.logs import configure_logging

MODULES = (
    server,
    people,
    person,
    invites,
    feeds,
    tablets,
    calendar,
    attendance,
    payroll,
    lists,
    meetings,
    candidates,
    kvp,
    vta,
    pupils,
    intake,
    reminders,
    admin,
    backup,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="frammote", description="Frammøte: absence, attendance and pay"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command: Command = args.handler
    _ = gettext_for(os.environ.get("FRAMMOTE_LANGUAGE") or os.environ.get("LANG"))
    try:
        settings = load_settings()
        configure_logging(settings.log_format)
        return asyncio.run(_run(command, args, settings))
    except ConfigError as error:
        print(f"frammote: {error}", file=sys.stderr)
        return 2
    except RuleError as error:
        print(f"frammote: {error.render(_)}", file=sys.stderr)
        return 1
    except BackupError as error:
        print(f"frammote: {error}", file=sys.stderr)
        return 1
    except DatabaseUnavailable as error:
        print(f"frammote: {error}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130


async def _run(command: Command, args: argparse.Namespace, settings: object) -> int:
    if not command.needs_db:
        return await command.run(args, settings)
    async with database(settings.database_url):  # type: ignore[attr-defined]
        return await command.run(args, settings)


if __name__ == "__main__":
    sys.exit(main())
