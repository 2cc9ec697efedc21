"""Inline keyboards shared by several handlers, and the buttons they carry.

Callback data is typed (bot/callbacks.py): each kind of button is a small class that
packs and unpacks itself; a handler treats a failed unpack as a stale or tampered button.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from backend.shared.i18n import N_, Gettext, text_direction
from backend.shared.wording import (
    MENU_BACK,
    PICKER_NEXT,
    PICKER_ONLY,
    PICKER_PREVIOUS,
    short_day,
    weekday_initials,
)
from bot.callbacks import CALLBACK_LIMIT, Button

MENU = "menu"
NOOP = "abn"  # a calendar cell that does nothing (blank, header, out of range)
PICKER_WEEKS = 4


# -- the buttons this module's keyboards carry ---------------------------------------------


@dataclass(frozen=True)
class AbsencePage(Button):
    """The picker turned to the weeks from `page`, choosing the first day."""

    prefix = "abp"
    participant_id: int
    page: date


@dataclass(frozen=True)
class AbsenceFirstDay(Button):
    """The first day chosen; the picker at `page` asks for the last."""

    prefix = "abq"
    participant_id: int
    first: date
    page: date


@dataclass(frozen=True)
class AbsenceDays(Button):
    """The days of an absence, first to last: next, its reason."""

    prefix = "abd"
    participant_id: int
    first: date
    last: date


@dataclass(frozen=True)
class ReadAloudChoice(Button):
    """ "🔊 Les opp" on (`on`) or off, for the user's own chat (bot/handlers/language.py)."""

    prefix = "voice"
    on: bool


@dataclass(frozen=True)
class RelativeButton(Button):
    """A button about one relative's link (`link_id`), tapped by the participant."""

    link_id: int


@dataclass(frozen=True)
class ConsentAnswer(RelativeButton):
    """The participant's answer to a relative's consent question."""

    prefix = "cons"
    yes: bool


def button(label: str, data: str | Button) -> InlineKeyboardButton:
    """A button carrying `data`: a `Button`, or the fixed word of a menu entry."""
    packed = data.pack() if isinstance(data, Button) else data
    assert len(packed.encode()) <= CALLBACK_LIMIT, packed
    return InlineKeyboardButton(label, callback_data=packed)


def back_row(_: Gettext) -> list[InlineKeyboardButton]:
    return [button(_(MENU_BACK), MENU)]


def with_back(rows: list[list[InlineKeyboardButton]], _: Gettext) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([*rows, back_row(_)])


# Arrows that point "back" or "on", and the one they become in a right-to-left row.
MIRRORED_ARROWS = str.maketrans({"◀": "▶", "▶": "◀", "⬅": "➡", "➡": "⬅"})


def for_reader(markup: InlineKeyboardMarkup | None, language: str) -> InlineKeyboardMarkup | None:
    """The keyboard as a right-to-left reader (Arabic) reads it: each row runs from the
    right (Telegram's apps never turn a bot's keyboard around themselves), and its arrows
    point the other way, so "back" points right. Other languages get it as it is."""
    if markup is None or text_direction(language) != "rtl":
        return markup
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    b.text.translate(MIRRORED_ARROWS),
                    callback_data=b.callback_data,
                    url=b.url,
                )
                for b in reversed(row)
            ]
            for row in markup.inline_keyboard
        ]
    )


# -- long lists of people ------------------------------------------------------------------

# A screen lists this many people at most, so that its keyboard stays far below
# Telegram's 100 buttons; ◀️ / ▶️ turn the pages.
PEOPLE_PER_PAGE = 30
PAGE_PREVIOUS = N_("◀️ Forrige side")
PAGE_NEXT = N_("Neste side ▶️")


