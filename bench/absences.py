"""Benchmark: absence reports by webhook through the whole product, against a bare PTB bot.

    .venv/bin/python -m bench.absences                          # 300 reports, SQLite, 1 replica
    .venv/bin/python -m bench.absences --reports 2000 --concurrency 20
    .venv/bin/python -m bench.absences --database postgres --replicas 2
    .venv/bin/python -m bench.absences --database postgres --postgres-url postgres://…/postgres

Each report is what a participant does: "🚫 Jeg kommer ikke" on the menu, then "🤒 Syk"
(two updates), and the contact person's chat gets the notice. `--concurrency`
participants report at a time, each one report after the other (a closed loop).

The product: `--replicas` processes of `bot.runtime.serve` (the real web app, its
webhook route and PTB Application, the real database), each in its own process. The
ceiling: one process with a bare python-telegram-bot Application (PTB's defaults and
its AIORateLimiter, as the product has), behind an aiohttp webhook route at the same
path that hands each update to the Application's queue as PTB's own webhook server does;
its handlers make the same Bot API calls with the same texts and buttons, with nothing
stored. Both run against the local Telegram stand-in in this process, which delivers the
updates as Telegram does: up to `--connections` requests in flight, each update posted
again until it is answered with 2xx. Two replicas sit behind nginx, as in production
(`tests/support/nginx.py`, Debian's nginx), or with `--balancer standin` the stand-in
posts to them in turn.

Printed per side: reports a second (from the first tap to the last notice), p50/p95 from
the tap on the reason to the notice's arrival in the staff chat (the stand-in records when
each message arrived), CPU ms per report of the server processes (/proc, user + system),
and each process's resident memory at idle and its peak; then the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import aiohttp
import asyncpg

from backend.telegram_standin import SentMessage, TelegramStandin
from backend.telegram_standin.limits import FloodLimits
from backend.telegram_standin.state import BotState
from bot.webhook import WEBHOOK_PATH

TOKEN = "987654321:BENCH-token-for-the-absence-benchmark"
SECRET = "bench-webhook-secret"
OSLO = ZoneInfo("Europe/Oslo")
STAFF_FIRST_ID = 10_000
PARTICIPANT_FIRST_ID = 100_000
CONTACTS_PER_UNIT = 4
ALL_WEEK = {str(d): ["00:00", "23:45"] for d in range(1, 8)}
MENU_BUTTON = "Jeg kommer ikke"
NGINX = Path(__file__).resolve().parent.parent / "tests" / "support" / "nginx.py"
BALANCERS = {"nginx": "nginx", "standin": "the stand-in, in turn"}
REASON_BUTTON = "Syk"


def participant_name(n: int) -> str:
    # Unique first words, none the start of another: a notice naming several is read right.
    return f"Deltaker{n:05d} Benk"


def staff_chat(n: int, staff: int) -> int:
    return STAFF_FIRST_ID + n % staff


# -- the database ------------------------------------------------------------------------------


async def populate(url: str, participants: int, staff: int, today: date) -> None:
    """Units of four contact persons, each with a linked chat; participants planned every
    day of the week, each with their own chat; today's reminder pass recorded as run."""
    from backend.models import JobRun, LinkRole, Participant, Staff, TelegramLink, Unit
    from backend.reminders.passes import DAILY_JOB
    from backend.shared.db import database, migrate

    await migrate(url)
    async with database(url, apply_migrations=False):
        units = (staff + CONTACTS_PER_UNIT - 1) // CONTACTS_PER_UNIT
        await Unit.bulk_create(
            [Unit(code=f"U{u:02}", name=f"Enhet {u}", opening_hours=ALL_WEEK) for u in range(units)]
        )
        unit_ids = dict(await Unit.all().values_list("code", "id"))
        await Staff.bulk_create(
            [
                Staff(
                    code=f"S{s:03}",
                    unit_id=unit_ids[f"U{s // CONTACTS_PER_UNIT:02}"],
                    name=f"Ansatt {s:03}",
                )
                for s in range(staff)
            ]
        )
        staff_ids = dict(await Staff.all().values_list("code", "id"))
        await TelegramLink.bulk_create(
            [
                TelegramLink(
                    telegram_user_id=STAFF_FIRST_ID + s,
                    chat_id=STAFF_FIRST_ID + s,
                    role=LinkRole.STAFF,
                    staff_id=staff_ids[f"S{s:03}"],
                    display_name=f"Ansatt {s:03}",
                    language="nb",
                )
                for s in range(staff)
            ]
        )
        await Participant.bulk_create(
            [
                Participant(
                    code=f"P{n:05}",
                    unit_id=unit_ids[f"U{(n % staff) // CONTACTS_PER_UNIT:02}"],
                    name=participant_name(n),
                    birth_date=date(1990, 1, 1),
                    weekdays="1,2,3,4,5,6,7",
                    day_start="00:00",
                    day_end="23:45",
                    contact_id=staff_ids[f"S{n % staff:03}"],
                )
                for n in range(participants)
            ],
            batch_size=5_000,
        )
        participant_ids = dict(await Participant.all().values_list("code", "id"))
        await TelegramLink.bulk_create(
            [
                TelegramLink(
                    telegram_user_id=PARTICIPANT_FIRST_ID + n,
                    chat_id=PARTICIPANT_FIRST_ID + n,
                    role=LinkRole.PARTICIPANT,
                    participant_id=participant_ids[f"P{n:05}"],
                    display_name=participant_name(n),
                    language="nb",
                )
                for n in range(participants)
            ],
            batch_size=5_000,
        )
        # The catch-up at start-up finds today's pass done: no reminders in the way.
        await JobRun.create(name=DAILY_JOB, day=today, finished_at=datetime.now(OSLO))


