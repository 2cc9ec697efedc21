"""Attendance lists for NAV (frammøtelister): gathered in five queries, rendered as CSV and PDF.

    found = await build_list(participant, first, last, today)       # no permission check
    found = await list_for_staff(staff, participant_id, first, last, today)  # same unit only
    export = await export_for_staff(staff, participant_id, first, last, today, ListFormat.PDF)
    await email_to_nav(found, now=now, actor="staff:S1")            # the unit's NAV address

CSV: `;`-separated, UTF-8 with a BOM and decimal commas, as Norwegian Excel opens it.
PDF: A4 with the unit, participant, period, contact person, NAV contact, the table,
the totals and a signature line (fpdf2). Both in Norwegian unless asked otherwise.
The rows and totals themselves are the pure rules of backend.nav_lists.rules.
"""

from __future__ import annotations

import hashlib
import logging
import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from babel.dates import format_date
from babel.numbers import format_decimal

from backend.absence.rules import CATEGORY_WORDS
from backend.calendar.calendars import decision_of, unit_calendar
from backend.calendar.plan_rules import plan_days
from backend.models import Absence, AttendanceDay, Participant, Staff, Unit
from backend.nav_lists.rules import (
    LIST_DAYS,
    ListRow,
    PeriodKind,
    Record,
    Report,
    RowKind,
    Totals,
    build_rows,
    nav_period,
    period,
    totals,
)
from backend.nav_lists.texts import EMAIL_TEMPLATE
from backend.outbox import smtp as mail
from backend.reminders.deadlines import AttendanceList as ListRule
from backend.shared import audit
from backend.shared.csv_safe import CsvWriter, Figure
from backend.shared.errors import N_, RuleError
from backend.shared.i18n import Gettext, babel_locale, gettext_for
from backend.shared.pdf import PDF_MIME, ROWS_FILL, DocumentPdf

log = logging.getLogger(__name__)

# Bounds one list: a year and a bit, as the attendance grid.
MAX_LIST_DAYS = 400
CSV_MIME = "text/csv"
STATUS_WORDS: dict[RowKind, str] = {
    RowKind.PRESENT: N_("Til stede"),
    RowKind.ABSENT_NOTIFIED: N_("Borte, meldt"),
    RowKind.ABSENT_UNNOTIFIED: N_("Borte, ikke meldt"),
    RowKind.CLOSED: N_("Stengt"),
    RowKind.UNCONFIRMED: N_("Ikke bekreftet"),
    RowKind.COMING: N_("Kommer"),
}
CLOSURE_WORDS: dict[str, str] = {
    "fellesferie": N_("fellesferie"),
    "christmas": N_("jul"),
    "public_holiday": N_("helligdag"),
    "extra_closure": N_("stengt"),
    "not_opening_day": N_("stengt"),
}


class ListFormat(StrEnum):
    PDF = "pdf"
    CSV = "csv"


@dataclass(frozen=True)
class AttendanceList:
    unit: Unit
    participant: Participant
    contact_name: str | None
    first: date
    last: date
    made_on: date
    rows: tuple[ListRow, ...]
    totals: Totals

    def filename(self, fmt: ListFormat) -> str:
        """`frammoteliste-P1-2026-03-30-2026-04-12.pdf`: ASCII, safe in mail and chat."""
        code = "".join(c for c in self.participant.code if c.isalnum() or c in "-_")
        return f"frammoteliste-{code}-{self.first.isoformat()}-{self.last.isoformat()}.{fmt}"


@dataclass(frozen=True)
class ListFile:
    filename: str
    content: bytes
    mime: str


# -- gathering ---------------------------------------------------------------------------


def latest_nav_delivery(participant: Participant, today: date) -> date | None:
    """The latest NAV delivery date up to today (the reminders' own rule), or None when
    NAV does not follow the participant with attendance lists."""
    if not participant.nav_followed or participant.list_start is None:
        return None
    rule = ListRule(participant.code, participant.list_start, True, participant.decision_end)
    found = [p.nominal for p in rule.planned(today - timedelta(days=LIST_DAYS - 1), today)]
    return found[-1] if found else None


def default_period(participant: Participant | None, today: date) -> tuple[date, date]:
    """The fortnight of the latest NAV delivery when NAV follows them, else the last 14 days."""
    delivery = latest_nav_delivery(participant, today) if participant is not None else None
    if delivery is not None:
        return nav_period(delivery)
    return period(PeriodKind.LAST_14, today)


