"""Absence in typed words: what a participant or a relative writes, and what it reports.

Today is Wednesday 4 March 2026 in every row.
"""

from __future__ import annotations

from datetime import date

import pytest

from backend.absence.free_text import (
    Reason,
    TypedAbsence,
    UnreadableDate,
    after_report,
    recognise,
)

TODAY = date(2026, 3, 4)  # a Wednesday
WED, THU, FRI, SAT, SUN = (date(2026, 3, d) for d in (4, 5, 6, 7, 8))
MON2, TUE2, WED2, THU2, FRI2, SAT2, SUN2 = (date(2026, 3, d) for d in range(9, 16))
SICK, APPT, OFF = Reason.SICK, Reason.APPOINTMENT, Reason.DAY_OFF

TAKEN = [
    # bokmål
    ("syk i morgen", (THU,), SICK),
    ("Syk i morgen.", (THU,), SICK),
    ("kommer ikke i dag", (WED,), None),
    ("Kommer ikke idag", (WED,), None),
    ("jeg er syk", (WED,), SICK),
    ("Jeg er syk 🤒", (WED,), SICK),
    ("ikke på jobb fredag", (FRI,), None),
    ("Jeg kommer ikke på fredag", (FRI,), None),
    ("jeg er syk på mandag", (MON2,), SICK),
    ("Kan ikke komme i morgen", (THU,), None),
    ("Jeg er borte i overmorgen", (FRI,), None),
    ("borte 5.3", (THU,), None),
    ("Jeg skal til legen 5. mars", (THU,), APPT),
    ("lege 5. mars", (THU,), APPT),
    ("har legetime i morgen kl. 9.30", (THU,), APPT),
    ("Tannlegen i morgen, kommer ikke", (THU,), APPT),
    ("fri fredag", (FRI,), OFF),
    ("Jeg har fri på fredag", (FRI,), OFF),
    ("Jeg har ferie neste uke", (MON2, TUE2, WED2, THU2, FRI2, SAT2, SUN2), OFF),
    ("syk resten av uka", (WED, THU, FRI, SAT, SUN), SICK),
    ("Jeg er syk resten av uken", (WED, THU, FRI, SAT, SUN), SICK),
    ("kommer ikke fra mandag til onsdag", (MON2, TUE2, WED2), None),
    ("borte mandag-onsdag", (MON2, TUE2, WED2), None),
    ("syk 9.-11. mars", (MON2, TUE2, WED2), SICK),
    ("kommer ikke 9.3-10.3", (MON2, TUE2), None),
    ("kommer ikke mandag og onsdag", (MON2, WED2), None),
    ("Kommer ikke mandag, onsdag og fredag", (MON2, WED2, FRI2), None),
    ("ikke på jobb neste fredag", (FRI2,), None),
    ("Kommer ikke fredag neste uke", (FRI2,), None),
    ("Hei! Jeg er syk i dag. Hilsen Kari", (WED,), SICK),
    ("Jeg har feber og influensa", (WED,), SICK),
    ("Jeg er syk i dag, men kommer i morgen", (WED,), SICK),
    ("Jeg blir hjemme i morgen", (THU,), None),
    ("Kari er syk i dag", (WED,), SICK),
    ("Kari kommer ikke på torsdag", (THU,), None),
    ("Per har time hos legen på fredag og kommer ikke", (FRI,), APPT),
    ("kommer ikke onsdag", (WED,), None),
    ("meld fravær 12.03.2026", (THU2,), None),
    ("syk 5/3", (THU,), SICK),
    ("syk 12.03.26", (THU2,), SICK),
    # year first, as a phone's date picker writes it
    ("syk 2026-03-12", (THU2,), SICK),
    ("kommer ikke 2026.03.09", (MON2,), None),
    ("borte 2026/3/10", (TUE2,), None),
    ("syk fra 2026-03-09 til 2026-03-11", (MON2, TUE2, WED2), SICK),
    # a time beside a day is no date
    ("Jeg har time hos legen i morgen 9.30", (THU,), APPT),
    ("lege fredag 13.45", (FRI,), APPT),
    # nynorsk
    ("sjuk i morgon", (THU,), SICK),
    ("Eg er sjuk", (WED,), SICK),
    ("kjem ikkje på fredag", (FRI,), None),
    ("Eg kjem ikkje i dag", (WED,), None),
    ("ikkje på jobb måndag", (MON2,), None),
    ("Eg er sjuk resten av veka", (WED, THU, FRI, SAT, SUN), SICK),
    ("Kan ikkje kome i morgon", (THU,), None),
    ("Eg har time hos lækjaren tysdag", (TUE2,), APPT),
    # easy-read words and short forms
    ("syk", (WED,), SICK),
    ("Jeg er borte i dag", (WED,), None),
    ("borte i morgen", (THU,), None),
    ("ikke komme i dag", (WED,), None),
    # English
    ("sick tomorrow", (THU,), SICK),
    ("I'm sick today", (WED,), SICK),
    ("I am ill", (WED,), SICK),
    ("not coming on friday", (FRI,), None),
    ("I won't be in on Friday", (FRI,), None),
    ("I can't come tomorrow, doctor's appointment", (THU,), APPT),
    ("day off next Monday", (MON2,), OFF),
    ("I will be absent on march 9", (MON2,), None),
    ("Not coming from Monday to Wednesday", (MON2, TUE2, WED2), None),
    ("staying home the rest of the week", (WED, THU, FRI, SAT, SUN), None),
    # Ukrainian (and the Russian many Ukrainians write)
    ("хворий завтра", (THU,), SICK),
    ("Я хвора сьогодні", (WED,), SICK),
    ("Не прийду в п'ятницю", (FRI,), None),
    ("не прийду у пʼятницю", (FRI,), None),  # the Ukrainian apostrophe
    ("Я не прийду з понеділка до середи", (MON2, TUE2, WED2), None),
    ("Мені треба до лікаря завтра", (THU,), APPT),
    ("Олена не прийде в понеділок", (MON2,), None),
    ("хворий до кінця тижня", (WED, THU, FRI, SAT, SUN), SICK),
    ("не прийду 9.3", (MON2,), None),
    ("Я хворий сьогодні, але прийду завтра", (WED,), SICK),
    ("Заболел, не приду завтра", (THU,), SICK),
    # Polish
    ("jestem chory", (WED,), SICK),
    ("Nie przyjdę jutro", (THU,), None),
    ("nie przyjdę w piątek", (FRI,), None),
    ("Jestem chora, nie przyjdę od poniedziałku do środy", (MON2, TUE2, WED2), SICK),
    ("Mam wizytę u lekarza jutro", (THU,), APPT),
    ("Jutro mam wolne", (THU,), OFF),
    # Arabic, with and without vowel marks and hamza
    ("مريض اليوم", (WED,), SICK),
    ("أنا مريضة غداً", (THU,), SICK),
    ("لن آتي يوم الخميس", (THU,), None),
    ("عندي موعد عند الطبيب بعد غد", (FRI,), APPT),
    ("لن أحضر من الاثنين الى الأربعاء", (MON2, TUE2, WED2), None),
    ("عندي حمى", (WED,), SICK),
    # Somali
    ("waan jiranahay", (WED,), SICK),
    ("Waan jiranahay berri", (THU,), SICK),
    ("Ma imanayo maanta", (WED,), None),
    ("Berri ma imaan karo, dhakhtarka ayaan aadayaa", (THU,), APPT),
    ("Ma imanayo Jimcaha", (FRI,), None),
]

