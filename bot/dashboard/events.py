"""A cohort's events (list, add with pickers, cancel) and its calendar (terms, holidays, in-service)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.dashboard.web import actor_of, number, page, see_other, services_of
from bot.usecases import events
from bot.usecases.coordination import Coordination
from scheduler.cohort_calendar import CohortCalendar, parse_form

routes = web.RouteTableDef()


@routes.get("/cohorts/{cohort}/events")
async def event_list(request: web.Request) -> web.Response:
    return await _event_page(request)


async def _event_page(request: web.Request, problem: str = "") -> web.Response:
    services, actor = services_of(request), actor_of(request)
    cohort = await Coordination(services, actor.user_id).check(number(request, "cohort"))
    rows = await events.cohort_events(services, actor.user_id, cohort.id)
    finished = await events.finished_events(services, actor.user_id, cohort.id)
    zone = ZoneInfo(services.settings.timezone)
    return page(request, "events.html", cohort=cohort, rows=rows, finished=finished, zone=zone,
                problem=problem,
                title=f"{cohort.name}: events", status=400 if problem else 200)


def _moment(day: str, time: str, zone: ZoneInfo) -> datetime:
    return datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=zone)


@routes.post("/cohorts/{cohort}/events")
async def add_event(request: web.Request) -> web.Response:
    services, actor = services_of(request), actor_of(request)
    form = await request.post()
    value = {k: str(form.get(k, "")).strip() for k in ("title", "kind", "day", "start", "end", "place",
                                                        "description")}
    zone = ZoneInfo(services.settings.timezone)
    try:
        starts = _moment(value["day"], value["start"], zone)
        ends = _moment(value["day"], value["end"], zone)
        await events.add_event(services, actor.user_id, number(request, "cohort"), value["title"],
                               value["kind"], starts, ends, value["place"], value["description"])
    except ValueError:
        return await _event_page(request, "An event needs a title, a kind, a day and an end after its start.")
    raise see_other(f"/cohorts/{number(request, 'cohort')}/events")


@routes.post("/events/{event}/cancel")
async def cancel_event(request: web.Request) -> web.Response:
    event, _ = await events.cancel_event(services_of(request), actor_of(request).user_id,
                                         number(request, "event"))
    raise see_other(f"/cohorts/{event.cohort_id}/events")


@routes.get("/events/{event}")
async def event_page(request: web.Request) -> web.Response:
    return await _detail_page(request)


async def _detail_page(request: web.Request, problem: str = "") -> web.Response:
    services, actor = services_of(request), actor_of(request)
    detail = await events.event_detail(services, actor.user_id, number(request, "event"))
    cohort = await Coordination(services, actor.user_id).check(detail.event.cohort_id)
    upcoming = detail.event.starts_at > services.clock.now()
    return page(request, "event.html", cohort=cohort, detail=detail, e=detail.event, problem=problem,
                zone=ZoneInfo(services.settings.timezone), upcoming=upcoming,
                saved="saved" in request.query and not problem, title=f"{cohort.name}: {detail.event.title}",
                status=400 if problem else 200)


@routes.post("/events/{event}/edit")
async def edit_event(request: web.Request) -> web.Response:
    """Title, day, times and place; those going are told by the chat's own changed notice."""
    services, form = services_of(request), await request.post()
    value = {k: str(form.get(k, "")).strip() for k in ("title", "day", "start", "end", "place")}
    zone, event_id = ZoneInfo(services.settings.timezone), number(request, "event")
    try:
        starts, ends = _moment(value["day"], value["start"], zone), _moment(value["day"], value["end"], zone)
        await events.edit_event(services, actor_of(request).user_id, event_id, starts, ends, value["place"],
                                value["title"])
    except ValueError:
        return await _detail_page(request, "Nothing was changed: an event needs a title, a day and an "
                                           "end after its start.")
    raise see_other(f"/events/{event_id}?saved=1")


@routes.get("/cohorts/{cohort}/calendar")
async def calendar(request: web.Request) -> web.Response:
    return await _calendar_page(request)


async def _calendar_page(request: web.Request, problems: list[str] | None = None) -> web.Response:
    cohort = await Coordination(services_of(request), actor_of(request).user_id).check(
        number(request, "cohort"))
    current = CohortCalendar.model_validate(cohort.calendar)
    return page(request, "calendar.html", cohort=cohort, calendar=current, problems=problems or [],
                title=f"{cohort.name}: calendar", status=400 if problems else 200)


@routes.post("/cohorts/{cohort}/calendar")
async def set_calendar(request: web.Request) -> web.Response:
    form = await request.post()
    fields = {k: [str(v) for v in form.getall(k, [])] for k in
              ("term_start", "term_end", "holiday_start", "holiday_end", "holiday_name", "in_service")}
    parsed, problems = parse_form(fields)
    if parsed is None:
        return await _calendar_page(request, problems)
    cohort_id = number(request, "cohort")
    coordination = Coordination(services_of(request), actor_of(request).user_id)
    await coordination.set_calendar(cohort_id, parsed.stored())
    raise see_other(f"/cohorts/{cohort_id}/calendar?saved=1")
