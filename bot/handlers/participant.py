"""The participant's and the relative's absence report.

Today takes two taps (I am not coming → reason); other days go through "which day" and
a date picker. After the report comes one optional question for a private note, then
"I am coming after all" and "My absences" undo and list what is reported ahead.

Callback data (pid: participant id, dates as YYMMDD), each checked against the user's
links on every tap:

    abs                             I am not coming (a relative of several picks whom)
    abs:<pid>                       the same for one participant (AbsenceFor)
    abw:<pid>                       which day? (AbsenceWhen)
    abp:<pid>:<page>                date picker: the first day (AbsencePage)
    abq:<pid>:<first>:<page>        date picker: the last day (AbsenceFirstDay)
    abd:<pid>:<first>:<last>        days chosen: the reason (AbsenceDays)
    abk:<pid>:<first>:<last>:<cat>  reason chosen: stored, the contact person told (ReportAbsence)
    abx                             no note, thanks
    abl:<pid>[:<page>]              my absences ahead, a page at a time (AbsenceList)
    abu:<pid>:<first>[:<last>]      I am coming after all, on these days (AbsenceWithdraw)
    abn                             a calendar cell that does nothing
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import ClassVar, Self

from telegram import InlineKeyboardButton, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler

from backend.absence.report import (
    AbsenceReport,
    check_days,
    day_kinds,
    days_from,
    last_reportable_day,
    report_absence,
    upcoming_absences,
    withdraw_absence,
)
from backend.absence.rules import CATEGORY_LABELS, category_word
from backend.calendar.plan_rules import PlanKind, absence_runs
from backend.calendar.wording import closure_words
from backend.links import chat_state
from backend.links.links import link_for_participant
from backend.models import AbsenceCategory, ChatState, LinkRole, TelegramLink
from backend.people.contact_rules import needs_new_contact
from backend.shared.errors import RuleError
from backend.shared.i18n import N_, Gettext
from backend.shared.wording import (
    ABSENCE_COMING,
    ABSENCE_MINE,
    ABSENCE_NO_NOTE,
    ABSENCE_OTHER_DAY,
    ABSENCE_PICK_DAYS,
    ABSENCE_THEIRS,
    ABSENCE_THEY_COME,
    ABSENCE_TODAY,
    ABSENCE_TOMORROW,
    PICKER_NEXT,
    PICKER_PREVIOUS,
    day_name,
    day_range,
    day_span,
    short_day,
    short_run,
    when_words,
)
from bot.callbacks import Button
from bot.context import BotContext
from bot.delivery import deliver_now
from bot.handlers.common import (
    ParticipantChoice,
    menu_screen,
    participant_choice,
    refuse_access,
    reply,
    stale_button,
    unknown_button,
)
from bot.keyboards import (
    NOOP,
    AbsenceDays,
    AbsenceFirstDay,
    AbsencePage,
    Picker,
    button,
    for_reader,
    monday_of,
    with_back,
)

CATEGORY_CODES = {c: c.value[:2] for c in AbsenceCategory}  # short codes: callback data ≤ 64 bytes
CATEGORY_BY_CODE = {code: c for c, code in CATEGORY_CODES.items()}
RUNS_PER_PAGE = 6  # "My absences": days in a row, one line and one button each


@dataclass(frozen=True)
class AbsenceFor(ParticipantChoice):
    """I am not coming, for this participant."""

    prefix = "abs"


@dataclass(frozen=True)
class AbsenceWhen(Button):
    """Which day?"""

    prefix = "abw"
    participant_id: int


@dataclass(frozen=True)
class ReportAbsence(Button):
    """The reason chosen: the days are reported."""

    prefix = "abk"
    choices: ClassVar[Mapping[str, Collection[str]]] = {"category": set(CATEGORY_BY_CODE)}
    participant_id: int
    first: date
    last: date
    category: str  # a code of CATEGORY_CODES

    @classmethod
    def of(cls, participant_id: int, first: date, last: date, category: AbsenceCategory) -> Self:
        return cls(participant_id, first, last, CATEGORY_CODES[category])


@dataclass(frozen=True)
class AbsenceList(Button):
    """My absences ahead, a page at a time."""

    prefix = "abl"
    participant_id: int
    page: int | None = None


@dataclass(frozen=True)
class AbsenceWithdraw(Button):
    """I am coming after all, on these days (one day without `last`)."""

    prefix = "abu"
    participant_id: int
    first: date
    last: date | None = None


def _self(link: TelegramLink) -> bool:
    """The participant themself (else a relative, whose sentences name the participant)."""
    return link.role == LinkRole.PARTICIPANT


def _pid(link: TelegramLink) -> int:
    assert link.participant_id is not None  # a participant's or a relative's link
    return link.participant_id


async def _link(update: Update, context: BotContext, participant_id: int) -> TelegramLink | None:
    """The user's link for this participant, or None after telling them why not."""
    assert context.viewer is not None
    link = link_for_participant(context.viewer.links, participant_id)
    if link is None:
        await refuse_access(update, context, participant_id)
    return link


