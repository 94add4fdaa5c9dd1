"""The composition root: one Application built from settings, a clock and a transport."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any, cast

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationBuilder,
    ContextTypes,
    Defaults,
    ExtBot,
)

from bot.config import Settings
from bot.dashboard import server as dashboard_server
from bot.ptb import broadcast_progress, inbox, routing
from bot.ptb.inbox import InboxRequest
from bot.ptb.jobs import DripRunner
from bot.ptb.menus import learners_menu, staff_menus
from bot.ptb.pacing import Pacer
from bot.ptb.request import PatientRequest, single_attempt
from bot.ptb.sender import TelegramSender
from bot.ptb.telegram_io import App, Context
from bot.ptb.updates import PerChatOrder
from bot.services import Clock, Services, SystemClock
from bot.usecases import events, retention
from lessons.loader import load_course
from lessons.models import Course
from lessons.progress import CourseMap
from scheduler.timing import SlotTiming
from storage.housekeeping import prune, prune_access
from storage.store import Store

log = logging.getLogger(__name__)

MENU_RETRY_FIRST = 30.0  # seconds before the menus are tried again after a failure at start-up
MENU_RETRY_LONGEST = 3600.0


def build_application(settings: Settings, *, clock: Clock | None = None, course: Course | None = None,
                      rate_limit: bool = True, drip_job: bool = True,
                      read_timeout: float = 10.0) -> App:
    """Build the bot; resources open in post_init and close in post_shutdown."""
    # Opt in to PTB's coming behaviour: durations (retry_after, timeouts) as timedelta, not
    # seconds. Set here, by the program that runs the bot, not as a side effect of an import.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    the_clock = clock or SystemClock()
    the_course = course or load_course(settings.course_dir)

    inbox_request = InboxRequest(connection_pool_size=1)

    builder: Any = (
        ApplicationBuilder()
        .token(settings.token())
        .base_url(settings.api_base_url)
        .base_file_url(settings.api_base_url.replace("/bot", "/file/bot"))
        .context_types(ContextTypes(context=Context))
        .defaults(Defaults(parse_mode=ParseMode.HTML,
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .request(PatientRequest(connection_pool_size=64, read_timeout=read_timeout, paced=rate_limit))
        .get_updates_request(inbox_request)
        .concurrent_updates(PerChatOrder())
        .post_init(_opener(settings, the_clock, the_course, inbox_request, drip_job))
        .post_shutdown(_close)
    )
    if rate_limit:
        # One retry layer only: the pacer throttles, the outbox decides what to retry and when.
        builder = builder.rate_limiter(Pacer())
    app: App = builder.build()
    routing.add_handlers(app)
    return app


def _opener(settings: Settings, the_clock: Clock, the_course: Course, inbox_request: InboxRequest,
            drip_job: bool) -> Callable[[App], Coroutine[Any, Any, None]]:
    """What runs once the bot is built: the store, the services, the menus, the jobs."""

    async def post_init(app: App) -> None:
        store = await Store.open(settings.database)
        recovered = await store.recover()
        if recovered:
            log.info("start-up: %d message(s) in flight at the last stop will be sent again", recovered)
        timing = SlotTiming(settings.timezone, settings.quiet())
        services = Services(store, CourseMap(the_course), the_clock, settings, timing)
        app.bot_data["services"] = services
        app.bot_data["drip"] = DripRunner(services, TelegramSender(app.bot, services),
                                          on_sent=lambda: broadcast_progress.report(services, app.bot),
                                          before_send=lambda now: events.plan(services, now))
        services.bot_username = app.bot.username
        if not await _menus(app.bot, services):
            _menus_later(app, services, MENU_RETRY_FIRST)
        app.bot_data["dashboard"] = await dashboard_server.start(services, app.bot)
        inbox_request.sink = lambda updates: _keep(store, the_clock, updates)
        await inbox.replay(app)
        if drip_job and app.job_queue is not None:
            app.job_queue.run_once(_drip, when=1, name="drip")
            app.job_queue.run_repeating(_retention, interval=24 * 3600, first=60, name="retention")

    return post_init


async def _close(app: App) -> None:
    await dashboard_server.stop(app.bot_data.get("dashboard"))
    services = app.bot_data.get("services")
    if isinstance(services, Services):
        await services.processes.close()  # an export under way finishes first
        await services.store.close()


async def _menus(bot: ExtBot[None], services: Services) -> bool:
    """Set the command menus; False (and one log line) when Telegram cannot take them just now.

    Menus are cosmetic: every command works without them, so start-up never waits on them.
    """
    try:
        with single_attempt():  # the background job is the retry, so start-up does not wait here
            await learners_menu(bot)
            await staff_menus(bot, services)
    except TelegramError as exc:
        log.warning("command menus not set (%s); trying again in the background", type(exc).__name__)
        return False
    return True


def _menus_later(app: App, services: Services, delay: float) -> None:
    """Try the menus again in the background, waiting twice as long after each failure."""

    async def again(context: Context) -> None:
        if not await _menus(app.bot, services):
            _menus_later(app, services, min(2 * delay, MENU_RETRY_LONGEST))

    if app.job_queue is not None:
        app.job_queue.run_once(again, delay, name="menus")


async def _keep(store: Store, clock: Clock, updates: list[dict[str, Any]]) -> None:
    async with store.transaction() as tx:
        await tx.inbox.keep(updates, clock.now())


async def _drip(context: Context) -> None:
    """One tick, then the next one booked for a tick after this one began. A tick that runs long
    (a slow disk, a busy machine) is followed at once; a repeating job would skip the next tick
    and leave its whole interval unsent."""
    runner = context.bot_data["drip"]
    assert isinstance(runner, DripRunner)
    began = time.monotonic()
    try:
        await runner.run(context.services.clock.now())
    finally:
        queue = cast(App, context.application).job_queue
        if queue is not None:
            wait = context.services.settings.tick_seconds - (time.monotonic() - began)
            queue.run_once(_drip, when=max(0.0, wait), name="drip")


async def _retention(context: Context) -> None:
    services = context.services
    now = services.clock.now()
    settings = services.settings
    await retention.enforce(services.store, now, settings.retention_days)
    sent, handled = await prune(services.store, now - timedelta(days=settings.sent_keep_days),
                                now - timedelta(days=settings.handled_keep_days))
    expired = await prune_access(services.store, now - timedelta(days=1))
    log.info("pruned %d sent outbox rows, %d handled updates and %d expired sign-ins and invites",
             sent, handled, expired)
