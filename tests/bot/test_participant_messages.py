"""Free messages and voice notes: to the participant's own contact person and no one else."""

from __future__ import annotations

from backend.links.consent import record_consent
from backend.models import AuditEvent, LinkRole, OutboxMessage, ParticipantMessage, Unit
from tests.support.telegram import Chat, RunningBot
from tests.support.world import NOW, build_world, link

KARI, LISE, PER, ANNE, STRANGER = 1001, 1003, 1006, 1004, 1999
TEXT = "Jeg er lei meg i dag og vil snakke med deg"


async def linked(bot: RunningBot, *, in_chat: bool = True) -> tuple[Chat, Chat, Chat]:
    """Kari, her contact person Lise and the leader Per on Telegram; `in_chat`: the unit
    chose to send participants' messages word for word to the contact person's chat."""
    world = await build_world()
    await Unit.filter(id=world.unit.id).update(messages_in_chat=in_chat)
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
    await link("S2", LinkRole.STAFF, PER, "Per Leder")
    kari, lise, per = bot.chat(KARI, "Kari"), bot.chat(LISE, "Lise"), bot.chat(PER, "Per")
    await lise.send("/start")
    await per.send("/start")
    return kari, lise, per


async def test_a_message_reaches_the_contact_person_only(bot: RunningBot) -> None:
    kari, lise, per = await linked(bot)
    answer = await kari.send(TEXT)
    assert answer.text.startswith("Takk! Meldingen er sendt til Lise Kontakt.")
    assert "🚫 Jeg kommer ikke" in kari.buttons(answer)
    told = await lise.next()
    assert told.text == f"✉️ Kari Nordmann sendte en melding:\n\n{TEXT}"
    assert not any(TEXT in t for t in per.received())  # the leader is not told
    # Nothing of it is stored: not in the outbox, not in the audit log.
    assert all(TEXT not in str(m.params) for m in await OutboxMessage.all())
    event = await AuditEvent.get(action="message.pass_on")
    assert event.detail == {"kind": "text", "delivered": 1, "kept": False}
    assert await ParticipantMessage.all().count() == 0


async def test_a_voice_note_reaches_the_contact_person(bot: RunningBot) -> None:
    kari, lise, per = await linked(bot)
    sound = b"OggS\x00\x02" + bytes(range(256)) * 4
    await bot.standin.send_voice(KARI, 4, content=sound, first_name="Kari")
    answer = await kari.next()
    assert answer.text.startswith("Takk! Talemeldingen er sendt til Lise Kontakt.")
    told = await lise.next()
    assert told.caption == "🎤 Kari Nordmann sendte en talemelding."
    assert told.document is not None and told.document["content"] == sound
    assert not any(m.document for m in bot.standin.messages(PER) if m.from_bot)
    assert "talemelding" not in " ".join(per.received())


async def test_greetings_show_the_menu_and_go_nowhere(bot: RunningBot) -> None:
    kari, lise, _per = await linked(bot)
    for text in ("Hei", "hallo!", "Meny", "takk 🙂"):
        answer = await kari.send(text)
        assert answer.text == "Hei, Kari! Hva vil du gjøre?"
    assert not any("sendte en melding" in t for t in lise.received())


async def test_a_strangers_and_a_relatives_text_get_the_menu(bot: RunningBot) -> None:
    _kari, lise, _per = await linked(bot)
    relative = await link("P1", LinkRole.RELATIVE, ANNE, "Anne")
    await record_consent(relative.id, by_staff="staff:S2", on_behalf=True, now=NOW)
    stranger, anne = bot.chat(STRANGER, "Ukjent"), bot.chat(ANNE, "Anne")
    assert "invitasjon" in (await stranger.send(TEXT)).text
    assert (await anne.send(TEXT)).text == (
        "Jeg forstod ikke meldingen. Trykk på en knapp under.\n\nHei, Anne! Hva vil du gjøre?"
    )
    assert not any(TEXT in t for t in lise.received())


async def test_without_a_reachable_contact_person_the_participant_is_told(
    bot: RunningBot,
) -> None:
    await build_world()
    await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
    await link("S2", LinkRole.STAFF, PER, "Per Leder")  # only the leader is on Telegram
    kari, per = bot.chat(KARI, "Kari"), bot.chat(PER, "Per")
    await per.send("/start")
    answer = await kari.send(TEXT)
    assert answer.text.startswith("Meldingen kom ikke fram. Ring oss på 33 00 00 00.")
    assert not any(TEXT in t for t in per.received())


