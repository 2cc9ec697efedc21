from __future__ import annotations

from datetime import timedelta

import pytest

from backend.access import sign_in as auth
from backend.models import AuditEvent, LoginToken, StaffRole, WebSession
from backend.people import registry as people
from backend.shared.errors import RuleError
from tests.support.world import NOW, build_world


def token_of(path: str) -> str:
    assert path.startswith(auth.LOGIN_PATH)
    return path.removeprefix(auth.LOGIN_PATH)


async def test_link_is_random_hashed_single_use_and_opens_a_session(db: str) -> None:
    world = await build_world()
    first = token_of(await auth.issue_login_link(world.contact, NOW))
    second = token_of(await auth.issue_login_link(world.contact, NOW))
    assert first != second and len(first) >= 40
    stored = await LoginToken.get(token_hash=auth.hash_secret(first))
    assert first not in stored.token_hash
    assert stored.expires_at == NOW + auth.LOGIN_VALID_FOR

    signed = await auth.sign_in(first, NOW + timedelta(minutes=9))
    session = await WebSession.get(id=signed.session.id)
    assert session.session_hash == auth.hash_secret(signed.cookie) != signed.cookie
    assert session.expires_at == NOW + timedelta(minutes=9) + auth.SESSION_VALID_FOR
    assert len(session.csrf_token) >= 40
    found = await auth.session_for(signed.cookie, NOW + timedelta(hours=1))
    assert found is not None and found.staff.code == "S1" and found.staff.unit.code == "AOK"

    with pytest.raises(RuleError):
        await auth.sign_in(first, NOW + timedelta(minutes=9))
    assert await AuditEvent.filter(action="auth.sign_in", subject="staff:S1").count() == 1
    assert await AuditEvent.filter(action="auth.refused").count() == 1


async def test_an_old_or_unknown_link_signs_nobody_in(db: str) -> None:
    world = await build_world()
    token = token_of(await auth.issue_login_link(world.leader, NOW))
    with pytest.raises(RuleError):
        await auth.sign_in(token, NOW + auth.LOGIN_VALID_FOR)
    with pytest.raises(RuleError):
        await auth.sign_in("made-up", NOW)
    assert await WebSession.all().count() == 0


async def test_session_expires_is_revoked_and_ends_with_the_staff_member(db: str) -> None:
    world = await build_world()
    signed = await auth.sign_in(token_of(await auth.issue_login_link(world.leader, NOW)), NOW)
    assert await auth.session_for(signed.cookie, NOW + auth.SESSION_VALID_FOR) is None
    assert await auth.session_for("x" * 500, NOW) is None
    session = await auth.session_for(signed.cookie, NOW)
    assert session is not None
    assert auth.csrf_matches(session, session.csrf_token)
    assert not auth.csrf_matches(session, "forged") and not auth.csrf_matches(session, None)
    await auth.sign_out(session, NOW)
    assert await auth.session_for(signed.cookie, NOW) is None

    other = await auth.sign_in(token_of(await auth.issue_login_link(world.leader, NOW)), NOW)
    world.leader.active = False
    await world.leader.save()
    assert await auth.session_for(other.cookie, NOW) is None
    with pytest.raises(RuleError):
        await auth.issue_login_link(world.leader, NOW)


async def test_admin_link_is_for_a_coordinator(db: str) -> None:
    await build_world()
    with pytest.raises(RuleError, match="ingen koordinator"):
        await auth.admin_link(NOW)
    await people.add_staff("AOK", "K1", "Kim", StaffRole.COORDINATOR, actor="test")
    await people.add_staff("AOK", "K2", "Kari K", StaffRole.COORDINATOR, actor="test")
    signed = await auth.sign_in(token_of(await auth.admin_link(NOW)), NOW)
    assert signed.staff.code == "K1"
    chosen = await auth.sign_in(token_of(await auth.admin_link(NOW, "K2")), NOW)
    assert chosen.staff.code == "K2"
    with pytest.raises(RuleError):
        await auth.admin_link(NOW, "S1")  # a contact person is not a coordinator
    assert await AuditEvent.filter(action="auth.link", actor="cli").count() == 2