NOT_TAKEN = [
    "Kari er ikke syk lenger",
    "hvem er syk i dag?",
    "Er du syk i dag?",
    "Kan jeg få fri fredag?",
    "Jeg var syk i går",
    "Jeg kommer i morgen",
    "Jeg kommer likevel i dag",
    "kommer litt senere i dag",
    "Jeg kommer sent i morgen",
    "kommer ikke før kl 12",
    "Jeg er frisk igjen",
    "Hei Ingrid!",
    "Takk for i dag",
    "Vi har en avtale med Ingrid om lønn",
    "Når åpner kafeen?",
    "Hva skal vi gjøre på fredag",
    "syk 3.3",  # yesterday
    "syk 5.3.2025",  # a year ago
    "syk 2026-03-03",  # yesterday, year first
    "Er du syk 2026-13-45?",  # a question, whatever its date
    "Jeg gleder meg til fredag",
    "Eg er ikkje sjuk lenger",
    "Kva skjer i morgon?",
    "I'm not sick anymore",
    "Who is sick today?",
    "I am coming after all",
    "Eg kjem litt seinare",
    "Jeg var syk forrige uke",
    "Я вже не хвора",
    "Хто хворий сьогодні?",
    "Я була хвора вчора",
    "Я запізнюсь завтра",
    "Już nie jestem chora",
    "Czy jesteś chory?",
    "Spóźnię się jutro",
    "Byłem chory wczoraj",
    "هل أنت مريض؟",
    "لم أعد مريضاً",
    "كنت مريض امس",
    "سأتأخر غدا",
    "Maxay tahay?",
    "Shalay waan jiranahay",
    "waan soo daahayaa berri",
    "",
    "   ",
]