def _data(update: Update) -> str | None:
    query = update.callback_query
    assert query is not None
    return query.data


async def _tampered(update: Update, context: BotContext) -> None:
    await unknown_button(update, context)


# -- I am not coming ---------------------------------------------------------------------


async def today_screen(update: Update, context: BotContext, link: TelegramLink) -> None:
    """Today planned: straight to the reason (two taps in all). Else: which day?"""
    today = context.now().date()
    kinds = await day_kinds(link.participant, today, today + timedelta(days=1))
    if kinds.get(today) is PlanKind.PLANNED:
        await reason_screen(update, context, link, today, today, today_shortcut=True)
    else:
        await when_screen(update, context, link, kinds)


async def on_when(update: Update, context: BotContext) -> None:
    tapped = AbsenceWhen.unpack(_data(update))
    if tapped is None:
        await _tampered(update, context)
        return
    link = await _link(update, context, tapped.participant_id)
    if link is not None:
        today = context.now().date()
        kinds = await day_kinds(link.participant, today, today + timedelta(days=1))
        await when_screen(update, context, link, kinds)


async def when_screen(
    update: Update, context: BotContext, link: TelegramLink, kinds: dict[date, PlanKind]
) -> None:
    _, language = context._, context.language
    today = context.now().date()
    tomorrow = today + timedelta(days=1)
    pid, name = _pid(link), link.participant.name
    lines: list[str] = []
    rows: list[list[InlineKeyboardButton]] = []
    today_kind = kinds.get(today)
    if today_kind is PlanKind.PLANNED:
        label = _(ABSENCE_TODAY).format(day=short_day(today, language))
        rows.append([button(label, AbsenceDays(pid, today, today))])
    elif today_kind is PlanKind.ABSENT:
        lines.append(
            _("Du er meldt borte i dag.")
            if _self(link)
            else _("{name} er meldt borte i dag.").format(name=name)
        )
        coming = ABSENCE_COMING if _self(link) else ABSENCE_THEY_COME
        label = _(coming).format(day=short_day(today, language))
        rows.append([button(label, AbsenceWithdraw(pid, today))])
    elif today_kind is PlanKind.CLOSED:
        lines.append(_("Det er stengt i dag."))
    else:
        lines.append(
            _("I dag er ikke en av dagene dine.")
            if _self(link)
            else _("I dag er ikke en av dagene til {name}.").format(name=name)
        )
    if kinds.get(tomorrow) is PlanKind.PLANNED:
        label = _(ABSENCE_TOMORROW).format(day=short_day(tomorrow, language))
        rows.append([button(label, AbsenceDays(pid, tomorrow, tomorrow))])
    rows.append([button(_(ABSENCE_PICK_DAYS), AbsencePage(pid, monday_of(today)))])
    rows.append([button(_(ABSENCE_MINE if _self(link) else ABSENCE_THEIRS), AbsenceList(pid))])
    lines.append(
        _("Når kommer du ikke?") if _self(link) else _("Når kommer ikke {name}?").format(name=name)
    )
    await reply(update, context, "\n".join(lines), with_back(rows, _))


# -- the date picker ---------------------------------------------------------------------


async def on_picker(update: Update, context: BotContext) -> None:
    tapped = AbsencePage.unpack(_data(update)) or AbsenceFirstDay.unpack(_data(update))
    if tapped is None:
        await _tampered(update, context)
        return
    first = tapped.first if isinstance(tapped, AbsenceFirstDay) else None
    link = await _link(update, context, tapped.participant_id)
    if link is None:
        return
    _, language = context._, context.language
    today = context.now().date()
    if first is not None:
        try:
            check_days([first], today)
        except RuleError as error:
            await _refused(update, context, link, error)
            return
    picker = Picker(_pid(link), today, last_reportable_day(today), tapped.page, first).clamped()
    name = link.participant.name
    if first is None:
        question = (
            _("Velg den første dagen du er borte.")
            if _self(link)
            else _("Velg den første dagen {name} er borte.").format(name=name)
        )
    else:
        question = (
            _("Første dag: {day}.").format(day=day_name(first, language))
            + "\n"
            + (
                _("Velg den siste dagen du er borte.")
                if _self(link)
                else _("Velg den siste dagen {name} er borte.").format(name=name)
            )
        )
    span = picker.span_words(lambda d: day_name(d, language))
    await reply(update, context, f"{question}\n📆 {span}", picker.markup(_, language))


