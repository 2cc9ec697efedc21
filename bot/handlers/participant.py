"""The participant's and the relative's absence report: two taps, no typing."""

from __future__ import annotations

from datetime import date, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler

from backend.domain.errors import RuleError
from backend.models import AbsenceCategory, LinkRole, TelegramLink
from backend.services.absences import report_absence
from backend.services.links import link_for_participant
from bot.context import BotContext
from bot.delivery import deliver_now
from bot.handlers.common import MENU, unknown_button
from bot.texts import CATEGORY_LABELS, MENU_BACK, category_word, day_list

CATEGORY_CODES = {c: c.value[:2] for c in AbsenceCategory}  # short codes: callback data ≤ 64 bytes
CATEGORY_BY_CODE = {code: c for c, code in CATEGORY_CODES.items()}


def _back_row(context: BotContext) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(context._(MENU_BACK), callback_data=MENU)]


async def choose_participant(update: Update, context: BotContext) -> None:
    """ "I am not coming": a relative of several participants first picks whom it is for."""
    query, viewer = update.callback_query, context.viewer
    assert query is not None and viewer is not None
    links = viewer.participant_links
    if not links:
        await unknown_button(update, context)
        return
    if len(links) == 1:
        await ask_category(update, context, links[0], context.now().date())
        return
    await query.answer()
    rows = [
        [InlineKeyboardButton(link.participant.name, callback_data=f"abs:{link.participant_id}")]  # type: ignore[attr-defined]
        for link in links
    ]
    await query.edit_message_text(
        context._("Hvem kommer ikke?"),
        reply_markup=InlineKeyboardMarkup([*rows, _back_row(context)]),
    )


async def on_participant_chosen(update: Update, context: BotContext) -> None:
    query, viewer = update.callback_query, context.viewer
    assert query is not None and query.data is not None and viewer is not None
    link = link_for_participant(viewer.links, int(query.data.split(":")[1]))
    if link is None:
        await unknown_button(update, context)
        return
    await ask_category(update, context, link, context.now().date())


async def ask_category(update: Update, context: BotContext, link: TelegramLink, day: date) -> None:
    query = update.callback_query
    assert query is not None
    _ = context._
    await query.answer()
    pid, stamp = link.participant_id, day.strftime("%Y%m%d")  # type: ignore[attr-defined]
    rows = [
        [InlineKeyboardButton(_(label), callback_data=f"absc:{pid}:{stamp}:{CATEGORY_CODES[c]}")]
        for c, label in CATEGORY_LABELS.items()
    ]
    question = (
        _("Hvorfor kommer du ikke?")
        if link.role == LinkRole.PARTICIPANT
        else _("Hvorfor kommer ikke {name}?").format(name=link.participant.name)
    )
    await query.edit_message_text(
        question, reply_markup=InlineKeyboardMarkup([*rows, _back_row(context)])
    )


def _parse_report(data: str) -> tuple[int, date, AbsenceCategory] | None:
    try:
        _prefix, pid, stamp, code = data.split(":")
        return int(pid), datetime.strptime(stamp, "%Y%m%d").date(), CATEGORY_BY_CODE[code]
    except (ValueError, KeyError):
        return None


async def on_category(update: Update, context: BotContext) -> None:
    query, viewer = update.callback_query, context.viewer
    assert query is not None and query.data is not None and viewer is not None
    _ = context._
    parsed = _parse_report(query.data)
    link = link_for_participant(viewer.links, parsed[0]) if parsed else None
    if parsed is None or link is None:
        await unknown_button(update, context)
        return
    _pid, day, category = parsed
    try:
        report = await report_absence(
            link.participant, [day], category, reporter=link, now=context.now()
        )
    except RuleError as error:
        await query.answer()
        await query.edit_message_text(
            error.render(_), reply_markup=InlineKeyboardMarkup([_back_row(context)])
        )
        return
    await query.answer()
    await query.edit_message_text(
        _confirmation(context, link, report.recorded, report.already, report.not_planned, category),
        reply_markup=InlineKeyboardMarkup([_back_row(context)]),
    )
    await deliver_now(context)


def _confirmation(
    context: BotContext,
    link: TelegramLink,
    recorded: list[date],
    already: list[date],
    not_planned: list[date],
    category: AbsenceCategory,
) -> str:
    _, lang = context._, context.language
    lines = []
    if recorded:
        days, word = day_list(recorded, lang), category_word(category, _)
        if link.role == LinkRole.PARTICIPANT:
            text = _("Takk! Du er meldt borte: {days} ({category}).")
        else:
            text = _("Takk! {name} er meldt borte: {days} ({category}).")
        lines.append(text.format(name=link.participant.name, days=days, category=word))
        contact = link.participant.contact
        if contact is not None:
            lines.append(_("{contact} får beskjed.").format(contact=contact.name))
    if already:
        lines.append(_("Meldt fra før: {days}.").format(days=day_list(already, lang)))
    if not_planned:
        lines.append(
            _("Du trenger ikke melde {days}: ingen planlagt dag da.").format(
                days=day_list(not_planned, lang)
            )
        )
    return "\n".join(lines)


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(choose_participant, pattern=r"^abs$"))
    app.add_handler(CallbackQueryHandler(on_participant_chosen, pattern=r"^abs:\d+$"))
    app.add_handler(CallbackQueryHandler(on_category, pattern=r"^absc:"))
