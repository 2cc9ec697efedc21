"""Log lines for operators: one JSON object per event, or plain text (LOG_FORMAT).

No personal data: the code logs ids (chat, unit, outbox message), never names or message
text; the JSON form keeps an exception's type and stack but not its message, which may
quote the values of a failed SQL statement.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from datetime import UTC, datetime
from typing import Any, TextIO

# The attributes every LogRecord has; anything else came in `extra=` and is kept.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
# Chatty libraries: httpx logs every request URL, and Telegram's URLs carry the bot token.
QUIET = {"httpx": logging.WARNING, "httpcore": logging.WARNING, "apscheduler": logging.WARNING}


class JsonFormatter(logging.Formatter):
    """`{"ts": …, "level": …, "logger": …, "event": …}` on one line, plus `extra=` fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, stack = record.exc_info
            line["error"] = kind.__name__
            line["stack"] = "".join(traceback.format_tb(stack)).rstrip()
        return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging(log_format: str, *, stream: TextIO | None = None) -> None:
    """Log INFO and above to stderr in the chosen format (replacing earlier handlers)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    for name, level in QUIET.items():
        logging.getLogger(name).setLevel(level)
