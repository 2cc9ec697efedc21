"""The composition root: database, bot, web app and scheduler in one asyncio process."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import signal
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime

from aiohttp import web

from backend.people import demo as demo_data
from backend.scheduler import create_scheduler, leader_only
from backend.shared import metrics
from backend.shared.config import ConfigError, Settings
from backend.shared.db import database
from backend.shared.leadership import Leadership
from backend.telegram_standin import TelegramStandin
from backend.web.app import create_app
from backend.web.keys import BOT_STATE, BOT_USERNAME
from bot.app import build_application, set_commands
from bot.delivery import SENDER, OutboxSender, deliver_outbox
from bot.handlers.staff import jobs as staff_jobs
from bot.lifecycle import STOP_SECONDS, start_until_stopped, stop_bot
from bot.once import OnceOnly
from bot.polling import Poller
from bot.webhook import WEBHOOK_PATH, add_webhook_route

log = logging.getLogger(__name__)
# Requests in flight get this long to be answered on stop (aiohttp waits 60 s by default).
WEB_SHUTDOWN_SECONDS = STOP_SECONDS["web"] - 0.5


@dataclass(frozen=True)
class Listening:
    """Where the process listens, once it does: the ports actually bound."""

    web: str  # the web backend, http://host:port
    chats: str | None = None  # the demo's chat page (the Telegram stand-in)


OnListening = Callable[[Listening], None]


async def serve(
    settings: Settings,
    *,
    stop: asyncio.Event | None = None,
    on_listening: OnListening | None = None,
    listen: socket.socket | None = None,
) -> None:
    """Run the product until SIGINT/SIGTERM (or `stop` is set).

    `listen` is a socket already bound for the web backend (else FRAMMOTE_HTTP is bound).
    """
    if settings.telegram_bot_token is None:
        raise ConfigError("TELEGRAM_BOT_TOKEN is missing: set it, or run `frammote demo`")
    stop = stop or _stop_on_signals()

    def listening(web_root: str) -> None:
        log.info("Web backend: %s/", web_root)
        if on_listening is not None:
            on_listening(Listening(web_root))

    async with database(settings.database_url):
        await _serve_bot(
            settings, settings.telegram_bot_token, stop, on_bound=listening, listen=listen
        )


async def serve_demo(
    settings: Settings,
    *,
    stop: asyncio.Event | None = None,
    clock: Callable[[], datetime] | None = None,
    on_listening: OnListening | None = None,
) -> None:
    """The demo: the local Telegram stand-in with a chat page, demo data, the real bot.

    The chat page listens on FRAMMOTE_HTTP's port + 1; with port 0 both ports are
    picked by the system, and the addresses bound are printed (and given to
    `on_listening`).
    """
    stop = stop or _stop_on_signals()
    personas = [(p.telegram_user_id, p.name, p.role_label) for p in demo_data.PERSONAS]
    standin = TelegramStandin(bot_username="frammote_demo_bot", personas=personas)
    chats_port = settings.http_port + 1 if settings.http_port else 0
    root = await standin.start(settings.http_host, chats_port)
    settings = replace(settings, telegram_api_url=root, webhook_url=None)
    token = f"{secrets.randbelow(10**9) + 10**9}:demo{secrets.token_urlsafe(16)}"

    calendar: list[str] = []
    tablet: list[str] = []

    def listening(web_root: str) -> None:
        print(f"Demo chats:  {root}/")
        print(f"Web backend: {web_root}/", flush=True)
        for path in calendar:
            print(f"Calendar of {demo_data.STAFF.name}: {web_root}{path}", flush=True)
        for path in tablet:
            print(f"Tablet at the door: {web_root}{path}", flush=True)
            standin.links.append(("Nettbrettet ved døra", f"{web_root}{path}"))
        if on_listening is not None:
            on_listening(Listening(web_root, root))

    try:
        async with database(settings.database_url):
            now = clock() if clock else datetime.now(settings.tz)
            await demo_data.seed_demo(now)
            if path := await demo_data.contact_calendar(now):
                calendar.append(path)
            if path := await demo_data.door_tablet(now):
                tablet.append(path)

            # Each demo person has "pressed Start", as a real user does first: their chat
            # opens with the menu, and staff can be told of absences at once.
            async def open_chats() -> None:
                for persona in demo_data.PERSONAS:
                    await standin.send_text(
                        persona.telegram_user_id, "/start", first_name=persona.name.split()[0]
                    )

            await _serve_bot(
                settings, token, stop, on_started=open_chats, clock=clock, on_bound=listening
            )
    finally:
        await standin.stop()


async def _serve_bot(
    settings: Settings,
    token: str,
    stop: asyncio.Event,
    on_started: Callable[[], Awaitable[None]] | None = None,
    clock: Callable[[], datetime] | None = None,
    on_bound: Callable[[str], None] | None = None,
    listen: socket.socket | None = None,
) -> None:
    # Bound before anything reads the port: with port 0 the system picks one, and the
    # bot's sign-in links (Settings.web_url) name the port actually bound.
    sock = listen or socket.create_server((settings.http_host, settings.http_port))
    settings = replace(settings, http_port=int(sock.getsockname()[1]))
    use_webhook = settings.webhook_url is not None
    bot_app = build_application(settings, token, clock=clock)
    # Webhook and polling alike: each update handled once, confirmed only after.
    once_only = OnceOnly(bot_app)
    poller = (
        None if use_webhook else Poller(bot_app.bot, once_only.handle, arrived=once_only.arrived)
    )
    web_app = create_app(settings)
    web_app[BOT_STATE] = lambda: (
        _webhook_state(bot_app) if poller is None else _polling_state(poller)
    )
    web_app[BOT_USERNAME] = lambda: settings.bot_username or _bot_username(bot_app)
    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    if use_webhook:
        add_webhook_route(web_app, bot_app.bot, once_only.handle, secret)
    runner = web.AppRunner(web_app, shutdown_timeout=WEB_SHUTDOWN_SECONDS)
    try:
        await runner.setup()
        await web.SockSite(runner, sock).start()
    except BaseException:
        sock.close()
        raise
    if on_bound is not None:
        on_bound(f"http://{settings.http_host}:{settings.http_port}")
    # One leader among the replicas runs the timed work and sends the outbox (the
    # Telegram sender ticks every second and is woken by handlers; e-mail by the tick).
    leader = Leadership(on_change=metrics.set_leader)  # /metrics: frammote_leader
    now = clock or (lambda: datetime.now(settings.tz))
    sender = OutboxSender(
        lambda: deliver_outbox(bot_app.bot, now(), email=settings.email_enabled),
        leading=leader.leading,
    )
    bot_app.bot_data[SENDER] = sender
    scheduler = create_scheduler(settings, None)
    polling: asyncio.Task[None] | None = None

    async def start_bot() -> None:  # each step may be tried again: Telegram may not answer
        nonlocal polling
        await bot_app.initialize()
        await set_commands(bot_app)
        if not bot_app.running:
            await bot_app.start()
        if poller is None:
            await bot_app.bot.set_webhook(
                f"{settings.webhook_url.rstrip('/')}{WEBHOOK_PATH}",
                secret_token=secret,  # type: ignore[union-attr]
            )
        elif polling is None:
            polling = asyncio.create_task(poller.run(stop))  # ends at `stop`

    try:
        if await start_until_stopped(start_bot, stop):
            staff_jobs.schedule(scheduler, bot_app.bot, settings)  # rosters, lists, day's end
            leader_only(scheduler, leader.leading)
            await leader.start()
            sender.start()
            scheduler.start()
            log.info("Frammøte is running")
            if on_started is not None:
                await on_started()
            await stop.wait()
    finally:
        log.info("Stopping")
        if scheduler.running:
            scheduler.shutdown(wait=False)

        async def step_down() -> None:  # another replica takes over at its next round
            await sender.stop()
            await leader.stop()

        await stop_bot(
            bot_app, stop_web=runner.cleanup, polling=polling, release_leadership=step_down
        )
        await runner.cleanup()


def _bot_username(bot_app: object) -> str | None:
    # Known once the Application is initialised (getMe); the web app asks later.
    try:
        return bot_app.bot.username  # type: ignore[attr-defined]
    except RuntimeError:
        return None


def _polling_state(poller: Poller) -> str:
    return "polling" if poller.running else "stopped"


def _webhook_state(bot_app: object) -> str:
    return "webhook" if getattr(bot_app, "running", False) else "starting"


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    return stop
