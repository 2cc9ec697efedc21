"""The readable half of a person's export: an A4 PDF of the same data as the JSON file.

Built with fpdf2 on the shared document base (`backend.shared.pdf`: its font, and
right to left in Arabic). Every section of the JSON has a heading here, also when it is empty,
so the reader sees that nothing of that kind is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, get_day_names
from babel.numbers import format_decimal
from fpdf.enums import XPos, YPos

from backend.absence.rules import CATEGORY_WORDS
from backend.checkin.rules import SYMBOLS
from backend.intake.rules import OUTCOME_LABELS
from backend.kvp.rules import STEP_NAMES, KvpStep
from backend.outbox import catalog
from backend.pathway.rules import END_REASON_NAMES, REFERRER_NAMES, STAGE_NAMES
from backend.pay.rules import format_nok
from backend.people.eligibility import criterion_label
from backend.pupils.rules import CLASS_YEAR_NAMES, NEED_NAMES
from backend.shared.errors import N_
from backend.shared.i18n import Gettext, babel_locale, gettext_for
from backend.shared.pdf import ROWS_FILL, DocumentPdf

STATUS_WORDS = {
    "present": N_("Til stede"),
    "absent_notified": N_("Borte, meldt"),
    "absent_unnotified": N_("Borte, ikke meldt"),
    "closed": N_("Stengt"),
}
ROLE_WORDS = {"participant": N_("Deltaker"), "relative": N_("Pårørende"), "staff": N_("Ansatt")}
# What the bot waited for in a chat (`backend.links.chat_state.Step`).
WAITING_WORDS = {
    "": N_("Ingenting"),
    "absence_note": N_("En merknad til fraværet"),
    "absence_typed": N_("Svar på om fraværet stemmer"),
}
SENDING_WORDS = {
    "pending": N_("Venter"),
    "sending": N_("Sendes"),
    "sent": N_("Sendt"),
    "failed": N_("Ikke sendt"),
}


SYMBOL_NAMES = {key: name for key, _picture, name in SYMBOLS}


class _ExportPdf(DocumentPdf):
    def __init__(self, footer_text: str, language: str, zone: ZoneInfo) -> None:
        super().__init__(footer_text, language)
        self.zone = zone

    def day(self, text: str | None) -> str | None:
        return when(text, self.language, self.zone)

    def text_of(self, value: object) -> str:
        """A dash where nothing is stored, so an empty field shows as empty on purpose."""
        return super().text_of("–" if value is None or value == "" else value)

    def heading(self, text: str) -> None:
        if self.get_y() > self.h - 50:
            self.add_page()
        self.ln(3)
        self.line_of_text(text, 8, size=13, bold=True)
        self.set_font(self.family_name, "", 9)

    def facts(self, rows: list[tuple[str, object]]) -> None:  # type: ignore[override]
        super().facts(rows, label_width=55, height=5.5, size=9)

    def rows(
        self,
        headings: list[str],
        body: list[list[object]],
        none_text: str,
        widths: tuple[int, ...] | None = None,
    ) -> None:
        if not body:
            self.cell(0, 6, self.text_of(none_text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            return
        with self.table(
            col_widths=widths,
            line_height=5,
            first_row_as_headings=True,
            headings_style=self.headings_style(),
            cell_fill_color=ROWS_FILL,
            cell_fill_mode="ROWS",
            text_align="LEFT",
        ) as table:
            table.row([self.text_of(h) for h in headings])
            for row in body:
                table.row([self.text_of(cell) for cell in row])


def _code(code: str, *_: object) -> str:
    return code


@dataclass(frozen=True)
class Words:
    """What the caller puts in words for this module: an audit action (`person.export`),
    who did it (`staff:S3`, with the names the export found), and a programme (`aok`)."""

    action: Callable[[str, Gettext], str] = _code
    who: Callable[[str, dict[str, str], Gettext], str] = _code
    programmes: Mapping[str, str] = field(default_factory=dict)


def when(text: str | None, language: str, zone: ZoneInfo) -> str | None:
    """A stored date, or a UTC instant shown in the service's time zone."""
    if not text:
        return None
    locale = babel_locale(language)
    if len(text) == 10:
        return format_date(date.fromisoformat(text), "short", locale=locale)
    return format_datetime(datetime.fromisoformat(text), "short", tzinfo=zone, locale=locale)


