"""Counts the statements Tortoise sends, through its own query logger.

Every `execute_*` of every Tortoise client logs one DEBUG record on
"tortoise.db_client"; a bulk insert is one `execute_many` (one statement with
many parameter sets). For the benchmark and the tests that prove a pass does not
query per participant.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

LOGGER = "tortoise.db_client"


class QueryCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0
        self.sql: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        # Keep the statement, never the values (a bulk insert carries thousands).
        self.sql.append(str(record.args[0]) if record.args else str(record.msg))


@contextmanager
def count_queries() -> Iterator[QueryCounter]:
    logger = logging.getLogger(LOGGER)
    counter = QueryCounter()
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.DEBUG)
    logger.propagate = False  # keep the flood out of other handlers
    logger.addHandler(counter)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)
        logger.propagate = propagate
