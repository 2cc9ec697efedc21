"""Today's roster: who is expected, and one tap per participant to confirm.

Every copy of the day's roster (one per staff chat, see backend.attendance.roster) is
edited after each change, so two staff members never confirm from stale lists.

Callback data (pid: participant id, uid: unit id, d: YYMMDD, q: quarter hours), each
checked against the tapping staff member's unit on every tap:

    rp:<pid>:<d>        ✅ here, with the decision's hours
    ra:<pid>:<d>        ❌ not here: with notice when an absence is reported, else without
    rh:<pid>:<d>:<q>    ⏱ the hours picker at q quarter hours (late arrival, early leave)
    rq:<pid>:<d>:<q>    save q quarter hours as here
    rr:<uid>:<d>        👍 everyone else is here
    rv:<uid>:<d>        show the roster again (refreshes this message)
    rg:<uid>:<d>:<n>    show page n of a roster too long for one message
    ry:<pid>:<d>:<q>    "yes, here after all": present over a reported absence, which
                        ends that day (q: the picker's quarter hours, 0 the decision's)
    rn:<pid>:<d>        💬 ask the relatives "is Kari well?"
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from datetime import UTC, date, tzinfo
from decimal import Decimal

from telegram import Bot, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from backend.absence.notices import ask_relatives
from backend.absence.rules import category_word
from backend.attendance import roster as roster_service
from backend.attendance.marking import AbsenceReported, RosterEntry
from backend.attendance.roster import RosterView
from backend.calendar.plan_rules import PlanKind
from backend.calendar.wording import closure_words
from backend.models import AbsenceCategory, AttendanceStatus, Unit
from backend.nav_lists.lists import hours_text
from backend.outbox.recipients import chat_languages
from backend.shared.errors import RuleError
from backend.shared.i18n import N_, Gettext, gettext_for
from backend.shared.message_parts import TELEGRAM_TEXT_LIMIT, page_ranges, utf16_len
from backend.shared.wording import (
    day_name,
)
from bot.callbacks import Button
from bot.context import BotContext
from bot.delivery import deliver_now
from bot.handlers.staff.common import B, answer_refusal, refuse_not_staff, staff_of, staff_tap
from bot.keyboards import PAGE_NEXT, PAGE_PREVIOUS, button

log = logging.getLogger(__name__)

QUARTERS_MAX = 48  # 12 hours
# Participants per page: four buttons each at most, so a page stays well within
# Telegram's 100 buttons, and within 4,096 characters with room for the lines below.
ROSTER_PAGE_SIZE = 20
FOOTER_RESERVE = 400
REST_HERE = N_("👍 Alle andre er her")
REFRESH = N_("🔄 Oppdater")
BACK_TO_ROSTER = N_("⬅️ Tilbake til listen")
ASK_RELATIVE = N_("💬 Spør pårørende til {name}")
LEGEND = N_("Trykk ✅ når en er her, ❌ når en ikke er kommet, ⏱ for å endre timene.")


# -- the buttons ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantDay(Button):
    """A button about one participant on one day of the roster."""

    participant_id: int
    day: date


@dataclass(frozen=True)
class Present(ParticipantDay):
    """✅ here, with the decision's hours."""

    prefix = "rp"


@dataclass(frozen=True)
class Absent(ParticipantDay):
    """❌ not here: with notice when an absence is reported, else without."""

    prefix = "ra"


@dataclass(frozen=True)
class HoursPicker(ParticipantDay):
    """⏱ the hours picker at `quarters` quarter hours."""

    prefix = "rh"
    quarters: int


@dataclass(frozen=True)
class SaveHours(ParticipantDay):
    """Save `quarters` quarter hours as here."""

    prefix = "rq"
    quarters: int


@dataclass(frozen=True)
class HereAfterAll(ParticipantDay):
    """Here over a reported absence (`quarters`: the picker's, 0 the decision's hours)."""

    prefix = "ry"
    quarters: int


@dataclass(frozen=True)
class AskRelatives(ParticipantDay):
    """💬 ask the relatives "is Kari well?"."""

    prefix = "rn"


