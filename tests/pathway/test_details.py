"""A candidate's consent, mapping, plan and person; businesses and presentations."""

from __future__ import annotations

from datetime import date

import pytest

from backend.models import AuditEvent, Business, Candidate, Presentation
from backend.pathway import businesses, candidates, details
from backend.pathway.rules import Referrer
from backend.shared.errors import RuleError
from tests.support.world import NOW, build_world

TODAY = NOW.date()  # 2026-04-07
D = date.fromisoformat


async def jonas() -> Candidate:
    await build_world()
    return await candidates.add_candidate(
        candidates.NewCandidate(
            "AOK", "K1", "Jonas Lie", Referrer.NAV, birth_date=D("1992-01-15"), follower_code="S1"
        ),
        actor="staff:S3",
        today=TODAY,
    )


async def audited(action: str) -> list[dict[str, object]]:
    return [e.detail for e in await AuditEvent.filter(action=action).order_by("id")]


async def test_consent_then_withdrawal_stops_naming_at_once(db: str) -> None:
    candidate = await jonas()
    changed = await details.record_consent(
        candidate, D("2026-03-01"), "Kartlegging og kontakt med bedrifter", True,
        actor="staff:S1", today=TODAY,
    )  # fmt: skip
    assert changed == [
        "consent_on", "consent_scope", "consent_names_to_businesses"
    ]  # fmt: skip
    shop = await businesses.add_business(
        await candidate.unit, businesses.BusinessFields("Coop Mega", offers="Lager"), actor="t"
    )
    named = await businesses.present(candidate, shop, TODAY, None, actor="staff:S1", today=TODAY)
    assert named.named is True

    await details.withdraw_consent(candidate, TODAY, actor="staff:S1", today=TODAY)
    stored = await Candidate.get(code="K1")
    assert stored.consent_withdrawn_on == TODAY
    again = await businesses.present(stored, shop, TODAY, "Ja", actor="staff:S1", today=TODAY)
    assert again.named is False
    assert await audited("candidate.consent_withdraw") == [{"fields": ["consent_withdrawn_on"]}]
    assert [d["named"] for d in await audited("candidate.present")] == [True, False]


async def test_withdrawing_needs_a_consent_and_happens_once(db: str) -> None:
    candidate = await jonas()
    with pytest.raises(RuleError) as error:
        await details.withdraw_consent(candidate, TODAY, actor="t", today=TODAY)
    assert str(error.value) == "Det er ikke registrert noe samtykke å trekke tilbake"
    await details.record_consent(candidate, D("2026-03-01"), None, True, actor="t", today=TODAY)
    await details.withdraw_consent(candidate, D("2026-04-01"), actor="t", today=TODAY)
    with pytest.raises(RuleError) as error:
        await details.withdraw_consent(candidate, TODAY, actor="t", today=TODAY)
    assert str(error.value) == "Samtykket ble trukket tilbake 2026-04-01"
    # A new consent form ends the withdrawal.
    await details.record_consent(candidate, TODAY, None, True, actor="t", today=TODAY)
    assert (await Candidate.get(code="K1")).consent_withdrawn_on is None


async def test_mapping_and_plan_are_saved_and_audited_by_field_name(db: str) -> None:
    candidate = await jonas()
    await details.record_mapping(
        candidate, D("2026-03-20"), "Liker  praktisk arbeid", actor="staff:S1", today=TODAY
    )
    plan = details.Plan("Besøk på lageret", D("2026-04-20"), D("2026-05-04"), D("2026-06-01"))
    assert await details.set_plan(candidate, plan, actor="staff:S1") == [
        "next_step", "next_step_on", "follow_up_on", "evaluation_on"
    ]  # fmt: skip
    assert await details.set_plan(candidate, plan, actor="staff:S1") == []  # nothing new
    stored = await Candidate.get(code="K1")
    assert (stored.mapping_on, stored.mapping_note) == (D("2026-03-20"), "Liker praktisk arbeid")
    assert (stored.next_step, stored.follow_up_on) == ("Besøk på lageret", D("2026-05-04"))
    # The log names what changed, never the words.
    assert await audited("candidate.mapping") == [{"fields": ["mapping_on", "mapping_note"]}]
    assert len(await audited("candidate.plan")) == 1


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("mapping_ahead", "Datoen kan ikke være fram i tid: 2026-05-01"),
        ("step_without_words", "Skriv hva neste steg er"),
        ("long_note", "Notatet kan ha høyst 1000 tegn"),
        ("future_consent", "Datoen kan ikke være fram i tid: 2026-05-01"),
    ],
)
async def test_bad_details_are_refused_and_change_nothing(db: str, call: str, message: str) -> None:
    candidate = await jonas()
    with pytest.raises(RuleError) as error:
        if call == "mapping_ahead":
            await details.record_mapping(candidate, D("2026-05-01"), None, actor="t", today=TODAY)
        elif call == "step_without_words":
            await details.set_plan(candidate, details.Plan(None, TODAY), actor="t")
        elif call == "long_note":
            await details.record_mapping(candidate, TODAY, "x" * 1001, actor="t", today=TODAY)
        else:
            await details.record_consent(
                candidate, D("2026-05-01"), None, True, actor="t", today=TODAY
            )
    assert str(error.value) == message
    assert await AuditEvent.filter(subject="candidate:K1").count() == 1  # the creation


