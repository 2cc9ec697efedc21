"""Who among the staff may do what on the web pages and the JSON API.

One table, read as: an action is allowed for the roles listed, and only within the
staff member's own unit ("nobody sees another unit"). Two actions are narrower still:

* the private free text of an absence is shown only to that participant's own
  contact person (domain: "free text is optional and seen only by the contact
  person"), whatever their role;
* importing participants in bulk is the coordinator's job alone, and so is
  deactivating (offboarding) and reactivating staff, and a participant's data
  rights: exporting everything stored about them, or erasing it.

| action              | contact | leader | coordinator |
|---------------------|:-------:|:------:|:-----------:|
| unit.view           |    x    |   x    |      x      |
| unit.edit           |         |   x    |      x      |
| participant.view    |    x    |   x    |      x      |
| participant.edit    |         |   x    |      x      |
| participant.import  |         |        |      x      |
| invite.manage       |         |   x    |      x      |
| link.view           |    x    |   x    |      x      |
| link.manage         |         |   x    |      x      |
| absence.view        |    x    |   x    |      x      |
| absence.note        |  own contact person only (any role)  |
| attendance.view     |    x    |   x    |      x      |
| attendance.edit     |    x    |   x    |      x      |
| deadline.view       |    x    |   x    |      x      |
| meeting.edit        |         |   x    |      x      |
| report.attendance   |    x    |   x    |      x      |
| report.payroll      |         |   x    |      x      |
| report.capacity     |         |   x    |      x      |
| audit.view          |         |   x    |      x      |
| staff.manage        |         |        |      x      |
| person.data         |         |        |      x      |
| candidate.view      |   own   |   x    |      x      |
| candidate.edit      |   own   |   x    |      x      |
| pupil.view          |         |   x    |      x      |
| pupil.edit          |         |        |      x      |
| intake.edit         |         |   x    |      x      |
| evaluation.edit     |   own   |   x    |      x      |
| kvp.view            |   own   |   x    |      x      |
| kvp.edit            |   own   |   x    |      x      |
| vta.view            |    x    |   x    |      x      |
| vta.edit            |         |   x    |      x      |
| report.candidates   |         |   x    |      x      |
| tablet.manage       |         |   x    |      x      |
| picture.edit        |         |   x    |      x      |

Before a place (seeds 001–003): candidates are followed by the coordinators and the
leaders; a contact person sees and edits only the candidates and KVP applications they
follow themselves ("own": the route is open to them, the use case narrows it with
`follows`). Pupils are known to the coordinators (who call the status meeting) and the
leaders; only a coordinator edits the register. Intake with NAV is the leaders' step;
an evaluation conversation is recorded by the participant's contact person or a leader.

The check-in tablet at the door is paired and unpaired by the unit's leaders, who also
record a participant's consent to a photo and choose the tile's photo or symbol; the
tablet itself signs in with its own token, not as a staff member.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A staff member's role, stored on Staff (backend.models re-exports it as StaffRole)."""

    CONTACT = "contact"
    LEADER = "leader"
    COORDINATOR = "coordinator"


class Action(StrEnum):
    SIGNED_IN = "signed_in"  # any signed-in staff member: home page, sign-out
    UNIT_VIEW = "unit.view"
    UNIT_EDIT = "unit.edit"
    PARTICIPANT_VIEW = "participant.view"
    PARTICIPANT_EDIT = "participant.edit"
    PARTICIPANT_IMPORT = "participant.import"
    INVITE_MANAGE = "invite.manage"
    LINK_VIEW = "link.view"
    LINK_MANAGE = "link.manage"
    ABSENCE_VIEW = "absence.view"
    ABSENCE_NOTE = "absence.note"
    MESSAGE_READ = "message.read"  # a participant's own message, for their contact person
    ATTENDANCE_VIEW = "attendance.view"
    ATTENDANCE_EDIT = "attendance.edit"
    DEADLINE_VIEW = "deadline.view"
    MEETING_EDIT = "meeting.edit"
    REPORT_ATTENDANCE = "report.attendance"
    REPORT_PAYROLL = "report.payroll"
    REPORT_CAPACITY = "report.capacity"
    AUDIT_VIEW = "audit.view"
    STAFF_MANAGE = "staff.manage"
    PERSON_DATA = "person.data"  # export or erase everything about a participant
    CANDIDATE_VIEW = "candidate.view"
    CANDIDATE_EDIT = "candidate.edit"
    PUPIL_VIEW = "pupil.view"
    PUPIL_EDIT = "pupil.edit"
    INTAKE_EDIT = "intake.edit"
    EVALUATION_EDIT = "evaluation.edit"
    KVP_VIEW = "kvp.view"
    KVP_EDIT = "kvp.edit"
    KVP_ASSIGN = "kvp.assign"  # hand an application to another counsellor
    VTA_VIEW = "vta.view"
    VTA_EDIT = "vta.edit"
    REPORT_CANDIDATES = "report.candidates"
    TABLET_MANAGE = "tablet.manage"  # pair and unpair the unit's check-in tablets
    PICTURE_EDIT = "picture.edit"  # a participant's tile: symbol, photo and its consent
    READ_ALOUD = "participant.read_aloud"  # "🔊 Les opp" for a participant