@dataclass(frozen=True)
class UnitDay(Button):
    """A button about the roster of one unit on one day."""

    unit_id: int
    day: date


@dataclass(frozen=True)
class RestHere(UnitDay):
    """👍 everyone else is here."""

    prefix = "rr"


@dataclass(frozen=True)
class ShowRoster(UnitDay):
    """Show the roster again (backend.attendance.roster's reminder writes it too)."""

    prefix = "rv"


@dataclass(frozen=True)
class RosterPage(UnitDay):
    """Page `page` of a roster too long for one message."""

    prefix = "rg"
    page: int


# -- words ------------------------------------------------------------------------------


def short_names(entries: tuple[RosterEntry, ...]) -> dict[int, str]:
    """`Kari N.` for buttons; the full name where two would read the same."""

    def short(name: str) -> str:
        parts = name.split()
        return f"{parts[0]} {parts[-1][0]}." if len(parts) > 1 else name

    shorts = {e.participant.id: short(e.participant.name) for e in entries}
    counts: dict[str, int] = {}
    for text in shorts.values():
        counts[text] = counts.get(text, 0) + 1
    return {
        pid: (
            text
            if counts[text] == 1
            else next(e.participant.name for e in entries if e.participant.id == pid)
        )
        for pid, text in shorts.items()
    }


def entry_line(entry: RosterEntry, view: RosterView, _: Gettext, language: str) -> str:
    p = entry.participant
    record = entry.record
    absence = entry.absence
    reported = ""
    if absence is not None:
        reported = category_word(absence.category, _)
        if absence.reporter_name and absence.reporter_name != p.name:  # a relative, staff
            reported = _("{category}, meldt av {name}").format(
                category=reported, name=absence.reporter_name
            )
        if absence.late:
            reported += ", " + _("etter starttid")
    if record is None:
        if entry.plan.kind is PlanKind.ABSENT:
            return "📩 " + _("{name}: meldt borte ({reported})").format(
                name=p.name, reported=reported
            )
        if entry.plan.kind is PlanKind.CLOSED:
            return "🔒 " + _("{name}: stengt").format(name=p.name)
        if p.id in view.visits:  # tapped in at the door: ✅ stores the tablet's hours
            arrived, left = view.visits[p.id]
            start = arrived.astimezone(view.zone).strftime("%H:%M")
            hours = view.tablet_hours(p.id)
            if left is None:
                return "🟢 " + _("{name}: inne fra {time}").format(name=p.name, time=start)
            end = left.astimezone(view.zone).strftime("%H:%M")
            if hours is None:  # too short a visit for a quarter hour: staff decide
                return "⚪ " + _("{name}: {start}–{end}, kort besøk, ingen timer foreslått").format(
                    name=p.name, start=start, end=end
                )
            return "🟢 " + _("{name}: {start}–{end}, {hours} t etter nettbrettet").format(
                name=p.name,
                start=start,
                end=end,
                hours=hours_text(hours, language),
            )
        return f"⬜ {p.name} {p.day_start}–{p.day_end}"
    if record.status == AttendanceStatus.PRESENT:
        hours = Decimal(record.hours)
        text = "✅ " + _("{name}: {hours} t").format(name=p.name, hours=hours_text(hours, language))
        if entry.plan.hours and hours != entry.plan.hours:
            text += " " + _("(avtalt {hours} t)").format(
                hours=hours_text(entry.plan.hours, language)
            )
        return text
    if record.status == AttendanceStatus.ABSENT_NOTIFIED:
        line = "❌ " + _("{name}: borte, meldt").format(name=p.name)
        return line + (f" ({reported})" if reported else "")
    if record.status == AttendanceStatus.ABSENT_UNNOTIFIED:
        line = "⚠️ " + _("{name}: borte uten å melde fra").format(name=p.name)
        if p.id in view.asked:
            line += " · " + _("pårørende er spurt")
        return line
    return "🔒 " + _("{name}: stengt").format(name=p.name)


