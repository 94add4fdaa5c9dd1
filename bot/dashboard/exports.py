"""Exports: each CSV file of a cohort, pseudonymised, with what every column means."""

from __future__ import annotations

from aiohttp import web

from bot.dashboard.web import actor_of, number, page, services_of
from bot.usecases.coordination import Coordination
from bot.usecases.export import cohort_csv

routes = web.RouteTableDef()

FILES = {
    "answers.csv": "Quiz answers: learner (a pseudonym, the same in every file), step (the question's id), "
                   "choice (the option picked, from 0), correct (1 or 0), recall (1 when asked again later), "
                   "at (when, UTC).",
    "confidence.csv": "Confidence ratings: learner, statement, phase (before or after the module), "
                      "rating (1 to 5), at.",
    "feedback.csv": "End-of-module feedback: learner, step, feedback (their words), at.",
    "attendance.csv": "Events: learner, event (its number), title, answer (going or not), attended "
                      "(1, 0 or blank), will_try (what they said they would try).",
    "reflections.csv": "Reflections, only from learners who chose to share them: learner, step, "
                       "reflection, at.",
}


@routes.get("/cohorts/{cohort}/export")
async def exports(request: web.Request) -> web.Response:
    cohort = await Coordination(services_of(request), actor_of(request).user_id).check(
        number(request, "cohort"))
    return page(request, "exports.html", cohort=cohort, files=FILES, title=f"{cohort.name}: exports")


@routes.get("/cohorts/{cohort}/export/{name}")
async def download(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in FILES:
        raise web.HTTPNotFound(text="Not found.")
    cohort_id = number(request, "cohort")
    body = await cohort_csv(services_of(request), actor_of(request).user_id, cohort_id, name)
    return web.Response(body=body, content_type="text/csv", charset="utf-8", headers={
        "Content-Disposition": f'attachment; filename="cohort-{cohort_id}-{name}"'})
