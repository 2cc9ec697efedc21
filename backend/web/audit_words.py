"""Audit events in words for the log page: a label per action, details as "what: value".

The log stores codes (`attendance.change`) and JSON details (`{"old": {...}}`) for
machines and the JSON API; people read them here in their own language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from backend.calendar.rules import MEETING_NAMES
from backend.intake.rules import OUTCOME_LABELS, RECOMMENDATION_LABELS
from backend.models import AuditEvent
from backend.pathway.rules import END_REASON_NAMES, REFERRER_NAMES, STAGE_NAMES
from backend.pay.rules import format_nok
from backend.people.data_export_pdf import Words
from backend.people.eligibility import CRITERIA_LABELS, STATE_CODES, STATE_LABELS
from backend.pupils.rules import CLASS_YEAR_NAMES, NEED_NAMES
from backend.shared.i18n import N_, Gettext, babel_locale
from backend.vta.rules import STEP_NAMES
from backend.web import labels

ACTIONS = {
    "absence.end": N_("Avsluttet fravær: deltakeren kom likevel"),
    "absence.note": N_("La til en privat merknad om fravær"),
    "absence.note.view": N_("Leste en privat merknad om fravær"),
    "absence.report": N_("Meldte fravær"),
    "absence.seen": N_("Så fraværsmeldinger"),
    "absence.withdraw": N_("Trakk tilbake fravær"),
    "attendance.change": N_("Endret oppmøte"),
    # candidates on the pathway and the businesses they are presented to
    "business.change": N_("Endret en bedrift"),
    "business.create": N_("La til en bedrift"),
    "business.deactivate": N_("Deaktiverte en bedrift"),
    "business.reactivate": N_("Aktiverte en bedrift igjen"),
    "candidate.consent": N_("Registrerte samtykkeskjema for en kandidat"),
    "candidate.consent_withdraw": N_("Registrerte at en kandidat trakk samtykket"),
    "candidate.create": N_("Registrerte en kandidat"),
    "candidate.erase": N_("Slettet opplysningene om en kandidat"),
    "candidate.export": N_("Hentet ut alle opplysningene om en kandidat"),
    "candidate.mapping": N_("Registrerte kartleggingssamtalen"),
    "candidate.participant": N_("En kandidat ble deltaker"),
    "candidate.person": N_("Endret opplysninger om en kandidat"),
    "candidate.plan": N_("Endret tiltaksplanen"),
    "candidate.present": N_("Presenterte en kandidat for en bedrift"),
    "candidate.stage": N_("Flyttet en kandidat til et annet trinn"),
    "attendance.confirm_rest": N_("Bekreftet resten av dagens oppmøte"),
    "attendance.mark": N_("Førte oppmøte"),
    "attendance_list.email": N_("Sendte frammøteliste til NAV"),
    "attendance_list.make": N_("Lagde frammøteliste"),
    "auth.link": N_("Lagde en innloggingslenke"),
    "auth.refused": N_("Innlogging avvist"),
    "auth.sign_in": N_("Logget inn"),
    "auth.sign_out": N_("Logget ut"),
    "calendar.change": N_("Endret kalenderen"),
    "closure.add": N_("La til en stengt dag"),
    "closure.remove": N_("Fjernet en stengt dag"),
    "consent.pay": N_("Endret om en pårørende ser lønnen"),
    "consent.record": N_("Registrerte samtykke"),
    "consent.refuse": N_("Samtykke avslått"),
    "consent.withdraw": N_("Samtykke trukket tilbake"),
    "eligibility.override": N_("Overstyrte vilkårene"),
    "eligibility.record": N_("Registrerte vilkår"),
    "evaluation.record": N_("Registrerte en evalueringssamtale"),
    "final_report.download": N_("Lastet ned en sluttrapport til NAV"),
    "final_report.write": N_("Skrev sluttrapport til NAV"),
    "intake.record": N_("Registrerte inntak med NAV"),
    "invite.create": N_("Lagde en invitasjon"),
    "kvp.counsellor": N_("Ga en KVP-søknad en annen KVP-veileder"),
    "kvp.aev": N_("Registrerte arbeidsevnevurdering for en KVP-søknad"),
    "kvp.create": N_("Registrerte en KVP-søknad"),
    "kvp.decision": N_("Registrerte vedtak om KVP"),
    "kvp.period": N_("La til en vedtaksperiode for KVP"),
    "kvp.start": N_("Startet kvalifiseringsprogrammet"),
    "invite.revoke": N_("Trakk tilbake en invitasjon"),
    "feed.issue": N_("Lagde en kalenderadresse"),
    "feed.revoke": N_("Stoppet en kalenderadresse"),
    "tablet.code": N_("Lagde en kode for å koble til et nettbrett"),
    "tablet.pair": N_("Koblet til et nettbrett"),
    "tablet.unpair": N_("Koblet fra et nettbrett"),
    "checkin.in": N_("Sjekket inn på nettbrettet"),
    "checkin.out": N_("Sjekket ut på nettbrettet"),
    "checkin.back": N_("Angret utsjekking på nettbrettet"),
    "picture.change": N_("Endret bilde eller symbol på nettbrettet"),
    "link.create": N_("Koblet seg til boten"),
    "link.revoke": N_("Avsluttet en kobling til boten"),
    "meeting.remove": N_("Fjernet et møte"),
    "meeting.set": N_("Satte opp et møte"),
    "minutes.record": N_("Lagret og sendte referatet fra samarbeidsmøtet med NAV"),
    "message.pass_on": N_("Sendte en melding videre til kontaktpersonen"),
    "message.view": N_("Leste en melding fra en deltaker"),
    "participant.contact": N_("Byttet kontaktperson"),
    "participant.read_aloud": N_("Slo opplesing (🔊 Les opp) av eller på"),
    "link.read_aloud": N_("En pårørende slo opplesing (🔊 Les opp) av eller på"),
    "private_text.delete": N_("Slettet gamle meldinger og merknader"),
    "pupil.candidate": N_("Registrerte en elev som kandidat"),
    "pupil.change": N_("Endret opplysninger om en elev"),
    "pupil.create": N_("Registrerte en elev"),
    "pupil.end": N_("Avsluttet en elev i registeret"),
    "pupil.overview": N_("Lagde oversikten over elever til statusmøtet"),
    "pupil.participant": N_("Registrerte en elev som deltaker"),
    "participant.create": N_("Registrerte en deltaker"),
    "participant.decision": N_("Endret vedtaket"),
    "participant.employee_no": N_("Endret ansattnummeret"),
    "participant.end": N_("Avsluttet tilbudet"),
    "participant.import": N_("Importerte deltakere"),
    "pay_rate.add": N_("La til en lønnssats"),
    "person.erase": N_("Slettet opplysningene om en deltaker"),
    "person.export": N_("Hentet ut alle opplysningene om en deltaker"),
    "relative.asked": N_("Spurte de pårørende"),
    "retention.run": N_("Slettet det som er lagret lenge nok"),
    "staff.create": N_("Registrerte en ansatt"),
    "staff.deactivate": N_("Stengte en ansatt ute"),
    "staff.reactivate": N_("Slapp en ansatt inn igjen"),
    "unit.create": N_("Opprettet enheten"),
    "unit.settings": N_("Endret enhetens innstillinger"),
    "vta.places": N_("Registrerte nye VTA-plasser"),
    "vta.step": N_("Flyttet en deltaker i løpet mot VTA"),
}

DETAILS = {
    # candidates
    "business": N_("Bedrift nr."),
    "named": N_("Med navn"),
    "on": N_("Dato"),
    "pending": N_("Søkt, ikke innvilget"),
    "referred_by": N_("Henvist av"),
    "stage": N_("Trinn"),
    "ended_candidates": N_("Avsluttede kandidater"),
    "absence": N_("Fravær nr."),
    "absences": N_("Fravær nr."),
    "approved": N_("Innvilget"),
    "by": N_("Ført av"),
    "candidate": N_("Kandidat"),
    "class_year": N_("Trinn"),
    "consent": N_("Samtykke gitt"),
    "category": N_("Årsak"),
    "changes": N_("Endringer"),
    "channel": N_("Kanal"),
    "coordinator": N_("Koordinator"),
    "counsellor": N_("KVP-veileder"),
    "count": N_("Antall"),
    "criterion": N_("Vilkår"),
    "day": N_("Dato"),
    "days": N_("Dager"),
    "delivered": N_("Levert"),
    "facts": N_("Opplysninger"),
    "fields": N_("Felt"),
    "first": N_("Fra"),
    "hours": N_("Timer"),
    "invite": N_("Invitasjon nr."),
    "invites": N_("Invitasjoner avsluttet"),
    "kept": N_("Lagret for nettsidene"),
    "kind": N_("Type"),
    "last": N_("Til"),
    "link": N_("Kobling nr."),
    "links": N_("Koblinger avsluttet"),
    "message": N_("Melding nr."),
    "messages": N_("Meldinger slettet"),
    "needs": N_("Behov"),
    "new": N_("Etter"),
    "note": N_("Merknad"),
    "notes": N_("Merknader slettet"),
    "old": N_("Før"),
    "on_behalf": N_("På vegne av deltakeren"),
    "open": N_("Vilkår som ikke er avklart"),
    "ore_per_hour": N_("Sats per time"),
    "participant": N_("Deltaker"),
    "reason": N_("Grunn"),
    "read_aloud": N_("Les opp"),
    "refusals": N_("Vilkår som ikke er oppfylt"),
    "relative": N_("Pårørende"),
    "remark_changed": N_("Merknaden endret"),
    "remote": N_("Fra adressen"),
    "role": N_("Rolle"),
    "session": N_("Økt nr."),
    "sessions": N_("Økter avsluttet"),
    "shared": N_("Ser lønnen"),
    "sign_in_links": N_("Innloggingslenker avsluttet"),
    "calendar_feeds": N_("Kalenderadresser stoppet"),
    "check_ins": N_("Tider fra nettbrettet"),
    "tablet_pictures": N_("Bilde og symbol på nettbrettet"),
    "symbol": N_("Symbol"),
    "photo_consent": N_("Samtykke til bilde"),
    "photo": N_("Bilde"),
    "status": N_("Status"),
    "valid_from": N_("Gjelder fra"),
    # the intake with NAV and what follows it
    "referred_on": N_("Henvist fra NAV"),
    "conversation_on": N_("Inntakssamtale"),
    "with_nav": N_("NAV var med"),
    "new_participant": N_("Ny deltaker"),
    "outcome": N_("Utfall"),
    "recommendation": N_("Anbefaling"),
    "report": N_("Sluttrapport nr."),
    "next_meeting": N_("Neste møte"),
    "told": N_("Sendt til"),
    "nav_leader": N_("Sendt til NAVs leder"),
    # what the retention pass and an erasure deleted, and an export held
    "deleted": N_("Slettet"),
    "exported": N_("Hentet ut"),
    "anonymised": N_("Anonymisert"),
    "format": N_("Format"),
    "absence_notes": N_("Merknader om fravær"),
    "attendance_remarks": N_("Merknader om oppmøte"),
    "participant_messages": N_("Meldinger fra deltakere"),
    "absence_reports": N_("Fraværsmeldinger"),
    "sent_messages": N_("Sendte meldinger"),
    "kvp_applications": N_("KVP-søknader"),
    "attendance_days": N_("Oppmøtedager"),
    "ended_participants": N_("Avsluttede deltakere"),
    "ended_pupils": N_("Elever i registeret"),
    "pupil_entries": N_("Opplysninger fra elevregisteret"),
    "telegram_links": N_("Telegram-koblinger"),
    "audit_events": N_("Hendelser i loggen"),
    "chat_states": N_("Samtaler som ventet på svar"),
    "dead_invites": N_("Brukte og utløpte invitasjoner"),
    "sign_ins": N_("Innloggingslenker og økter"),
    "refused_attempts": N_("Avviste forsøk"),
    "stopped_feeds": N_("Stoppede kalenderadresser"),
    "intakes": N_("Inntak med NAV"),
    "evaluations": N_("Evalueringer"),
    "final_reports": N_("Sluttrapporter"),
    "candidate_records": N_("Opplysninger som kandidat"),
    "stages": N_("Trinn på veien"),
    "presentations": N_("Presentasjoner for bedrifter"),
    # unit fields named in settings and calendar changes
    "absence_digest": N_("Fravær samlet om morgenen"),
    "cafe_hours": N_("Kafeens åpningstider"),
    "cafe_opens_on": N_("Kafeen åpner"),
    "close_christmas_eve": N_("Stengt julaften"),
    "close_new_years_eve": N_("Stengt nyttårsaften"),
    "fellesferie_first_week": N_("Første uke i fellesferien"),
    "fellesferie_last_week": N_("Siste uke i fellesferien"),
    "opening_hours": N_("Åpningstider"),
    "tell_participant_of_relative_report": N_("Si fra til deltakeren når en pårørende melder"),
    "messages_in_chat": N_("Meldinger ordrett i chatten"),
}

# Stored values with a name of their own, by the detail that holds them.
MESSAGE_KINDS = {"text": N_("tekst"), "voice": N_("talemelding")}
CHANNELS = {"telegram": N_("Telegram")}
VALUES: dict[str, dict[str, str]] = {
    "category": dict(labels.ABSENCES),
    "status": dict(labels.ATTENDANCE),
    "role": {**labels.LINK_ROLES, **labels.STAFF_ROLES},
    "kind": {**MEETING_NAMES, **MESSAGE_KINDS},
    "channel": CHANNELS,
    "stage": dict(STAGE_NAMES),
    "referred_by": dict(REFERRER_NAMES),
    "reason": dict(END_REASON_NAMES),
    "criterion": CRITERIA_LABELS,
    "open": CRITERIA_LABELS,
    "refusals": CRITERIA_LABELS,
    "class_year": CLASS_YEAR_NAMES,
    "needs": NEED_NAMES,
    "outcome": OUTCOME_LABELS,
    "recommendation": RECOMMENDATION_LABELS,
    # an eligibility change's states (other events hold dicts under old and new)
    "old": {**{STATE_CODES[v]: label for v, label in STATE_LABELS.items()}, **STEP_NAMES},
    "new": {**{STATE_CODES[v]: label for v, label in STATE_LABELS.items()}, **STEP_NAMES},
}
# An export's sections (what `exported` counts) and the fields an erasure anonymised:
# their own words, as the same keys mean other things in other events ("absences").
EXPORT_SECTIONS = {
    "telegram_links": N_("Telegram-koblinger"),
    "invites": N_("Invitasjoner"),
    "absences": N_("Fravær"),
    "attendance": N_("Oppmøtedager"),
    "pay": N_("Måneder med lønn"),
    "messages": N_("Meldinger fra deltakeren"),
    "chat_messages": N_("Meldinger boten har sendt"),
    "chat_states": N_("Samtaler som ventet på svar"),
    "audit_log": N_("Hendelser i loggen"),
    "intakes": N_("Inntak med NAV"),
    "evaluations": N_("Evalueringer"),
    "final_reports": N_("Sluttrapporter"),
    "kvp_applications": N_("KVP-søknader"),
    "pupil_entries": N_("Opplysninger fra elevregisteret"),
    "candidate_records": N_("Opplysninger som kandidat"),
    "stages": N_("Trinn på veien"),
    "presentations": N_("Presentasjoner for bedrifter"),
}
ANONYMISED_FIELDS = {
    "name": N_("Navn"),
    "birth_date": N_("Fødselsdato"),
    "contact_id": N_("Kontaktperson"),
    "transport": N_("Transport"),
    "purpose": N_("Formål"),
    "next_evaluation": N_("Neste evaluering"),
    "list_start": N_("Første frammøteliste"),
    "nav_followed": N_("Følges opp av NAV"),
    "pupil": N_("Elev"),
    "pupil_since": N_("Elev siden"),
    "kvp_approved_on": N_("KVP innvilget"),
    "kvp_started_on": N_("KVP startet"),
    "eligibility": N_("Kriterier for tildeling"),
    "eligibility_override": N_("Unntak fra kriteriene"),
}
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Details are shown in this order, the rest by name: PostgreSQL's JSON keeps no order.
FIRST = ("day", "days", "first", "last", "valid_from", "category", "status", "hours", "by")
LAST = ("old", "new", "changes")


def _ordered(detail: dict[str, Any]) -> list[tuple[str, Any]]:
    def rank(key: str) -> tuple[int, int, str]:
        if key in FIRST:
            return (0, FIRST.index(key), key)
        if key in LAST:
            return (2, LAST.index(key), key)
        return (1, 0, key)

    return sorted(detail.items(), key=lambda item: rank(item[0]))


@dataclass(frozen=True)
class EventWords:
    event: AuditEvent
    action: str  # the label, or the code when it has none
    details: list[tuple[str, str]]  # (what, value) in words
    actor: str = ""  # who, by name where the unit knows it
    subject: str = ""  # whom or what it concerns, by name where known


# Actors that are not people.
SYSTEM_ACTORS = {"cli": N_("kommandolinjen"), "system": N_("systemet")}


def who_words(code: str, names: dict[str, str], _: Gettext) -> str:
    """`staff:S3` → `Kim Koordinator (S3)`; a relative as "relative of …"; else the code."""
    if code in SYSTEM_ACTORS:
        return _(SYSTEM_ACTORS[code])
    name = names.get(code)
    if name is None:
        return code
    if code.startswith("relative:"):
        return _("pårørende til {name}").format(name=name)
    if code.startswith("telegram:"):
        return _("{name} i Telegram").format(name=name)
    return name


def action_words(code: str, _: Gettext) -> str:
    label = ACTIONS.get(code)
    return _(label) if label else code


def key_words(key: str, _: Gettext) -> str:
    label = DETAILS.get(key) or labels.FIELDS.get(key) or labels.ATTENDANCE.get(key)  # type: ignore[call-overload]
    return _(label) if label else key.replace("_", " ")


def value_words(key: str, value: Any, _: Gettext, language: str) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nei")
    if isinstance(value, dict):
        if set(value) == {"old", "new"}:
            old, new = (value_words(key, value[k], _, language) for k in ("old", "new"))
            return f"{old} → {new}"
        if key == "exported":  # in the export's order: PostgreSQL's JSON keeps none
            order = [*EXPORT_SECTIONS, *sorted(set(value) - set(EXPORT_SECTIONS))]
            return "; ".join(
                f"{_(EXPORT_SECTIONS[k]) if k in EXPORT_SECTIONS else k}: {value[k]}"
                for k in order
                if k in value
            )
        parts = [f"{key_words(k, _)}: {value_words(k, v, _, language)}" for k, v in _ordered(value)]
        return "; ".join(parts)
    if isinstance(value, list | tuple):
        if key == "fields":
            return ", ".join(key_words(str(v), _) for v in value)
        if key == "anonymised":
            return ", ".join(
                _(ANONYMISED_FIELDS[v]) if v in ANONYMISED_FIELDS else key_words(str(v), _)
                for v in value
            )
        return ", ".join(value_words(key, v, _, language) for v in value)
    if key == "ore_per_hour" and isinstance(value, int):
        return format_nok(value, babel_locale(language))
    if key == "hours":
        try:
            hours = Decimal(str(value))
        except ArithmeticError:
            return str(value)
        return format_decimal(hours, "#,##0.##", locale=babel_locale(language))
    if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
        return str(value).replace(".", ",")
    text = str(value)
    named = VALUES.get(key, {}).get(text)
    if named:
        # The absence rules name a category for a sentence ("syk"); a detail shows it
        # on its own, capitalised as the pages do.
        return _(named).capitalize() if key == "category" else _(named)
    if ISO_DAY.match(text):
        return format_date(date.fromisoformat(text), "short", locale=babel_locale(language))
    return text


def event_words(
    event: AuditEvent, _: Gettext, language: str, names: dict[str, str] | None = None
) -> EventWords:
    detail = event.detail if isinstance(event.detail, dict) else {}
    details = [(key_words(k, _), value_words(k, v, _, language)) for k, v in _ordered(detail)]
    names = names or {}
    return EventWords(
        event,
        action_words(event.action, _),
        details,
        who_words(event.actor, names, _),
        who_words(event.subject, names, _),
    )


# A person's export names actions, actors and programmes as the pages do.
EXPORT_WORDS = Words(action=action_words, who=who_words, programmes=labels.PROGRAMMES)
