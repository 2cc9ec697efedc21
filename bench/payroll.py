"""Benchmark: a unit's monthly payroll over a year of attendance, on SQLite and PostgreSQL.

    .venv/bin/python -m bench.payroll                      # 10,000 participants, both databases
    .venv/bin/python -m bench.payroll --participants 500 --databases sqlite

For each database: a fresh migrated schema; one unit with N participants (Monday to
Friday) and a row in attendance_day for each of their opening days of the year
(about 235 a year each: 10,000 participants give about 2.35 million rows), mostly
present with varying quarter hours, some absent; bulk-inserted (sqlite3 executemany,
asyncpg COPY), then ANALYZE. A second pay rate starts mid-month, so every
participant's month has two rate parts (the worst case for payroll's query).

Then, alternately and after a warm-up, it times `payroll(unit, year, month)` (the
service, with its one aggregate query and the lines built in Python) and one
hand-written GROUP BY over the same rows (count and sum of hours per participant of
the unit in the month), through the same connection, and prints the medians and the
ratio; also payroll's aggregate query alone, to tell the database's share from the
Python that builds the lines. It checks that both agree on the month's days and hours.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg

from backend.calendar.rules import UnitCalendar
from backend.calendar.settings import add_pay_rate, pay_rates
from backend.models import AttendanceDay, Participant, StaffRole, Unit
from backend.pay.payroll import _aggregate_sql, _buckets, month_bounds, parse_month, payroll
from backend.people import registry as people
from backend.shared.db import database, migrate

# Present hours: quarter hours around a 09:00–14:00 decision.
HOURS = ("5.00", "5.00", "5.00", "5.00", "4.50", "3.75", "6.25", "2.00")
STATUSES = ("present",) * 90 + ("absent_notified",) * 7 + ("absent_unnotified",) * 3
COLUMNS = ("participant_id", "day", "status", "hours", "confirmed_by_name", "confirmed_at")
CONFIRMED_AT = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Figures:
    database: str
    rows: int
    insert_seconds: float
    payroll_seconds: float
    query_seconds: float  # payroll's aggregate query alone
    baseline_seconds: float
    lines: int

    @property
    def ratio(self) -> float:
        return self.payroll_seconds / self.baseline_seconds


def attendance_rows(participant_ids: list[int], year: int, seed: int) -> Iterator[tuple[Any, ...]]:
    """One row per participant and opening day of the year (default unit calendar)."""
    opening = UnitCalendar().opening_days(date(year, 1, 1), date(year, 12, 31))
    rng = random.Random(seed)
    for pid in participant_ids:
        for day in opening:
            status = rng.choice(STATUSES)
            hours = rng.choice(HOURS) if status == "present" else "0.00"
            yield pid, day, status, hours, "Bench", CONFIRMED_AT


async def build_people(participants: int) -> tuple[Unit, list[int]]:
    """Unit, staff and participants through the ORM (bulk), so every column gets its default."""
    unit = await people.add_unit("BENCH", "Benchmark", actor="bench")
    staff = await people.add_staff("BENCH", "BS1", "Bench Staff", StaffRole.CONTACT, actor="bench")
    await Participant.bulk_create(
        [
            Participant(
                code=f"B{n:06d}",
                unit=unit,
                name=f"Deltaker {n:06d}",
                birth_date=date(1980, 1, 1),
                weekdays="1,2,3,4,5",
                day_start="09:00",
                day_end="14:00",
                contact=staff,
            )
            for n in range(participants)
        ],
        batch_size=1000,
    )
    ids = await Participant.filter(unit_id=unit.id).order_by("id").values_list("id", flat=True)
    return unit, list(ids)


def insert_sqlite(path: Path, rows: Iterator[tuple[Any, ...]]) -> int:
    """executemany in one transaction; values stored as Tortoise stores them (ISO text)."""
    count = 0

    def as_text() -> Iterator[tuple[Any, ...]]:
        nonlocal count
        for pid, day, status, hours, name, at in rows:
            count += 1
            yield pid, day.isoformat(), status, hours, name, at.isoformat(sep=" ")

    with sqlite3.connect(path) as conn:
        conn.executemany(
            f"INSERT INTO attendance_day ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)",
            as_text(),
        )
        conn.commit()
        conn.execute("ANALYZE")
    return count


async def insert_postgres(url: str, rows: Iterator[tuple[Any, ...]]) -> int:
    """COPY through asyncpg, then VACUUM ANALYZE (as autovacuum would in time)."""
    count = 0

    def typed() -> Iterator[tuple[Any, ...]]:
        nonlocal count
        for pid, day, status, hours, name, at in rows:
            count += 1
            yield pid, day, status, Decimal(hours), name, at

    conn = await asyncpg.connect(url)
    try:
        await conn.copy_records_to_table("attendance_day", records=typed(), columns=COLUMNS)
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()
    return count


def baseline_sql(postgres: bool) -> str:
    mark = (lambda n: f"${n}") if postgres else (lambda n: "?")
    return f"""
        SELECT a.participant_id, COUNT(*) AS days, SUM(a.hours) AS hours
        FROM attendance_day a
        JOIN participant p ON p.id = a.participant_id
        WHERE p.unit_id = {mark(1)} AND a.status = {mark(2)}
          AND a.day >= {mark(3)} AND a.day <= {mark(4)}
        GROUP BY a.participant_id
    """


async def timed(work: Callable[[], Awaitable[Any]]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = await work()
    return time.perf_counter() - start, result


async def measure(
    name: str, url: str, args: argparse.Namespace, insert: Callable[[list[int]], Awaitable[int]]
) -> Figures:
    year, month = args.year_month
    await migrate(url)
    async with database(url, apply_migrations=False):
        unit, ids = await build_people(args.participants)
        first, _last = month_bounds(year, month)
        await add_pay_rate(unit, first.replace(day=15), 1700, actor="bench")
    print(f"{name}: {len(ids):,} participants; inserting attendance …", flush=True)
    start = time.perf_counter()
    rows = await insert(ids)
    insert_seconds = time.perf_counter() - start
    print(f"{name}: {rows:,} attendance rows in {insert_seconds:.1f} s", flush=True)

    async with database(url, apply_migrations=False):
        unit = await Unit.get(code="BENCH")
        db = AttendanceDay._meta.db
        postgres = db.capabilities.dialect != "sqlite"
        first, last = month_bounds(year, month)
        values: list[Any] = [unit.id, "present", first, last]
        if not postgres:
            values = [unit.id, "present", first.isoformat(), last.isoformat()]
        query = baseline_sql(postgres)
        # payroll's own query, to tell the database's share from the Python's.
        buckets = _buckets(await pay_rates(unit), first, last)
        our_query, our_values = _aggregate_sql(
            db.capabilities.dialect, unit.id, buckets, first, last
        )

        async def ours() -> Any:
            return await payroll(unit, year, month)

        async def theirs() -> Any:
            return (await db.execute_query(query, values))[1]

        async def ours_query() -> Any:
            return (await db.execute_query(our_query, our_values))[1]

        await ours()  # warm-up: caches, plans, the first connection
        await theirs()
        ours_s: list[float] = []
        query_s: list[float] = []
        theirs_s: list[float] = []
        for _ in range(args.repeat):
            seconds, lines = await timed(ours)
            ours_s.append(seconds)
            seconds, _rows = await timed(ours_query)
            query_s.append(seconds)
            seconds, baseline = await timed(theirs)
            theirs_s.append(seconds)
    check(lines, baseline)
    return Figures(
        name,
        rows,
        insert_seconds,
        statistics.median(ours_s),
        statistics.median(query_s),
        statistics.median(theirs_s),
        len(lines),
    )


def check(lines: list[Any], baseline: list[Any]) -> None:
    """Both answers count the same days and hours, or the timing means nothing."""
    days = sum(int(row[1]) for row in baseline)
    hours = sum(Decimal(str(row[2])) for row in baseline)
    ours = (sum(line.days for line in lines), sum(line.hours for line in lines))
    if ours != (days, hours) or len(lines) != len(baseline):
        raise SystemExit(f"payroll and the GROUP BY disagree: {ours} != {(days, hours)}")


async def run_sqlite(args: argparse.Namespace, folder: Path) -> Figures:
    path = folder / "bench.db"
    year = args.year_month[0]

    async def insert(ids: list[int]) -> int:
        return await asyncio.to_thread(insert_sqlite, path, attendance_rows(ids, year, args.seed))

    return await measure("sqlite", f"sqlite://{path}", args, insert)


async def run_postgres(args: argparse.Namespace) -> Figures:
    server = None
    admin_url = args.postgres_url
    if admin_url is None:
        from tests.support.postgres import PostgresServer  # the tests' throwaway server

        server = PostgresServer()
        admin_url = server.start()
    url = admin_url.rsplit("/", 1)[0] + "/frammote_bench"
    try:
        admin = await asyncpg.connect(admin_url)
        try:
            await admin.execute("DROP DATABASE IF EXISTS frammote_bench WITH (FORCE)")
            await admin.execute("CREATE DATABASE frammote_bench")
        finally:
            await admin.close()
        year = args.year_month[0]

        async def insert(ids: list[int]) -> int:
            return await insert_postgres(url, attendance_rows(ids, year, args.seed))

        return await measure("postgres", url, args, insert)
    finally:
        if server is not None:
            server.stop()


def report(figures: list[Figures], args: argparse.Namespace) -> None:
    year, month = args.year_month
    print()
    print(f"payroll {year:04d}-{month:02d}, median of {args.repeat} runs after a warm-up")
    print(
        f"{'database':<10} {'rows':>11} {'payroll s':>10} {'its query s':>12} "
        f"{'GROUP BY s':>11} {'ratio':>6} {'query ratio':>12} {'lines':>7}"
    )
    for f in figures:
        print(
            f"{f.database:<10} {f.rows:>11,} {f.payroll_seconds:>10.3f} {f.query_seconds:>12.3f} "
            f"{f.baseline_seconds:>11.3f} {f.ratio:>6.2f} "
            f"{f.query_seconds / f.baseline_seconds:>12.2f} {f.lines:>7,}"
        )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench.payroll", description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument(
        "--month", default="2026-04", help="YYYY-MM; a year of data is made for its year"
    )
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument(
        "--postgres-url", help="an existing server's admin URL (else a throwaway one)"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    args.year_month = parse_month(args.month)
    if args.participants < 1 or args.repeat < 1:
        parser.error("--participants and --repeat must be at least 1")
    return args


async def main(argv: list[str] | None = None) -> list[Figures]:
    args = parse_args(argv)
    wanted = [d.strip() for d in args.databases.split(",") if d.strip()]
    folder = Path(tempfile.mkdtemp(prefix="frammote-bench-"))
    figures = []
    try:
        for name in wanted:
            if name == "sqlite":
                figures.append(await run_sqlite(args, folder))
            elif name == "postgres":
                figures.append(await run_postgres(args))
            else:
                raise SystemExit(f"unknown database {name!r}: use sqlite, postgres")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report(figures, args)
    return figures


if __name__ == "__main__":
    asyncio.run(main())
