"""The one error type for refused input: a translatable message and its parameters."""

from __future__ import annotations

from collections.abc import Callable


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is shown."""
    return message


class Msgid(str):
    """A parameter that is itself a message (a field's name, say): translated on render."""


class RuleError(Exception):
    """Input broke a rule. `message` is a gettext msgid with `{name}` fields."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message.format(**params))
        self.message = message
        self.params = params

    def render(self, gettext: Callable[[str], str]) -> str:
        params = {k: gettext(v) if isinstance(v, Msgid) else v for k, v in self.params.items()}
        return gettext(self.message).format(**params)
