"""Reading a file in a worker process: the memory cap and the time limit hold, the worker
is gone afterwards, and the worker's refusals arrive as the user's message."""

from __future__ import annotations

import multiprocessing
import time

import pytest

from backend.people.table_file import Table, TableLimits
from backend.people.table_reader import WorkerLimits, read_table
from backend.shared.errors import RuleError
from tests.support.xlsx_files import (
    GOOD_ROW,
    IMPORT_HEADER,
    huge_cell_workbook,
    row_xml,
    slow_workbook,
    xlsx_from_rows,
)

TOO_BIG = "Filen er for stor til å lese. Del den opp i mindre filer."


async def test_a_forged_dimension_is_read_as_the_rows_it_holds() -> None:
    content = xlsx_from_rows(
        [row_xml(1, IMPORT_HEADER), row_xml(2, GOOD_ROW)], dimension="A1:XFD100000"
    )
    table = await read_table("liste.xlsx", content)
    assert table == Table(
        header=["id", "navn", "fødselsdato", "ukedager", "tid", "kontaktperson"],
        rows=[(2, ["P60", "Siri Strand", "1984-02-03", "man,ons", "09:00-14:00", "S1"])],
    )
    assert multiprocessing.active_children() == []


async def test_a_file_that_needs_more_memory_than_the_cap_is_too_big() -> None:
    content = huge_cell_workbook(120)  # 120 MB of text in one cell
    assert len(content) < 1_000_000
    with pytest.raises(RuleError) as refused:
        await read_table(
            "x.xlsx",
            content,
            TableLimits(unpacked_bytes=10**9),  # past the first guard, to the memory cap
            WorkerLimits(memory_bytes=100 * 1024 * 1024),
        )
    assert refused.value.message == TOO_BIG
    assert multiprocessing.active_children() == []


async def test_a_worker_past_its_time_is_killed_and_the_user_told() -> None:
    content = slow_workbook(100_000)  # seconds of work
    started = time.monotonic()
    with pytest.raises(RuleError) as refused:
        await read_table("x.xlsx", content, worker=WorkerLimits(seconds=1.0))
    assert refused.value.message == "Det tok for lang tid å lese filen. Del den opp i mindre filer."
    assert time.monotonic() - started < 10  # it did not run to the end
    assert multiprocessing.active_children() == []  # killed and reaped


async def test_the_workers_refusal_keeps_its_parameters() -> None:
    rows = [row_xml(1, ["id"])] + [row_xml(n, [f"P{n}"]) for n in range(2, 6)]
    with pytest.raises(RuleError) as refused:
        await read_table("x.xlsx", xlsx_from_rows(rows), TableLimits(max_rows=3))
    assert (refused.value.message, refused.value.params) == (
        "Filen har mer enn {count} rader",
        {"count": 3},
    )
