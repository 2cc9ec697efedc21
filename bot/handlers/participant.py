"""The participant's and the relative's absence report.

Today takes two taps (I am not coming → reason); other days go through "which day" and
a date picker. After the report comes one optional question for a private note, then
"I am coming after all" and "My absences" undo and list what is reported ahead.

Callback data (pid: participant id, dates as YYMMDD), each checked against the user's
links on every tap:

    abs                             I am not coming (a relative of several picks whom)
    abs:<pid>                       the same for one participant
    abw:<pid>                       which day?
    abp:<pid>:<page>                date picker: the first day
    abq:<pid>:<first>:<page>        date picker: the last day
    abd:<pid>:<first>:<last>        days chosen: the reason
    abk:<pid>:<first>:<last>:<cat>  reason chosen: stored, the contact person told
    abx                             no note, thanks
    abl:<pid>[:<page>]              my absences ahead, days in a row grouped, a page at a time
    abu:<pid>:<first>:<last>        I am coming after all, on these days
    abn                             a calendar cell that does nothing
"""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

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
from backend.models import AbsenceCategory, LinkRole, TelegramLink
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
from bot.context import BotContext
from bot.delivery import deliver_now
from bot.handlers.common import (
    menu_screen,
    participant_choice,
    refuse_access,
    reply,
    unknown_button,
)
from bot.keyboards import NOOP, Picker, button, monday_of, parse, stamp, with_back

CATEGORY_CODES = {c: c.value[:2] for c in AbsenceCategory}  # short codes: callback data ≤ 64 bytes
CATEGORY_BY_CODE = {code: c for c, code in CATEGORY_CODES.items()}
RUNS_PER_PAGE = 6  # "My absences": days in a row, one line and one button each


def _self(link: TelegramLink) -> bool:
    """The participant themself (else a relative, whose sentences name the participant)."""
    return link.role == LinkRole.PARTICIPANT


def _pid(link: TelegramLink) -> int:
    return link.participant_id  # type: ignore[attr-defined,no-any-return]


async def _link(update: Update, context: BotContext, participant_id: int) -> TelegramLink | None:
    """The user's link for this participant, or None after telling them why not."""
    assert context.viewer is not None
    link = link_for_participant(context.viewer.links, participant_id)
    if link is None:
        await refuse_access(update, context, participant_id)
    return link


def _data(update: Update) -> str:
    query = update.callback_query
    assert query is not None and query.data is not None
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
    parsed = parse(_data(update), "abw", int)
    if parsed is None:
        await _tampered(update, context)
        return
    link = await _link(update, context, parsed[0])
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
        rows.append([button(label, f"abd:{pid}:{stamp(today)}:{stamp(today)}")])
    elif today_kind is PlanKind.ABSENT:
        lines.append(
            _("Du er meldt borte i dag.")
            if _self(link)
            else _("{name} er meldt borte i dag.").format(name=name)
        )
        coming = ABSENCE_COMING if _self(link) else ABSENCE_THEY_COME
        label = _(coming).format(day=short_day(today, language))
        rows.append([button(label, f"abu:{pid}:{stamp(today)}")])
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
        rows.append([button(label, f"abd:{pid}:{stamp(tomorrow)}:{stamp(tomorrow)}")])
    rows.append([button(_(ABSENCE_PICK_DAYS), f"abp:{pid}:{stamp(monday_of(today))}")])
    rows.append([button(_(ABSENCE_MINE if _self(link) else ABSENCE_THEIRS), f"abl:{pid}")])
    lines.append(
        _("Når kommer du ikke?") if _self(link) else _("Når kommer ikke {name}?").format(name=name)
    )
    await reply(update, context, "\n".join(lines), with_back(rows, _))


# -- the date picker ---------------------------------------------------------------------


