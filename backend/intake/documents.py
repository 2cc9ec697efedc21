"""The PDFs of the cooperation with NAV: the final report (seed 004 item 8, "eget skjema
for sluttrapport") and the cooperation meeting's minutes (item 10).

A4, fpdf2, on the shared document base (`backend.shared.pdf`: its font, and right to
left in Arabic). Made from what is stored, in the language asked (Norwegian for NAV
unless told otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from fpdf.enums import XPos, YPos

from backend.intake.rules import RECOMMENDATION_LABELS, Recommendation
from backend.nav_lists.lists import short_date, weekday_word
from backend.people.eligibility_rules import Programme
from backend.shared.i18n import N_, gettext_for
from backend.shared.pdf import PDF_MIME as PDF_MIME
from backend.shared.pdf import DocumentPdf

PROGRAMME_WORDS = {
    Programme.WORK_TRAINING: N_("Arbeidstrening"),
    Programme.ACTIVITY_PLACE: N_("Aktivitetsplass"),
}


class _Pdf(DocumentPdf):
    def t(self, text: str) -> str:
        return self.text_of(text)

    def title_lines(self, title: str, subtitle: str) -> None:
        self.set_font(self.family_name, "B", 17)
        self.multi_cell(0, 8, self.t(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.line_of_text(subtitle, 6, size=11)
        self.ln(3)

    def facts(self, rows: list[tuple[str, str]]) -> None:  # type: ignore[override]
        super().facts(rows, label_width=48)
        self.ln(3)

    def section(self, heading: str, text: str) -> None:
        self.line_of_text(heading, 7, size=12, bold=True)
        self.paragraph(text or "–", 5.5, size=10)
        self.ln(3)

    def signature(self, label: str) -> None:
        _ = gettext_for(self.language)
        self.signature_lines(_("Sted og dato"), label, room=50, space=14)


@dataclass(frozen=True)
class FinalReportDoc:
    unit_name: str
    participant_name: str
    participant_code: str
    birth_date: date
    programme: Programme | None
    schedule: str
    counsellor: str | None
    contact_name: str | None
    period_start: date
    period_end: date
    agreement_start: date | None
    agreement_end: date | None
    planned_days: int
    present_days: int
    absent_days: int
    goals: str
    what_worked: str
    work_ability: str
    recommendation: Recommendation
    recommendation_note: str | None
    written_by: str
    written_on: date

    def filename(self) -> str:
        code = "".join(c for c in self.participant_code if c.isalnum() or c in "-_")
        return f"sluttrapport-{code}-{self.period_end.isoformat()}.pdf"


def schedule_of(weekdays: str, day_start: str, day_end: str, language: str) -> str:
    """`man, ons, fre 09:00–15:00`, as on the attendance lists."""
    days = sorted(int(d) for d in weekdays.split(",") if d)
    names = [weekday_word(date(2024, 1, d), language) for d in days]  # 1 Jan 2024: a Monday
    return f"{', '.join(names)} {day_start}–{day_end}"


def render_final_report(doc: FinalReportDoc, language: str = "nb") -> bytes:
    _ = gettext_for(language)
    made = _("Laget {day} av Frammøte").format(day=short_date(doc.written_on))
    pdf = _Pdf(f"{doc.participant_name} · {made}", language)
    title = _("Sluttrapport for {name}").format(name=doc.participant_name)
    pdf.set_title(pdf.t(title))
    pdf.set_author(pdf.t(doc.unit_name))
    pdf.set_creation_date(datetime.combine(doc.written_on, time(12)))
    pdf.add_page()
    pdf.title_lines(_("Sluttrapport til NAV"), doc.unit_name)
    agreement = "–"
    if doc.agreement_start and doc.agreement_end:
        agreement = f"{short_date(doc.agreement_start)}–{short_date(doc.agreement_end)}"
    pdf.facts(
        [
            (_("Deltaker"), f"{doc.participant_name} ({doc.participant_code})"),
            (_("Fødselsdato"), short_date(doc.birth_date)),
            (_("Tiltak"), _(PROGRAMME_WORDS[doc.programme]) if doc.programme in PROGRAMME_WORDS else "–"),
            (_("Avtaleperiode"), agreement),
            (_("Avtalt tid"), doc.schedule),
            (_("NAV-veileder"), doc.counsellor or "–"),
            (_("Kontaktperson"), doc.contact_name or "–"),
        ]
    )  # fmt: skip
    pdf.set_font(pdf.family_name, "B", 12)
    period = f"{short_date(doc.period_start)}–{short_date(doc.period_end)}"
    pdf.cell(
        0,
        7,
        pdf.t(_("Oppmøte {period}").format(period=period)),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.facts(
        [
            (_("Planlagte dager"), str(doc.planned_days)),
            (_("Til stede"), str(doc.present_days)),
            (_("Fravær"), str(doc.absent_days)),
        ]
    )
    pdf.section(_("Mål for perioden og om de er nådd"), doc.goals)
    pdf.section(_("Hva har fungert, og hva har ikke fungert"), doc.what_worked)
    pdf.section(_("Vurdering av arbeidsevne"), doc.work_ability)
    recommendation = _(RECOMMENDATION_LABELS[doc.recommendation])
    if doc.recommendation_note:
        recommendation = f"{recommendation}. {doc.recommendation_note}"
    pdf.section(_("Anbefaling for neste steg"), recommendation)
    pdf.facts([(_("Skrevet av"), doc.written_by)])
    pdf.signature(_("Underskrift kontaktperson"))
    return bytes(pdf.output())


@dataclass(frozen=True)
class MinutesDoc:
    unit_name: str
    day: date
    present: str
    text: str
    next_meeting: date | None
    written_on: date

    def filename(self) -> str:
        return f"referat-samarbeidsmote-NAV-{self.day.isoformat()}.pdf"


def render_minutes(doc: MinutesDoc, language: str = "nb") -> bytes:
    _ = gettext_for(language)
    made = _("Laget {day} av Frammøte").format(day=short_date(doc.written_on))
    pdf = _Pdf(f"{doc.unit_name} · {made}", language)
    title = _("Referat fra samarbeidsmøtet med NAV")
    pdf.set_title(pdf.t(title))
    pdf.set_author(pdf.t(doc.unit_name))
    pdf.set_creation_date(datetime.combine(doc.written_on, time(12)))
    pdf.add_page()
    pdf.title_lines(title, doc.unit_name)
    pdf.facts(
        [
            (_("Dato"), short_date(doc.day)),
            (_("Til stede"), doc.present),
            (_("Neste møte"), short_date(doc.next_meeting) if doc.next_meeting else "–"),
        ]
    )
    pdf.section(_("Referat"), doc.text)
    return bytes(pdf.output())
