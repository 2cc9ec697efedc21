"""The candidates' pathway as pure rules: stages, their names, and what a move may be.

Seed 002 (the Ringerike work and activity coordinators) counts candidates per stage:
"Antall VTA-O: 4 (5)" means four in place and five with the one applied for. A place
granted by NAV (VTA, VTA-O, care assistant) is therefore a stage that can be *pending*
(applied for, not yet granted): the candidate is counted in that stage's bracket only,
so that the stages in place and the pending ones add up to the total.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from backend.people.eligibility_rules import Programme
from backend.shared.dates import age_on
from backend.shared.errors import N_, Msgid, RuleError


class Stage(StrEnum):
    """The stages in pathway order; the values are the command line's plain keys."""

    APPROACH = "approach"  # tilnærming: first contact, relation building
    MAPPING = "mapping"  # kartlegging: the mapping conversation
    WORK_TRIAL = "work-trial"  # arbeidsutprøving
    WORK_TRAINING = "work-training"  # arbeidstrening / aktivitet
    VTA = "vta"  # varig tilrettelagt arbeid, sheltered
    VTA_O = "vta-o"  # varig tilrettelagt arbeid in ordinary business
    CARE_ASSISTANT = "care-assistant"  # omsorgsmedhjelper
    FOLLOW_UP = "follow-up"  # oppfølging
    ENDED = "ended"  # avsluttet, with a reason


STAGE_NAMES: dict[Stage, str] = {
    Stage.APPROACH: N_("Tilnærming"),
    Stage.MAPPING: N_("Kartlegging"),
    Stage.WORK_TRIAL: N_("Arbeidsutprøving"),
    Stage.WORK_TRAINING: N_("Arbeidstrening/aktivitet"),
    Stage.VTA: N_("VTA"),
    Stage.VTA_O: N_("VTA-O"),
    Stage.CARE_ASSISTANT: N_("Omsorgsmedhjelper"),
    Stage.FOLLOW_UP: N_("Oppfølging"),
    Stage.ENDED: N_("Avsluttet"),
}

# Places NAV grants: applying and being granted are two facts.
GRANTED_BY_NAV = frozenset({Stage.VTA, Stage.VTA_O, Stage.CARE_ASSISTANT})


class EndReason(StrEnum):
    ORDINARY_WORK = "ordinary-work"
    EDUCATION = "education"
    OTHER_SERVICE = "other-service"
    OWN_WISH = "own-wish"
    HEALTH = "health"
    MOVED = "moved"
    NO_CONTACT = "no-contact"
    OTHER = "other"


END_REASON_NAMES: dict[EndReason, str] = {
    EndReason.ORDINARY_WORK: N_("Fikk ordinært arbeid"),
    EndReason.EDUCATION: N_("Begynte på utdanning"),
    EndReason.OTHER_SERVICE: N_("Fikk et annet tilbud"),
    EndReason.OWN_WISH: N_("Eget ønske"),
    EndReason.HEALTH: N_("Helse"),
    EndReason.MOVED: N_("Flyttet"),
    EndReason.NO_CONTACT: N_("Ikke lenger kontakt"),
    EndReason.OTHER: N_("Annet"),
}


class Referrer(StrEnum):
    """Who brought the candidate to the coordinators (seed 002's list)."""

    MENTAL_HEALTH = "mental-health"
    HOME_SERVICES = "home-services"
    HEALTH_INSTITUTION = "health-institution"
    CRISIS_CENTRE = "crisis-centre"
    SCHOOL = "school"
    NAV = "nav"
    SELF = "self"
    RELATIVE = "relative"
    OTHER = "other"


REFERRER_NAMES: dict[Referrer, str] = {
    Referrer.MENTAL_HEALTH: N_("Psykisk helse"),
    Referrer.HOME_SERVICES: N_("Hjemmetjenester"),
    Referrer.HEALTH_INSTITUTION: N_("Helseinstitusjon"),
    Referrer.CRISIS_CENTRE: N_("Krisesenter"),
    Referrer.SCHOOL: N_("Skole"),
    Referrer.NAV: N_("NAV"),
    Referrer.SELF: N_("Selv"),
    Referrer.RELATIVE: N_("Pårørende"),
    Referrer.OTHER: N_("Annen"),
}


