"""/login: a one-time link to the staff web pages, valid for ten minutes, used once.

Callback data: `msr:<message id>`, "sign in and read" under a participant's message.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import LinkPreviewOptions, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from backend.access import sign_in as auth
from backend.shared.config import Settings
from backend.shared.errors import RuleError
from bot.callbacks import Button
from bot.context import BotContext
from bot.handlers.common import unknown_button
from bot.handlers.staff.common import answer_refusal, refuse_not_staff, staff_of


@dataclass(frozen=True)
class ReadMessage(Button):
    """Sign in and read this participant's message on the web pages."""

    prefix = "msr"
    message_id: int


def web_url(context: BotContext) -> str:
    settings: Settings | None = context.bot_data.get("settings")
    return settings.web_url if settings is not None else "http://127.0.0.1:8080"


async def login(update: Update, context: BotContext, after: str | None = None) -> None:
    """Send a one-time sign-in link; `after` is the page it opens (else the overview)."""
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
    if update.callback_query is not None:
        await update.callback_query.answer()
    url = f"{web_url(context)}{path}" + (f"?next={after}" if after else "")
    text = _(
        "Her er lenken til nettsidene. Den virker i 10 minutter og bare én gang:\n{url}"
    ).format(url=url)
    # No preview: the link is for this person's browser only.
    await context.bot.send_message(
        context.viewer.chat_id, text, link_preview_options=LinkPreviewOptions(is_disabled=True)
    )


async def read_message(update: Update, context: BotContext) -> None:
    """ "Logg inn og les" under a participant's message: a sign-in link to that message
    (the page itself shows it to the participant's contact person only)."""
    query = update.callback_query
    assert query is not None
    tapped = ReadMessage.unpack(query.data)
    if tapped is None:
        await unknown_button(update, context)
        return
    await login(update, context, after=f"/messages/{tapped.message_id}")


def register(app: Application) -> None:
    app.add_handler(CommandHandler(["login", "logginn"], login))
    app.add_handler(CallbackQueryHandler(read_message, pattern=ReadMessage.pattern()))
