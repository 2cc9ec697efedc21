"""The OpenAPI 3.1 document of /api/, written by hand next to the routes it describes.

tests/web/test_api_schema.py checks that every /api/ route is documented and runs
schemathesis against a live server with this document.
"""

from __future__ import annotations

from typing import Any

STR = {"type": "string"}
NSTR = {"type": ["string", "null"]}
DATE = {"type": "string", "format": "date"}
NDATE = {"type": ["string", "null"], "format": "date"}
INT = {"type": "integer"}
NINT = {"type": ["integer", "null"]}
BOOL = {"type": "boolean"}
FILE = {"type": "string", "format": "binary"}
CRITERION_STATE = {
    "type": ["boolean", "null"],
    "description": "true: met, false: not met, null: not assessed",
}
CRITERIA = {
    "type": "object",
    "description": (
        "Eligibility criteria by key (the participant's programme's: for AoK "
        "lives_in_municipality, wants_service, needs_day_adaptation, "
        "multidisciplinary_assessment, can_work_in_group, no_heavy_shielding_need, "
        "full_disability_benefit)"
    ),
    "additionalProperties": CRITERION_STATE,
    "example": {"wants_service": True, "can_work_in_group": None},
}

READ_ALOUD = {
    "type": "boolean",
    "description": '"🔊 Les opp": the bot\'s answers to the participant also come as voice notes',
}
VOICE = {
    "type": "object",
    "required": ["language", "available"],
    "properties": {
        "language": {
            **NSTR,
            "description": (
                "the language of the participant's own chat, which voice notes are said in; "
                "null: no chat with the bot yet"
            ),
        },
        "available": {
            "type": ["boolean", "null"],
            "description": (
                "whether that language has a voice (Somali has none: no voice notes); "
                "null: not known without a chat"
            ),
        },
    },
}

CLASS_YEAR = {"type": "string", "enum": ["vg1", "vg2", "vg3"]}
NEEDS = {
    "type": "array",
    "items": {"type": "string", "enum": ["aok", "vta", "work-training"]},
    "description": "services the pupil may need later",
}


