"""What runs for every update: who is writing; the main menu; answers to anything unknown."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from backend.links import chat_state
from backend.links import consent as consent_service
from backend.links import links as link_service
from backend.links.links import link_for_participant
from backend.models import LinkRole, TelegramLink
from backend.shared.i18n import N_, gettext_for, normalise_language
from backend.shared.wording import (
    MENU_ABSENT,
    MENU_ABSENT_SOMEONE,
    MENU_ABSENT_THEY,
    MENU_CAFE,
    MENU_CALL,
    MENU_LANGUAGE,
    MENU_PAY,
    MENU_PAY_OF,
    MENU_PAY_THEIRS,
    MENU_PLAN,
    MENU_PLAN_THEIRS,
    MENU_PLANS,
    MENU_READ_ALOUD,
    MENU_READ_ALOUD_OFF,
    MENU_RELATIVES,
    STAFF_LIST,
    STAFF_LOGIN,
    STAFF_TODAY,
    STAFF_WEEK,
)
from backend.voice.choice import reads_aloud
from bot.answering import answer_if_open
from bot.callbacks import Button
from bot.context import BotContext, Viewer
from bot.keyboards import (
    MENU,
    ReadAloudChoice,
    back_row,
    button,
    consent_question,
    for_reader,
    with_back,
)
from bot.throttle import Arrivals, FloodGuard, Verdict

__all__ = [
    "MENU",
    "main_menu",
    "menu_screen",
    "own_links",
    "refresh_viewer",
    "refuse_access",
    "reply",
    "show_menu",
    "unknown_button",
]


async def load_viewer(update: Update, context: BotContext) -> None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != "private":
        raise ApplicationHandlerStop  # the bot works in private chats only
    arrivals = context.bot_data.get("arrivals")
    arrived = arrivals.arrival(update.update_id) if isinstance(arrivals, Arrivals) else None
    verdict = context.bot_data["flood"].check(user.id, arrived or time.monotonic())
    if verdict is not Verdict.OK:
        if verdict is Verdict.WARN:
            _ = gettext_for(user.language_code)
            await context.bot.send_message(
                chat.id, _("Du sender mange meldinger. Vent litt, er du snill.")
            )
        raise ApplicationHandlerStop  # the flood is dropped, and nothing changes
    # Writing to the bot again makes a chat marked blocked reachable.
    await refresh_viewer(update, context, await link_service.links_of_writer(user.id))


async def refresh_viewer(
    update: Update, context: BotContext, links: list[TelegramLink] | None = None
) -> None:
    """Load who the user is from the database: links are checked on every update
    (`links`: those just read for this update)."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    if links is None:
        links = await link_service.links_of(user.id)
    language = next((link.language for link in links if link.language), None)
    if language is None:  # a user with no link keeps their choice with the chat
        language = await chat_state.language_of(chat.id)
    context.viewer = Viewer(
        telegram_user_id=user.id,
        chat_id=chat.id,
        first_name=user.first_name,
        language=normalise_language(language or user.language_code),
        links=links,
    )


def own_links(context: BotContext) -> list[TelegramLink]:
    """The viewer's links as a participant themself (not as someone's relative)."""
    viewer = context.viewer
    assert viewer is not None
    return [link for link in viewer.links if link.role == LinkRole.PARTICIPANT]


CUT_OFF = N_(
    "Du kan ikke lenger melde fravær for {name}. Spør kontaktpersonen til {name} hvis du lurer på noe."
)


