""" "Call us": the unit's phone number in the text (clients make it tap-to-call; inline
buttons cannot carry tel: links) and who to ask for."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from backend.models import LinkRole
from backend.people.contact_rules import needs_new_contact
from bot.context import BotContext
from bot.handlers.common import reply, unknown_button
from bot.keyboards import with_back


async def show_call(update: Update, context: BotContext) -> None:
    viewer = context.viewer
    assert viewer is not None
    _ = context._
    links = viewer.participant_links
    if not links:
        await unknown_button(update, context)
        return
    blocks: list[str] = []
    seen: set[tuple[int, int | None]] = set()
    for link in links:
        participant = link.participant
        unit, contact = participant.unit, participant.contact
        key = (unit.id, contact.id if contact else None)
        if key in seen:
            continue
        seen.add(key)
        lines = []
        if unit.phone:
            lines.append(_("📞 Ring {unit}: {phone}").format(unit=unit.name, phone=unit.phone))
        else:
            lines.append(
                _("{unit} har ikke lagt inn et telefonnummer ennå.").format(unit=unit.name)
            )
        if not needs_new_contact(contact):
            if link.role == LinkRole.PARTICIPANT:
                lines.append(
                    _("Spør etter {contact}. Det er kontaktpersonen din.").format(
                        contact=contact.name
                    )
                )
            else:
                lines.append(
                    _("Spør etter {contact}. Det er kontaktpersonen til {name}.").format(
                        contact=contact.name, name=participant.name
                    )
                )
        blocks.append("\n".join(lines))
    await reply(update, context, "\n\n".join(blocks), with_back([], _))


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(show_call, pattern=r"^call$"))
