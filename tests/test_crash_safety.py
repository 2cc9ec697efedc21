"""Two replicas behind nginx on one PostgreSQL; one is killed in the middle of a burst.

As in production (deploy/compose.yaml): `frammote run` twice as real processes in webhook
mode, nginx in front of both, the Telegram stand-in posting each update through nginx
until some replica answers 2xx, as Telegram does. 24 participants report absence at
once; the replica handling the ninth report is killed with SIGKILL after Telegram took
its confirmation but before it learned so, and started again. Every absence must be
stored once, every contact person told once, every participant confirmed.

PostgreSQL only: several processes on one SQLite file is not a supported set-up.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from backend.absence.report import day_kinds
from backend.calendar.plan_rules import PlanKind
from backend.models import (
    Absence,
    AbsenceCategory,
    HandledUpdate,
    LinkRole,
    OutboxMessage,
    OutboxStatus,
    Participant,
    StaffRole,
    UpdateState,
)
from backend.people import registry as people
from backend.telegram_standin import TelegramStandin
from bot.handlers.participant import ReportAbsence
from tests.conftest import BACKENDS
from tests.support.nginx import Nginx, free_port, running_nginx
from tests.support.telegram import TOKEN
from tests.support.world import link

REPO = Path(__file__).resolve().parents[1]
OSLO = ZoneInfo("Europe/Oslo")
PARTICIPANTS, STAFF = 24, 8
KILLED_AT = 9  # the ninth report of the burst is in hand when its replica is killed
SECRET = "crash-safety-secret"
FRAMMOTE = "import sys; from backend.cli import main; sys.exit(main())"


@dataclass
class Person:
    code: str
    name: str
    user_id: int
    contact_user_id: int = 0
    participant_id: int = 0


@dataclass
class Replica:
    """`frammote run` as a real process, on a port of its own."""

    name: str
    env: dict[str, str]
    directory: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    def start(self) -> None:
        self.starts += 1
        log = (self.directory / f"{self.name}-{self.starts}.log").open("wb")
        env = {**self.env, "FRAMMOTE_HTTP": f"127.0.0.1:{self.port}"}
        self.process = subprocess.Popen(
            [sys.executable, "-c", FRAMMOTE, "run"],  # `frammote run`, from this checkout
            cwd=self.directory,  # no .env of the project folder is read
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    async def healthy(self, http: aiohttp.ClientSession) -> None:
        for _ in range(600):
            assert self.process is not None and self.process.poll() is None, self.logs()
            try:
                async with http.get(f"http://127.0.0.1:{self.port}/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.05)
        raise AssertionError(f"{self.name} never became healthy:\n{self.logs()}")

    async def kill(self) -> None:
        assert self.process is not None
        os.kill(self.pid, signal.SIGKILL)
        await asyncio.to_thread(self.process.wait)

    async def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            await asyncio.to_thread(self.process.wait, 10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            await asyncio.to_thread(self.process.wait)

    def logs(self) -> str:
        return "\n".join(
            p.read_text(errors="replace")[-3000:] for p in self.directory.glob("*.log")
        )


def replica_env(database_url: str, api_root: str, webhook_url: str) -> dict[str, str]:
    ours = ("TELEGRAM_", "WEBHOOK_", "FRAMMOTE_", "SMTP_", "DATABASE_URL", "BOT_USERNAME")
    env = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    return env | {
        "PYTHONPATH": str(REPO),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": api_root,
        "DATABASE_URL": database_url,
        "WEBHOOK_URL": webhook_url,  # nginx: plain http, which a local Bot API server takes
        "WEBHOOK_SECRET": SECRET,  # the same on both, as set by the operator
    }


async def seed(today: date) -> list[Person]:
    """24 participants (every weekday planned), 8 contact persons, all linked to chats."""
    await people.add_unit("AOK", "Arbeid og kvalifisering", actor="test", phone="33 00 00 00")
    for n in range(1, STAFF + 1):
        await people.add_staff("AOK", f"S{n}", f"Kontakt {n}", StaffRole.CONTACT, actor="test")
        await link(f"S{n}", LinkRole.STAFF, 7000 + n, f"Kontakt {n}")
    persons = []
    for n in range(1, PARTICIPANTS + 1):
        staff = (n - 1) % STAFF + 1  # neighbours in the burst have different contacts
        person = Person(f"P{n:02}", f"Deltaker {n:02} Nordmann", 5000 + n, 7000 + staff)
        participant = await people.add_participant(
            people.NewParticipant(
                "AOK",
                person.code,
                person.name,
                date(1990, 1, 1) + timedelta(days=n),
                frozenset(range(1, 8)),
                time(9),
                time(14),
                f"S{staff}",
            ),
            actor="test",
            today=today,
        )
        person.participant_id = participant.id
        await link(person.code, LinkRole.PARTICIPANT, person.user_id, person.name)
        persons.append(person)
    return persons


async def open_day(participant_id: int, today: date) -> date:
    """The first day from today the unit is open and the participant expected."""
    participant = await Participant.get(id=participant_id)
    kinds = await day_kinds(participant, today, today + timedelta(days=20))
    return min(day for day, kind in kinds.items() if kind is PlanKind.PLANNED)


def shown(standin: TelegramStandin, chat_id: int, start: str) -> list[str]:
    """Every text the bot showed in the chat (sent or edited into), in order."""
    chat = standin.hub.resolve(TOKEN).chats.get(chat_id)
    events = chat.events if chat else []
    return [
        e.message.text
        for e in events
        if e.kind in ("bot", "edit") and e.message is not None and e.message.text.startswith(start)
    ]


@pytest.fixture
async def behind_nginx(
    db: str, standin: TelegramStandin, tmp_path: Path
) -> AsyncIterator[tuple[Nginx, list[Replica]]]:
    """nginx in front of two replicas (not started yet) on the test's database."""
    ports = [free_port(), free_port()]
    replicas: list[Replica] = []
    with running_nginx(tmp_path / "nginx", ports) as nginx:
        env = replica_env(db, standin.api_root, nginx.url)
        for name, port in zip(("a", "b"), ports, strict=True):
            directory = tmp_path / name
            directory.mkdir()
            replicas.append(Replica(name, env, directory, port))
        try:
            yield nginx, replicas
        finally:
            for replica in replicas:
                await replica.stop()


