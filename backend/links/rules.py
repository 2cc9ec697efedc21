"""Who a Telegram link speaks for (pure); backend.models re-exports the enum for the migrations."""

from __future__ import annotations

from enum import StrEnum


class LinkRole(StrEnum):
    PARTICIPANT = "participant"
    RELATIVE = "relative"
    STAFF = "staff"
