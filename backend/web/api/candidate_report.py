"""The coordinators' report as numbers: candidates per stage, entries and exits per month,
median days per stage and the funnel, for the caller's own unit."""

from __future__ import annotations

from aiohttp import web

from backend.access.permissions import Action
from backend.pathway.report import report_for_staff
from backend.pathway.report_rules import read_range
from backend.pathway.rules import STAGE_NAMES
from backend.shared.errors import RuleError
from backend.web.api.common import refused
from backend.web.guards import requires
from backend.web.keys import CLOCK, GETTEXT, STAFF

routes = web.RouteTableDef()


@routes.get("/api/reports/candidates")
@requires(Action.REPORT_CANDIDATES)
async def candidate_report(request: web.Request) -> web.Response:
    today = request.app[CLOCK]().date()
    try:
        query = request.query
        first, last = read_range(query.get("from", ""), query.get("to", ""), today)
        unit, found = await report_for_staff(request[STAFF], first, last, today)
    except RuleError as error:
        return refused(request, error)
    _ = request[GETTEXT]
    return web.json_response(
        {
            "unit": unit.code,
            "from": found.first.isoformat(),
            "to": found.last.isoformat(),
            "total": found.total,
            "stages": [
                {
                    "stage": c.stage.value,
                    "name": _(STAGE_NAMES[c.stage]),
                    "count": c.in_place,
                    "pending": c.pending,
                    "text": c.text,
                }
                for c in found.stages
            ],
            "months": [
                {"month": m.month.isoformat()[:7], "entries": m.entries, "exits": m.exits}
                for m in found.months
            ],
            "days_in_stage": [
                {"stage": t.stage.value, "median_days": t.median_days, "stays": t.stays}
                for t in found.times
            ],
            "funnel": [
                {"stage": r.stage.value, "reached": r.reached, "applied_only": r.applied_only}
                for r in found.funnel
            ],
        }
    )