async def _admin(admin_url: str, statement: str) -> None:
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


@contextlib.asynccontextmanager
async def database_url(kind: str, postgres_url: str | None, folder: Path) -> AsyncIterator[str]:
    if kind == "sqlite":
        yield f"sqlite://{folder / 'bench_absences.db'}"
        return
    server = None
    admin_url = postgres_url or os.environ.get("FRAMMOTE_BENCH_POSTGRES_URL")
    if admin_url is None:
        from tests.support.postgres import PostgresServer

        server = PostgresServer()
        admin_url = server.start()
    name = "bench_absences"
    try:
        await _admin(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await _admin(admin_url, f"CREATE DATABASE {name}")
        # The same server, another database (a query such as ?host=/socket/dir is kept).
        yield urlunsplit(urlsplit(admin_url)._replace(path=f"/{name}"))
        await _admin(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        if server is not None:
            server.stop()


# -- the server processes ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_product(port: int, webhook_base: str) -> None:
    """One replica: the product as `frammote run` serves it, in webhook mode."""
    from dataclasses import replace

    from backend.shared.config import load_settings
    from bot.runtime import serve

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = load_settings(env_file=None)
    # Telegram insists on https; the stand-in on loopback takes plain http.
    settings = replace(settings, webhook_url=webhook_base, webhook_secret=SECRET)
    listen = socket.create_server(("127.0.0.1", port))
    profile_to = os.environ.get("FRAMMOTE_BENCH_PROFILE")
    if not profile_to:
        asyncio.run(serve(settings, listen=listen))
        return
    # Profiled from SIGUSR1 to SIGUSR2: the bench sends them around the measured reports.
    import cProfile

    profile = cProfile.Profile()
    signal.signal(signal.SIGUSR1, lambda *_: profile.enable())

    def dump(*_: object) -> None:
        profile.disable()
        profile.dump_stats(f"{profile_to}/replica-{port}.prof")

    signal.signal(signal.SIGUSR2, dump)
    asyncio.run(serve(settings, listen=listen))


def serve_bare(port: int, api_url: str, chats_file: str, limited: bool) -> None:
    """The ceiling: a bare PTB Application answering the same updates, storing nothing."""
    from aiohttp import web
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
    from telegram.ext import (
        AIORateLimiter,
        Application,
        CallbackQueryHandler,
        ContextTypes,
        MessageHandler,
        filters,
    )

    chats = {int(k): v for k, v in json.loads(Path(chats_file).read_text()).items()}
    today = "I dag"

    def markup(*labels: tuple[str, str]) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d)] for t, d in labels])

    async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat is not None
        await context.bot.send_message(
            update.effective_chat.id,
            "Hei! Hva vil du gjøre?",
            reply_markup=markup(("🚫 Jeg kommer ikke", "abs"), ("📅 Min plan", "plan")),
        )

    async def reason(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        await query.edit_message_text(
            f"📆 {today}\nHvorfor kommer du ikke?",
            reply_markup=markup(
                ("🤒 Syk", "abk:sy"),
                ("📅 Avtale", "abk:ap"),
                ("🌴 Fri", "abk:da"),
                ("💬 Noe annet", "abk:ot"),
            ),
        )

    async def report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and update.effective_user is not None
        staff, name = chats[update.effective_user.id]
        await query.answer()
        await query.edit_message_text(
            f"Takk! Du er meldt borte: {today} (syk).\nAnsatt får beskjed.\n\n"
            "Vil du si mer? (valgfritt)\nSkriv det her. Bare de ansatte kan se det.",
            reply_markup=markup(("👍 Nei takk", "abx")),
        )
        await context.bot.send_message(
            staff, f"{name} er borte: {today} (syk).", reply_markup=markup(("👍 OK, sett", "sas"))
        )

    async def main() -> None:
        builder = Application.builder().token(TOKEN).base_url(f"{api_url}/bot").updater(None)
        if limited:
            builder = builder.rate_limiter(AIORateLimiter())
        bot_app = builder.build()
        bot_app.add_handler(MessageHandler(filters.TEXT, menu))
        bot_app.add_handler(CallbackQueryHandler(reason, pattern="^abs$"))
        bot_app.add_handler(CallbackQueryHandler(report, pattern="^abk:"))

        async def receive(request: web.Request) -> web.Response:
            if request.headers.get("X-Telegram-Bot-Api-Secret-Token") != SECRET:
                return web.Response(status=403)
            update = Update.de_json(await request.json(), bot_app.bot)
            await bot_app.update_queue.put(update)
            return web.Response()

        web_app = web.Application()
        web_app.router.add_post(WEBHOOK_PATH, receive)
        web_app.router.add_get("/healthz", lambda _: web.json_response({"status": "ok"}))
        runner = web.AppRunner(web_app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        async with bot_app:
            await bot_app.start()
            await bot_app.bot.set_webhook(
                f"http://127.0.0.1:{port}{WEBHOOK_PATH}", secret_token=SECRET
            )
            await asyncio.Event().wait()

    asyncio.run(main())


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path
    profiled: bool = False

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def memory_mb(self, key: str) -> float:
        """VmRSS (now) or VmHWM (the peak), in MB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def signal(self, number: int) -> None:
        if self.profiled:
            self.process.send_signal(number)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def spawn(args: list[str], env: dict[str, str], port: int, log: Path) -> Server:
    """A server process of this module (`--serve-product` or `--serve-bare`)."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.absences", *args],
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return Server(process, f"http://127.0.0.1:{port}", log, "FRAMMOTE_BENCH_PROFILE" in env)


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-2000:]


