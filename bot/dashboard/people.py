"""The people page (admins only): coordinator invite links, removing a coordinator, who coordinates what."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import groupby

from aiohttp import web

from bot.dashboard.web import actor_of, bot_of, page, see_other, services_of
from bot.ptb.menus import refresh_menu
from bot.usecases.people import INVITE_DAYS, People

routes = web.RouteTableDef()


def _people(request: web.Request) -> People:
    return People(services_of(request), actor_of(request).user_id)  # NotAllowed (403) for non-admins


async def _page(request: web.Request, people: People, made_for: str = "", link: str = "") -> web.Response:
    cohorts = await people.cohorts()
    rows = await people.coordinators()
    by_cohort = {cid: list(group) for cid, group in groupby(rows, key=lambda r: r.cohort_id)}
    return page(request, "people.html", cohorts=cohorts, by_cohort=by_cohort, days=INVITE_DAYS,
                admin=True, title="People", made_for=made_for, link=link)


def _field(form: Mapping[str, object], name: str) -> int:
    text = str(form.get(name, ""))
    if not text.isdigit():
        raise web.HTTPBadRequest(text=f"Choose the {name}.")
    return int(text)


@routes.get("/people")
async def people(request: web.Request) -> web.Response:
    return await _page(request, _people(request))


@routes.post("/people/invite")
async def invite(request: web.Request) -> web.Response:
    """The link is shown once, on this page, and never put in a URL: it is a key to a cohort."""
    admin = _people(request)
    cohort, link = await admin.invite(_field(await request.post(), "cohort"))
    return await _page(request, admin, made_for=cohort.name, link=link)


@routes.post("/people/remove")
async def remove(request: web.Request) -> web.Response:
    form = await request.post()
    user = _field(form, "user")
    await _people(request).remove(user, _field(form, "cohort"))
    await refresh_menu(bot_of(request), services_of(request), user)  # a learner's menu again, if so
    raise see_other("/people")
