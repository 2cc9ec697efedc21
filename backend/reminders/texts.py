"""The reminders' texts: to staff, and to NAV by e-mail.

Params are plain data: ISO dates, names, counts; see backend/reminders/plan.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.people.eligibility import criterion_label
from backend.shared.i18n import N_, Gettext
from backend.shared.wording import long_date, month_year

# Several reminders for one chat in one pass go as one message (bot.delivery), under this
# title; {count} is two or more.
LISTING_TITLE = N_("📋 I dag: {count} påminnelser:")


def _status_meeting_call(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _(
        "Påminnelse: statusmøtet om skoleelever er i {month}. Send innkalling til NAV, "
        "iVekst, skolen, Tjenestekontoret og avlastningstilbudet."
    ).format(month=month_year(params["event_date"], language))


def _status_meeting_day_before(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _("Påminnelse: statusmøtet om skoleelever er {day}.").format(
        day=long_date(params["event_date"], language)
    )


def _nav_meeting(params: dict[str, Any], _: Gettext, language: str) -> str:
    if params.get("step") == "schedule":
        return _(
            "Påminnelse: samarbeidsmøtet med NAV skal holdes mellom {first} og {last}. "
            "Avtal en dato med {nav}."
        ).format(
            first=long_date(params["window_start"], language),
            last=long_date(params["window_end"], language),
            nav=params.get("nav_contact") or "NAV",
        )
    return _(
        "Påminnelse: samarbeidsmøtet med NAV er {day}. Referatet går til begge ledere."
    ).format(day=long_date(params["event_date"], language))


def _evaluation(params: dict[str, Any], _: Gettext, language: str) -> str:
    if params.get("step") == "before":
        text = _("Evaluering av {participant} {day}. Forbered samtalen.")
    else:
        text = _("Evaluering av {participant} {day}. Husk å sette neste dato.")
    return text.format(
        participant=params["participant"], day=long_date(params["event_date"], language)
    )


def _attendance_list(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _("Frammøtelisten for {participant} skal til NAV {day} (liste nr. {number}).").format(
        participant=params["participant"],
        day=long_date(params["event_date"], language),
        number=params.get("number", ""),
    )


def _capacity_report(params: dict[str, Any], _: Gettext, language: str) -> str:
    text = _(
        "Ledig kapasitet i {unit}, {month}: {places} plasser, {active} aktive deltakere, "
        "{free} ledige plasser."
    ).format(
        unit=params["unit_name"],
        month=month_year(params["event_date"], language),
        places=params["places"],
        active=params["active"],
        free=params["free"],
    )
    if params.get("to_nav"):
        return text
    if params.get("nav_emailed"):
        return text + " " + _("NAV får tallene på e-post.")
    return text + " " + _("Send tallene til NAV.")


def _age_18(params: dict[str, Any], _: Gettext, language: str) -> str:
    if params.get("step") == "late":  # flagged less than half a year before 18
        text = _(
            "{participant} fyller 18 år {day}, om mindre enn et halvt år. Ta kontakt med NAV nå."
        )
    else:
        text = _("{participant} fyller 18 år {day}. Ta kontakt med NAV nå, et halvt år før.")
    text = text.format(
        participant=params["participant"], day=long_date(params["event_date"], language)
    )
    if params.get("pupil") and not params.get("name_shared"):
        # A pupil of the register whose guardian has not agreed to share the name.
        text += " " + _("Foresatte har ikke samtykket til at navnet deles: spør dem først.")
    return text


def _age_67(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _(
        "{participant} fyller 67 år {day}, og da slutter tjenesten. Planlegg avslutningen."
    ).format(participant=params["participant"], day=long_date(params["event_date"], language))


def _kvp_start(params: dict[str, Any], _: Gettext, language: str) -> str:
    if params.get("step") == "deadline":
        text = _(
            "I dag er siste frist: kvalifiseringsprogrammet for {participant} må starte "
            "senest {day}, seks måneder etter vedtaket {approved}."
        )
    else:
        text = _(
            "Kvalifiseringsprogrammet for {participant} må starte innen {day}, seks måneder "
            "etter vedtaket {approved}."
        )
    return text.format(
        participant=params["participant"],
        day=long_date(params["event_date"], language),
        approved=long_date(params["approved"], language),
    )


def _kvp_decision_due(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _(
        "KVP-søknaden fra {participant} har ventet på vedtak i tre uker, siden {since}. "
        "Saksbehandlingstiden er 2–3 uker."
    ).format(participant=params["participant"], since=long_date(params["since"], language))


def _kvp_renewal(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _(
        "KVP-vedtaket for {participant} slutter {day}. Vurder et nytt vedtak: KVP innvilges "
        "for høyst ett år om gangen."
    ).format(participant=params["participant"], day=long_date(params["event_date"], language))


def _decision_ending(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _("Vedtaket for {participant} slutter {day}. Vurder om det skal forlenges.").format(
        participant=params["participant"], day=long_date(params["event_date"], language)
    )


def _final_report(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _(
        "Avtaleperioden for {participant} slutter {day}. Skriv sluttrapport til NAV på "
        "deltakerens side på nettet: «Skriv sluttrapport til NAV»."
    ).format(participant=params["participant"], day=long_date(params["event_date"], language))


def _low_use(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _(
        "{participant} har kommet {attended} av {planned} dager de siste {weeks} ukene. "
        "Vurder en evaluering."
    ).format(
        participant=params["participant"],
        attended=params["attended_days"],
        planned=params["planned_days"],
        weeks=params["weeks"],
    )


def _eligibility_open(params: dict[str, Any], _: Gettext, language: str) -> str:
    criteria = ", ".join(criterion_label(code, _) for code in params["criteria"].split(",") if code)
    return _(
        "Ikke registrert for {participant}: {criteria}. Registrer det når det er avklart."
    ).format(participant=params["participant"], criteria=criteria)


# -- candidates on the pathway (seed 002): to the follower, else the coordinators ---------


def _candidate_follow_up(params: dict[str, Any], _: Gettext, language: str) -> str:
    if params.get("step") == "before":
        text = _("Oppfølging av kandidaten {candidate} {day}, om en uke.")
    else:
        text = _("Oppfølging av kandidaten {candidate} i dag, {day}.")
    return text.format(candidate=params["candidate"], day=long_date(params["event_date"], language))


def _candidate_evaluation(params: dict[str, Any], _: Gettext, language: str) -> str:
    if params.get("step") == "before":
        text = _("Evaluering med kandidaten {candidate} {day}, om en uke. Forbered samtalen.")
    else:
        text = _("Evaluering med kandidaten {candidate} i dag, {day}. Sett neste dato etterpå.")
    return text.format(candidate=params["candidate"], day=long_date(params["event_date"], language))


def _candidate_next_step(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _(
        "Neste steg i tiltaksplanen for kandidaten {candidate} er i dag, {day}. "
        "Se planen og sett en ny dato."
    ).format(candidate=params["candidate"], day=long_date(params["event_date"], language))


UNDELIVERABLE_REASONS: dict[str, str] = {
    "no_link": N_("ikke koblet til boten"),
    "blocked": N_("har blokkert boten"),
    "chat_not_found": N_("chatten finnes ikke lenger"),
    "email_refused": N_("e-postadressen ble avvist"),
    "no_recipient": N_("ingen mottaker er registrert"),
}


def _undeliverable(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the leader: the reminder that did not arrive, in the leader's language."""
    original = TEMPLATES[f"reminder_{params['kind']}"](params, _, language)
    reason = _(UNDELIVERABLE_REASONS.get(params.get("reason", ""), params.get("reason", "")))
    if not params.get("recipient"):
        return _("En påminnelse har ingen mottaker ({reason}): {text}").format(
            reason=reason, text=original
        )
    return _("En påminnelse nådde ikke {recipient} ({reason}): {text}").format(
        recipient=params["recipient"], reason=reason, text=original
    )


TEMPLATES: dict[str, Callable[[dict[str, Any], Gettext, str], str]] = {
    "reminder_status_meeting_call": _status_meeting_call,
    "reminder_status_meeting_day_before": _status_meeting_day_before,
    "reminder_nav_meeting": _nav_meeting,
    "reminder_evaluation": _evaluation,
    "reminder_attendance_list": _attendance_list,
    "reminder_capacity_report": _capacity_report,
    "reminder_age_18": _age_18,
    "reminder_age_67": _age_67,
    "reminder_kvp_start": _kvp_start,
    "reminder_kvp_decision_due": _kvp_decision_due,
    "reminder_kvp_renewal": _kvp_renewal,
    "reminder_decision_ending": _decision_ending,
    "reminder_final_report": _final_report,
    "reminder_low_use": _low_use,
    "reminder_eligibility_open": _eligibility_open,
    "reminder_candidate_follow_up": _candidate_follow_up,
    "reminder_candidate_evaluation": _candidate_evaluation,
    "reminder_candidate_next_step": _candidate_next_step,
    "reminder_undeliverable": _undeliverable,
}