def roster_title(view: RosterView, _: Gettext, language: str) -> list[str]:
    roster = view.roster
    lines = [
        "📋 "
        + _("Oppmøte {day} · {unit}").format(
            day=day_name(roster.day, language), unit=roster.unit.name
        )
    ]
    if not roster.status.is_open:
        lines.append(
            _("Enheten er stengt denne dagen")
            + closure_words(roster.status.kind, roster.status.reasons, _)
            + "."
        )
    return lines


def roster_pages(view: RosterView, _: Gettext, language: str) -> list[range]:
    """The entries of each page: a long roster is shown a page at a time, each page one
    message within Telegram's limits (4,096 characters, 100 buttons)."""
    title = "\n".join(roster_title(view, _, language))
    budget = TELEGRAM_TEXT_LIMIT - utf16_len(title) - FOOTER_RESERVE
    sizes = [utf16_len(entry_line(e, view, _, language)) for e in view.roster.entries]
    return page_ranges(sizes, per_page=ROSTER_PAGE_SIZE, budget=budget)


def roster_text(view: RosterView, _: Gettext, language: str, pages: list[range], page: int) -> str:
    roster = view.roster
    lines = roster_title(view, _, language)
    if not roster.entries:
        lines.append(_("Ingen deltakere er ventet."))
        return "\n".join(lines)
    lines.append("")
    lines += [entry_line(roster.entries[i], view, _, language) for i in pages[page]]
    lines.append("")
    open_entries = [e for e in roster.entries if e.plan.kind is not PlanKind.OFF]
    waiting = len(roster.unconfirmed)
    if waiting:
        lines.append(
            _("Bekreftet: {done} av {count}.").format(
                done=len(open_entries) - waiting, count=len(open_entries)
            )
        )
        lines.append(_(LEGEND))
    else:
        lines.append("✅ " + _("Alt er bekreftet."))
    if len(pages) > 1:
        lines.append(
            _("Side {page} av {pages}, deltaker {first}–{last} av {count}.").format(
                page=page + 1,
                pages=len(pages),
                first=pages[page].start + 1,
                last=pages[page].stop,
                count=len(roster.entries),
            )
        )
    return "\n".join(lines)


def roster_markup(
    view: RosterView, _: Gettext, pages: list[range], page: int
) -> InlineKeyboardMarkup:
    roster = view.roster
    day = roster.day
    names = short_names(roster.entries)
    rows = []
    for entry in (roster.entries[i] for i in pages[page]):
        pid = entry.participant.id
        kind = entry.plan.kind
        if kind in (PlanKind.CLOSED, PlanKind.OFF):
            continue
        quarters = int((view.tablet_hours(pid) or entry.plan.hours) * 4)
        if entry.record is not None and entry.record.status == AttendanceStatus.PRESENT:
            quarters = int(Decimal(entry.record.hours) * 4)
        rows.append(
            [
                button(f"✅ {names[pid]}", Present(pid, day)),
                button(f"❌ {names[pid]}", Absent(pid, day)),
                button(f"⏱ {names[pid]}", HoursPicker(pid, day, quarters)),
            ]
        )
        record = entry.record
        unnotified = record is not None and record.status == AttendanceStatus.ABSENT_UNNOTIFIED
        if unnotified and pid in view.relatives and pid not in view.asked:
            first = entry.participant.name.split()[0]
            rows.append([button(_(ASK_RELATIVE).format(name=first), AskRelatives(pid, day))])
    if len(pages) > 1:
        turn = []
        if page > 0:
            turn.append(button(_(PAGE_PREVIOUS), RosterPage(roster.unit.id, day, page - 1)))
        if page < len(pages) - 1:
            turn.append(button(_(PAGE_NEXT), RosterPage(roster.unit.id, day, page + 1)))
        rows.append(turn)
    last = [button(_(REFRESH), ShowRoster(roster.unit.id, day))]
    if roster.unconfirmed:
        last.insert(0, button(_(REST_HERE), RestHere(roster.unit.id, day)))
    rows.append(last)
    return InlineKeyboardMarkup(rows)