@dataclass(frozen=True, slots=True)
class Position:
    """Where a candidate stands: a stage, and for a place NAV grants, whether it is
    only applied for (pending)."""

    stage: Stage
    pending: bool = False


@dataclass(frozen=True, slots=True)
class Move:
    to: Position
    on: date
    reason: EndReason | None = None


def check_move(current: Position | None, since: date | None, move: Move, today: date) -> None:
    """Refuse a move that cannot be: raises `RuleError` with the reason, else returns.

    - pending only for a place NAV grants;
    - ending needs a reason, and only ending takes one;
    - not dated in the future, nor before the current stage began;
    - no move to where the candidate already stands;
    - an ended pathway is reopened only at approach or mapping.
    """
    target = move.to
    if target.pending and target.stage not in GRANTED_BY_NAV:
        raise RuleError(
            N_("Bare en plass NAV innvilger kan være søkt om: {stage}"),
            stage=Msgid(STAGE_NAMES[target.stage]),
        )
    if target.stage is Stage.ENDED and move.reason is None:
        raise RuleError(N_("Velg hvorfor løpet avsluttes"))
    if target.stage is not Stage.ENDED and move.reason is not None:
        raise RuleError(N_("Bare et avsluttet løp har en årsak"))
    if move.on > today:
        raise RuleError(N_("Datoen kan ikke være fram i tid: {day}"), day=move.on)
    if since is not None and move.on < since:
        raise RuleError(N_("Datoen kan ikke være før forrige trinn begynte ({day})"), day=since)
    if current == target:
        raise RuleError(
            N_("Kandidaten står allerede på trinnet {stage}"),
            stage=Msgid(STAGE_NAMES[target.stage]),
        )
    if (
        current is not None
        and current.stage is Stage.ENDED
        and target.stage not in (Stage.APPROACH, Stage.MAPPING)
    ):
        raise RuleError(N_("Et avsluttet løp tas opp igjen med tilnærming eller kartlegging"))


def position_at(history: list[tuple[date, Position]], day: date) -> Position | None:
    """The position on `day` from a dated history (any order): the last change on or
    before it; None before the first."""
    found: tuple[date, Position] | None = None
    for on, position in sorted(history, key=lambda change: change[0]):
        if on > day:
            break
        found = (on, position)
    return found[1] if found else None


def parse_stage(text: str) -> Stage:
    """A stage from its plain key (`vta-o`), as the command line and forms send it."""
    try:
        return Stage(text.strip().lower())
    except ValueError:
        raise RuleError(
            N_("Ukjent trinn: {stage}. Bruk en av: {keys}"),
            stage=text,
            keys=", ".join(s.value for s in Stage),
        ) from None


# -- the target group (seed 002: "uføretrygd", "Aldersgruppe: 18-67 år") ------------------

TARGET_AGE_FROM = 18
TARGET_AGE_UNTIL = (
    67  # the service ends on the 67th birthday (domain: "until the participant turns 67")
)


def in_target_age(birth_date: date | None, day: date) -> bool | None:
    """Whether a candidate is within the target group's ages on `day`: from the 18th
    birthday up to the day before the 67th. None when the birth date is not known."""
    if birth_date is None:
        return None
    return TARGET_AGE_FROM <= age_on(birth_date, day) < TARGET_AGE_UNTIL


