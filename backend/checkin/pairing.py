"""Pairing a unit's tablet: a one-time code from a leader, typed on the tablet once.

The code (six digits) is valid for ten minutes and used once; the database keeps only
its hash. Pairing gives the tablet a long random token for its cookie (only its hash is
kept either): the tablet is then the unit's until a leader unpairs it, and its next
request shows the pairing screen again. Wrong codes are held back as refused sign-ins
are: ten from one address in fifteen minutes, and thirty from all addresses together
(so guessing a live code among a million is hopeless), hold pairing back for a while.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.transactions import in_transaction

from backend.access.sign_in import hash_secret, new_secret, staff_actor
from backend.checkin.rules import MAX_NAME, PAIRING_DIGITS, PAIRING_VALID_FOR, normal_code
from backend.models import SignInAttempt, Staff, Tablet, TabletPairing, Unit
from backend.shared import audit, throttle
from backend.shared.clock import utc
from backend.shared.errors import N_, RuleError
from backend.shared.throttle import Limit

REFUSED = N_("Koden virker ikke. Be en leder om en ny kode på siden «Nettbrett».")
ADDRESS_LIMIT = Limit(10, timedelta(minutes=15))
ALL_LIMIT = Limit(30, timedelta(minutes=15))
ATTEMPT_PREFIX = "tablet:"  # the refused codes are kept beside the refused sign-ins
SEEN_EVERY = timedelta(minutes=1)


class TooManyCodes(RuleError):
    def __init__(self) -> None:
        super().__init__(N_("For mange feil koder. Vent et kvarter og prøv igjen."))


@dataclass(frozen=True)
class NewCode:
    code: str
    expires_at: datetime


@dataclass(frozen=True)
class Paired:
    tablet: Tablet
    token: str  # the only copy: for the tablet's cookie


def _subject(tablet: Tablet) -> str:
    return f"tablet:{tablet.id}"


async def new_code(staff: Staff, name: str, now: datetime) -> NewCode:
    """A pairing code for a tablet of the staff member's unit, named `name`."""
    name = " ".join(name.split())
    if not name:
        raise RuleError(N_("Gi nettbrettet et navn, for eksempel «Inngangen»."))
    if len(name) > MAX_NAME:
        raise RuleError(N_("Navnet kan ha høyst {count} tegn."), count=MAX_NAME)
    code = "".join(secrets.choice("0123456789") for _ in range(PAIRING_DIGITS))
    expires = now + PAIRING_VALID_FOR
    async with in_transaction():
        await TabletPairing.create(
            unit_id=staff.unit_id,
            name=name,
            code_hash=hash_secret(code),
            made_by=staff_actor(staff),
            expires_at=utc(expires),
        )
        await audit.record(staff_actor(staff), "tablet.code", f"unit:{staff.unit_id}", name=name)
    return NewCode(code, expires)


async def _refused(address: str, now: datetime) -> RuleError:
    await SignInAttempt.create(remote=f"{ATTEMPT_PREFIX}{address}"[:64], at=utc(now))
    return RuleError(REFUSED)


async def pair(typed: str, now: datetime, *, remote: str | None = None) -> Paired:
    """Use a pairing code once: a new tablet of the code's unit, with its secret token."""
    address = (remote or "")[:50]
    mine = SignInAttempt.filter(remote=f"{ATTEMPT_PREFIX}{address}")
    every = SignInAttempt.filter(remote__startswith=ATTEMPT_PREFIX)
    if await throttle.reached(mine, ADDRESS_LIMIT, now) or await throttle.reached(
        every, ALL_LIMIT, now
    ):
        raise TooManyCodes()
    code = normal_code(typed)
    if code is None:
        raise await _refused(address, now)
    found = (
        await TabletPairing.filter(code_hash=hash_secret(code), used_at=None)
        .filter(expires_at__gt=utc(now))
        .order_by("-id")
        .first()
    )
    if found is None:
        raise await _refused(address, now)
    token = new_secret()
    async with in_transaction():
        # The conditional update is the claim: of two simultaneous uses one wins.
        if not await TabletPairing.filter(id=found.id, used_at=None).update(used_at=utc(now)):
            raise RuleError(REFUSED)
        tablet = await Tablet.create(
            unit_id=found.unit_id,
            name=found.name,
            token_hash=hash_secret(token),
            paired_at=utc(now),
            paired_by=found.made_by,
            last_seen_at=utc(now),
        )
        await audit.record(found.made_by, "tablet.pair", _subject(tablet), name=found.name,
                           remote=remote)  # fmt: skip
    return Paired(tablet, token)


async def tablet_for(token: str | None, now: datetime) -> Tablet | None:
    """The paired tablet a cookie names (its unit loaded), or None; notes when it was seen."""
    if not token or len(token) > 200:
        return None
    tablet = await Tablet.get_or_none(
        token_hash=hash_secret(token), unpaired_at=None
    ).prefetch_related("unit")
    if tablet is None:
        return None
    if tablet.last_seen_at is None or now - tablet.last_seen_at >= SEEN_EVERY:
        await Tablet.filter(id=tablet.id).update(last_seen_at=utc(now))
        tablet.last_seen_at = now
    return tablet


async def tablets(unit_id: int) -> list[Tablet]:
    """The unit's paired tablets, newest first."""
    return await Tablet.filter(unit_id=unit_id, unpaired_at=None).order_by("-paired_at", "-id")


async def unpair(staff: Staff, tablet_id: int, now: datetime) -> Tablet | None:
    """Unpair one of the staff member's unit's tablets; None when there is no such tablet."""
    tablet = await Tablet.get_or_none(id=tablet_id, unit_id=staff.unit_id, unpaired_at=None)
    if tablet is None:
        return None
    async with in_transaction():
        await Tablet.filter(id=tablet.id).update(unpaired_at=utc(now))
        await audit.record(staff_actor(staff), "tablet.unpair", _subject(tablet), name=tablet.name)
    return tablet


async def open_tablet(unit: Unit, name: str, now: datetime, *, actor: str) -> str:
    """A tablet token without a code, for the demo: a tablet named `name` of the unit is
    paired anew (the one of that name before is unpaired), and its token returned."""
    token = new_secret()
    async with in_transaction():
        await Tablet.filter(unit_id=unit.id, name=name, unpaired_at=None).update(
            unpaired_at=utc(now)
        )
        tablet = await Tablet.create(
            unit_id=unit.id, name=name, token_hash=hash_secret(token), paired_at=utc(now),
            paired_by=actor,
        )  # fmt: skip
        await audit.record(actor, "tablet.pair", _subject(tablet), name=name)
    return token
