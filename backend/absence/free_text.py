"""Absence in typed words: "syk i morgen", "kommer ikkje på fredag", "not coming 5 March".

Pure: a message and today's date in; the days it names and, where it names one, the reason;
or None when the message is not an absence report and should reach the contact person as it
is: a question ("hvem er syk i dag?"), a denial ("Kari er ikke syk lenger"), coming late
("kommer litt seinere"), coming after all, or only days already past.

Bokmål, nynorsk, easy-read and English are read alike (a participant may write in any of
them), and so are the core words in Ukrainian (and the Russian many Ukrainians write),
Polish, Arabic and Somali: sick, a doctor, not coming, today, tomorrow, the weekdays, and
numeric dates ("хворий завтра", "nie przyjdę w piątek", "مريض اليوم", "waan jiranahay
berri"). Month names are read in Norwegian and English only; in the other languages a date
is written 5.3. What is read is always asked back ("Stemmer det?") before it is saved. Days: today, tomorrow, the day after; weekday names ("på mandag" is the next Monday,
today included; "neste mandag" is the Monday of next week); dates as 5.3, 5/3, 05.03.2027,
2027-03-05 (year first, as a phone's date picker writes it), "5. mars", "march 5"; "resten av
uka", "denne uka", "neste uke"; and ranges between two of these ("fra mandag til onsdag",
"5.-7. mars", "mandag-onsdag"). A message with absence in it and no day means today; a
message whose written date is no day of the calendar ("2026-13-45", "31.2") is an
`UnreadableDate`, to be asked again: never read as today. A time beside a day ("legen i
morgen 9.30") is no date.

While the optional note after a report is asked for, `after_report` tells a new report
("syk i morgen") from the note ("har feber").

A general date parser (dateparser, with `nb`) was tried first and dropped: it read "5. mars"
as 4 March next year and knows neither "5.3", "i overmorgen" nor "resten av uka".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from backend.shared.parse import LAST_YEAR

# A date without a year this many days back is read as past, further back as next year.
RECENT_DAYS = 60


class Reason(StrEnum):
    """The reason a message names; the same values as the absence categories."""

    SICK = "sick"
    APPOINTMENT = "appointment"
    DAY_OFF = "day_off"


@dataclass(frozen=True)
class TypedAbsence:
    days: tuple[date, ...]
    reason: Reason | None


@dataclass(frozen=True)
class UnreadableDate:
    """An absence report whose date, as written, is no day of the calendar."""

    written: str


class _NotADate(Exception):
    """Raised by the day readers; `recognise` turns it into an UnreadableDate."""

    def __init__(self, written: str) -> None:
        super().__init__(written)
        self.written = written.strip(" .")


# Arabic as typed: vowel marks and the stretching dash dropped, every alef one alef, a
# final ى as ي; a question mark either way round.
_ARABIC = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ـ": None, "؟": "?", "،": ","}
    | dict.fromkeys(range(0x064B, 0x0660), None)
    | {0x0670: None}
)


def _fold(text: str) -> str:
    return text.translate(_ARABIC)


# Ukrainian and Polish as said on a day ("у п'ятницю", "w piątek") and from it ("з понеділка",
# "od poniedziałku"); Arabic without its vowel marks and with one alef (see `normalise`);
# Somali bare and with its article ("Isniinta").
WEEKDAYS = {
    **dict.fromkeys(("mandag", "måndag", "monday", "mondag"), 0),
    **dict.fromkeys(("понеділок", "понеділка", "понедельник", "понедельника"), 0),
    **dict.fromkeys(("poniedziałek", "poniedziałku", "الاثنين", "اثنين", "isniin", "isniinta"), 0),
    **dict.fromkeys(("tirsdag", "tysdag", "tuesday", "tisdag"), 1),
    **dict.fromkeys(("вівторок", "вівторка", "вторник", "вторника", "wtorek", "wtorku"), 1),
    **dict.fromkeys(("الثلاثاء", "talaado", "talaadada"), 1),
    **dict.fromkeys(("onsdag", "wednesday", "середа", "середу", "середи", "среда", "среду"), 2),
    **dict.fromkeys(("środa", "środę", "środy", "الاربعاء", "arbaco", "arbaca", "arbacada"), 2),
    **dict.fromkeys(("torsdag", "thursday", "четвер", "четверга", "четверг", "czwartek"), 3),
    **dict.fromkeys(("czwartku", "الخميس", "khamiis", "khamiista"), 3),
    **dict.fromkeys(("fredag", "friday", "п'ятниця", "п'ятницю", "п'ятниці", "пятница"), 4),
    **dict.fromkeys(("пятницу", "piątek", "piątku", "الجمعة", "jimco", "jimce", "jimcaha"), 4),
    **dict.fromkeys(("lørdag", "laurdag", "saturday", "субота", "суботу", "суботи"), 5),
    **dict.fromkeys(("суббота", "субботу", "sobota", "sobotę", "soboty", "السبت", "sabti"), 5),
    **dict.fromkeys(("sabtida",), 5),
    **dict.fromkeys(("søndag", "sundag", "sunday", "неділя", "неділю", "неділі"), 6),
    **dict.fromkeys(("воскресенье", "niedziela", "niedzielę", "niedzieli", "الاحد", "axad"), 6),
    **dict.fromkeys(("axadda",), 6),
}
WEEKDAYS = {_fold(name): day for name, day in WEEKDAYS.items()}
MONTHS = {
    **dict.fromkeys(("januar", "january", "jan"), 1),
    **dict.fromkeys(("februar", "february", "feb"), 2),
    **dict.fromkeys(("mars", "march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("august", "aug"), 8),
    **dict.fromkeys(("september", "sept", "sep"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("desember", "december", "des", "dec"), 12),
}

REASON_WORDS: dict[Reason, tuple[str, ...]] = {
    Reason.SICK: (
        "syk", "sjuk", "sick", "ill", "unwell", "forkjølet", "forkjøla", "feber", "influensa",
        "omgangssyke", "magesyke", "covid", "korona", "sykemeldt", "sjukmeld", "sjukemeld",
        "fever", "flu",
        # Ukrainian, Russian
        "хворий", "хвора", "хворію", "хворіє", "захворів", "захворіла", "захворіл", "застуда",
        "застудився", "застудилася", "температура", "грип", "лікарняний", "болею", "болеет",
        "заболел", "заболела", "больной", "больна",
        # Polish
        "chory", "chora", "choruję", "choruje", "zachorowałem", "zachorowałam", "gorączka",
        "gorączkę", "grypa", "grypę", "przeziębiony", "przeziębiona", "zwolnienie lekarskie",
        # Arabic
        "مريض", "مريضة", "مريضه", "مرضان", "تعبان", "تعبانة", "تعبانه", "حمى", "حرارة", "زكام",
        "انفلونزا", "رشح",
        # Somali
        "jiran", "jirran", "jiranahay", "jirranahay", "jirtaa", "xanuunsan", "xanuunsanahay",
        "xanuunsantahay", "bukaan", "buka", "qandho", "hargab", "hargabka",
    ),
    Reason.APPOINTMENT: (
        "lege", "legen", "legetime", "lækjar", "lækjaren", "tannlege", "tannlegen",
        "sykehus", "sykehuset", "sjukehus", "sjukehuset", "avtale", "time hos", "doctor",
        "dentist", "appointment", "hospital", "fysioterapeut", "psykolog",
        "лікар", "лікаря", "лікарні", "лікарню", "лікарня", "стоматолог", "стоматолога",
        "врач", "врачу", "врача", "больница", "больницу",
        "lekarz", "lekarza", "dentysta", "dentysty", "szpital", "szpitala", "szpitalu",
        "wizyta", "wizytę",
        "طبيب", "الطبيب", "دكتور", "الدكتور", "مستشفى", "المستشفى", "موعد",
        "dhakhtar", "dhakhtarka", "isbitaal", "isbitaalka", "ballan", "ballanta",
    ),
    Reason.DAY_OFF: (
        "fri", "fridag", "ferie", "permisjon", "day off", "holiday", "vacation",
        "вихідний", "відпустка", "відпустку", "выходной", "отпуск",
        "urlop", "wolne", "dzień wolny", "اجازة", "عطلة", "fasax", "fasaxa",
    ),
}  # fmt: skip

# Absence said in words, without a reason.
ABSENT = (
    r"(kommer|kjem|komer) (ikke|ikkje|ikkje|ikk)",
    r"(ikke|ikkje) (komme|kome|kommer|kjem)",
    r"(kan|klarer) (ikke|ikkje) (komme|kome|møte|jobbe)",
    r"(ikke|ikkje|not) (på|at|i|til) (jobb|jobben|arbeid|arbeidet|work|senteret|kafeen)",
    r"(blir|er|være|vere|bli) borte",
    r"borte",
    r"fravær|fråvær|fraværende",
    r"(blir|bli|holder meg|være|vere|er) (hjemme|heime)",
    r"not (be )?coming|won't (be )?coming|won't come|can't come|cannot come|can not come",
    r"will not come|not come in|won't be (in|there|at work)|not be (in|there|at work)",
    r"absent|away|stay(ing)? (at )?home",
    # Ukrainian, Russian
    r"не (прийду|прийде|буду|буде|зможу|зможе|приду|придет|смогу|сможет)",
    r"відсутній|відсутня|(буду|залишуся|залишусь|буде) вдома|останусь дома",
    # Polish
    r"nie (przyjdę|przyjdzie|będzie mnie|będzie go|będzie jej|mogę przyjść|może przyjść)",
    r"nieobecny|nieobecna|(zostaję|zostanę|zostanie|zostaje) w domu",
    # Arabic
    r"لن (اتي|احضر|اجي|ياتي|يحضر|تاتي|تحضر|اكون|يكون|تكون)",
    r"(ما|مش|مو) (راح |رح )?(اجي|اقدر اجي|احضر|جاي|جاية|يجي|تجي)|غائب|غايب|غائبة|غايبة",
    r"لا (استطيع|اقدر|يستطيع|تستطيع) (الحضور|المجيء|ان اتي|اجي)|(ساكون|سابقى|ابقى) في البيت",
    # Somali
    r"ma (imanayo|imaanayo|iman karo|imaan karo|imaan doono|iman doono|imanayso|imanaysid)",
    r"(imaan|iman) maayo|maqnaan|maqan|maqnaanayaa|guriga (ayaan )?(joog|joogi|joogayaa)",
)
# A message that says one of these is not an absence report, whatever else it says.
NOT_ABSENT = (
    r"(ikke|ikkje|not|no longer|never) (lenger |lengre )?(syk|sjuk|sick|ill|borte)",
    r"(ikke|ikkje) lenger|ikkje lengre|no longer|anymore|any more",
    r"\bfrisk\b|better now|bedre nå|betre no",
    r"likevel|allikevel|after all",
    r"(kommer|kjem|come|coming|be) (litt |noe |ein |en )?(sent|seint|senere|seinare|later|late)",
    r"(ikke|ikkje|not) før|not until|forsinket|forseinka|delayed",
    r"вже не|уже не|не (хворий|хвора|хворію|болею|больной|больна)|одужав|одужала|здоровий",
    r"здорова|запізнюсь|запізнюся|запізнюся|пізніше|опоздаю|позже|таки прийду|все ж прийду",
    r"już nie|nie (jestem )?(chory|chora)|zdrowy|zdrowa|spóźnię się|później|jednak przyjdę",
    r"لم (اعد|يعد|تعد)|لست مريض|لست مريضة|تحسنت|تحسن|ساتاخر|متاخر|متاخرة|بعدين",
    r"waan (bogsaday|fiicnahay)|(soo )?daah(i|ayaa|ayaa|ayaan|ayaa)|dib u iman",
)
QUESTION_START = (
    r"(hvem|hva|hvorfor|hvordan|hvor|når|kven|kva|kvifor|korleis|kor|who|what|why|how|when|where)",
    r"(kan|skal|må|bør|er|har|får|vil|kjem|kommer) (jeg|eg|du|vi|me|dere|de|hun|han|ho|det)",
    r"(can|may|should|shall|do|does|did|is|are|will) (i|you|we|he|she|it|they|there)",
    r"(хто|що|чому|як|коли|де|чи|кто|что|почему|когда|где)",
    r"(kto|co|dlaczego|jak|kiedy|gdzie|czy)",
    r"(ماذا|لماذا|كيف|متى|هل|اين|مين|شو|ليش)",
    r"(maxay|maxaa|yaa|goorma|sidee|xagee|halkee|immisa)",
)
PAST = (
    r"\b(i går|igår|i forgårs|i gar|yesterday|forrige uke|forrige veke|last week|var syk|"
    r"var sjuk|was sick|was ill|вчора|учора|вчера|минулого тижня|wczoraj|byłem chory|"
    r"byłam chora|امس|البارحة|shalay)\b"
)

_TODAY = r"i dag|idag|today|i dag tidlig|сьогодні|сегодня|dzisiaj|dziś|اليوم|maanta"
_TOMORROW = (
    r"i morgen|imorgen|i morgon|imorgon|tomorrow|i morra|imorra|завтра|jutro|غدا|غد|الغد|"
    r"بكرة|بكره|berri|berrito"
)
_AFTER_TOMORROW = (
    r"i overmorgen|overmorgen|i overmorgon|overmorgon|day after tomorrow|післязавтра|"
    r"послезавтра|pojutrze|بعد غد|بعد غدا|بعد بكرة|بعد بكره|saadambe|saa dambe"
)
_REST_OF_WEEK = (
    r"resten av (uka|uken|veka|veke|denne uka|denne uken)|rest of (the|this) week|"
    r"(denne|heile|hele) (uka|uken|veka)|this week|the whole week|"
    r"до кінця тижня|весь тиждень|цього тижня|до конца недели|do końca tygodnia|cały tydzień|"
    r"w tym tygodniu|هذا الاسبوع|كل الاسبوع|todobaadkan|toddobaadkan"
)
_NEXT_WEEK = (
    r"(hele |heile )?(neste|neste heile|neste hele) (uke|uka|veke|veka)|next week|"
    r"наступного тижня|на наступному тижні|на следующей неделе|w przyszłym tygodniu|"
    r"الاسبوع القادم|الاسبوع الجاي|todobaadka soo socda|toddobaadka soo socda"
)
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO = r"(?P<iy>\d{4})[-./](?P<im>\d{1,2})[-./](?P<id>\d{1,2})\b"
_NUMERIC = r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})(?:[./](?P<y>\d{2,4}))?\.?"
_NAMED = rf"(?P<nd>\d{{1,2}})\.? ?(?:of )?(?P<nm>{_MONTH})\b\.?(?: (?P<ny>\d{{4}}))?"
_NAMED_EN = rf"(?P<em>{_MONTH}) (?P<ed>\d{{1,2}})(?:st|nd|rd|th)?\b"
# One day, as a named group per kind, so one match tells what it found.
DAY = (
    rf"(?P<today>{_TODAY})|(?P<tomorrow>{_TOMORROW})|(?P<after>{_AFTER_TOMORROW})"
    rf"|(?P<next>neste |next |наступного |наступний |наступну |następny |następną |"
    rf"w następny |w następną )?(?:på |on )?(?P<weekday>{_WEEKDAY})(?:en)?\b"
    rf"|{_ISO}|{_NAMED}|{_NAMED_EN}|{_NUMERIC}"
)
_DAY_RE = re.compile(_fold(rf"\b(?:{DAY})"))
_SPAN_RE = re.compile(_fold(rf"(?P<rest>{_REST_OF_WEEK})|(?P<nextweek>{_NEXT_WEEK})"))
# "5.-7. mars", "5-7 march": a range of days in one month.
_DAY_RANGE_RE = re.compile(
    rf"\b(?P<a>\d{{1,2}})\.? ?(?:-|–|til|to) ?(?P<b>\d{{1,2}})\.? ?(?P<month>{_MONTH})\b"
)
# Between two days: "fra A til B", "A-B", "A to B", "A t.o.m. B".
_CLOCK_RE = re.compile(r"\b(?:kl|klokka|klokken|at)\.? ?$")  # "kl. 9.30" is a time
_BETWEEN_RE = re.compile(
    _fold(
        r"^\s*(?:-|–|til og med|til|t\.o\.m\.?|tom|to|until|through|till|до|по|do|الى|حتى|ilaa)\s*$"
    )
)


def _compile(patterns: tuple[str, ...] | str) -> re.Pattern[str]:
    """Arabic in a pattern is folded as `normalise` folds the text it is matched against."""
    if isinstance(patterns, str):
        return re.compile(_fold(patterns))
    return re.compile(_fold(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\b"))


_ABSENT_RE = _compile(ABSENT)
_NOT_ABSENT_RE = _compile(NOT_ABSENT)
_QUESTION_RE = re.compile(_fold(r"^(?:" + "|".join(f"(?:{p})" for p in QUESTION_START) + r")\b"))
_PAST_RE = re.compile(_fold(PAST))
_REASON_RES = {
    reason: _compile(tuple(re.escape(w) for w in words)) for reason, words in REASON_WORDS.items()
}


def normalise(text: str) -> str:
    """Lower case, one kind of apostrophe and dash, no punctuation but what dates need."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_ARABIC)
    text = re.sub("[’ʼ`]", "'", text).replace("—", "–")
    text = re.sub(r"[^\w\s'./\-–?]", " ", text)
    return " ".join(text.split())


