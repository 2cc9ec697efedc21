"""Every text the outbox sends, by template name, each area's listed here by hand.

A chat template gives the text; an e-mail template gives (subject, body). Both are
rendered in the recipient's language at send time. A new message: write its renderer
in the area's `texts.py`, add it to that module's TEMPLATES, and it is listed here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.absence import texts as absence_texts
from backend.attendance import texts as attendance_texts
from backend.intake import texts as intake_texts
from backend.links import texts as links_texts
from backend.nav_lists import texts as nav_list_texts
from backend.people import texts as people_texts
from backend.reminders import texts as reminder_texts
from backend.shared.i18n import Gettext, gettext_for
from backend.voice import texts as voice_texts

Render = Callable[[dict[str, Any], Gettext, str], str]
EmailTemplate = Callable[[dict[str, Any], Gettext, str], tuple[str, str]]

TEMPLATES: dict[str, Render] = {
    **attendance_texts.TEMPLATES,
    **people_texts.TEMPLATES,
    **nav_list_texts.TEMPLATES,
    **absence_texts.TEMPLATES,
    **links_texts.TEMPLATES,
    **reminder_texts.TEMPLATES,
    **intake_texts.TEMPLATES,
    **voice_texts.TEMPLATES,
}
# E-mail-only templates with a subject of their own.
EMAIL_TEMPLATES: dict[str, EmailTemplate] = {
    **absence_texts.EMAIL_TEMPLATES,
    **nav_list_texts.EMAIL_TEMPLATES,
    **intake_texts.EMAIL_TEMPLATES,
}


def render(template: str, params: dict[str, Any], language: str) -> str:
    return TEMPLATES[template](params, gettext_for(language), language)
