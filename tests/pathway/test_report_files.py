"""The report as CSV (formulas neutralised) and as a PDF with its charts, read back as text."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from backend.pathway.report_files import filename, render_csv, render_pdf
from backend.pathway.report_rules import build_report
from tests.pathway.test_report_rules import h

TODAY = date(2026, 11, 30)
HISTORIES = [
    h("2026-09-01 approach", "2026-10-01 vta-o"),
    h("2026-09-01 approach", "2026-10-01 vta-o"),
    h("2026-09-15 approach", "2026-11-02 vta-o?"),
    h("2026-10-03 mapping", "2026-11-20 ended"),
]
REPORT = build_report(HISTORIES, date(2026, 9, 1), TODAY, TODAY)


def test_the_csv_holds_the_four_tables() -> None:
    text = render_csv(REPORT, "Arbeid og kvalifisering").decode("utf-8-sig")
    assert text.split("\r\n") == [
        "Kandidatrapport;Arbeid og kvalifisering",
        "Periode;2026-09-01;2026-11-30",
        "",
        "Kandidater per trinn 2026-11-30",
        "Trinn;Antall;Søkt, venter på NAV;Med søkt",
        "Tilnærming;0;0;0",
        "Kartlegging;0;0;0",
        "Arbeidsutprøving;0;0;0",
        "Arbeidstrening/aktivitet;0;0;0",
        "VTA;0;0;0",
        "VTA-O;2;1;3",
        "Omsorgsmedhjelper;0;0;0",
        "Oppfølging;0;0;0",
        "Avsluttet;1;0;1",
        "Totalt;3;1;4",
        "",
        "Nye og avsluttede per måned",
        "Måned;Nye;Avsluttet",
        "2026-09;3;0",
        "2026-10;1;0",
        "2026-11;0;1",
        "",
        "Tid på hvert trinn",
        "Trinn;Median (dager);Opphold",
        "Tilnærming;30;3",  # 30, 30 and 48 days
        "Kartlegging;48;1",
        "Arbeidsutprøving;;0",
        "Arbeidstrening/aktivitet;;0",
        "VTA;;0",
        "VTA-O;60;3",  # 60, 60 and 28 days, all still running
        "Omsorgsmedhjelper;;0",
        "Oppfølging;;0",
        "",
        "Hvor langt kandidatene har kommet",
        "Trinn;Har nådd;Bare søkt",
        "Tilnærming;3;0",
        "Kartlegging;1;0",
        "Arbeidsutprøving;0;0",
        "Arbeidstrening/aktivitet;0;0",
        "VTA;0;0",
        "VTA-O;2;1",
        "Omsorgsmedhjelper;0;0",
        "Oppfølging;0;0",
        "Avsluttet;1;0",
        "",
    ]


def test_a_unit_name_that_looks_like_a_formula_is_text_in_the_csv() -> None:
    text = render_csv(REPORT, '=HYPERLINK("http://x","klikk")').decode("utf-8-sig")
    assert text.splitlines()[0] == 'Kandidatrapport;"\'=HYPERLINK(""http://x"",""klikk"")"'


def test_the_csv_in_english() -> None:
    text = render_csv(REPORT, "AoK", "en").decode("utf-8-sig")
    assert "Stage;Number;Applied, waiting for NAV;With applied" in text
    assert "Total;3;1;4" in text


def pdf_lines(path: Path) -> list[str]:
    """The PDF's text, line by line, runs of spaces as one (pdftotext keeps the layout)."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [" ".join(line.split()) for line in text.splitlines()]


def test_the_pdf_reads_as_the_slide_with_its_charts(tmp_path: Path) -> None:
    pdf = render_pdf(REPORT, "Arbeid og kvalifisering", TODAY)
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "rapport.pdf"
    path.write_bytes(pdf)
    lines = pdf_lines(path)
    for line in (
        "Kandidatrapport",
        "Arbeid og kvalifisering",
        "Periode: 01.09.2026 – 30.11.2026",
        "VTA-O 2 (3)",
        "Avsluttet 1",
        "Totalt 4",
        "september 2026 3 0",
        "Tilnærming 30 3",
        "VTA-O 2 1",
    ):
        assert line in lines, line
    images = subprocess.run(
        ["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True
    ).stdout
    assert len(images.splitlines()) - 2 == 4  # stages, entries, exits, funnel


def test_the_file_name_is_plain_ascii() -> None:
    assert filename("AOK", REPORT, "pdf") == "kandidater-AOK-2026-09-01-2026-11-30.pdf"
    assert filename("Æ/..", REPORT, "csv") == "kandidater-alle-2026-09-01-2026-11-30.csv"
