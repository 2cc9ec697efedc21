"""Benchmark: one daily reminder pass over 1,000, 10,000 and 100,000 participants.

    .venv/bin/python -m bench.reminders                  # SQLite and a throwaway PostgreSQL
    .venv/bin/python -m bench.reminders --sizes 1000 10000 --databases sqlite
    FRAMMOTE_BENCH_POSTGRES_URL=postgres://…/postgres .venv/bin/python -m bench.reminders

For each database and size it builds a fresh database (20 units, 5 staff each with a
Telegram link, participants spread over the units with dated facts, and four weeks
of attendance for a tenth of them), then times one `run_daily_pass` on a Monday (a
weekly check day, so the low-use and eligibility checks run too) and counts the
statements sent (Tortoise's query logger: a bulk insert is one statement). It
prints seconds, statements, messages written, and each size's time as a ratio of
the smallest size's time per participant: near 1.0 means linear.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg

from backend import reminders
from backend.models import (
    AttendanceDay,
    AttendanceStatus,
    LinkRole,
    OutboxMessage,
    Participant,
    Programme,
    Staff,
    StaffRole,
    TelegramLink,
    Unit,
)
from backend.reminders.querycount import count_queries
from backend.shared.db import database, migrate

OSLO = ZoneInfo("Europe/Oslo")
DAY = date(2026, 9, 7)  # a Monday: the weekly checks run too
UNITS = 20
STAFF_PER_UNIT = 5
ROLES = (
    StaffRole.LEADER,
    StaffRole.COORDINATOR,
    StaffRole.CONTACT,
    StaffRole.CONTACT,
    StaffRole.CONTACT,
)
ATTENDANCE_SHARE = 10  # one participant in ten has four weeks of attendance recorded
FACTS = {
    "lives_in_municipality": True,
    "wants_service": True,
    "needs_day_adaptation": True,
    "multidisciplinary_assessment": True,
    "can_work_in_group": True,
    "no_heavy_shielding_need": True,
    "full_disability_benefit": True,
}


@dataclass
class Measure:
    database: str
    participants: int
    seconds: float
    statements: int
    messages: int


async def populate(participants: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    units = [
        Unit(code=f"U{n:02}", name=f"Enhet {n}", places=participants // UNITS + 10)
        for n in range(UNITS)
    ]
    await Unit.bulk_create(units)
    units = await Unit.all().order_by("code")
    staff = [
        Staff(code=f"S{u.code}{k}", unit_id=u.id, name=f"Ansatt {u.code}-{k}", role=ROLES[k])
        for u in units
        for k in range(STAFF_PER_UNIT)
    ]
    await Staff.bulk_create(staff)
    staff = await Staff.all().order_by("code")
    await TelegramLink.bulk_create(
        [
            TelegramLink(
                telegram_user_id=10_000 + s.id,
                chat_id=10_000 + s.id,
                role=LinkRole.STAFF,
                staff_id=s.id,
                display_name=s.name,
                language="nb",
            )
            for s in staff
        ]
    )
    contacts = {
        u.id: [s.id for s in staff if s.unit_id == u.id and s.role == StaffRole.CONTACT]  # type: ignore[attr-defined]
        for u in units
    }
    rows = []
    for n in range(participants):
        unit = units[n % UNITS]
        pupil = n % 50 == 0
        kvp = n % 40 == 1
        followed = n % 3 == 0
        rows.append(
            Participant(
                code=f"P{n:06}",
                unit_id=unit.id,
                name=f"Deltaker {n}",
                birth_date=date(
                    1960 + rng.randrange(45), rng.randrange(1, 13), rng.randrange(1, 29)
                )
                if not pupil
                else date(2009, rng.randrange(1, 13), rng.randrange(1, 29)),
                programme=Programme.KVP
                if kvp
                else (Programme.ACTIVITY_PLACE if pupil else Programme.AOK),
                weekdays="1,2,3,4,5" if n % 4 else "1,3,5",
                day_start="09:00",
                day_end="14:00",
                contact_id=rng.choice(contacts[unit.id]),
                temporary=n % 7 == 0,
                decision_end=DAY + timedelta(days=rng.randrange(400)) if n % 7 == 0 else None,
                next_evaluation=DAY + timedelta(days=rng.randrange(-200, 200)),
                list_start=DAY - timedelta(days=rng.randrange(1, 200)) if followed else None,
                nav_followed=followed,
                pupil=pupil,
                kvp_approved_on=DAY - timedelta(days=rng.randrange(200)) if kvp else None,
                eligibility={} if n % 11 == 0 else FACTS,
            )
        )
    await Participant.bulk_create(rows, batch_size=10_000)
    ids = await Participant.all().order_by("id").values_list("id", flat=True)
    confirmed = datetime(2026, 9, 4, 15, tzinfo=OSLO)
    attendance = []
    for pid in ids[::ATTENDANCE_SHARE]:
        for back in range(1, 29):
            day = DAY - timedelta(days=back)
            if day.weekday() >= 5:
                continue
            present = rng.random() < (0.3 if pid % 20 == 0 else 0.9)
            attendance.append(
                AttendanceDay(
                    participant_id=pid,
                    day=day,
                    status=AttendanceStatus.PRESENT
                    if present
                    else AttendanceStatus.ABSENT_NOTIFIED,
                    confirmed_by_name="bench",
                    confirmed_at=confirmed,
                )
            )
    await AttendanceDay.bulk_create(attendance, batch_size=20_000)


async def measure_one(db_url: str, label: str, participants: int) -> Measure:
    await migrate(db_url)
    async with database(db_url, apply_migrations=False):
        await populate(participants)
        now = datetime.combine(DAY, datetime.min.time(), OSLO).replace(hour=6)
        with count_queries() as counter:
            started = time.perf_counter()
            await reminders.run_daily_pass(now)
            seconds = time.perf_counter() - started
        messages = await OutboxMessage.all().count()
    return Measure(label, participants, seconds, counter.count, messages)


async def _admin(admin_url: str, statement: str) -> None:
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


async def run(sizes: list[int], databases: list[str]) -> list[Measure]:
    results: list[Measure] = []
    server = None
    admin_url = os.environ.get("FRAMMOTE_BENCH_POSTGRES_URL")
    if "postgres" in databases and not admin_url:
        from tests.support.postgres import PostgresServer

        server = PostgresServer()
        admin_url = server.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            for label in databases:
                for size in sizes:
                    if label == "sqlite":
                        url = f"sqlite://{Path(folder) / f'bench_{size}.db'}"
                    else:
                        assert admin_url is not None
                        name = f"bench_reminders_{size}"
                        await _admin(admin_url, f"DROP DATABASE IF EXISTS {name}")
                        await _admin(admin_url, f"CREATE DATABASE {name}")
                        url = admin_url.rsplit("/", 1)[0] + "/" + name
                    result = await measure_one(url, label, size)
                    results.append(result)
                    print(_row(result, results), flush=True)
                    if label == "postgres" and admin_url:
                        await _admin(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        if server is not None:
            server.stop()
    return results


def _row(m: Measure, so_far: list[Measure]) -> str:
    base = next(r for r in so_far if r.database == m.database)
    ratio = (m.seconds / m.participants) / (base.seconds / base.participants)
    return (
        f"{m.database:9} {m.participants:>8,} participants  {m.seconds:7.2f} s  "
        f"{m.statements:3} statements  {m.messages:>7,} messages  "
        f"time per participant vs {base.participants:,}: {ratio:4.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"]
    )
    args = parser.parse_args()
    print(f"One daily pass on {DAY} (a Monday), {UNITS} units:")
    asyncio.run(run(args.sizes, args.databases))


if __name__ == "__main__":
    main()
