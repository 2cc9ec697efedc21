"""Tortoise models, one module per aggregate, imported here so Tortoise finds them.

Each foreign key also declares its column (`participant_id: int`): Tortoise fills it,
the annotation lets the type checker know it.

No semicolons in model docstrings: they become table comments, and the SQLite
migration splits statements on them.
"""

from backend.models.attendance import Absence, AbsenceCategory, AttendanceDay, AttendanceStatus
from backend.models.audit import AuditEvent
from backend.models.candidates import Business, Candidate, CandidateStage, Presentation
from backend.models.checkin import CheckIn, ParticipantPicture, Tablet, TabletPairing
from backend.models.feeds import CalendarFeed
from backend.models.intake import (
    Evaluation,
    EvaluationOutcome,
    FinalReport,
    Intake,
    MeetingMinutes,
    Recommendation,
)
from backend.models.jobs import JobRun, Lease
from backend.models.kvp import KvpApplication, KvpDecisionPeriod
from backend.models.meetings import Meeting, MeetingKind
from backend.models.messages import ParticipantMessage
from backend.models.outbox import OutboxMessage, OutboxStatus
from backend.models.people import Participant, Programme, Staff, StaffRole
from backend.models.pupils import ClassYear, Need, Pupil
from backend.models.roster import RosterMessage
from backend.models.sessions import ChatState, LoginToken, SignInAttempt, WebSession
from backend.models.telegram import CodeAttempt, Invite, LinkRole, TelegramLink
from backend.models.unit import Closure, PayRate, Unit
from backend.models.updates import HandledUpdate, UpdateState
from backend.models.vta import VtaPath, VtaPathStep, VtaPlacesCreated

__all__ = [
    "Absence",
    "AbsenceCategory",
    "AttendanceDay",
    "AttendanceStatus",
    "AuditEvent",
    "Business",
    "CalendarFeed",
    "Candidate",
    "CandidateStage",
    "ChatState",
    "CheckIn",
    "ClassYear",
    "Closure",
    "CodeAttempt",
    "Evaluation",
    "EvaluationOutcome",
    "FinalReport",
    "HandledUpdate",
    "Intake",
    "Invite",
    "JobRun",
    "KvpApplication",
    "KvpDecisionPeriod",
    "Lease",
    "LinkRole",
    "LoginToken",
    "Meeting",
    "MeetingKind",
    "MeetingMinutes",
    "Need",
    "OutboxMessage",
    "OutboxStatus",
    "Participant",
    "ParticipantMessage",
    "ParticipantPicture",
    "PayRate",
    "Presentation",
    "Programme",
    "Pupil",
    "Recommendation",
    "RosterMessage",
    "SignInAttempt",
    "Staff",
    "StaffRole",
    "Tablet",
    "TabletPairing",
    "TelegramLink",
    "Unit",
    "UpdateState",
    "VtaPath",
    "VtaPathStep",
    "VtaPlacesCreated",
    "WebSession",
]
