"""Webhook mode: Telegram posts updates to us; only requests with our secret token are accepted."""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
import signal
from urllib.parse import urlparse

from aiohttp import web
from telegram import Update

from bot.ptb.health import snapshot, stale_after
from bot.ptb.lifecycle import running
from bot.ptb.telegram_io import App
from bot.services import Services

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def web_app(app: App, secret: str, path: str) -> web.Application:
    """The HTTP side: POST <path> for updates (secret checked), GET /healthz for monitoring."""

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return web.Response(status=403, text="forbidden")
        try:
            body = await request.json()
        except ValueError:
            return web.Response(status=400, text="not JSON")
        services: Services = app.bot_data["services"]
        # Kept before it is acknowledged: Telegram forgets an update once we answer 200.
        async with services.store.transaction() as tx:
            new = await tx.inbox.keep([body], services.clock.now())
        # Telegram posts an update again when our answer was slow or lost: that one is handled once.
        update = Update.de_json(body, app.bot) if new else None
        if update is not None:
            await app.update_queue.put(update)
        return web.Response(text="ok")

    async def health(request: web.Request) -> web.Response:
        services: Services = app.bot_data["services"]
        status = await snapshot(services.store, services.clock.now(), stale_after(services.settings))
        return web.json_response(status, status=200 if status["ok"] else 503)

    server = web.Application(client_max_size=1024 * 1024)
    server.router.add_post(path, receive)
    server.router.add_get("/healthz", health)
    return server


async def serve(app: App, url: str, listen: str, port: int, secret: str | None = None) -> None:
    """Register the webhook, serve until SIGTERM or SIGINT, then shut down cleanly."""
    secret = secret or secrets.token_urlsafe(32)
    path = urlparse(url).path or "/telegram"
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with running(app, polling=False):
        runner = web.AppRunner(web_app(app, secret, path), access_log=None)
        await runner.setup()
        await web.TCPSite(runner, listen, port).start()
        await app.bot.set_webhook(url, secret_token=secret,
                                  allowed_updates=["message", "callback_query", "my_chat_member"])
        log.info("webhook: listening on %s:%d%s", listen, port, path)
        await stop.wait()
        log.info("webhook: stopping")
        await runner.cleanup()
