"""What a day of attendance can be (pure); backend.models re-exports the enum for the migrations."""

from __future__ import annotations

from enum import StrEnum


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    ABSENT_NOTIFIED = "absent_notified"
    ABSENT_UNNOTIFIED = "absent_unnotified"
    CLOSED = "closed"