def _clauses(text: str) -> list[str]:
    """Sentences, and the parts of a sentence on either side of "men"/"but": in "syk i dag,
    men kommer i morgen" only the first part is about absence. Dates keep their dots."""
    parts = re.split(
        r"(?<=[!?])\s+|(?<=[^\W\d_])\.\s+|\n+|,?\s+\b(?:men|but|але|но|ale|لكن|laakiin)\b\s+",
        _fold(text),
    )
    return [p.strip() for p in parts if p.strip()]


def recognise(text: str, today: date) -> TypedAbsence | UnreadableDate | None:
    """The absence a message reports, or None. See the module's docstring."""
    found = [
        one for clause in _clauses(text) if (one := _clause(normalise(clause), today)) is not None
    ]
    unreadable = next((f for f in found if isinstance(f, UnreadableDate)), None)
    if unreadable is not None:
        return unreadable
    typed = [f for f in found if isinstance(f, TypedAbsence)]
    if not typed:
        return None
    days = sorted({d for f in typed for d in f.days})
    reason = next((f.reason for f in typed if f.reason is not None), None)
    return TypedAbsence(tuple(days), reason)


def after_report(
    text: str, today: date, reported: Collection[date]
) -> TypedAbsence | UnreadableDate | None:
    """While the optional note after a report is asked for: the new absence the text
    reports, or None when the text is the note. A new report names a day, and not only days
    just reported ("syk i morgen", "syk fredag"); words about the absence just reported
    ("har feber", "syk i dag, vondt i magen" after today) are the note."""
    found = recognise(text, today)
    if not isinstance(found, TypedAbsence):
        return found
    if not _names_a_day(normalise(text)) or set(found.days) <= set(reported):
        return None
    return found


