"""The staff pages, one module per area; each has a `routes` table."""

from __future__ import annotations

from backend.web.pages import (
    absences,
    attendance,
    attendance_lists,
    audit,
    candidates,
    candidates_report,
    data_rights,
    deadlines,
    imports,
    intake,
    invites,
    kvp,
    links,
    messages,
    participants,
    reports,
    session,
    staff,
    unit,
    vta,
)

MODULES = (
    session,
    unit,
    participants,
    data_rights,
    intake,
    invites,
    links,
    absences,
    messages,
    attendance,
    deadlines,
    reports,
    attendance_lists,
    candidates_report,
    audit,
    imports,
    staff,
    kvp,
    vta,
    candidates,
)
