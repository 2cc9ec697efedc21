"""/liste: an attendance list (frammøteliste) for any participant of the unit and period,
as a PDF and a CSV document in the chat; one more tap e-mails it to NAV.

Callback data (checked against the staff member's unit on every tap):

    sl                     which participant?
    slg:<n>                the same, page n of the unit's participants
    sl:<pid>               which period?
    slp:<pid>:<period>     make it: 14 (last 14 days), tm (this month), lm (last month),
                           nav (the fortnight of the latest NAV delivery date)
    sln:<pid>:<d1>:<d2>    e-mail the list of d1..d2 (YYMMDD) to the unit's NAV address

The 14-day lists come by themselves (staff_jobs) with the same documents and button.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from telegram import Bot, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from backend.attendance.overviews import week
from backend.nav_lists.lists import (
    AttendanceList,
    ListFormat,
    email_to_nav,
    latest_nav_delivery,
    list_for_staff,
    participant_for_staff,
    period_words,
    render,
)
from backend.nav_lists.rules import PeriodKind, nav_period, period
from backend.shared.errors import RuleError
from backend.shared.i18n import N_, Gettext, gettext_for, ngettext_for
from bot.callbacks import Button
from bot.context import BotContext
from bot.handlers.common import reply
from bot.handlers.staff.common import answer_refusal, refuse_not_staff, staff_of, staff_tap
from bot.keyboards import button, paged, with_back

PERIOD_KINDS = {k.value: k for k in PeriodKind}


@dataclass(frozen=True)
class ListPeople(Button):
    """Which participant? Page `page` of the unit's participants."""

    prefix = "slg"
    page: int


@dataclass(frozen=True)
class ListPeriods(Button):
    """Which period, for this participant?"""

    prefix = "sl"
    participant_id: int


@dataclass(frozen=True)
class MakeList(Button):
    """Make the list of this participant and period (a `PeriodKind` value)."""

    prefix = "slp"
    choices: ClassVar[Mapping[str, Collection[str]]] = {"period": PERIOD_KINDS}
    participant_id: int
    period: str


@dataclass(frozen=True)
class EmailList(Button):
    """E-mail the list of `first`..`last` to the unit's NAV address."""

    prefix = "sln"
    participant_id: int
    first: date
    last: date


NO_NAV = N_("{name} følges ikke opp av NAV med frammøtelister")


def summary(found: AttendanceList, _: Gettext, language: str) -> str:
    t = found.totals
    planned = ngettext_for(language)("{count} dag", "{count} dager", t.planned_days)
    return _("Til stede {present} av {planned}, borte uten melding {unnotified}.").format(
        present=t.present_days,
        planned=planned.format(count=t.planned_days),
        unnotified=t.absent_unnotified_days,
    )


def nav_markup(found: AttendanceList, language: str) -> InlineKeyboardMarkup | None:
    """ "Send to NAV" when the unit has a NAV address (the outbox sends it once SMTP is on)."""
    if not found.unit.nav_email:
        return None
    _ = gettext_for(language)
    label = _("📧 Send til NAV ({address})").format(address=found.unit.nav_email)
    data = EmailList(found.participant.id, found.first, found.last)
    return InlineKeyboardMarkup([[button(label, data)]])


async def send_documents(
    bot: Bot,
    chat_id: int,
    found: AttendanceList,
    language: str,
    title: str | None = None,
) -> Message:
    """The PDF (with a caption) and the CSV; the last carries the NAV button."""
    _ = gettext_for(language)
    pdf = render(found, ListFormat.PDF)
    csv = render(found, ListFormat.CSV)
    caption = "\n".join(
        [
            title
            or _("Frammøteliste for {name}, {period}").format(
                name=found.participant.name, period=period_words(found)
            ),
            summary(found, _, language),
        ]
    )
    await bot.send_document(chat_id, pdf.content, filename=pdf.filename, caption=caption[:1024])
    return await bot.send_document(
        chat_id,
        csv.content,
        filename=csv.filename,
        caption=_("Samme liste som CSV, for Excel."),
        reply_markup=nav_markup(found, language),
    )


