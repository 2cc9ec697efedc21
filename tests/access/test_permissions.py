from __future__ import annotations

import pytest

from backend.access.permissions import TABLE, Action, follows, may, sees_private_words

C, L, K = "contact", "leader", "coordinator"

CASES = [
    # role, action, same_unit, allowed
    (C, Action.UNIT_VIEW, True, True),
    (C, Action.UNIT_EDIT, True, False),
    (L, Action.UNIT_EDIT, True, True),
    (K, Action.UNIT_EDIT, False, False),
    (C, Action.PARTICIPANT_VIEW, True, True),
    (C, Action.PARTICIPANT_EDIT, True, False),
    (L, Action.PARTICIPANT_EDIT, True, True),
    (L, Action.PARTICIPANT_IMPORT, True, False),
    (K, Action.PARTICIPANT_IMPORT, True, True),
    (C, Action.INVITE_MANAGE, True, False),
    (L, Action.INVITE_MANAGE, True, True),
    (C, Action.LINK_VIEW, True, True),
    (C, Action.LINK_MANAGE, True, False),
    (K, Action.LINK_MANAGE, True, True),
    (C, Action.ATTENDANCE_EDIT, True, True),
    (C, Action.ATTENDANCE_EDIT, False, False),
    (C, Action.ABSENCE_NOTE, True, True),
    (K, Action.ABSENCE_NOTE, True, True),  # the route; the note: sees_private_words
    (L, Action.ABSENCE_NOTE, True, True),
    (C, Action.REPORT_ATTENDANCE, True, True),
    (C, Action.REPORT_PAYROLL, True, False),
    (L, Action.REPORT_PAYROLL, True, True),
    (C, Action.REPORT_CAPACITY, True, False),
    (C, Action.AUDIT_VIEW, True, False),
    (K, Action.AUDIT_VIEW, True, True),
    (L, Action.STAFF_MANAGE, True, False),
    (C, Action.STAFF_MANAGE, True, False),
    (K, Action.STAFF_MANAGE, True, True),
    (K, Action.STAFF_MANAGE, False, False),
    (C, Action.DEADLINE_VIEW, True, True),
    (C, Action.MEETING_EDIT, True, False),
    ("participant", Action.SIGNED_IN, True, False),
    ("", Action.UNIT_VIEW, True, False),
]


@pytest.mark.parametrize(("role", "action", "same_unit", "allowed"), CASES)
def test_permission_table(role: str, action: Action, same_unit: bool, allowed: bool) -> None:
    assert may(role, action, same_unit=same_unit) is allowed


@pytest.mark.parametrize(
    ("staff_id", "role", "contact_id", "contact_active", "sees"),
    [
        (7, "contact", 7, True, True),  # the participant's own contact person
        (7, "contact", 8, True, False),  # another staff member, whatever the role
        (7, "leader", 8, True, False),
        (7, "coordinator", 8, True, False),
        # No contact person in force (none set, or deactivated): the leaders stand in.
        (7, "leader", None, False, True),
        (7, "coordinator", 8, False, True),
        (7, "contact", None, False, False),
        (7, "contact", 8, False, False),
        (7, "nobody", None, False, False),  # an unknown role gets nothing
    ],
)
def test_private_words_are_for_the_contact_person_in_force(
    staff_id: int, role: str, contact_id: int | None, contact_active: bool, sees: bool
) -> None:
    assert sees_private_words(staff_id, role, contact_id, contact_active) is sees


def test_every_action_has_a_row_and_the_coordinator_may_do_everything() -> None:
    assert set(TABLE) == set(Action)
    assert all(may(K, action) for action in Action)
    assert not any(may(K, action, same_unit=False) for action in Action)


@pytest.mark.parametrize(
    ("staff_id", "role", "action", "follower_id", "allowed"),
    [
        (7, C, Action.CANDIDATE_VIEW, 7, True),  # their own candidate
        (7, C, Action.CANDIDATE_VIEW, 8, False),  # someone else's
        (7, C, Action.CANDIDATE_EDIT, None, False),  # nobody's yet: the coordinators'
        (7, C, Action.KVP_EDIT, 8, False),
        (7, C, Action.EVALUATION_EDIT, 7, True),
        (7, C, Action.READ_ALOUD, 7, True),  # "🔊 Les opp" for their own participant
        (7, C, Action.READ_ALOUD, 8, False),
        (7, L, Action.READ_ALOUD, 8, True),
        (7, L, Action.CANDIDATE_EDIT, 8, True),
        (7, K, Action.KVP_VIEW, None, True),
        (7, C, Action.VTA_VIEW, 8, True),  # not narrowed: the joint path is the unit's
        (7, C, Action.PUPIL_VIEW, 7, False),  # never a contact person's
        (7, "nobody", Action.CANDIDATE_VIEW, 7, False),
    ],
)
def test_a_contact_person_acts_only_on_what_they_follow(
    staff_id: int, role: str, action: Action, follower_id: int | None, allowed: bool
) -> None:
    assert follows(staff_id, role, action, follower_id) is allowed