async def wait_until(condition: object, seconds: float, what: str) -> None:
    for _ in range(int(seconds * 20)):
        if await condition():  # type: ignore[operator]
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"not within {seconds} s: {what}")


async def test_a_replica_killed_mid_burst_loses_nothing_and_doubles_nothing(
    behind_nginx: tuple[Nginx, list[Replica]], standin: TelegramStandin
) -> None:
    _nginx, (a, b) = behind_nginx
    today = datetime.now(OSLO).date()
    persons = await seed(today)
    day = await open_day(persons[0].participant_id, today)
    a.start()
    b.start()
    async with aiohttp.ClientSession() as http:
        await asyncio.gather(a.healthy(http), b.healthy(http))
        # Everyone presses Start, 20 a second: two replicas each answering at their own pace
        # would together pass Telegram's 30 messages a second, which the stand-in refuses.
        for user in [*range(7001, 7001 + STAFF), *(p.user_id for p in persons)]:
            await standin.send_text(user, "/start", token=TOKEN)
            await asyncio.sleep(0.05)
        menus = {
            p.user_id: await standin.wait_for(p.user_id, timeout=30, token=TOKEN) for p in persons
        }
        for user in range(7001, 7001 + STAFF):
            await standin.wait_for(user, timeout=30, token=TOKEN)
        # A replica still starting when the first updates came was passed over by nginx
        # for its fail_timeout (1 s): past it, nginx takes turns between both again.
        await asyncio.sleep(1.5)

        # The burst: every participant taps "sick" at once. The ninth confirmation is
        # taken by Telegram, but its answer is held until the replica is dead.
        held = standin.hold("editMessageText", chat_id=persons[KILLED_AT - 1].user_id)
        burst = {}
        for p in persons:
            data = ReportAbsence.of(p.participant_id, day, day, AbsenceCategory.SICK).pack()
            await standin.tap(p.user_id, menus[p.user_id].message_id, data, True, token=TOKEN)
            burst[p.user_id] = standin.pending_updates(TOKEN)[-1]["update_id"]
        await asyncio.wait_for(held.reached.wait(), 30)

        [in_hand] = await HandledUpdate.filter(state=UpdateState.HANDLING).all()
        assert in_hand.update_id == burst[persons[KILLED_AT - 1].user_id]
        victim = a if in_hand.holder.split(":")[1] == str(a.pid) else b
        assert in_hand.holder.split(":")[1] == str(victim.pid)
        waiting = len(standin.pending_updates(TOKEN))
        first_pids = {str(a.pid), str(b.pid)}
        await victim.kill()
        held.release()
        assert waiting >= PARTICIPANTS - KILLED_AT  # the rest of the burst had not come yet
        victim.start()
        await victim.healthy(http)

        async def all_answered() -> bool:
            return not standin.pending_updates(TOKEN)

        await wait_until(all_answered, 45, "every update answered 2xx")

        async def all_told() -> bool:
            sent = await OutboxMessage.filter(
                template="absence_reported", status=OutboxStatus.SENT
            ).count()
            return sent >= PARTICIPANTS

        await wait_until(all_told, 30, "every notice sent")

    # Every absence stored once.
    absences = await Absence.all()
    assert len(absences) == PARTICIPANTS
    assert sorted(x.participant_id for x in absences) == sorted(p.participant_id for p in persons)
    assert {x.day for x in absences} == {day}
    # Every contact person told once of each of their participants.
    for p in persons:
        # One line per notice, alone or listed in one message with others for that chat.
        told = sum(t.count(f"{p.name} er borte") for t in shown(standin, p.contact_user_id, ""))
        assert told == 1, p.name
    assert await OutboxMessage.filter(template="absence_reported").count() == PARTICIPANTS
    # Every participant confirmed; the one killed in hand was handled again after all.
    for p in persons:
        assert len(shown(standin, p.user_id, "Takk! Du er meldt borte")) == 1, p.name
    # Handled again, the tap in hand found its absence stored: the confirmation it had
    # already shown stays as it was, and the tap (answered before the kill; Telegram refuses
    # a second answer) is not answered again.
    killed = persons[KILLED_AT - 1].user_id
    assert shown(standin, killed, "Meldt fra før") == []
    assert [a["user_id"] for a in standin.callback_answers].count(killed) == 1
    rows = await HandledUpdate.filter(update_id__in=list(burst.values())).all()
    assert len(rows) == PARTICIPANTS and all(r.state == UpdateState.DONE for r in rows)
    taken_over = next(r for r in rows if r.update_id == in_hand.update_id)
    assert taken_over.holder != in_hand.holder
    # The burst was split across the two replicas before the kill.
    before = {r.holder.split(":")[1] for r in rows if r.update_id < in_hand.update_id}
    assert before == first_pids


if "postgres" not in BACKENDS:  # like every test's PostgreSQL half in a SQLite-only run
    del test_a_replica_killed_mid_burst_loses_nothing_and_doubles_nothing
else:
    test_a_replica_killed_mid_burst_loses_nothing_and_doubles_nothing = pytest.mark.parametrize(
        "db_url", ["postgres"], indirect=True
    )(test_a_replica_killed_mid_burst_loses_nothing_and_doubles_nothing)
