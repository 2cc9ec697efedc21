"""A local stand-in for the Telegram Bot API, for tests and demos (aiohttp + stdlib only)."""

from .server import DEFAULT_PERSONAS, TelegramStandin
from .state import ApiError, SentMessage

__all__ = ["DEFAULT_PERSONAS", "ApiError", "SentMessage", "TelegramStandin"]