async def start_server(
    args: list[str], env: dict[str, str], port: int, log: Path, standin: TelegramStandin
) -> Server:
    """The server started, answering /healthz, and the webhook set."""
    server = spawn(args, env, port, log)
    deadline = time.monotonic() + 60
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise RuntimeError(f"server exited: {_tail(log)}")
            with contextlib.suppress(aiohttp.ClientError):
                async with http.get(f"{server.url}/healthz") as response:
                    if response.status == 200 and standin.hub.bot(TOKEN).webhook_url:
                        return server
            await asyncio.sleep(0.2)
    server.stop()
    raise RuntimeError(f"server did not start: {_tail(log)}")


# -- the stand-in's webhook delivery ---------------------------------------------------------------


@dataclass
class Delivery:
    """Posts the stand-in's updates as Telegram does: several in flight, each again until a
    2xx answer; `targets` in turn (the replicas), or the URL the bot set."""

    standin: TelegramStandin
    connections: int
    targets: list[str] = field(default_factory=list)
    retries: int = 0
    _turn: int = 0
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)
    _session: aiohttp.ClientSession | None = None

    def start(self, state: BotState) -> None:
        if self._tasks:
            return
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(self._work(state)) for _ in range(self.connections)]

    async def _work(self, state: BotState) -> None:
        while True:
            if not state.updates:
                await state.updates_signal.wait(0.05)
                continue
            update = state.updates.pop(0)
            await self._post(state, update)

    def _url(self, state: BotState) -> str:
        if not self.targets:
            return state.webhook_url
        self._turn += 1
        return self.targets[self._turn % len(self.targets)] + WEBHOOK_PATH

    async def _post(self, state: BotState, update: dict[str, Any]) -> None:
        assert self._session is not None
        body = json.dumps(update)
        headers = {"Content-Type": "application/json"}
        if state.webhook_secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = state.webhook_secret
        while True:
            try:
                async with self._session.post(self._url(state), data=body, headers=headers) as r:
                    if 200 <= r.status < 300:
                        return
            except (aiohttp.ClientError, TimeoutError):
                pass
            self.retries += 1
            await asyncio.sleep(0.2)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []
        if self._session is not None:
            await self._session.close()