def render_pdf(
    data: dict[str, Any],
    language: str = "nb",
    words: Words | None = None,
    names: dict[str, str] | None = None,
) -> bytes:
    """`names`: the people the audit log names by code, by name (`staff:S3` → a name)."""
    _ = gettext_for(language)
    words = words or Words()
    person = data["participant"]
    zone = ZoneInfo(data.get("time_zone") or "UTC")
    made = _("Laget {day} av Frammøte").format(day=when(data["made_on"], language, zone))
    pdf = _ExportPdf(f"{person['name']} ({person['code']}) · {made}", language, zone)
    pdf.set_title(pdf.text_of(_("Opplysninger om {name}").format(name=person["name"])))
    pdf.add_page()
    pdf.set_font(pdf.family_name, "B", 17)
    pdf.cell(0, 9, pdf.text_of(_("Opplysninger om {name}").format(name=person["name"])),
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.set_font(pdf.family_name, "", 10)
    pdf.multi_cell(0, 5.5, pdf.text_of(_(
        "Dette er alt {unit} har lagret om deg i Frammøte, {day}. "
        "Den samme informasjonen finnes i JSON-filen som følger med."
    ).format(unit=data["unit"]["name"], day=pdf.day(data["made_on"]))),
        new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    _person(pdf, data, _, language, words)
    _links(pdf, data, _, language)
    _absences(pdf, data, _, language)
    _attendance(pdf, data, _, language)
    _door(pdf, data, _)
    _follow_up(pdf, data, _, language)
    _came_from(pdf, data, _, language)
    _messages(pdf, data, _, language)
    _chats(pdf, data, _, language)
    _log(pdf, data, _, language, words, names or {})
    return bytes(pdf.output())


def render_candidate_pdf(
    data: dict[str, Any],
    language: str = "nb",
    words: Words | None = None,
    names: dict[str, str] | None = None,
) -> bytes:
    """A candidate's export (`backend.pathway.data_rights`), in the participant's style."""
    _ = gettext_for(language)
    words = words or Words()
    c = data["candidate"]
    zone = ZoneInfo(data.get("time_zone") or "UTC")
    made = _("Laget {day} av Frammøte").format(day=when(data["made_on"], language, zone))
    pdf = _ExportPdf(f"{c['name']} ({c['code']}) · {made}", language, zone)
    pdf.set_title(pdf.text_of(_("Opplysninger om {name}").format(name=c["name"])))
    pdf.add_page()
    pdf.set_font(pdf.family_name, "B", 17)
    pdf.cell(0, 9, pdf.text_of(_("Opplysninger om {name}").format(name=c["name"])),
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.set_font(pdf.family_name, "", 10)
    pdf.multi_cell(0, 5.5, pdf.text_of(_(
        "Dette er alt {unit} har lagret om deg i Frammøte, {day}. "
        "Den samme informasjonen finnes i JSON-filen som følger med."
    ).format(unit=data["unit"]["name"], day=pdf.day(data["made_on"]))),
        new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.heading(_("Deg"))
    pdf.facts([
        (_("Navn"), c["name"]),
        (_("Id"), c["code"]),
        (_("Fødselsdato"), pdf.day(c["birth_date"])),
        (_("Telefon"), c["phone"]),
        (_("E-post"), c["email"]),
        (_("Enhet"), data["unit"]["name"]),
        (_("Registrert"), pdf.day(c["created_at"])),
    ])  # fmt: skip
    pdf.heading(_("Kandidat hos koordinatorene"))
    candidate_sections(pdf, c, _)
    pdf.heading(_("Elevregisteret"))
    if not data["pupil_entries"]:
        pdf.rows([], [], _("Du står ikke i elevregisteret."))
    for p in data["pupil_entries"]:
        pupil_sections(pdf, p, _)
    _log(pdf, data, _, language, words, names or {})
    return bytes(pdf.output())


def _person(pdf: _ExportPdf, data: dict[str, Any], _: Gettext, language: str, words: Words) -> None:
    p = data["participant"]
    names = get_day_names("wide", locale=babel_locale(language))
    days = [names[i] for i in range(7)]  # Monday first
    pdf.heading(_("Deg og vedtaket ditt"))
    yes, no = _("ja"), _("nei")
    pdf.facts([
        (_("Navn"), p["name"]),
        (_("Id"), p["code"]),
        # An erasure keeps the year only (31 December stands in for the day).
        (_("Fødselsår"), p["birth_date"][:4]) if p["erased_at"] and p["birth_date"]
        else (_("Fødselsdato"), pdf.day(p["birth_date"])),
        (_("Enhet"), data["unit"]["name"]),
        (_("Program"), _(words.programmes[p["programme"]])
                       if p["programme"] in words.programmes else p["programme"]),
        (_("Dager"), ", ".join(days[d - 1] for d in p["weekdays"] if 1 <= d <= 7)),
        (_("Tid"), f"{p['day_start']}–{p['day_end']}"),
        (_("Kontaktperson"), p["contact"]["name"] if p["contact"] else None),
        (_("Transport"), yes if p["transport"] else no),
        (_("Les opp"), yes if p.get("read_aloud") else no),
        (_("Formål"), p["purpose"]),
        (_("Periode"), " – ".join(
            pdf.day(p[k]) or "…" for k in ("decision_start", "decision_end")
        ) if p["decision_start"] or p["decision_end"] else None),
        (_("Neste evaluering"), pdf.day(p["next_evaluation"])),
        (_("Ansattnummer"), p["employee_no"]),
        (_("Tjenesten avsluttet"), pdf.day(p["ended_on"])),
        *([(_("Opplysningene slettet"), pdf.day(p["erased_at"]))] if p["erased_at"] else []),
    ])  # fmt: skip
    criteria = [
        [criterion_label(key, _), yes if value else no]
        for key, value in sorted(p["eligibility"].items())
    ]
    pdf.heading(_("Kriterier for tildeling"))
    pdf.rows([_("Kriterium"), _("Oppfylt")], criteria, _("Ingen er registrert."))


def _links(pdf: _ExportPdf, data: dict[str, Any], _: Gettext, language: str) -> None:
    pdf.heading(_("Telegram-koblinger"))
    pdf.rows(
        [_("Navn"), _("Rolle"), _("Koblet"), _("Samtykke"), _("Avsluttet")],
        [
            [
                link["display_name"],
                _(ROLE_WORDS.get(link["role"], link["role"])),
                pdf.day(link["created_at"]),
                pdf.day(link["consent_at"]),
                pdf.day(link["revoked_at"]),
            ]
            for link in data["telegram_links"]
        ],
        _("Ingen er koblet."),
    )
    pdf.heading(_("Invitasjoner"))
    pdf.rows(
        [_("Rolle"), _("Laget"), _("Brukt"), _("Utløper")],
        [
            [
                _(ROLE_WORDS.get(i["role"], i["role"])),
                pdf.day(i["created_at"]),
                pdf.day(i["used_at"]),
                pdf.day(i["expires_at"]),
            ]
            for i in data["invites"]
        ],
        _("Ingen invitasjoner."),
    )
    pdf.heading(_("Kalenderadresser"))
    pdf.rows(
        [_("Laget"), _("Stoppet")],
        [[pdf.day(f["created_at"]), pdf.day(f["revoked_at"])] for f in data["calendar_feeds"]],
        _("Ingen kalenderadresse."),
    )


def _absences(pdf: _ExportPdf, data: dict[str, Any], _: Gettext, language: str) -> None:
    pdf.heading(_("Fravær"))
    pdf.rows(
        [_("Dato"), _("Grunn"), _("Merknad"), _("Meldt av"), _("Trukket tilbake")],
        [
            [
                pdf.day(a["day"]),
                _(CATEGORY_WORDS.get(a["category"], a["category"])).capitalize(),
                a["note"],
                a["reported_by"],
                pdf.day(a["withdrawn_at"]),
            ]
            for a in data["absences"]
        ],
        _("Ikke noe fravær er lagret."),
    )


def _hours(text: str, language: str) -> str:
    """Stored hours ("4.25") with the reader's decimal sign: "4,25" in Norwegian."""
    return format_decimal(Decimal(text), "0.00", locale=babel_locale(language))


def _follow_up(pdf: _ExportPdf, data: dict[str, Any], _: Gettext, language: str) -> None:
    """The intake with NAV, the evaluation conversations and the final reports."""
    pdf.heading(_("Inntak med NAV"))
    pdf.rows(
        [_("Henvist fra NAV"), _("NAV-veileder"), _("Inntakssamtale"), _("Avtalen"), _("Formål")],
        [
            [
                pdf.day(i["referred_on"]),
                i["counsellor"],
                pdf.day(i["conversation_on"]),
                f"{pdf.day(i['agreement_start'])} – {pdf.day(i['agreement_end'])}",
                i["purpose"],
            ]
            for i in data.get("intakes", [])
        ],
        _("Ingen inntak med NAV er registrert."),
    )
    pdf.heading(_("Evalueringer"))
    pdf.rows(
        [_("Dato"), _("Utfall"), _("Neste evaluering"), _("Merknad")],
        [
            [
                pdf.day(e["held_on"]),
                _(OUTCOME_LABELS.get(e["outcome"], e["outcome"])),  # type: ignore[call-overload]
                pdf.day(e["next_evaluation"]),
                e["note"],
            ]
            for e in data.get("evaluations", [])
        ],
        _("Ingen evalueringer er registrert."),
    )
    pdf.heading(_("Sluttrapport"))
    pdf.rows(
        [_("Periode"), _("Mål for perioden"), _("Hva har fungert"), _("Vurdering av arbeidsevne")],
        [
            [
                f"{pdf.day(r['period_start'])} – {pdf.day(r['period_end'])}",
                r["goals"],
                r["what_worked"],
                r["work_ability"],
            ]
            for r in data.get("final_reports", [])
        ],
        _("Ingen sluttrapport er skrevet."),
    )


def _came_from(pdf: _ExportPdf, data: dict[str, Any], _: Gettext, language: str) -> None:
    """The KVP application, the pupil register's entry and the candidate record the
    participant came from."""
    pdf.heading(_("Søknad om kvalifiseringsprogrammet"))
    applications = data.get("kvp_applications", [])
    if not applications:
        pdf.rows([], [], _("Ingen søknad er lagret."))
    for a in applications:
        pdf.facts([
            (_("Status"), _(STEP_NAMES[kvp_step(a)])),
            (_("Søknad mottatt"), pdf.day(a["received_on"])),
            (_("Arbeidsevnevurdering"), pdf.day(a["aev_on"])),
            (_("Vedtak"), pdf.day(a["decided_on"])),
            *([(_("Begrunnelse for avslaget"), a["refusal_reason"])]
              if a["refusal_reason"] else []),
            (_("Programmet startet"), pdf.day(a["started_on"])),
            (_("KVP-veileder"), a["counsellor"]),
        ])  # fmt: skip
        pdf.rows(
            [_("Vedtaksperiode fra"), _("til")],
            [[pdf.day(p["starts_on"]), pdf.day(p["ends_on"])] for p in a["decision_periods"]],
            _("Ingen vedtaksperioder er registrert."),
        )
    pdf.heading(_("Elevregisteret"))
    pupils = data.get("pupil_entries", [])
    if not pupils:
        pdf.rows([], [], _("Du står ikke i elevregisteret."))
    for p in pupils:
        pupil_sections(pdf, p, _)
    pdf.heading(_("Kandidat hos koordinatorene"))
    candidates = data.get("candidate_records", [])
    if not candidates:
        pdf.rows([], [], _("Du har ikke vært kandidat hos koordinatorene."))
    for c in candidates:
        candidate_sections(pdf, c, _)


def pupil_sections(pdf: _ExportPdf, p: dict[str, Any], _: Gettext) -> None:
    """A pupil register entry: school, year, consent and needs."""
    yes, no = _("ja"), _("nei")
    pdf.facts([
        (_("Skole"), p["school"]),
        (_("Trinn"), _(CLASS_YEAR_NAMES[p["class_year"]])
                     if p["class_year"] in CLASS_YEAR_NAMES else p["class_year"]),  # type: ignore[index]
        (_("Forventet ferdig"), pdf.day(p["expected_end"])),
        (_("Samtykke gitt"), pdf.day(p["consent_given_on"])),
        (_("Samtykke trukket"), pdf.day(p["consent_withdrawn_on"])),
        (_("Navnet kan deles med NAV og iVekst"), yes if p["share_name"] else no),
        (_("Behov"), ", ".join(
            _(NEED_NAMES[n]) if n in NEED_NAMES else n for n in p["needs"]  # type: ignore[index]
        )),
        (_("Merknad"), p["note"]),
        (_("Registrert"), pdf.day(p["registered_on"])),
        (_("Avsluttet"), pdf.day(p["ended_on"])),
    ])  # fmt: skip


def kvp_step(a: dict[str, Any]) -> KvpStep:
    if a["started_on"]:
        return KvpStep.STARTED
    if a["decided_on"]:
        return KvpStep.APPROVED if a["approved"] else KvpStep.REFUSED
    return KvpStep.ASSESSED if a["aev_on"] else KvpStep.RECEIVED


def _stage_words(stage: str, pending: bool, _: Gettext) -> str:
    name = _(STAGE_NAMES[stage]) if stage in STAGE_NAMES else stage  # type: ignore[index]
    return _("{stage} (søkt)").format(stage=name) if pending else name


def candidate_sections(pdf: _ExportPdf, c: dict[str, Any], _: Gettext) -> None:
    """A candidate's record, stage history and presentations to businesses."""
    yes, no = _("ja"), _("nei")
    reason = c["end_reason"]
    pdf.facts([
        (_("Henvist fra"), _(REFERRER_NAMES[c["referred_by"]])
                           if c["referred_by"] in REFERRER_NAMES else c["referred_by"]),  # type: ignore[index]
        (_("Følges av"), c["follower"]["name"] if c["follower"] else None),
        (_("Trinn nå"), _stage_words(c["stage"], c["stage_pending"], _)),
        (_("På trinnet fra"), pdf.day(c["stage_since"])),
        *([(_("Grunn til avslutning"), _(END_REASON_NAMES[reason])
            if reason in END_REASON_NAMES else reason)] if reason else []),  # type: ignore[index]
        (_("Samtykke gitt"), pdf.day(c["consent_on"])),
        (_("Samtykket gjelder"), c["consent_scope"]),
        (_("Navnet kan gis til bedrifter"), yes if c["consent_names_to_businesses"] else no),
        (_("Samtykke trukket"), pdf.day(c["consent_withdrawn_on"])),
        (_("Kartleggingssamtale"), pdf.day(c["mapping_on"])),
        (_("Fra kartleggingen"), c["mapping_note"]),
        (_("Ønsker"), c["wishes"]),
        (_("Neste steg"), c["next_step"]),
    ])  # fmt: skip
    pdf.heading(_("Trinnene på veien"))
    pdf.rows(
        [_("Dato"), _("Trinn"), _("Grunn til avslutning")],
        [
            [
                pdf.day(s["on"]),
                _stage_words(s["stage"], s["pending"], _),
                _(END_REASON_NAMES[s["end_reason"]])  # type: ignore[index]
                if s["end_reason"] in END_REASON_NAMES
                else s["end_reason"],
            ]
            for s in c["stages"]
        ],
        _("Ingen trinn er registrert."),
    )
    pdf.heading(_("Presentert for bedrifter"))
    pdf.rows(
        [_("Dato"), _("Bedrift"), _("Med navn"), _("Utfall")],
        [
            [pdf.day(p["on"]), p["business"], yes if p["named"] else no, p["outcome"]]
            for p in c["presentations"]
        ],
        _("Ikke presentert for noen bedrift."),
    )


def _door(pdf: _ExportPdf, data: dict[str, Any], _: Gettext) -> None:
    """The check-in tablet: the tile and the taps (the photo itself is not printed)."""
    pdf.heading(_("Nettbrettet ved døra"))
    tile = data.get("tablet_picture")
    if tile is not None:
        pdf.facts(
            [
                (_("Symbol"), _(SYMBOL_NAMES[tile["symbol"]]) if tile["symbol"] else None),
                (_("Bilde"), _("Ja") if tile["photo_stored"] else _("Nei")),
                (_("Samtykke"), pdf.day(tile["photo_consent_at"])),
            ]
        )
    pdf.rows(
        [_("Dato"), _("Kom"), _("Gikk")],
        [
            [pdf.day(v["day"]), pdf.day(v["in_at"]), pdf.day(v["out_at"])]
            for v in data.get("check_ins", [])
        ],
        _("Ingen trykk på nettbrettet er lagret."),
    )


def _attendance(pdf: _ExportPdf, data: dict[str, Any], _: Gettext, language: str) -> None:
    pdf.heading(_("Oppmøte"))
    pdf.rows(
        [_("Dato"), _("Status"), _("Timer"), _("Ført av"), _("Merknad")],
        [
            [
                pdf.day(d["day"]),
                _(STATUS_WORDS.get(d["status"], d["status"])),
                _hours(d["hours"], language),
                d["confirmed_by"],
                d["remark"],
            ]
            for d in data["attendance"]
        ],
        _("Ikke noe oppmøte er lagret."),
    )
    pdf.heading(_("Lønn"))
    pdf.rows(
        [_("Måned"), _("Dager"), _("Timer"), _("Beløp")],
        [
            [
                _month(m["month"], language),
                m["days"],
                _hours(m["hours"], language),
                format_nok(m["amount_ore"], babel_locale(language)),
            ]
            for m in data["pay"]
        ],
        _("Ingen lønn er lagret."),
    )


def _messages(pdf: _ExportPdf, data: dict[str, Any], _: Gettext, language: str) -> None:
    pdf.heading(_("Meldinger til kontaktpersonen"))
    pdf.rows(
        [_("Sendt"), _("Lest"), _("Melding")],
        [
            [
                pdf.day(m["sent_at"]),
                pdf.day(m["read_at"]),
                m["text"] if m["kind"] == "text" else _("Talemelding (lyden er i JSON-filen)"),
            ]
            for m in data["messages"]
        ],
        _("Ingen meldinger er lagret."),
    )
    pdf.heading(_("Meldinger boten har sendt"))
    pdf.rows(
        [_("Når"), _("Melding"), _("Status")],
        [
            [
                pdf.day(m["sent_at"] or m["due_at"]),
                message_text(m["template"], m["params"], language) or _("En melding"),
                _(SENDING_WORDS[m["status"]]) if m["status"] in SENDING_WORDS else m["status"],
            ]
            for m in data["chat_messages"]
        ],
        _("Ingen meldinger er lagret."),
        widths=(2, 5, 1),
    )


def _chats(pdf: _ExportPdf, data: dict[str, Any], _: Gettext, language: str) -> None:
    pdf.heading(_("Samtaler som ventet på svar"))
    pdf.rows(
        [_("Sist endret"), _("Boten ventet på"), _("Det du skrev")],
        [
            [
                pdf.day(c["updated_at"]),
                _(WAITING_WORDS.get(c["step"], N_("Et svar"))),
                (c["data"] or {}).get("text") if isinstance(c["data"], dict) else None,
            ]
            for c in data["chat_states"]
        ],
        _("Ingen samtaler er lagret."),
        widths=(2, 3, 3),
    )


def message_text(template: str, params: object, language: str) -> str | None:
    """The text the bot sent, as it reads in `language`; None when it cannot be made again
    (a template no longer known, or a message stored with other details)."""
    if template not in catalog.TEMPLATES or not isinstance(params, dict):
        return None
    try:
        return catalog.render(template, params, language)
    except (KeyError, ValueError, TypeError, AttributeError, IndexError):
        return None


def _month(text: str, language: str) -> str:
    """`2026-04` → `april 2026`."""
    year, month = (int(part) for part in text.split("-"))
    return format_date(date(year, month, 1), "LLLL y", locale=babel_locale(language))


def _log(
    pdf: _ExportPdf,
    data: dict[str, Any],
    _: Gettext,
    language: str,
    words: Words,
    names: dict[str, str],
) -> None:
    pdf.heading(_("Hvem har sett eller endret opplysningene"))
    pdf.rows(
        [_("Når"), _("Hvem"), _("Hva")],
        [
            [pdf.day(e["at"]), words.who(e["actor"], names, _), words.action(e["action"], _)]
            for e in data["audit_log"]
        ],
        _("Ingenting er logget."),
        widths=(2, 3, 4),
    )
