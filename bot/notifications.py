"""Outbox templates rendered in the recipient's language at send time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from babel.dates import format_date
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from backend.i18n import N_, Gettext, babel_locale, gettext_for
from backend.models import OutboxMessage
from backend.services.absences import EMAIL_TEMPLATES
from backend.services.attendance_lists import mail_body as attendance_list_mail
from backend.services.eligibility import criterion_label
from backend.services.staff_notices import notice_buttons
from bot.texts import category_word, day_span

Render = Callable[[dict[str, Any], Gettext, str], str]


def _absence_reported(params: dict[str, Any], _: Gettext, language: str) -> str:
    days = _days(params, language, _)
    category = category_word(params["category"], _)
    if params.get("reporter"):
        text = _("{participant} er borte: {days} ({category}). Meldt av {reporter}.")
    else:
        text = _("{participant} er borte: {days} ({category}).")
    if params.get("late"):
        text += " " + _("Meldt etter starttid.")
    return text.format(
        participant=params["participant"],
        days=days,
        category=category,
        reporter=params.get("reporter"),
    )


def _days(params: dict[str, Any], language: str, _: Gettext) -> str:
    return day_span([date.fromisoformat(d) for d in params["days"]], language, _)


def _absence_withdrawn(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the contact person: {participant, days, reporter (a relative's name or None)}."""
    if params.get("reporter"):
        text = _("{participant} kommer likevel: {days}. Meldt av {reporter}.")
    else:
        text = _("{participant} kommer likevel: {days}.")
    return text.format(
        participant=params["participant"],
        days=_days(params, language, _),
        reporter=params.get("reporter"),
    )


