"""Staff sign-in to the web pages: one-time login links and browser sessions.

A login link holds a random token valid for LOGIN_VALID_FOR and usable once; a
session cookie holds another random id. The database keeps only SHA-256 hashes of
both, so a copy of the database signs nobody in. Every sign-in is audited.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.transactions import in_transaction

from backend.models import LoginToken, SignInAttempt, Staff, StaffRole, WebSession
from backend.shared import audit, throttle
from backend.shared.clock import utc
from backend.shared.errors import N_, RuleError
from backend.shared.throttle import Limit

LOGIN_VALID_FOR = timedelta(minutes=10)
SESSION_VALID_FOR = timedelta(hours=10)  # a working day at the desk, then sign in again
LOGIN_PATH = "/login/"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(32)  # 256 bits


def staff_actor(staff: Staff) -> str:
    """How a staff member appears in the audit log."""
    return f"staff:{staff.code}"


async def issue_login_link(staff: Staff, now: datetime, *, actor: str | None = None) -> str:
    """A one-time sign-in path, `/login/<token>`, valid for ten minutes.

    The caller puts its own scheme and host in front (the bot's /login, the CLI).
    """
    if not staff.active:
        raise RuleError(N_("{name} er ikke aktiv og kan ikke logge inn"), name=staff.name)
    token = new_secret()
    async with in_transaction():
        await LoginToken.create(
            token_hash=hash_secret(token), staff=staff, expires_at=utc(now + LOGIN_VALID_FOR)
        )
        await audit.record(actor or staff_actor(staff), "auth.link", staff_actor(staff))
    return f"{LOGIN_PATH}{token}"


async def admin_link(now: datetime, staff_code: str | None = None) -> str:
    """A sign-in path for a coordinator: the one named, else the first active one.

    This is how the first coordinator gets in, before anyone has linked the bot.
    """
    query = Staff.filter(role=StaffRole.COORDINATOR, active=True)
    if staff_code is not None:
        query = query.filter(code=staff_code)
    staff = await query.order_by("id").first()
    if staff is None:
        if staff_code is not None:
            raise RuleError(N_("Ingen aktiv koordinator har id-en {code}"), code=staff_code)
        raise RuleError(
            N_("Det finnes ingen koordinator ennå. Legg til en med «frammote staff add»")
        )
    return await issue_login_link(staff, now, actor="cli")


@dataclass(frozen=True)
class SignedIn:
    """A new session; `cookie` is the only copy of the session id, for the browser."""

    session: WebSession
    cookie: str
    staff: Staff


REFUSED = N_("Innloggingslenken virker ikke lenger. Be boten om en ny med /login.")
# Ten refused sign-ins from one address within fifteen minutes hold it back for the
# rest of that window (sign-in links and /api/sessions alike).
SIGN_IN_LIMIT = Limit(10, timedelta(minutes=15))


class TooManyAttempts(RuleError):
    """Refused unseen: the address made too many refused sign-ins lately."""

    def __init__(self) -> None:
        super().__init__(N_("For mange forsøk på å logge inn. Vent et kvarter og prøv igjen."))


async def sign_in(token: str, now: datetime, *, remote: str | None = None) -> SignedIn:
    """Use a login token once and open a session; RuleError when it is unknown, used or old,
    TooManyAttempts when the address has been refused too often lately."""
    address = (remote or "")[:64]
    if await throttle.reached(SignInAttempt.filter(remote=address), SIGN_IN_LIMIT, now):
        raise TooManyAttempts()
    login = await LoginToken.get_or_none(token_hash=hash_secret(token)).prefetch_related("staff")
    if login is None:
        await SignInAttempt.create(remote=address, at=utc(now))
        raise RuleError(REFUSED)
    staff = login.staff
    if login.used_at is not None or login.expires_at <= now or not staff.active:
        await SignInAttempt.create(remote=address, at=utc(now))
        await audit.record("anonymous", "auth.refused", staff_actor(staff), remote=remote)
        raise RuleError(REFUSED)
    cookie = new_secret()
    async with in_transaction():
        # The conditional update is the claim: of two simultaneous uses one wins.
        claimed = await LoginToken.filter(id=login.id, used_at=None).update(used_at=utc(now))
        if not claimed:
            raise RuleError(REFUSED)
        session = await WebSession.create(
            session_hash=hash_secret(cookie),
            staff=staff,
            csrf_token=secrets.token_urlsafe(32),
            expires_at=utc(now + SESSION_VALID_FOR),
        )
        await audit.record(
            staff_actor(staff),
            "auth.sign_in",
            staff_actor(staff),
            session=session.id,
            remote=remote,
        )
    return SignedIn(session=session, cookie=cookie, staff=staff)


async def session_for(cookie: str, now: datetime) -> WebSession | None:
    """The session a cookie (or bearer token) names, if it is in force; staff and unit loaded."""
    if not cookie or len(cookie) > 200:
        return None
    session = await WebSession.get_or_none(
        session_hash=hash_secret(cookie), revoked_at=None
    ).prefetch_related("staff__unit")
    if session is None or session.expires_at <= now or not session.staff.active:
        return None
    return session


def csrf_matches(session: WebSession, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(session.csrf_token, given or "")


async def sign_out(session: WebSession, now: datetime) -> None:
    await WebSession.filter(id=session.id).update(revoked_at=utc(now))
    await audit.record(staff_actor(session.staff), "auth.sign_out", staff_actor(session.staff))