def _names_a_day(text: str) -> bool:
    if _SPAN_RE.search(text) or _DAY_RANGE_RE.search(text):
        return True
    return any(not _CLOCK_RE.search(text[: m.start()]) for m in _DAY_RE.finditer(text))


def _clause(text: str, today: date) -> TypedAbsence | UnreadableDate | None:
    """One clause: the absence it reports, or None."""
    if text.endswith("?") or _QUESTION_RE.match(text) or _NOT_ABSENT_RE.search(text):
        return None
    reason, said = _reason(text), _ABSENT_RE.search(text) is not None
    if reason is None and not said:
        return None
    try:
        days = _days(text, today)
    except _NotADate as error:
        return UnreadableDate(error.written)
    if days is None or (not days and _PAST_RE.search(text)):
        return None  # a day that is past, or said to be ("i går")
    if not days and not said and reason is not Reason.SICK:
        return None  # "vi har en avtale", "jeg vil ha fri": for the contact person
    return TypedAbsence(tuple(days or [today]), reason)


def _reason(text: str) -> Reason | None:
    for reason, pattern in _REASON_RES.items():
        if pattern.search(text):
            return reason
    return None


def _days(text: str, today: date) -> list[date] | None:
    """The days named, [] when none, None when a named day is past; _NotADate when a
    written date is no day of the calendar."""
    span = _SPAN_RE.search(text)
    weekdays = [WEEKDAYS[m.group("weekday")] for m in _DAY_RE.finditer(text) if m.group("weekday")]
    if span is not None:
        monday = today - timedelta(days=today.weekday())
        if span.group("rest"):
            return _between(today, monday + timedelta(days=6))
        if weekdays:  # "fredag neste uke"
            return [monday + timedelta(days=7 + w) for w in weekdays]
        return _between(monday + timedelta(days=7), monday + timedelta(days=13))
    days: list[date] = []
    for match in _DAY_RANGE_RE.finditer(text):
        month = MONTHS[match.group("month")]
        try:
            first = _date(today, int(match.group("a")), month, None)
            last = _date(today, int(match.group("b")), month, None)
        except ValueError:
            raise _NotADate(match.group(0)) from None
        if first is None or last is None or last < first:
            return None
        days += _between(first, last)
    if days:
        return days
    matches = [m for m in _DAY_RE.finditer(text) if not _CLOCK_RE.search(text[: m.start()])]
    # "legen i morgen 9.30": beside a day, a time is no date. Alone, it is asked again.
    matches = [m for m in matches if not _clock_like(m)] or matches
    previous: date | None = None
    for index, match in enumerate(matches):
        try:
            day = _one_day(match, today)
        except ValueError:
            raise _NotADate(match.group(0)) from None
        if day is None:
            return None
        if previous is not None and day < previous and match.group("weekday"):
            day += timedelta(days=7)  # "mandag og onsdag", said on a Wednesday
        joined = text[matches[index - 1].end() : match.start()] if index else ""
        if previous is not None and _BETWEEN_RE.match(joined):
            if day < previous:
                return None
            days += _between(previous, day)[1:]
        else:
            days.append(day)
        previous = day
    return days


