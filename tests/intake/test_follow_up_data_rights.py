"""What the intake with NAV stores about a person is in their export and goes with erasure."""

from __future__ import annotations

from datetime import date

from backend.intake import evaluations, final_report
from backend.intake import intake as intakes
from backend.intake.rules import EvaluationOutcome
from backend.models import AuditEvent, Evaluation, FinalReport, Intake, Participant
from backend.people import data_rights
from backend.people.data_export_pdf import render_pdf
from backend.people.ending import end_service
from tests.intake.test_intake import NOW, form
from tests.support.world import build_world


async def test_the_export_holds_it_and_erasure_deletes_it(db: str) -> None:
    await build_world()
    await intakes.record_intake(form(), actor="staff:S2", now=NOW)
    await evaluations.record_evaluation(
        "P7",
        evaluations.EvaluationForm(date(2026, 5, 11), EvaluationOutcome.END, note="Flytter"),
        actor="staff:S1",
        today=date(2026, 5, 11),
    )
    sara = await Participant.get(code="P7")
    await final_report.write_final_report(
        sara,
        final_report.FinalReportForm("Rutiner", "Oppmøtet", "God", "ordinary_work"),
        written_by="Lise Kontakt",
        actor="staff:S1",
        today=date(2026, 5, 12),
    )
    found = await data_rights.export_person("P7", actor="staff:S3", now=NOW)
    assert [i["counsellor"] for i in found.data["intakes"]] == ["Nina NAV-veileder"]
    assert [(e["outcome"], e["note"]) for e in found.data["evaluations"]] == [("end", "Flytter")]
    assert [r["recommendation"] for r in found.data["final_reports"]] == ["ordinary_work"]
    assert render_pdf(found.data).startswith(b"%PDF")
    event = await AuditEvent.filter(action="person.export").first()
    assert event is not None
    assert (event.detail["exported"]["intakes"], event.detail["exported"]["evaluations"]) == (1, 1)

    await end_service(sara, date(2026, 5, 12), actor="test", today=date(2026, 5, 12))
    done = await data_rights.erase_person("P7", "P7", actor="staff:S3", now=NOW)
    assert (
        done.deleted["intakes"],
        done.deleted["evaluations"],
        done.deleted["final_reports"],
    ) == (
        1,
        1,
        1,
    )
    assert await Intake.all().count() == 0
    assert await Evaluation.all().count() == 0
    assert await FinalReport.all().count() == 0
