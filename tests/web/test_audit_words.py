"""The audit log in words: every action has a label, details read as "what: value"."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from backend.models import AuditEvent
from backend.shared import audit
from backend.shared.i18n import gettext_for
from backend.web import labels
from backend.web.audit_words import ACTIONS, DETAILS, event_words
from tests.web.conftest import Web

ROOT = Path(__file__).resolve().parents[2]


def recorded() -> tuple[set[str], set[str]]:
    """Every action code and detail name the code writes with `audit.record(…)`."""
    actions: set[str] = set()
    keys: set[str] = set()
    for path in [*ROOT.joinpath("backend").rglob("*.py"), *ROOT.joinpath("bot").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr != "record" or getattr(node.func.value, "id", None) != "audit":
                continue
            action = node.args[1]
            assert isinstance(action, ast.Constant), f"{path}: the action is not a literal"
            actions.add(action.value)
            keys |= {k.arg for k in node.keywords if k.arg is not None}
    return actions, keys


def test_every_action_and_detail_the_code_records_has_words() -> None:
    actions, keys = recorded()
    assert len(actions) >= 35  # the scan found the calls
    assert sorted(actions - set(ACTIONS)) == []
    assert sorted(k for k in keys if k not in DETAILS and k not in labels.FIELDS) == []


def _event(action: str, **detail: object) -> AuditEvent:
    return AuditEvent(actor="staff:S1", action=action, subject="participant:P1", detail=detail)


@pytest.mark.parametrize(
    ("language", "event", "action", "details"),
    [
        (
            "nb",
            _event(
                "attendance.change",
                day="2026-04-07",
                old={"status": "absent_notified", "hours": "0.00", "by": "Lise Kontakt"},
                new={"status": "present", "hours": "5.75", "by": "Per Leder"},
            ),
            "Endret oppmøte",
            [
                ("Dato", "07.04.2026"),
                ("Før", "Status: Borte, meldt; Timer: 0; Ført av: Lise Kontakt"),
                ("Etter", "Status: Til stede; Timer: 5,75; Ført av: Per Leder"),
            ],
        ),
        (
            "nb",
            _event(
                "calendar.change",
                changes={"close_christmas_eve": {"old": False, "new": True}},
            ),
            "Endret kalenderen",
            [("Endringer", "Stengt julaften: nei → ja")],
        ),
        (
            "nb",
            _event("absence.report", days=["2026-04-08", "2026-04-09"], category="sick"),
            "Meldte fravær",
            [("Dager", "08.04.2026, 09.04.2026"), ("Årsak", "Syk")],
        ),
        (
            "nb",
            _event("pay_rate.add", valid_from="2027-01-01", ore_per_hour=1700),
            "La til en lønnssats",
            [("Gjelder fra", "01.01.2027"), ("Sats per time", "17,00\xa0kr")],
        ),
        (
            "nb",
            _event("participant.decision", fields=["decision_end", "programme"], open=[]),
            "Endret vedtaket",
            [("Felt", "Vedtaket slutter, Tilbud"), ("Vilkår som ikke er avklart", "–")],
        ),
        (
            "en",
            _event("meeting.set", kind="nav", day="2026-04-20"),
            "Set up a meeting",
            [("Date", "20/04/2026"), ("Type", "Cooperation meeting with NAV")],
        ),
        ("nb", _event("something.new", count=3), "something.new", [("Antall", "3")]),
        (
            "nb",
            _event("person.export", format="pdf", exported={"pay": 1, "absences": 2}),
            "Hentet ut alle opplysningene om en deltaker",
            [("Hentet ut", "Fravær: 2; Måneder med lønn: 1"), ("Format", "pdf")],
        ),
        (
            "nb",
            _event("person.erase", anonymised=["name", "contact_id", "nav_followed"]),
            "Slettet opplysningene om en deltaker",
            [("Anonymisert", "Navn, Kontaktperson, Følges opp av NAV")],
        ),
    ],
    ids=[
        "old and new",
        "changes",
        "list of days",
        "rate",
        "field names",
        "english",
        "unknown",
        "export",
        "erasure",
    ],
)
def test_an_event_in_words(
    language: str, event: AuditEvent, action: str, details: list[tuple[str, str]]
) -> None:
    words = event_words(event, gettext_for(language), language)
    assert (words.action, words.details) == (action, details)
    # PostgreSQL keeps JSON objects in an order of its own: the words keep theirs.
    shuffled = AuditEvent(action=event.action, detail=dict(reversed(event.detail.items())))
    assert event_words(shuffled, gettext_for(language), language).details == details


async def test_the_log_page_shows_words_not_codes_or_dicts(web: Web) -> None:
    await audit.record(
        "staff:S1",
        "attendance.change",
        "participant:P1",
        day="2026-04-07",
        old={"status": "absent_notified", "hours": "0.00", "by": "Lise Kontakt"},
        new={"status": "present", "hours": "5.75", "by": "Lise Kontakt"},
    )
    await web.sign_in(web.coordinator)
    page = await (await web.client.get("/audit")).text()
    assert "Endret oppmøte" in page and "Logget inn" in page
    assert "Før: Status: Borte, meldt; Timer: 0; Ført av: Lise Kontakt" in page
    assert "attendance.change" not in page and "auth.sign_in" not in page
    assert "{" not in page.split("<tbody>")[1] and "&#39;" not in page  # no Python dicts


async def test_the_log_page_names_people_not_codes(web: Web) -> None:

    await audit.record("staff:S3", "staff.deactivate", "staff:S1", links=1, sessions=0)
    await audit.record("telegram:1001", "consent.pay", "relative:P1", link=1, shared=True)
    await audit.record("cli", "participant.contact", "participant:P1", old="S1", new="S2")
    await web.sign_in(web.world.leader)
    page = await (await web.client.get("/audit")).text()
    for words in (
        "Kim Koordinator (S3)",
        "Lise Kontakt (S1)",
        "Stengte en ansatt ute",
        "pårørende til Kari Nordmann",
        "Endret om en pårørende ser lønnen",
        "Ser lønnen: ja",
        "kommandolinjen",
        "Kari Nordmann (P1)",
    ):
        assert words in page, words
    for code in ("staff:S3", "staff:S1", "relative:P1", "participant:P1", "staff.deactivate"):
        assert code not in page, code
