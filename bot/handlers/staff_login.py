"""/login: a one-time link to the staff web pages, valid for ten minutes, used once."""

from __future__ import annotations

from telegram import LinkPreviewOptions, Update
from telegram.ext import Application, CommandHandler

from backend.config import Settings
from backend.domain.errors import RuleError
from backend.services import auth
from bot.context import BotContext
from bot.handlers.staff import answer_refusal, refuse_not_staff, staff_of


def web_url(context: BotContext) -> str:
    settings: Settings | None = context.bot_data.get("settings")
    return settings.web_url if settings is not None else "http://127.0.0.1:8080"


async def login(update: Update, context: BotContext) -> None:
    staff = staff_of(context)
    if staff is None:
        await refuse_not_staff(update, context)
        return
    assert context.viewer is not None
    try:
        path = await auth.issue_login_link(staff, context.now())
    except RuleError as error:
        await answer_refusal(update, context, error)
        return
    _ = context._
    text = _(
        "Her er lenken til nettsidene. Den virker i 10 minutter og bare én gang:\n{url}"
    ).format(url=f"{web_url(context)}{path}")
    # No preview: the link is for this person's browser only.
    await context.bot.send_message(
        context.viewer.chat_id, text, link_preview_options=LinkPreviewOptions(is_disabled=True)
    )


def register(app: Application) -> None:
    app.add_handler(CommandHandler(["login", "logginn"], login))
