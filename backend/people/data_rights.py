"""A participant's data rights (GDPR art. 15 and 17): export everything, or erase it.

    found = await export_person("P1", actor="cli", now=now)            # JSON + PDF, audited
    done = await erase_person("P1", "P1", actor="staff:S3", now=now)   # one transaction

The command line (`frammote person export|erase`) and the coordinator's web page both
call these. `unit_id` narrows the lookup to one unit (the web: nobody sees another unit).

Erasing keeps what the law keeps: the attendance days (the figures pay was made of,
bokføringsloven: five years after the end of their year) stay on the participant's row,
which is anonymised instead of deleted; the nightly retention pass deletes the row with
them when their time is up. The code and the employee number stay as the keys the
municipality's own payroll and books know the figures by. Everything else goes: absence
reports and notes, messages, Telegram links (the participant's and the relatives'),
invites, chat state and the messages written to those chats, and the records the
participant came from (KVP application, pupil register entry, candidate). The audit log is kept as
it is (Normen: access logs are kept for control) and deleted after its own period.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from backend.models import (
    Absence,
    AttendanceDay,
    AttendanceStatus,
    AuditEvent,
    CalendarFeed,
    Candidate,
    CandidateStage,
    ChatState,
    CheckIn,
    CodeAttempt,
    Evaluation,
    FinalReport,
    Intake,
    Invite,
    KvpApplication,
    KvpDecisionPeriod,
    LinkRole,
    OutboxMessage,
    Participant,
    ParticipantMessage,
    ParticipantPicture,
    Presentation,
    Pupil,
    Staff,
    TelegramLink,
    Unit,
)
from backend.pay import payroll
from backend.people.data_export_pdf import Words, render_pdf
from backend.shared import audit
from backend.shared.clock import utc
from backend.shared.errors import N_, RuleError

ERASED_NAME = "Slettet deltaker"
JSON_MIME = "application/json"
PDF_MIME = "application/pdf"
FORMAT_VERSION = 1
# What erasing clears on the participant's row (the rest is the decision's shape).
CLEARED: dict[str, Any] = {
    "contact_id": None,
    "transport": False,
    "purpose": None,
    "next_evaluation": None,
    "list_start": None,
    "nav_followed": False,
    "pupil": False,
    "pupil_since": None,
    "kvp_approved_on": None,
    "kvp_started_on": None,
    "eligibility": {},
    "eligibility_override": None,
    "read_aloud": False,
}


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content: bytes
    mime: str


@dataclass(frozen=True)
class PersonExport:
    participant: Participant
    data: dict[str, Any]  # JSON-ready: strings, numbers, booleans, lists and dicts
    # Who the audit log names by code (`staff:S3`), by name, for the PDF.
    names: dict[str, str] = field(default_factory=dict)

    def json_file(self) -> ExportFile:
        text = json.dumps(self.data, ensure_ascii=False, indent=2, sort_keys=False)
        return ExportFile(self.filename("json"), text.encode("utf-8"), JSON_MIME)

    def pdf_file(self, language: str = "nb", words: Words | None = None) -> ExportFile:
        """`words`: audit actions, actors and programmes in words (the web's words)."""
        content = render_pdf(self.data, language, words, self.names)
        return ExportFile(self.filename("pdf"), content, PDF_MIME)

    def filename(self, ext: str) -> str:
        """`personopplysninger-P1-2026-04-07.json`: ASCII, safe in a download."""
        code = "".join(c for c in self.participant.code if c.isalnum() or c in "-_")
        return f"personopplysninger-{code}-{self.data['made_on']}.{ext}"


@dataclass(frozen=True)
class Erasure:
    participant: Participant
    deleted: dict[str, int]
    kept_attendance_days: int


async def find_participant(code: str, unit_id: int | None = None) -> Participant:
    """The participant with this code (in this unit, when given); RuleError otherwise."""
    code = code.strip()
    if not code:
        raise RuleError(N_("Skriv id-en til deltakeren"))
    if len(code) > 64:  # no code is this long
        raise RuleError(N_("Ingen deltaker har id-en {code}"), code=code[:64])
    query = Participant.filter(code=code)
    if unit_id is not None:
        query = query.filter(unit_id=unit_id)
    found = await query.prefetch_related("unit", "contact").first()
    if found is None:
        raise RuleError(N_("Ingen deltaker har id-en {code}"), code=code[:64])
    return found


# -- export ------------------------------------------------------------------------------


async def export_person(
    code: str, *, actor: str, now: datetime, unit_id: int | None = None, formats: str = "json,pdf"
) -> PersonExport:
    """Everything stored about the participant, as plain data; the export is audited."""
    participant = await find_participant(code, unit_id)
    data = await gather(participant, now)
    await audit.record(
        actor,
        "person.export",
        f"participant:{participant.code}",
        format=formats,
        exported={k: len(v) for k, v in data.items() if isinstance(v, list)},
    )
    return PersonExport(participant, data, await _names(participant))


async def _names(participant: Participant) -> dict[str, str]:
    """The unit's staff, the participant, and the Telegram users of the participant's
    links and of the staff, by the codes the audit log names them by."""
    unit_id = participant.unit_id
    names = {
        f"staff:{code}": name
        for code, name in await Staff.filter(unit_id=unit_id).values_list("code", "name")
    }
    names[f"participant:{participant.code}"] = participant.name
    names[f"relative:{participant.code}"] = participant.name
    links = TelegramLink.filter(
        Q(participant_id=participant.id) | Q(staff__unit_id=unit_id)
    ).values_list("telegram_user_id", "display_name")
    for user_id, name in await links:
        names.setdefault(f"telegram:{user_id}", name)
    return names


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    return utc(value).isoformat() if isinstance(value, datetime) else value.isoformat()


async def _door(participant: Participant) -> dict[str, Any]:
    """The check-in tablet: the tile (the photo itself is in the JPEG the staff see) and
    the taps on arrival and on leaving."""
    picture = await ParticipantPicture.get_or_none(participant_id=participant.id)
    return {
        "tablet_picture": {
            "symbol": picture.symbol,
            "photo_stored": picture.photo is not None,
            "photo_consent_at": _iso(picture.photo_consent_at),
            "photo_consent_by": picture.photo_consent_by,
        }
        if picture is not None
        else None,
        "check_ins": [
            {"day": _iso(visit.day), "in_at": _iso(visit.in_at), "out_at": _iso(visit.out_at)}
            for visit in await CheckIn.filter(participant_id=participant.id).order_by("day")
        ],
    }


async def gather(participant: Participant, now: datetime) -> dict[str, Any]:
    """The participant's record and every row that is about them, oldest first."""
    unit: Unit = await Unit.get(id=participant.unit_id)
    links = await TelegramLink.filter(participant_id=participant.id).order_by("id")
    # A relative's chat may also serve another participant: only what is about this one.
    chats = await _chats_of_no_one_else(participant, links)
    outbox = await _outbox_ids(participant, chats)
    return {
        "format_version": FORMAT_VERSION,
        "made_on": now.date().isoformat(),
        "made_at": _iso(now),
        "time_zone": getattr(now.tzinfo, "key", "UTC"),
        "unit": {"code": unit.code, "name": unit.name},
        "participant": await _record(participant),
        "telegram_links": [_link(link) for link in links],
        "invites": [
            {
                "role": str(invite.role),
                "relative_name": invite.relative_name,
                "created_by": invite.created_by,
                "created_at": _iso(invite.created_at),
                "expires_at": _iso(invite.expires_at),
                "used_at": _iso(invite.used_at),
                "revoked_at": _iso(invite.revoked_at),
            }
            for invite in await Invite.filter(participant_id=participant.id).order_by("id")
        ],
        "calendar_feeds": [
            {
                "language": feed.language,
                "created_at": _iso(feed.created_at),
                "revoked_at": _iso(feed.revoked_at),
            }
            for feed in await CalendarFeed.filter(participant_id=participant.id).order_by("id")
        ],
        "absences": [
            _absence(absence)
            for absence in await Absence.filter(participant_id=participant.id).order_by("day")
        ],
        "attendance": [
            {
                "day": _iso(day.day),
                "status": str(day.status),
                "hours": str(Decimal(day.hours).quantize(Decimal("0.01"))),
                "confirmed_by": day.confirmed_by_name,
                "confirmed_at": _iso(day.confirmed_at),
                "remark": day.remark,
            }
            for day in await AttendanceDay.filter(participant_id=participant.id).order_by("day")
        ],
        "pay": await _pay(participant),
        **await _door(participant),
        **await _follow_up(participant),
        **await _came_from(participant),
        "messages": [
            _message(message)
            for message in await ParticipantMessage.filter(participant_id=participant.id).order_by(
                "created_at"
            )
        ],
        "chat_messages": [
            {
                "template": row.template,
                "status": str(row.status),
                "due_at": _iso(row.due_at),
                "sent_at": _iso(row.sent_at),
                "params": row.params,
            }
            for row in await OutboxMessage.filter(id__in=outbox).order_by("id")
        ]
        if outbox
        else [],
        "chat_states": [
            {"step": state.step, "data": state.data, "updated_at": _iso(state.updated_at)}
            for state in await ChatState.filter(chat_id__in=chats).order_by("id")
        ]
        if chats
        else [],
        "audit_log": [
            {
                "at": _iso(event.at),
                "actor": event.actor,
                "action": event.action,
                "subject": event.subject,
                "detail": event.detail,
            }
            for event in await AuditEvent.filter(_about(participant, links)).order_by("id")
        ],
    }


async def _follow_up(participant: Participant) -> dict[str, list[dict[str, Any]]]:
    """The intake with NAV, the evaluation conversations and the final reports."""
    intakes = (
        await Intake.filter(participant_id=participant.id)
        .order_by("id")
        .prefetch_related("contact")
    )
    evaluations = await Evaluation.filter(participant_id=participant.id).order_by("held_on", "id")
    reports = await FinalReport.filter(participant_id=participant.id).order_by("id")
    return {
        "intakes": [
            {
                "referred_on": _iso(i.referred_on),
                "counsellor": i.counsellor,
                "contact": i.contact.code if i.contact else None,
                "conversation_on": _iso(i.conversation_on),
                "nav_took_part": i.nav_took_part,
                "programme": str(i.programme),
                "agreement_start": _iso(i.agreement_start),
                "agreement_end": _iso(i.agreement_end),
                "weekdays": i.weekdays,
                "hours": f"{i.day_start}-{i.day_end}",
                "purpose": i.purpose,
                "first_list": _iso(i.first_list),
                "first_evaluation": _iso(i.first_evaluation),
                "recorded_by": i.recorded_by,
                "created_at": _iso(i.created_at),
            }
            for i in intakes
        ],
        "evaluations": [
            {
                "held_on": _iso(e.held_on),
                "outcome": str(e.outcome),
                "note": e.note,
                "next_evaluation": _iso(e.next_evaluation),
                "recorded_by": e.recorded_by,
                "created_at": _iso(e.created_at),
            }
            for e in evaluations
        ],
        "final_reports": [
            {
                "period_start": _iso(r.period_start),
                "period_end": _iso(r.period_end),
                "planned_days": r.planned_days,
                "present_days": r.present_days,
                "absent_days": r.absent_days,
                "goals": r.goals,
                "what_worked": r.what_worked,
                "work_ability": r.work_ability,
                "recommendation": str(r.recommendation),
                "recommendation_note": r.recommendation_note,
                "written_by": r.written_by,
                "created_at": _iso(r.created_at),
            }
            for r in reports
        ],
    }


async def _came_from(participant: Participant) -> dict[str, list[dict[str, Any]]]:
    """The records the participant came from: the KVP application the programme started
    from, the pupil register's entry and the candidate on the coordinators' pathway."""
    applications = (
        await KvpApplication.filter(participant_id=participant.id)
        .order_by("id")
        .prefetch_related("counsellor")
    )
    pupils = await Pupil.filter(participant_id=participant.id).order_by("id")
    candidates = await Candidate.filter(participant_id=participant.id).order_by("id")
    return {
        "kvp_applications": [await kvp_application(a) for a in applications],
        "pupil_entries": [pupil_entry(p) for p in pupils],
        "candidate_records": [await candidate_record(c) for c in candidates],
    }


async def kvp_application(a: KvpApplication) -> dict[str, Any]:
    periods = await KvpDecisionPeriod.filter(application_id=a.id).order_by("starts_on", "id")
    return {
        "name": a.name,
        "birth_date": _iso(a.birth_date),
        "counsellor": a.counsellor.name if a.counsellor else None,
        "received_on": _iso(a.received_on),
        "aev_on": _iso(a.aev_on),
        "decided_on": _iso(a.decided_on),
        "approved": a.approved,
        "refusal_reason": a.refusal_reason,
        "approved_on": _iso(a.approved_on),
        "started_on": _iso(a.started_on),
        "decision_periods": [
            {"starts_on": _iso(p.starts_on), "ends_on": _iso(p.ends_on)} for p in periods
        ],
        "created_at": _iso(a.created_at),
    }


def pupil_entry(p: Pupil) -> dict[str, Any]:
    return {
        "name": p.name,
        "birth_date": _iso(p.birth_date),
        "school": p.school,
        "class_year": str(p.class_year),
        "expected_end": _iso(p.expected_end),
        "consent_given_on": _iso(p.consent_given_on),
        "consent_withdrawn_on": _iso(p.consent_withdrawn_on),
        "share_name": p.share_name,
        "needs": list(p.needs or []),
        "note": p.note,
        "registered_on": _iso(p.registered_on),
        "ended_on": _iso(p.ended_on),
        "created_at": _iso(p.created_at),
    }


async def candidate_record(c: Candidate) -> dict[str, Any]:
    """A candidate on the coordinators' pathway: their record, stage history and the
    businesses they were presented to."""
    await c.fetch_related("follower")
    stages = await CandidateStage.filter(candidate_id=c.id).order_by("on", "id")
    presentations = (
        await Presentation.filter(candidate_id=c.id)
        .order_by("on", "id")
        .prefetch_related("business")
    )
    return {
        "code": c.code,
        "name": c.name,
        "birth_date": _iso(c.birth_date),
        "phone": c.phone,
        "email": c.email,
        "referred_by": str(c.referred_by),
        "follower": {"code": c.follower.code, "name": c.follower.name} if c.follower else None,
        "disability_benefit": c.disability_benefit,
        "waiting_for_benefit": c.waiting_for_benefit,
        "consent_on": _iso(c.consent_on),
        "consent_scope": c.consent_scope,
        "consent_names_to_businesses": c.consent_names_to_businesses,
        "consent_withdrawn_on": _iso(c.consent_withdrawn_on),
        "mapping_on": _iso(c.mapping_on),
        "mapping_note": c.mapping_note,
        "wishes": c.wishes,
        "next_step": c.next_step,
        "next_step_on": _iso(c.next_step_on),
        "follow_up_on": _iso(c.follow_up_on),
        "evaluation_on": _iso(c.evaluation_on),
        "stage": str(c.stage),
        "stage_pending": c.stage_pending,
        "stage_since": _iso(c.stage_since),
        "end_reason": str(c.end_reason) if c.end_reason else None,
        "created_at": _iso(c.created_at),
        "stages": [
            {
                "stage": str(s.stage),
                "pending": s.pending,
                "on": _iso(s.on),
                "end_reason": str(s.end_reason) if s.end_reason else None,
                "actor": s.actor,
                "created_at": _iso(s.created_at),
            }
            for s in stages
        ],
        "presentations": [
            {
                "business": p.business.name,
                "on": _iso(p.on),
                "named": p.named,
                "outcome": p.outcome,
                "created_at": _iso(p.created_at),
            }
            for p in presentations
        ],
    }


async def _record(p: Participant) -> dict[str, Any]:
    await p.fetch_related("contact")
    return {
        "code": p.code,
        "name": p.name,
        "birth_date": _iso(p.birth_date),
        "programme": str(p.programme),
        "weekdays": [int(d) for d in p.weekdays.split(",") if d],
        "day_start": p.day_start,
        "day_end": p.day_end,
        "contact": {"code": p.contact.code, "name": p.contact.name} if p.contact else None,
        "transport": p.transport,
        "read_aloud": p.read_aloud,
        "purpose": p.purpose,
        "temporary": p.temporary,
        "decision_start": _iso(p.decision_start),
        "decision_end": _iso(p.decision_end),
        "next_evaluation": _iso(p.next_evaluation),
        "list_start": _iso(p.list_start),
        "nav_followed": p.nav_followed,
        "pupil": p.pupil,
        "pupil_since": _iso(p.pupil_since),
        "kvp_approved_on": _iso(p.kvp_approved_on),
        "kvp_started_on": _iso(p.kvp_started_on),
        "employee_no": p.employee_no,
        "eligibility": dict(p.eligibility or {}),
        "eligibility_override": p.eligibility_override,
        "active": p.active,
        "ended_on": _iso(p.ended_on),
        "erased_at": _iso(p.erased_at),
        "created_at": _iso(p.created_at),
    }


def _link(link: TelegramLink) -> dict[str, Any]:
    return {
        "role": str(link.role),
        "display_name": link.display_name,
        "telegram_user_id": link.telegram_user_id,
        "chat_id": link.chat_id,
        "language": link.language,
        "consent_at": _iso(link.consent_at),
        "consent_by": link.consent_by,
        "sees_pay": link.sees_pay,
        "read_aloud": link.read_aloud,
        "created_at": _iso(link.created_at),
        "revoked_at": _iso(link.revoked_at),
        "blocked_at": _iso(link.blocked_at),
    }


def _absence(absence: Absence) -> dict[str, Any]:
    return {
        "day": _iso(absence.day),
        "category": str(absence.category),
        "note": absence.note,
        "reported_by": absence.reporter_name,
        "channel": absence.channel,
        "late": absence.late,
        "reported_at": _iso(absence.created_at),
        "withdrawn_at": _iso(absence.withdrawn_at),
        "seen_at": _iso(absence.seen_at),
        "seen_by": absence.seen_by_name,
    }


def _message(message: ParticipantMessage) -> dict[str, Any]:
    voice = message.voice
    return {
        "sent_at": _iso(message.created_at),
        "read_at": _iso(message.read_at),
        "kind": "voice" if voice is not None else "text",
        "text": message.text,
        "voice_base64": base64.b64encode(voice).decode("ascii") if voice is not None else None,
    }


async def _pay(participant: Participant) -> list[dict[str, Any]]:
    """Days, hours and pay for each month with present days (by today's rates)."""
    days = await AttendanceDay.filter(
        participant_id=participant.id, status=AttendanceStatus.PRESENT
    ).values_list("day", flat=True)
    months = sorted({(d.year, d.month) for d in days})
    found = []
    for year, month in months:
        try:
            statement = await payroll.participant_statement(participant, year, month)
        except RuleError:
            continue  # no rate for the month: nothing was paid by this product
        found.append(
            {
                "month": f"{year}-{month:02d}",
                "days": statement.days,
                "hours": str(statement.hours),
                "amount_ore": statement.amount_ore,
            }
        )
    return found


def _about(participant: Participant, links: list[TelegramLink]) -> Q:
    """Audit events about the participant, or done by them (a relative's acts name them)."""
    actors = [
        f"telegram:{link.telegram_user_id}" for link in links if link.role == LinkRole.PARTICIPANT
    ]
    actors.append(f"relative:{participant.code}")
    return Q(subject=f"participant:{participant.code}") | Q(actor__in=actors)


# -- erasure -----------------------------------------------------------------------------


async def kept_attendance_days(participant: Participant) -> int:
    """The attendance days kept (anonymised, with their hours) of an erased participant."""
    return await AttendanceDay.filter(participant_id=participant.id).count()


def check_erasable(participant: Participant, confirmation: str) -> None:
    """RuleError unless the service has ended, it is not erased yet, and the code is typed."""
    if participant.erased_at is not None:
        raise RuleError(N_("Opplysningene om {code} er allerede slettet"), code=participant.code)
    if participant.active:
        raise RuleError(N_("Avslutt tjenesten før du sletter opplysningene om {code}"),
                        code=participant.code)  # fmt: skip
    if confirmation.strip() != participant.code:
        raise RuleError(
            N_("Skriv id-en {code} for å bekrefte at opplysningene skal slettes"),
            code=participant.code,
        )


async def erase_person(
    code: str, confirmation: str, *, actor: str, now: datetime, unit_id: int | None = None
) -> Erasure:
    """Delete what is about the participant and anonymise the row the figures hang on.

    One transaction: either all of it is done and audited, or nothing changes.
    """
    participant = await find_participant(code, unit_id)
    check_erasable(participant, confirmation)
    async with in_transaction():
        birth = participant.birth_date
        # Checked again as it is written: of two erasures at once, one does it.
        anonymised = await Participant.filter(
            id=participant.id, active=False, erased_at__isnull=True
        ).update(
            name=ERASED_NAME,
            # The year stays for the age rules of the kept pay figures; 31 December never
            # makes anyone 67 earlier than they were.
            birth_date=date(birth.year, 12, 31),
            erased_at=utc(now),
            **CLEARED,
        )
        if not anonymised:
            raise RuleError(
                N_("Opplysningene om {code} er allerede slettet"), code=participant.code
            )
        links = await TelegramLink.filter(participant_id=participant.id)
        own_chats = await _chats_of_no_one_else(participant, links)
        deleted = {
            "absence_reports": await Absence.filter(participant_id=participant.id).delete(),
            "participant_messages": await ParticipantMessage.filter(
                participant_id=participant.id
            ).delete(),
            "sent_messages": await _delete_outbox(await _outbox_ids(participant, own_chats)),
            "chat_states": await ChatState.filter(chat_id__in=own_chats).delete()
            if own_chats
            else 0,
            "refused_attempts": await CodeAttempt.filter(chat_id__in=own_chats).delete()
            if own_chats
            else 0,
            "telegram_links": await TelegramLink.filter(participant_id=participant.id).delete(),
            "dead_invites": await Invite.filter(participant_id=participant.id).delete(),
            "kvp_applications": await _delete_kvp_applications(participant),
            "intakes": await Intake.filter(participant_id=participant.id).delete(),
            "evaluations": await Evaluation.filter(participant_id=participant.id).delete(),
            "final_reports": await FinalReport.filter(participant_id=participant.id).delete(),
            # The pupil register's entry the participant came from (name, school, note).
            "pupil_entries": await Pupil.filter(participant_id=participant.id).delete(),
            # The candidate they were on the coordinators' pathway, with stages and
            # presentations.
            "candidate_records": await _delete_candidates(participant),
            # Secret calendar addresses for the participant's plan (a relative's too).
            "calendar_feeds": await CalendarFeed.filter(participant_id=participant.id).delete(),
            # The check-in tablet's times, and the tile's photo (with its consent) and symbol.
            "check_ins": await CheckIn.filter(participant_id=participant.id).delete(),
            "tablet_pictures": await ParticipantPicture.filter(
                participant_id=participant.id
            ).delete(),
        }
        kept = await AttendanceDay.filter(participant_id=participant.id).count()
        await AttendanceDay.filter(participant_id=participant.id, remark__isnull=False).update(
            remark=None
        )
        await audit.record(
            actor,
            "person.erase",
            f"participant:{participant.code}",
            deleted=deleted,
            attendance_days=kept,
            anonymised=["name", "birth_date", *CLEARED],
        )
    return Erasure(await find_participant(participant.code), deleted, kept)


async def _chats_of_no_one_else(participant: Participant, links: list[TelegramLink]) -> list[int]:
    """The chats of the participant's links that no other participant or staff uses."""
    chats = {link.chat_id for link in links}
    if not chats:
        return []
    shared = await TelegramLink.filter(
        Q(chat_id__in=list(chats)),
        ~Q(participant_id=participant.id) | Q(participant_id__isnull=True),
    ).values_list("chat_id", flat=True)
    return sorted(chats - set(shared))


async def _delete_kvp_applications(participant: Participant) -> int:
    """The KVP application the programme started from holds the name and birth date; it
    goes, with its decision periods. The number of applications."""
    applications = KvpApplication.filter(participant_id=participant.id)
    count = await applications.count()
    if count:
        await applications.delete()
    return count


async def _delete_candidates(participant: Participant) -> int:
    """The number of candidates (counted first: a delete's count may include what cascaded)."""
    ids = await Candidate.filter(participant_id=participant.id).values_list("id", flat=True)
    if ids:
        await Candidate.filter(id__in=ids).delete()
    return len(ids)


async def _delete_outbox(ids: list[int]) -> int:
    return await OutboxMessage.filter(id__in=ids).delete() if ids else 0


async def _outbox_ids(participant: Participant, own_chats: list[int]) -> list[int]:
    """Messages to the participant's own chats, and any message about them."""
    ids: set[int] = set()
    if own_chats:
        ids |= set(await OutboxMessage.filter(chat_id__in=own_chats).values_list("id", flat=True))
    tokens = (f":{participant.id}:", f":{participant.code}:", f"participant:{participant.code}|")
    maybe = await OutboxMessage.filter(
        Q(*[Q(key__contains=t) for t in tokens], join_type=Q.OR)
    ).only("id", "key", "params")
    for row in maybe:
        params = row.params if isinstance(row.params, dict) else {}
        if (
            params.get("participant") == participant.name
            or params.get("participant_id") == participant.id
            or tokens[2] in row.key
        ):
            ids.add(row.id)
    return sorted(ids)
