"""Handlers, one module per audience or flow; `register` adds them all in order."""

from __future__ import annotations

from telegram.ext import Application

from bot.handlers import (
    cafe,
    call,
    common,
    consent,
    language,
    messages,
    participant,
    pay,
    plan,
    start,
)
from bot.handlers.staff import menu as staff


def register(app: Application) -> None:
    common.register(app)
    start.register(app)
    participant.register(app)
    cafe.register(app)
    consent.register(app)
    language.register(app)
    call.register(app)
    messages.register(app)  # typed text and voice: after other text handlers
    plan.register(app)
    pay.register(app)
    staff.register(app)  # the staff's commands and buttons (bot/handlers/staff/)
    common.register_fallbacks(app)