@pytest.mark.parametrize(("text", "days", "reason"), TAKEN)
def test_absence_is_read_from_typed_words(
    text: str, days: tuple[date, ...], reason: Reason | None
) -> None:
    assert recognise(text, TODAY) == TypedAbsence(days, reason)


@pytest.mark.parametrize("text", NOT_TAKEN)
def test_what_is_not_an_absence_report_is_left_for_the_contact_person(text: str) -> None:
    assert recognise(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("syk 2026-13-45", "2026-13-45"),
        ("syk 2026-02-30", "2026-02-30"),
        ("Jeg er syk 2026-12-32.", "2026-12-32"),
        ("syk 31.2", "31.2"),
        ("kommer ikke 45/13", "45/13"),
        ("syk 30. februar", "30. februar"),
        ("borte 30.-32. mars", "30.-32. mars"),
        ("syk 13.45", "13.45"),  # a time alone is no day either
        ("syk 5.3.2101", "5.3.2101"),  # beyond the years a date is given in
        ("syk 5.3.202", "5.3.202"),
        ("syk i morgen og 2026-13-45", "2026-13-45"),
    ],
)
def test_a_date_that_is_no_day_is_said_so_and_never_read_as_today(text: str, written: str) -> None:
    assert recognise(text, TODAY) == UnreadableDate(written)


@pytest.mark.parametrize(
    ("text", "reported", "found"),
    [
        # the note on the absence just reported
        ("har feber", (WED,), None),
        ("Jeg er syk i dag, vondt i magen", (WED,), None),
        ("Jeg har feber og influensa", (THU,), None),  # no day named: about that report
        ("Jeg er syk", (), None),
        ("Tannlegen ringte", (WED,), None),
        # a new report
        ("jeg er syk i morgen", (WED,), TypedAbsence((THU,), SICK)),
        ("syk fredag", (WED,), TypedAbsence((FRI,), SICK)),
        ("syk i dag og i morgen", (WED,), TypedAbsence((WED, THU), SICK)),
        ("kommer ikke på mandag", (WED, THU), TypedAbsence((MON2,), None)),
        ("syk i dag", (THU,), TypedAbsence((WED,), SICK)),
        ("syk 2026-13-45", (WED,), UnreadableDate("2026-13-45")),
    ],
)
def test_after_a_report_a_new_report_is_told_from_the_note(
    text: str, reported: tuple[date, ...], found: TypedAbsence | UnreadableDate | None
) -> None:
    assert after_report(text, TODAY, reported) == found


def test_the_table_has_at_least_sixty_phrases() -> None:
    assert len(TAKEN) + len(NOT_TAKEN) >= 60


@pytest.mark.parametrize(
    ("today", "text", "day"),
    [
        (date(2026, 12, 28), "syk 5.1", date(2027, 1, 5)),  # early January, seen in December
        (date(2026, 3, 6), "kommer ikke fredag", date(2026, 3, 6)),  # on Friday: today
        (date(2026, 3, 6), "kommer ikke neste fredag", date(2026, 3, 13)),
        (date(2026, 3, 8), "syk på mandag", date(2026, 3, 9)),  # on Sunday: tomorrow
    ],
)
def test_a_day_is_read_against_today(today: date, text: str, day: date) -> None:
    found = recognise(text, today)
    assert found is not None and found.days == (day,)
