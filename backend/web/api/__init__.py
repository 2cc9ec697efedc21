"""The JSON API under /api/: the same services, guards and unit scope as the pages.

Sign in with a one-time login token (`POST /api/sessions`) to get a bearer token, or
use the browser's session cookie (then unsafe methods need the X-CSRF-Token header).
Every route is described in openapi.py; a test checks the two agree. One module per
area, as the pages; each has a `routes` table.
"""

from __future__ import annotations

from backend.web.api import (
    attendance,
    candidate_report,
    candidates,
    intake,
    invites,
    kvp,
    participants,
    pupils,
    session,
    unit,
    vta,
)

MODULES = [
    session,
    unit,
    participants,
    intake,
    invites,
    attendance,
    kvp,
    vta,
    candidates,
    candidate_report,
    pupils,
]
