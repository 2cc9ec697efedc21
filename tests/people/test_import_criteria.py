"""Eligibility criteria as import columns, named by key: ja / yes, nei / no, empty."""

from __future__ import annotations

from backend.models import AuditEvent, Participant
from backend.people import imports
from backend.shared.i18n import gettext_for
from tests.support.world import NOW, build_world

TODAY = NOW.date()
HEADER = (
    "id;navn;fødselsdato;ukedager;tid;kontaktperson;"
    "wants_service;Lives In Municipality;can_work_in_group\r\n"
)


def csv_bytes(*rows: str) -> bytes:
    return (HEADER + "".join(row + "\r\n" for row in rows)).encode("utf-8")


async def test_criteria_columns_are_recorded_and_audited(db: str) -> None:
    world = await build_world()
    content = csv_bytes(
        "P10;Åse Øren;1985-05-06;man,ons;09:00-14:00;S1;ja;yes;",
        "P11;Bjørn Lie;1979-11-30;tir,tor;08:30-12:00;S1;Y; ;ikke vurdert",
    )
    added = await imports.commit(world.leader, "liste.csv", content, actor="staff:S2", today=TODAY)
    assert [p.code for p in added] == ["P10", "P11"]
    assert (await Participant.get(code="P10")).eligibility == {
        "wants_service": True,
        "lives_in_municipality": True,
    }
    assert (await Participant.get(code="P11")).eligibility == {"wants_service": True}
    events = await AuditEvent.filter(action="eligibility.record").order_by("id")
    assert [(e.subject, e.detail) for e in events] == [
        ("participant:P10", {"criterion": "wants_service", "old": "not_assessed", "new": "met"}),
        (
            "participant:P10",
            {"criterion": "lives_in_municipality", "old": "not_assessed", "new": "met"},
        ),
        ("participant:P11", {"criterion": "wants_service", "old": "not_assessed", "new": "met"}),
    ]


async def test_a_criterion_not_met_or_unreadable_is_a_row_error(db: str) -> None:
    world = await build_world()
    content = csv_bytes(
        "P20;Ikke Her;1985-05-06;man,ons;09:00-14:00;S1;ja;nei;",
        "P21;Kanskje;1985-05-06;man,ons;09:00-14:00;S1;kanskje;;",
    )
    preview = await imports.preview(world.leader, "liste.csv", content, today=TODAY)
    _ = gettext_for("nb")
    messages = {row.line: [e.render(_) for e in row.errors] for row in preview.rows}
    assert messages == {
        2: ["Oppfyller ikke kriteriene: ikke oppfylt: bor i kommunen. "
            "En koordinator kan overstyre med et skriftlig notat."],
        3: ["«wants_service»: skriv ja eller nei, eller la feltet stå tomt, ikke kanskje"],
    }  # fmt: skip
    assert not await Participant.filter(code__in=["P20", "P21"]).exists()