# -- the participants ------------------------------------------------------------------------------


@dataclass
class Result:
    side: str
    reports: int
    seconds: float
    cpu_ms: float
    latencies: list[float]
    idle_mb: list[float]
    peak_mb: list[float]
    retries: int

    @property
    def rate(self) -> float:
        return self.reports / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


async def tap(standin: TelegramStandin, user: int, message: SentMessage, label: str) -> SentMessage:
    await standin.press(user, message, label)
    return await standin.wait_for(user, timeout=120)


async def drive(
    standin: TelegramStandin,
    users: list[int],
    concurrency: int,
    step: Callable[[int], Any],
) -> None:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for user in users:
        queue.put_nowait(user)

    async def worker() -> None:
        while not queue.empty():
            await step(queue.get_nowait())

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def run_side(
    side: str,
    servers: list[Server],
    standin: TelegramStandin,
    delivery: Delivery,
    reports: int,
    staff: int,
    concurrency: int,
    seed: int,
) -> Result:
    users = [PARTICIPANT_FIRST_ID + n for n in range(reports)]
    menus: dict[int, SentMessage] = {}
    taps: dict[int, float] = {}

    async def open_menu(user: int) -> None:
        await standin.send_text(user, "/meny", first_name="Deltaker")
        menus[user] = await standin.wait_for(user, timeout=120)

    async def start_staff(chat: int) -> None:
        # Telegram lets a bot write only to users who started it.
        await standin.send_text(chat, "/start", first_name="Ansatt")
        await standin.wait_for(chat, timeout=120)

    async def report(user: int) -> None:
        question = await tap(standin, user, menus[user], MENU_BUTTON)
        if "Hvorfor" not in question.text:
            raise RuntimeError(f"participant {user} cannot report today: {question.text!r}")
        taps[user] = time.monotonic()
        done = await tap(standin, user, question, REASON_BUTTON)
        if not done.text.startswith("Takk!"):
            raise RuntimeError(f"participant {user}: {done.text!r}")

    await asyncio.sleep(2)  # start-up done
    idle = [s.memory_mb("VmRSS") for s in servers]
    # Every chat opens with the menu first (not measured): a warm-up as well.
    await drive(standin, [STAFF_FIRST_ID + s for s in range(staff)], concurrency, start_staff)
    await drive(standin, users, concurrency, open_menu)
    random.Random(seed).shuffle(users)  # contact persons in random order
    for server in servers:
        server.signal(signal.SIGUSR1)  # a profiled replica starts its profile
    cpu_before = sum(s.cpu_seconds() for s in servers)
    retries_before = delivery.retries
    started = time.monotonic()
    await drive(standin, users, concurrency, report)
    arrived = await notices(standin, reports, staff, deadline=time.monotonic() + 900)
    finished = max(arrived.values())
    cpu = sum(s.cpu_seconds() for s in servers) - cpu_before
    for server in servers:
        server.signal(signal.SIGUSR2)
    latencies = [arrived[user] - taps[user] for user in users]
    return Result(
        side,
        reports,
        finished - started,
        cpu * 1000 / reports,
        latencies,
        idle,
        [s.memory_mb("VmHWM") for s in servers],
        delivery.retries - retries_before,
    )


