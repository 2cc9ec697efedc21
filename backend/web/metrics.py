"""/metrics in Prometheus's text format, for operators only.

With METRICS_TOKEN set it asks for `Authorization: Bearer <token>`; unset, it answers
only a client on loopback that came through no proxy (no X-Forwarded-For), so it is never
public by accident. What waits in the outbox is read from the database at each scrape.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Iterator
from datetime import UTC, datetime

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from backend.models import OutboxMessage, OutboxStatus
from backend.shared.metrics import REGISTRY
from backend.web.guards import public

METRICS_TOKEN = web.AppKey("metrics_token", str)


class OutboxSnapshot(Collector):
    """The outbox as the database held it at the scrape."""

    def __init__(self, waiting: int | None, oldest_seconds: float | None) -> None:
        self.waiting = waiting
        self.oldest_seconds = oldest_seconds

    def collect(self) -> Iterator[GaugeMetricFamily]:
        up = GaugeMetricFamily("frammote_database_up", "1 when the database answered")
        up.add_metric([], 0 if self.waiting is None else 1)
        yield up
        if self.waiting is None:
            return
        yield GaugeMetricFamily(
            "frammote_outbox_waiting",
            "Outbox messages due and not yet sent (pending or being sent)",
            value=self.waiting,
        )
        yield GaugeMetricFamily(
            "frammote_outbox_oldest_waiting_seconds",
            "How long the oldest due message has waited",
            value=self.oldest_seconds or 0.0,
        )


async def outbox_snapshot(now: datetime) -> OutboxSnapshot:
    try:
        due = OutboxMessage.filter(
            status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING], due_at__lte=now
        )
        waiting = await due.count()
        oldest = await due.order_by("due_at").first().values_list("due_at", flat=True)
    except Exception:  # the scrape still answers: frammote_database_up says why
        return OutboxSnapshot(None, None)
    seconds = (now - oldest).total_seconds() if isinstance(oldest, datetime) else 0.0
    return OutboxSnapshot(waiting, max(seconds, 0.0))


def allowed(request: web.Request, token: str | None) -> bool:
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(given.encode(), token.encode())
    if "X-Forwarded-For" in request.headers or "Forwarded" in request.headers:
        return False
    peer = request.remote or ""
    try:
        return ipaddress.ip_address(peer).is_loopback
    except ValueError:
        return False


@public  # guarded here: a bearer token or loopback, not a staff session
async def metrics(request: web.Request) -> web.Response:
    if not allowed(request, request.app.get(METRICS_TOKEN)):
        raise web.HTTPNotFound()
    scrape = CollectorRegistry()
    scrape.register(await outbox_snapshot(datetime.now(UTC)))
    body = generate_latest(REGISTRY) + generate_latest(scrape)
    response = web.Response(body=body)
    response.content_type = CONTENT_TYPE_LATEST.split(";")[0]
    response.charset = "utf-8"
    return response


def add_metrics_route(app: web.Application, token: str | None) -> None:
    if token:
        app[METRICS_TOKEN] = token
    app.router.add_get("/metrics", metrics)
