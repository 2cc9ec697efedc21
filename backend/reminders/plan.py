"""What a reminder pass sends: reminders due on a day, resolved to recipients (pure).

Audiences become people like this:

- coordinator: the unit's coordinators, else its leaders;
- leader: the unit's leaders;
- contact, KVP counsellor: the participant's contact person, else the leaders
  (the KVP counsellor is whoever follows the participant in the system); about a
  KVP application (`kvp:<id>`): its counsellor, else the leaders, else the
  coordinators;
- NAV contact: the unit's NAV e-mail address, when e-mail is on and it is set;
- meeting participants: every staff member of the unit, and NAV by e-mail;
- follower (about a candidate, `candidate:<code>`): the staff member who follows the
  candidate, else the unit's coordinators, else its leaders.

The capacity report also goes to NAV by e-mail when configured. A staff member
is reached on each Telegram chat they linked, else by e-mail when e-mail is on
and they have an address. Anyone unreachable is reported to the unit's leaders
(else coordinators) once per reminder, by the report's unique key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from backend.calendar.rules import UnitCalendar
from backend.models import StaffRole
from backend.outbox.windows import staff_start, staff_window
from backend.people.contact_rules import contact_or_leaders
from backend.people.service_period import places_taken
from backend.pupils.rules import names_allowed
from backend.reminders.deadlines import (
    LOOKAHEAD,
    Audience,
    Reminder,
    ReminderKind,
    Rule,
    weekly_check_week,
)
from backend.reminders.deadlines.base import MovedBackRule, sort_key
from backend.reminders.rules import (
    candidate_rules,
    kvp_rules,
    participant_rules,
    pupil_rules,
    unit_rules,
    weekly_rules,
)
from backend.reminders.snapshot import (
    CandidateRow,
    KvpApplicationRow,
    ParticipantRow,
    PupilRow,
    Snapshot,
    StaffRow,
    UnitData,
)
from backend.shared.errors import N_

TEMPLATE_PREFIX = "reminder_"
UNDELIVERABLE = "reminder_undeliverable"
MAX_KEY = 255
ONE_DAY = timedelta(days=1)


def last_nominal(calendar: UnitCalendar, day: date) -> date:
    """The last date whose reminders move back onto `day` (an open day): the closed
    days right after it (a weekend, a holiday, fellesferie) belong to it."""
    last = day
    while last - day < LOOKAHEAD and not calendar.is_open(last + ONE_DAY):
        last += ONE_DAY
    return last


def may_be_due(rule: Rule, day: date, last: date) -> bool:
    """A cheap screen before the rule's own `due_on`, which has the last word.

    A moved-back rule is due on open `day` only for nominal dates in [day, last]
    (the working day before a nominal date is `day` exactly then), so a rule with
    none there is skipped without its 62-day look-ahead.
    """
    if isinstance(rule, MovedBackRule):
        return next(iter(rule.planned(day, last)), None) is not None
    return True


class Reason:
    """Why a reminder could not be delivered (codes shown translated in the report)."""

    NO_LINK = "no_link"
    NO_RECIPIENT = "no_recipient"
    BLOCKED = "blocked"
    CHAT_NOT_FOUND = "chat_not_found"
    EMAIL_REFUSED = "email_refused"


def template_for(kind: ReminderKind) -> str:
    return f"{TEMPLATE_PREFIX}{kind.value}"


def is_reminder_template(template: str) -> bool:
    return template.startswith(TEMPLATE_PREFIX) and template != UNDELIVERABLE


def outbox_key(*parts: str) -> str:
    """Parts joined by "|"; an over-long key keeps its start and a hash of the whole."""
    key = "|".join(parts)
    if len(key) <= MAX_KEY:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"{key[: MAX_KEY - 33]}#{digest}"


def report_key(reminder_key: str, who: str, target: str) -> str:
    """One report per reminder, unreachable person and report recipient, however found."""
    return outbox_key("undeliverable", reminder_key, who, target)


@dataclass(frozen=True, slots=True)
class Recipient:
    name: str
    who: str  # the person or address behind it: "staff:S1", "nav:AOK"
    chat_id: int | None = None
    email: str | None = None
    language: str = "nb"

    @property
    def address(self) -> str:
        return f"tg:{self.chat_id}" if self.chat_id is not None else f"mail:{self.email}"

    @property
    def channel(self) -> str:
        return "telegram" if self.chat_id is not None else "email"


@dataclass(frozen=True, slots=True)
class Delivery:
    """One outbox row to write."""

    key: str
    unit: str
    template: str
    params: dict[str, Any]
    due_at: datetime
    window: str | None
    recipient: Recipient
    reminder: Reminder


@dataclass(frozen=True, slots=True)
class Unreachable:
    reminder: Reminder
    name: str
    who: str
    reason: str


@dataclass(frozen=True, slots=True)
class Gap:
    """Why nobody can receive a reminder, and what to do: a msgid and its fields."""

    message: str
    params: dict[str, str]

    def render(self, gettext: Callable[[str], str]) -> str:
        return gettext(self.message).format(**self.params)


@dataclass(frozen=True, slots=True)
class DueReminder:
    """A reminder due, whoever it reaches: listed even when nobody can receive it."""

    unit: str
    reminder: Reminder
    participant: str | None  # the participant's name, for a reminder about one
    recipients: tuple[Recipient, ...]
    unreachable: tuple[Unreachable, ...]  # people it should reach and cannot
    email: bool  # e-mail was on when this was planned

    @property
    def reachable(self) -> bool:
        return bool(self.recipients)

    @property
    def gap(self) -> Gap | None:
        """None when someone receives it; else why nobody can, and what to do."""
        if self.recipients:
            return None
        names = [u.name for u in self.unreachable if u.reason == Reason.NO_LINK]
        if names:
            if self.email:
                message = N_("ingen kan få den: koble {names} til Telegram eller legg inn e-post")
            else:
                message = N_("ingen kan få den: koble {names} til Telegram")
            return Gap(message, {"names": ", ".join(dict.fromkeys(names))})
        if self.unreachable:  # nobody in the role, nor a leader to fall back on
            return Gap(N_("ingen kan få den: registrer en leder for enheten"), {})
        if self.email:  # NAV is reached by e-mail only
            return Gap(N_("ingen kan få den: legg inn NAVs e-postadresse på enhetssiden"), {})
        return Gap(N_("ingen kan få den: e-post er ikke satt opp for NAV"), {})


# Whom a reminder is about: a participant, a KVP application (its applicant's name, its
# counsellor as the contact person), or a candidate on the pathway (their follower stands
# as the contact person).
Followed = ParticipantRow | KvpApplicationRow | CandidateRow


def followed(unit: UnitData, subject: str, by_code: dict[str, ParticipantRow]) -> Followed | None:
    if subject.startswith("participant:"):
        return by_code.get(subject.removeprefix("participant:"))
    if subject.startswith("kvp:"):
        return next((a for a in unit.kvp_applications if a.code == subject), None)
    if subject.startswith("candidate:"):
        return next((c for c in unit.candidates if c.subject == subject), None)
    return None


STALE_AFTER_EVENT = frozenset({ReminderKind.STATUS_MEETING_DAY_BEFORE})


def _stale(reminder: Reminder, today: date) -> bool:
    """A "tomorrow" reminder caught up after the meeting has no use."""
    if reminder.event_date >= today:
        return False
    day_before = reminder.kind == ReminderKind.NAV_MEETING and (
        reminder.detail.get("step") == "day_before"
    )
    return day_before or reminder.kind in STALE_AFTER_EVENT


class Planner:
    """Plans the deliveries of one pass over a loaded snapshot."""

    def __init__(self, snapshot: Snapshot, now: datetime, *, email: bool) -> None:
        self.snapshot = snapshot
        self.now = now
        self.email = email
        # Every reminder planned, with or without anyone to receive it.
        self.due: list[DueReminder] = []

    # -- reminders -------------------------------------------------------------------
    def reminders_on(
        self, unit: UnitData, day: date, counts: dict[int, tuple[int, int]] | None
    ) -> list[Reminder]:
        pwd = unit.calendar.previous_working_day
        if pwd(day) != day:
            return []  # nothing is due on a closed day
        last = last_nominal(unit.calendar, day)
        found: list[Reminder] = []
        for rule in unit_rules(unit):
            found.extend(rule.due_on(day, pwd))
        check_week = weekly_check_week(day, pwd) is not None
        for p in unit.participants:
            rules = list(participant_rules(unit, p))
            if check_week:
                rules.extend(weekly_rules(p, day, counts))
            for rule in rules:
                if may_be_due(rule, day, last):
                    found.extend(rule.due_on(day, pwd))
        for application in unit.kvp_applications:
            for rule in kvp_rules(application):
                if may_be_due(rule, day, last):
                    found.extend(rule.due_on(day, pwd))
        found.extend(self._candidate_reminders(unit, day, last))
        for pupil in unit.pupils:
            for rule in pupil_rules(unit, pupil):
                found.extend(rule.due_on(day, pwd))
        return sorted(found, key=sort_key)

    def _candidate_reminders(self, unit: UnitData, day: date, last: date) -> list[Reminder]:
        pwd = unit.calendar.previous_working_day
        return [
            reminder
            for c in unit.candidates
            for rule in candidate_rules(c)
            if may_be_due(rule, day, last)
            for reminder in rule.due_on(day, pwd)
        ]

    # -- recipients ------------------------------------------------------------------
    def _role(self, unit: UnitData, role: StaffRole) -> list[StaffRow]:
        return self.snapshot.by_role.get((unit.id, role), [])

    def _people(
        self, unit: UnitData, audience: Audience, participant: Followed | None
    ) -> list[StaffRow]:
        leaders = self._role(unit, StaffRole.LEADER)
        if audience == Audience.FOLLOWER:
            follower_id = participant.contact_id if participant else None
            follower = self.snapshot.staff.get(follower_id) if follower_id else None
            if follower is not None:
                return [follower]
            return self._role(unit, StaffRole.COORDINATOR) or leaders
        if audience == Audience.LEADER:
            return leaders
        if audience == Audience.COORDINATOR:
            return self._role(unit, StaffRole.COORDINATOR) or leaders
        if audience in (Audience.CONTACT, Audience.KVP_COUNSELLOR):
            contact_id = participant.contact_id if participant else None
            # The snapshot holds active staff only: a deactivated contact person is None.
            contact = self.snapshot.staff.get(contact_id) if contact_id else None
            if isinstance(participant, KvpApplicationRow):
                leaders = leaders or self._role(unit, StaffRole.COORDINATOR)
            return contact_or_leaders(contact, leaders)
        if audience == Audience.MEETING_PARTICIPANTS:
            return self.snapshot.unit_staff(unit.id)
        return []  # NAV contact: by e-mail only

    def _nav(self, unit: UnitData, reminder: Reminder) -> list[Recipient]:
        wanted = reminder.audience in (Audience.NAV_CONTACT, Audience.MEETING_PARTICIPANTS)
        if reminder.kind == ReminderKind.CAPACITY_REPORT:
            wanted = True
        if not (wanted and self.email and unit.nav_email):
            return []
        return [Recipient(unit.nav_contact_name or "NAV", f"nav:{unit.code}", email=unit.nav_email)]

    def reach(self, person: StaffRow) -> list[Recipient]:
        """Every chat the person linked, else their e-mail when e-mail is on."""
        who = f"staff:{person.code}"
        chats = self.snapshot.links.get(person.id, [])
        if chats:
            return [Recipient(person.name, who, c.chat_id, None, c.language) for c in chats]
        if self.email and person.email:
            return [Recipient(person.name, who, None, person.email)]
        return []

    def recipients(
        self, unit: UnitData, reminder: Reminder, participant: Followed | None
    ) -> tuple[list[Recipient], list[Unreachable]]:
        found: list[Recipient] = []
        missing: list[Unreachable] = []
        people = self._people(unit, reminder.audience, participant)
        for person in people:
            reached = self.reach(person)
            if not reached:
                missing.append(
                    Unreachable(reminder, person.name, f"staff:{person.code}", Reason.NO_LINK)
                )
            found.extend(reached)
        found.extend(self._nav(unit, reminder))
        if not people and reminder.audience != Audience.NAV_CONTACT:
            missing.append(
                Unreachable(reminder, "", f"role:{reminder.audience}", Reason.NO_RECIPIENT)
            )
        return found, missing

    def concerned(
        self, unit: UnitData, reminder: Reminder, participant: Followed | None
    ) -> list[StaffRow]:
        """The staff a reminder is meant for, reachable or not (a calendar feed's owners)."""
        return self._people(unit, reminder.audience, participant)

    def report_targets(self, unit: UnitData) -> list[Recipient]:
        """Who hears of an undeliverable reminder: the leaders, else the coordinators."""
        for role in (StaffRole.LEADER, StaffRole.COORDINATOR):
            found = [r for person in self._role(unit, role) for r in self.reach(person)]
            if found:
                return found
        return []

    # -- deliveries ------------------------------------------------------------------
    def params(
        self, unit: UnitData, reminder: Reminder, participant: Followed | None, name: str
    ) -> dict[str, Any]:
        params: dict[str, Any] = {
            **reminder.detail,
            "kind": reminder.kind.value,
            "unit": unit.code,
            "unit_name": unit.name,
            "due": reminder.due.isoformat(),
            "event_date": reminder.event_date.isoformat(),
            "audience": reminder.audience.value,
            "recipient": name,
            # Identifies the reminder, so one undeliverable report covers every route.
            "reminder_key": reminder.key,
        }
        if isinstance(participant, CandidateRow):
            params["candidate"] = participant.name
            params["candidate_code"] = participant.code
        elif participant is not None:
            params["participant"] = participant.name
            params["participant_code"] = participant.code
        if reminder.kind == ReminderKind.CAPACITY_REPORT:
            # Places taken on the day of the report: decisions active that day only.
            active = places_taken((p.period for p in unit.participants), reminder.due)
            params |= {
                "places": unit.places,
                "active": active,
                "free": max((unit.places or 0) - active, 0),
                "nav_emailed": bool(self.email and unit.nav_email),
            }
        if reminder.kind == ReminderKind.NAV_MEETING:
            params["nav_contact"] = unit.nav_contact_name
        return params

    @staticmethod
    def pupil_params(pupil: PupilRow, day: date) -> dict[str, Any]:
        """A pupil of the register, named to the coordinator; whether the guardian's consent
        lets the name go to NAV (else the text says to ask first)."""
        shared = names_allowed(
            pupil.consent_given_on, pupil.consent_withdrawn_on, pupil.share_name, day
        )
        return {"participant": pupil.name, "pupil": str(pupil.id), "name_shared": shared}

    def deliveries_for(
        self, unit: UnitData, reminders: Iterable[Reminder], by_code: dict[str, ParticipantRow]
    ) -> list[Delivery]:
        today = self.now.date()
        window = staff_window(unit.code)
        out: list[Delivery] = []
        targets: list[Recipient] | None = None
        pupils: dict[str, PupilRow] | None = None
        for reminder in reminders:
            if _stale(reminder, today):
                continue
            participant = followed(unit, reminder.subject, by_code)
            extra: dict[str, Any] = {}
            if reminder.subject.startswith("pupil:"):
                pupils = pupils if pupils is not None else {str(p.id): p for p in unit.pupils}
                pupil = pupils.get(reminder.subject.removeprefix("pupil:"))
                extra = self.pupil_params(pupil, reminder.due) if pupil else {}
            found, missing = self.recipients(unit, reminder, participant)
            self.due.append(
                DueReminder(
                    unit.code,
                    reminder,
                    participant.name if participant else extra.get("participant"),
                    tuple(found),
                    tuple(missing),
                    self.email,
                )
            )
            due_at = staff_start(reminder.due, self.now)
            for recipient in found:
                out.append(
                    Delivery(
                        outbox_key(reminder.key, recipient.address),
                        unit.code,
                        template_for(reminder.kind),
                        self.params(unit, reminder, participant, recipient.name)
                        | extra
                        | {"who": recipient.who}
                        | ({"to_nav": True} if recipient.who.startswith("nav:") else {}),
                        due_at,
                        window,
                        recipient,
                        reminder,
                    )
                )
            if missing and targets is None:
                targets = self.report_targets(unit)
            for gap in missing:
                params = self.params(unit, reminder, participant, gap.name) | extra
                params |= {"reason": gap.reason, "who": gap.who}
                for target in targets or []:
                    out.append(
                        Delivery(
                            report_key(reminder.key, gap.who, target.address),
                            unit.code,
                            UNDELIVERABLE,
                            params | {"leader": target.name},
                            due_at,
                            window,
                            target,
                            reminder,
                        )
                    )
        return out

    def plan(
        self, days: Iterable[date], counts: dict[date, dict[int, tuple[int, int]]]
    ) -> list[Delivery]:
        out: list[Delivery] = []
        for unit in self.snapshot.units:
            by_code = {p.code: p for p in unit.participants}
            for day in days:
                reminders = self.reminders_on(unit, day, counts.get(day))
                out.extend(self.deliveries_for(unit, reminders, by_code))
        return out
