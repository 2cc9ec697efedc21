"""admin-link [--staff ID] [--base-url URL]: a one-time sign-in link for a coordinator."""

from __future__ import annotations

import argparse

from backend.access.sign_in import LOGIN_VALID_FOR, admin_link
from backend.cli.base import command, now
from backend.shared.config import Settings


def base_url(settings: Settings, given: str | None) -> str:
    """Where people reach the web pages: --base-url, else FRAMMOTE_HTTP."""
    if given:
        return given.rstrip("/")
    return f"http://{settings.http_host}:{settings.http_port}"


async def run_admin_link(args: argparse.Namespace, settings: Settings) -> int:
    path = await admin_link(now(settings), args.staff)
    print(f"{base_url(settings, args.base_url)}{path}")
    minutes = int(LOGIN_VALID_FOR.total_seconds() // 60)
    print(f"(works once, for {minutes} minutes)")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "admin-link", help="print a one-time sign-in link to the web pages for a coordinator"
    )
    p.add_argument("--staff", metavar="ID", help="the coordinator's staff id (default: the first)")
    p.add_argument("--base-url", help="the address people use, e.g. https://frammote.example.no")
    command(p, run_admin_link)
