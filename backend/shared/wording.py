"""Button labels and small texts used by several handlers. Emoji never carry meaning alone."""

from __future__ import annotations

from datetime import date, timedelta

from babel.dates import format_date, format_skeleton, get_day_names

from backend.shared.i18n import N_, Gettext, babel_locale, ngettext_for

# The main menu: callback data abs, plan, pay, cafe, call, lang.
MENU_ABSENT = N_("🚫 Jeg kommer ikke")
MENU_PLAN = N_("📅 Min plan")
MENU_PAY = N_("💰 Min lønn")
MENU_CAFE = N_("☕ Kafé")
MENU_CALL = N_("📞 Ring oss")
MENU_LANGUAGE = N_("🌐 Språk")
# "🔊 Les opp" turns voice notes on (backend.voice); once on, the button turns them off.
MENU_READ_ALOUD = N_("🔊 Les opp")
MENU_READ_ALOUD_OFF = N_("🔇 Ikke les opp")
# The staff's main menu: callback data sm:idag, sm:uke, sl, sm:login.
STAFF_TODAY = N_("📋 Dagens oppmøte")
STAFF_WEEK = N_("🗓 Uka")
STAFF_LIST = N_("📄 Frammøteliste")
STAFF_LOGIN = N_("🔑 Logg inn på nettsidene")
# A relative's menu names the participant: "Kari kommer ikke", "Planen til Kari".
MENU_ABSENT_THEY = N_("🚫 {name} kommer ikke")
MENU_PLAN_THEIRS = N_("📅 Planen til {name}")
MENU_PAY_OF = N_("💰 Lønnen til {name}")
# … and a relative of several participants, whom the next screen asks.
MENU_ABSENT_SOMEONE = N_("🚫 Meld fravær")
MENU_PLANS = N_("📅 Planer")
MENU_PAY_THEIRS = N_("💰 Lønn")
MENU_BACK = N_("⬅️ Tilbake til menyen")
MENU_RELATIVES = N_("👪 Pårørende")

# The absence flow (bot/handlers/participant.py).
ABSENCE_OTHER_DAY = N_("📆 En annen dag")
ABSENCE_PICK_DAYS = N_("📆 Velg dager")
ABSENCE_MINE = N_("📋 Mitt fravær")
ABSENCE_THEIRS = N_("📋 Meldt fravær")
ABSENCE_TODAY = N_("📍 I dag, {day}")
ABSENCE_TOMORROW = N_("➡️ I morgen, {day}")
ABSENCE_COMING = N_("✅ Jeg kommer likevel: {day}")
ABSENCE_THEY_COME = N_("✅ Kommer likevel: {day}")
ABSENCE_NO_NOTE = N_("👍 Nei takk")
# The question after a typed absence (bot/handlers/messages.py).
TYPED_YES = N_("✅ Ja")
TYPED_NO = N_("❌ Nei")
TYPED_SEND = N_("✉️ Send meldingen til {contact}")
PICKER_PREVIOUS = N_("◀️ Forrige")
PICKER_NEXT = N_("Neste ▶️")
PICKER_ONLY = N_("1️⃣ Bare {day}")


# The easy-read language writes every date in full, buttons too.
EASY_READ = "nb_lettlest"

# Dates in words, per language (CLDR's pattern letters); a language not named writes as
# bokmål does. Norwegian puts a full stop after the day ("7. april"); English, Ukrainian,
# Polish and Arabic do not, and the last three put a comma after the weekday (Arabic its
# own, "،"); Somali names the month before the day ("Abriil 7"), as CLDR has it.
DAY_NAME_PATTERNS: dict[str, str] = {
    "en": "EEEE d MMMM",
    "uk": "EEEE, d MMMM",
    "pl": "EEEE, d MMMM",
    "ar": "EEEE، d MMMM",
    "so": "EEEE, MMMM d",
}
SHORT_DAY_PATTERNS: dict[str, str] = {
    "en": "EEE d MMM",
    "uk": "EEE, d MMM",
    "pl": "EEE, d MMM",
    "ar": "EEE، d MMM",
    "so": "EEE, MMM d",
}
# The first end of a range within one month, whose month is said once, at its end.
RANGE_START_PATTERNS: dict[str, str] = {
    "en": "EEEE d",
    "uk": "EEEE, d",
    "pl": "EEEE, d",
    "ar": "EEEE، d",
    "so": "EEEE, d",
}
# A day with its year: CLDR's own long date where Norwegian's and English's differ from it.
LONG_DATE_PATTERNS: dict[str, str] = {
    "en": "d MMMM y",
    "uk": "long",
    "pl": "long",
    "ar": "long",
    "so": "long",
}


