"""Invites: random single-use codes, stored hashed, that link a Telegram user to a person."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from tortoise.transactions import in_transaction

from backend.models import CodeAttempt, Invite, LinkRole, TelegramLink
from backend.people.erased import check_not_erased
from backend.people.registry import participant_by_code, staff_by_code
from backend.shared import audit, throttle
from backend.shared.clock import utc
from backend.shared.errors import N_, RuleError
from backend.shared.throttle import Limit

VALID_FOR = timedelta(days=7)
# Five wrong codes within fifteen minutes lock the chat for the rest of that window.
MAX_WRONG_CODES = 5
LOCK_WINDOW = timedelta(minutes=15)
PER_CHAT = Limit(MAX_WRONG_CODES, LOCK_WINDOW)
# Across all chats (many chats guessing at once): thirty wrong codes a minute hold
# every redemption back for the rest of that minute.
OVERALL = Limit(30, timedelta(minutes=1))


def hash_code(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def new_code() -> str:
    # 128 bits in 22 characters of A-Za-z0-9_-: fits a Telegram deep link (≤ 64).
    return secrets.token_urlsafe(16)


@dataclass(frozen=True)
class IssuedInvite:
    code: str
    invite: Invite
    person_name: str

    def deep_link(self, bot_username: str) -> str:
        return f"https://t.me/{bot_username}?start={self.code}"


async def create_invite(
    person_code: str,
    role: LinkRole,
    *,
    actor: str,
    now: datetime,
    valid_for: timedelta = VALID_FOR,
    relative_name: str | None = None,
) -> IssuedInvite:
    if valid_for <= timedelta(0):
        raise RuleError(N_("En invitasjon må gjelde en stund"))
    if role == LinkRole.STAFF:
        staff = await staff_by_code(person_code)
        participant, name = None, staff.name
    else:
        participant = await participant_by_code(person_code)
        check_not_erased(participant)
        staff, name = None, participant.name
    code = new_code()
    async with in_transaction():
        invite = await Invite.create(
            code_hash=hash_code(code),
            role=role,
            participant=participant,
            staff=staff,
            relative_name=relative_name,
            expires_at=utc(now + valid_for),
            created_by=actor,
        )
        await audit.record(actor, "invite.create", f"{role.value}:{person_code}", invite=invite.id)
    return IssuedInvite(code=code, invite=invite, person_name=name)


class Redeemed(StrEnum):
    LINKED = "linked"
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    LOCKED = "locked"
    BUSY = "busy"  # too many wrong codes from all chats: wait a minute


@dataclass(frozen=True)
class Redemption:
    outcome: Redeemed
    link: TelegramLink | None = None


async def is_locked(chat_id: int, now: datetime) -> bool:
    return await throttle.reached(CodeAttempt.filter(chat_id=chat_id), PER_CHAT, now)


async def redeem_invite(
    code: str,
    *,
    telegram_user_id: int,
    chat_id: int,
    display_name: str,
    language: str | None,
    now: datetime,
) -> Redemption:
    if await is_locked(chat_id, now):
        return Redemption(Redeemed.LOCKED)
    if await throttle.reached(CodeAttempt.all(), OVERALL, now):
        return Redemption(Redeemed.BUSY)
    invite = await Invite.get_or_none(code_hash=hash_code(code))
    outcome = _refusal(invite, now)
    if outcome is not None:
        await CodeAttempt.create(chat_id=chat_id, at=utc(now))
        return Redemption(outcome)
    assert invite is not None
    async with in_transaction():
        # The conditional update is the claim: of two simultaneous redemptions one wins.
        claimed = await Invite.filter(id=invite.id, used_at=None).update(used_at=utc(now))
        if not claimed:
            return Redemption(Redeemed.USED)
        link = await TelegramLink.create(
            telegram_user_id=telegram_user_id,
            chat_id=chat_id,
            role=invite.role,
            participant_id=invite.participant_id,
            staff_id=invite.staff_id,
            display_name=invite.relative_name or display_name,
            language=language,
        )
        await audit.record(
            f"telegram:{telegram_user_id}", "link.create", f"invite:{invite.id}", role=invite.role
        )
    return Redemption(Redeemed.LINKED, link)


def _refusal(invite: Invite | None, now: datetime) -> Redeemed | None:
    if invite is None:
        return Redeemed.UNKNOWN
    if invite.used_at is not None or invite.revoked_at is not None:
        return Redeemed.USED
    if invite.expires_at <= now:
        return Redeemed.EXPIRED
    return None
