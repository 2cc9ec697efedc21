"""Names of stored values as the pages show them (msgids; translated in the template)."""

from __future__ import annotations

from backend.absence.rules import CATEGORY_WORDS
from backend.calendar.rules import DayKind
from backend.intake.rules import OUTCOME_LABELS, RECOMMENDATION_LABELS
from backend.models import AttendanceStatus, LinkRole, Programme, StaffRole
from backend.people.eligibility import CRITERIA_LABELS
from backend.people.eligibility_rules import criteria_of
from backend.shared.i18n import N_
from backend.vta.rules import STEP_NAMES

PROGRAMMES = {
    Programme.AOK: N_("AoK – Arbeid og kvalifisering"),
    Programme.VTA: N_("VTA"),
    Programme.VTA_O: N_("VTA-O"),
    Programme.KVP: N_("KVP – kvalifiseringsprogrammet"),
    Programme.WORK_TRAINING: N_("Arbeidstrening"),
    Programme.ACTIVITY_PLACE: N_("Aktivitetsplass"),
}

ABSENCES = CATEGORY_WORDS  # the absence rules' one table; the pages capitalise it

ATTENDANCE = {
    AttendanceStatus.PRESENT: N_("Til stede"),
    AttendanceStatus.ABSENT_NOTIFIED: N_("Borte, meldt"),
    AttendanceStatus.ABSENT_UNNOTIFIED: N_("Borte, ikke meldt"),
    AttendanceStatus.CLOSED: N_("Stengt"),
}

# One or two letters in the month grid, always with the full name as its label.
ATTENDANCE_SHORT = {
    AttendanceStatus.PRESENT: N_("T"),
    AttendanceStatus.ABSENT_NOTIFIED: N_("M"),
    AttendanceStatus.ABSENT_UNNOTIFIED: N_("U"),
    AttendanceStatus.CLOSED: N_("S"),
}

LINK_ROLES = {
    LinkRole.PARTICIPANT: N_("Deltaker"),
    LinkRole.RELATIVE: N_("Pårørende"),
    LinkRole.STAFF: N_("Ansatt"),
}

STAFF_ROLES = {
    StaffRole.CONTACT: N_("Kontaktperson"),
    StaffRole.LEADER: N_("Enhetsleder"),
    StaffRole.COORDINATOR: N_("Koordinator"),
}

DAY_KINDS = {
    DayKind.PUBLIC_HOLIDAY: N_("Helligdag"),
    DayKind.FELLESFERIE: N_("Fellesferie"),
    DayKind.CHRISTMAS: N_("Jul og nyttår"),
    DayKind.EXTRA_CLOSURE: N_("Ekstra stengt dag"),
    DayKind.NOT_OPENING_DAY: N_("Ikke åpningsdag"),
    DayKind.OPEN: N_("Åpent"),
}

ALL = {
    "programmes": PROGRAMMES,
    "criterion_labels": CRITERIA_LABELS,
    "programme_criteria": {p.value: criteria_of(p) for p in Programme},
    "absence_labels": ABSENCES,
    "attendance_labels": ATTENDANCE,
    "attendance_short": ATTENDANCE_SHORT,
    "link_roles": LINK_ROLES,
    "staff_roles": STAFF_ROLES,
    "day_kinds": DAY_KINDS,
    "step_names": STEP_NAMES,
    "outcome_labels": OUTCOME_LABELS,
    "recommendation_labels": RECOMMENDATION_LABELS,
}