def check_period(first: date, last: date) -> None:
    if first > last:
        raise RuleError(N_("Startdatoen må komme før sluttdatoen"))
    if (last - first).days >= MAX_LIST_DAYS:
        raise RuleError(N_("En liste kan gjelde høyst {days} dager"), days=MAX_LIST_DAYS)


async def build_list(
    participant: Participant, first: date, last: date, today: date
) -> AttendanceList:
    """The list of one participant and period, in five queries whatever its length."""
    check_period(first, last)
    unit = await Unit.get(id=participant.unit_id)
    calendar = await unit_calendar(unit)
    records = {
        r.day: Record(str(r.status), Decimal(r.hours), r.remark)
        for r in await AttendanceDay.filter(
            participant_id=participant.id, day__gte=first, day__lte=last
        )
    }
    reports = {
        a.day: Report(str(a.category), a.late)
        for a in await Absence.filter(
            participant_id=participant.id, day__gte=first, day__lte=last, withdrawn_at=None
        )
    }
    contact_id = participant.contact_id
    contact = await Staff.get_or_none(id=contact_id) if contact_id else None
    plan = plan_days(
        decision_of(participant), calendar, first, last, set(reports), include_off=True
    )
    rows = build_rows(plan, records, reports, today)
    return AttendanceList(
        unit,
        participant,
        contact.name if contact else None,
        first,
        last,
        today,
        tuple(rows),
        totals(rows),
    )


async def participant_for_staff(staff: Staff, participant_id: int) -> Participant:
    """A participant of the staff member's own unit; any other id is refused alike."""
    participant = await Participant.get_or_none(id=participant_id)
    if participant is None or not staff.active or participant.unit_id != staff.unit_id:
        raise RuleError(N_("Fant ikke den deltakeren ved enheten din"))
    return participant


async def list_for_staff(
    staff: Staff, participant_id: int, first: date, last: date, today: date
) -> AttendanceList:
    """The list, for a staff member of the participant's unit only; reading it is audited."""
    participant = await participant_for_staff(staff, participant_id)
    found = await build_list(participant, first, last, today)
    await audit.record(
        f"staff:{staff.code}",
        "attendance_list.make",
        f"participant:{participant.code}",
        first=first.isoformat(),
        last=last.isoformat(),
    )
    return found


async def export_for_staff(
    staff: Staff,
    participant_id: int,
    first: date,
    last: date,
    today: date,
    fmt: ListFormat,
    language: str = "nb",
) -> ListFile:
    """One file for the web pages' /reports or the bot: the list rendered as asked."""
    found = await list_for_staff(staff, participant_id, first, last, today)
    return render(found, fmt, language)


def render(found: AttendanceList, fmt: ListFormat, language: str = "nb") -> ListFile:
    if fmt is ListFormat.PDF:
        return ListFile(found.filename(fmt), render_pdf(found, language), PDF_MIME)
    return ListFile(found.filename(fmt), render_csv(found, language), CSV_MIME)


# -- words -------------------------------------------------------------------------------


def hours_text(hours: Decimal, language: str = "nb") -> str:
    """`4,25`: two decimals, with the language's own decimal sign (English's point)."""
    return format_decimal(Decimal(hours), "0.00", locale=babel_locale(language))


def short_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def weekday_word(day: date, language: str) -> str:
    return format_date(day, "EEE", locale=babel_locale(language)).rstrip(".")


def status_word(row: ListRow, _: Gettext) -> str:
    return _(STATUS_WORDS[row.kind])


def category_cell(row: ListRow, _: Gettext) -> str:
    return _(CATEGORY_WORDS.get(row.category or "", row.category or ""))


def remark_words(row: ListRow, _: Gettext) -> str:
    """The remark column: why it was closed, the absence and its lateness, staff's remark."""
    parts: list[str] = []
    if row.kind is RowKind.CLOSED:
        parts.append(row.closure_reason or _(CLOSURE_WORDS.get(row.closure or "", N_("stengt"))))
    if row.category:
        parts.append(category_cell(row, _))
    if row.late:
        parts.append(_("meldt etter starttid"))
    if row.remark:
        parts.append(row.remark)
    return "; ".join(parts)


def period_words(found: AttendanceList) -> str:
    return f"{short_date(found.first)}–{short_date(found.last)}"