class Benefit(StrEnum):
    """Uføretrygd as the coordinators know it: yes, no or not known; on AAP a candidate
    is asked to come back when uføretrygd is granted, and is kept as waiting."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


BENEFIT_NAMES: dict[Benefit, str] = {
    Benefit.YES: N_("Ja"),
    Benefit.NO: N_("Nei"),
    Benefit.UNKNOWN: N_("Vet ikke"),
}
BENEFIT_OF: dict[bool | None, Benefit] = {
    True: Benefit.YES,
    False: Benefit.NO,
    None: Benefit.UNKNOWN,
}
BENEFIT_VALUE: dict[Benefit, bool | None] = {v: k for k, v in BENEFIT_OF.items()}


def waits_for_benefit(disability_benefit: bool | None, on_aap: bool) -> bool:
    """On AAP and without uføretrygd (yet): waiting, not lost. Uføretrygd granted ends
    the wait."""
    return on_aap and disability_benefit is not True


# -- consent and what a business may be told (seed 002: "Vi legger frem saken anonymt") --


@dataclass(frozen=True, slots=True)
class Consent:
    """The consent form (samtykkeskjema) as recorded."""

    on: date | None = None
    names_to_businesses: bool = False
    withdrawn_on: date | None = None


def names_allowed(consent: Consent, day: date) -> bool:
    """The name may go to a business on `day` only under a consent given by then that
    allows it, and never once it is withdrawn: a withdrawal stops naming at once."""
    if consent.on is None or consent.on > day or not consent.names_to_businesses:
        return False
    return consent.withdrawn_on is None


def check_consent(consent: Consent, today: date) -> None:
    """A consent is dated, not in the future; a withdrawal comes after it, not ahead."""
    if consent.on is None:
        raise RuleError(N_("Skriv datoen samtykket ble gitt"))
    if consent.on > today:
        raise RuleError(N_("Datoen kan ikke være fram i tid: {day}"), day=consent.on)
    if consent.withdrawn_on is not None:
        if consent.withdrawn_on > today:
            raise RuleError(N_("Datoen kan ikke være fram i tid: {day}"), day=consent.withdrawn_on)
        if consent.withdrawn_on < consent.on:
            raise RuleError(
                N_("Samtykket kan ikke trekkes før det ble gitt ({day})"), day=consent.on
            )


@dataclass(frozen=True, slots=True)
class BusinessView:
    """What a business is told about a candidate: a name only when consent allows it,
    an age (never the birth date), and the wishes in general words."""

    name: str | None
    age: int | None
    wishes: str | None

    @property
    def named(self) -> bool:
        return self.name is not None


def business_view(
    name: str, birth_date: date | None, wishes: str | None, consent: Consent, day: date
) -> BusinessView:
    return BusinessView(
        name if names_allowed(consent, day) else None,
        age_on(birth_date, day) if birth_date is not None else None,
        " ".join(wishes.split()) if wishes and wishes.strip() else None,
    )


# -- becoming a participant ---------------------------------------------------------------

# The programmes a candidate can start in, and the stage that start is on the pathway.
START_STAGES: dict[Programme, Stage] = {
    Programme.AOK: Stage.WORK_TRAINING,
    Programme.WORK_TRAINING: Stage.WORK_TRAINING,
    Programme.ACTIVITY_PLACE: Stage.WORK_TRAINING,
    Programme.VTA: Stage.VTA,
    Programme.VTA_O: Stage.VTA_O,
}


def suggested_programme(stage: Stage) -> Programme | None:
    """The programme the start form offers first for a candidate standing in `stage`: the
    place NAV granted (VTA, VTA-O), so starting does not move them off it unawares; None
    leaves the form's own order (AoK first)."""
    return {Stage.VTA: Programme.VTA, Stage.VTA_O: Programme.VTA_O}.get(stage)


def start_position(programme: Programme, current: Position) -> Position | None:
    """Where a candidate who starts in `programme` moves: the matching stage, granted
    (None when they stand there already, granted: no move, the count stays in that
    stage); refused for an ended pathway or a programme the pathway does not lead to."""
    stage = START_STAGES.get(programme)
    if stage is None:
        raise RuleError(
            N_("En kandidat kan begynne i AoK, VTA, VTA-O, arbeidstrening eller aktivitetsplass")
        )
    if current.stage is Stage.ENDED:
        raise RuleError(N_("Et avsluttet løp tas opp igjen med tilnærming eller kartlegging"))
    target = Position(stage)
    if current == target:
        return None
    return target