async def on_picker(update: Update, context: BotContext) -> None:
    data = _data(update)
    first: date | None = None
    if data.startswith("abp:"):
        parsed = parse(data, "abp", int, date)
        if parsed is None:
            await _tampered(update, context)
            return
        pid, page = parsed
    else:
        parsed = parse(data, "abq", int, date, date)
        if parsed is None:
            await _tampered(update, context)
            return
        pid, first, page = parsed
    link = await _link(update, context, pid)
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
    picker = Picker(_pid(link), today, last_reportable_day(today), page, first).clamped()
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
    parsed = parse(_data(update), "abd", int, date, date)
    if parsed is None:
        await _tampered(update, context)
        return
    pid, first, last = parsed
    link = await _link(update, context, pid)
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
    span = f"{stamp(first)}:{stamp(last)}"
    rows = [
        [button(_(label), f"abk:{pid}:{span}:{CATEGORY_CODES[c]}")]
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
        rows.append([button(_(ABSENCE_OTHER_DAY), f"abw:{pid}")])
        rows.append([button(_(ABSENCE_MINE if _self(link) else ABSENCE_THEIRS), f"abl:{pid}")])
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


def _parse_report(data: str) -> tuple[int, date, date, AbsenceCategory] | None:
    parsed = parse(data, "abk", int, date, date, str)
    if parsed is None or parsed[3] not in CATEGORY_BY_CODE:
        return None
    pid, first, last, code = parsed
    return pid, first, last, CATEGORY_BY_CODE[str(code)]


async def on_category(update: Update, context: BotContext) -> None:
    parsed = _parse_report(_data(update))
    if parsed is None:
        await _tampered(update, context)
        return
    pid, first, last, category = parsed
    link = await _link(update, context, pid)
    if link is not None:
        await report_days(update, context, link, days_from(first, last), category)


async def report_days(
    update: Update,
    context: BotContext,
    link: TelegramLink,
    days: list[date],
    category: AbsenceCategory,
    *,
    note: str | None = None,
) -> None:
    """Report the days, say what was recorded, and tell who must know: the one path for a
    tapped and a typed report. Without a `note`, one optional question asks for it."""
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
    text = _confirmation(context, link, report, category)
    rows: list[list[InlineKeyboardButton]] = []
    if report.recorded and note is None:
        # One optional question; whatever is typed next is stored privately, never sent.
        await chat_state.begin(
            viewer.chat_id,
            chat_state.Step.ABSENCE_NOTE,
            {"link": link.id, "absences": report.absence_ids},
            now,
        )
        text += "\n\n" + _("Vil du si mer? (valgfritt)") + "\n"
        text += _("Skriv det her. Bare de ansatte kan se det.")
        rows.append([button(_(ABSENCE_NO_NOTE), "abx")])
    await reply(update, context, text, with_back(rows, _))
    await deliver_now(context)


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
    rows = [[button(_(ABSENCE_OTHER_DAY), f"abw:{_pid(link)}")]]
    await reply(update, context, error.render(_), with_back(rows, _))


async def on_no_note(update: Update, context: BotContext) -> None:
    """ "No thanks": the report stands as it is; back to the menu."""
    viewer, query = context.viewer, update.callback_query
    assert viewer is not None and query is not None
    await chat_state.clear(viewer.chat_id)
    await query.answer()
    with contextlib.suppress(BadRequest):  # the message is gone or has no buttons already
        await query.edit_message_reply_markup(None)
    text, markup = await menu_screen(context)
    await context.bot.send_message(viewer.chat_id, text, reply_markup=markup)


# -- my absences, and coming after all -----------------------------------------------------


async def on_list(update: Update, context: BotContext) -> None:
    data = _data(update)
    parsed = parse(data, "abl", int, int) or parse(data, "abl", int)
    if parsed is None:
        await _tampered(update, context)
        return
    pid, page = parsed[0], (parsed[1] if len(parsed) > 1 else 0)
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
                f"abu:{pid}:{stamp(first)}:{stamp(last)}",
            )
        ]
        for first, last in shown
    ]
    turn = []
    if page > 0:
        turn.append(button(_(PICKER_PREVIOUS), f"abl:{pid}:{page - 1}"))
    if page < pages - 1:
        turn.append(button(_(PICKER_NEXT), f"abl:{pid}:{page + 1}"))
    if turn:
        rows.append(turn)
    await reply(update, context, "\n".join(lines), with_back(rows, _))


async def on_withdraw(update: Update, context: BotContext) -> None:
    data = _data(update)
    parsed = parse(data, "abu", int, date, date) or parse(data, "abu", int, date)
    if parsed is None:
        await _tampered(update, context)
        return
    pid, first, last = parsed[0], parsed[1], parsed[-1]
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
    await reply(update, context, "\n".join(lines), with_back([[button(label, f"abl:{pid}")]], _))
    await deliver_now(context)


def register(app: Application) -> None:
    app.add_handlers(participant_choice("abs", N_("Hvem kommer ikke?"), today_screen))
    app.add_handler(CallbackQueryHandler(on_when, pattern=r"^abw:"))
    app.add_handler(CallbackQueryHandler(on_picker, pattern=r"^ab[pq]:"))
    app.add_handler(CallbackQueryHandler(on_noop, pattern=f"^{NOOP}$"))
    app.add_handler(CallbackQueryHandler(on_days, pattern=r"^abd:"))
    app.add_handler(CallbackQueryHandler(on_category, pattern=r"^abk:"))
    app.add_handler(CallbackQueryHandler(on_no_note, pattern=r"^abx$"))
    app.add_handler(CallbackQueryHandler(on_list, pattern=r"^abl:"))
    app.add_handler(CallbackQueryHandler(on_withdraw, pattern=r"^abu:"))
