"""Why a day is closed, in words (pure)."""

from __future__ import annotations

from backend.calendar.rules import DayKind
from backend.shared.i18n import N_, Gettext

CLOSURE_KINDS: dict[str, str] = {
    DayKind.FELLESFERIE: N_("fellesferie"),
    DayKind.CHRISTMAS: N_("jul"),
}


def closure_words(kind: DayKind, reasons: tuple[str, ...], _: Gettext) -> str:
    """` (Skjærtorsdag)` or ` (summer holiday)`: why a day is closed, or nothing."""
    if reasons:
        return f" ({', '.join(reasons)})"
    if kind in CLOSURE_KINDS:
        return f" ({_(CLOSURE_KINDS[kind])})"
    return ""
