"""The tablet's use cases on the database: pairing, today's tiles, taps with their own
time and key, and a visit becoming a confirmed, paid day."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from PIL import Image

from backend.access.sign_in import hash_secret
from backend.attendance import marking
from backend.attendance.marking import AbsenceReported
from backend.checkin import door, pairing, photos, pictures, proposals
from backend.checkin.rules import TapAction, TapOutcome, TileState
from backend.models import (
    Absence,
    AbsenceCategory,
    AttendanceDay,
    AttendanceStatus,
    AuditEvent,
    CheckIn,
    Closure,
    ParticipantPicture,
    SignInAttempt,
    StaffRole,
    Tablet,
    TabletPairing,
)
from backend.pay import payroll
from backend.people import registry as people
from backend.shared.errors import RuleError
from tests.support.telegram import OSLO
from tests.support.world import World, build_world

# Tuesday 7 April 2026: Kari (every weekday, 9-14) is expected, Ola (Mon, Wed, Fri) is not.
MORNING = datetime(2026, 4, 7, 8, 55, tzinfo=OSLO)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 4, 7, hour, minute, tzinfo=OSLO)


@pytest.fixture
async def world(db: str) -> World:
    return await build_world()


async def _paired(world: World, now: datetime = MORNING) -> tuple[Tablet, str]:
    made = await pairing.new_code(world.leader, "Inngangen", now)
    paired = await pairing.pair(made.code, now + timedelta(minutes=1), remote="10.0.0.5")
    return paired.tablet, paired.token


async def test_a_code_pairs_one_tablet_once_and_only_its_hash_is_kept(world: World) -> None:
    made = await pairing.new_code(world.leader, "  Inngangen  ", MORNING)
    assert len(made.code) == 6 and made.code.isdigit()
    assert made.expires_at == MORNING + timedelta(minutes=10)
    stored = await TabletPairing.get()
    assert stored.code_hash == hash_secret(made.code) and made.code not in str(stored.__dict__)
    paired = await pairing.pair(made.code[:3] + " " + made.code[3:], MORNING, remote="10.0.0.5")
    assert paired.tablet.name == "Inngangen" and paired.tablet.unit_id == world.unit.id
    assert paired.tablet.token_hash == hash_secret(paired.token) and len(paired.token) >= 40
    with pytest.raises(RuleError, match="Koden virker ikke"):
        await pairing.pair(made.code, MORNING, remote="10.0.0.6")  # used
    found = await pairing.tablet_for(paired.token, MORNING + timedelta(hours=2))
    assert found is not None and found.id == paired.tablet.id
    assert found.last_seen_at == MORNING + timedelta(hours=2)
    assert await AuditEvent.filter(action="tablet.pair", actor="staff:S2").count() == 1


async def test_a_code_stops_working_after_ten_minutes(world: World) -> None:
    made = await pairing.new_code(world.leader, "Inngangen", MORNING)
    with pytest.raises(RuleError, match="Koden virker ikke"):
        await pairing.pair(made.code, MORNING + timedelta(minutes=10), remote="10.0.0.5")
    assert await Tablet.all().count() == 0


async def test_a_tablet_needs_a_name(world: World) -> None:
    with pytest.raises(RuleError, match="Gi nettbrettet et navn"):
        await pairing.new_code(world.leader, "   ", MORNING)


async def test_wrong_codes_hold_an_address_back_then_every_address(world: World) -> None:
    made = await pairing.new_code(world.leader, "Inngangen", MORNING)
    wrong = "000000" if made.code != "000000" else "111111"
    for _ in range(10):
        with pytest.raises(RuleError, match="Koden virker ikke"):
            await pairing.pair(wrong, MORNING, remote="10.0.0.9")
    with pytest.raises(pairing.TooManyCodes):  # even the right code, from that address
        await pairing.pair(made.code, MORNING, remote="10.0.0.9")
    for n in range(20):  # 30 wrong codes from all addresses together
        with pytest.raises(RuleError):
            await pairing.pair(wrong, MORNING, remote=f"10.0.1.{n}")
    with pytest.raises(pairing.TooManyCodes):
        await pairing.pair(made.code, MORNING, remote="10.0.2.1")
    # A quarter of an hour later the code has run out, but pairing is open again.
    later = MORNING + timedelta(minutes=16)
    fresh = await pairing.new_code(world.leader, "Inngangen", later)
    assert (await pairing.pair(fresh.code, later, remote="10.0.0.9")).tablet.name == "Inngangen"
    assert await SignInAttempt.filter(remote="10.0.0.9").count() == 0  # sign-ins untouched


async def test_an_unpaired_tablet_is_no_longer_known(world: World) -> None:
    tablet, token = await _paired(world)
    other_unit = await people.add_unit("VTA", "VTA-verkstedet", actor="test")
    assert other_unit.id != world.unit.id
    stranger = await people.add_staff("VTA", "V1", "Vera", StaffRole.LEADER, actor="test")
    assert await pairing.unpair(stranger, tablet.id, MORNING) is None  # not their unit
    assert await pairing.unpair(world.leader, tablet.id, MORNING) is not None
    assert await pairing.tablet_for(token, MORNING) is None
    assert await pairing.tablets(world.unit.id) == []


async def test_the_board_shows_today_s_expected_by_first_name(world: World) -> None:
    tablet, _token = await _paired(world)
    await people.add_participant(
        people.NewParticipant(
            "AOK", "P3", "Siri Annen", date(1980, 2, 3), frozenset({2, 4}), time(10), time(14), "S1"
        ),
        actor="test",
        today=MORNING.date(),
    )
    board = await door.board(tablet, MORNING)
    assert board.open and [t.first_name for t in board.tiles] == ["Kari", "Siri"]  # not Ola
    assert [t.symbol for t in board.tiles] == ["⭐", "⭐"] and not board.tiles[0].photo
    # Siri reports sick: the hallway does not see it, her tile is not shown.
    siri = board.tiles[1].participant_id
    await Absence.create(participant_id=siri, day=MORNING.date(), category=AbsenceCategory.SICK,
                         reporter_name="Siri", channel="telegram")  # fmt: skip
    assert [t.first_name for t in (await door.board(tablet, MORNING)).tiles] == ["Kari"]
    # A closed day: no tiles.
    await Closure.create(unit=world.unit, day=MORNING.date(), reason="Kurs")
    closed = await door.board(tablet, MORNING)
    assert not closed.open and closed.tiles == ()


async def test_taps_in_and_out_a_repeated_key_and_a_queued_time(world: World) -> None:
    tablet, _token = await _paired(world)
    kari = world.kari.id
    first = await door.tap(tablet, kari, TapAction.IN, at(8, 58), "k1", at(9, 30))
    assert first.outcome is TapOutcome.DONE and first.visit.arrived == at(8, 58)
    again = await door.tap(tablet, kari, TapAction.IN, at(8, 58), "k1", at(9, 31))
    assert again.outcome is TapOutcome.ALREADY
    double = await door.tap(tablet, kari, TapAction.IN, at(8, 59), "k2", at(9, 31))
    assert double.outcome is TapOutcome.ALREADY and double.visit.arrived == at(8, 58)
    with pytest.raises(RuleError, match="fram i tid"):
        await door.tap(tablet, kari, TapAction.OUT, at(15), "k3", at(14))
    with pytest.raises(RuleError, match="annen dag"):
        await door.tap(tablet, kari, TapAction.OUT, at(14) - timedelta(days=1), "k3", at(14))
    out = await door.tap(tablet, kari, TapAction.OUT, at(14, 4), "k3", at(14, 30))
    assert out.outcome is TapOutcome.DONE and out.visit.left == at(14, 4)
    assert (await door.tap(tablet, kari, TapAction.OUT, at(14, 4), "k3", at(14, 31))).outcome is (
        TapOutcome.ALREADY
    )
    assert await CheckIn.all().count() == 1
    (tile,) = (await door.board(tablet, at(14, 31))).tiles
    assert tile.state is TileState.OUT
    with pytest.raises(RuleError, match="ikke ventet i dag"):
        await door.tap(tablet, world.ola.id, TapAction.IN, at(9), "k4", at(9))
    with pytest.raises(RuleError, match="nøkkel"):
        await door.tap(tablet, kari, TapAction.IN, at(9), "<script>", at(9))
    assert await AuditEvent.filter(action__startswith="checkin.").count() == 2


async def test_a_mistaken_gone_is_undone_once_by_its_key_and_audited(world: World) -> None:
    tablet, _token = await _paired(world)
    kari = world.kari.id
    await door.tap(tablet, kari, TapAction.IN, at(9), "in-1", at(9))
    await door.tap(tablet, kari, TapAction.OUT, at(11, 30), "out-1", at(11, 30))
    (gone,) = await proposals.waiting(world.unit.id, at(12).date())
    assert gone.hours == Decimal("2.50")
    back = await door.tap(tablet, kari, TapAction.BACK, at(11, 31), "back-1", at(11, 31))
    assert back.outcome is TapOutcome.DONE
    assert (back.visit.arrived, back.visit.left) == (at(9), None)
    visit = await CheckIn.get(participant_id=kari)
    assert (visit.in_at, visit.out_at) == (at(9), None)
    # In again: no hours proposed, nothing to confirm yet.
    (still_in,) = await proposals.waiting(world.unit.id, at(12).date())
    assert (still_in.left, still_in.hours, still_in.confirmable) == (None, None, False)
    (tile,) = (await door.board(tablet, at(11, 32))).tiles
    assert tile.state is TileState.IN
    # The queue sends a tap again when its answer was lost: neither key changes a thing.
    again = await door.tap(tablet, kari, TapAction.BACK, at(11, 31), "back-1", at(11, 33))
    assert again.outcome is TapOutcome.ALREADY and again.visit.left is None
    stale = await door.tap(tablet, kari, TapAction.OUT, at(11, 30), "out-1", at(11, 33))
    assert stale.outcome is TapOutcome.ALREADY and stale.visit.left is None
    # She leaves for real later: the hours follow the new leaving.
    await door.tap(tablet, kari, TapAction.OUT, at(14, 2), "out-2", at(14, 2))
    (proposal,) = await proposals.waiting(world.unit.id, at(14).date())
    assert proposal.hours == Decimal("5.00")
    events = await AuditEvent.filter(action__startswith="checkin.").order_by("id")
    assert [(e.action, e.actor, e.subject) for e in events] == [
        ("checkin.in", f"tablet:{tablet.id}", "participant:P1"),
        ("checkin.out", f"tablet:{tablet.id}", "participant:P1"),
        ("checkin.back", f"tablet:{tablet.id}", "participant:P1"),
        ("checkin.out", f"tablet:{tablet.id}", "participant:P1"),
    ]
    assert events[2].detail == {"day": "2026-04-07"}


async def test_back_is_refused_before_arriving_and_from_another_unit_s_tablet(
    world: World,
) -> None:
    tablet, _token = await _paired(world)
    with pytest.raises(RuleError, match="Ikke sjekket inn i dag"):
        await door.tap(tablet, world.kari.id, TapAction.BACK, at(9), "b0", at(9))
    await door.tap(tablet, world.kari.id, TapAction.IN, at(9), "in-1", at(9))
    await door.tap(tablet, world.kari.id, TapAction.OUT, at(10), "out-1", at(10))
    await people.add_unit("VTA", "VTA-verkstedet", actor="test")
    vera = await people.add_staff("VTA", "V1", "Vera", StaffRole.LEADER, actor="test")
    made = await pairing.new_code(vera, "Verkstedet", at(10))
    other = (await pairing.pair(made.code, at(10), remote="10.0.0.7")).tablet
    with pytest.raises(RuleError, match="ikke ventet i dag"):
        await door.tap(other, world.kari.id, TapAction.BACK, at(10, 5), "b1", at(10, 5))
    visit = await CheckIn.get()
    assert visit.out_at == at(10)
    assert await AuditEvent.filter(action="checkin.back").count() == 0


async def test_a_day_staff_confirmed_is_not_reopened_from_the_door(world: World) -> None:
    tablet, _token = await _paired(world)
    await door.tap(tablet, world.kari.id, TapAction.IN, at(9), "in-1", at(9))
    await door.tap(tablet, world.kari.id, TapAction.OUT, at(12), "out-1", at(12))
    (proposal,) = await proposals.waiting(world.unit.id, at(12).date())
    await proposals.confirm(world.contact, proposal.id, at(12, 10))
    with pytest.raises(RuleError) as refused:
        await door.tap(tablet, world.kari.id, TapAction.BACK, at(12, 15), "back-1", at(12, 15))
    assert str(refused.value) == (
        "Dagen er allerede bekreftet. En ansatt kan rette den på siden Oppmøte."
    )
    visit = await CheckIn.get()
    assert visit.out_at == at(12)
    record = await AttendanceDay.get()
    assert (record.status, Decimal(record.hours)) == ("present", Decimal("3.00"))
    assert await AuditEvent.filter(action="checkin.back").count() == 0


async def test_a_short_visit_waits_with_its_minutes_and_is_recorded_by_hand(
    world: World,
) -> None:
    tablet, _token = await _paired(world)
    await door.tap(tablet, world.kari.id, TapAction.IN, at(9), "in-1", at(9))
    (still_in,) = await proposals.waiting(world.unit.id, at(9).date())
    assert (still_in.too_short, still_in.minutes) == (False, None)
    await door.tap(tablet, world.kari.id, TapAction.OUT, at(9, 5), "out-1", at(9, 5))
    (short,) = await proposals.waiting(world.unit.id, at(9, 6).date())
    assert (short.hours, short.confirmable, short.too_short, short.minutes) == (
        None,
        False,
        True,
        5,
    )
    with pytest.raises(RuleError, match="for kort"):
        await proposals.confirm(world.contact, short.id, at(9, 6))
    # Staff record it by hand, as any day: the visit no longer waits.
    await marking.mark_day(world.kari, at(9).date(), AttendanceStatus.PRESENT, Decimal("0.25"),
                           actor_staff=world.contact, now=at(9, 10))  # fmt: skip
    assert await proposals.waiting(world.unit.id, at(9, 10).date()) == []


async def test_a_visit_becomes_a_confirmed_day_paid_16_kroner_an_hour(world: World) -> None:
    tablet, _token = await _paired(world)
    await door.tap(tablet, world.kari.id, TapAction.IN, at(9, 2), "in-1", at(9, 2))
    (still_in,) = await proposals.waiting(world.unit.id, at(12).date())
    assert still_in.hours is None and not still_in.confirmable
    with pytest.raises(RuleError, match="ikke sjekket ut"):
        await proposals.confirm(world.contact, still_in.id, at(12))
    await door.tap(tablet, world.kari.id, TapAction.OUT, at(13, 53), "out-1", at(13, 53))
    (proposal,) = await proposals.waiting(world.unit.id, at(14).date())
    assert proposal.hours == Decimal("4.75")  # 4 h 51 min: nearest quarter
    assert await AttendanceDay.all().count() == 0  # nothing is confirmed by itself
    record = await proposals.confirm(world.contact, proposal.id, at(14))
    assert record.status == "present" and Decimal(record.hours) == Decimal("4.75")
    assert record.confirmed_by_name == "Lise Kontakt"
    assert await proposals.waiting(world.unit.id, at(14).date()) == []
    statement = await payroll.participant_statement(world.kari, 2026, 4)
    assert statement.hours == Decimal("4.75") and statement.amount_ore == 7600  # 4.75 x 16 kr


async def test_a_visit_over_a_reported_absence_asks_first(world: World) -> None:
    tablet, _token = await _paired(world)
    await door.tap(tablet, world.kari.id, TapAction.IN, at(9), "a", at(9))
    await door.tap(tablet, world.kari.id, TapAction.OUT, at(12), "b", at(12))
    await Absence.create(participant=world.kari, day=at(9).date(), category=AbsenceCategory.SICK,
                         reporter_name="Kari", channel="telegram")  # fmt: skip
    (proposal,) = await proposals.waiting(world.unit.id, at(12).date())
    with pytest.raises(AbsenceReported):
        await proposals.confirm(world.leader, proposal.id, at(12))
    record = await proposals.confirm(world.leader, proposal.id, at(12), end_absence=True)
    assert Decimal(record.hours) == Decimal("3.00")


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (1200, 900), (200, 80, 40))
    exif = Image.Exif()
    exif[0x010F] = "Kameramerke"  # Make
    exif[0x0132] = "2026:04:07 09:00:00"  # DateTime
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


async def test_a_photo_is_kept_with_consent_only_small_and_without_metadata(world: World) -> None:
    upload = _jpeg_with_exif()
    assert b"Kameramerke" in upload
    with pytest.raises(RuleError, match="samtykket"):
        await pictures.save(world.leader, world.kari, MORNING, symbol="sun", consent=False,
                            upload=upload)  # fmt: skip
    assert await ParticipantPicture.all().count() == 0
    saved = await pictures.save(world.leader, world.kari, MORNING, symbol="sun", consent=True,
                                upload=upload)  # fmt: skip
    assert saved.photo is not None and b"Kameramerke" not in saved.photo
    with Image.open(io.BytesIO(saved.photo)) as stored:
        assert stored.format == "JPEG" and stored.size == (480, 360)
        assert not stored.getexif() and "exif" not in stored.info
    assert saved.photo_consent_by == "staff:S2"
    tablet, _token = await _paired(world)
    (tile,) = (await door.board(tablet, MORNING)).tiles
    assert tile.photo and tile.symbol == "☀️"
    assert await door.photo(tablet, world.kari.id) == saved.photo
    # Consent withdrawn: the photo is gone at once, the symbol stays.
    withdrawn = await pictures.save(world.leader, world.kari, MORNING, symbol="sun", consent=False)
    assert withdrawn.photo is None and withdrawn.photo_consent_at is None
    assert await door.photo(tablet, world.kari.id) is None
    assert await AuditEvent.filter(action="picture.change").count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Velg et bilde"),
        (b"GIF89a" + b"\0" * 40, "ikke et bilde som kan leses"),
        (b"%PDF-1.4 not a picture", "ikke et bilde som kan leses"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 100, "ikke et bilde som kan leses"),  # a broken JPEG
        (b"x" * (photos.MAX_UPLOAD_BYTES + 1), "for stort"),
    ],
)
def test_a_file_that_is_not_a_usable_picture_is_refused_in_words(data: bytes, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        photos.reencode(data)


def test_a_gif_is_refused_as_a_type() -> None:
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    with pytest.raises(RuleError, match="JPEG, PNG eller WebP"):
        photos.reencode(out.getvalue())


def test_a_picture_of_too_many_pixels_is_refused_before_decoding() -> None:
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, "PNG")  # 48 million pixels, a small file
    with pytest.raises(RuleError, match="for mange piksler"):
        photos.reencode(out.getvalue())
