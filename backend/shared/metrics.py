"""What the process counts for /metrics (Prometheus): one registry, written from anywhere.

The bot counts the updates it handles and how long each took, the outbox what it sent and
what failed; what waits in the outbox is read from the database at each scrape
(backend/web/metrics.py). `set_leader` is the hook for the process that runs the
scheduled work: 1 while it does.
"""

from __future__ import annotations

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    disable_created_metrics,
)

disable_created_metrics()  # no *_created series: they double what is scraped

REGISTRY = CollectorRegistry(auto_describe=True)
ProcessCollector(registry=REGISTRY)  # RSS, CPU seconds, open files
PlatformCollector(registry=REGISTRY)

UPDATES = Counter(
    "frammote_updates_handled",
    "Telegram updates handled, by kind (message, callback_query, …)",
    ["kind"],
    registry=REGISTRY,
)
UPDATE_ERRORS = Counter(
    "frammote_update_errors",
    "Telegram updates whose handler failed (the user was told to try again)",
    registry=REGISTRY,
)
HANDLER_SECONDS = Histogram(
    "frammote_handler_seconds",
    "Time from taking an update to having handled it",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
    registry=REGISTRY,
)
OUTBOX_SENT = Counter(
    "frammote_outbox_sent",
    "Outbox messages (reminders, notices, e-mail) sent, by template",
    ["template"],
    registry=REGISTRY,
)
OUTBOX_FAILED = Counter(
    "frammote_outbox_failed",
    "Outbox send attempts that failed, by template; final=true when no retry follows",
    ["template", "final"],
    registry=REGISTRY,
)
LEADER = Gauge(
    "frammote_leader",
    "1 while this process runs the scheduled work (passes, rosters, the outbox sender)",
    registry=REGISTRY,
)


def set_leader(leading: bool) -> None:
    LEADER.set(1 if leading else 0)
