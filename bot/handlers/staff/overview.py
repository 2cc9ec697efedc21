"""/uke: the unit's week day by day; a participant's last two weeks and absences ahead.

Callback data (checked against the staff member's unit on every tap):

    su:<monday YYMMDD>    the week from that Monday
    su:<monday>:<n>       the same, page n of its participants
    sp:<pid>              one participant
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from backend.absence.rules import category_word
from backend.attendance.overviews import (
    ParticipantOverview,
    WeekDay,
    WeekView,
    monday_of,
    participant_overview,
    week,
)
from backend.calendar.wording import closure_words
from backend.nav_lists.lists import hours_text, remark_words, schedule_words
from backend.nav_lists.rules import ListRow, RowKind
from backend.shared.errors import RuleError
from backend.shared.i18n import N_, Gettext, ngettext_for
from backend.shared.wording import (
    day_name,
    short_day,
)
from bot.callbacks import Button
from bot.context import BotContext
from bot.handlers.common import reply, unknown_button
from bot.handlers.staff.common import answer_refusal, refuse_not_staff, staff_of, staff_tap
from bot.handlers.staff.lists import ListPeriods
from bot.keyboards import button, paged


@dataclass(frozen=True)
class Week(Button):
    """The week from `monday`; page `page` of its participants."""

    prefix = "su"
    monday: date
    page: int | None = None


@dataclass(frozen=True)
class OneParticipant(Button):
    """One participant's last two weeks and absences ahead."""

    prefix = "sp"
    participant_id: int


# Most weeks asked for are near today; a bound keeps a tampered button cheap.
MAX_WEEKS_AWAY = 60
SYMBOLS: dict[RowKind, str] = {
    RowKind.PRESENT: "✅",
    RowKind.ABSENT_NOTIFIED: "❌",
    RowKind.ABSENT_UNNOTIFIED: "⚠️",
    RowKind.CLOSED: "🔒",
    RowKind.UNCONFIRMED: "⬜",
    RowKind.COMING: "🗓",
}
COUNT_WORDS: dict[RowKind, str] = {
    RowKind.PRESENT: N_("{count} til stede"),
    RowKind.ABSENT_NOTIFIED: N_("{count} borte, meldt"),
    RowKind.ABSENT_UNNOTIFIED: N_("{count} borte uten melding"),
    RowKind.UNCONFIRMED: N_("{count} ikke bekreftet"),
    RowKind.COMING: N_("{count} ventet"),
}
ROW_WORDS: dict[RowKind, str] = {
    RowKind.PRESENT: N_("til stede {hours} t"),
    RowKind.ABSENT_NOTIFIED: N_("borte, meldt"),
    RowKind.ABSENT_UNNOTIFIED: N_("borte uten å melde fra"),
    RowKind.CLOSED: N_("stengt"),
    RowKind.UNCONFIRMED: N_("ikke bekreftet"),
    RowKind.COMING: N_("ventet"),
}


def day_line(day: WeekDay, _: Gettext, language: str) -> str:
    name = day_name(day.day, language)
    if not day.status.is_open:
        return f"🔒 {name}: " + _("stengt") + closure_words(day.status.kind, day.status.reasons, _)
    parts = [
        f"{SYMBOLS[kind]} {_(COUNT_WORDS[kind]).format(count=day.counts[kind])}"
        for kind in COUNT_WORDS
        if day.counts.get(kind)
    ]
    return f"{name}: " + (", ".join(parts) if parts else _("ingen ventet"))


def week_screen(
    view: WeekView, _: Gettext, language: str, page: int = 0
) -> tuple[str, InlineKeyboardMarkup]:
    sunday = view.monday + timedelta(days=6)
    lines = [
        "📅 "
        + _("Uke {week}, {first}–{last} · {unit}").format(
            week=view.monday.isocalendar()[1],
            first=short_day(view.monday, language),
            last=short_day(sunday, language),
            unit=view.unit.name,
        ),
        "",
    ]
    lines += [
        day_line(d, _, language) for d in view.days if d.status.is_open or d.day.isoweekday() <= 5
    ]
    people = [[button(f"👤 {p.name}", OneParticipant(p.id))] for p in view.participants]
    rows = paged(people, page, lambda n: Week(view.monday, n), _)
    rows.append(
        [
            button(_("◀️ Forrige uke"), Week(view.monday - timedelta(days=7))),
            button(_("Neste uke ▶️"), Week(view.monday + timedelta(days=7))),
        ]
    )
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def row_line(row: ListRow, _: Gettext, language: str) -> str:
    words = _(ROW_WORDS[row.kind]).format(hours=hours_text(row.hours, language))
    remark = remark_words(row, _)
    tail = f" ({remark})" if remark else ""
    return f"{SYMBOLS[row.kind]} {short_day(row.day, language)}: {words}{tail}"


def participant_screen(
    overview: ParticipantOverview, monday: date, _: Gettext, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    recent = overview.recent
    p = recent.participant
    t = recent.totals
    lines = [
        f"👤 {p.name} ({p.code})",
        _("Avtalt: {schedule}").format(schedule=schedule_words(p, language)),
    ]
    if recent.contact_name:
        lines.append(_("Kontaktperson: {name}").format(name=recent.contact_name))
    lines += [
        "",
        _("Siste {days} dager: til stede {present} av {planned} ({hours} t).").format(
            days=(recent.last - recent.first).days + 1,
            present=t.present_days,
            planned=ngettext_for(language)("{count} dag", "{count} dager", t.planned_days).format(
                count=t.planned_days
            ),
            hours=hours_text(t.present_hours, language),
        ),
    ]
    lines += [row_line(r, _, language) for r in recent.rows]
    if overview.ahead:
        lines += ["", _("Meldt fravær framover:")]
        lines += [
            f"📩 {short_day(a.day, language)} ({category_word(a.category, _)})"
            for a in overview.ahead
        ]
    rows = [
        [button(_("📄 Frammøteliste"), ListPeriods(p.id))],
        [button(_("⬅️ Tilbake til uka"), Week(monday))],
    ]
    return "\n".join(lines), InlineKeyboardMarkup(rows)


async def show_week(
    update: Update, context: BotContext, monday: date | None = None, page: int = 0
) -> None:
    staff = staff_of(context)
    if staff is None:
        await refuse_not_staff(update, context)
        return
    today = context.now().date()
    view = await week(staff, monday or monday_of(today), today)
    await reply(update, context, *week_screen(view, context._, context.language, page))


async def on_week(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    if staff_of(context) is None:
        await refuse_not_staff(update, context)
        return
    tapped = Week.unpack(query.data)
    today = context.now().date()
    if tapped is None or abs((tapped.monday - today).days) > 7 * MAX_WEEKS_AWAY:
        await unknown_button(update, context)
        return
    await show_week(update, context, tapped.monday, tapped.page or 0)


async def on_participant(update: Update, context: BotContext) -> None:
    found = await staff_tap(update, context, OneParticipant)
    if found is None:
        return
    staff, tapped = found
    today = context.now().date()
    try:
        overview = await participant_overview(staff, tapped.participant_id, today)
    except RuleError as error:
        await answer_refusal(update, context, error)
        return
    await reply(
        update,
        context,
        *participant_screen(overview, monday_of(today), context._, context.language),
    )


def register(app: Application) -> None:
    app.add_handler(CommandHandler(["uke", "week"], lambda u, c: show_week(u, c)))
    app.add_handler(CallbackQueryHandler(on_week, pattern=Week.pattern()))
    app.add_handler(CallbackQueryHandler(on_participant, pattern=OneParticipant.pattern()))
