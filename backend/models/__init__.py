"""Tortoise models, one module per aggregate; imported here so Tortoise finds them."""

from backend.models.attendance import Absence, AbsenceCategory, AttendanceDay, AttendanceStatus
from backend.models.audit import AuditEvent
from backend.models.outbox import OutboxMessage, OutboxStatus
from backend.models.people import Participant, Programme, Staff, StaffRole
from backend.models.telegram import CodeAttempt, Invite, LinkRole, TelegramLink
from backend.models.unit import Closure, PayRate, Unit

__all__ = [
    "Absence",
    "AbsenceCategory",
    "AttendanceDay",
    "AttendanceStatus",
    "AuditEvent",
    "Closure",
    "CodeAttempt",
    "Invite",
    "LinkRole",
    "OutboxMessage",
    "OutboxStatus",
    "Participant",
    "PayRate",
    "Programme",
    "Staff",
    "StaffRole",
    "TelegramLink",
    "Unit",
]