def page_of(view: RosterView, pid: int, language: str) -> int:
    """The page that shows a participant (0 when none does)."""
    pages = roster_pages(view, gettext_for(language), language)
    index = next((i for i, e in enumerate(view.roster.entries) if e.participant.id == pid), 0)
    return next((n for n, entries in enumerate(pages) if index in entries), 0)


def roster_screen(
    view: RosterView, language: str, page: int = 0
) -> tuple[str, InlineKeyboardMarkup | None]:
    """One page of the roster (a page out of range shows the nearest one)."""
    _ = gettext_for(language)
    pages = roster_pages(view, _, language)
    page = min(max(page, 0), len(pages) - 1)
    text = roster_text(view, _, language, pages, page)
    if not view.roster.entries:
        return text, None
    return text, roster_markup(view, _, pages, page)


# -- sending and refreshing -----------------------------------------------------------------


async def edit(
    bot: Bot, chat_id: int, message_id: int, text: str, markup: InlineKeyboardMarkup | None
) -> bool:
    """Edit a message; False when Telegram no longer has it (or the chat is gone)."""
    try:
        await bot.edit_message_text(
            text, chat_id=chat_id, message_id=message_id, reply_markup=markup
        )
    except BadRequest as error:
        if "not modified" in error.message:
            return True
        if "not found" in error.message.lower():
            return False
        raise
    except Forbidden:
        return False
    return True


async def refresh(
    bot: Bot,
    unit: Unit,
    day: date,
    tapped: Message | None = None,
    focus: int | None = None,
    *,
    zone: tzinfo = UTC,
) -> RosterView:
    """Edit every copy of the day's roster (and the tapped message) to the current state.

    Each copy keeps the page it shows; a tapped message that is not a stored copy
    shows the page of participant `focus` (or the first page)."""
    view = await roster_service.roster_view(unit, day, zone)
    stored = await roster_service.messages_of_day(unit.id, day)
    targets: dict[tuple[int, int], int | None] = {
        (m.chat_id, m.message_id): m.page for m in stored if m.message_id is not None
    }
    if tapped is not None:
        targets.setdefault((tapped.chat_id, tapped.message_id), None)
    languages = await chat_languages([chat for chat, _ in targets])
    for (chat_id, message_id), page in sorted(targets.items()):
        language = languages.get(chat_id, "nb")
        if page is None:
            page = page_of(view, focus, language) if focus is not None else 0
        text, markup = roster_screen(view, language, page)
        try:
            if not await edit(bot, chat_id, message_id, text, markup):
                await roster_service.forget_message(unit.id, chat_id, day)
        except TelegramError as error:  # one chat's trouble must not stop the others
            log.warning("roster in chat %s not refreshed: %s", chat_id, error)
    return view


async def send_roster(bot: Bot, view: RosterView, chat_id: int, language: str) -> Message:
    text, markup = roster_screen(view, language)
    return await bot.send_message(chat_id, text, reply_markup=markup)


async def resend(context: BotContext, view: RosterView) -> None:
    """The roster at the bottom of the chat; the day's older copy is deleted first, so
    the chat never holds two."""
    viewer = context.viewer
    assert viewer is not None
    unit, day = view.roster.unit, view.roster.day
    if not view.roster.entries or not view.roster.status.is_open:
        await send_roster(context.bot, view, viewer.chat_id, context.language)
        return  # nothing to confirm: no copy to keep in step
    old = await roster_service.begin_resend(unit, viewer.chat_id, day, context.now())
    if old is not None:
        with contextlib.suppress(TelegramError):  # already gone, or too old to delete
            await context.bot.delete_message(viewer.chat_id, old)
    sent = await send_roster(context.bot, view, viewer.chat_id, context.language)
    await roster_service.replace(unit, viewer.chat_id, day, sent.message_id, context.now())


