"""Sessions, roles and CSRF for every request, plus headers that keep pages private.

Order of checks in `access_middleware`: route known → guard declared → same-origin
for unsafe methods → signed in (session cookie, or a bearer token on /api/) → role
allowed → CSRF token (for cookie sessions on unsafe methods).
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from aiohttp import web
from yarl import URL

from backend.access import sign_in as auth
from backend.access.permissions import may
from backend.models import WebSession
from backend.shared.i18n import N_, gettext_for, normalise_language
from backend.web.guards import guard_of
from backend.web.keys import BEARER, CLOCK, GETTEXT, LANGUAGE, SESSION, STAFF
from backend.web.render import set_language

SESSION_COOKIE = "frammote_session"
LANGUAGE_COOKIE = "frammote_lang"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Routes added by create_app; others (the Telegram webhook) check their own secret.
OWN_RESOURCES = web.AppKey("own_resources", set[int])

NUL_REFUSED = N_(
    "Teksten har et usynlig tegn (NUL) som ikke kan lagres. Skriv teksten inn på nytt."
)

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def is_api(request: web.Request) -> bool:
    return request.path.startswith("/api/")


def is_https(request: web.Request) -> bool:
    # Behind a TLS-terminating proxy the scheme arrives in X-Forwarded-Proto.
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    return request.secure or forwarded == "https"


def set_session_cookie(
    request: web.Request, response: web.StreamResponse, value: str, max_age: int
) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="Lax",
        secure=is_https(request),
    )


def clear_session_cookie(response: web.StreamResponse) -> None:
    response.del_cookie(SESSION_COOKIE, path="/")


@web.middleware
async def header_middleware(request: web.Request, handler: web.Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as error:
        if is_api(request) and error.content_type != "application/json":
            error = _as_json(error)  # the API answers in JSON, even "not found"
        _secure_headers(request, error)
        raise error from None
    _secure_headers(request, response)
    return response


def _as_json(error: web.HTTPException) -> web.HTTPException:
    message = error.text if error.text and error.content_type == "text/plain" else error.reason
    converted = web.HTTPException(
        text=json.dumps({"error": message}), content_type="application/json", headers=None
    )
    converted.set_status(error.status, error.reason)
    for name in ("Allow", "Location"):
        if name in error.headers:
            converted.headers[name] = error.headers[name]
    return converted


def _secure_headers(request: web.Request, response: web.StreamResponse) -> None:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    # The login path holds a token: it must never travel to another site in a Referer.
    # ("no-referrer" would also make browsers send "Origin: null" on our own forms.)
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    if not request.path.startswith("/static/"):
        headers.setdefault("Cache-Control", "no-store")
    if is_https(request):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")


@web.middleware
async def language_middleware(request: web.Request, handler: web.Handler) -> web.StreamResponse:
    """Norwegian bokmål unless the person chose another language (a cookie)."""
    language = normalise_language(request.cookies.get(LANGUAGE_COOKIE))
    request[LANGUAGE] = language
    request[GETTEXT] = gettext_for(language)
    set_language(language)
    return await handler(request)


def _bearer(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


async def authenticate(request: web.Request) -> tuple[WebSession | None, bool]:
    """The session of the request, and whether it came as a bearer token."""
    now = request.app[CLOCK]()
    token = _bearer(request) if is_api(request) else None
    if token is not None:
        return await auth.session_for(token, now), True
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None, False
    return await auth.session_for(cookie, now), False


def _refuse(request: web.Request, status: int, message: str) -> web.HTTPException:
    if is_api(request):
        body = web.json_response({"error": message}, status=status)
        error = web.HTTPException(text=body.text, content_type="application/json")
        error.set_status(status)
        return error
    error = web.HTTPException(text=message, content_type="text/plain")
    error.set_status(status)
    return error


def _same_origin(request: web.Request) -> bool:
    """A browser names the page a form came from; it must be this site."""
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        # No Origin: not a modern browser's cross-site form. "null" is refused below.
        return origin is None
    return urlsplit(origin).netloc == request.host


def holds_nul(value: object) -> bool:
    """Whether a NUL character is anywhere in the value (strings, and lists, tuples and
    dicts of them, however deep)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)
    return False


async def _sent_nul(request: web.Request) -> bool:
    """NUL in the path, the query, a form's text or a JSON body's strings (files aside)."""
    if holds_nul(request.path) or holds_nul(list(request.query.items())):
        return True
    if request.method not in UNSAFE_METHODS or not request.can_read_body:
        return False
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()  # aiohttp keeps it: the handler reads it again
        return holds_nul([[k, v] for k, v in form.items() if isinstance(v, str)])
    if request.content_type == "application/json":
        try:
            body = json.loads(await request.read())  # kept too
        except (ValueError, RecursionError):
            return False  # not JSON: the handler refuses it
        return holds_nul(body)
    return False


async def _csrf_given(request: web.Request) -> str | None:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()  # aiohttp keeps it: the handler reads it again
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


@web.middleware
async def access_middleware(request: web.Request, handler: web.Handler) -> web.StreamResponse:
    match = request.match_info
    if match.http_exception is not None:
        return await handler(request)  # 404 or 405 as aiohttp answers them
    resource = match.route.resource
    if isinstance(resource, web.StaticResource):
        return await handler(request)
    guard = guard_of(match.handler)
    if guard is None:
        if resource is not None and id(resource) not in request.app[OWN_RESOURCES]:
            return await handler(request)  # added by the composition root, guards itself
        raise _refuse(request, 403, "route without a declared guard")
    _ = request[GETTEXT]
    if request.method in UNSAFE_METHODS and not _same_origin(request):
        raise _refuse(request, 403, _("Skjemaet kom fra en annen nettside."))
    if await _sent_nul(request):
        # PostgreSQL stores no NUL in text; the sender is told, and nothing is changed.
        raise _refuse(request, 400, _(NUL_REFUSED))
    if guard.action is None:
        return await handler(request)
    session, bearer = await authenticate(request)
    if session is None:
        if request.method == "GET" and not is_api(request):
            target = URL("/login").with_query(next=request.rel_url.path_qs)
            raise web.HTTPSeeOther(str(target))
        raise _refuse(request, 401, _("Du må logge inn."))
    staff = session.staff
    # A refusal page shows the menu (and the sign-out) of who is signed in.
    request[SESSION] = session
    request[STAFF] = staff
    if not may(staff.role, guard.action):
        raise _refuse(request, 403, _("Du har ikke tilgang til dette."))
    csrf_needed = request.method in UNSAFE_METHODS and not bearer
    if csrf_needed and not auth.csrf_matches(session, await _csrf_given(request)):
        expired = _("Skjemaet er utløpt. Gå tilbake, last siden på nytt og prøv igjen.")
        raise _refuse(request, 403, expired)
    request[SESSION] = session
    request[STAFF] = staff
    request[BEARER] = bearer
    return await handler(request)