def _obj(required: list[str], **props: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": props}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERROR = _json(_ref("Error"), "Refused")
SIGNED = {
    "401": ERROR | {"description": "Not signed in"},
    "403": ERROR | {"description": "Not allowed for this role, or a bad CSRF token"},
}


def _get(
    summary: str, schema: dict[str, Any], params: list[dict[str, Any]] | None = None, **extra: Any
) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary,
        "responses": {"200": _json(schema), **SIGNED, **extra},
    }
    if params:
        op["parameters"] = params
    return op


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def _path(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": schema}


STAGES = [
    "approach", "mapping", "work-trial", "work-training", "vta", "vta-o", "care-assistant",
    "follow-up", "ended",
]  # fmt: skip
REFERRERS = [
    "mental-health", "home-services", "health-institution", "crisis-centre", "school", "nav",
    "self", "relative", "other",
]  # fmt: skip
END_REASONS = [
    "ordinary-work", "education", "other-service", "own-wish", "health", "moved", "no-contact",
    "other",
]  # fmt: skip


def _body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


MONTH = _query(
    "month", {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}, "YYYY-MM; default this month"
)
BAD = {"400": ERROR}
VTA_STEPS = ["interested", "qualification", "applied", "granted", "started", "left"]
NOT_FOUND = {"404": ERROR | {"description": "Not found in your unit"}}

SCHEMAS: dict[str, Any] = {
    "Error": _obj(["error"], error=STR),
    "Session": _obj(
        ["access_token", "token_type", "expires_at", "csrf_token"],
        access_token=STR,
        token_type={"type": "string", "enum": ["bearer"]},
        expires_at=STR,
        csrf_token=STR,
    ),
    "Me": _obj(
        ["code", "name", "role", "unit", "expires_at"],
        code=STR,
        name=STR,
        role={"type": "string", "enum": ["contact", "leader", "coordinator"]},
        unit=STR,
        expires_at=STR,
    ),
    "Unit": _obj(
        ["code", "name"],
        code=STR,
        name=STR,
        phone=NSTR,
        nav_contact_name=NSTR,
        nav_email=NSTR,
        nav_leader_email=NSTR,
        transport_email=NSTR,
        places=NINT,
        opening_hours={"type": "object"},
        cafe_hours={"type": "object"},
        cafe_opens_on=NDATE,
        fellesferie_weeks={"type": "array", "items": INT},
    ),
    "Participant": _obj(
        [
            "code",
            "name",
            "birth_date",
            "programme",
            "weekdays",
            "day_start",
            "day_end",
            "active",
            "read_aloud",
            "voice",
        ],
        code=STR,
        name=STR,
        birth_date=DATE,
        programme=STR,
        weekdays={"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 7}},
        day_start=STR,
        day_end=STR,
        contact=NSTR,
        transport=BOOL,
        active=BOOL,
        decision_start=NDATE,
        decision_end=NDATE,
        next_evaluation=NDATE,
        criteria=CRITERIA,
        read_aloud=READ_ALOUD,
        voice=VOICE,
    ),
    "NewParticipant": _obj(
        ["code", "name", "birth_date", "weekdays", "hours", "contact"],
        code={"type": "string", "example": "P12"},
        name={"type": "string", "example": "Kari Nordmann"},
        birth_date={"type": "string", "example": "1990-04-12"},
        weekdays={"type": "string", "example": "man,ons,fre"},
        hours={"type": "string", "example": "09:00-14:00"},
        contact={"type": "string", "example": "S1"},
        programme={
            "type": "string",
            "enum": ["aok", "vta", "vta-o", "kvp", "work-training", "activity-place"],
        },
        transport=BOOL,
        criteria=CRITERIA,
    ),
    "CriteriaChange": _obj(["criteria"], criteria=CRITERIA),
    "ReadAloudChange": _obj(["read_aloud"], read_aloud=READ_ALOUD),
    "ReadAloudSet": _obj(
        ["participant", "read_aloud", "changed", "told", "voice"],
        participant=STR,
        read_aloud=READ_ALOUD,
        changed={**BOOL, "description": "false: it was so already (nothing audited, nobody told)"},
        told={
            **INT,
            "minimum": 0,
            "description": (
                "the participant's own chats told of the change (not before 08:00); "
                "0: no chat with the bot, or nothing changed"
            ),
        },
        voice=VOICE,
    ),
    "CriteriaRecorded": _obj(
        ["participant", "changed", "criteria", "open", "told", "not_told"],
        participant=STR,
        changed={
            "type": "array",
            "items": _obj(
                ["criterion", "old", "new"], criterion=STR, old=CRITERION_STATE, new=CRITERION_STATE
            ),
        },
        criteria=CRITERIA,
        open={"type": "array", "items": STR, "description": "criteria not yet assessed"},
        told={
            "type": "array",
            "items": STR,
            "description": "staff told at once that a criterion is not met",
        },
        not_told={
            "type": "array",
            "items": STR,
            "description": "staff who should have been told but have no chat or e-mail",
        },
    ),
    "Intake": _obj(
        [
            "id",
            "participant",
            "referred_on",
            "counsellor",
            "contact",
            "conversation_on",
            "with_nav",
            "programme",
            "agreement_start",
            "agreement_end",
            "weekdays",
            "hours",
            "purpose",
            "first_list",
            "first_evaluation",
        ],
        id=INT,
        participant=STR,
        referred_on=DATE,
        counsellor=STR,
        contact=NSTR,
        conversation_on=DATE,
        with_nav=BOOL,
        programme=STR,
        agreement_start=DATE,
        agreement_end=DATE,
        weekdays={"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 7}},
        hours=STR,
        purpose=STR,
        first_list=DATE,
        first_evaluation=DATE,
    ),
    "NewIntake": _obj(
        [
            "participant",
            "referred_on",
            "counsellor",
            "contact",
            "conversation_on",
            "agreement_start",
            "agreement_end",
            "weekdays",
            "hours",
            "purpose",
            "first_list",
            "first_evaluation",
        ],
        participant={"type": "string", "example": "P12", "description": "the participant's id"},
        new_participant={
            **_obj(
                ["name", "birth_date"],
                name=STR,
                birth_date={"type": "string", "example": "1995-06-01"},
            ),
            "description": "a participant not registered yet: registered with the intake",
        },
        referred_on={"type": "string", "example": "2026-03-02", "description": "NAV's referral"},
        counsellor={
            "type": "string",
            "example": "Nina Veileder",
            "description": "NAV's counsellor",
        },
        contact={"type": "string", "example": "S1", "description": "the contact person appointed"},
        conversation_on={"type": "string", "example": "2026-03-10"},
        with_nav={**BOOL, "description": "NAV took part in the intake conversation"},
        programme={"type": "string", "enum": ["work-training", "activity-place"]},
        agreement_start={"type": "string", "example": "2026-03-16"},
        agreement_end={"type": "string", "example": "2026-09-15"},
        weekdays={"type": "string", "example": "1,3,5"},
        hours={"type": "string", "example": "09:00-15:00"},
        purpose=STR,
        first_list={
            "type": "string",
            "example": "2026-03-30",
            "description": "first attendance list to NAV",
        },
        first_evaluation={"type": "string", "example": "2026-05-11"},
    ),
    "Evaluation": _obj(
        ["id", "participant", "held_on", "outcome", "next_evaluation"],
        id=INT,
        participant=STR,
        held_on=DATE,
        outcome={"type": "string", "enum": ["continue", "adjust", "end"]},
        next_evaluation=NDATE,
        note=NSTR,
    ),
    "NewEvaluation": _obj(
        ["held_on", "outcome"],
        held_on={"type": "string", "example": "2026-05-11"},
        outcome={"type": "string", "enum": ["continue", "adjust", "end"]},
        next_evaluation={
            "type": "string",
            "example": "2026-08-10",
            "description": "required unless the outcome is end",
        },
        note=STR,
    ),
    "Invite": _obj(
        ["id", "role", "for", "expires_at"],
        id=INT,
        role=STR,
        **{"for": STR},
        relative_name=NSTR,
        expires_at=STR,
        created_by=STR,
    ),
    "NewInvite": _obj(
        ["role", "for"],
        role={"type": "string", "enum": ["participant", "relative", "staff"]},
        **{"for": STR},
        relative_name=STR,
        days={"type": "integer", "minimum": 1, "maximum": 90},
    ),
    "IssuedInvite": _obj(["id", "code", "expires_at"], id=INT, code=STR, link=NSTR, expires_at=STR),
    "Absence": _obj(
        ["id", "participant", "day", "category", "late", "withdrawn", "has_note"],
        id=INT,
        participant=STR,
        day=DATE,
        category=STR,
        reporter_name=STR,
        late=BOOL,
        withdrawn=BOOL,
        has_note=BOOL,
    ),
    "AttendanceMonth": _obj(
        ["participant", "days"],
        participant=STR,
        days={
            "type": "array",
            "items": _obj(["day", "plan"], day=DATE, plan=STR, status=NSTR, hours=NSTR),
        },
    ),
    "Mark": _obj(
        ["status"],
        status={
            "type": "string",
            "enum": ["present", "absent_notified", "absent_unnotified", "closed"],
        },
        hours={"type": "string", "example": "4.75"},
        remark=STR,
        end_absence={
            **BOOL,
            "description": "present over a reported absence: the absence of that day ends "
            "(without it, such a day is refused with the question)",
        },
    ),
    "Marked": _obj(
        ["participant", "day", "status", "hours"], participant=STR, day=DATE, status=STR, hours=STR
    ),
    "PayrollLine": _obj(
        ["employee_no", "name", "days", "hours", "amount_ore"],
        employee_no=STR,
        name=STR,
        days=INT,
        hours=STR,
        amount_ore=INT,
    ),
    "Capacity": _obj(["active"], places=NINT, active=INT, free=NINT),
    "CandidateReport": _obj(
        ["unit", "from", "to", "total", "stages", "months", "days_in_stage", "funnel"],
        unit=STR,
        **{"from": DATE, "to": DATE},
        total={**INT, "description": "candidates registered by `to`: in place plus pending"},
        stages={
            "type": "array",
            "description": "every stage in pathway order, on `to`",
            "items": _obj(
                ["stage", "name", "count", "pending", "text"],
                stage={"type": "string", "enum": STAGES},
                name={**STR, "description": "the stage's name in the caller's language"},
                count={**INT, "description": "in place"},
                pending={**INT, "description": "applied for, not yet granted by NAV"},
                text={**STR, "description": "as the coordinators write it", "example": "4 (5)"},
            ),
        },
        months={
            "type": "array",
            "items": _obj(
                ["month", "entries", "exits"],
                month={"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
                entries={**INT, "description": "new candidates"},
                exits={**INT, "description": "moves to ended"},
            ),
        },
        days_in_stage={
            "type": "array",
            "description": (
                "median days per stage (ended has none) over the stays that ended in the "
                "range or still run on `to` (those measured up to `to`)"
            ),
            "items": _obj(
                ["stage", "median_days", "stays"],
                stage={"type": "string", "enum": STAGES},
                median_days={"type": ["number", "null"]},
                stays=INT,
            ),
        },
        funnel={
            "type": "array",
            "description": "how many ever reached each stage by `to`, in pathway order",
            "items": _obj(
                ["stage", "reached", "applied_only"],
                stage={"type": "string", "enum": STAGES},
                reached=INT,
                applied_only={**INT, "description": "applied for the place, never granted"},
            ),
        },
    ),
    "Due": _obj(
        ["due", "kind", "subject", "event_date", "nobody_can_receive"],
        due=DATE,
        kind=STR,
        subject=STR,
        event_date=DATE,
        nobody_can_receive={"type": "array", "items": STR},
    ),
    "Pupil": _obj(
        [
            "id",
            "name",
            "birth_date",
            "school",
            "class_year",
            "expected_end",
            "share_name",
            "needs",
            "registered_on",
            "became_participant",
            "became_candidate",
        ],
        id=INT,
        name=STR,
        birth_date=DATE,
        school=STR,
        class_year=CLASS_YEAR,
        expected_end=DATE,
        consent_given_on=NDATE,
        consent_withdrawn_on=NDATE,
        share_name=BOOL,
        needs=NEEDS,
        note=NSTR,
        registered_on=DATE,
        ended_on=NDATE,
        became_participant=BOOL,
        became_candidate=BOOL,
    ),
    "PupilFields": _obj(
        ["name", "birth_date", "school", "class_year"],
        name={"type": "string", "example": "Ada Elev"},
        birth_date={"type": "string", "example": "2009-03-10"},
        school={"type": "string", "example": "Thor Heyerdahl vgs"},
        class_year={"type": "string", "example": "Vg2"},
        expected_end={
            "type": ["string", "null"],
            "example": "2028-06-20",
            "description": "default: the end of Vg3",
        },
        consent_given_on={"type": ["string", "null"], "example": "2026-08-25"},
        consent_withdrawn_on={"type": ["string", "null"]},
        share_name={
            **BOOL,
            "description": "the guardian allows the name at the status meeting (NAV, iVekst)",
        },
        needs=NEEDS,
        note={
            "type": ["string", "null"],
            "description": "resources and challenges in general words, no diagnosis (500)",
        },
    ),
    "PupilDecision": _obj(
        ["code", "weekdays", "hours", "contact"],
        code={"type": "string", "example": "P12"},
        weekdays={"type": "string", "example": "man,ons,fre"},
        hours={"type": "string", "example": "09:00-14:00"},
        contact={"type": "string", "example": "S1"},
        programme={
            "type": "string",
            "enum": ["aok", "vta", "vta-o", "kvp", "work-training", "activity-place"],
        },
        transport=BOOL,
        criteria=CRITERIA,
    ),
    "PupilOverview": _obj(
        ["day", "total", "schools", "by_year", "needs", "no_needs", "turning_18"],
        day=DATE,
        total=INT,
        schools={
            "type": "array",
            "items": _obj(
                ["school", "by_year", "total"],
                school=STR,
                by_year={"type": "object", "additionalProperties": INT},
                total=INT,
            ),
        },
        by_year={"type": "object", "additionalProperties": INT},
        needs={"type": "object", "additionalProperties": INT},
        no_needs=INT,
        turning_18={
            "type": "array",
            "description": "turn 18 within six months of the day; name and birthday only "
            "where the guardian's consent allows, else null",
            "items": _obj(
                ["class_year", "school", "name", "birthday"],
                class_year=CLASS_YEAR,
                school=STR,
                name=NSTR,
                birthday=NDATE,
            ),
        },
    ),
    "KvpApplication": _obj(
        ["id", "name", "birth_date", "step", "received_on", "periods"],
        id=INT,
        name=STR,
        birth_date=DATE,
        counsellor=NSTR,
        step={
            "type": "string",
            "enum": ["received", "assessed", "approved", "refused", "started"],
            "description": "received → assessed (AEV done) → approved or refused → started",
        },
        received_on=DATE,
        aev_on=NDATE,
        decided_on=NDATE,
        approved={"type": ["boolean", "null"], "description": "null until decided"},
        refusal_reason=NSTR,
        started_on=NDATE,
        participant=NSTR,
        days_waiting={
            "type": ["integer", "null"],
            "description": "days since the AEV (else since received) while there is no decision",
        },
        deadline={
            **NDATE,
            "description": "the decision (3 weeks), the start (6 months after approval), "
            "or the renewal (the latest period's end)",
        },
        periods={
            "type": "array",
            "items": _obj(["starts_on", "ends_on"], starts_on=DATE, ends_on=DATE),
        },
    ),
    "NewKvpApplication": _obj(
        ["name", "birth_date", "received_on"],
        name={"type": "string", "example": "Nora Berg"},
        birth_date={"type": "string", "example": "1995-05-06"},
        received_on={"type": "string", "example": "2026-03-02"},
        counsellor={
            "type": "string",
            "example": "S1",
            "description": "staff id of the KVP counsellor; a contact person is always their own",
        },
    ),
    "AuditEvent": _obj(
        ["id", "at", "actor", "action", "subject"],
        id=INT,
        at=STR,
        actor=STR,
        action=STR,
        subject=STR,
        detail={"type": "object"},
    ),
    "VtaPath": _obj(
        ["participant", "step", "since", "reason", "history"],
        participant=STR,
        step={**NSTR, "description": "null: not on the path"},
        since=NDATE,
        reason=NSTR,
        history={
            "type": "array",
            "items": _obj(["step", "on", "actor"], step=STR, on=DATE, reason=NSTR, actor=STR),
        },
    ),
    "VtaStepMove": _obj(
        ["step"],
        step={"type": "string", "enum": VTA_STEPS},
        on={**DATE, "description": "the day of the step; default today"},
        reason={"type": "string", "maxLength": 200, "description": "only with step left"},
    ),
    "VtaOnPath": _obj(
        ["counts", "participants"],
        counts={"type": "object", "additionalProperties": INT, "description": "per step"},
        participants={
            "type": "array",
            "items": _obj(
                ["code", "name", "step", "since"],
                code=STR,
                name=STR,
                step=STR,
                since=DATE,
                reason=NSTR,
            ),
        },
    ),
    "VtaPlacesRecord": _obj(
        ["id", "on", "count"], id=INT, on=DATE, count=INT, where=NSTR, note=NSTR
    ),
    "NewVtaPlaces": _obj(
        ["count"],
        on={**DATE, "description": "default today"},
        count={"type": "integer", "minimum": 1, "maximum": 480},
        where={"type": "string", "maxLength": 200, "description": "workplace or employer"},
        note={"type": "string", "maxLength": 1000},
    ),
    "VtaPlan": _obj(
        ["target", "start", "end", "created", "planned", "difference", "quarters", "records"],
        target=INT,
        start=DATE,
        end=DATE,
        created=INT,
        planned={**INT, "description": "whole places the straight line has reached today"},
        difference={**INT, "description": "created - planned: above zero ahead, below behind"},
        quarters={
            "type": "array",
            "items": _obj(
                ["year", "quarter", "created", "cumulative", "plan", "difference"],
                year=INT,
                quarter=INT,
                created=INT,
                cumulative={**NINT, "description": "null for a quarter not yet begun"},
                plan=INT,
                difference=NINT,
            ),
        },
        records={"type": "array", "items": _ref("VtaPlacesRecord")},
    ),
    # -- candidates on the pathway before a place --
    "Candidate": _obj(
        ["code", "name", "stage", "pending", "stage_since"],
        code=STR,
        name=STR,
        birth_date=NDATE,
        in_target_age={
            "type": ["boolean", "null"],
            "description": "18 to the day before 67 today; null when the birth date is unknown",
        },
        referred_by=STR,
        follower=NSTR,
        stage={"type": "string", "enum": STAGES},
        pending={**BOOL, "description": "applied for, not yet granted by NAV"},
        stage_since=DATE,
        end_reason=NSTR,
        disability_benefit={"type": ["boolean", "null"], "description": "uføretrygd"},
        waiting_for_benefit={**BOOL, "description": "on AAP, waiting for uføretrygd"},
        consent_on=NDATE,
        consent_names_to_businesses=BOOL,
        consent_withdrawn_on=NDATE,
        mapping_on=NDATE,
        next_step_on=NDATE,
        follow_up_on=NDATE,
        evaluation_on=NDATE,
        participant={**NSTR, "description": "the participant's code once they started"},
        history={
            "type": "array",
            "items": _obj(
                ["stage", "pending", "on"],
                stage=STR,
                pending=BOOL,
                on=DATE,
                end_reason=NSTR,
            ),
        },
    ),
    "NewCandidate": _obj(
        ["code", "name"],
        code={"type": "string", "example": "K12"},
        name={"type": "string", "example": "Jonas Lie"},
        birth_date={"type": "string", "example": "1992-01-15"},
        referred_by={"type": "string", "enum": REFERRERS},
        follower={
            "type": "string",
            "example": "S1",
            "description": "staff id (not for contact persons: they follow their own)",
        },
        stage={"type": "string", "enum": STAGES},
    ),
    "CandidateMove": _obj(
        ["to"],
        to={"type": "string", "enum": STAGES},
        pending={**BOOL, "description": "applied for (VTA, VTA-O, care-assistant only)"},
        on={"type": "string", "example": "2026-04-07", "description": "default today"},
        reason={"type": "string", "enum": END_REASONS, "description": "required to end"},
    ),
}


def _list(name: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(name)}


PATHS: dict[str, Any] = {
    "/api/openapi.json": {
        "get": {
            "summary": "This document",
            "security": [],
            "responses": {"200": _json({"type": "object"})},
        }
    },
    "/api/sessions": {
        "post": {
            "summary": "Exchange a one-time login token (from the bot's /login) for a bearer token",
            "security": [],
            "requestBody": _body(_obj(["token"], token=STR)),
            "responses": {
                "201": _json(_ref("Session"), "Signed in"),
                "400": ERROR,
                "403": ERROR | {"description": "Unknown, used or expired token"},
                "429": ERROR
                | {
                    "description": "Too many refused sign-ins from this address: wait (Retry-After)"
                },
            },
        }
    },
    "/api/me": {"get": _get("Who is signed in", _ref("Me"))},
    "/api/unit": {"get": _get("Your unit", _ref("Unit"))},
    "/api/participants": {
        "get": _get(
            "Participants of your unit",
            _list("Participant"),
            [
                _query("q", STR, "name or id contains"),
                _query("ended", {"type": "string", "enum": ["true", "false"]}, "include ended"),
            ],
        ),
        "post": {
            "summary": "Register a participant and their decision",
            "requestBody": _body(_ref("NewParticipant")),
            "responses": {"201": _json(_ref("Participant"), "Registered"), **BAD, **SIGNED},
        },
    },
    "/api/participants/{code}": {
        "get": _get("One participant", _ref("Participant"), [_path("code", STR)], **NOT_FOUND)
    },
    "/api/participants/{code}/criteria": {
        "patch": {
            "summary": "Record eligibility criteria (each change audited)",
            "description": (
                "Only the criteria named change. A criterion that becomes not met once the "
                "decision is in force (its start date is today or earlier) is told at once "
                "to the unit's coordinators (else its leaders), by Telegram or e-mail."
            ),
            "parameters": [_path("code", STR)],
            "requestBody": _body(_ref("CriteriaChange")),
            "responses": {
                "200": _json(_ref("CriteriaRecorded"), "Recorded"),
                **BAD,
                **NOT_FOUND,
                **SIGNED,
            },
        }
    },
    "/api/participants/{code}/read-aloud": {
        "patch": {
            "summary": 'Turn "🔊 Les opp" on or off for a participant (audited)',
            "description": (
                "As on the participant's page: their own contact person, or a leader or "
                "coordinator of the unit. A change is told to the participant's own chats "
                "(not a relative's), in the chat's language, never at night."
            ),
            "parameters": [_path("code", STR)],
            "requestBody": _body(_ref("ReadAloudChange")),
            "responses": {
                "200": _json(_ref("ReadAloudSet"), "Saved"),
                **BAD,
                **NOT_FOUND,
                **SIGNED,
            },
        }
    },
    "/api/intakes": {
        "post": {
            "summary": "Record an intake with NAV (audited)",
            "description": (
                "The referral, the contact person, the intake conversation and the agreement "
                "(work training or an activity place). Sets the participant's decision, contact "
                "person, first attendance-list date and first evaluation date, which drive the "
                "reminders. With `new_participant` the participant is registered too."
            ),
            "requestBody": _body(_ref("NewIntake")),
            "responses": {"201": _json(_ref("Intake"), "Recorded"), **BAD, **SIGNED},
        }
    },
    "/api/participants/{code}/intakes": {
        "get": _get(
            "A participant's intakes, newest first",
            _list("Intake"),
            [_path("code", STR)],
            **NOT_FOUND,
        )
    },
    "/api/participants/{code}/evaluations": {
        "get": _get(
            "A participant's evaluation conversations, newest first",
            _list("Evaluation"),
            [_path("code", STR)],
            **NOT_FOUND,
        ),
        "post": {
            "summary": "Record an evaluation conversation (audited)",
            "description": (
                "Sets the participant's next evaluation date (none when the outcome is end). "
                "A contact person records evaluations of their own participants only."
            ),
            "parameters": [_path("code", STR)],
            "requestBody": _body(_ref("NewEvaluation")),
            "responses": {
                "201": _json(_ref("Evaluation"), "Recorded"),
                **BAD,
                **NOT_FOUND,
                **SIGNED,
            },
        },
    },
    "/api/invites": {
        "get": _get("Open invites", _list("Invite")),
        "post": {
            "summary": "Create an invite; the code is shown only in this answer",
            "requestBody": _body(_ref("NewInvite")),
            "responses": {"201": _json(_ref("IssuedInvite"), "Created"), **BAD, **SIGNED},
        },
    },
    "/api/invites/{id}/revoke": {
        "post": {
            "summary": "Revoke an unused invite",
            "parameters": [_path("id", INT)],
            "responses": {
                "200": _json(_obj(["id", "revoked"], id=INT, revoked=BOOL)),
                "409": ERROR,
                **NOT_FOUND,
                **SIGNED,
            },
        }
    },
    "/api/absences": {
        "get": _get(
            "Reported absences (without the private notes)",
            _list("Absence"),
            [
                _query("from", DATE, "first day; default today"),
                _query("to", DATE, "last day; default from + 28 days"),
            ],
            **BAD,
        )
    },
    "/api/attendance": {
        "get": _get("The unit's attendance month", _list("AttendanceMonth"), [MONTH], **BAD)
    },
    "/api/attendance/{code}/{day}": {
        "put": {
            "summary": "Confirm or correct one day (audited)",
            "parameters": [_path("code", STR), _path("day", DATE)],
            "requestBody": _body(_ref("Mark")),
            "responses": {"200": _json(_ref("Marked")), **BAD, **NOT_FOUND, **SIGNED},
        }
    },
    "/api/payroll": {"get": _get("Payroll lines of a month", _list("PayrollLine"), [MONTH], **BAD)},
    "/api/attendance-lists/{code}": {
        "get": {
            "summary": "A participant's attendance list for NAV (frammøteliste) as a file (audited)",
            "description": (
                "Without `from` and `to`: the participant's latest NAV fortnight when NAV "
                "follows them, else the last 14 days. At most 400 days."
            ),
            "parameters": [
                _path("code", STR),
                _query("from", DATE, "first day"),
                _query("to", DATE, "last day"),
                _query("format", {"type": "string", "enum": ["pdf", "csv"]}, "default pdf"),
            ],
            "responses": {
                "200": {
                    "description": "The file, with its name in Content-Disposition",
                    "headers": {"Content-Disposition": {"schema": STR}},
                    "content": {
                        "application/pdf": {"schema": FILE},
                        "text/csv": {"schema": FILE},
                    },
                },
                **BAD,
                **NOT_FOUND,
                **SIGNED,
            },
        }
    },
    "/api/capacity": {"get": _get("Places, active participants, free places", _ref("Capacity"))},
    "/api/reports/candidates": {
        "get": _get(
            "The coordinators' report: candidates per stage (pending apart), entries and exits "
            "per month, median days per stage, the funnel",
            _ref("CandidateReport"),
            [
                _query("from", DATE, "first day; default twelve months back from `to`"),
                _query("to", DATE, "last day, the day counted; default today"),
            ],
            **BAD,
        )
    },
    "/api/deadlines": {
        "get": _get(
            "What is due in the coming weeks",
            _list("Due"),
            [_query("weeks", {"type": "integer", "minimum": 1, "maximum": 26}, "default 8")],
        )
    },
    "/api/pupils": {
        "get": _get(
            "The pupil register (pupils are not participants)",
            _list("Pupil"),
            [
                _query("school", STR, "this school only"),
                _query("year", CLASS_YEAR, "this class year only"),
                _query("ended", {"type": "string", "enum": ["true", "false"]}, "include ended"),
            ],
        ),
        "post": {
            "summary": "Register a pupil (coordinator; audited)",
            "requestBody": _body(_ref("PupilFields")),
            "responses": {"201": _json(_ref("Pupil"), "Registered"), **BAD, **SIGNED},
        },
    },
    "/api/pupils/{id}": {
        "get": _get("One pupil", _ref("Pupil"), [_path("id", INT)], **NOT_FOUND),
        "put": {
            "summary": "Change a pupil: every field as the form holds it (audited)",
            "parameters": [_path("id", INT)],
            "requestBody": _body(_ref("PupilFields")),
            "responses": {"200": _json(_ref("Pupil")), **BAD, **NOT_FOUND, **SIGNED},
        },
    },
    "/api/pupils/{id}/end": {
        "post": {
            "summary": "End a pupil's entry (audited); deleted 12 months later",
            "parameters": [_path("id", INT)],
            "requestBody": _body(_obj([], ended_on={**NDATE, "description": "default today"})),
            "responses": {"200": _json(_ref("Pupil")), **BAD, **NOT_FOUND, **SIGNED},
        }
    },
    "/api/pupils/{id}/participant": {
        "post": {
            "summary": "A pupil who finishes school becomes a participant (audited)",
            "description": (
                "Only the decision is given: the name, the birth date and the unit are the "
                "pupil's. The pupil's entry ends today and links to the participant."
            ),
            "parameters": [_path("id", INT)],
            "requestBody": _body(_ref("PupilDecision")),
            "responses": {
                "201": _json(_ref("Participant"), "Registered"),
                **BAD,
                **NOT_FOUND,
                **SIGNED,
            },
        }
    },
    "/api/pupils/{id}/candidate": {
        "post": {
            "summary": "A pupil who finishes school becomes a candidate, referred by the school",
            "parameters": [_path("id", INT)],
            "requestBody": _body(
                _obj(
                    ["code"],
                    code={"type": "string", "example": "K12"},
                    stage={"type": "string", "enum": ["approach", "mapping"]},
                    follower={"type": "string", "example": "S1"},
                )
            ),
            "responses": {
                "201": _json(
                    _obj(
                        ["code", "name", "referred_by", "stage"],
                        code=STR,
                        name=STR,
                        birth_date=NDATE,
                        referred_by=STR,
                        stage=STR,
                    ),
                    "Registered",
                ),
                **BAD,
                **NOT_FOUND,
                **SIGNED,
            },
        }
    },
    "/api/pupils/overview": {
        "get": _get(
            "The status meeting's overview (January, September)",
            _ref("PupilOverview"),
            [_query("at", DATE, "the meeting's day; default the next status meeting")],
            **BAD,
        )
    },
    "/api/kvp": {
        "get": _get(
            "KVP applications (a contact person: those they follow)", _list("KvpApplication")
        ),
        "post": {
            "summary": "Register a KVP application (audited)",
            "requestBody": _body(_ref("NewKvpApplication")),
            "responses": {"201": _json(_ref("KvpApplication"), "Registered"), **BAD, **SIGNED},
        },
    },
    "/api/kvp/{id}": {
        "get": _get("One KVP application", _ref("KvpApplication"), [_path("id", INT)], **NOT_FOUND)
    },
    "/api/audit": {
        "get": _get(
            "The audit log, newest first",
            _list("AuditEvent"),
            [
                _query("action", STR, "action contains"),
                _query("before", INT, "events before this id"),
            ],
        )
    },
    "/api/vta": {
        "get": _get(
            "The joint path towards VTA: counts per step and who stands where", _ref("VtaOnPath")
        )
    },
    "/api/participants/{code}/vta": {
        "get": _get(
            "A participant's step on the path towards VTA, with its history",
            _ref("VtaPath"),
            [_path("code", STR)],
            **NOT_FOUND,
        ),
        "post": {
            "summary": "Move an AoK participant to a step of the path towards VTA (audited)",
            "description": (
                "Forward one or more steps (interested, qualification, applied, granted, "
                "started), never back; leaving (left) needs a short reason. Only an AoK "
                "participant joins. Not dated in the future, nor before the current step."
            ),
            "parameters": [_path("code", STR)],
            "requestBody": _body(_ref("VtaStepMove")),
            "responses": {"200": _json(_ref("VtaPath")), **BAD, **NOT_FOUND, **SIGNED},
        },
    },
    "/api/vta/places": {
        "get": _get("New VTA places per quarter against the straight-line plan", _ref("VtaPlan")),
        "post": {
            "summary": "Record new VTA places created (audited)",
            "requestBody": _body(_ref("NewVtaPlaces")),
            "responses": {"201": _json(_ref("VtaPlacesRecord"), "Recorded"), **BAD, **SIGNED},
        },
    },
    "/api/candidates": {
        "get": _get(
            "Candidates of your unit (a contact person: those they follow)",
            _list("Candidate"),
            [
                _query("stage", {"type": "string", "enum": STAGES}, "only this stage"),
                _query("follower", STR, "only those this staff id follows"),
                _query(
                    "waiting", {"type": "string", "enum": ["true", "false"]}, "only the waiting"
                ),
            ],
            **BAD,
        ),
        "post": {
            "summary": "Register a candidate at their first stage (approach unless said), today",
            "requestBody": _body(_ref("NewCandidate")),
            "responses": {"201": _json(_ref("Candidate"), "Registered"), **BAD, **SIGNED},
        },
    },
    "/api/candidates/{code}": {
        "get": _get(
            "One candidate with the stage history",
            _ref("Candidate"),
            [_path("code", STR)],
            **NOT_FOUND,
        )
    },
    "/api/candidates/{code}/stage": {
        "post": {
            "summary": "Move a candidate to a stage, or from applied to granted (kept in the history)",
            "parameters": [_path("code", STR)],
            "requestBody": _body(_ref("CandidateMove")),
            "responses": {"200": _json(_ref("Candidate"), "Moved"), **BAD, **NOT_FOUND, **SIGNED},
        }
    },
}


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Frammøte staff API",
            "version": "1",
            "description": "The staff web pages' data as JSON. Same roles and unit scope as the pages.",
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}, {"cookie": []}],
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "cookie": {"type": "apiKey", "in": "cookie", "name": "frammote_session"},
            },
        },
    }