def _participant_buttons(context: BotContext) -> tuple[str, str, str | None]:
    """Absence, plan and pay labels: "Jeg kommer ikke" for the participant themself, "Kari
    kommer ikke" for a relative; pay only where the participant lets the relative see it."""
    _ = context._
    assert context.viewer is not None
    if own_links(context):
        return _(MENU_ABSENT), _(MENU_PLAN), _(MENU_PAY)
    links = context.viewer.participant_links
    pay = any(link.sees_pay for link in links)
    if len(links) > 1:
        return _(MENU_ABSENT_SOMEONE), _(MENU_PLANS), (_(MENU_PAY_THEIRS) if pay else None)
    name = first_name(links[0].participant.name)
    return (
        _(MENU_ABSENT_THEY).format(name=name),
        _(MENU_PLAN_THEIRS).format(name=name),
        _(MENU_PAY_OF).format(name=name) if pay else None,
    )


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def main_menu(
    context: BotContext,
    *,
    relatives: bool = False,
    waiting_for: str | None = None,
    cut_off_from: str | None = None,
) -> tuple[str, InlineKeyboardMarkup]:
    """The menu a linked participant or relative sees; a stranger sees the café only (and
    a relative waiting for consent, or cut off from it, is told so)."""
    _ = context._
    viewer = context.viewer
    assert viewer is not None

    if viewer.participant_links:
        absent, plan, pay = _participant_buttons(context)
        rows = [
            [button(absent, "abs")],
            [button(plan, "plan"), *([button(pay, "pay")] if pay else [])],
            [button(_(MENU_CAFE), "cafe"), button(_(MENU_CALL), "call")],
        ]
        if relatives:
            rows.append([button(_(MENU_RELATIVES), "rel")])
        rows.append([button(_(MENU_LANGUAGE), "lang"), read_aloud_button(context)])
    elif viewer.staff_link:
        rows = [
            [button(_(STAFF_TODAY), "sm:idag"), button(_(STAFF_WEEK), "sm:uke")],
            [button(_(STAFF_LIST), "sl"), button(_(STAFF_LOGIN), "sm:login")],
            [button(_(MENU_CAFE), "cafe"), button(_(MENU_LANGUAGE), "lang")],
        ]
    else:
        rows = [[button(_(MENU_CAFE), "cafe")], [button(_(MENU_LANGUAGE), "lang")]]
    if viewer.participant_links:
        text = _("Hei, {name}! Hva vil du gjøre?").format(name=viewer.first_name)
    elif viewer.staff_link:
        text = _(
            "Hei, {name}! Du får melding her når en deltaker har fravær. Hva vil du gjøre?"
        ).format(name=viewer.first_name)
    elif waiting_for:
        text = _("Hei! Du kan melde fravær for {name} når {name} har sagt ja.").format(
            name=waiting_for
        )
    elif cut_off_from:
        text = _(CUT_OFF).format(name=cut_off_from)
    else:
        text = _(
            "Hei! Dette er Frammøte. For å melde fravær trenger du en invitasjon fra kontaktpersonen din."
            " Alle kan se åpningstidene til kafeen."
        )
    return text, InlineKeyboardMarkup(rows)


def read_aloud_button(context: BotContext) -> InlineKeyboardButton:
    """ "🔊 Les opp" while the chat hears no voice notes, "🔇 Ikke les opp" while it does."""
    assert context.viewer is not None
    if reads_aloud(context.viewer.participant_links):
        return button(context._(MENU_READ_ALOUD_OFF), ReadAloudChoice(on=False))
    return button(context._(MENU_READ_ALOUD), ReadAloudChoice(on=True))


async def menu_screen(context: BotContext) -> tuple[str, InlineKeyboardMarkup]:
    """The menu, or first the one question that waits for this user (a relative's consent)."""
    viewer = context.viewer
    assert viewer is not None
    own_ids = [link.participant_id for link in own_links(context)]
    if own_ids:
        pending = await consent_service.pending_for(own_ids)
        if pending:
            return consent_question(pending[0].display_name, pending[0].id, context._)
        return main_menu(context, relatives=await consent_service.has_relatives(own_ids))
    if not viewer.links:
        waiting = [
            link
            for link in await link_service.ended_links_for(viewer.telegram_user_id)
            if link.role == LinkRole.RELATIVE and link.revoked_at is None
        ]
        if waiting:
            return main_menu(context, waiting_for=waiting[0].participant.name)
        cut_off = [
            link
            for link in await link_service.ended_links_for(viewer.telegram_user_id)
            if link.role == LinkRole.RELATIVE and link.revoked_at is not None
        ]
        if cut_off:
            return main_menu(context, cut_off_from=cut_off[0].participant.name)
    return main_menu(context)


async def reply(
    update: Update, context: BotContext, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    """Answer a tap by replacing the tapped message, or a typed message with a new one."""
    markup = for_reader(markup, context.language)
    query = update.callback_query
    if query is not None and query.message is not None and query.message.is_accessible:
        await query.answer()
        try:
            await query.edit_message_text(text, reply_markup=markup)
        except BadRequest as error:
            # The same screen tapped twice: Telegram says "not modified", which is fine.
            if "not modified" not in error.message:
                raise
        return
    if query is not None:  # the tapped message is gone (InaccessibleMessage): write anew
        await query.answer()
    await context.bot.send_message(context.viewer.chat_id, text, reply_markup=markup)  # type: ignore[union-attr]


async def show_menu(update: Update, context: BotContext, lead: str = "") -> None:
    """The menu (after `lead`, when given)."""
    viewer = context.viewer
    assert viewer is not None
    await chat_state.clear(viewer.chat_id)  # choosing the menu ends any open question
    text, markup = await menu_screen(context)
    await reply(update, context, f"{lead}\n\n{text}" if lead else text, markup)


async def unknown_button(update: Update, context: BotContext) -> None:
    """An old, foreign or tampered button: say so, show the menu, change nothing."""
    query = update.callback_query
    assert query is not None
    await query.answer(context._("Den knappen virker ikke lenger. Her er menyen."), show_alert=True)
    text, markup = await menu_screen(context)
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, text, reply_markup=markup)


