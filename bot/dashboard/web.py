"""The request's actor, templates and the small answers every page shares."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web
from telegram import Bot

from bot.services import Services

TEMPLATES = Path(__file__).parent / "templates"
SERVICES: web.AppKey[Services] = web.AppKey("services", Services)
BOT: web.AppKey[Bot] = web.AppKey("bot", Bot)  # the bot's own, for what a page changes in the chat
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@dataclass(frozen=True)
class Actor:
    """Who is asking, and the credential their forms' CSRF token is bound to."""

    user_id: int
    credential: str
    via: str  # "miniapp" or "session"


ACTOR: web.RequestKey[Actor] = web.RequestKey("actor", Actor)


def services_of(request: web.Request) -> Services:
    return request.app[SERVICES]


def bot_of(request: web.Request) -> Bot:
    return request.app[BOT]


def actor_of(request: web.Request) -> Actor:
    if ACTOR not in request:
        raise web.HTTPUnauthorized(text="Sign in first.")
    return request[ACTOR]


def _key(services: Services) -> bytes:
    # A key of the dashboard's own, derived from the bot token: nothing more to configure or leak.
    return hmac.new(services.settings.token().encode(), b"ktp-dashboard-csrf", hashlib.sha256).digest()


def csrf_token(services: Services, credential: str) -> str:
    return hmac.new(_key(services), credential.encode(), hashlib.sha256).hexdigest()


def csrf_ok(services: Services, credential: str, given: str) -> bool:
    return bool(given) and hmac.compare_digest(csrf_token(services, credential), given)


def page(request: web.Request, template: str, status: int = 200, **values: Any) -> web.Response:
    """A page rendered for the signed-in actor (or for nobody, on the sign-in pages)."""
    actor = actor_of(request) if ACTOR in request else None
    csrf = csrf_token(services_of(request), actor.credential) if actor is not None else ""
    html = _ENV.get_template(template).render(csrf=csrf, actor=actor, **values)
    return web.Response(text=html, content_type="text/html", charset="utf-8", status=status)


def see_other(location: str) -> web.HTTPSeeOther:
    return web.HTTPSeeOther(location)


def number(request: web.Request, name: str) -> int:
    text = request.match_info.get(name, "")
    if not text.isdigit():
        raise web.HTTPNotFound(text="Not found.")
    return int(text)
