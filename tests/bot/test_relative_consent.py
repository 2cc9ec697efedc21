"""A relative's link works only with the participant's consent, and ends when it is withdrawn."""

from __future__ import annotations

from backend.links.consent import record_consent
from backend.links.invites import create_invite
from backend.links.links import revoke_link
from backend.models import Absence, AuditEvent, LinkRole, TelegramLink
from tests.support.telegram import Chat, RunningBot
from tests.support.world import NOW, build_world, link

KARI, LISE, ANNE = 1001, 1003, 1004


async def anne_invited(bot: RunningBot) -> tuple[Chat, Chat, Chat]:
    """Kari and Lise are on Telegram; Anne opens her relative invite."""
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    kari, lise, anne = bot.chat(KARI, "Kari"), bot.chat(LISE, "Lise"), bot.chat(ANNE, "Anne")
    await kari.send("/start")
    await lise.send("/start")
    issued = await create_invite(
        "P1", LinkRole.RELATIVE, actor="staff:S1", now=NOW, relative_name="Anne"
    )
    waiting = await anne.send(f"/start {issued.code}")
    assert waiting.text == (
        "Takk, Anne! Kari Nordmann må si ja først. Du får beskjed her når det er klart."
    )
    return kari, lise, anne


async def test_consent_in_the_bot_then_the_relative_reports(bot: RunningBot) -> None:
    kari, lise, anne = await anne_invited(bot)
    question = await kari.next()
    assert question.text == "Anne vil kunne melde fravær for deg. Er det greit?"
    assert kari.buttons(question) == ["✅ Ja, det er greit", "❌ Nei"]
    # Before Kari answers, Anne can do nothing but wait.
    assert "når Kari Nordmann har sagt ja" in (await anne.send("/meny")).text

    yes = await kari.tap("Ja", question)
    assert yes.text == "Takk! Nå kan Anne melde fravær for deg."
    assert (await anne.next()).text == (
        "Kari Nordmann har sagt ja. Nå kan du melde fravær for Kari Nordmann."
    )
    relative = await TelegramLink.get(telegram_user_id=ANNE)
    assert relative.consent_at is not None
    assert relative.consent_by == f"participant:P1 in the bot (telegram:{KARI})"
    event = await AuditEvent.get(action="consent.record")
    assert event.actor == f"telegram:{KARI}" and event.detail["on_behalf"] is False

    await anne.send("/meny")
    reason = await anne.tap("Kari kommer ikke")
    assert reason.text == "📆 I dag, tirsdag 7. april\nHvorfor kommer ikke Kari Nordmann?"
    done = await anne.tap("Syk", reason)
    assert "Takk! Kari Nordmann er meldt borte: tirsdag 7. april (syk)." in done.text
    assert (await lise.next()).text == (
        "Kari Nordmann er borte: tirsdag 7. april (syk). Meldt av Anne."
    )
    assert (await kari.next()).text == "Anne meldte deg borte: tirsdag 7. april."


async def test_a_participant_who_says_no_ends_the_link(bot: RunningBot) -> None:
    kari, _lise, anne = await anne_invited(bot)
    question = await kari.next()
    no = await kari.tap("Nei", question)
    assert no.text == "Greit. Anne kan ikke melde fravær for deg."
    relative = await TelegramLink.get(telegram_user_id=ANNE)
    assert relative.revoked_at is not None and relative.consent_at is None
    menu = await anne.send("/meny")
    # Told why, not greeted as a stranger.
    assert menu.text.startswith("Du kan ikke lenger melde fravær for Kari Nordmann.")
    await anne.tap_data(menu, "abs")
    assert (await anne.next()).text.startswith("Du kan ikke lenger melde fravær for Kari Nordmann.")
    # The old question tapped again: "yes" cannot bring the link back.
    await kari.tap_data(question, f"cons:{relative.id}:y")
    assert "avsluttet" in (await kari.next()).text
    assert (await TelegramLink.get(id=relative.id)).consent_at is None


async def test_the_question_waits_for_the_participants_next_menu(bot: RunningBot) -> None:
    await build_world()
    issued = await create_invite(
        "P1", LinkRole.RELATIVE, actor="test", now=NOW, relative_name="Anne"
    )
    anne = bot.chat(ANNE, "Anne")
    await anne.send(f"/start {issued.code}")  # Kari is not on Telegram yet: no one to ask
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    kari = bot.chat(KARI, "Kari")
    question = await kari.send("/meny")
    assert question.text == "Anne vil kunne melde fravær for deg. Er det greit?"
    await kari.tap("Ja", question)
    menu = await kari.tap("Tilbake til menyen")
    assert "👪 Pårørende" in kari.buttons(menu)


async def test_a_relative_cannot_answer_for_the_participant(bot: RunningBot) -> None:
    _kari, _lise, anne = await anne_invited(bot)
    relative = await TelegramLink.get(telegram_user_id=ANNE)
    menu = await anne.send("/meny")
    await anne.tap_data(menu, f"cons:{relative.id}:y")
    await anne.next()
    assert (
        bot.standin.callback_answers[-1]["text"] == "Den knappen virker ikke lenger. Her er menyen."
    )
    assert (await TelegramLink.get(id=relative.id)).consent_at is None


