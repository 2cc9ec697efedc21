"""An uploaded table is read in a worker process, capped in memory and time.

    table = await read_table(filename, content)          # backend.people.table_file.Table

The bot and the web pages share one event loop: a file parsed on it would stop both
(a 2.4 MB workbook held them for half a minute). So every file is read in a fresh
process (``spawn``: nothing of the server is inherited) whose address space is capped
with ``RLIMIT_AS``; the loop only waits. A worker that runs out of memory, dies, or
takes longer than ``WorkerLimits.seconds`` is killed, and the staff member is told the
file is too big or too slow to read. A fresh process per file costs a fraction of a
second and leaves nothing behind when a file is hostile.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import resource
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from backend.people import table_file
from backend.people.table_file import Table, TableLimits
from backend.shared.errors import N_, RuleError

TOO_SLOW = N_("Det tok for lang tid å lese filen. Del den opp i mindre filer.")


@dataclass(frozen=True)
class WorkerLimits:
    seconds: float = 20.0  # spawning takes under a second; a 2,000-row sheet a second more
    memory_bytes: int = 512 * 1024 * 1024  # the worker's whole address space


async def read_table(
    filename: str,
    content: bytes,
    limits: TableLimits | None = None,
    worker: WorkerLimits | None = None,
) -> Table:
    """The file's table, read off the event loop; a RuleError when it is refused."""
    limits = limits or TableLimits()
    worker = worker or WorkerLimits()
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(
        target=_work, args=(theirs, worker.memory_bytes), name="frammote-table-reader"
    )
    process.start()  # small arguments: the file goes through the pipe, in a thread
    theirs.close()
    loop = asyncio.get_running_loop()
    exchange = loop.run_in_executor(None, _exchange, ours, (filename, content, limits))
    try:
        outcome = await asyncio.wait_for(asyncio.shield(exchange), worker.seconds)
    except TimeoutError:
        raise RuleError(TOO_SLOW) from None
    finally:
        if process.is_alive():
            process.kill()
        await exchange  # returns once the worker is gone
        await loop.run_in_executor(None, process.join)
        process.close()
        ours.close()
    return _result(outcome)


def _exchange(conn: Connection, job: tuple[str, bytes, TableLimits]) -> tuple[Any, ...]:
    """Send the job and wait for the answer (in a thread; the loop stays free)."""
    try:
        conn.send(job)
        return conn.recv()  # type: ignore[no-any-return]
    except (EOFError, OSError):  # the worker died (killed, or out of memory)
        return ("too_big",)


def _result(outcome: tuple[Any, ...]) -> Table:
    match outcome:
        case ("ok", Table() as table):
            return table
        case ("refused", str(message), dict(params)):
            raise RuleError(message, **params)
        case _:
            raise RuleError(table_file.TOO_BIG)


def _work(conn: Connection, memory_bytes: int) -> None:
    """The worker: cap the address space, read the one file, answer, exit."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        filename, content, limits = conn.recv()
        try:
            answer: tuple[Any, ...] = ("ok", table_file.read_table(filename, content, limits))
        except RuleError as error:
            answer = ("refused", error.message, error.params)
        except MemoryError:
            answer = ("too_big",)
        del content
        conn.send(answer)
    finally:
        conn.close()