async def show_today(update: Update, context: BotContext) -> None:
    """/idag: the roster anew at the bottom of the chat; the day's older copy is deleted."""
    staff = staff_of(context)
    if staff is None:
        await refuse_not_staff(update, context)
        return
    viewer = context.viewer
    assert viewer is not None
    now = context.now()
    try:
        view = await roster_service.staff_roster(staff, now.date(), now.date(), zone=context.tz)
    except RuleError as error:
        await answer_refusal(update, context, error)
        return
    await resend(context, view)


# -- taps -------------------------------------------------------------------------------------


async def _tap(update: Update, context: BotContext, kind: type[B]) -> B | None:
    """The button of a staff tap, or None when the tap was answered already."""
    found = await staff_tap(update, context, kind)
    return found[1] if found else None


async def _after_change(
    update: Update, context: BotContext, day: date, note: str, pid: int | None = None
) -> None:
    query = update.callback_query
    assert query is not None
    staff = staff_of(context)
    assert staff is not None
    unit = await roster_service.unit_for_staff(staff)
    await query.answer(note)
    tapped = query.message if isinstance(query.message, Message) else None
    await refresh(context.bot, unit, day, tapped, pid, zone=context.tz)


async def on_present(update: Update, context: BotContext) -> None:
    tapped = await _tap(update, context, Present)
    if tapped is None:
        return
    pid, day = tapped.participant_id, tapped.day
    await _mark_present(update, context, pid, day)


async def _mark_present(
    update: Update,
    context: BotContext,
    pid: int,
    day: date,
    hours: Decimal | None = None,
    *,
    end_absence: bool = False,
) -> None:
    """✅ with the decision's hours, or with the hours the picker saved; over a reported
    absence, first the question whether the participant is here after all."""
    try:
        record = await roster_service.mark(
            staff_of(context),  # type: ignore[arg-type]
            pid,
            day,
            AttendanceStatus.PRESENT,
            context.now(),
            hours,
            end_absence=end_absence,
        )
    except AbsenceReported as reported:
        await _ask_here_after_all(update, context, reported, hours)
        return
    except RuleError as error:
        await answer_refusal(update, context, error)
        return
    note = context._("✅ {hours} t").format(
        hours=hours_text(Decimal(record.hours), context.language)
    )
    await _after_change(update, context, day, note, pid)


async def on_absent(update: Update, context: BotContext) -> None:
    tapped = await _tap(update, context, Absent)
    if tapped is None:
        return
    pid, day = tapped.participant_id, tapped.day
    try:
        record = await roster_service.mark(
            staff_of(context),
            pid,
            day,
            AttendanceStatus.ABSENT_UNNOTIFIED,
            context.now(),  # type: ignore[arg-type]
        )
    except RuleError as error:
        await answer_refusal(update, context, error)
        return
    _ = context._
    if record.status == AttendanceStatus.ABSENT_UNNOTIFIED:
        note = _("⚠️ Borte uten å melde fra")
    else:
        note = _("❌ Borte, meldt")
    await _after_change(update, context, day, note, pid)


def hours_screen(
    view: RosterView, pid: int, quarters: int, _: Gettext, language: str
) -> tuple[str, InlineKeyboardMarkup] | None:
    entry = view.roster.entry(pid)
    if entry is None or entry.plan.kind in (PlanKind.CLOSED, PlanKind.OFF):
        return None
    p = entry.participant
    day = view.roster.day
    hours = Decimal(quarters) / 4
    text = "\n".join(
        [
            "⏱ " + _("{name}, {day}").format(name=p.name, day=day_name(view.roster.day, language)),
            _("Avtalt: {start}–{end} ({hours} t)").format(
                start=p.day_start, end=p.day_end, hours=hours_text(entry.plan.hours, language)
            ),
            _("Timer til stede: {hours} t").format(hours=hours_text(hours, language)),
        ]
    )
    steps = [(-4, _("−1 t")), (-1, "−¼"), (1, "+¼"), (4, _("+1 t"))]
    row = [
        button(label, HoursPicker(pid, day, quarters + step))
        for step, label in steps
        if 1 <= quarters + step <= QUARTERS_MAX
    ]
    save = _("✅ Lagre {hours} t").format(hours=hours_text(hours, language))
    rows = [row, [button(save, SaveHours(pid, day, quarters))]]
    rows.append([button(_(BACK_TO_ROSTER), ShowRoster(view.roster.unit.id, day))])
    return text, InlineKeyboardMarkup(rows)


