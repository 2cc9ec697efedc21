"""My plan: the next 14 days in plain words, one line per day.

Callback data, checked against the user's links on every tap:

    plan          my plan (a relative of several participants first picks whom)
    plan:<pid>    the plan of one participant
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update
from telegram.ext import Application

from backend.calendar.plan import ParticipantPlan, next_days
from backend.calendar.plan_rules import PlanDay, PlanKind
from backend.calendar.wording import closure_words
from backend.models import LinkRole, TelegramLink
from backend.shared.i18n import N_, Gettext
from backend.shared.wording import (
    day_name,
)
from bot.context import BotContext
from bot.handlers.common import ParticipantChoice, participant_choice, reply
from bot.keyboards import with_back


@dataclass(frozen=True)
class PlanFor(ParticipantChoice):
    """The plan of this participant."""

    prefix = "plan"


def day_line(day: PlanDay, plan: ParticipantPlan, _: Gettext, language: str) -> str:
    """`tirsdag 7. april: 09:00–14:00`, `… meldt borte`, `… stengt (Skjærtorsdag)`, `… fri`."""
    name = day_name(day.day, language)
    if day.kind is PlanKind.PLANNED:
        return f"{name}: {plan.start:%H:%M}–{plan.end:%H:%M}"
    if day.kind is PlanKind.ABSENT:
        return _("{day}: meldt borte").format(day=name)
    if day.kind is PlanKind.CLOSED:
        assert day.closure is not None
        reasons = tuple(day.reason.split("; ")) if day.reason else ()
        return _("{day}: stengt").format(day=name) + closure_words(day.closure, reasons, _)
    return _("{day}: fri").format(day=name)


def plan_text(plan: ParticipantPlan, link: TelegramLink, _: Gettext, language: str) -> str:
    if link.role == LinkRole.PARTICIPANT:
        title = _("Din plan de neste {count} dagene:").format(count=len(plan.days))
    else:
        title = _("Planen til {name} de neste {count} dagene:").format(
            name=link.participant.name, count=len(plan.days)
        )
    return "\n".join([title, *(day_line(day, plan, _, language) for day in plan.days)])


async def show_plan(update: Update, context: BotContext, link: TelegramLink) -> None:
    plan = await next_days(link.participant, context.now().date())
    text = plan_text(plan, link, context._, context.language)
    await reply(update, context, text, with_back([], context._))


def register(app: Application) -> None:
    app.add_handlers(participant_choice(PlanFor, N_("Hvem vil du se planen til?"), show_plan))
