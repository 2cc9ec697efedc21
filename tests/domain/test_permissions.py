from __future__ import annotations

import pytest

from backend.access.permissions import TABLE, Action, may

C, L, K = "contact", "leader", "coordinator"

CASES = [
    # role, action, same_unit, is_contact_person, allowed
    (C, Action.UNIT_VIEW, True, None, True),
    (C, Action.UNIT_EDIT, True, None, False),
    (L, Action.UNIT_EDIT, True, None, True),
    (K, Action.UNIT_EDIT, False, None, False),
    (C, Action.PARTICIPANT_VIEW, True, None, True),
    (C, Action.PARTICIPANT_EDIT, True, None, False),
    (L, Action.PARTICIPANT_EDIT, True, None, True),
    (L, Action.PARTICIPANT_IMPORT, True, None, False),
    (K, Action.PARTICIPANT_IMPORT, True, None, True),
    (C, Action.INVITE_MANAGE, True, None, False),
    (L, Action.INVITE_MANAGE, True, None, True),
    (C, Action.LINK_VIEW, True, None, True),
    (C, Action.LINK_MANAGE, True, None, False),
    (K, Action.LINK_MANAGE, True, None, True),
    (C, Action.ATTENDANCE_EDIT, True, None, True),
    (C, Action.ATTENDANCE_EDIT, False, None, False),
    (C, Action.ABSENCE_NOTE, True, True, True),
    (K, Action.ABSENCE_NOTE, True, False, False),
    (L, Action.ABSENCE_NOTE, True, True, True),
    (C, Action.REPORT_ATTENDANCE, True, None, True),
    (C, Action.REPORT_PAYROLL, True, None, False),
    (L, Action.REPORT_PAYROLL, True, None, True),
    (C, Action.REPORT_CAPACITY, True, None, False),
    (C, Action.AUDIT_VIEW, True, None, False),
    (K, Action.AUDIT_VIEW, True, None, True),
    (L, Action.STAFF_MANAGE, True, None, False),
    (C, Action.STAFF_MANAGE, True, None, False),
    (K, Action.STAFF_MANAGE, True, None, True),
    (K, Action.STAFF_MANAGE, False, None, False),
    (C, Action.DEADLINE_VIEW, True, None, True),
    (C, Action.MEETING_EDIT, True, None, False),
    ("participant", Action.SIGNED_IN, True, None, False),
    ("", Action.UNIT_VIEW, True, None, False),
]


@pytest.mark.parametrize(("role", "action", "same_unit", "contact", "allowed"), CASES)
def test_permission_table(
    role: str, action: Action, same_unit: bool, contact: bool | None, allowed: bool
) -> None:
    assert may(role, action, same_unit=same_unit, is_contact_person=contact) is allowed


def test_every_action_has_a_row_and_the_coordinator_may_do_everything() -> None:
    assert set(TABLE) == set(Action)
    assert all(may(K, action) for action in Action)
    assert not any(may(K, action, same_unit=False) for action in Action)