async def on_hours(update: Update, context: BotContext) -> None:
    """The picker: only this chat's message changes until the hours are saved."""
    tapped = await _tap(update, context, HoursPicker)
    if tapped is None:
        return
    pid, day, quarters = tapped.participant_id, tapped.day, tapped.quarters
    query = update.callback_query
    assert query is not None
    try:
        view = await roster_service.staff_roster(
            staff_of(context), day, context.now().date(), zone=context.tz
        )  # type: ignore[arg-type]
    except RuleError as error:
        await answer_refusal(update, context, error)
        return
    screen = hours_screen(
        view, pid, min(max(quarters, 1), QUARTERS_MAX), context._, context.language
    )
    if screen is None:
        await answer_refusal(
            update, context, RuleError(N_("Fant ikke den deltakeren ved enheten din"))
        )
        return
    await query.answer()
    if isinstance(query.message, Message):
        await edit(context.bot, query.message.chat_id, query.message.message_id, *screen)


def here_after_all_screen(
    reported: AbsenceReported,
    unit_id: int,
    hours: Decimal | None,
    today: date,
    _: Gettext,
    language: str,
) -> tuple[str, InlineKeyboardMarkup]:
    """ "Kari er meldt syk i dag. Er Kari likevel her?" The category is named: this is
    the staff's chat. No pronoun: the name says who."""
    name = reported.participant.name
    first = name.split()[0]
    when = _("i dag") if reported.day == today else day_name(reported.day, language)
    if reported.category is AbsenceCategory.SICK:
        text = _("{name} er meldt syk {when}. Er {first} likevel her?")
    else:
        text = _("{name} er meldt borte {when} ({category}). Er {first} likevel her?")
    text = text.format(
        name=name, when=when, first=first, category=category_word(reported.category, _)
    )
    text += "\n" + _("Da avsluttes fraværet for den dagen.")
    quarters = int(hours * 4) if hours is not None else 0
    rows = [
        [button(_("✅ Ja, {first} er her").format(first=first),
                HereAfterAll(reported.participant.id, reported.day, quarters))],
        [button(_(BACK_TO_ROSTER), ShowRoster(unit_id, reported.day))],
    ]  # fmt: skip
    return text, InlineKeyboardMarkup(rows)