def _relative_reported(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the participant: {reporter, days}. No reason: they know it, or should be asked."""
    return _("{reporter} meldte deg borte: {days}.").format(
        reporter=params["reporter"], days=_days(params, language, _)
    )


def _relative_withdrew(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the participant: {reporter, days}."""
    return _("{reporter} meldte at du kommer likevel: {days}.").format(
        reporter=params["reporter"], days=_days(params, language, _)
    )


def _consent_given(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the relative: {participant}."""
    return _("{participant} har sagt ja. Nå kan du melde fravær for {participant}.").format(
        participant=params["participant"]
    )


def _consent_withdrawn(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the relative, once: {participant}, {phone} of the unit or None."""
    text = _(
        "Fra nå kan du ikke melde fravær for {participant} her. {participant} har bestemt det."
    )
    if params.get("phone"):
        text += "\n" + _("Lurer du på noe? Ring oss på {phone}.")
    else:
        text += "\n" + _("Lurer du på noe? Snakk med kontaktpersonen til {participant}.")
    return text.format(participant=params["participant"], phone=params.get("phone"))


def _email_body(template: str) -> Render:
    """E-mail rows (transport): the plain-text body, as the mail sender sends it."""

    def body(params: dict[str, Any], _: Gettext, language: str) -> str:
        return EMAIL_TEMPLATES[template](params, _, language)[1]

    return body


# -- reminders (backend.services.reminders): to staff, and NAV by e-mail -----------------
# Params are plain data: ISO dates, names, counts; see backend/services/reminders/plan.py.


def _date(iso: str, language: str) -> str:
    pattern = "d MMMM y" if language == "en" else "d. MMMM y"
    return format_date(date.fromisoformat(iso), pattern, locale=babel_locale(language))


def _month(iso: str, language: str) -> str:
    return format_date(date.fromisoformat(iso), "MMMM y", locale=babel_locale(language))


def _status_meeting_call(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _(
        "Påminnelse: statusmøtet om skoleelever er i {month}. Send innkalling til NAV, "
        "iVekst, skolen, Tjenestekontoret og avlastningstilbudet."
    ).format(month=_month(params["event_date"], language))


def _status_meeting_day_before(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _("Påminnelse: statusmøtet om skoleelever er {day}.").format(
        day=_date(params["event_date"], language)
    )


def _nav_meeting(params: dict[str, Any], _: Gettext, language: str) -> str:
    if params.get("step") == "schedule":
        return _(
            "Påminnelse: samarbeidsmøtet med NAV skal holdes mellom {first} og {last}. "
            "Avtal en dato med {nav}."
        ).format(
            first=_date(params["window_start"], language),
            last=_date(params["window_end"], language),
            nav=params.get("nav_contact") or "NAV",
        )
    return _(
        "Påminnelse: samarbeidsmøtet med NAV er {day}. Referatet går til begge ledere."
    ).format(day=_date(params["event_date"], language))


def _evaluation(params: dict[str, Any], _: Gettext, language: str) -> str:
    if params.get("step") == "before":
        text = _("Evaluering av {participant} {day}. Forbered samtalen.")
    else:
        text = _("Evaluering av {participant} {day}. Husk å sette neste dato.")
    return text.format(participant=params["participant"], day=_date(params["event_date"], language))


def _attendance_list(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _("Frammøtelisten for {participant} skal til NAV {day} (liste nr. {number}).").format(
        participant=params["participant"],
        day=_date(params["event_date"], language),
        number=params.get("number", ""),
    )


def _capacity_report(params: dict[str, Any], _: Gettext, language: str) -> str:
    text = _(
        "Ledig kapasitet i {unit}, {month}: {places} plasser, {active} aktive deltakere, "
        "{free} ledige plasser."
    ).format(
        unit=params["unit_name"],
        month=_month(params["event_date"], language),
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
    return text.format(participant=params["participant"], day=_date(params["event_date"], language))


def _age_67(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _(
        "{participant} fyller 67 år {day}, og da slutter tjenesten. Planlegg avslutningen."
    ).format(participant=params["participant"], day=_date(params["event_date"], language))


def _kvp_start(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _(
        "Kvalifiseringsprogrammet for {participant} må starte innen {day}, seks måneder "
        "etter vedtaket {approved}."
    ).format(
        participant=params["participant"],
        day=_date(params["event_date"], language),
        approved=_date(params["approved"], language),
    )


def _decision_ending(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _("Vedtaket for {participant} slutter {day}. Vurder om det skal forlenges.").format(
        participant=params["participant"], day=_date(params["event_date"], language)
    )


def _final_report(params: dict[str, Any], _: Gettext, language: str) -> str:
    return _("Avtaleperioden for {participant} slutter {day}. Skriv sluttrapport til NAV.").format(
        participant=params["participant"], day=_date(params["event_date"], language)
    )


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


UNDELIVERABLE_REASONS: dict[str, str] = {
    "no_link": N_("ikke koblet til boten"),
    "blocked": N_("har blokkert boten"),
    "chat_not_found": N_("chatten finnes ikke lenger"),
    "email_refused": N_("e-postadressen ble avvist"),
    "no_recipient": N_("ingen mottaker er registrert"),
}


def _undeliverable(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the leader: the reminder that did not arrive, in the leader's language."""
    original = REMINDER_TEMPLATES[f"reminder_{params['kind']}"](params, _, language)
    reason = _(UNDELIVERABLE_REASONS.get(params.get("reason", ""), params.get("reason", "")))
    if not params.get("recipient"):
        return _("En påminnelse har ingen mottaker ({reason}): {text}").format(
            reason=reason, text=original
        )
    return _("En påminnelse nådde ikke {recipient} ({reason}): {text}").format(
        recipient=params["recipient"], reason=reason, text=original
    )


REMINDER_TEMPLATES: dict[str, Render] = {
    "reminder_status_meeting_call": _status_meeting_call,
    "reminder_status_meeting_day_before": _status_meeting_day_before,
    "reminder_nav_meeting": _nav_meeting,
    "reminder_evaluation": _evaluation,
    "reminder_attendance_list": _attendance_list,
    "reminder_capacity_report": _capacity_report,
    "reminder_age_18": _age_18,
    "reminder_age_67": _age_67,
    "reminder_kvp_start": _kvp_start,
    "reminder_decision_ending": _decision_ending,
    "reminder_final_report": _final_report,
    "reminder_low_use": _low_use,
    "reminder_eligibility_open": _eligibility_open,
    "reminder_undeliverable": _undeliverable,
}


# -- staff (backend.services.roster, staff_notices, attendance_lists) -----------------------


def _roster_unconfirmed(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the roster chats at closing time: {unit, day, count, names}."""
    return _("Oppmøtet {day} er ikke bekreftet ennå for {names}.").format(
        day=_date(params["day"], language), names=", ".join(params["names"])
    )


def _wellbeing_check(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To a relative: {participant (first name), unit, phone}. Gentle, no blame."""
    text = _("Er {participant} i form? Vi savnet {participant} i dag. Hilsen {unit}.").format(
        participant=params["participant"], unit=params["unit"]
    )
    if params.get("phone"):
        text += " " + _("Ring oss gjerne på {phone}.").format(phone=params["phone"])
    return text


def _criterion_not_met(params: dict[str, Any], _: Gettext, language: str) -> str:
    """To the coordinators: {participant, code, criteria (keys)}, recorded after intake."""
    return _(
        "Registrert som ikke oppfylt for {participant} ({code}): {criteria}. Vurder vedtaket."
    ).format(
        participant=params["participant"],
        code=params["code"],
        criteria=", ".join(criterion_label(code, _) for code in params["criteria"]),
    )


TEMPLATES: dict[str, Render] = {
    "roster_unconfirmed": _roster_unconfirmed,
    "criterion_not_met": _criterion_not_met,
    "wellbeing_check": _wellbeing_check,
    "attendance_list_mail": attendance_list_mail,
    "absence_reported": _absence_reported,
    "absence_withdrawn": _absence_withdrawn,
    "relative_reported": _relative_reported,
    "relative_withdrew": _relative_withdrew,
    "consent_given": _consent_given,
    "consent_withdrawn": _consent_withdrawn,
    "transport_cancel": _email_body("transport_cancel"),
    "transport_restore": _email_body("transport_restore"),
    **REMINDER_TEMPLATES,
}


def render(template: str, params: dict[str, Any], language: str) -> str:
    return TEMPLATES[template](params, gettext_for(language), language)


def buttons(message: OutboxMessage, language: str) -> InlineKeyboardMarkup | None:
    """Inline buttons of an outbox row, one per line, labels in the recipient's language:
    `params["buttons"]` ([[msgid, callback data], …]) and those its template implies."""
    _ = gettext_for(language)
    wanted = [*message.params.get("buttons", []), *notice_buttons(message)]
    rows = [[InlineKeyboardButton(_(label), callback_data=data)] for label, data in wanted]
    return InlineKeyboardMarkup(rows) if rows else None
