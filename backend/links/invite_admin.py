"""Revoking an invite that has not been used: its code stops working at once."""

from __future__ import annotations

from datetime import datetime

from backend.models import Invite
from backend.shared import audit
from backend.shared.clock import utc
from backend.shared.errors import N_, RuleError


async def revoke_invite(invite: Invite, *, actor: str, now: datetime) -> None:
    # Conditional update: an invite redeemed a moment ago stays redeemed.
    revoked = await Invite.filter(id=invite.id, used_at=None, revoked_at=None).update(
        revoked_at=utc(now)
    )
    if not revoked:
        raise RuleError(N_("Invitasjonen er allerede brukt eller trukket tilbake"))
    await audit.record(actor, "invite.revoke", f"invite:{invite.id}")