async def choose_participant(update: Update, context: BotContext) -> None:
    staff = staff_of(context)
    if staff is None:
        await refuse_not_staff(update, context)
        return
    _ = context._
    query = update.callback_query
    turned = ListPeople.unpack(query.data) if query is not None else None
    view = await week(staff, context.now().date(), context.now().date())
    people = sorted(view.participants, key=lambda p: (not p.nav_followed, p.name))
    rows = [
        [button(f"{'🏛 ' if p.nav_followed else '👤 '}{p.name}", ListPeriods(p.id))] for p in people
    ]
    if not rows:
        await reply(update, context, _("Enheten har ingen aktive deltakere."), None)
        return
    rows = paged(rows, turned.page if turned else 0, ListPeople, _)
    await reply(update, context, _("Hvem skal frammøtelisten gjelde?"), with_back(rows, _))


async def choose_period(update: Update, context: BotContext) -> None:
    found = await staff_tap(update, context, ListPeriods)
    if found is None:
        return
    staff, tapped = found
    try:
        participant = await participant_for_staff(staff, tapped.participant_id)
    except RuleError as error:
        await answer_refusal(update, context, error)
        return
    _ = context._
    pid = participant.id
    rows = []
    delivery = latest_nav_delivery(participant, context.now().date())
    if delivery is not None:
        first, last = nav_period(delivery)
        label = _("🏛 NAV-perioden {first}–{last}").format(
            first=f"{first:%d.%m}", last=f"{last:%d.%m}"
        )
        rows.append([button(label, MakeList(pid, PeriodKind.NAV.value))])
    rows += [
        [button(_("Siste 14 dager"), MakeList(pid, PeriodKind.LAST_14.value))],
        [button(_("Denne måneden"), MakeList(pid, PeriodKind.THIS_MONTH.value))],
        [button(_("Forrige måned"), MakeList(pid, PeriodKind.LAST_MONTH.value))],
    ]
    text = _("Frammøteliste for {name}. Hvilken periode?").format(name=participant.name)
    await reply(update, context, text, with_back(rows, _))


async def make_list(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    found = await staff_tap(update, context, MakeList)
    if found is None:
        return
    staff, tapped = found
    today = context.now().date()
    try:
        participant = await participant_for_staff(staff, tapped.participant_id)
        kind = PERIOD_KINDS[tapped.period]
        if kind is PeriodKind.NAV:
            delivery = latest_nav_delivery(participant, today)
            if delivery is None:
                raise RuleError(NO_NAV, name=participant.name)
            first, last = nav_period(delivery)
        else:
            first, last = period(kind, today)
        found = await list_for_staff(staff, participant.id, first, last, today)
    except RuleError as error:
        await answer_refusal(update, context, error)
        return
    await query.answer(context._("Lager listen …"))
    assert context.viewer is not None
    await send_documents(
        context.bot,
        context.viewer.chat_id,
        found,
        context.language,
    )


async def email_list(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    tapped_by = await staff_tap(update, context, EmailList)
    if tapped_by is None:
        return
    staff, tapped = tapped_by
    pid, first, last = tapped.participant_id, tapped.first, tapped.last
    now = context.now()
    _ = context._
    try:
        found = await list_for_staff(staff, pid, first, last, now.date())
        written = await email_to_nav(found, now=now, sender=staff.name, actor=f"staff:{staff.code}")
    except RuleError as error:
        await answer_refusal(update, context, error)
        return
    address = found.unit.nav_email
    if written:
        text = _("📧 Frammøtelisten for {name} ({period}) sendes til NAV ({address}).")
    else:
        text = _("Denne listen er sendt til NAV ({address}) før.")
    text = text.format(name=found.participant.name, period=period_words(found), address=address)
    await query.answer()
    if isinstance(query.message, Message):
        with contextlib.suppress(BadRequest):  # the button is gone already
            await query.message.edit_reply_markup(None)
    assert context.viewer is not None
    await context.bot.send_message(context.viewer.chat_id, text)


def register(app: Application) -> None:
    app.add_handler(CommandHandler(["liste", "list"], choose_participant))
    app.add_handler(CallbackQueryHandler(choose_participant, pattern=r"^(sl|slg:\d+)$"))
    app.add_handler(CallbackQueryHandler(choose_period, pattern=ListPeriods.pattern()))
    app.add_handler(CallbackQueryHandler(make_list, pattern=MakeList.pattern()))
    app.add_handler(CallbackQueryHandler(email_list, pattern=EmailList.pattern()))