def page_count(count: int, per_page: int = PEOPLE_PER_PAGE) -> int:
    return max(1, -(-count // per_page))


def paged(
    rows: list[list[InlineKeyboardButton]],
    page: int,
    turn: Callable[[int], str | Button],
    _: Gettext,
    per_page: int = PEOPLE_PER_PAGE,
) -> list[list[InlineKeyboardButton]]:
    """Page `page` (clamped) of `rows`, one row per person, with a row to turn the pages
    when there are several; `turn(n)` is the callback data of page n."""
    pages = page_count(len(rows), per_page)
    page = min(max(page, 0), pages - 1)
    shown = rows[page * per_page : (page + 1) * per_page]
    nav = []
    if page > 0:
        nav.append(button(_(PAGE_PREVIOUS), turn(page - 1)))
    if page < pages - 1:
        nav.append(button(_(PAGE_NEXT), turn(page + 1)))
    return [*shown, nav] if nav else shown


# -- the date picker ---------------------------------------------------------------------


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Picker:
    """One page of a calendar: weeks from `page` (a Monday), days `today`..`last` tappable.

    Without `first`, a tap chooses the first day; with it, the last day (not before `first`).
    """

    participant_id: int
    today: date
    last: date
    page: date
    first: date | None = None

    @property
    def lowest(self) -> date:
        return self.first or self.today

    def clamped(self) -> Picker:
        """A page from an old or tampered button, moved into the allowed weeks."""
        earliest, latest = monday_of(self.lowest), monday_of(self.last)
        page = min(max(monday_of(self.page), earliest), latest)
        return Picker(self.participant_id, self.today, self.last, page, self.first)

    def page_data(self, page: date) -> Button:
        if self.first is None:
            return AbsencePage(self.participant_id, page)
        return AbsenceFirstDay(self.participant_id, self.first, page)

    def day_data(self, day: date) -> Button:
        if self.first is None:
            return AbsenceFirstDay(self.participant_id, day, self.page)
        return AbsenceDays(self.participant_id, self.first, day)

    def days(self) -> list[date]:
        return [self.page + timedelta(days=n) for n in range(7 * PICKER_WEEKS)]

    def markup(self, _: Gettext, language: str) -> InlineKeyboardMarkup:
        rows = [[button(name, NOOP) for name in weekday_initials(language)]]
        days = self.days()
        for week in range(PICKER_WEEKS):
            row = []
            for day in days[week * 7 : week * 7 + 7]:
                if self.lowest <= day <= self.last:
                    label = f"{day.day}.{day.month}" if day.day == 1 else str(day.day)
                    if day == self.first:
                        label = f"✅{label}"
                    row.append(button(label, self.day_data(day)))
                else:
                    row.append(button("·", NOOP))
            rows.append(row)
        nav = []
        if self.page > monday_of(self.lowest):
            nav.append(
                button(
                    _(PICKER_PREVIOUS), self.page_data(self.page - timedelta(weeks=PICKER_WEEKS))
                )
            )
        if self.page + timedelta(weeks=PICKER_WEEKS) <= self.last:
            nav.append(
                button(_(PICKER_NEXT), self.page_data(self.page + timedelta(weeks=PICKER_WEEKS)))
            )
        if nav:
            rows.append(nav)
        if self.first is not None:
            only = _(PICKER_ONLY).format(day=short_day(self.first, language))
            rows.append([button(only, self.day_data(self.first))])
        return with_back(rows, _)

    def span_words(self, day_words: Callable[[date], str]) -> str:
        """`mandag 6. april – søndag 3. mai`: the weeks the page shows."""
        days = self.days()
        return f"{day_words(days[0])} – {day_words(days[-1])}"


# -- the consent question -----------------------------------------------------------------


def consent_question(
    relative_name: str, link_id: int, _: Gettext
) -> tuple[str, InlineKeyboardMarkup]:
    """Asked of the participant: one question, two big buttons."""
    text = _("{name} vil kunne melde fravær for deg. Er det greit?").format(name=relative_name)
    markup = InlineKeyboardMarkup(
        [
            [button(_("✅ Ja, det er greit"), ConsentAnswer(link_id, yes=True))],
            [button(_("❌ Nei"), ConsentAnswer(link_id, yes=False))],
        ]
    )
    return text, markup
