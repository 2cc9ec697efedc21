"""My pay: this month so far and last month, in plain words and the reader's money format.

Callback data, checked against the user's links on every tap:

    pay          my pay (a relative of several participants first picks whom)
    pay:<pid>    the pay of one participant
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal
from telegram import Update
from telegram.ext import Application

from backend.models import LinkRole, TelegramLink
from backend.pay.payroll import pay_overview
from backend.pay.rules import MonthStatement, format_nok
from backend.shared.errors import RuleError
from backend.shared.i18n import N_, babel_locale, ngettext_for
from bot.context import BotContext
from bot.handlers.common import ParticipantChoice, participant_choice, reply
from bot.keyboards import with_back


@dataclass(frozen=True)
class PayFor(ParticipantChoice):
    """The pay of this participant."""

    prefix = "pay"


def month_line(statement: MonthStatement, so_far: bool, context: BotContext) -> str:
    """`I april så langt: 3 dager, 15 timer, 240,00 kr.`"""
    _, language = context._, context.language
    locale = babel_locale(language)
    year, month = statement.month
    words = {"month": format_date(date(year, month, 1), "LLLL", locale=locale)}
    if statement.days == 0:
        text = (
            _("I {month} så langt: ingen timer ennå.") if so_far else _("I {month}: ingen timer.")
        )
        return text.format(**words)
    ngettext = ngettext_for(language)
    words |= {
        "days": ngettext("{count} dag", "{count} dager", statement.days).format(
            count=statement.days
        ),
        # `4,5 timer`, `102 timer`: no needless decimals.
        "hours": ngettext("{count} time", "{count} timer", 1 if statement.hours == 1 else 2).format(
            count=format_decimal(statement.hours, locale=locale)
        ),
        "amount": format_nok(statement.amount_ore, locale),
    }
    if so_far:
        return _("I {month} så langt: {days}, {hours}, {amount}.").format(**words)
    return _("I {month}: {days}, {hours}, {amount}.").format(**words)


async def show_pay(update: Update, context: BotContext, link: TelegramLink) -> None:
    _ = context._
    try:
        overview = await pay_overview(link.participant, context.now().date())
    except RuleError as error:
        await reply(update, context, error.render(_), with_back([], _))
        return
    if link.role == LinkRole.PARTICIPANT:
        title = _("Din lønn for timene du har vært her:")
    else:
        title = _("Lønnen til {name}:").format(name=link.participant.name)
    lines = [
        title,
        month_line(overview.this_month, True, context),
        month_line(overview.last_month, False, context),
    ]
    await reply(update, context, "\n".join(lines), with_back([], _))


def may_see_pay(link: TelegramLink) -> bool:
    """The participant sees their own pay; a relative only what the participant shares."""
    return link.role == LinkRole.PARTICIPANT or link.sees_pay


def register(app: Application) -> None:
    app.add_handlers(
        participant_choice(PayFor, N_("Hvem vil du se lønnen til?"), show_pay, may_see_pay)
    )
