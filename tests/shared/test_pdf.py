"""The shared PDF base writes every language we have: Arabic joined and right to left,
Ukrainian's Cyrillic and Polish's letters as they are. Read back with poppler's pdftotext,
which gives right-to-left text in logical order (between bidi marks, dropped here).

The test words avoid the lam-alef ligature ("لا"): poppler reads its two letters back
swapped inside right-to-left text, a known fault of the reader, not of the file."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from backend.shared.pdf import DocumentPdf, has_right_to_left, mirrored

BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(content: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    out = subprocess.run(
        ["pdftotext", *options, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return BIDI_MARKS.sub("", out)


def words_at(content: bytes, tmp_path: Path) -> dict[str, tuple[float, float]]:
    """Each word's left and right edge on the page, in points (A4 is 595 wide); the
    box list has right-to-left words in drawing order, turned back here."""
    html = pdf_text(content, tmp_path, "-bbox")
    found: dict[str, tuple[float, float]] = {}
    for x_min, x_max, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)</word>', html
    ):
        key = word[::-1] if has_right_to_left(word) else word
        found.setdefault(key, (float(x_min), float(x_max)))
    return found


def sample(
    language: str, title: str, label: str, name: str, day: str, headings: list[str]
) -> bytes:
    pdf = DocumentPdf(f"{name} · 9.4.2026", language)
    pdf.add_page()
    pdf.line_of_text(title, 9, size=18, bold=True)
    pdf.facts([(label, f"{name} (P1)")], label_width=38)
    with pdf.table(col_widths=(30, 60), text_align=("LEFT", "LEFT")) as table:
        table.row(headings)
        table.row(["09.04.2026", day])
    return bytes(pdf.output())


def test_arabic_is_joined_right_to_left_and_reads_back_in_order(tmp_path: Path) -> None:
    content = sample("ar", "قائمة الحضور", "المشارك", "ليلى حسن", "الخميس", ["التاريخ", "اليوم"])
    text = pdf_text(content, tmp_path)
    for words in ("قائمة الحضور", "المشارك", "ليلى حسن", "التاريخ", "اليوم", "09.04.2026"):
        assert words in text, words
    # The brackets are drawn mirrored, as right-to-left text wants: read back, "()P1".
    # The document starts at the right: the title ends at the right margin (18 mm), the
    # label stands right of its value, the first column right of the second.
    at = words_at(content, tmp_path)
    right_margin = 595.28 - 18 * 72 / 25.4
    assert right_margin - 4 < at["قائمة"][1] <= right_margin
    assert at["المشارك"][0] > at["ليلى"][1] > at["حسن"][1]
    assert at["التاريخ"][0] > at["اليوم"][1]
    assert at["09.04.2026"][0] > at["الخميس"][1]


@pytest.mark.parametrize(
    ("language", "title", "label", "name", "day", "headings"),
    [
        (
            "pl",
            "Lista obecności",
            "Uczestnik",
            "Zażółć Gęślą-Jaźń",
            "czwartek",
            ["Data", "Dzień"],
        ),
        (
            "uk",
            "Список відвідування",
            "Учасник",
            "Їжак Ґанок-Євенко",
            "четвер",
            ["Дата", "День"],
        ),
    ],
)
def test_polish_and_ukrainian_letters_survive_left_to_right(
    tmp_path: Path,
    language: str,
    title: str,
    label: str,
    name: str,
    day: str,
    headings: list[str],
) -> None:
    content = sample(language, title, label, name, day, headings)
    text = pdf_text(content, tmp_path)
    for words in (title, label, f"{name} (P1)", *headings, day):
        assert words in text, words
    at = words_at(content, tmp_path)
    assert at[title.split()[0]][0] < 60  # the title starts at the left margin
    assert at[label][1] < at["(P1)"][0]


def test_an_arabic_name_in_a_norwegian_document_is_joined_too(tmp_path: Path) -> None:
    pdf = DocumentPdf("", "nb")
    pdf.add_page()
    pdf.line_of_text("Frammøteliste", 9, size=18, bold=True)
    assert not pdf.shaping  # Norwegian alone needs no shaping
    pdf.facts([("Deltaker", "ليلى حسن (P1)")], label_width=38)
    assert pdf.shaping
    text = pdf_text(bytes(pdf.output()), tmp_path)
    assert "Frammøteliste" in text and "ليلى حسن" in text and "Deltaker" in text


@pytest.mark.parametrize(
    ("text", "rtl"),
    [("ليلى", True), ("Kari", False), ("Їжак", False), ("שלום", True), ("09.04.2026", False)],
)
def test_right_to_left_letters(text: str, rtl: bool) -> None:
    assert has_right_to_left(text) is rtl


@pytest.mark.parametrize(
    ("align", "other"), [("LEFT", "RIGHT"), ("RIGHT", "LEFT"), ("L", "R"), ("CENTER", "CENTER")]
)
def test_mirrored_alignment(align: str, other: str) -> None:
    assert mirrored(align) == other