def schedule_words(participant: Participant, language: str) -> str:
    """`man, tir, ons, tor, fre 09:00–14:00`."""
    days = sorted(participant.weekday_set)
    names = [weekday_word(date(2024, 1, d), language) for d in days]  # 1 Jan 2024 is a Monday
    return f"{', '.join(names)} {participant.day_start}–{participant.day_end}"


def total_lines(t: Totals, _: Gettext, language: str) -> list[tuple[str, str]]:
    def days_and_hours(days: int, hours: Decimal) -> str:
        return _("{days} ({hours} t)").format(days=days, hours=hours_text(hours, language))

    lines = [
        (_("Planlagte dager"), days_and_hours(t.planned_days, t.planned_hours)),
        (_("Til stede"), days_and_hours(t.present_days, t.present_hours)),
        (_("Borte, meldt"), str(t.absent_notified_days)),
        (_("Borte, ikke meldt"), str(t.absent_unnotified_days)),
        (_("Stengt"), str(t.closed_days)),
    ]
    if t.unconfirmed_days:
        lines.append((_("Ikke bekreftet"), str(t.unconfirmed_days)))
    if t.coming_days:
        lines.append((_("Kommer"), str(t.coming_days)))
    share = "–" if t.attendance_percent is None else f"{t.attendance_percent} %"
    # The share counts settled days only: say so while some are not confirmed yet.
    label = _("Oppmøte av bekreftede dager") if t.unconfirmed_days else _("Oppmøte")
    lines.append((label, share))
    return lines


def nav_contact(unit: Unit) -> str:
    parts = [p for p in (unit.nav_contact_name, unit.nav_email) if p]
    return ", ".join(parts)


# -- CSV ---------------------------------------------------------------------------------


def render_csv(found: AttendanceList, language: str = "nb") -> bytes:
    _ = gettext_for(language)
    writer = CsvWriter()  # guards every text cell against formula injection
    writer.writerow((_("Frammøteliste"), found.participant.name))
    writer.writerow((_("Enhet"), found.unit.name))
    writer.writerow((_("Periode"), period_words(found)))
    writer.writerow((_("Kontaktperson"), found.contact_name or ""))
    writer.writerow((_("NAV-kontakt"), nav_contact(found.unit)))
    writer.writerow(())
    writer.writerow(
        (
            _("Dato"),
            _("Dag"),
            _("Status"),
            _("Planlagte timer"),
            _("Timer til stede"),
            _("Fravær"),
            _("Meldt etter starttid"),
            _("Merknad"),
        )
    )
    for row in found.rows:
        note = row.closure_reason if row.kind is RowKind.CLOSED else None
        if row.kind is RowKind.CLOSED and not note:
            note = _(CLOSURE_WORDS.get(row.closure or "", N_("stengt")))
        writer.writerow(
            (
                short_date(row.day),
                weekday_word(row.day, language),
                status_word(row, _),
                Figure(hours_text(row.planned_hours, language)),
                Figure(hours_text(row.hours, language)),
                category_cell(row, _) if row.category else "",
                _("ja") if row.late else "",
                "; ".join(p for p in (note, row.remark) if p),
            )
        )
    t = found.totals
    writer.writerow(
        (
            _("Sum"),
            "",
            "",
            Figure(hours_text(t.planned_hours, language)),
            Figure(hours_text(t.present_hours, language)),
            "",
            "",
            "",
        )
    )
    writer.writerow(())
    for label, value in total_lines(t, _, language):
        writer.writerow((label, value))
    return writer.encoded()


# -- PDF ---------------------------------------------------------------------------------


def render_pdf(found: AttendanceList, language: str = "nb") -> bytes:
    _ = gettext_for(language)
    made = _("Laget {day} av Frammøte").format(day=short_date(found.made_on))
    pdf = DocumentPdf(f"{found.participant.name}, {period_words(found)} · {made}", language)
    t = pdf.text_of
    pdf.set_title(t(_("Frammøteliste for {name}").format(name=found.participant.name)))
    pdf.set_author(t(found.unit.name))
    pdf.set_creation_date(datetime.combine(found.made_on, time(12)))
    pdf.add_page()
    _pdf_heading(pdf, found, _, language)
    _pdf_days(pdf, found, _, language)
    _pdf_totals(pdf, found, _, language)
    pdf.signature_lines(_("Sted og dato"), _("Underskrift kontaktperson"), room=60, space=16)
    return bytes(pdf.output())


