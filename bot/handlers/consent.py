"""The participant's consent to a relative reporting for them, and withdrawing it.

Callback data (id: the relative's link id), checked against the user's own links:

    cons:<id>:y | cons:<id>:n   the answer to "Anne vil kunne melde fravær for deg. Er det greit?"
    rel                         who may report for me
    conw:<id>                   stop this one? (a question, so one slip changes nothing)
    conx:<id>                   stop this one: the relative loses access at once
    conp:<id>:y | conp:<id>:n   let this one see my pay, or no longer
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from telegram import Bot, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler

from backend.links import consent as consent_service
from backend.links.links import participant_chats
from backend.models import TelegramLink
from backend.shared.errors import RuleError
from backend.shared.i18n import gettext_for
from backend.shared.wording import MENU_RELATIVES
from bot.context import BotContext
from bot.delivery import deliver_now
from bot.handlers.common import first_name, own_links, reply, unknown_button
from bot.keyboards import (
    ConsentAnswer,
    RelativeButton,
    button,
    consent_question,
    for_reader,
    with_back,
)

T = TypeVar("T", bound=RelativeButton)


@dataclass(frozen=True)
class StopQuestion(RelativeButton):
    """Stop this relative? (a question, so one slip changes nothing)"""

    prefix = "conw"


@dataclass(frozen=True)
class Stop(RelativeButton):
    """Stop this relative: their access ends at once."""

    prefix = "conx"


@dataclass(frozen=True)
class SharePay(RelativeButton):
    """Let this relative see my pay, or no longer."""

    prefix = "conp"
    yes: bool


async def ask_consent(bot: Bot, relative: TelegramLink) -> int:
    """Put the question to the participant's own chats now; returns how many were asked.

    Best effort: a participant who cannot be reached now is asked with their next menu.
    """
    asked = 0
    for chat in await participant_chats(relative.participant_id):
        text, markup = consent_question(
            relative.display_name, relative.id, gettext_for(chat.language)
        )
        try:
            markup = for_reader(markup, chat.language or "nb")
            await bot.send_message(chat.chat_id, text, reply_markup=markup)
        except TelegramError:
            continue
        asked += 1
    return asked


async def _own_link_for(context: BotContext, relative: TelegramLink) -> TelegramLink | None:
    """The viewer's own participant link for the relative's participant, if it is theirs."""
    for link in own_links(context):
        if link.participant_id == relative.participant_id:
            return link
    return None


async def _relative_of_viewer(
    update: Update, context: BotContext, kind: type[T]
) -> tuple[TelegramLink, TelegramLink, T] | None:
    """(relative link, viewer's own link, the button) or None after refusing the tap."""
    query = update.callback_query
    assert query is not None
    tapped = kind.unpack(query.data)
    relative = await consent_service.find_relative(tapped.link_id) if tapped else None
    own = await _own_link_for(context, relative) if relative else None
    if tapped is None or relative is None or own is None:
        await unknown_button(update, context)
        return None
    return relative, own, tapped


async def on_answer(update: Update, context: BotContext) -> None:
    found = await _relative_of_viewer(update, context, ConsentAnswer)
    if found is None:
        return
    relative, own, yes = found[0], found[1], found[2].yes
    _ = context._
    name = relative.display_name
    try:
        if yes:
            await consent_service.record_consent(relative.id, by_participant=own, now=context.now())
            text = _("Takk! Nå kan {name} melde fravær for deg.").format(name=name)
        else:
            await consent_service.refuse_consent(relative.id, by_participant=own, now=context.now())
            text = _("Greit. {name} kan ikke melde fravær for deg.").format(name=name)
    except RuleError as error:
        text = error.render(_)
    await reply(update, context, text, with_back([], _))
    await deliver_now(context)


async def on_list(update: Update, context: BotContext) -> None:
    _ = context._
    own = own_links(context)
    if not own:
        await unknown_button(update, context)
        return
    relatives: list[TelegramLink] = []
    for link in own:
        relatives += await consent_service.relatives_of(link.participant_id)
    if not relatives:
        await reply(update, context, _("Ingen andre kan melde fravær for deg."), with_back([], _))
        return
    await reply(update, context, *_relatives_screen(context, relatives))


def _relatives_screen(
    context: BotContext, relatives: list[TelegramLink]
) -> tuple[str, InlineKeyboardMarkup]:
    """Who may report for me, whether each sees my pay, and a button to change each."""
    _ = context._
    lines = [_("Disse kan melde fravær for deg:")]
    for r in relatives:
        sees = _("ser lønnen din") if r.sees_pay else _("ser ikke lønnen din")
        lines.append(f"• {r.display_name} ({sees})")
    rows = []
    for r in relatives:
        if r.sees_pay:
            pay = button(
                _("🙈 {name} skal ikke se lønnen din").format(name=first_name(r.display_name)),
                SharePay(r.id, yes=False),
            )
        else:
            pay = button(
                _("💰 La {name} se lønnen din").format(name=first_name(r.display_name)),
                SharePay(r.id, yes=True),
            )
        rows.append([pay])
        rows.append([button(_("🛑 Stopp {name}").format(name=r.display_name), StopQuestion(r.id))])
    return "\n".join(lines), with_back(rows, _)


async def on_share_pay(update: Update, context: BotContext) -> None:
    found = await _relative_of_viewer(update, context, SharePay)
    if found is None:
        return
    relative, own, share = found[0], found[1], found[2].yes
    _ = context._
    try:
        await consent_service.share_pay(relative.id, share, by_participant=own, now=context.now())
    except RuleError as error:
        await reply(update, context, error.render(_), with_back([], _))
        return
    relatives = await consent_service.relatives_of(own.participant_id)
    await reply(update, context, *_relatives_screen(context, relatives))


async def on_stop_question(update: Update, context: BotContext) -> None:
    found = await _relative_of_viewer(update, context, StopQuestion)
    if found is None:
        return
    relative, _own, _rest = found
    _ = context._
    text = _("Skal {name} slutte å melde fravær for deg?").format(name=relative.display_name)
    markup = InlineKeyboardMarkup(
        [
            [button(_("✅ Ja, stopp"), Stop(relative.id))],
            [button(_("⬅️ Nei"), "rel")],
        ]
    )
    await reply(update, context, text, markup)


async def on_stop(update: Update, context: BotContext) -> None:
    found = await _relative_of_viewer(update, context, Stop)
    if found is None:
        return
    relative, own, _rest = found
    _ = context._
    await consent_service.withdraw_consent(relative.id, by_participant=own, now=context.now())
    text = _("Ferdig. {name} kan ikke lenger melde fravær for deg.").format(
        name=relative.display_name
    )
    await reply(update, context, text, with_back([[button(_(MENU_RELATIVES), "rel")]], _))
    await deliver_now(context)  # the relative is told at once


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(on_answer, pattern=ConsentAnswer.pattern()))
    app.add_handler(CallbackQueryHandler(on_list, pattern=r"^rel$"))
    app.add_handler(CallbackQueryHandler(on_stop_question, pattern=StopQuestion.pattern()))
    app.add_handler(CallbackQueryHandler(on_stop, pattern=Stop.pattern()))
    app.add_handler(CallbackQueryHandler(on_share_pay, pattern=SharePay.pattern()))