async def _ask_here_after_all(
    update: Update, context: BotContext, reported: AbsenceReported, hours: Decimal | None
) -> None:
    """Ask once, in the tapped message; nothing is stored until staff say yes."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if not isinstance(query.message, Message):
        return
    screen = here_after_all_screen(
        reported,
        reported.participant.unit_id,
        hours,
        context.now().date(),
        context._,
        context.language,
    )
    await edit(context.bot, query.message.chat_id, query.message.message_id, *screen)


async def on_here_after_all(update: Update, context: BotContext) -> None:
    """ "Yes, Kari is here": present, and the absence of that day ends."""
    tapped = await _tap(update, context, HereAfterAll)
    if tapped is None:
        return
    pid, day, quarters = tapped.participant_id, tapped.day, tapped.quarters
    hours = Decimal(min(quarters, QUARTERS_MAX)) / 4 if quarters > 0 else None
    await _mark_present(update, context, pid, day, hours, end_absence=True)


async def on_hours_saved(update: Update, context: BotContext) -> None:
    tapped = await _tap(update, context, SaveHours)
    if tapped is None:
        return
    pid, day, quarters = tapped.participant_id, tapped.day, tapped.quarters
    await _mark_present(update, context, pid, day, Decimal(quarters) / 4)


async def on_rest(update: Update, context: BotContext) -> None:
    tapped = await _tap(update, context, RestHere)
    if tapped is None:
        return
    unit_id, day = tapped.unit_id, tapped.day
    try:
        done = await roster_service.confirm_rest(staff_of(context), unit_id, day, context.now())  # type: ignore[arg-type]
    except RuleError as error:
        await answer_refusal(update, context, error)
        return
    note = context._("👍 {count} bekreftet som til stede").format(count=len(done.present))
    await _after_change(update, context, day, note)


async def on_show(update: Update, context: BotContext) -> None:
    """ "Show the roster" (from the day's-end reminder or the hours picker): this message
    becomes the roster; a reminder's button sends it anew at the bottom instead."""
    tapped = await _tap(update, context, ShowRoster)
    if tapped is None:
        return
    unit_id, day = tapped.unit_id, tapped.day
    query = update.callback_query
    assert query is not None
    try:
        view = await roster_service.staff_roster(
            staff_of(context), day, context.now().date(), unit_id, zone=context.tz
        )  # type: ignore[arg-type]
    except RuleError as error:
        await answer_refusal(update, context, error)
        return
    await query.answer()
    message = query.message if isinstance(query.message, Message) else None
    stored = {(m.chat_id, m.message_id) for m in await roster_service.messages_of_day(unit_id, day)}
    if message is not None and (message.chat_id, message.message_id) in stored:
        await refresh(context.bot, view.roster.unit, day, message, zone=context.tz)
        return
    await resend(context, view)


async def on_page(update: Update, context: BotContext) -> None:
    """◀️ / ▶️ on a long roster: this message shows another page, and keeps it."""
    tapped = await _tap(update, context, RosterPage)
    if tapped is None:
        return
    unit_id, day, page = tapped.unit_id, tapped.day, tapped.page
    query = update.callback_query
    assert query is not None
    try:
        view = await roster_service.staff_roster(
            staff_of(context),  # type: ignore[arg-type]
            day,
            context.now().date(),
            unit_id,
            zone=context.tz,
        )
    except RuleError as error:
        await answer_refusal(update, context, error)
        return
    await query.answer()
    message = query.message if isinstance(query.message, Message) else None
    if message is None:
        return
    pages = roster_pages(view, context._, context.language)
    page = min(page, len(pages) - 1)
    await roster_service.set_page(unit_id, message.chat_id, day, message.message_id, page)
    await edit(
        context.bot,
        message.chat_id,
        message.message_id,
        *roster_screen(view, context.language, page),
    )


async def on_ask_relative(update: Update, context: BotContext) -> None:
    tapped = await _tap(update, context, AskRelatives)
    if tapped is None:
        return
    pid, day = tapped.participant_id, tapped.day
    _ = context._
    try:
        asked = await ask_relatives(staff_of(context), pid, day, context.now())  # type: ignore[arg-type]
    except RuleError as error:
        await answer_refusal(update, context, error)
        return
    await deliver_now(context)
    note = _("💬 Pårørende har fått en melding") if asked else _("Pårørende er spurt allerede")
    await _after_change(update, context, day, note, pid)


def register(app: Application) -> None:
    app.add_handler(CommandHandler(["idag", "today"], show_today))
    app.add_handler(CallbackQueryHandler(on_present, pattern=Present.pattern()))
    app.add_handler(CallbackQueryHandler(on_absent, pattern=Absent.pattern()))
    app.add_handler(CallbackQueryHandler(on_hours, pattern=HoursPicker.pattern()))
    app.add_handler(CallbackQueryHandler(on_hours_saved, pattern=SaveHours.pattern()))
    app.add_handler(CallbackQueryHandler(on_rest, pattern=RestHere.pattern()))
    app.add_handler(CallbackQueryHandler(on_show, pattern=ShowRoster.pattern()))
    app.add_handler(CallbackQueryHandler(on_page, pattern=RosterPage.pattern()))
    app.add_handler(CallbackQueryHandler(on_here_after_all, pattern=HereAfterAll.pattern()))
    app.add_handler(CallbackQueryHandler(on_ask_relative, pattern=AskRelatives.pattern()))
