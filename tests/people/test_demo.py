"""The demo data: one person of every kind, each with a chat, so every role can be tried."""

from __future__ import annotations

from backend.access import sign_in as auth
from backend.models import Staff, TelegramLink
from backend.people import demo
from tests.support.world import NOW


async def test_the_demo_has_every_staff_role_each_with_a_chat(db: str) -> None:
    assert await demo.seed_demo(NOW)
    staff = await Staff.all().order_by("code")
    assert [(s.code, s.name, s.role) for s in staff] == [
        ("S1", "Ingrid Hansen", "contact"),
        ("S2", "Per Leder", "leader"),
        ("S3", "Kim Koordinator", "coordinator"),
    ]
    linked = await TelegramLink.filter(staff_id__isnull=False).prefetch_related("staff")
    assert sorted((link.telegram_user_id, link.staff.code) for link in linked) == [
        (1003, "S1"),
        (1004, "S2"),
        (1005, "S3"),
    ]
    assert [p.telegram_user_id for p in demo.PERSONAS] == [1001, 1002, 1003, 1004, 1005]
    assert not await demo.seed_demo(NOW)  # once only


async def test_kari_has_read_aloud_on_so_the_chat_page_plays_her_answers(db: str) -> None:
    from backend.models import Participant
    from backend.voice import choice

    await demo.seed_demo(NOW)
    assert [(p.code, p.read_aloud) for p in await Participant.all().order_by("code")][:2] == [
        ("P1", True),
        ("P2", False),
    ]
    assert await choice.chat_language(1001) == "nb"  # Kari's chat hears them
    assert await choice.chat_language(1002) is None  # Ola, her relative, chose nothing
    assert await choice.chat_language(1003) is None  # staff never


async def test_the_demo_coordinator_gets_a_sign_in_link_from_the_command_line(db: str) -> None:
    await demo.seed_demo(NOW)
    path = await auth.admin_link(NOW)
    assert path.startswith("/login/")


async def test_the_demo_has_three_pupils_in_the_register(db: str) -> None:
    from backend.models import Pupil

    await demo.seed_demo(NOW)  # 7 April 2026
    pupils = await Pupil.all().order_by("id")
    assert [(p.name, p.class_year, p.birth_date.isoformat(), p.share_name) for p in pupils] == [
        ("Sander Eriksen", "vg3", "2008-08-07", True),
        ("Emma Larsen", "vg2", "2009-03-07", False),
        ("Noah Berg", "vg1", "2010-04-07", False),
    ]