async def notices(
    standin: TelegramStandin, reports: int, staff: int, deadline: float
) -> dict[int, float]:
    """When each participant's notice arrived in their contact person's chat."""
    state = standin.hub.bot(TOKEN)
    names = {participant_name(n).split()[0]: PARTICIPANT_FIRST_ID + n for n in range(reports)}
    while True:
        arrived: dict[int, float] = {}
        for s in range(staff):
            chat = state.chats.get(STAFF_FIRST_ID + s)
            for event in chat.events if chat else []:
                if event.kind != "bot" or event.message is None:
                    continue
                for word in event.message.text.replace(":", " ").split():
                    user = names.get(word)
                    if user is not None and user not in arrived:
                        arrived[user] = event.at
        if len(arrived) == reports:
            return arrived
        if time.monotonic() > deadline:
            raise RuntimeError(f"{reports - len(arrived)} notices never arrived")
        await asyncio.sleep(0.2)


# -- one run ---------------------------------------------------------------------------------------


async def run(args: argparse.Namespace) -> list[Result]:
    today = datetime.now(OSLO).date()
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        chats = {
            PARTICIPANT_FIRST_ID + n: (staff_chat(n, args.staff), participant_name(n))
            for n in range(args.reports)
        }
        chats_file = folder / "chats.json"
        chats_file.write_text(json.dumps(chats))
        for side in args.sides:
            async with contextlib.AsyncExitStack() as stack:
                # The product meets Telegram's limits (a 429 past 30 messages a second, or
                # one a second per chat); the bare bot, a ceiling, sends without them unless
                # it holds them itself (--bare-rate-limiter).
                limited = side == "product" or args.bare_rate_limiter
                standin = await stack.enter_async_context(
                    TelegramStandin(
                        bot_username="frammote_bench_bot", limits=FloodLimits(enabled=limited)
                    )
                )
                delivery = Delivery(standin, args.connections)
                standin.hub.on_webhook = delivery.start
                servers: list[Server] = []
                try:
                    if side == "product":
                        url = await stack.enter_async_context(
                            database_url(args.database, args.postgres_url, folder)
                        )
                        await populate(url, args.reports, args.staff, today)
                        ports = [free_port() for _ in range(args.replicas)]
                        webhook = f"http://127.0.0.1:{ports[0]}"
                        if args.replicas > 1 and args.balancer == "nginx":
                            from tests.support.nginx import running_nginx

                            nginx = stack.enter_context(running_nginx(folder / "nginx", ports))
                            webhook = nginx.url
                        elif args.replicas > 1:
                            delivery.targets = [f"http://127.0.0.1:{p}" for p in ports]
                        for i, port in enumerate(ports):
                            env = {
                                "TELEGRAM_BOT_TOKEN": TOKEN,
                                "TELEGRAM_API_URL": standin.api_root,
                                "DATABASE_URL": url,
                                "FRAMMOTE_HTTP": f"127.0.0.1:{port}",
                                "TZ_NAME": "Europe/Oslo",
                                "BOT_USERNAME": "frammote_bench_bot",
                            }
                            if args.profile:
                                env["FRAMMOTE_BENCH_PROFILE"] = args.profile
                            servers.append(
                                await start_server(
                                    ["--serve-product", str(port), webhook],
                                    env,
                                    port,
                                    folder / f"replica{i}.log",
                                    standin,
                                )
                            )
                    else:
                        port = free_port()
                        servers.append(
                            await start_server(
                                [
                                    "--serve-bare",
                                    str(port),
                                    standin.api_root,
                                    str(chats_file),
                                    "limited" if args.bare_rate_limiter else "bare",
                                ],
                                {},
                                port,
                                folder / "bare.log",
                                standin,
                            )
                        )
                    result = await run_side(
                        side,
                        servers,
                        standin,
                        delivery,
                        args.reports,
                        args.staff,
                        args.concurrency,
                        args.seed,
                    )
                    results.append(result)
                    print(_row(result), flush=True)
                finally:
                    for server in servers:
                        server.stop()
                    await delivery.stop()
    return results


