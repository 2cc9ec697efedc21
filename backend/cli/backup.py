"""backup · restore"""

from __future__ import annotations

import argparse
from pathlib import Path

from backend.cli.base import command
from backend.shared import backup as backups
from backend.shared.config import Settings


async def run_backup(args: argparse.Namespace, settings: Settings) -> int:
    print(await backups.backup(settings.database_url, Path(args.file)))
    return 0


async def run_restore(args: argparse.Namespace, settings: Settings) -> int:
    done = await backups.restore(settings.database_url, Path(args.file), replace=args.replace)
    print(done)
    print("Start the service (or run `frammote migrate`) to bring it up to this version.")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser("backup", help="write the whole database to a file")
    backup.add_argument("file", help="the backup file to write")
    command(backup, run_backup, needs_db=False)
    restore = commands.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("file", help="a file written by `frammote backup`")
    restore.add_argument(
        "--replace", action="store_true", help="overwrite a database that already holds data"
    )
    command(restore, run_restore, needs_db=False)
