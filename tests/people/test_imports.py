from __future__ import annotations

import io
from datetime import date, datetime, time

import pytest
from openpyxl import Workbook

from backend.models import AuditEvent, Participant
from backend.people import imports
from backend.shared.errors import RuleError
from tests.support.world import NOW, build_world
from tests.support.xlsx_files import GOOD_ROW, IMPORT_HEADER, row_xml, xlsx_from_rows

TODAY = NOW.date()
HEADER = "id;navn;fødselsdato;ukedager;tid;kontaktperson;program;transport\r\n"


def csv_bytes(*rows: str, encoding: str = "utf-8-sig") -> bytes:
    return (HEADER + "".join(row + "\r\n" for row in rows)).encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def test_a_good_csv_previews_then_commits_every_row(db: str) -> None:
    world = await build_world()
    content = csv_bytes(
        "P10;Åse Øren;1985-05-06;man,ons,fre;09:00-14:00;S1;aok;ja",
        "P11;Bjørn Lie;1979-11-30;tir,tor;08:30-12:00;S2;;nei",
    )
    preview = await imports.preview(world.contact, "liste.csv", content, today=TODAY)
    assert preview.ok and [r.line for r in preview.rows] == [2, 3]
    assert await Participant.filter(code__in=["P10", "P11"]).count() == 0  # a preview adds nothing
    added = await imports.commit(world.leader, "liste.csv", content, actor="staff:S2", today=TODAY)
    assert [p.code for p in added] == ["P10", "P11"]
    aase = await Participant.get(code="P10")
    assert (aase.name, aase.weekdays, aase.transport) == ("Åse Øren", "1,3,5", True)
    assert (await Participant.get(code="P11")).day_start == "08:30"
    assert await AuditEvent.filter(action="participant.import").count() == 1
    assert await AuditEvent.filter(action="participant.create", actor="staff:S2").count() == 2


async def test_row_errors_are_named_and_nothing_is_added(db: str) -> None:
    world = await build_world()
    content = csv_bytes(
        "P20;God Rad;1985-05-06;man,ons;09:00-14:00;S1;aok;nei",
        "P21;Feil Dato;1985-13-06;man,ons;09:00-14:00;S1;aok;nei",
        "P22;Ukjent Kontakt;1985-15-06;man,ons;09:00-14:00;S9;aok;nei",
        "P20;Dobbel;1985-05-06;man,ons;09:00-14:00;S1;aok;nei",
        "P1;Finnes Fra Før;1985-05-06;man,ons;09:00-14:00;S1;aok;nei",
        "P23;Rar Tid;1985-05-06;man,ons;09:10-14:00;S1;aok;kanskje",
        "P24;;1985-05-06;man;09:00-14:00;S1;aok;nei",
    )
    preview = await imports.preview(world.contact, "liste.csv", content, today=TODAY)
    assert not preview.ok
    errors = {row.line: [e.message for e in row.errors] for row in preview.rows}
    assert errors[2] == []
    assert errors[3] == ["Ikke en dato (ÅÅÅÅ-MM-DD): {text}"]
    # Both faults of a row are named, not only the first.
    assert errors[4] == [
        "Ingen aktiv ansatt ved enheten har id-en {code}",
        "Ikke en dato (ÅÅÅÅ-MM-DD): {text}",
    ]
    assert errors[5] == ["Id-en {code} står også på rad {line}"]
    assert errors[6] == ["Det finnes allerede en deltaker med id-en {code}"]
    assert errors[7] == ["Skriv ja eller nei, ikke {text}"]
    assert errors[8] == ["«{column}» er tom"]
    with pytest.raises(imports.ImportRefused) as refused:
        await imports.commit(world.leader, "liste.csv", content, actor="staff:S2", today=TODAY)
    assert refused.value.preview.error_count == 7
    assert await Participant.all().count() == 2  # the world's two, and nothing else


async def test_rules_of_registration_apply_in_the_preview(db: str) -> None:
    world = await build_world()
    # AoK needs at least two days a week (the registration rule, applied in a rolled-back trial).
    content = csv_bytes("P30;En Dag;1985-05-06;man;09:00-14:00;S1;aok;nei")
    preview = await imports.preview(world.contact, "liste.csv", content, today=TODAY)
    assert not preview.ok and preview.rows[0].errors
    assert not await Participant.exists(code="P30")
    assert not await AuditEvent.filter(actor="preview").exists()


