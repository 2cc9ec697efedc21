"""A refusal a person meets in the browser (403, 404, 413) is a page of the site: its words in
the person's language, the menu when they are signed in, and a way back home.

Only for a browser asking for HTML: the JSON API, the webhook and the feeds keep their
plain answers, and so does any client that does not ask for a page.
"""

from __future__ import annotations

from aiohttp import web

from backend.shared.errors import N_
from backend.web.keys import GETTEXT
from backend.web.render import render
from backend.web.security import is_api

TITLES = {
    403: N_("Ikke tilgang"),
    404: N_("Fant ikke siden"),
    413: N_("For stort"),
}


def _wants_page(request: web.Request) -> bool:
    return "text/html" in request.headers.get("Accept", "") and not is_api(request)


@web.middleware
async def refusal_page_middleware(request: web.Request, handler: web.Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPException as error:
        if error.status not in TITLES or not _wants_page(request):
            raise
        if error.status == 413:  # aiohttp's own words, in English, before any handler ran
            message = request[GETTEXT](N_("Det som ble sendt, er for stort. Send en mindre fil."))
        elif (
            error.content_type == "text/plain" and error.text and not error.text.startswith("404:")
        ):
            message = error.text
        else:  # aiohttp's own "404: Not Found" for a path that is no page
            message = request[GETTEXT](N_("Siden finnes ikke. Sjekk adressen."))
        return render(
            request,
            "refused.html",
            {"title": TITLES[error.status], "message": message},
            status=error.status,
        )
