"""The dashboard's web server: started with the bot (polling or webhook) when its URL is set."""

from __future__ import annotations

import logging
from pathlib import Path

from aiohttp import web
from telegram import Bot

from bot.dashboard import broadcasts, cohorts, events, exports, people, signin, tips, verify
from bot.dashboard.guard import access, headers
from bot.dashboard.web import BOT, SERVICES
from bot.services import Services

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"


def build(services: Services, bot: Bot) -> web.Application:
    server = web.Application(middlewares=[headers, access], client_max_size=256 * 1024)
    server[SERVICES] = services
    server[BOT] = bot
    for module in (signin, cohorts, events, broadcasts, exports, people, tips, verify):
        server.add_routes(module.routes)
    server.router.add_static("/static/", STATIC)
    return server


async def start(services: Services, bot: Bot) -> web.AppRunner | None:
    """Serve the dashboard on its own port; None (and nothing served) when no URL is set."""
    settings = services.settings
    if not settings.dashboard_url:
        return None
    runner = web.AppRunner(build(services, bot), access_log=None)  # URLs are not logged: they hold ids
    await runner.setup()
    await web.TCPSite(runner, settings.dashboard_listen, settings.dashboard_port).start()
    log.info("dashboard: listening on %s:%d for %s", settings.dashboard_listen, settings.dashboard_port,
             settings.dashboard_url)
    return runner


async def stop(runner: object) -> None:
    if isinstance(runner, web.AppRunner):
        await runner.cleanup()