async def on_noop(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer(context._("Trykk på en dag med tall."))


# -- the reason, and the report ------------------------------------------------------------


async def on_days(update: Update, context: BotContext) -> None:
    tapped = AbsenceDays.unpack(_data(update))
    if tapped is None:
        await _tampered(update, context)
        return
    first, last = tapped.first, tapped.last
    link = await _link(update, context, tapped.participant_id)
    if link is None:
        return
    try:
        check_days(days_from(first, last), context.now().date())
    except RuleError as error:
        await _refused(update, context, link, error)
        return
    await reason_screen(update, context, link, first, last)


async def reason_screen(
    update: Update,
    context: BotContext,
    link: TelegramLink,
    first: date,
    last: date,
    *,
    today_shortcut: bool = False,
) -> None:
    _, language = context._, context.language
    pid = _pid(link)
    rows = [
        [button(_(label), ReportAbsence.of(pid, first, last, c))]
        for c, label in CATEGORY_LABELS.items()
    ]
    question = (
        _("Hvorfor kommer du ikke?")
        if _self(link)
        else _("Hvorfor kommer ikke {name}?").format(name=link.participant.name)
    )
    if today_shortcut:
        # Say the day first: a reader should not have to guess which day this is about.
        today = when_words([first], first, language, _)
        question = f"📆 {today[:1].upper()}{today[1:]}\n{question}"
        rows.append([button(_(ABSENCE_OTHER_DAY), AbsenceWhen(pid))])
        rows.append([button(_(ABSENCE_MINE if _self(link) else ABSENCE_THEIRS), AbsenceList(pid))])
    else:
        days = (
            day_name(first, language)
            if first == last
            else _("Fra {first} til {last}").format(
                first=day_name(first, language), last=day_name(last, language)
            )
        )
        question = f"📆 {days}\n{question}"
    await reply(update, context, question, with_back(rows, _))


async def on_category(update: Update, context: BotContext) -> None:
    tapped = ReportAbsence.unpack(_data(update))
    if tapped is None:
        await _tampered(update, context)
        return
    link = await _link(update, context, tapped.participant_id)
    if link is not None:
        days, category = days_from(tapped.first, tapped.last), CATEGORY_BY_CODE[tapped.category]
        await report_days(update, context, link, days, category)


async def report_days(
    update: Update,
    context: BotContext,
    link: TelegramLink,
    days: list[date],
    category: AbsenceCategory,
    *,
    note: str | None = None,
    chat_row: ChatState | None = None,
) -> None:
    """Report the days, say what was recorded, and tell who must know: the one path for a
    tapped and a typed report. Without a `note`, one optional question asks for it
    (`chat_row`: the chat's state as the update read it, if it did)."""
    viewer = context.viewer
    assert viewer is not None
    _ = context._
    now = context.now()
    try:
        report = await report_absence(
            link.participant, days, category, reporter=link, now=now, note=note
        )
    except RuleError as error:
        await _refused(update, context, link, error)
        return
    tapped = _tapped_message(update)
    if not report.recorded and await _shows_confirmation(viewer.chat_id, tapped, now):
        # A second tap on the same button (a double tap): the message already says what
        # was recorded and asks for the note; it stays. The tap gets a short answer.
        query = update.callback_query
        assert query is not None
        days = day_span(report.already, context.language, _)
        await query.answer(_("Meldt fra før: {days}.").format(days=days))
        return
    text = _confirmation(context, link, report, category)
    rows: list[list[InlineKeyboardButton]] = []
    if report.recorded and note is None:
        # One optional question; whatever is typed next is stored privately, never sent.
        await chat_state.begin(
            viewer.chat_id,
            chat_state.Step.ABSENCE_NOTE,
            {
                "link": link.id,
                "absences": report.absence_ids,
                "days": [d.isoformat() for d in report.recorded],
                "message": tapped,
            },
            now,
            row=chat_row,
        )
        text += "\n\n" + _("Vil du si mer? (valgfritt)") + "\n"
        text += _("Skriv det her. Bare de ansatte kan se det.")
        rows.append([button(_(ABSENCE_NO_NOTE), "abx")])
    await reply(update, context, text, with_back(rows, _))
    await deliver_now(context)


def _tapped_message(update: Update) -> int | None:
    """The id of the message whose button was tapped (the one the reply replaces)."""
    query = update.callback_query
    if query is None or query.message is None or not query.message.is_accessible:
        return None
    return query.message.message_id


async def _shows_confirmation(chat_id: int, message_id: int | None, now: datetime) -> bool:
    """Whether the message shows an absence confirmation whose note question is open."""
    if message_id is None:
        return False
    step = await chat_state.current(chat_id, now)
    return (
        step is not None
        and step.step == chat_state.Step.ABSENCE_NOTE
        and step.data.get("message") == message_id
    )


def _confirmation(
    context: BotContext, link: TelegramLink, report: AbsenceReport, category: AbsenceCategory
) -> str:
    _, lang = context._, context.language
    lines = []
    if report.recorded:
        days, word = day_span(report.recorded, lang, _), category_word(category, _)
        if _self(link):
            text = _("Takk! Du er meldt borte: {days} ({category}).")
        else:
            text = _("Takk! {name} er meldt borte: {days} ({category}).")
        lines.append(text.format(name=link.participant.name, days=days, category=word))
        lines.append(told(link, _))
        if link.participant.transport and link.participant.unit.transport_email:
            lines.append(_("Transporten får beskjed."))
    if report.already:
        lines.append(_("Meldt fra før: {days}.").format(days=day_span(report.already, lang, _)))
    if report.closed:
        closed = ", ".join(
            day_name(p.day, lang) + closure_words(p.closure, _reasons(p.reason), _)
            for p in report.closed
        )
        lines.append(_("Stengt uansett: {days}.").format(days=closed))
    if report.not_planned:
        lines.append(
            _("Du trenger ikke melde {days}: ingen planlagt dag da.").format(
                days=day_span(report.not_planned, lang, _)
            )
        )
    if not report.recorded and not report.already:
        lines.append(_("Ingen av dagene var planlagt, så ingenting er meldt."))
    return "\n".join(lines)


def told(link: TelegramLink, _: Gettext) -> str:
    """Who is told: the contact person by name, else (none in force) the staff."""
    contact = link.participant.contact
    if needs_new_contact(contact):
        return _("De ansatte får beskjed.")
    return _("{contact} får beskjed.").format(contact=contact.name)


def _reasons(reason: str | None) -> tuple[str, ...]:
    return tuple(reason.split("; ")) if reason else ()


async def _refused(
    update: Update, context: BotContext, link: TelegramLink, error: RuleError
) -> None:
    """A rule said no (a past day, too far ahead): say it kindly, offer another day."""
    _ = context._
    rows = [[button(_(ABSENCE_OTHER_DAY), AbsenceWhen(_pid(link)))]]
    await reply(update, context, error.render(_), with_back(rows, _))


async def on_no_note(update: Update, context: BotContext) -> None:
    """ "No thanks": the report stands as it is; back to the menu. It ends its own note
    question only: on an older message, while another question waits (a typed absence
    not yet answered, a newer note), it is out of date and the waiting question stays."""
    viewer, query = context.viewer, update.callback_query
    assert viewer is not None and query is not None
    step = await chat_state.current(viewer.chat_id, context.now())
    if step is not None and not (
        step.step == chat_state.Step.ABSENCE_NOTE
        and step.data.get("message") in (None, _tapped_message(update))
    ):
        await stale_button(update, context)
        return
    await chat_state.clear(viewer.chat_id)
    await query.answer()
    with contextlib.suppress(BadRequest):  # the message is gone or has no buttons already
        await query.edit_message_reply_markup(None)
    text, markup = await menu_screen(context)
    markup = for_reader(markup, context.language)
    await context.bot.send_message(viewer.chat_id, text, reply_markup=markup)


# -- my absences, and coming after all -----------------------------------------------------


async def on_list(update: Update, context: BotContext) -> None:
    tapped = AbsenceList.unpack(_data(update))
    if tapped is None:
        await _tampered(update, context)
        return
    pid, page = tapped.participant_id, tapped.page or 0
    link = await _link(update, context, pid)
    if link is None:
        return
    _, language = context._, context.language
    name = link.participant.name
    today = context.now().date()
    absences = await upcoming_absences(pid, today)
    if not absences:
        text = (
            _("Du har ikke meldt fravær fram i tid.")
            if _self(link)
            else _("Det er ikke meldt fravær for {name} fram i tid.").format(name=name)
        )
        await reply(update, context, text, with_back([], _))
        return
    kinds = await day_kinds(link.participant, today, absences[-1].day)
    planned = {day for day, kind in kinds.items() if kind is PlanKind.PLANNED}
    category = {a.day: a.category for a in absences}
    runs = absence_runs(category, planned)
    pages = (len(runs) + RUNS_PER_PAGE - 1) // RUNS_PER_PAGE
    page = min(page, pages - 1)
    shown = runs[page * RUNS_PER_PAGE : (page + 1) * RUNS_PER_PAGE]
    lines = [
        _("Du er meldt borte:") if _self(link) else _("{name} er meldt borte:").format(name=name)
    ]
    for first, last in shown:
        reason = category_word(category[first], _)
        lines.append(f"• {day_range(first, last, language, _)} ({reason})")
    if pages > 1:
        lines.append(_("Side {page} av {pages}").format(page=page + 1, pages=pages))
    coming = ABSENCE_COMING if _self(link) else ABSENCE_THEY_COME
    rows = [
        [
            button(
                _(coming).format(day=short_run(first, last, language)),
                AbsenceWithdraw(pid, first, last),
            )
        ]
        for first, last in shown
    ]
    turn = []
    if page > 0:
        turn.append(button(_(PICKER_PREVIOUS), AbsenceList(pid, page - 1)))
    if page < pages - 1:
        turn.append(button(_(PICKER_NEXT), AbsenceList(pid, page + 1)))
    if turn:
        rows.append(turn)
    await reply(update, context, "\n".join(lines), with_back(rows, _))


async def on_withdraw(update: Update, context: BotContext) -> None:
    tapped = AbsenceWithdraw.unpack(_data(update))
    if tapped is None:
        await _tampered(update, context)
        return
    pid, first, last = tapped.participant_id, tapped.first, tapped.last or tapped.first
    link = await _link(update, context, pid)
    if link is None:
        return
    _, language = context._, context.language
    try:
        result = await withdraw_absence(
            link.participant, days_from(first, last), reporter=link, now=context.now()
        )
    except RuleError as error:
        await _refused(update, context, link, error)
        return
    lines = []
    if result.withdrawn:
        days = day_span(result.withdrawn, language, _)
        lines.append(
            _("Så fint! Du er ikke lenger meldt borte {days}.").format(days=days)
            if _self(link)
            else _("Så fint! {name} er ikke lenger meldt borte {days}.").format(
                name=link.participant.name, days=days
            )
        )
        lines.append(told(link, _))
    else:
        lines.append(
            _("{days} var ikke meldt som fravær. Ingenting er endret.").format(
                days=day_range(first, last, language, _)
            )
        )
    label = _(ABSENCE_MINE if _self(link) else ABSENCE_THEIRS)
    await reply(
        update, context, "\n".join(lines), with_back([[button(label, AbsenceList(pid))]], _)
    )
    await deliver_now(context)


def register(app: Application) -> None:
    app.add_handlers(participant_choice(AbsenceFor, N_("Hvem kommer ikke?"), today_screen))
    app.add_handler(CallbackQueryHandler(on_when, pattern=AbsenceWhen.pattern()))
    app.add_handler(CallbackQueryHandler(on_picker, pattern=AbsencePage.pattern()))
    app.add_handler(CallbackQueryHandler(on_picker, pattern=AbsenceFirstDay.pattern()))
    app.add_handler(CallbackQueryHandler(on_noop, pattern=f"^{NOOP}$"))
    app.add_handler(CallbackQueryHandler(on_days, pattern=AbsenceDays.pattern()))
    app.add_handler(CallbackQueryHandler(on_category, pattern=ReportAbsence.pattern()))
    app.add_handler(CallbackQueryHandler(on_no_note, pattern=r"^abx$"))
    app.add_handler(CallbackQueryHandler(on_list, pattern=AbsenceList.pattern()))
    app.add_handler(CallbackQueryHandler(on_withdraw, pattern=AbsenceWithdraw.pattern()))
