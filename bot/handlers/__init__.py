"""Handlers, one module per audience or flow; `register` adds them all in order."""

from __future__ import annotations

from telegram.ext import Application

from bot.handlers import cafe, common, participant, start


def register(app: Application) -> None:
    common.register(app)
    start.register(app)
    participant.register(app)
    cafe.register(app)
    common.register_fallbacks(app)