def _pattern(patterns: dict[str, str], language: str, bokmål: str) -> str:
    return patterns.get(language, bokmål)


def day_runs(days: list[date]) -> list[tuple[date, date]]:
    """Days that follow one another joined into (first, last) pairs, earliest first."""
    runs: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        if runs and day - runs[-1][1] == timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _range_ends(first: date, last: date, language: str) -> tuple[str, str]:
    """The two ends of a range; the month and year are said once when they are shared."""
    if (first.year, first.month) == (last.year, last.month):
        pattern = _pattern(RANGE_START_PATTERNS, language, "EEEE d.")
        start = format_date(first, pattern, locale=babel_locale(language))
    else:
        start = day_name(first, language)
    return start, day_name(last, language)


def day_range(first: date, last: date, language: str, _: Gettext) -> str:
    """`mandag 2. til fredag 6. mars`, or one day's name."""
    if first == last:
        return day_name(first, language)
    start, end = _range_ends(first, last, language)
    return _("{first} til {last}").format(first=start, last=end)


def day_span(days: list[date], language: str, _: Gettext) -> str:
    """The days in words. More than three days are said as runs (`mandag 2. til fredag
    6. mars`); when that still leaves more than three parts, as the count, first and last day."""
    if len(days) <= 3:
        return day_list(days, language)
    runs = day_runs(days)
    if len(runs) <= 3:
        return ", ".join(day_range(first, last, language, _) for first, last in runs)
    start, end = _range_ends(runs[0][0], runs[-1][1], language)
    ngettext = ngettext_for(language)
    return ngettext(
        "{count} dag fra {first} til {last}", "{count} dager fra {first} til {last}", len(days)
    ).format(count=len(days), first=start, last=end)


def short_day(day: date, language: str) -> str:
    """`ons. 8. apr.`: for buttons; in easy-read the whole `onsdag 8. april`."""
    if language == EASY_READ:
        return day_name(day, language)
    pattern = _pattern(SHORT_DAY_PATTERNS, language, "EEE d. MMM")
    return format_date(day, pattern, locale=babel_locale(language))


def weekday_initials(language: str) -> list[str]:
    """Monday first, as a calendar's header row."""
    names = get_day_names("short", locale=babel_locale(language))
    return [names[i] for i in range(7)]


def day_name(day: date, language: str) -> str:
    """`mandag 6. april` in plain words, in the reader's language."""
    pattern = _pattern(DAY_NAME_PATTERNS, language, "EEEE d. MMMM")
    return format_date(day, pattern, locale=babel_locale(language))


def short_run(first: date, last: date, language: str) -> str:
    """`man. 9. mars`, or `man. 9. mars–fre. 13. mars`: for buttons."""
    if first == last:
        return short_day(first, language)
    return f"{short_day(first, language)}–{short_day(last, language)}"


def when_words(days: list[date], today: date, language: str, _: Gettext) -> str:
    """`i morgen, torsdag 5. mars`; several days as a list or a span."""
    if len(days) > 1:
        return day_span(days, language, _)
    day = days[0]
    if day == today:
        return _("i dag, {day}").format(day=day_name(day, language))
    if day == today + timedelta(days=1):
        return _("i morgen, {day}").format(day=day_name(day, language))
    return day_name(day, language)


def day_list(days: list[date], language: str) -> str:
    return ", ".join(day_name(d, language) for d in days)


def long_date(iso: str, language: str) -> str:
    """An ISO date in words: "7. april 2026" ("7 April 2026" in English)."""
    pattern = _pattern(LONG_DATE_PATTERNS, language, "d. MMMM y")
    return format_date(date.fromisoformat(iso), pattern, locale=babel_locale(language))


def month_year(iso: str, language: str) -> str:
    """The month of an ISO date in words: "april 2026" (the month's own name, "kwiecień
    2026", not the form it takes after a day, "7 kwietnia")."""
    return format_skeleton("yMMMM", date.fromisoformat(iso), locale=babel_locale(language))
