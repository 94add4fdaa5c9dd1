"""Checking a certificate's number: open to anyone (an employer, a registration body), no sign-in.

It shows the name, the course and the date, as printed on the certificate, and nothing else of
the learner.
"""

from __future__ import annotations

from aiohttp import web

from bot.dashboard.web import page, services_of
from bot.usecases.certificates import verify

routes = web.RouteTableDef()


@routes.get("/verify/{number}")
async def check(request: web.Request) -> web.Response:
    found = await verify(services_of(request).store, request.match_info["number"])
    # An unknown number is answered with a page, not an exception: refusals are logged with their
    # path, and a number someone typed is theirs to keep out of our logs.
    return page(request, "verify.html", found=found, status=200 if found else 404,
                title="Certificate check")