async def test_xlsx_with_real_dates_and_times_reads_like_csv(db: str) -> None:
    world = await build_world()
    content = xlsx_bytes(
        [
            ["Id", "Navn", "Fødselsdato", "Ukedager", "Tid", "Kontaktperson"],
            ["P40", "Eva Dahl", datetime(1980, 3, 4), "mon,wed", "09:00-13:00", "S1"],
            [41, "Tall Id", date(1981, 5, 6), "tue,thu", "10:00-14:00", "S2"],
            [None, None, None, None, None, None],
        ]
    )
    preview = await imports.preview(world.contact, "liste.xlsx", content, today=TODAY)
    assert preview.ok, [(r.line, [e.message for e in r.errors]) for r in preview.rows]
    assert [r.values["code"] for r in preview.rows] == ["P40", "41"]
    assert preview.rows[0].values["birth_date"] == "1980-03-04"
    await imports.commit(world.leader, "liste.xlsx", content, actor="t", today=TODAY)
    assert (await Participant.get(code="41")).birth_date == date(1981, 5, 6)


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("tom.csv", b"  ", "Filen er tom"),
        ("ark.xlsx", b"PK not really a workbook", "Filen kan ikke leses som et Excel-ark (.xlsx)"),
    ],
)
async def test_unreadable_files_are_refused(
    db: str, filename: str, content: bytes, message: str
) -> None:
    world = await build_world()
    with pytest.raises(RuleError) as refused:
        await imports.preview(world.contact, filename, content, today=TODAY)
    assert refused.value.message == message


async def test_missing_columns_and_windows_encoding(db: str) -> None:
    world = await build_world()
    preview = await imports.preview(world.contact, "x.csv", b"id,navn\r\nP1,Kari\r\n", today=TODAY)
    assert not preview.ok
    assert {e.params["column"] for e in preview.errors} == {
        "birth_date",
        "weekdays",
        "hours",
        "contact",
    }
    latin = csv_bytes(
        "P50;Øystein Æsø;1970-01-01;man,fre;09:00-14:00;S1;aok;nei", encoding="cp1252"
    )
    checked = await imports.preview(world.contact, "x.csv", latin, today=TODAY)
    assert checked.ok and checked.rows[0].values["name"] == "Øystein Æsø"
    assert time(9) == checked.rows[0].new.start_time  # type: ignore[union-attr]


async def test_a_utf16_file_is_named_as_such_not_as_missing_columns(db: str) -> None:
    world = await build_world()
    content = csv_bytes("P50;Åse Øren;1970-01-01;man,fre;09:00-14:00;S1;aok;nei", encoding="utf-16")
    with pytest.raises(RuleError) as refused:
        await imports.preview(world.contact, "liste.csv", content, today=TODAY)
    assert refused.value.message == (
        "Filen er lagret som UTF-16. Lagre den som «CSV UTF-8» og prøv igjen."
    )


async def test_a_pipe_separated_file_is_named_as_such_not_as_missing_columns(db: str) -> None:
    world = await build_world()
    content = (HEADER + "P50;Åse Øren;1970-01-01;man,fre;09:00-14:00;S1;aok;nei\r\n").replace(
        ";", "|"
    )
    preview = await imports.preview(world.contact, "liste.csv", content.encode(), today=TODAY)
    assert [(e.message, e.params) for e in preview.errors] == [
        (
            "Kolonnene i første rad er skilt med «{separator}». Bruk semikolon (;) eller komma (,).",
            {"separator": "|"},
        )
    ]


async def test_a_forged_dimension_previews_the_rows_it_holds(db: str) -> None:
    world = await build_world()
    content = xlsx_from_rows(
        [row_xml(1, IMPORT_HEADER), row_xml(2, GOOD_ROW)], dimension="A1:XFD100000"
    )
    preview = await imports.preview(world.contact, "liste.xlsx", content, today=TODAY)
    assert preview.ok and [(r.line, r.values["name"]) for r in preview.rows] == [(2, "Siri Strand")]


async def test_more_rows_than_the_limit_are_refused_without_reading_on(db: str) -> None:
    world = await build_world()
    body = [f"P{n};Navn {n};1970-01-01;man,fre;09:00-14:00;S1;aok;nei" for n in range(2001)]
    with pytest.raises(RuleError) as refused:
        await imports.preview(world.contact, "liste.csv", csv_bytes(*body), today=TODAY)
    assert (refused.value.message, refused.value.params) == (
        "Filen har mer enn {count} rader",
        {"count": 2000},
    )
