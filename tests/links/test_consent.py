"""Consent: recorded by the participant or on their behalf, refused, withdrawn; audited."""

from __future__ import annotations

import pytest

from backend.links.consent import (
    has_relatives,
    pending_for,
    record_consent,
    refuse_consent,
    relatives_of,
    withdraw_consent,
)
from backend.links.links import ended_links_for, links_of
from backend.models import AuditEvent, LinkRole, OutboxMessage, TelegramLink
from backend.shared.errors import RuleError
from tests.support.world import NOW, World, build_world, link

KARI, ANNE, OLA = 1001, 1004, 1005


async def setup() -> tuple[World, TelegramLink, TelegramLink]:
    world = await build_world()
    kari = await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    anne = await link("P1", LinkRole.RELATIVE, ANNE, "Anne")
    return world, kari, anne


async def test_a_relative_acts_only_after_the_participant_says_yes(db: str) -> None:
    world, kari, anne = await setup()
    assert await links_of(ANNE) == []
    assert [link.id for link in await pending_for([world.kari.id])] == [anne.id]
    assert [link.id for link in await ended_links_for(ANNE)] == [anne.id]

    done = await record_consent(anne.id, by_participant=kari, now=NOW)
    assert done.consent_at is not None
    assert done.consent_by == f"participant:P1 in the bot (telegram:{KARI})"
    assert [link.id for link in await links_of(ANNE)] == [anne.id]
    assert await pending_for([world.kari.id]) == []
    assert [r.id for r in await relatives_of(world.kari.id)] == [anne.id]
    assert await has_relatives([world.kari.id]) and not await has_relatives([world.ola.id])
    told = await OutboxMessage.get(template="consent_given")
    assert told.chat_id == ANNE and told.params == {"participant": "Kari Nordmann"}

    # Twice changes nothing and tells no one again.
    again = await record_consent(anne.id, by_participant=kari, now=NOW)
    assert again.consent_at == done.consent_at
    assert await AuditEvent.filter(action="consent.record").count() == 1
    assert await OutboxMessage.filter(template="consent_given").count() == 1


async def test_a_coordinator_records_it_on_the_participants_behalf(db: str) -> None:
    _world, _kari, anne = await setup()
    done = await record_consent(anne.id, by_staff="staff:S3", on_behalf=True, now=NOW)
    assert done.consent_by == "staff:S3 on behalf of participant:P1"
    event = await AuditEvent.get(action="consent.record")
    assert event.actor == "staff:S3" and event.detail["on_behalf"] is True
    with pytest.raises(ValueError):
        await record_consent(anne.id, by_staff="staff:S3", now=NOW)  # not "on behalf"


async def test_only_the_participant_themself_can_answer(db: str) -> None:
    _world, _kari, anne = await setup()
    ola = await link("P2", LinkRole.PARTICIPANT, OLA, "Ola Hansen")
    other_relative = await link("P1", LinkRole.RELATIVE, 1007, "Berit")
    await record_consent(other_relative.id, by_staff="staff:S3", on_behalf=True, now=NOW)
    for wrong in (ola, other_relative, anne):
        with pytest.raises(RuleError):
            await record_consent(anne.id, by_participant=wrong, now=NOW)
    with pytest.raises(RuleError):
        await record_consent(ola.id, by_staff="staff:S3", on_behalf=True, now=NOW)  # not a relative
    assert (await TelegramLink.get(id=anne.id)).consent_at is None


async def test_refusing_ends_the_link_for_good(db: str) -> None:
    _world, kari, anne = await setup()
    await refuse_consent(anne.id, by_participant=kari, now=NOW)
    stored = await TelegramLink.get(id=anne.id)
    assert stored.revoked_at is not None and stored.consent_at is None
    assert await AuditEvent.filter(action="consent.refuse").count() == 1
    with pytest.raises(RuleError, match="avsluttet"):
        await record_consent(anne.id, by_participant=kari, now=NOW)
    assert await links_of(ANNE) == []


async def test_withdrawn_consent_ends_access_at_once(db: str) -> None:
    _world, kari, anne = await setup()
    await record_consent(anne.id, by_participant=kari, now=NOW)
    await withdraw_consent(anne.id, by_participant=kari, now=NOW)
    assert await links_of(ANNE) == []
    ended = await ended_links_for(ANNE)
    assert [link.id for link in ended] == [anne.id] and ended[0].revoked_at is not None
    with pytest.raises(RuleError):
        await refuse_consent(anne.id, by_participant=kari, now=NOW)  # said yes before
    event = await AuditEvent.get(action="consent.withdraw")
    assert event.actor == f"telegram:{KARI}" and event.detail["on_behalf"] is False


async def test_staff_withdraw_on_the_participants_behalf(db: str) -> None:
    _world, kari, anne = await setup()
    await record_consent(anne.id, by_participant=kari, now=NOW)
    await withdraw_consent(anne.id, by_staff="staff:S3", on_behalf=True, now=NOW)
    assert await links_of(ANNE) == []
    event = await AuditEvent.get(action="consent.withdraw")
    assert event.actor == "staff:S3" and event.detail["on_behalf"] is True