def _row(r: Result) -> str:
    memory = ", ".join(f"{i:.0f}→{p:.0f}" for i, p in zip(r.idle_mb, r.peak_mb, strict=True))
    return (
        f"{r.side:8} {r.reports:>6,} reports in {r.seconds:7.2f} s  {r.rate:7.1f}/s  "
        f"tap→notice p50 {r.percentile(0.5) * 1000:7.0f} ms  p95 {r.percentile(0.95) * 1000:7.0f} ms  "
        f"CPU {r.cpu_ms:6.1f} ms/report  RSS idle→peak MB {memory}  redelivered {r.retries}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=300, help="participants, one report each")
    parser.add_argument("--concurrency", type=int, default=20, help="participants at a time")
    parser.add_argument("--staff", type=int, default=80, help="contact persons (staff chats)")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", help="an admin URL; else a throwaway server")
    parser.add_argument("--replicas", type=int, choices=[1, 2], default=1)
    parser.add_argument("--connections", type=int, default=40, help="webhook requests in flight")
    parser.add_argument(
        "--sides", nargs="+", choices=["bare", "product"], default=["bare", "product"]
    )
    parser.add_argument(
        "--balancer",
        choices=list(BALANCERS),
        default="nginx" if NGINX.exists() else "standin",
        help="in front of two replicas (default: nginx when tests/support/nginx.py is there)",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", metavar="DIR", help="cProfile each replica into DIR")
    parser.add_argument(
        "--serve-product", nargs=2, metavar=("PORT", "WEBHOOK"), help=argparse.SUPPRESS
    )
    parser.add_argument(
        "--bare-rate-limiter",
        action="store_true",
        help="give the bare bot PTB's AIORateLimiter too (30 chat requests a second)",
    )
    parser.add_argument("--serve-bare", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_product:
        serve_product(int(args.serve_product[0]), args.serve_product[1])
        return
    if args.serve_bare:
        port, api, chats, limited = args.serve_bare
        serve_bare(int(port), api, chats, limited == "limited")
        return
    if args.profile:
        args.profile = str(Path(args.profile).resolve())
    if args.replicas > 1 and args.database != "postgres":
        parser.error("several replicas need PostgreSQL (--database postgres)")
    print(
        f"{args.reports} absence reports by webhook, {args.concurrency} at a time, "
        f"{args.staff} staff chats, {args.database}, {args.replicas} replica(s)"
        + (f" behind {BALANCERS[args.balancer]}" if args.replicas > 1 else "")
        + ":"
    )
    results = asyncio.run(run(args))
    by_side = {r.side: r for r in results}
    if len(by_side) == 2:
        bare, product = by_side["bare"], by_side["product"]
        print(
            f"product / bare: rate {product.rate / bare.rate:.2f}  "
            f"CPU per report {product.cpu_ms / bare.cpu_ms:.2f}"
        )


if __name__ == "__main__":
    main()
