"""Broadcasts: compose, preview as learners will see it, send now or later, progress and counts."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from aiohttp import web
from markupsafe import Markup

from bot.dashboard.web import actor_of, number, page, see_other, services_of
from bot.usecases.coordination import Coordination, can_send_at
from lessons.markup import message_problem

routes = web.RouteTableDef()
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_HREF = re.compile(r'href\s*=\s*"((?:https?|tg)://[^"]*)"', re.IGNORECASE)


def preview(text: str) -> Markup:
    """Checked Telegram HTML as a browser shows it; attributes other than safe links are dropped."""
    def tag(match: re.Match[str]) -> str:
        closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
        if closing or name != "a":
            return f"<{closing}{name}>"
        href = _HREF.search(attrs)
        return f'<a href="{escape(href.group(1))}" rel="noopener noreferrer">' if href else "<a>"
    return Markup(_TAG.sub(tag, text).replace("\n", "<br>"))


def _coordination(request: web.Request) -> Coordination:
    return Coordination(services_of(request), actor_of(request).user_id)


@routes.get("/cohorts/{cohort}/broadcasts")
async def compose(request: web.Request) -> web.Response:
    return await _compose_page(request)


async def _compose_page(request: web.Request, problem: str = "", text: str = "") -> web.Response:
    coordination = _coordination(request)
    cohort = await coordination.check(number(request, "cohort"))
    past = await coordination.broadcasts(cohort.id)
    return page(request, "broadcasts.html", cohort=cohort, past=past, problem=problem, text=text,
                title=f"{cohort.name}: broadcasts", status=400 if problem else 200)


@routes.post("/cohorts/{cohort}/broadcasts")
async def draft(request: web.Request) -> web.Response:
    services, form = services_of(request), await request.post()
    text, day, time = (str(form.get(k, "")).strip() for k in ("text", "day", "time"))
    problem = message_problem(text)
    send_at = None
    if not problem and (day or time):
        try:
            zone = ZoneInfo(services.settings.timezone)
            send_at = datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=zone)
        except ValueError:
            problem = "give both a day and a time to schedule it"
        if send_at is not None and not can_send_at(services, send_at):
            problem = "a scheduled message must be in the future, on a weekday, outside the evening"
    if problem:
        return await _compose_page(request, f"Nothing was saved: {problem}.", text)
    broadcast_id, _ = await _coordination(request).draft(number(request, "cohort"), text, send_at)
    raise see_other(f"/broadcasts/{broadcast_id}")


@routes.get("/broadcasts/{broadcast}")
async def status(request: web.Request) -> web.Response:
    coordination = _coordination(request)
    item, counts = await coordination.broadcast_status(number(request, "broadcast"))
    cohort, reachable = await coordination.reachable(item.cohort_id)
    total = sum(counts.values())
    handled = counts.get("sent", 0) + counts.get("blocked", 0) + counts.get("failed", 0)
    zone = ZoneInfo(services_of(request).settings.timezone)
    return page(request, "broadcast.html", item=item, cohort=cohort, counts=counts, total=total,
                handled=handled, done=item.status == "queued" and handled == total, reachable=reachable,
                preview=preview(item.text), zone=zone, title=f"{cohort.name}: broadcast")


@routes.post("/broadcasts/{broadcast}/send")
async def send(request: web.Request) -> web.Response:
    broadcast_id = number(request, "broadcast")
    await _coordination(request).send_broadcast(broadcast_id)
    raise see_other(f"/broadcasts/{broadcast_id}")


@routes.post("/broadcasts/{broadcast}/cancel")
async def cancel(request: web.Request) -> web.Response:
    broadcast_id = number(request, "broadcast")
    await _coordination(request).cancel_broadcast(broadcast_id)
    raise see_other(f"/broadcasts/{broadcast_id}")
