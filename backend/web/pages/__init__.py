"""The staff pages, one module per area; each has a `routes` table."""

from __future__ import annotations

from backend.web.pages import (
    absences,
    attendance,
    audit,
    deadlines,
    imports,
    invites,
    links,
    participants,
    reports,
    session,
    unit,
)

MODULES = (
    session,
    unit,
    participants,
    invites,
    links,
    absences,
    attendance,
    deadlines,
    reports,
    audit,
    imports,
)
