"""Benchmark: the outbox sender against Telegram's limits (30 messages a second overall,
one a second per chat), through the local Telegram stand-in, which refuses more with 429.

    .venv/bin/python -m bench.sending                    # both cases, SQLite
    .venv/bin/python -m bench.sending --chats 1000 --case spread

Two cases, each a fresh SQLite database and a fresh stand-in holding Telegram's limits:

- "spread": one reminder to each of `--chats` staff chats (1,000 by default). The
  ceiling is Telegram's 30 a second; printed: messages a second, its ratio to 30, 429s.
- "monday": one Monday's pass as measured on a municipality's data: 1,641 reminders to
  80 staff chats (about 20 each). Sent one message per reminder, Telegram's limits
  allow it in 1,641 / 30 = 55 s at best; the sender lists what is due for a chat in one
  message, so it sends 80 messages. Printed: seconds until every reminder is delivered,
  its ratio to the 55 s, messages sent, 429s.

The sender is the product's (`bot.delivery.deliver_outbox` with its pacer), run as the
leader runs it: a pass, then the next as soon as the last one ends. Peak resident memory
of this process (the stand-in included) is printed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from backend.models import OutboxMessage, OutboxStatus
from backend.shared.clock import utc
from backend.shared.db import database
from backend.telegram_standin import TelegramStandin
from bot.answering import answering_bot
from bot.delivery import Pacer, deliver_outbox

TOKEN = "987654321:BENCH-token-for-the-sending-benchmark"
OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=OSLO)  # a Monday, in staff hours
TELEGRAM_PER_SECOND = 30
FIRST_CHAT = 800_001


@dataclass
class Result:
    case: str
    reminders: int
    chats: int
    seconds: float
    messages: int
    refused: int

    def line(self) -> str:
        rate = self.messages / self.seconds
        return (
            f"{self.case:7} {self.reminders:6,} reminders to {self.chats:5,} chats: "
            f"{self.seconds:6.1f} s, {self.messages:5,} messages, {rate:5.1f} a second "
            f"({rate / TELEGRAM_PER_SECOND:.2f} of Telegram's 30), {self.refused} × 429"
        )


async def send_case(case: str, reminders: int, chats: int) -> Result:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite://{Path(folder) / 'bench.db'}"
        async with TelegramStandin(bot_username="frammote_bench_bot") as standin:
            async with database(url):
                await OutboxMessage.bulk_create(
                    [
                        OutboxMessage(
                            key=f"bench:{case}:{n}",
                            template="reminder_status_meeting_day_before",
                            params={"event_date": "2026-12-01"},
                            chat_id=FIRST_CHAT + n % chats,
                            language="nb",
                            status=OutboxStatus.PENDING,
                            due_at=utc(NOW),
                            attempts=0,
                        )
                        for n in range(reminders)
                    ],
                    batch_size=500,
                )
                for chat in range(FIRST_CHAT, FIRST_CHAT + chats):
                    await standin.send_text(chat, "/start", token=TOKEN)
                async with answering_bot(TOKEN, standin.api_root) as bot:
                    pacer = Pacer()
                    started = time.monotonic()
                    while await OutboxMessage.filter(status=OutboxStatus.PENDING).exists():
                        now = NOW.replace(microsecond=0)
                        await deliver_outbox(bot, now, pacer=pacer, windows=[])
                    seconds = time.monotonic() - started
                    sent = await OutboxMessage.filter(status=OutboxStatus.SENT).count()
                    assert sent == reminders, f"{sent} of {reminders} sent"
            messages = sum(
                1
                for chat in range(FIRST_CHAT, FIRST_CHAT + chats)
                for m in standin.messages(chat, token=TOKEN)
                if m.from_bot
            )
            return Result(case, reminders, chats, seconds, messages, len(standin.too_many_requests))


async def run(args: argparse.Namespace) -> list[Result]:
    results = []
    if args.case in ("spread", "both"):
        results.append(await send_case("spread", args.chats, args.chats))
    if args.case in ("monday", "both"):
        results.append(await send_case("monday", 1641, 80))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=["spread", "monday", "both"], default="both")
    parser.add_argument("--chats", type=int, default=1000, help="chats in the spread case")
    args = parser.parse_args()
    for result in asyncio.run(run(args)):
        print(result.line())
        if result.case == "monday":
            best = result.reminders / TELEGRAM_PER_SECOND
            print(
                f"        one message per reminder could not take less than {best:.0f} s; "
                f"listed per chat: {result.seconds / best:.2f} of that"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
