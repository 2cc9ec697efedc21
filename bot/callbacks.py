"""Callback data: one small typed class per kind of button, packing and unpacking itself.

Callback data is at most 64 bytes and comes back from the client unchecked. A button kind
is a frozen dataclass with a `prefix` and typed fields (int, date, str, bool; a trailing
field may be optional). `pack()` writes `prefix:field:field`; `unpack(data)` reads it back,
strictly, and gives None for anything our buttons never carry, which a handler answers as
a stale or tampered button:

    @dataclass(frozen=True)
    class AbsenceList(Button):
        prefix = "abl"
        participant_id: int
        page: int | None = None

    AbsenceList(12, 1).pack() == "abl:12:1"
    AbsenceList.unpack("abl:12") == AbsenceList(12)

Ids are ASCII digits, at most nine of them (a database id); dates travel as `YYMMDD`;
booleans as `y`/`n`; a str field may be limited to `choices`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar, Self

from backend.shared.parse import number

CALLBACK_LIMIT = 64  # bytes, Telegram's limit
KINDS = (int, date, str, bool)


def stamp(day: date) -> str:
    return day.strftime("%y%m%d")


def unstamp(text: str) -> date:
    """`260407` → 7 April 2026; ValueError for anything else."""
    if not re.fullmatch(r"[0-9]{6}", text):
        raise ValueError(text)
    return datetime.strptime(text, "%y%m%d").date()


def parse(data: str, prefix: str, *kinds: type) -> tuple[Any, ...] | None:
    """`abk:12:260407` with kinds (int, date) → (12, date(2026, 4, 7)); None if malformed.

    Our buttons carry printable ASCII only, and ids of at most nine digits (a database id).
    """
    if not data.isascii() or not data.isprintable() or len(data) > CALLBACK_LIMIT:
        return None
    parts = data.split(":")
    if parts[0] != prefix or len(parts) != len(kinds) + 1:
        return None
    values: list[Any] = []
    try:
        for kind, raw in zip(kinds, parts[1:], strict=True):
            if kind is int:
                found = number(raw)
                if found is None:
                    return None
                values.append(found)
            elif kind is date:
                values.append(unstamp(raw))
            elif kind is bool:
                if raw not in ("y", "n"):
                    return None
                values.append(raw == "y")
            else:
                values.append(raw)
    except ValueError:
        return None
    return tuple(values)


@dataclass(frozen=True)
class Field:
    name: str
    kind: type
    optional: bool


def _field_kind(hint: Any) -> tuple[type, bool]:
    """`int` → (int, False); `date | None` → (date, True)."""
    args = typing.get_args(hint)
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        kinds = [a for a in args if a is not type(None)]
        assert len(kinds) == 1 and len(args) == 2, hint
        return _field_kind(kinds[0])[0], True
    assert hint in KINDS, hint
    return hint, False


@functools.cache
def _fields_of(cls: type) -> tuple[Field, ...]:
    """A button class's fields with their kinds, read once per class."""
    hints = typing.get_type_hints(cls)
    found = tuple(Field(f.name, *_field_kind(hints[f.name])) for f in dataclasses.fields(cls))
    optional = [f.optional for f in found]
    assert optional == sorted(optional), f"{cls.__name__}: optional fields come last"
    return found


@dataclass(frozen=True)
class Button:
    """The callback data of one kind of button; subclasses set `prefix` and the fields."""

    prefix: ClassVar[str]
    choices: ClassVar[Mapping[str, Collection[str]]] = {}  # str field → the values allowed

    @classmethod
    def fields(cls) -> tuple[Field, ...]:
        return _fields_of(cls)

    def pack(self) -> str:
        parts = [self.prefix]
        for field in self.fields():
            value = getattr(self, field.name)
            if value is None:
                assert field.optional, (self, field.name)
                break
            if field.kind is date:
                parts.append(stamp(value))
            elif field.kind is bool:
                parts.append("y" if value else "n")
            else:
                parts.append(str(value))
        data = ":".join(parts)
        assert self.unpack(data) == self, data
        return data

    @classmethod
    def unpack(cls, data: str | None) -> Self | None:
        """The button `data` packs, or None for anything else (stale, forged, too long)."""
        if data is None or len(data.encode()) > CALLBACK_LIMIT:
            return None
        fields = cls.fields()
        required = sum(not f.optional for f in fields)
        for count in range(len(fields), required - 1, -1):
            parsed = parse(data, cls.prefix, *(f.kind for f in fields[:count]))
            if parsed is not None:
                values = dict(zip((f.name for f in fields), parsed, strict=False))
                allowed = all(values[n] in c for n, c in cls.choices.items() if n in values)
                return cls(**values) if allowed else None
        return None

    @classmethod
    def pattern(cls) -> str:
        """For `CallbackQueryHandler(pattern=…)`: this prefix, with fields or without."""
        prefix = re.escape(cls.prefix)
        return rf"^{prefix}:" if dataclasses.fields(cls) else rf"^{prefix}$"
