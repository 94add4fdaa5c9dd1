"""Every request: who is asking (Mini App initData or a session cookie), CSRF on forms, headers."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from aiohttp import web

from bot.dashboard.init_data import verify
from bot.dashboard.web import ACTOR, Actor, csrf_ok, services_of
from bot.usecases.coordination import NotAllowed
from bot.usecases.dashboard_access import session_user
from bot.usecases.roles import cohorts_for

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
INIT_DATA_HEADER = "X-Telegram-Init-Data"
SESSION_COOKIE = "ktp_session"
PUBLIC = ("/signin", "/app", "/static/", "/verify/")
# Telegram's web client frames the Mini App; nobody else may.
CSP = ("default-src 'none'; script-src 'self' https://telegram.org; style-src 'self'; img-src 'self' data:;"
       " connect-src 'self'; form-action 'self'; base-uri 'none';"
       " frame-ancestors https://web.telegram.org https://webk.telegram.org https://webz.telegram.org")


async def _actor(request: web.Request) -> Actor | None:
    services = services_of(request)
    init_data = request.headers.get(INIT_DATA_HEADER, "")
    if init_data:
        max_age = timedelta(seconds=services.settings.dashboard_init_data_seconds)
        user = verify(init_data, services.settings.token(), services.clock.now(), max_age)
        if user is None:
            return None
        return Actor(user.user_id, f"miniapp:{user.user_id}:{user.auth_date.timestamp():.0f}", "miniapp")
    session = request.cookies.get(SESSION_COOKIE, "")
    if session:
        user_id = await session_user(services, session)
        if user_id is not None:
            return Actor(user_id, f"session:{session}", "session")
    return None


@web.middleware
async def headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as refusal:
        response = refusal
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Sign-in links carry a secret in their query: never pass it on as a referrer.
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    if isinstance(response, web.HTTPException):
        if response.status >= 400:
            log.info("dashboard: %s %s refused (%d)", request.method, request.path, response.status)
        raise response
    return response


@web.middleware
async def access(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Only coordinators and admins get past here, and only with a valid CSRF token on a form."""
    if request.path.startswith(PUBLIC):
        return await handler(request)
    actor = await _actor(request)
    if actor is None:
        raise web.HTTPUnauthorized(text="Sign in first: send /dashboard to the bot.")
    if await cohorts_for(services_of(request), actor.user_id) is None:
        raise web.HTTPForbidden(text="This dashboard is for the coordinators of a cohort.")
    request[ACTOR] = actor
    if request.method == "POST":
        form = await request.post()
        if not csrf_ok(services_of(request), actor.credential, str(form.get("csrf", ""))):
            raise web.HTTPForbidden(text="This form has expired. Go back, reload the page and try again.")
    try:
        return await handler(request)
    except NotAllowed:
        raise web.HTTPForbidden(text="Only the coordinators of that cohort can see it.") from None