async def stale_button(update: Update, context: BotContext) -> None:
    """A button on an older message while a newer question waits: say so, and take the old
    buttons away. The newer question keeps waiting; nothing else changes."""
    query = update.callback_query
    assert query is not None
    await query.answer(
        context._("Den knappen er gammel. Trykk på knappene i den nyeste meldingen."),
        show_alert=True,
    )
    with contextlib.suppress(BadRequest):  # the message is gone or has no buttons already
        await query.edit_message_reply_markup(None)


async def refuse_access(
    update: Update, context: BotContext, participant_id: int | None = None
) -> None:
    """A button for a participant the user may not act for: say why if they once could."""
    viewer = context.viewer
    assert viewer is not None
    _ = context._
    ended = await link_service.ended_links_for(viewer.telegram_user_id, participant_id)
    if not ended:
        if update.callback_query is not None:
            await unknown_button(update, context)
        else:
            await show_menu(update, context)
        return
    link = ended[0]
    name = link.participant.name
    if link.role == LinkRole.PARTICIPANT:
        text = _(
            "Denne chatten er ikke koblet til deg lenger."
            " Spør kontaktpersonen din om en ny invitasjon."
        )
    elif link.revoked_at is not None or not link.participant.active:
        text = _(CUT_OFF).format(name=name)
    else:
        text = _(
            "{name} har ikke sagt ja ennå. Du kan melde fravær når {name} har sagt ja."
        ).format(name=name)
    query = update.callback_query
    if query is not None:
        await query.answer()
    await context.bot.send_message(
        viewer.chat_id, text, reply_markup=InlineKeyboardMarkup([back_row(_)])
    )


def register(app: Application) -> None:
    app.bot_data.setdefault("flood", FloodGuard())
    app.add_handler(TypeHandler(Update, load_viewer), group=-1)
    app.add_handler(CallbackQueryHandler(show_menu, pattern=f"^{MENU}$"))


def register_fallbacks(app: Application) -> None:
    """Added last to group 0, so they answer only what no other handler took."""
    app.add_handler(MessageHandler(filters.ALL, show_menu))
    app.add_handler(CallbackQueryHandler(unknown_button))
    # After every handler group: a tap no handler answered is answered, once.
    app.add_handler(TypeHandler(Update, finish_tap), group=2)


async def finish_tap(update: Update, context: BotContext) -> None:
    await answer_if_open(update, context.bot)


ShowFor = Callable[[Update, BotContext, TelegramLink], Awaitable[None]]


@dataclass(frozen=True)
class ParticipantChoice(Button):
    """`<prefix>:<pid>`: a menu entry (`<prefix>` alone) for one of the user's participants;
    each entry of the menu is a subclass with its own prefix."""

    participant_id: int


def participant_choice(
    kind: type[ParticipantChoice],
    question: str,
    show: ShowFor,
    allowed: Callable[[TelegramLink], bool] = lambda link: True,
) -> list[CallbackQueryHandler]:
    """Handlers for `<prefix>` and `<prefix>:<pid>`: a participant goes straight to their
    own screen; a relative of several first picks whom (`question` is a msgid). The pid of
    every tap is checked against the user's links, and those links against `allowed`."""

    async def choose(update: Update, context: BotContext) -> None:
        assert context.viewer is not None
        links = [link for link in context.viewer.participant_links if allowed(link)]
        if not links:
            await refuse_access(update, context)
        elif len(links) == 1:
            await show(update, context, links[0])
        else:
            rows = [
                [button(f"👤 {link.participant.name}", kind(link.participant_id))] for link in links
            ]
            await reply(update, context, context._(question), with_back(rows, context._))

    async def chosen(update: Update, context: BotContext) -> None:
        query = update.callback_query
        assert query is not None and context.viewer is not None
        tapped = kind.unpack(query.data)
        if tapped is None:
            await unknown_button(update, context)
            return
        link = link_for_participant(context.viewer.links, tapped.participant_id)
        if link is None:
            await refuse_access(update, context, tapped.participant_id)
        elif not allowed(link):
            await unknown_button(update, context)
        else:
            await show(update, context, link)

    return [
        CallbackQueryHandler(choose, pattern=rf"^{re.escape(kind.prefix)}$"),
        CallbackQueryHandler(chosen, pattern=kind.pattern()),
    ]
