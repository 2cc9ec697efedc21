"""migrate · run · demo"""

from __future__ import annotations

import argparse

from backend.cli.base import command
from backend.shared.config import Settings
from backend.shared.db import migrate


async def run_migrate(args: argparse.Namespace, settings: Settings) -> int:
    await migrate(settings.database_url)
    print("Database is up to date.")
    return 0


async def run_server(args: argparse.Namespace, settings: Settings) -> int:
    from bot.runtime import serve  # the bot is wired in only here, at the composition root

    await serve(settings)
    return 0


async def run_demo(args: argparse.Namespace, settings: Settings) -> int:
    from bot.runtime import serve_demo

    await serve_demo(settings)
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    command(
        commands.add_parser("migrate", help="apply database migrations"),
        run_migrate,
        needs_db=False,
    )
    command(
        commands.add_parser("run", help="serve Telegram and the web pages"),
        run_server,
        needs_db=False,
    )
    command(
        commands.add_parser("demo", help="the demo: a local Telegram stand-in with demo data"),
        run_demo,
        needs_db=False,
    )