async def test_on_aap_the_candidate_waits_and_uforetrygd_ends_the_wait(db: str) -> None:
    candidate = await jonas()
    person = details.Person(
        "Jonas Lie", D("1992-01-15"), "900 00 000", "jonas@example.no", Referrer.NAV, "S2",
        disability_benefit=None, on_aap=True, wishes="lager/butikk",
    )  # fmt: skip
    await details.update_person(candidate, person, actor="staff:S2", today=TODAY)
    stored = await Candidate.get(code="K1").prefetch_related("follower")
    assert (stored.waiting_for_benefit, stored.follower.code) == (True, "S2")
    assert (stored.phone, stored.email, stored.wishes) == (
        "900 00 000", "jonas@example.no", "lager/butikk"
    )  # fmt: skip
    granted = details.Person("Jonas Lie", D("1992-01-15"), disability_benefit=True, on_aap=True)
    await details.update_person(stored, granted, actor="staff:S2", today=TODAY)
    assert (await Candidate.get(code="K1")).waiting_for_benefit is False


async def test_a_follower_of_another_unit_is_refused(db: str) -> None:
    from backend.models import StaffRole
    from backend.people import registry

    candidate = await jonas()
    await registry.add_unit("VTA", "VTA", actor="t")
    await registry.add_staff("VTA", "V1", "Vera", StaffRole.CONTACT, actor="t")
    with pytest.raises(RuleError) as error:
        await details.update_person(
            candidate, details.Person("Jonas", follower_code="V1"), actor="t", today=TODAY
        )
    assert str(error.value) == "V1 jobber ikke ved enheten AOK"


async def test_businesses_are_added_changed_and_deactivated(db: str) -> None:
    candidate = await jonas()
    unit = await candidate.unit
    shop = await businesses.add_business(
        unit, businesses.BusinessFields("Rema 1000", "Ola", "32 00 00 00", None, "Butikk"),
        actor="staff:S3",
    )  # fmt: skip
    changed = await businesses.update_business(
        shop, businesses.BusinessFields("Rema 1000 Hønefoss", "Ola", "32 00 00 00", None, "Butikk"),
        actor="staff:S3",
    )  # fmt: skip
    assert changed == ["name"]
    await businesses.set_active(shop, False, actor="staff:S3")
    assert (await Business.get(id=shop.id)).active is False
    with pytest.raises(RuleError) as error:
        await businesses.present(candidate, shop, TODAY, None, actor="t", today=TODAY)
    assert str(error.value) == "Rema 1000 Hønefoss er ikke lenger aktiv"
    assert await Presentation.all().count() == 0
    assert [e.action for e in await AuditEvent.filter(subject=f"business:{shop.id}")] == [
        "business.create", "business.change", "business.deactivate"
    ]  # fmt: skip


async def test_an_anonymous_presentation_without_consent(db: str) -> None:
    candidate = await jonas()
    shop = await businesses.add_business(
        await candidate.unit, businesses.BusinessFields("Jysk"), actor="t"
    )
    presented = await businesses.present(
        candidate, shop, TODAY, "Vil gjerne møte", actor="staff:S1", today=TODAY
    )
    assert (presented.named, presented.outcome) == (False, "Vil gjerne møte")
    assert [p.business.name for p in await businesses.presentations_of(candidate)] == ["Jysk"]
