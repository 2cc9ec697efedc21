"""The callback context every handler gets: who is writing, in which language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram.ext import Application, CallbackContext, ExtBot

from backend.models import LinkRole, TelegramLink
from backend.shared.i18n import Gettext, gettext_for, normalise_language


@dataclass
class Viewer:
    """The Telegram user of this update and the links that are in force for them."""

    telegram_user_id: int
    chat_id: int
    first_name: str
    language: str
    links: list[TelegramLink] = field(default_factory=list)

    @property
    def is_linked(self) -> bool:
        return bool(self.links)

    @property
    def staff_link(self) -> TelegramLink | None:
        return next((link for link in self.links if link.role == LinkRole.STAFF), None)

    @property
    def participant_links(self) -> list[TelegramLink]:
        return [link for link in self.links if link.role != LinkRole.STAFF]


class BotContext(CallbackContext[ExtBot[None], dict, dict, dict]):
    """Carries the viewer (set by the first handler group) and their translations."""

    def __init__(
        self, application: Application, chat_id: int | None = None, user_id: int | None = None
    ):
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.viewer: Viewer | None = None

    @property
    def language(self) -> str:
        return self.viewer.language if self.viewer else normalise_language(None)

    @property
    def _(self) -> Gettext:
        return gettext_for(self.language)

    @property
    def tz(self) -> ZoneInfo:
        return self.bot_data["tz"]

    def now(self) -> datetime:
        """Local time now; tests put their own clock in bot_data."""
        clock = self.bot_data.get("clock")
        return clock() if clock else datetime.now(self.tz)
