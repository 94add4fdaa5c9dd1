"""Exports: each CSV file of a cohort, or all of them in one workbook, pseudonymised, with what
every column means."""

from __future__ import annotations

from aiohttp import web

from bot.dashboard.web import actor_of, number, page, services_of
from bot.usecases.coordination import Coordination
from bot.usecases.export import COLUMNS, WORKBOOK, ExportFailed, cohort_csv, cohort_workbook

routes = web.RouteTableDef()

FILES = {
    "answers.csv": "Quiz answers, one row per answer.",
    "confidence.csv": "Confidence ratings before and after each module.",
    "feedback.csv": "End-of-module feedback in learners' own words.",
    "attendance.csv": "Who said they were going to each event, who came, and what they will try.",
    "reflections.csv": "Reflections, only from learners who chose to share them.",
    "tips.csv": "The practice board's published tips, without who offered them.",
}
DID_NOT_GO_THROUGH = ("Sorry, that export didn't go through. Nothing was changed or lost: "
                      "go back and try the download again in a minute.")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def _cohort_page(request: web.Request, template: str, title: str) -> web.Response:
    cohort = await Coordination(services_of(request), actor_of(request).user_id).check(
        number(request, "cohort"))
    return page(request, template, cohort=cohort, files=FILES, columns=COLUMNS, workbook=WORKBOOK,
                title=f"{cohort.name}: {title}")


@routes.get("/cohorts/{cohort}/export")
async def exports(request: web.Request) -> web.Response:
    return await _cohort_page(request, "exports.html", "exports")


@routes.get("/cohorts/{cohort}/export/columns")
async def columns(request: web.Request) -> web.Response:
    """One page saying what every column of every file means, to print or keep beside the files."""
    return await _cohort_page(request, "columns.html", "what each column means")


@routes.get("/cohorts/{cohort}/export/{name}")
async def download(request: web.Request) -> web.Response:
    name, cohort_id = request.match_info["name"], number(request, "cohort")
    services, actor = services_of(request), actor_of(request).user_id
    try:
        if name == WORKBOOK:
            body, kind = await cohort_workbook(services, actor, cohort_id), XLSX
        elif name in FILES:
            body, kind = await cohort_csv(services, actor, cohort_id, name), "text/csv"
        else:
            raise web.HTTPNotFound(text="Not found.")
    except ExportFailed:
        raise web.HTTPServiceUnavailable(text=DID_NOT_GO_THROUGH) from None
    response = web.Response(body=body, content_type=kind, headers={
        "Content-Disposition": f'attachment; filename="cohort-{cohort_id}-{name}"'})
    if kind == "text/csv":
        response.charset = "utf-8"
    return response
