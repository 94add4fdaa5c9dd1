"""Signing in and out: the Mini App shell, one-time links from the chat, and sign-out."""

from __future__ import annotations

from aiohttp import web

from bot.dashboard.guard import SESSION_COOKIE
from bot.dashboard.web import actor_of, csrf_ok, csrf_token, page, services_of
from bot.usecases.dashboard_access import end_session, open_session

routes = web.RouteTableDef()


@routes.get("/app")
async def mini_app(request: web.Request) -> web.Response:
    """The page Telegram opens: its script sends the signed initData with every request after."""
    return page(request, "app.html")


@routes.get("/signin")
async def signin_form(request: web.Request) -> web.Response:
    """A button, not an automatic sign-in: link previews and scanners must not spend the link."""
    token = request.query.get("t", "")
    services = services_of(request)
    return page(request, "signin.html", token=token,
                signin_csrf=csrf_token(services, f"signin:{token}") if token else "")


@routes.post("/signin")
async def signin(request: web.Request) -> web.Response:
    form = await request.post()
    token, services = str(form.get("t", "")), services_of(request)
    if not token or not csrf_ok(services, f"signin:{token}", str(form.get("csrf", ""))):
        raise web.HTTPForbidden(text="This sign-in form is not valid. Send /dashboard to the bot again.")
    session = await open_session(services, token)
    if session is None:
        return page(request, "signin.html", status=403, token="", signin_csrf="", refused=True)
    response = web.HTTPSeeOther("/")
    response.set_cookie(SESSION_COOKIE, session, httponly=True, secure=True, samesite="Strict", path="/",
                        max_age=services.settings.dashboard_session_hours * 3600)
    raise response


@routes.post("/signout")
async def signout(request: web.Request) -> web.Response:
    actor = actor_of(request)
    if actor.via == "session":
        await end_session(services_of(request), actor.credential.removeprefix("session:"), actor.user_id)
    response = web.HTTPSeeOther("/signin")
    response.del_cookie(SESSION_COOKIE, path="/")
    raise response