def _clock_like(match: re.Match[str]) -> bool:
    """9.30, 13.45: hours and minutes, not a day and a month."""
    hour, minute = match.group("d"), match.group("m")
    if hour is None or match.group("y") is not None or len(minute) != 2:
        return False
    return int(hour) <= 23 and 12 < int(minute) <= 59


def _between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _one_day(match: re.Match[str], today: date) -> date | None:
    groups = match.groupdict()
    if groups["today"]:
        return today
    if groups["tomorrow"]:
        return today + timedelta(days=1)
    if groups["after"]:
        return today + timedelta(days=2)
    if groups["weekday"]:
        ahead = (WEEKDAYS[groups["weekday"]] - today.weekday()) % 7
        if groups["next"]:
            monday = today - timedelta(days=today.weekday())
            return monday + timedelta(days=7 + WEEKDAYS[groups["weekday"]])
        return today + timedelta(days=ahead)
    if groups["nd"]:
        return _date(today, int(groups["nd"]), MONTHS[groups["nm"]], groups["ny"])
    if groups["em"]:
        return _date(today, int(groups["ed"]), MONTHS[groups["em"]], None)
    if groups["iy"]:
        return _date(today, int(groups["id"]), int(groups["im"]), groups["iy"])
    return _date(today, int(groups["d"]), int(groups["m"]), groups["y"])


def _date(today: date, day: int, month: int, year: str | None) -> date | None:
    """The date; without a year, the next one on or after today (5.1 in December: January).
    None when it is past; ValueError when it is no day of the calendar."""
    if year is not None:
        full = int(year) + (2000 if len(year) == 2 else 0)
        if len(year) == 3 or full > LAST_YEAR:  # a typing error, not a date to report
            raise ValueError(year)
        found = date(full, month, day)  # ValueError: 31.2, 2026-13-45
        return found if found >= today else None
    found = date(today.year, month, day)
    if found >= today:
        return found
    # Just past: meant this year, and over. Long past: meant next year (5.1 in December).
    return None if (today - found).days <= RECENT_DAYS else date(today.year + 1, month, day)
