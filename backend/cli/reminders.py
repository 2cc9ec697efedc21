"""reminders due --date YYYY-MM-DD [--unit CODE] · reminders send [--now ISO]"""

from __future__ import annotations

import argparse
import os
from datetime import datetime

from backend import reminders
from backend.cli.base import command, now
from backend.people import registry as people
from backend.scheduler import Jobs
from backend.shared.config import ConfigError, Settings
from backend.shared.i18n import gettext_for
from backend.shared.parse import parse_date

# `send` delivers until nothing more goes out, at most this many rounds.
MAX_ROUNDS = 1000


def _render(template: str, params: dict[str, object], language: str) -> str:
    # The texts live with the bot; imported here, as the composition root does.
    from backend.outbox.catalog import render

    return render(template, dict(params), language)


async def due(args: argparse.Namespace, settings: Settings) -> int:
    day = parse_date(args.date)  # here, not as an argparse type: a RuleError reads well
    if args.unit:
        await people.unit_by_code(args.unit)  # a clear message for an unknown code
    result = await reminders.preview(
        day, now(settings), unit_code=args.unit, email=settings.email_enabled
    )
    _ = gettext_for(os.environ.get("FRAMMOTE_LANGUAGE") or os.environ.get("LANG"))
    by_reminder: dict[str, list[reminders.Delivery]] = {}
    for d in result.deliveries:
        by_reminder.setdefault(d.reminder.key, []).append(d)
    # Every reminder due is listed; one nobody can receive says who to link.
    for item in result.due:
        r = item.reminder
        gap = item.gap
        if gap is not None:
            print(f"{r.due}  {item.unit}  {r.kind}  {r.subject}  -> {gap.render(_)}")
        for d in by_reminder.get(r.key, []):
            channel = (
                "telegram" if d.recipient.chat_id is not None else f"e-mail {d.recipient.email}"
            )
            print(
                f"{d.reminder.due}  {d.unit}  {d.reminder.kind}  {d.reminder.subject}"
                f"  -> {d.recipient.name} ({channel})"
            )
            print(f"    {_render(d.template, d.params, d.recipient.language)}")
    unreachable = len(result.unreachable)
    print(
        f"{day}: {result.reminders} reminder(s), {len(result.deliveries)} message(s) due"
        + (f", {unreachable} nobody can receive" if unreachable else "")
        + "; nothing was sent."
    )
    return 0


def _moment(text: str | None, settings: Settings) -> datetime:
    if text is None:
        return now(settings)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"--now must be an ISO date and time, got {text!r}") from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=settings.tz)
    return moment.astimezone(settings.tz)


async def send(args: argparse.Namespace, settings: Settings) -> int:
    at = _moment(args.now, settings)
    if settings.telegram_bot_token is None:
        print("TELEGRAM_BOT_TOKEN is not set: Telegram messages stay in the outbox.")
        return await _send(Jobs(settings, None), at)

    from telegram import Bot

    from bot.delivery import deliver_outbox

    bot = Bot(settings.telegram_bot_token, base_url=f"{settings.telegram_api_url}/bot")
    async with bot:

        async def telegram(moment: datetime, windows: object) -> int:
            return await deliver_outbox(
                bot,
                moment,
                windows=windows,
                email=settings.email_enabled,  # type: ignore[arg-type]
            )

        return await _send(Jobs(settings, telegram), at)


async def _send(jobs: Jobs, at: datetime) -> int:
    result = await jobs.daily(at)
    sent = 0
    for _round in range(MAX_ROUNDS):
        went = await jobs.tick(at)
        sent += went
        if not went:
            break
    waiting = await reminders.waiting()
    days = f"{result.days[0]}" if len(result.days) == 1 else f"{result.days[0]}..{result.days[-1]}"
    print(f"{days}: {len(result.deliveries)} message(s) due; {sent} sent now; {waiting} waiting.")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser("reminders", help="meetings and deadlines").add_subparsers(
        dest="action", required=True
    )
    p = group.add_parser("due", help="print what is due on a day, without sending")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--unit", metavar="CODE", help="one unit only")
    command(p, due)
    p = group.add_parser("send", help="run one pass: write what is due, then deliver it")
    p.add_argument(
        "--now", metavar="YYYY-MM-DDTHH:MM", help="run as at this local time (replays, tests)"
    )
    command(p, send)
