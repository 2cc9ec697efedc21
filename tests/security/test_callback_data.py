"""Forged callback data: the parser takes only what our buttons carry, and the bot answers
every forged tap exactly once (Telegram refuses a second answer), never with an error.

What a forged tap may not change is tests/bot/test_participant_hostile.py's."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.models import LinkRole, Unit
from bot.callbacks import parse
from bot.throttle import FloodGuard, Verdict
from tests.support.telegram import RunningBot
from tests.support.world import build_world, link

KARI, LISE = 1001, 1003
FAILED = "Beklager, noe gikk galt. Prøv igjen."


@pytest.mark.parametrize(
    ("data", "prefix", "kinds", "expected"),
    [
        ("abk:12:260407:si", "abk", (int, date, str), (12, date(2026, 4, 7), "si")),
        ("abl:999999999", "abl", (int,), (999999999,)),
        ("lang:nb_lettlest", "lang", (str,), ("nb_lettlest",)),
        ("abl:²", "abl", (int,), None),  # isdigit() says yes, int() says no
        ("abl:①", "abl", (int,), None),
        ("abl:٣", "abl", (int,), None),  # int() reads this as 3
        ("abl:１２", "abl", (int,), None),  # fullwidth digits
        ("abl:1000000000", "abl", (int,), None),  # beyond a database id
        ("abl:999999999999", "abl", (int,), None),
        ("abl:-1", "abl", (int,), None),
        ("abl:+1", "abl", (int,), None),
        ("abl: 1", "abl", (int,), None),
        ("abl:", "abl", (int,), None),
        ("su:２６０４０７", "su", (date,), None),
        ("su:٢٦٠٤٠٧", "su", (date,), None),
        ("su:261340", "su", (date,), None),
        ("su:26047", "su", (date,), None),
        ("lang:nb\x00", "lang", (str,), None),
        ("lang:nb\n", "lang", (str,), None),
        ("lang:nø", "lang", (str,), None),
        ("abk:12:260407", "abk", (int, date, str), None),
        ("abl:1:2", "abl", (int,), None),
        ("x" * 65, "x" * 65, (), None),
    ],
)
def test_parse_takes_only_our_own_data(
    data: str, prefix: str, kinds: tuple[type, ...], expected: tuple[Any, ...] | None
) -> None:
    assert parse(data, prefix, *kinds) == expected


KINDS = st.lists(st.sampled_from([int, date, str]), max_size=4)
PART = st.text(max_size=12) | st.from_regex(r"[0-9]{1,12}", fullmatch=True)
FORGED = st.builds(":".join, st.lists(PART, min_size=1, max_size=5)) | st.text(max_size=80)


@settings(max_examples=500, derandomize=True, database=None)
@given(data=FORGED, kinds=KINDS)
def test_parse_never_raises_and_yields_sane_values(data: str, kinds: list[type]) -> None:
    prefix = data.split(":")[0]
    found = parse(data, prefix, *kinds)
    if found is None:
        return
    for kind, value in zip(kinds, found, strict=True):
        assert isinstance(value, kind)
        if kind is int:
            assert 0 <= value <= 999_999_999
        if kind is str:
            assert value.isascii() and value.isprintable()


PREFIXES = ["abk", "abd", "abu", "abl", "abw", "abp", "abq", "abs", "abx", "cons", "conw",
            "conp", "lang", "atc", "menu", "abn", "sp", "su", "sl", "slp", "sln", "sas", "sdg",
            "rp", "ra", "rh", "rn", "rv", "rr", "rq"]  # fmt: skip
TAPPED = st.builds(
    lambda prefix, parts: ":".join([prefix, *parts])[:64],
    st.sampled_from(PREFIXES),
    st.lists(PART | st.sampled_from(["260407", "1", "999999999999", "²", "\x00"]), max_size=4),
)


async def tap_and_wait(bot: RunningBot, user: int, message_id: int, data: str) -> dict[str, Any]:
    """Tap forged data; the one answer to it (Telegram takes one per query)."""
    query_id = await bot.standin.tap(user, message_id, data, force=True)
    for _ in range(500):
        answered = [a for a in bot.standin.callback_answers if a["callback_query_id"] == query_id]
        if answered:
            await asyncio.sleep(0.05)  # and whatever the bot sends after it
            return answered[0]
        await asyncio.sleep(0.02)
    raise AssertionError(f"{data!r} got no answer")


@pytest.fixture
def no_flood_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many taps in a few seconds are what the flood guard drops; here each must arrive."""
    monkeypatch.setattr(FloodGuard, "check", lambda self, user_id, now: Verdict.OK)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=TAPPED | FORGED.filter(lambda d: 1 <= len(d.encode()) <= 64))
async def test_forged_taps_are_answered_once_and_never_fail(
    bot: RunningBot, no_flood_guard: None, data: str
) -> None:
    if not await Unit.exists():  # the first example: the world, kept for the others
        await build_world()
        await link("P1", LinkRole.PARTICIPANT, KARI, "Kari Nordmann")
        await link("S1", LinkRole.STAFF, LISE, "Lise Kontakt")
        for user, name in ((KARI, "Kari"), (LISE, "Lise")):
            await bot.chat(user, name).send("/meny")
    for user, name in ((KARI, "Kari"), (LISE, "Lise")):
        chat = bot.chat(user, name)
        await tap_and_wait(bot, user, chat.last().message_id, data)
        assert FAILED not in chat.received()
