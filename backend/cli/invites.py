"""invite --for ID --role participant|relative|staff [--qr FILE]"""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path

import qrcode
from telegram import Bot

from backend.cli.base import CLI_ACTOR, command, now
from backend.links.invites import create_invite
from backend.models import LinkRole
from backend.shared.config import ConfigError, Settings


async def bot_username(settings: Settings) -> str:
    """BOT_USERNAME, else asked of the Bot API (getMe)."""
    if settings.bot_username:
        return settings.bot_username
    if not settings.telegram_bot_token:
        raise ConfigError("BOT_USERNAME is missing (or set TELEGRAM_BOT_TOKEN to ask Telegram)")
    bot = Bot(settings.telegram_bot_token, base_url=f"{settings.telegram_api_url}/bot")
    async with bot:
        return bot.username


async def invite(args: argparse.Namespace, settings: Settings) -> int:
    if args.days < 1 or args.days > 90:
        raise ConfigError("--days must be between 1 and 90")
    if args.qr and not Path(args.qr).parent.is_dir():
        raise ConfigError(f"--qr: no such folder: {Path(args.qr).parent}")
    username = await bot_username(settings)
    issued = await create_invite(
        args.person,
        LinkRole(args.role),
        actor=CLI_ACTOR,
        now=now(settings),
        valid_for=timedelta(days=args.days),
        relative_name=args.relative_name,
    )
    link = issued.deep_link(username)
    print(link)
    if args.qr:
        qrcode.make(link).save(args.qr)
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "invite", help="make an invite link for a participant, relative or staff"
    )
    p.add_argument("--for", dest="person", required=True, metavar="ID")
    p.add_argument("--role", required=True, choices=[r.value for r in LinkRole])
    p.add_argument("--relative-name", help="the relative's name, for a relative invite")
    p.add_argument("--days", type=int, default=7, help="days the invite is valid (default 7)")
    p.add_argument("--qr", metavar="FILE", help="also write a QR code PNG")
    command(p, invite)
