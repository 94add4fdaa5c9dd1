"""The cohorts page (figures, invite and QR, new cohort, rename) and a cohort's progress page."""

from __future__ import annotations

import segno
from aiohttp import web
from markupsafe import Markup

from bot.dashboard import charts
from bot.dashboard.web import actor_of, number, page, see_other, services_of
from bot.usecases.cohort_stats import FEW, confidence_words, count_words, shown
from bot.usecases.coordination import Coordination
from bot.usecases.roles import is_admin

routes = web.RouteTableDef()


def _coordination(request: web.Request) -> Coordination:
    return Coordination(services_of(request), actor_of(request).user_id)


def _qr(link: str, name: str) -> Markup:
    svg = segno.make(link, error="m").svg_inline(scale=4, title=f"QR code for {name}", svgclass="qr")
    return Markup(svg)


@routes.get("/")
async def cohorts(request: web.Request) -> web.Response:
    coordination = _coordination(request)
    rows = [{"cohort": c, "summary": s, "link": coordination.link(c), "qr": _qr(coordination.link(c), c.name),
             "calendar_set": any(c.calendar.get(k) for k in ("terms", "holidays", "in_service"))}
            for c, s in await coordination.overview()]
    return page(request, "cohorts.html", rows=rows, title="Your cohorts", counted=count_words,
                admin=is_admin(services_of(request), actor_of(request).user_id))


@routes.post("/cohorts")
async def new_cohort(request: web.Request) -> web.Response:
    name = str((await request.post()).get("name", "")).strip()
    if not name:
        raise web.HTTPBadRequest(text="Give the cohort a name.")
    cohort = await _coordination(request).create(name)
    raise see_other(f"/#cohort-{cohort.id}")


@routes.post("/cohorts/{cohort}/rename")
async def rename(request: web.Request) -> web.Response:
    name = str((await request.post()).get("name", "")).strip()
    if not name:
        raise web.HTTPBadRequest(text="Give the cohort a name.")
    cohort = await _coordination(request).rename(number(request, "cohort"), name)
    raise see_other(f"/#cohort-{cohort.id}")


@routes.post("/cohorts/{cohort}/invite")
async def invite(request: web.Request) -> web.Response:
    change = str((await request.post()).get("change", ""))
    if change not in {"rotate", "close", "open"}:
        raise web.HTTPBadRequest(text="Rotate, close or open.")
    cohort = await _coordination(request).invite(number(request, "cohort"), change)
    raise see_other(f"/#cohort-{cohort.id}")


@routes.get("/cohorts/{cohort}")
async def progress(request: web.Request) -> web.Response:
    coordination = _coordination(request)
    cohort, summary = await coordination.stats(number(request, "cohort"))
    quiet = await coordination.gone_quiet(cohort.id)
    return page(request, "progress.html", cohort=cohort, summary=summary, hardest=summary.hardest,
                few=FEW, hidden_questions=summary.hidden_questions, shown=shown,
                words=confidence_words, counted=count_words, quiet=quiet,
                funnel=charts.funnel(summary), confidence=charts.confidence(summary.modules),
                title=f"{cohort.name}: progress")