# Form fields as error messages name them ("Fyll ut feltet «Fødselsdato»").
FIELDS = {
    "birth_date": N_("Fødselsdato"),
    "cafe_opens_on": N_("Kafeen åpner"),
    "class_year": N_("Trinn"),
    "code": N_("Id"),
    "consent_given_on": N_("Samtykke gitt"),
    "contact": N_("Kontaktperson"),
    "content": N_("Fil"),
    "count": N_("Antall"),
    "day": N_("Dato"),
    "days": N_("Dager"),
    "decision_end": N_("Vedtaket slutter"),
    "decision_start": N_("Vedtaket starter"),
    "ended_on": N_("Sluttdato"),
    "evaluation_every_months": N_("Måneder mellom evalueringer"),
    "expected_end": N_("Forventet slutt"),
    "fellesferie_first": N_("Første uke i fellesferien"),
    "fellesferie_last": N_("Siste uke i fellesferien"),
    "filename": N_("Fil"),
    "hours": N_("Timer"),
    "kvp_approved_on": N_("KVP innvilget"),
    "kvp_started_on": N_("KVP startet"),
    "list_start": N_("Første frammøteliste"),
    "month": N_("Måned"),
    "name": N_("Navn"),
    "needs": N_("Behov"),
    "nav_contact_name": N_("NAV-kontakt"),
    "nav_email": N_("NAVs e-postadresse"),
    "nav_leader_email": N_("E-postadressen til NAVs leder"),
    "next_evaluation": N_("Neste evaluering"),
    "nok": N_("Kroner per time"),
    "note": N_("Merknad"),
    "on": N_("Dato"),
    "override_note": N_("Begrunnelse"),
    "participant": N_("Deltaker"),
    "person": N_("Person"),
    "phone": N_("Telefon"),
    "places": N_("Antall plasser"),
    "programme": N_("Tilbud"),
    "purpose": N_("Formål"),
    "reason": N_("Grunn"),
    "relative_name": N_("Pårørendes navn"),
    "remark": N_("Merknad"),
    "role": N_("Rolle"),
    "school": N_("Skole"),
    "share_name": N_("Navnet kan deles på statusmøtet"),
    "roster_time": N_("Tid for dagens liste"),
    "status": N_("Status"),
    "step": N_("Trinn"),
    "transport_email": N_("Transportens e-postadresse"),
    "valid_from": N_("Gjelder fra"),
    "where": N_("Hvor"),
    # a candidate's and a business's fields (seed 002)
    "benefit": N_("Uføretrygd"),
    "business": N_("Bedrift"),
    "consent_names_to_businesses": N_("Navnet kan gis til bedrifter"),
    "consent_on": N_("Dato for samtykket"),
    "consent_scope": N_("Omfang"),
    "consent_withdrawn_on": N_("Trukket tilbake dato"),
    "contact_name": N_("Kontaktperson"),
    "disability_benefit": N_("Uføretrygd"),
    "email": N_("E-post"),
    "end_reason": N_("Årsak"),
    "evaluation_on": N_("Evaluering"),
    "follow_up_on": N_("Oppfølging"),
    "follower": N_("Følges av"),
    "follower_id": N_("Følges av"),
    "mapping_note": N_("Kort notat"),
    "mapping_on": N_("Kartleggingssamtale"),
    "next_step": N_("Neste steg"),
    "next_step_on": N_("Dato for neste steg"),
    "offers": N_("Hva de tilbyr"),
    "outcome": N_("Utfall"),
    "presented_on": N_("Dato"),
    "scope": N_("Omfang"),
    "stage": N_("Trinn"),
    "waiting_for_benefit": N_("Venter på uføretrygd"),
    "wishes": N_("Ønsker"),
    "withdrawn_on": N_("Trukket tilbake dato"),
    # a day's hours, wherever a participant starts (new, from a candidate, KVP, intake)
    "start": N_("Starter"),
    "end": N_("Slutter"),
    # the intake with NAV, evaluations, the final report and the meeting's minutes (seed 004)
    "referred_on": N_("Henvist fra NAV"),
    "counsellor": N_("NAV-veileder"),
    "conversation_on": N_("Inntakssamtale"),
    "agreement_start": N_("Avtalen starter"),
    "agreement_end": N_("Avtalen slutter"),
    "first_list": N_("Første frammøteliste til NAV"),
    "first_evaluation": N_("Første evaluering"),
    "held_on": N_("Holdt"),
    "goals": N_("Mål for perioden og om de er nådd"),
    "what_worked": N_("Hva har fungert, og hva har ikke fungert"),
    "work_ability": N_("Vurdering av arbeidsevne"),
    "recommendation_note": N_("Om anbefalingen"),
    "present": N_("Til stede"),
    "text": N_("Referat"),  # only the minutes' form has a field called just "text"
    "next_meeting": N_("Neste møte"),
    # a KVP application's steps (seed 003)
    "received_on": N_("Søknaden kom inn"),
    "aev_on": N_("Dato for arbeidsevnevurderingen"),
    "decided_on": N_("Vedtaksdato"),
    "starts_on": N_("Fra"),
    "ends_on": N_("Til"),
    "started_on": N_("Startdato"),
}