async def test_a_contact_person_who_blocked_the_bot_is_skipped(bot: RunningBot) -> None:
    kari, _lise, _per = await linked(bot)
    bot.standin.block(LISE)
    answer = await kari.send(TEXT)
    assert answer.text.startswith("Meldingen kom ikke fram.")


HEALTH = "jeg har vondt i ryggen etter den nye medisinen"


async def test_by_default_health_details_stay_off_the_chat(bot: RunningBot) -> None:
    """The safe default: the contact person is told a message came, and reads it on the web."""
    kari, lise, per = await linked(bot, in_chat=False)
    answer = await kari.send(HEALTH)
    assert answer.text.startswith("Takk! Meldingen er sendt til Lise Kontakt.")
    told = await lise.next()
    assert told.text == "✉️ Kari Nordmann sendte en melding. Les den på nettsiden."
    assert lise.buttons(told) == ["🔑 Logg inn og les"]
    assert not any("influensa" in t for t in lise.received() + per.received())
    kept = await ParticipantMessage.get()
    assert kept.text == HEALTH and kept.voice is None and kept.read_at is None
    event = await AuditEvent.get(action="message.pass_on")
    assert event.detail == {"kind": "text", "delivered": 1, "kept": True}
    assert HEALTH not in str(event.detail)

    signin = await lise.tap("Logg inn og les", told)
    assert "Her er lenken til nettsidene." in signin.text
    assert "/login/" in signin.text and f"?next=/messages/{kept.id}" in signin.text


async def test_a_voice_note_follows_the_same_setting(bot: RunningBot) -> None:
    kari, lise, _per = await linked(bot, in_chat=False)
    sound = b"OggS\x00\x02" + bytes(range(256)) * 4
    await bot.standin.send_voice(KARI, 4, content=sound, first_name="Kari")
    answer = await kari.next()
    assert answer.text.startswith("Takk! Talemeldingen er sendt til Lise Kontakt.")
    told = await lise.next()
    assert told.text == "🎤 Kari Nordmann sendte en talemelding. Hør den på nettsiden."
    assert not any(m.document for m in bot.standin.messages(LISE) if m.from_bot)
    assert (await ParticipantMessage.get()).voice == sound


async def test_a_long_message_is_split_between_lines_never_inside_a_word(bot: RunningBot) -> None:
    kari, lise, _per = await linked(bot)
    lines = [f"Linje {n:02}: " + "ordene står hele her " * 8 for n in range(22)] + [
        "Hilsen Kari, " * 12
    ]
    assert 4000 < len("\n".join(lines)) <= 4096  # as long as Telegram lets Kari write
    answer = await kari.send("\n".join(lines))
    assert answer.text.startswith("Takk! Meldingen er sendt til Lise Kontakt.")
    parts = [t for t in lise.received() if "Linje" in t or "Hilsen" in t]
    assert len(parts) == 2 and all(len(p) <= 4096 for p in parts)
    assert parts[0].startswith("✉️ Kari Nordmann sendte en melding:\n\nLinje 00:")
    received = "\n".join(parts).split("\n")
    assert [line for line in received if line.startswith(("Linje", "Hilsen"))] == lines


async def test_without_a_contact_person_in_force_the_leaders_stand_in(bot: RunningBot) -> None:
    """Lise has left: Kari's message reaches the leader, who reads it on the web."""
    from backend.models import Staff
    from backend.people import messages as participant_messages
    from backend.people import staffing

    kari, lise, per = await linked(bot, in_chat=False)
    await staffing.deactivate_staff("S1", actor="staff:S3", now=NOW)
    answer = await kari.send(HEALTH)
    assert answer.text.startswith("Takk! Meldingen er sendt til de ansatte.")
    assert (await per.next()).text == "✉️ Kari Nordmann sendte en melding. Les den på nettsiden."
    assert not any("sendte en melding" in t for t in lise.received())
    kept = await ParticipantMessage.get()
    leader = await Staff.get(code="S2")
    shown = await participant_messages.read(leader, kept.id, NOW)
    assert shown is not None and shown.text == HEALTH
    # The absence reply names no one who has left.
    done = await kari.tap("Syk", await kari.tap("Jeg kommer ikke"))
    assert "De ansatte får beskjed." in done.text and "Lise" not in done.text