_ALL = frozenset(Role)
_LEADS = frozenset({Role.LEADER, Role.COORDINATOR})

TABLE: dict[Action, frozenset[Role]] = {
    Action.SIGNED_IN: _ALL,
    Action.UNIT_VIEW: _ALL,
    Action.UNIT_EDIT: _LEADS,
    Action.PARTICIPANT_VIEW: _ALL,
    Action.PARTICIPANT_EDIT: _LEADS,
    Action.PARTICIPANT_IMPORT: frozenset({Role.COORDINATOR}),
    Action.INVITE_MANAGE: _LEADS,
    Action.LINK_VIEW: _ALL,
    Action.LINK_MANAGE: _LEADS,
    Action.ABSENCE_VIEW: _ALL,
    # Any role may hold it, but only for their own participants (see `may`).
    Action.ABSENCE_NOTE: _ALL,
    # Any role, but the lookup shows only the staff member's own participants' messages.
    Action.MESSAGE_READ: _ALL,
    Action.ATTENDANCE_VIEW: _ALL,
    Action.ATTENDANCE_EDIT: _ALL,
    Action.DEADLINE_VIEW: _ALL,
    Action.MEETING_EDIT: _LEADS,
    Action.REPORT_ATTENDANCE: _ALL,
    Action.REPORT_PAYROLL: _LEADS,
    Action.REPORT_CAPACITY: _LEADS,
    Action.AUDIT_VIEW: _LEADS,
    Action.STAFF_MANAGE: frozenset({Role.COORDINATOR}),
    Action.PERSON_DATA: frozenset({Role.COORDINATOR}),
    # "own" for a contact person: narrowed to what they follow by `follows`.
    Action.CANDIDATE_VIEW: _ALL,
    Action.CANDIDATE_EDIT: _ALL,
    Action.PUPIL_VIEW: _LEADS,
    Action.PUPIL_EDIT: frozenset({Role.COORDINATOR}),
    Action.INTAKE_EDIT: _LEADS,
    Action.EVALUATION_EDIT: _ALL,
    Action.KVP_VIEW: _ALL,
    Action.KVP_EDIT: _ALL,
    Action.KVP_ASSIGN: _LEADS,
    Action.VTA_VIEW: _ALL,
    Action.VTA_EDIT: _LEADS,
    Action.REPORT_CANDIDATES: _LEADS,
    Action.TABLET_MANAGE: _LEADS,
    Action.PICTURE_EDIT: _LEADS,
    Action.READ_ALOUD: _ALL,
}

# Actions a contact person holds only for what they follow themselves.
OWN_ONLY_FOR_CONTACT = frozenset(
    {
        Action.CANDIDATE_VIEW,
        Action.CANDIDATE_EDIT,
        Action.EVALUATION_EDIT,
        Action.KVP_VIEW,
        Action.KVP_EDIT,
        Action.READ_ALOUD,
    }
)


def may(role: str, action: Action, *, same_unit: bool = True) -> bool:
    """True when a staff member in `role` may do `action`.

    `same_unit` says whether the thing acted on belongs to the staff member's unit.
    ABSENCE_NOTE and MESSAGE_READ open the route; what it then shows is narrowed by
    `sees_private_words`.
    """
    try:
        parsed = Role(role)
    except ValueError:
        return False  # an unknown role gets nothing
    return same_unit and parsed in TABLE[action]


def sees_private_words(
    staff_id: int, role: str, contact_id: int | None, contact_active: bool
) -> bool:
    """A participant's private words (an absence's note, their own messages) are for
    their contact person in force, whatever the role. While there is none (none set, or
    the one set was deactivated), the unit's leaders and coordinators stand in. The
    caller has checked that the participant is in the staff member's unit."""
    if contact_id is not None and contact_active:
        return contact_id == staff_id
    return role in (Role.LEADER, Role.COORDINATOR)


def follows(staff_id: int, role: str, action: Action, follower_id: int | None) -> bool:
    """Whether a staff member may act on one candidate, KVP application or participant's
    evaluation that `follower_id` follows (the caller has checked the unit and `may`).
    Leaders and coordinators act on all of their unit's; a contact person on their own."""
    if role in (Role.LEADER, Role.COORDINATOR):
        return True
    if role == Role.CONTACT and action in OWN_ONLY_FOR_CONTACT:
        return follower_id == staff_id
    return role == Role.CONTACT and action in TABLE and Role.CONTACT in TABLE[action]
