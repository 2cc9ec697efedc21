"""Sends what the outbox holds through the bot, and records the outcome."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from backend.services import links as link_service
from backend.services import outbox
from bot.context import BotContext
from bot.notifications import render

log = logging.getLogger(__name__)
RETRY_LATER = timedelta(minutes=1)


async def deliver_outbox(bot: Bot, now: datetime) -> int:
    """One pass: claim what is due, send it, mark it. Returns how many were sent."""
    sent = 0
    for message in await outbox.claim_due(now):
        if message.chat_id is None:
            continue  # e-mail is delivered by the mail sender
        try:
            text = render(message.template, message.params, message.language)
            await bot.send_message(message.chat_id, text)
        except RetryAfter as error:
            seconds = error.retry_after
            delay = seconds if isinstance(seconds, timedelta) else timedelta(seconds=seconds)
            await outbox.mark_failed(message, str(error), retry_at=now + delay)
        except Forbidden as error:
            await link_service.mark_blocked(message.chat_id, now)
            await outbox.mark_failed(message, str(error), retry_at=None)
        except BadRequest as error:
            await outbox.mark_failed(message, str(error), retry_at=None)
        except NetworkError as error:
            await outbox.mark_failed(message, str(error), retry_at=now + RETRY_LATER)
        except Exception as error:  # a template bug must not stop the other messages
            log.exception("outbox message %s failed", message.id)
            await outbox.mark_failed(message, repr(error), retry_at=None)
        else:
            await outbox.mark_sent(message, now)
            sent += 1
    return sent


async def deliver_now(context: BotContext) -> None:
    """Send what a handler just wrote to the outbox, without waiting for the next tick."""
    await deliver_outbox(context.bot, context.now())