def _pdf_heading(pdf: DocumentPdf, found: AttendanceList, _: Gettext, language: str) -> None:
    """The title, the unit, and who and when the list is about."""
    pdf.line_of_text(_("Frammøteliste"), 9, size=18, bold=True)
    pdf.line_of_text(found.unit.name, 6, size=11)
    pdf.ln(3)
    facts = [
        (_("Deltaker"), f"{found.participant.name} ({found.participant.code})"),
        (_("Periode"), period_words(found)),
        (_("Avtalt tid"), schedule_words(found.participant, language)),
        (_("Kontaktperson"), found.contact_name or "–"),
        (_("NAV-kontakt"), nav_contact(found.unit) or "–"),
    ]
    pdf.facts(facts, label_width=38)
    pdf.ln(4)


def _pdf_days(pdf: DocumentPdf, found: AttendanceList, _: Gettext, language: str) -> None:
    """One table row per day of the period."""
    t, family = pdf.text_of, pdf.family_name
    pdf.set_font(family, "", 9)
    headings = (_("Dato"), _("Dag"), _("Status"), _("Plan (t)"), _("Til stede (t)"), _("Merknad"))
    # The weekday's column as wide as its longest name (Arabic has no short ones).
    names = (weekday_word(date(2024, 1, d), language) for d in range(1, 8))  # a Monday on
    day_width = max(11, math.ceil(max(pdf.get_string_width(t(n)) for n in names) + 4))
    with pdf.table(
        col_widths=(22, day_width, 32, 17, 24, 79 - day_width),
        text_align=("LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT"),
        line_height=5.5,
        first_row_as_headings=True,
        headings_style=pdf.headings_style(),
        cell_fill_color=ROWS_FILL,
        cell_fill_mode="ROWS",
    ) as table:
        table.row([t(h) for h in headings])
        for row in found.rows:
            table.row(
                [
                    short_date(row.day),
                    t(weekday_word(row.day, language)),
                    t(status_word(row, _)),
                    "" if row.kind is RowKind.CLOSED else hours_text(row.planned_hours, language),
                    hours_text(row.hours, language) if row.kind is RowKind.PRESENT else "",
                    t(remark_words(row, _)),
                ]
            )
    if not found.rows:
        pdf.line_of_text(_("Ingen planlagte dager i perioden."), 6, size=9)
    pdf.ln(5)


def _pdf_totals(pdf: DocumentPdf, found: AttendanceList, _: Gettext, language: str) -> None:
    pdf.line_of_text(_("Sum for perioden"), 7, size=11, bold=True)
    pdf.facts(
        total_lines(found.totals, _, language),
        label_width=45,
        height=5.5,
        size=10,
        bold_label=False,
    )


# -- e-mail to NAV -------------------------------------------------------------------------


async def email_to_nav(found: AttendanceList, *, now: datetime, sender: str, actor: str) -> bool:
    """Put the list (PDF and CSV) in the outbox for the unit's NAV address.

    False when the same list (same content) was sent before; RuleError when the unit
    has no NAV address.
    """
    address = found.unit.nav_email
    if not address:
        raise RuleError(N_("Enheten har ingen e-postadresse til NAV"))
    csv_file = render(found, ListFormat.CSV)
    pdf_file = render(found, ListFormat.PDF)
    digest = hashlib.sha256(csv_file.content).hexdigest()[:16]
    key = (
        f"attendance-list:{found.participant.code}:{found.first.isoformat()}:"
        f"{found.last.isoformat()}:nav:{digest}"
    )
    params = {
        "participant": found.participant.name,
        "unit": found.unit.name,
        "period": period_words(found),
        "sender": sender,
    }
    written = await mail.enqueue_email(
        key,
        EMAIL_TEMPLATE,
        params,
        to=address,
        due_at=now,
        attachments=[
            mail.Attachment(pdf_file.filename, pdf_file.content, pdf_file.mime),
            mail.Attachment(csv_file.filename, csv_file.content, csv_file.mime),
        ],
    )
    if written:
        await audit.record(
            actor,
            "attendance_list.email",
            f"participant:{found.participant.code}",
            first=found.first.isoformat(),
            last=found.last.isoformat(),
        )
    return written
