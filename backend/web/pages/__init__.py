"""The staff pages, one module per area; each has a `routes` table."""

from __future__ import annotations

from backend.web.pages import (
    absences,
    attendance,
    attendance_lists,
    audit,
    candidates,
    data_rights,
    deadlines,
    imports,
    intake,
    invites,
    kvp,
    links,
    messages,
    participants,
    pupils,
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
    pupils,
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
    audit,
    imports,
    staff,
    kvp,
    vta,
    candidates,
)
