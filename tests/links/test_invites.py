from __future__ import annotations

from datetime import timedelta

import pytest

from backend.links.invites import (
    MAX_WRONG_CODES,
    Redeemed,
    create_invite,
    hash_code,
    redeem_invite,
)
from backend.models import AuditEvent, Invite, LinkRole, TelegramLink
from backend.shared.errors import RuleError
from tests.support.world import NOW, build_world


async def redeem(code: str, user_id: int = 500, now=NOW):  # type: ignore[no-untyped-def]
    return await redeem_invite(
        code, telegram_user_id=user_id, chat_id=user_id, display_name="Kari", language="nb", now=now
    )


async def test_code_is_random_stored_hashed_and_single_use(db: str) -> None:
    await build_world()
    first = await create_invite("P1", LinkRole.PARTICIPANT, actor="test", now=NOW)
    second = await create_invite("P1", LinkRole.PARTICIPANT, actor="test", now=NOW)
    assert first.code != second.code and len(first.code) >= 20
    stored = await Invite.get(id=first.invite.id)
    assert stored.code_hash == hash_code(first.code) and first.code not in stored.code_hash
    assert first.deep_link("frammote_bot") == f"https://t.me/frammote_bot?start={first.code}"

    linked = await redeem(first.code)
    assert linked.outcome is Redeemed.LINKED
    assert linked.link is not None and linked.link.role is LinkRole.PARTICIPANT
    again = await redeem(first.code, user_id=501)
    assert again.outcome is Redeemed.USED
    assert await TelegramLink.filter(telegram_user_id=501).count() == 0
    assert await AuditEvent.filter(action="link.create").count() == 1


async def test_expired_and_unknown_codes_link_nothing(db: str) -> None:
    await build_world()
    issued = await create_invite("S1", LinkRole.STAFF, actor="test", now=NOW)
    late = await redeem(issued.code, now=NOW + timedelta(days=7, seconds=1))
    assert late.outcome is Redeemed.EXPIRED
    assert (await redeem("no-such-code")).outcome is Redeemed.UNKNOWN
    assert await TelegramLink.all().count() == 0


async def test_many_wrong_codes_lock_the_chat_for_a_while(db: str) -> None:
    await build_world()
    issued = await create_invite("P1", LinkRole.PARTICIPANT, actor="test", now=NOW)
    for attempt in range(MAX_WRONG_CODES):
        assert (await redeem(f"wrong-{attempt}")).outcome is Redeemed.UNKNOWN
    assert (await redeem(issued.code)).outcome is Redeemed.LOCKED
    # Another chat is not locked; after the window this one is free again.
    assert (await redeem(issued.code, now=NOW + timedelta(minutes=16))).outcome is Redeemed.LINKED


async def test_many_wrong_codes_from_many_chats_hold_every_chat_back_for_a_minute(
    db: str,
) -> None:
    await build_world()
    issued = await create_invite("P1", LinkRole.PARTICIPANT, actor="test", now=NOW)
    for chat in range(30):  # one wrong code each from thirty chats: no chat is locked
        assert (await redeem(f"wrong-{chat}", user_id=600 + chat)).outcome is Redeemed.UNKNOWN
    assert (await redeem(issued.code, user_id=700)).outcome is Redeemed.BUSY
    assert await TelegramLink.all().count() == 0
    later = await redeem(issued.code, user_id=700, now=NOW + timedelta(minutes=1, seconds=1))
    assert later.outcome is Redeemed.LINKED


async def test_relative_link_waits_for_consent(db: str) -> None:
    await build_world()
    issued = await create_invite(
        "P1", LinkRole.RELATIVE, actor="test", now=NOW, relative_name="Anne Nordmann"
    )
    result = await redeem(issued.code)
    assert result.link is not None
    assert result.link.display_name == "Anne Nordmann"
    assert not result.link.is_active


@pytest.mark.parametrize(("person", "role"), [("P9", LinkRole.PARTICIPANT), ("S9", LinkRole.STAFF)])
async def test_invite_for_unknown_person_is_refused(db: str, person: str, role: LinkRole) -> None:
    await build_world()
    with pytest.raises(RuleError):
        await create_invite(person, role, actor="test", now=NOW)
    assert await Invite.all().count() == 0
