"""A candidate's follow-up, evaluation and next-step dates become reminders: to the
follower, else the unit's coordinators; none for an ended pathway."""

from __future__ import annotations

from datetime import date

import pytest

from backend import reminders
from backend.models import Candidate, Staff
from backend.pathway import candidates, details
from backend.pathway.rules import EndReason, Move, Position, Referrer, Stage
from backend.reminders.deadlines import CandidateDates, due_between
from backend.reminders.texts import TEMPLATES
from backend.shared.i18n import LANGUAGES, gettext_for
from backend.web.pages.deadlines import KINDS
from tests.reminders.test_deadlines import brief, pwd
from tests.support.reminder_world import at, build_reminder_world, link_staff

D = date.fromisoformat


@pytest.mark.parametrize(
    ("rule", "start", "end", "expected"),
    [
        (  # a week before and on the day; 4 May 2026 is a Monday
            CandidateDates("K1", follow_up=D("2026-05-04")),
            "2026-04-20", "2026-05-10",
            [
                ("candidate_follow_up", "2026-04-27", "follower", "2026-05-04"),
                ("candidate_follow_up", "2026-05-04", "follower", "2026-05-04"),
            ],
        ),
        (  # Saturday 13 June: moved back to Friday 12 June; a week before: Saturday 6 → 5 June
            CandidateDates("K1", evaluation=D("2026-06-13")),
            "2026-06-01", "2026-06-30",
            [
                ("candidate_evaluation", "2026-06-05", "follower", "2026-06-13"),
                ("candidate_evaluation", "2026-06-12", "follower", "2026-06-13"),
            ],
        ),
        (  # the next step: on its day only
            CandidateDates("K1", next_step=D("2026-04-21")),
            "2026-04-01", "2026-04-30",
            [("candidate_next_step", "2026-04-21", "follower", "2026-04-21")],
        ),
        (CandidateDates("K1"), "2026-01-01", "2026-12-31", []),  # no dates, nothing
        (  # outside the window
            CandidateDates("K1", follow_up=D("2026-09-01")),
            "2026-04-01", "2026-04-30",
            [],
        ),
    ],
)  # fmt: skip
def test_a_candidates_dates_are_due_a_week_before_and_on_the_day(
    rule: CandidateDates, start: str, end: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert brief(due_between(D(start), D(end), [rule], pwd)) == expected


async def candidate(follower: str | None) -> Candidate:
    made = await candidates.add_candidate(
        candidates.NewCandidate("AOK", "K1", "Jonas Lie", Referrer.NAV, follower_code=follower),
        actor="test",
        today=D("2026-04-07"),
    )
    plan = details.Plan("Besøk på lageret", D("2026-04-21"), D("2026-05-04"), D("2026-06-01"))
    await details.set_plan(made, plan, actor="test")
    return made


def deliveries(result: reminders.PassResult) -> list[tuple[str, str, str]]:
    return sorted(
        (d.reminder.kind.value, d.recipient.name, d.params.get("step", ""))
        for d in result.deliveries
        if d.reminder.subject == "candidate:K1"
    )


async def test_the_follower_is_reminded(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    await candidate("S1")
    found = await reminders.preview(D("2026-04-27"), at("2026-04-27"))
    assert deliveries(found) == [("candidate_follow_up", "Lise Kontakt", "before")]
    delivery = next(d for d in found.deliveries if d.reminder.subject == "candidate:K1")
    assert TEMPLATES[delivery.template](delivery.params, gettext_for("nb"), "nb") == (
        "Oppfølging av kandidaten Jonas Lie 4. mai 2026, om en uke."
    )
    assert "participant" not in delivery.params  # a candidate is not a participant
    # Only staff hear of a candidate: never a participant's or a relative's chat.
    assert {d.recipient.who for d in found.deliveries if d.reminder.subject == "candidate:K1"} == {
        "staff:S1"
    }
    step = await reminders.preview(D("2026-04-21"), at("2026-04-21"))
    assert deliveries(step) == [("candidate_next_step", "Lise Kontakt", "day")]


async def test_without_a_follower_the_coordinators_are_reminded(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    await candidate(None)
    found = await reminders.preview(D("2026-05-04"), at("2026-05-04"))
    assert deliveries(found) == [("candidate_follow_up", "Kari Koord", "day")]


async def test_a_deactivated_follower_hands_over_to_the_coordinators(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    await candidate("S1")
    await Staff.filter(code="S1").update(active=False)
    found = await reminders.preview(D("2026-05-04"), at("2026-05-04"))
    assert deliveries(found) == [("candidate_follow_up", "Kari Koord", "day")]


async def test_an_unlinked_follower_is_shown_as_unreachable_not_dropped(db: str) -> None:
    await build_reminder_world()
    await link_staff(["S2", "S3"])  # Lise has no chat
    await candidate("S1")
    found = await reminders.preview(D("2026-05-04"), at("2026-05-04"))
    due = [d for d in found.unreachable if d.reminder.subject == "candidate:K1"]
    assert [(d.participant, d.gap.render(gettext_for("nb"))) for d in due if d.gap] == [
        ("Jonas Lie", "ingen kan få den: koble Lise Kontakt til Telegram")
    ]


async def test_an_ended_pathway_has_no_reminders(db: str) -> None:
    await build_reminder_world()
    await link_staff()
    made = await candidate("S1")
    ended = Move(Position(Stage.ENDED), D("2026-04-07"), EndReason.OWN_WISH)
    await candidates.move_stage(made, ended, actor="test", today=D("2026-04-07"))
    assert deliveries(await reminders.preview(D("2026-05-04"), at("2026-05-04"))) == []


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_candidate_reminder_has_a_text_and_a_name(language: str) -> None:
    _ = gettext_for(language)
    params = {"candidate": "Jonas Lie", "event_date": "2026-05-04"}
    for kind in ("candidate_follow_up", "candidate_evaluation", "candidate_next_step"):
        for step in ("before", "day"):
            text = TEMPLATES[f"reminder_{kind}"]({**params, "step": step}, _, language)
            assert "Jonas Lie" in text
        assert _(KINDS[kind])  # type: ignore[index]


async def test_the_deadlines_page_lists_a_candidates_dates_for_whom_may_see_them(
    db: str,
) -> None:
    from backend.people import directory

    await build_reminder_world()
    await candidate("S2")  # followed by the leader
    coordinator = await Staff.get(code="S3")
    contact = await Staff.get(code="S1")
    start, end = D("2026-04-20"), D("2026-05-10")
    seen = [i.participant_name for i in await directory.deadlines(coordinator, start, end)]
    assert seen.count("Jonas Lie") == 3  # next step, follow-up a week before and on the day
    assert "Jonas Lie" not in [
        i.participant_name for i in await directory.deadlines(contact, start, end)
    ]
