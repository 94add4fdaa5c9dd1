"""The practice board's queue on the dashboard: offered and reported tips, published with one
press or declined with a reason the author sees. The same use cases as /tips in the chat, so the
checks (the tip's cohort is the coordinator's), the audit and the author's news are the same."""

from __future__ import annotations

from aiohttp import web

from bot.dashboard.web import actor_of, number, page, see_other, services_of
from bot.usecases.tip_desk import TipDesk
from bot.views import board as views

routes = web.RouteTableDef()


@routes.get("/cohorts/{cohort}/tips")
async def queue(request: web.Request) -> web.Response:
    return await _queue_page(request)


async def _queue_page(request: web.Request, problem: str = "", cohort_id: int | None = None) -> web.Response:
    services, actor = services_of(request), actor_of(request)
    desk = TipDesk(services, actor.user_id)
    cohort_id = number(request, "cohort") if cohort_id is None else cohort_id
    cohort = await desk.cohort(cohort_id)
    _, waiting, _ = await desk.queue(cohort.id)
    return page(request, "tips.html", cohort=cohort, waiting=waiting, problem=problem,
                done=request.query.get("done", ""), title=f"{cohort.name}: tips to review",
                status=400 if problem else 200)


@routes.post("/tips/{tip}/publish")
async def publish(request: web.Request) -> web.Response:
    desk = TipDesk(services_of(request), actor_of(request).user_id)
    tip = await desk.tip(number(request, "tip"))
    done = "published" if await desk.approve(tip.id, views.published_news(tip)) else "gone"
    raise see_other(f"/cohorts/{tip.cohort_id}/tips?done={done}")


@routes.post("/tips/{tip}/decline")
async def decline(request: web.Request) -> web.Response:
    desk = TipDesk(services_of(request), actor_of(request).user_id)
    tip = await desk.tip(number(request, "tip"))
    reason = " ".join(str((await request.post()).get("reason", "")).split())
    if not reason:
        return await _queue_page(request, "Nothing was declined: write the reason the author will see.",
                                 tip.cohort_id)
    done = "declined" if await desk.decline(tip.id, reason, views.declined_news(tip, reason)) else "gone"
    raise see_other(f"/cohorts/{tip.cohort_id}/tips?done={done}")
