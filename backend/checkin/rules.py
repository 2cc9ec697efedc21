"""Check-in at the door, the pure part: pairing codes, the tiles' symbols and states, the
hours a visit gives, and which queued taps are taken.

Hours from a visit: the minutes between the tap on arrival and the tap on leaving, to the
NEAREST quarter hour, a tie (7.5 minutes past a quarter) rounded up. A visit of less than
7.5 minutes gives no hours (staff decide), and a visit longer than the day's most (12 h,
the pay rules' limit) is proposed as 12. The hours are a proposal: staff confirm them.

A mistaken "gone" is undone by a tap on the tile ("back"): the visit is open again, its
leaving time removed. Not once staff have stored the day: confirmed attendance is
changed on the attendance page, never from the door. A "back" older than the leaving it
would undo is refused: it is stale (another tablet's later leaving came between).

A tap queued on a tablet without network keeps its own time. It is taken with that time
when it is from the service's same day and not in the future (a tablet's clock may run a
little ahead: up to two minutes ahead counts as now).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from backend.pay.rules import MAX_HOURS_PER_DAY, QUARTER_HOUR
from backend.shared.errors import N_

PAIRING_DIGITS = 6
PAIRING_VALID_FOR = timedelta(minutes=10)
CLOCK_AHEAD = timedelta(minutes=2)
MAX_NAME = 100
MAX_KEY = 64


class TapAction(StrEnum):
    IN = "in"
    OUT = "out"
    BACK = "back"  # "gone" was a mistake: the visit is open again


class TileState(StrEnum):
    EXPECTED = "expected"
    IN = "in"
    OUT = "out"


# The symbols a participant without a photo can have: (key, picture, name for staff).
SYMBOLS: tuple[tuple[str, str, str], ...] = (
    ("sun", "☀️", N_("Sol")),
    ("star", "⭐", N_("Stjerne")),
    ("moon", "🌙", N_("Måne")),
    ("tree", "🌳", N_("Tre")),
    ("flower", "🌷", N_("Blomst")),
    ("apple", "🍎", N_("Eple")),
    ("cat", "🐱", N_("Katt")),
    ("dog", "🐶", N_("Hund")),
    ("fish", "🐟", N_("Fisk")),
    ("bird", "🐦", N_("Fugl")),
    ("heart", "❤️", N_("Hjerte")),
    ("car", "🚗", N_("Bil")),
    ("bike", "🚲", N_("Sykkel")),
    ("boat", "⛵", N_("Båt")),
    ("ball", "⚽", N_("Ball")),
    ("music", "🎵", N_("Musikk")),
)
SYMBOL_PICTURES = {key: picture for key, picture, _name in SYMBOLS}
DEFAULT_SYMBOL = "star"


def symbol_picture(key: str | None) -> str:
    """The picture of a stored symbol; a participant with none gets the default one."""
    return SYMBOL_PICTURES.get(key or "", SYMBOL_PICTURES[DEFAULT_SYMBOL])


def normal_code(text: str | None) -> str | None:
    """The pairing code as typed, without spaces or dashes; None unless six digits."""
    digits = "".join((text or "").split()).replace("-", "")
    if len(digits) != PAIRING_DIGITS or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def format_code(code: str) -> str:
    """Shown as two groups of three, easier to read out and type: 123 456."""
    return f"{code[:3]} {code[3:]}"


def first_name(name: str) -> str:
    """Only the first name goes on a tile: the tablet hangs where anyone passes."""
    parts = name.split()
    return parts[0] if parts else ""


def visit_hours(arrived: datetime, left: datetime) -> Decimal | None:
    """The hours of a visit, to the nearest quarter hour (ties up), at most 12; None for
    a visit of less than 7.5 minutes, or one that ends before it began."""
    minutes = Decimal((left - arrived).total_seconds()) / 60
    quarters = (minutes / 15).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    hours = quarters * QUARTER_HOUR
    if hours <= 0:
        return None
    return min(hours, MAX_HOURS_PER_DAY).quantize(Decimal("0.01"))


def visit_minutes(arrived: datetime, left: datetime) -> int:
    """The whole minutes of a visit, as staff are shown a visit too short for hours."""
    return max(0, int((left - arrived).total_seconds() // 60))


def tap_refusal(at: datetime, now: datetime) -> str | None:
    """Why a tap with its own time `at` is not taken (a msgid), or None. Both are aware;
    `now` is in the service's time zone, whose day counts."""
    if at > now + CLOCK_AHEAD:
        return N_("Trykket har et tidspunkt fram i tid.")
    if at.astimezone(now.tzinfo).date() != now.date():
        return N_("Trykket er fra en annen dag.")
    return None


def tap_time(at: datetime, now: datetime) -> datetime:
    """The time stored for a taken tap: its own, but never later than now."""
    return min(at, now)


@dataclass(frozen=True)
class Visit:
    arrived: datetime | None
    left: datetime | None

    @property
    def state(self) -> TileState:
        if self.arrived is None:
            return TileState.EXPECTED
        return TileState.IN if self.left is None else TileState.OUT


class TapOutcome(StrEnum):
    DONE = "done"  # stored
    ALREADY = "already"  # the same tap again, or the state is already what it asks


def next_state(
    visit: Visit, action: TapAction, at: datetime, *, confirmed: bool = False
) -> TapOutcome | str:
    """What a tap does to a visit: DONE, ALREADY, or a refusal (a msgid). `confirmed`:
    staff have stored the participant's attendance for the day."""
    if action is TapAction.IN:
        return TapOutcome.ALREADY if visit.arrived is not None else TapOutcome.DONE
    if visit.arrived is None:
        return N_("Ikke sjekket inn i dag.")
    if action is TapAction.BACK:
        if visit.left is None:
            return TapOutcome.ALREADY
        if confirmed:
            return N_("Dagen er allerede bekreftet. En ansatt kan rette den på siden Oppmøte.")
        if at < visit.left:
            return N_("Trykket for å komme tilbake kom før trykket for å gå.")
        return TapOutcome.DONE
    if visit.left is not None:
        return TapOutcome.ALREADY
    if at < visit.arrived:
        return N_("Trykket for å gå kom før trykket for å komme.")
    return TapOutcome.DONE
