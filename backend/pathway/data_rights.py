"""A candidate's data rights (GDPR art. 15 and 17): export everything, or erase it.

    found = await export_candidate("K1", actor="cli", now=now)                # JSON + PDF, audited
    done = await erase_candidate("K1", "K1", actor="staff:S3", now=now)       # one transaction

A candidate is a person with the same rights as a participant. The command line
(`frammote candidates export|erase`) and the coordinator's candidate page both call these;
`unit_id` narrows the lookup to one unit (the web: nobody sees another unit).

Erasing deletes the candidate with their stage history, their presentations to businesses
and the pupil register's entry they came from. It is refused while the candidate is on
the pathway: end the pathway first, as a participant's service is ended before their
data is erased. The audit log is kept as it is and deleted after its own period.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tortoise.transactions import in_transaction

from backend.models import AuditEvent, Candidate, CandidateStage, Presentation, Pupil, Staff, Unit
from backend.pathway.candidates import subject
from backend.pathway.rules import Stage
from backend.people.data_export_pdf import Words, render_candidate_pdf
from backend.people.data_rights import (
    FORMAT_VERSION,
    JSON_MIME,
    PDF_MIME,
    ExportFile,
    _iso,
    candidate_record,
    pupil_entry,
)
from backend.shared import audit
from backend.shared.errors import N_, RuleError

MAX_CODE = 64  # Candidate.code's length


@dataclass(frozen=True)
class CandidateExport:
    candidate: Candidate
    data: dict[str, Any]  # JSON-ready
    names: dict[str, str] = field(default_factory=dict)  # `staff:S3` → a name, for the PDF

    def json_file(self) -> ExportFile:
        text = json.dumps(self.data, ensure_ascii=False, indent=2, sort_keys=False)
        return ExportFile(self.filename("json"), text.encode("utf-8"), JSON_MIME)

    def pdf_file(self, language: str = "nb", words: Words | None = None) -> ExportFile:
        content = render_candidate_pdf(self.data, language, words, self.names)
        return ExportFile(self.filename("pdf"), content, PDF_MIME)

    def filename(self, ext: str) -> str:
        """`personopplysninger-K1-2026-04-07.json`: ASCII, safe in a download."""
        code = "".join(c for c in self.candidate.code if c.isascii() and (c.isalnum() or c in "-_"))
        return f"personopplysninger-{code}-{self.data['made_on']}.{ext}"


@dataclass(frozen=True)
class CandidateErasure:
    code: str
    name: str
    deleted: dict[str, int]


async def find_candidate(code: str, unit_id: int | None = None) -> Candidate:
    """The candidate with this code (in this unit, when given); RuleError otherwise."""
    code = code.strip()
    if not code:
        raise RuleError(N_("Skriv id-en til kandidaten"))
    if len(code) > MAX_CODE:
        raise RuleError(N_("Ingen kandidat har id-en {code}"), code=code[:MAX_CODE])
    query = Candidate.filter(code=code)
    if unit_id is not None:
        query = query.filter(unit_id=unit_id)
    found = await query.prefetch_related("unit").first()
    if found is None:
        raise RuleError(N_("Ingen kandidat har id-en {code}"), code=code[:MAX_CODE])
    return found


# -- export ------------------------------------------------------------------------------


async def export_candidate(
    code: str, *, actor: str, now: datetime, unit_id: int | None = None, formats: str = "json,pdf"
) -> CandidateExport:
    """Everything stored about the candidate, as plain data; the export is audited."""
    candidate = await find_candidate(code, unit_id)
    data = await gather(candidate, now)
    await audit.record(
        actor,
        "candidate.export",
        subject(candidate),
        format=formats,
        exported={
            "stages": len(data["candidate"]["stages"]),
            "presentations": len(data["candidate"]["presentations"]),
            "pupil_entries": len(data["pupil_entries"]),
            "audit_log": len(data["audit_log"]),
        },
    )
    names = {
        f"staff:{code}": name
        for code, name in await Staff.filter(unit_id=candidate.unit_id).values_list("code", "name")
    }
    return CandidateExport(candidate, data, names)


async def gather(candidate: Candidate, now: datetime) -> dict[str, Any]:
    unit: Unit = await Unit.get(id=candidate.unit_id)
    pupils = await Pupil.filter(candidate_id=candidate.id).order_by("id")
    events = await AuditEvent.filter(subject=subject(candidate)).order_by("id")
    return {
        "format_version": FORMAT_VERSION,
        "made_on": now.date().isoformat(),
        "made_at": _iso(now),
        "time_zone": getattr(now.tzinfo, "key", "UTC"),
        "unit": {"code": unit.code, "name": unit.name},
        "candidate": await candidate_record(candidate),
        "pupil_entries": [pupil_entry(p) for p in pupils],
        "audit_log": [
            {
                "at": _iso(e.at),
                "actor": e.actor,
                "action": e.action,
                "subject": e.subject,
                "detail": e.detail,
            }
            for e in events
        ],
    }


# -- erasure -----------------------------------------------------------------------------


def check_erasable(candidate: Candidate, confirmation: str) -> None:
    """RuleError unless the pathway has ended and the code is typed."""
    if candidate.stage != Stage.ENDED:
        raise RuleError(
            N_("Avslutt veien til {code} før du sletter opplysningene om kandidaten"),
            code=candidate.code,
        )
    if confirmation.strip() != candidate.code:
        raise RuleError(
            N_("Skriv id-en {code} for å bekrefte at opplysningene skal slettes"),
            code=candidate.code,
        )


async def erase_candidate(
    code: str, confirmation: str, *, actor: str, now: datetime, unit_id: int | None = None
) -> CandidateErasure:
    """Delete the candidate with their stage history, presentations and the pupil
    register's entry they came from. One transaction, audited."""
    candidate = await find_candidate(code, unit_id)
    check_erasable(candidate, confirmation)
    async with in_transaction():
        # Counted first: the database's count of a delete may include what cascaded.
        deleted = {
            "stages": await CandidateStage.filter(candidate_id=candidate.id).count(),
            "presentations": await Presentation.filter(candidate_id=candidate.id).count(),
            "pupil_entries": await Pupil.filter(candidate_id=candidate.id).delete(),
        }
        # Checked again as it is written: of two erasures at once, one does it.
        gone = await Candidate.filter(id=candidate.id, stage=Stage.ENDED).delete()
        if not gone:
            raise RuleError(N_("Ingen kandidat har id-en {code}"), code=candidate.code)
        await audit.record(actor, "candidate.erase", subject(candidate), deleted=deleted)
    return CandidateErasure(candidate.code, candidate.name, deleted)
