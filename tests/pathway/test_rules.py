"""The pathway's stages and moves, table-first."""

from __future__ import annotations

from datetime import date

import pytest

from backend.pathway.rules import (
    EndReason,
    Move,
    Position,
    Stage,
    check_move,
    parse_stage,
    position_at,
)
from backend.shared.errors import RuleError

TODAY = date(2026, 11, 30)
SINCE = date(2026, 10, 1)
APPROACH = Position(Stage.APPROACH)
VTA_O_APPLIED = Position(Stage.VTA_O, pending=True)
VTA_O = Position(Stage.VTA_O)
ENDED = Position(Stage.ENDED)


@pytest.mark.parametrize(
    ("current", "move", "refusal"),
    [
        (APPROACH, Move(Position(Stage.MAPPING), TODAY), None),
        (APPROACH, Move(VTA_O_APPLIED, TODAY), None),
        (VTA_O_APPLIED, Move(VTA_O, TODAY), None),  # applied, then granted
        (VTA_O, Move(Position(Stage.FOLLOW_UP), SINCE), None),  # the day it began
        (VTA_O, Move(ENDED, TODAY, EndReason.OWN_WISH), None),
        (ENDED, Move(Position(Stage.MAPPING), TODAY), None),  # reopened
        (None, Move(APPROACH, TODAY), None),  # a new candidate
        (
            APPROACH,
            Move(Position(Stage.WORK_TRIAL, pending=True), TODAY),
            "Bare en plass NAV innvilger kan være søkt om: Arbeidsutprøving",
        ),
        (APPROACH, Move(ENDED, TODAY), "Velg hvorfor løpet avsluttes"),
        (
            APPROACH,
            Move(Position(Stage.MAPPING), TODAY, EndReason.HEALTH),
            "Bare et avsluttet løp har en årsak",
        ),
        (
            APPROACH,
            Move(Position(Stage.MAPPING), date(2026, 12, 1)),
            "Datoen kan ikke være fram i tid: 2026-12-01",
        ),
        (
            APPROACH,
            Move(Position(Stage.MAPPING), date(2026, 9, 30)),
            "Datoen kan ikke være før forrige trinn begynte (2026-10-01)",
        ),
        (VTA_O, Move(VTA_O, TODAY), "Kandidaten står allerede på trinnet VTA-O"),
        (
            ENDED,
            Move(VTA_O, TODAY),
            "Et avsluttet løp tas opp igjen med tilnærming eller kartlegging",
        ),
    ],
)
def test_moves(current: Position | None, move: Move, refusal: str | None) -> None:
    since = SINCE if current is not None else None
    if refusal is None:
        check_move(current, since, move, TODAY)
    else:
        with pytest.raises(RuleError) as error:
            check_move(current, since, move, TODAY)
        assert str(error.value) == refusal


HISTORY = [
    (date(2026, 3, 1), APPROACH),
    (date(2026, 6, 15), VTA_O_APPLIED),
    (date(2026, 8, 1), VTA_O),
]


@pytest.mark.parametrize(
    ("day", "position"),
    [
        (date(2026, 2, 28), None),
        (date(2026, 3, 1), APPROACH),
        (date(2026, 6, 14), APPROACH),
        (date(2026, 6, 15), VTA_O_APPLIED),
        (date(2026, 12, 31), VTA_O),
    ],
)
def test_position_at_a_day(day: date, position: Position | None) -> None:
    assert position_at(list(reversed(HISTORY)), day) == position


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("vta-o", Stage.VTA_O),
        (" Care-Assistant ", Stage.CARE_ASSISTANT),
        ("work-trial", Stage.WORK_TRIAL),
    ],
)
def test_stage_keys_are_plain_ascii(text: str, stage: Stage) -> None:
    assert parse_stage(text) is stage


def test_an_unknown_stage_key_names_the_keys() -> None:
    with pytest.raises(RuleError) as error:
        parse_stage("vta_o")
    assert str(error.value) == (
        "Ukjent trinn: vta_o. Bruk en av: approach, mapping, work-trial, work-training, "
        "vta, vta-o, care-assistant, follow-up, ended"
    )
