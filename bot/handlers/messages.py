"""Typed text and voice notes that are not commands or taps.

- A typed absence ("syk i morgen", "kjem ikkje fredag") from a participant or a relative is
  read (`backend.absence.free_text`) and put back as one question with big buttons:
  "Du er borte i morgen, torsdag 5. mars (syk). Stemmer det?" ✅ Ja / ❌ Nei. Yes reports it
  on the same path as the buttons do (then the optional note). When the words name no
  reason, the question shows the reason buttons instead of ✅ Ja: the tap on a reason is
  the yes (see `offer_typed_absence`). No reports nothing and offers to send the words to
  the contact person as any other message. A written date that is no date ("2026-13-45")
  is said so, and nothing is asked. Callback data: `aty` (yes), `atn` (no), `atc:<category
  code>` (yes, for this reason), `ats` (send the words after all); the question itself
  waits in the chat state (`ABSENCE_TYPED`, with the id of the message that asks it), so any
  replica can answer, and a button on an older question is told it is out of date.
- While the bot waits for the optional note after an absence report (ChatState step
  `absence_note`), the text is stored privately on the absence and never sent anywhere;
  unless it reports a new absence ("syk i morgen" after today was reported): that is asked
  about as any typed absence.
- From a linked participant, any other message or voice note goes to their own contact
  person, and to no one else: the participant chose to tell that one person. The words may
  be about health, so by default they are kept for the web (`participant_messages`: seen
  by the contact person only, each view audited, deleted after 90 days) and the contact
  person's chat gets "✉️ Kari sendte en melding. Les den på nettsiden." with a button that
  signs them in (`msr:<id>`, bot/handlers/staff/login.py). A unit that chose
  `messages_in_chat` gets the words in the chat as they are, sent at once and stored
  nowhere. The audit log records that a message went, never what.
- A greeting or "meny", a relative's or a stranger's text: the friendly menu.

Register this module after any other module's text handlers and before the fallbacks.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from telegram import InlineKeyboardMarkup, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from backend.absence.free_text import TypedAbsence, UnreadableDate, after_report, recognise
from backend.absence.report import add_note, check_days, day_kinds
from backend.absence.rules import CATEGORY_LABELS, category_word
from backend.calendar.plan_rules import PlanKind
from backend.links import chat_state
from backend.links import links as link_service
from backend.models import AbsenceCategory, ChatState, LinkRole, TelegramLink
from backend.people import messages as participant_messages
from backend.people.contact_rules import needs_new_contact
from backend.shared import audit
from backend.shared.errors import RuleError
from backend.shared.i18n import N_, Gettext, gettext_for
from backend.shared.message_parts import split_message
from backend.shared.parse import without_nul
from backend.shared.wording import (
    TYPED_NO,
    TYPED_SEND,
    TYPED_YES,
    day_span,
    when_words,
)
from bot.callbacks import Button
from bot.context import BotContext
from bot.handlers.common import (
    menu_screen,
    own_links,
    refuse_access,
    reply,
    show_menu,
    stale_button,
    unknown_button,
)
from bot.handlers.participant import CATEGORY_BY_CODE, CATEGORY_CODES, report_days
from bot.handlers.staff.login import ReadMessage
from bot.keyboards import button, for_reader, with_back


@dataclass(frozen=True)
class TypedCategory(Button):
    """The reason of an absence told in words, chosen after all."""

    prefix = "atc"
    choices: ClassVar[Mapping[str, Collection[str]]] = {"category": set(CATEGORY_BY_CODE)}
    category: str  # a code of CATEGORY_CODES


# Words that ask for the bot, not for the contact person.
MENU_WORDS = frozenset(
    {
        "hei", "hallo", "heisann", "hei hei", "hello", "hi", "hey", "god morgen", "morn",
        "meny", "menu", "menyen", "start", "hjelp", "help", "ok", "okei", "takk", "tusen takk",
        "thanks", "thank you",
    }
)  # fmt: skip
# To the contact person, in their language.
PASSED_TEXT = N_("✉️ {name} sendte en melding:")
PASSED_VOICE = N_("🎤 {name} sendte en talemelding.")
# … when the unit keeps the words off the chat (the default): read them on the web.
PASSED_TEXT_KEPT = N_("✉️ {name} sendte en melding. Les den på nettsiden.")
PASSED_VOICE_KEPT = N_("🎤 {name} sendte en talemelding. Hør den på nettsiden.")
READ_ON_WEB = N_("🔑 Logg inn og les")
# Typed words from someone with no own link (a relative) that are no absence report.
NOT_UNDERSTOOD = N_("Jeg forstod ikke meldingen. Trykk på en knapp under.")


def wants_menu(text: str) -> bool:
    words = re.sub(r"[^\w\s]", " ", text.casefold())
    return " ".join(words.split()) in MENU_WORDS or not words.strip()


async def on_text(update: Update, context: BotContext) -> None:
    viewer, message = context.viewer, update.effective_message
    assert viewer is not None and message is not None and message.text is not None
    # The one way typed text comes in. A NUL cannot be stored (PostgreSQL) nor seen: it
    # is taken out, and the rest of the words are kept.
    text = without_nul(message.text)
    step = await chat_state.current(viewer.chat_id, context.now())
    if step is not None and step.step == chat_state.Step.ABSENCE_NOTE:
        # A new absence is not a note on the last one: it is asked about as any other.
        reported = [date.fromisoformat(d) for d in step.data.get("days", [])]
        if not await offer_typed_absence(update, context, text, reported=reported):
            await take_note(update, context, step, text)
        return
    if not wants_menu(text) and await offer_typed_absence(update, context, text):
        return
    own = own_links(context)
    if wants_menu(text):
        await show_menu(update, context)
        return
    if not own:  # a relative's words go nowhere: say so, and show the way that works
        viewer = context.viewer
        assert viewer is not None
        lead = context._(NOT_UNDERSTOOD) if viewer.links else ""  # none: no way to show
        await show_menu(update, context, lead)
        return
    await pass_on(update, context, own[0], text=text)


async def on_voice(update: Update, context: BotContext) -> None:
    viewer, message = context.viewer, update.effective_message
    assert viewer is not None and message is not None
    step = await chat_state.current(viewer.chat_id, context.now())
    if step is not None and step.step == chat_state.Step.ABSENCE_NOTE:
        # A note is stored as text only; the question stays open.
        await message.reply_text(context._("Skriv det med bokstaver, eller trykk «Nei takk»."))
        return
    own = own_links(context)
    if not own:
        await show_menu(update, context)
        return
    assert message.voice is not None
    file = await context.bot.get_file(message.voice.file_id)
    await pass_on(update, context, own[0], voice=bytes(await file.download_as_bytearray()))


async def take_note(update: Update, context: BotContext, step: ChatState, text: str) -> None:
    """Store the optional note on the absences just reported; never echo or send it."""
    viewer, message = context.viewer, update.effective_message
    assert viewer is not None and message is not None
    _ = context._
    if not await chat_state.take(step):  # another replica took this step already
        await show_menu(update, context)
        return
    link = next((k for k in viewer.participant_links if k.id == step.data.get("link")), None)
    if link is None:  # the link ended while the question was open
        await refuse_access(update, context)
        return
    try:
        await add_note(link, [int(i) for i in step.data.get("absences", [])], text)
    except RuleError as error:
        # Too long: say so, and keep the question open for a shorter try.
        await chat_state.begin(
            viewer.chat_id, chat_state.Step.ABSENCE_NOTE, step.data, context.now()
        )
        await message.reply_text(error.render(_))
        return
    except Exception:
        # Not stored: the question stays open, and the error handler asks to try again.
        await chat_state.begin(
            viewer.chat_id, chat_state.Step.ABSENCE_NOTE, step.data, context.now()
        )
        raise
    menu_text, markup = await menu_screen(context)
    thanks = _("Takk! Det er lagret. Bare de ansatte kan se det.")
    await message.reply_text(
        f"{thanks}\n\n{menu_text}", reply_markup=for_reader(markup, context.language)
    )


async def pass_on(
    update: Update,
    context: BotContext,
    link: TelegramLink,
    *,
    text: str | None = None,
    voice: bytes | None = None,
    lead: str = "",
) -> None:
    """Send the participant's message or voice note to their contact person, and say so
    (after `lead`, when given)."""
    viewer = context.viewer
    assert viewer is not None
    _ = context._
    participant = link.participant
    # No contact person in force: the unit's leaders stand in until one is set.
    stand_in = needs_new_contact(participant.contact)
    kept = None
    if not participant.unit.messages_in_chat:
        # The words may be about health: they wait on the web for the contact person.
        kept = await participant_messages.keep(
            participant, now=context.now(), text=text, voice=voice
        )
    if stand_in:
        chats = await link_service.recipients_for_participant(participant)
    else:
        chats = await link_service.contact_person_chats(participant)
    delivered = 0
    for chat in chats:
        staff_ = gettext_for(chat.language)
        try:
            if kept is not None:
                notice = PASSED_VOICE_KEPT if voice is not None else PASSED_TEXT_KEPT
                read = button(staff_(READ_ON_WEB), ReadMessage(kept.id))
                await context.bot.send_message(
                    chat.chat_id,
                    staff_(notice).format(name=participant.name),
                    reply_markup=InlineKeyboardMarkup([[read]]),
                )
            elif voice is not None:
                caption = staff_(PASSED_VOICE).format(name=participant.name)
                await context.bot.send_document(
                    chat.chat_id, document=voice, filename="talemelding.ogg", caption=caption
                )
            else:
                header = staff_(PASSED_TEXT).format(name=participant.name)
                for part in split_message(f"{header}\n\n{text or ''}"):
                    await context.bot.send_message(chat.chat_id, part)
        except Forbidden:
            await link_service.mark_blocked(chat.chat_id, context.now())
            continue
        except TelegramError:
            continue
        delivered += 1
    await audit.record(
        f"telegram:{viewer.telegram_user_id}",
        "message.pass_on",
        f"participant:{participant.code}",
        kind="voice" if voice is not None else "text",
        delivered=delivered,
        kept=kept is not None,
    )
    contact = participant.contact
    if delivered and stand_in:
        answer = _("Takk! Meldingen er sendt til de ansatte.")
    elif delivered and contact is not None:
        if voice is not None:
            answer = _("Takk! Talemeldingen er sendt til {contact}.")
        else:
            answer = _("Takk! Meldingen er sendt til {contact}.")
        answer = answer.format(contact=contact.name)
    elif participant.unit.phone:
        answer = _("Meldingen kom ikke fram. Ring oss på {phone}.").format(
            phone=participant.unit.phone
        )
    else:
        answer = _("Meldingen kom ikke fram. Snakk med kontaktpersonen din neste gang.")
    menu_text, markup = await menu_screen(context)
    answer = f"{lead}\n{answer}" if lead else answer
    await reply(update, context, f"{answer}\n\n{menu_text}", markup)


# -- a typed absence -----------------------------------------------------------------------


def _reporting_link(context: BotContext, text: str) -> TelegramLink | None:
    """Whom a typed absence is about: the participant themself, or the one participant a
    relative reports for (of several, the one whose first name the text names)."""
    assert context.viewer is not None
    own = own_links(context)
    if own:
        return own[0]
    links = context.viewer.participant_links
    if len(links) == 1:
        return links[0]
    words = set(text.casefold().split())
    named = [k for k in links if k.participant.name.split()[0].casefold() in words]
    return named[0] if len(named) == 1 else None


async def offer_typed_absence(
    update: Update, context: BotContext, text: str, *, reported: list[date] | None = None
) -> bool:
    """Ask "Du er borte …. Stemmer det?" when the text reports an absence; False when it
    does not (or nobody it could be about), and the text goes its usual way. `reported`:
    the days just reported, while their optional note is asked for (`after_report`).

    When the words name no reason, the reason buttons stand in the question itself, beside
    ❌ Nei, and the tap on one is the yes. A ✅ Ja first and the reason after left a report
    that was confirmed and not yet saved: a tap elsewhere in between lost it. One question,
    one tap on a picture button, and the report is saved: the fewest steps for a reader who
    reads little, and nothing confirmed can be lost."""
    viewer, message = context.viewer, update.effective_message
    assert viewer is not None and message is not None
    link = _reporting_link(context, text)
    today = context.now().date()
    found: TypedAbsence | UnreadableDate | None = None
    if link is not None:
        found = recognise(text, today) if reported is None else after_report(text, today, reported)
    if link is None or found is None:
        return False
    _, language = context._, context.language
    if isinstance(found, UnreadableDate):
        # Never today instead: the words are asked again, and nothing is reported.
        unreadable = _("Jeg forstår ikke datoen «{date}». Skriv datoen slik: 10.12.")
        await message.reply_text(
            unreadable.format(date=found.written),
            reply_markup=for_reader(with_back([], _), language),
        )
        return True
    days = list(found.days)
    try:
        check_days(days, today)
    except RuleError as error:
        await message.reply_text(
            error.render(_), reply_markup=for_reader(with_back([], _), language)
        )
        return True
    kinds = await day_kinds(link.participant, days[0], days[-1])
    planned = [d for d in days if kinds.get(d) is PlanKind.PLANNED]
    if not planned:
        await _nothing_to_report(update, context, days, kinds)
        return True
    words = {
        "name": link.participant.name,
        "when": when_words(planned, today, language, _),
        "category": category_word(found.reason.value, _) if found.reason else "",
    }
    if link.role == LinkRole.PARTICIPANT:
        question = (
            _("Du er borte {when} ({category}). Stemmer det?")
            if found.reason
            else _("Du er borte {when}. Stemmer det?")
        )
    else:
        question = (
            _("{name} er borte {when} ({category}). Stemmer det?")
            if found.reason
            else _("{name} er borte {when}. Stemmer det?")
        )
    question = question.format(**words)
    if found.reason:
        rows = [[button(_(TYPED_YES), "aty")]]
    else:
        question += "\n" + _reason_question(link, _)
        rows = [
            [button(_(label), TypedCategory(CATEGORY_CODES[c]))]
            for c, label in CATEGORY_LABELS.items()
        ]
    rows.append([button(_(TYPED_NO), "atn")])
    asked = await message.reply_text(
        question, reply_markup=for_reader(InlineKeyboardMarkup(rows), language)
    )
    await chat_state.begin(
        viewer.chat_id,
        chat_state.Step.ABSENCE_TYPED,
        {
            "link": link.id,
            "days": [d.isoformat() for d in planned],
            "category": found.reason.value if found.reason else None,
            "text": text,
            "message": asked.message_id,
        },
        context.now(),
    )
    return True


def _reason_question(link: TelegramLink, _: Gettext) -> str:
    if link.role == LinkRole.PARTICIPANT:
        return _("Hvorfor kommer du ikke?")
    return _("Hvorfor kommer ikke {name}?").format(name=link.participant.name)


async def _nothing_to_report(
    update: Update, context: BotContext, days: list[date], kinds: dict[date, PlanKind]
) -> None:
    """None of the days is planned: say why, and show the menu."""
    message = update.effective_message
    assert message is not None
    _, language = context._, context.language
    lines = []
    for kind, text in (
        (PlanKind.ABSENT, N_("Meldt fra før: {days}.")),
        (PlanKind.CLOSED, N_("Stengt uansett: {days}.")),
    ):
        these = [d for d in days if kinds.get(d) is kind]
        if these:
            lines.append(_(text).format(days=day_span(these, language, _)))
    off = [d for d in days if kinds.get(d) in (PlanKind.OFF, None)]
    if off:
        lines.append(
            _("Du trenger ikke melde {days}: ingen planlagt dag da.").format(
                days=day_span(off, language, _)
            )
        )
    menu_text, markup = await menu_screen(context)
    await message.reply_text(
        "\n".join(lines) + f"\n\n{menu_text}", reply_markup=for_reader(markup, language)
    )


async def _typed_step(update: Update, context: BotContext) -> tuple[ChatState, TelegramLink] | None:
    """The waiting typed absence and its link, claimed for this tap; None after saying so.
    A button on an older question than the one waiting changes nothing: the waiting one
    stays, and its buttons still work."""
    viewer, query = context.viewer, update.callback_query
    assert viewer is not None and query is not None
    step = await chat_state.current(viewer.chat_id, context.now())
    if step is None or step.step != chat_state.Step.ABSENCE_TYPED:
        await unknown_button(update, context)  # answered already, or too old
        return None
    asked = step.data.get("message")
    if asked is not None and (query.message is None or query.message.message_id != asked):
        await stale_button(update, context)
        return None
    if not await chat_state.take(step):
        await unknown_button(update, context)  # another replica took it
        return None
    link = next((k for k in viewer.participant_links if k.id == step.data.get("link")), None)
    if link is None:  # the link ended while the question was open
        await refuse_access(update, context)
        return None
    return step, link


async def _report_typed(
    update: Update, context: BotContext, step: ChatState, link: TelegramLink, category: str
) -> None:
    days = [date.fromisoformat(d) for d in step.data["days"]]
    # Then the optional note, as after the buttons: the typed words are not kept.
    await report_days(update, context, link, days, AbsenceCategory(category), chat_row=step)


async def on_typed_yes(update: Update, context: BotContext) -> None:
    """Yes: reported at once. Only a question asked before the reason buttons stood in it
    has a ✅ Ja without a reason: that yes is kept too, as "noe annet"."""
    found = await _typed_step(update, context)
    if found is None:
        return
    step, link = found
    category = step.data.get("category") or AbsenceCategory.OTHER.value
    await _report_typed(update, context, step, link, category)


async def on_typed_category(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    tapped = TypedCategory.unpack(query.data)
    if tapped is None:
        await unknown_button(update, context)
        return
    found = await _typed_step(update, context)
    if found is not None:
        step, link = found
        await _report_typed(update, context, step, link, CATEGORY_BY_CODE[tapped.category])


async def on_typed_no(update: Update, context: BotContext) -> None:
    """Not an absence after all: nothing is reported. A participant may still send the
    words to the contact person, as any other message (one tap, `ats`)."""
    found = await _typed_step(update, context)
    if found is None:
        return
    step, link = found
    viewer = context.viewer
    assert viewer is not None
    _ = context._
    lead = _("Greit, ingenting er meldt.")
    menu_text, markup = await menu_screen(context)
    contact = link.participant.contact
    if link.role != LinkRole.PARTICIPANT or needs_new_contact(contact):
        await reply(update, context, f"{lead}\n\n{menu_text}", markup)
        return
    await chat_state.begin(viewer.chat_id, chat_state.Step.ABSENCE_TYPED, step.data, context.now())
    send = button(_(TYPED_SEND).format(contact=contact.name), "ats")
    rows = [[send], *markup.inline_keyboard]
    await reply(update, context, f"{lead}\n\n{menu_text}", InlineKeyboardMarkup(rows))


async def on_typed_send(update: Update, context: BotContext) -> None:
    """After "no": the typed words go to the contact person as any other message."""
    found = await _typed_step(update, context)
    if found is not None:
        step, link = found
        await pass_on(update, context, link, text=step.data.get("text", ""))


def register(app: Application) -> None:
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    app.add_handler(MessageHandler(filters.VOICE, on_voice))
    app.add_handler(CallbackQueryHandler(on_typed_yes, pattern=r"^aty$"))
    app.add_handler(CallbackQueryHandler(on_typed_no, pattern=r"^atn$"))
    app.add_handler(CallbackQueryHandler(on_typed_category, pattern=TypedCategory.pattern()))
    app.add_handler(CallbackQueryHandler(on_typed_send, pattern=r"^ats$"))
