"""A relative acts for a participant only with the participant's consent.

The participant gives it in the bot ("Anne vil kunne melde fravær for deg. Er det greit?"),
or a coordinator records it on the participant's behalf (web or CLI), noted as such in
`consent_by` and in the audit log. Refusing or withdrawing consent ends the link at once.
"""

from __future__ import annotations

from datetime import datetime

from tortoise.transactions import in_transaction

from backend.models import LinkRole, TelegramLink
from backend.outbox import queue as outbox
from backend.shared import audit
from backend.shared.clock import utc
from backend.shared.errors import N_, RuleError


async def _relative_link(link_id: int) -> TelegramLink:
    link = await find_relative(link_id)
    if link is None:
        raise RuleError(N_("Fant ikke den pårørende"))
    return link


def _check_participant(link: TelegramLink, by_participant: TelegramLink) -> None:
    """Only the participant themself, through their own link, answers for themself."""
    if (
        by_participant.role != LinkRole.PARTICIPANT
        or by_participant.revoked_at is not None
        or by_participant.participant_id != link.participant_id
    ):
        raise RuleError(N_("Bare deltakeren selv kan svare på dette"))


def _who(by_participant: TelegramLink | None, by_staff: str | None, on_behalf: bool) -> str:
    if (by_participant is None) == (by_staff is None):
        raise ValueError("give exactly one of by_participant and by_staff")
    if by_staff is not None and not on_behalf:
        raise ValueError("staff record consent only on the participant's behalf")
    if by_participant is not None:
        return f"telegram:{by_participant.telegram_user_id}"
    return str(by_staff)


async def pending_for(participant_ids: list[int]) -> list[TelegramLink]:
    """Relatives waiting for these participants' consent, oldest first."""
    if not participant_ids:
        return []
    return (
        await TelegramLink.filter(
            participant_id__in=participant_ids,
            role=LinkRole.RELATIVE,
            consent_at=None,
            revoked_at=None,
        )
        .order_by("id")
        .all()
    )


async def relatives_of(participant_id: int) -> list[TelegramLink]:
    """Relatives who may report for the participant now."""
    return (
        await TelegramLink.filter(
            participant_id=participant_id, role=LinkRole.RELATIVE, revoked_at=None
        )
        .exclude(consent_at=None)
        .order_by("id")
        .all()
    )


async def has_relatives(participant_ids: list[int]) -> bool:
    """True if anyone may report for one of these participants now (one query)."""
    if not participant_ids:
        return False
    return (
        await TelegramLink.filter(
            participant_id__in=participant_ids, role=LinkRole.RELATIVE, revoked_at=None
        )
        .exclude(consent_at=None)
        .exists()
    )


async def find_relative(link_id: int) -> TelegramLink | None:
    """A relative's link with its participant, or None (for buttons that carry an id)."""
    link = await TelegramLink.get_or_none(id=link_id).prefetch_related("participant")
    if link is None or link.role != LinkRole.RELATIVE or link.participant is None:
        return None
    return link


async def record_consent(
    link_id: int,
    *,
    now: datetime,
    by_participant: TelegramLink | None = None,
    by_staff: str | None = None,
    on_behalf: bool = False,
) -> TelegramLink:
    """Record that the participant agrees; the relative is told and may act at once.

    In the bot: `by_participant=<the participant's own link>`. From the web or the CLI:
    `by_staff="staff:S3"` (the actor) with `on_behalf=True`: a coordinator noting the
    participant's consent (given on paper or in a meeting) on the participant's behalf.
    Recording it twice changes nothing.
    """
    actor = _who(by_participant, by_staff, on_behalf)
    async with in_transaction():
        link = await _relative_link(link_id)
        if by_participant is not None:
            _check_participant(link, by_participant)
        if link.revoked_at is not None:
            raise RuleError(N_("Den koblingen er avsluttet. Det trengs en ny invitasjon."))
        if link.consent_at is not None:
            return link
        code = link.participant.code
        link.consent_at = utc(now)
        link.consent_by = (
            f"participant:{code} in the bot ({actor})"
            if by_participant is not None
            else f"{actor} on behalf of participant:{code}"
        )
        await link.save(update_fields=["consent_at", "consent_by"])
        await audit.record(
            actor,
            "consent.record",
            f"relative:{code}",
            link=link.id,
            relative=link.display_name,
            on_behalf=by_participant is None,
        )
        if link.blocked_at is None:
            await outbox.enqueue(
                f"consent_given:{link.id}",
                "consent_given",
                {"participant": link.participant.name},
                due_at=now,
                chat_id=link.chat_id,
                language=link.language or "nb",
            )
    return link


async def refuse_consent(
    link_id: int, *, by_participant: TelegramLink, now: datetime
) -> TelegramLink:
    """The participant says no: the link ends, and the relative learns it on their next tap."""
    async with in_transaction():
        link = await _relative_link(link_id)
        _check_participant(link, by_participant)
        if link.consent_at is not None:
            raise RuleError(N_("Du har sagt ja til dette før"))
        if link.revoked_at is None:
            link.revoked_at = utc(now)
            await link.save(update_fields=["revoked_at"])
            await audit.record(
                f"telegram:{by_participant.telegram_user_id}",
                "consent.refuse",
                f"relative:{link.participant.code}",
                link=link.id,
            )
    return link


async def withdraw_consent(
    link_id: int,
    *,
    now: datetime,
    by_participant: TelegramLink | None = None,
    by_staff: str | None = None,
    on_behalf: bool = False,
) -> TelegramLink:
    """Withdrawn consent ends the relative's access at once (the link is revoked)."""
    actor = _who(by_participant, by_staff, on_behalf)
    async with in_transaction():
        link = await _relative_link(link_id)
        if by_participant is not None:
            _check_participant(link, by_participant)
        if link.revoked_at is None:
            link.revoked_at = utc(now)
            await link.save(update_fields=["revoked_at"])
            await audit.record(
                actor,
                "consent.withdraw",
                f"relative:{link.participant.code}",
                link=link.id,
                on_behalf=by_participant is None,
            )
            if link.blocked_at is None:
                # Told once and kindly, so the relative is not left to find out by trying.
                await link.participant.fetch_related("unit")
                await outbox.enqueue(
                    f"consent_withdrawn:{link.id}",
                    "consent_withdrawn",
                    {"participant": link.participant.name, "phone": link.participant.unit.phone},
                    due_at=now,
                    chat_id=link.chat_id,
                    language=link.language or "nb",
                )
    return link


async def share_pay(
    link_id: int, share: bool, *, by_participant: TelegramLink, now: datetime
) -> TelegramLink:
    """The participant lets a relative see their pay, or stops it."""
    async with in_transaction():
        link = await _relative_link(link_id)
        _check_participant(link, by_participant)
        if link.revoked_at is not None:
            raise RuleError(N_("Den koblingen er avsluttet. Det trengs en ny invitasjon."))
        if link.sees_pay != share:
            link.sees_pay = share
            await link.save(update_fields=["sees_pay"])
            await audit.record(
                f"telegram:{by_participant.telegram_user_id}",
                "consent.pay",
                f"relative:{link.participant.code}",
                link=link.id,
                shared=share,
            )
    return link
