"""Durable inbound updates: kept in SQLite when fetched, marked when handled, replayed after a crash.

PTB confirms an update to Telegram on its next getUpdates call, before the update is handled, so
an update in the queue at a crash would be lost. The request below writes each fetched batch to the
inbox first; a first-group handler drops updates already handled (Telegram may send them again);
a last-group handler marks each one handled; start-up replays whatever was never marked.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import ApplicationHandlerStop
from telegram.request import HTTPXRequest, RequestData

from bot.ptb.telegram_io import App, Context

log = logging.getLogger(__name__)

Sink = Callable[[list[dict[str, Any]]], Awaitable[None]]


class InboxRequest(HTTPXRequest):
    """The getUpdates transport: hands every fetched batch to the inbox before PTB sees it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sink: Sink | None = None

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, payload = await super().do_request(url, method, request_data, *args, **kwargs)
        if self.sink is not None and code == 200 and url.endswith("/getUpdates"):
            result = json.loads(payload).get("result")
            if isinstance(result, list) and result:
                try:
                    await self.sink(result)
                except sqlite3.Error as exc:
                    # Not confirmed to Telegram, so Telegram keeps them: they come again on the next
                    # poll (PTB backs off), and are handled once the database takes writes again.
                    log.error("inbox: the database refused %d fetched update(s) (%s); they stay with "
                              "Telegram and will be fetched again", len(result), exc)
                    raise
        return code, payload


async def skip_handled(update: object, context: Context) -> None:
    """First group: an update handled before a restart is not handled twice.

    Only updates fetched before this start can be repeats, so newer ones are not looked up.
    """
    if isinstance(update, Update) and update.update_id <= context.services.replay_boundary:
        async with context.services.store.read() as tx:
            if await tx.inbox.is_handled(update.update_id):
                raise ApplicationHandlerStop


async def mark_handled(update: object, context: Context) -> None:
    """Last group: the update's work is committed, so it need never be replayed."""
    if isinstance(update, Update):
        async with context.services.store.read() as tx:
            await tx.inbox.handled(update.update_id, context.services.clock.now())


async def replay(app: App) -> int:
    """Queue updates that were fetched but never handled (the process died in between)."""
    services = app.bot_data["services"]
    async with services.store.read() as tx:
        bodies = await tx.inbox.unhandled()
        services.replay_boundary = await tx.inbox.newest()
    for body in bodies:
        update = Update.de_json(body, app.bot)
        if update is not None:
            await app.update_queue.put(update)
    if bodies:
        log.info("inbox: replaying %d update(s) fetched before a restart", len(bodies))
    return len(bodies)