async def test_a_coordinator_records_consent_on_the_participants_behalf(bot: RunningBot) -> None:
    _kari, lise, anne = await anne_invited(bot)
    relative = await TelegramLink.get(telegram_user_id=ANNE)
    await record_consent(relative.id, by_staff="staff:S2", on_behalf=True, now=NOW)
    stored = await TelegramLink.get(id=relative.id)
    assert stored.consent_by == "staff:S2 on behalf of participant:P1"
    await anne.send("/meny")
    await anne.tap("Kari kommer ikke")
    await anne.tap("Avtale")
    assert "Meldt av Anne" in (await lise.next()).text


async def test_withdrawn_consent_ends_access_at_the_next_tap(bot: RunningBot) -> None:
    kari, _lise, anne = await anne_invited(bot)
    await kari.tap("Ja", await kari.next())
    await anne.next()  # told that Kari said yes
    await anne.send("/meny")
    reason = await anne.tap("Kari kommer ikke")  # Anne has the reasons on screen …

    menu = await kari.tap("Tilbake til menyen")
    relatives = await kari.tap("Pårørende", menu)
    assert relatives.text == "Disse kan melde fravær for deg:\n• Anne (ser ikke lønnen din)"
    sure = await kari.tap("Stopp Anne", relatives)
    assert sure.text == "Skal Anne slutte å melde fravær for deg?"
    done = await kari.tap("Ja, stopp", sure)
    assert done.text == "Ferdig. Anne kan ikke lenger melde fravær for deg."
    assert await AuditEvent.filter(action="consent.withdraw").count() == 1
    # Anne is told at once, kindly, and once.
    told = await anne.next()
    assert told.text == (
        "Fra nå kan du ikke melde fravær for Kari Nordmann her. Kari Nordmann har bestemt det."
        "\nLurer du på noe? Ring oss på 33 00 00 00."
    )

    refused = await anne.tap("Syk", reason)  # … and taps one after the withdrawal
    assert refused.text.startswith("Du kan ikke lenger melde fravær for Kari Nordmann.")
    assert await Absence.all().count() == 0
    empty = await kari.tap("Tilbake til menyen", done)
    assert "👪 Pårørende" not in kari.buttons(empty)
    # Whatever Anne types now gets the same answer, not a stranger's greeting.
    for text in ("Hei", "Kari er syk i dag"):
        answer = await anne.send(text)
        assert answer.text.startswith("Du kan ikke lenger melde fravær for Kari Nordmann.")
    assert await Absence.all().count() == 0
    notices = [t for t in anne.received() if t.startswith("Fra nå kan du ikke")]
    assert len(notices) == 1


async def test_the_participant_chooses_whether_a_relative_sees_the_pay(bot: RunningBot) -> None:
    kari, _lise, anne = await anne_invited(bot)
    await kari.tap("Ja", await kari.next())
    await anne.next()
    menu = await anne.send("/meny")
    assert anne.buttons(menu)[:2] == ["🚫 Kari kommer ikke", "📅 Planen til Kari"]
    assert not any("Lønn" in b for b in anne.buttons(menu))
    await anne.tap_data(menu, "pay")  # an old or forged pay button shows nothing
    assert "kr" not in (await anne.next()).text

    anne_link = await TelegramLink.get(telegram_user_id=ANNE)
    relatives = await kari.tap("Pårørende", await kari.send("/meny"))
    shared = await kari.tap("La Anne se lønnen din", relatives)
    assert shared.text == "Disse kan melde fravær for deg:\n• Anne (ser lønnen din)"
    assert "🙈 Anne skal ikke se lønnen din" in kari.buttons(shared)
    event = await AuditEvent.get(action="consent.pay")
    assert event.subject == "relative:P1"  # so the unit's log shows it
    assert event.detail == {"link": anne_link.id, "shared": True}
    menu = await anne.send("/meny")
    assert anne.buttons(menu)[:3] == [
        "🚫 Kari kommer ikke",
        "📅 Planen til Kari",
        "💰 Lønnen til Kari",
    ]
    pay = await anne.tap("Lønnen til Kari", menu)
    assert pay.text.startswith("Lønnen til Kari Nordmann:")

    hidden = await kari.tap("Anne skal ikke se lønnen din", shared)
    assert hidden.text == "Disse kan melde fravær for deg:\n• Anne (ser ikke lønnen din)"
    await anne.tap_data(pay, "pay")
    assert "Lønnen til" not in (await anne.next()).text


async def test_a_removed_link_ends_access_at_once(bot: RunningBot) -> None:
    kari, _lise, anne = await anne_invited(bot)
    await kari.tap("Ja", await kari.next())
    await anne.next()
    menu = await anne.send("/meny")
    relative = await TelegramLink.get(telegram_user_id=ANNE)
    await revoke_link(relative.id, actor="staff:S1", now=NOW)
    refused = await anne.tap("Kari kommer ikke", menu)
    assert refused.text.startswith("Du kan ikke lenger melde fravær for Kari Nordmann.")
    assert await Absence.all().count() == 0
