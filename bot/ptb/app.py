"""The composition root: one Application built from settings, a clock and a transport."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from datetime import timedelta
from typing import Any, cast

from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    ExtBot,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Settings
from bot.dashboard import server as dashboard_server
from bot.handlers import (
    board,
    buttons,
    commands,
    coordinator,
    joining,
    journal,
    membership,
    milestones,
    privacy,
    replies,
    steps,
)
from bot.handlers import dashboard as dashboard_handlers
from bot.handlers import events as event_handlers
from bot.handlers import settings as settings_handlers
from bot.handlers.welcome_back import greet_returning
from bot.ptb import broadcast_progress, inbox
from bot.ptb.inbox import InboxRequest
from bot.ptb.jobs import DripRunner
from bot.ptb.pacing import Pacer
from bot.ptb.request import PatientRequest, single_attempt
from bot.ptb.sender import TelegramSender
from bot.ptb.telegram_io import App, Context
from bot.ptb.updates import PerChatOrder
from bot.services import Clock, Services, SystemClock
from bot.usecases import events, retention
from bot.usecases.roles import Role
from bot.views import learning as learning_views
from bot.views.help import menu
from lessons.loader import load_course
from lessons.models import Course
from lessons.progress import CourseMap
from scheduler.timing import SlotTiming
from storage.db import iso
from storage.housekeeping import prune
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

    async def post_shutdown(app: App) -> None:
        await dashboard_server.stop(app.bot_data.get("dashboard"))
        services = app.bot_data.get("services")
        if isinstance(services, Services):
            await services.store.close()

    builder: Any = (
        ApplicationBuilder()
        .token(settings.token())
        .base_url(settings.api_base_url)
        .base_file_url(settings.api_base_url.replace("/bot", "/file/bot"))
        .context_types(ContextTypes(context=Context))
        .defaults(Defaults(parse_mode=ParseMode.HTML,
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .request(PatientRequest(connection_pool_size=64, read_timeout=read_timeout))
        .get_updates_request(inbox_request)
        .concurrent_updates(PerChatOrder())
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if rate_limit:
        # One retry layer only: the pacer throttles, the outbox decides what to retry and when.
        builder = builder.rate_limiter(Pacer())
    app: App = builder.build()
    add_handlers(app)
    return app


async def _menus(bot: ExtBot[None], services: Services) -> bool:
    """Set the command menus; False (and one log line) when Telegram cannot take them just now.

    Menus are cosmetic: every command works without them, so start-up never waits on them.
    """
    try:
        with single_attempt():  # the background job is the retry, so start-up does not wait here
            await bot.set_my_commands([BotCommand(c, d) for c, d in menu(Role.LEARNER)])
            await _coordinator_menus(bot, services)
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


async def _coordinator_menus(bot: ExtBot[None], services: Services) -> None:
    """Coordinators and admins see their extra commands in their own chats' menus."""
    async with services.store.read() as tx:
        people = await tx.coordination.coordinator_ids()
    for user_id in people | set(services.settings.admin_ids):
        role = Role.ADMIN if user_id in services.settings.admin_ids else Role.COORDINATOR
        with contextlib.suppress(TelegramError):  # someone who never opened the chat has no menu
            await bot.set_my_commands([BotCommand(c, d) for c, d in menu(role)],
                                      scope=BotCommandScopeChat(user_id))


async def _keep(store: Store, clock: Clock, updates: list[dict[str, Any]]) -> None:
    async with store.transaction() as tx:
        await tx.inbox.keep(updates, clock.now())


def add_handlers(app: App) -> None:
    """Handlers in the order they are tried: commands, buttons, then free text and media."""
    # Group -2: drop an update already handled before a restart; -1: welcome a learner back after
    # a long silence (and stop there); group 1: mark this one handled.
    app.add_handler(TypeHandler(Update, inbox.skip_handled), group=-2)
    app.add_handler(TypeHandler(Update, greet_returning), group=-1)
    app.add_handler(TypeHandler(Update, inbox.mark_handled), group=1)
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("start", joining.start, filters=private))
    app.add_handler(CommandHandler("next", commands.next_drop, filters=private))
    app.add_handler(CommandHandler("progress", commands.progress, filters=private))
    app.add_handler(CommandHandler("pause", commands.pause, filters=private))
    app.add_handler(CommandHandler("resume", commands.resume, filters=private))
    app.add_handler(CommandHandler("settings", settings_handlers.settings, filters=private))
    app.add_handler(CommandHandler("help", commands.help_command, filters=private))
    app.add_handler(CommandHandler("journal", journal.journal, filters=private))
    app.add_handler(CommandHandler("certificate", milestones.certificate, filters=private))
    app.add_handler(CommandHandler("mydata", privacy.my_data, filters=private))
    for name, handler in (("newcohort", coordinator.new_cohort), ("cohorts", coordinator.cohorts),
                          ("invite", coordinator.invite), ("promote", coordinator.promote),
                          ("demote", coordinator.demote), ("rename", coordinator.rename),
                          ("stats", coordinator.stats), ("broadcast", coordinator.broadcast),
                          ("calendar", coordinator.calendar), ("move", coordinator.move),
                          ("addevent", event_handlers.add_event),
                          ("cancelevent", event_handlers.cancel_event),
                          ("editevent", event_handlers.edit_event),
                          ("sessions", event_handlers.sessions), ("rsvps", event_handlers.rsvps),
                          ("events", event_handlers.cohort_events),
                          ("dashboard", dashboard_handlers.dashboard)):
        app.add_handler(CommandHandler(name, handler, filters=private))
    app.add_handler(CommandHandler("forget", privacy.forget, filters=private))
    app.add_handler(CommandHandler("share", privacy.share, filters=private))
    app.add_handler(CommandHandler("board", board.board, filters=private))
    app.add_handler(CommandHandler("tips", board.tips, filters=private))
    app.add_handler(MessageHandler(private & filters.UpdateType.MESSAGE & filters.COMMAND,
                                   commands.unknown_command))
    app.add_handler(CallbackQueryHandler(buttons.on_button))
    app.add_handler(ChatMemberHandler(membership.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(private & filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND,
                                   replies.on_text))
    app.add_handler(MessageHandler(private & filters.UpdateType.MESSAGE & ~filters.TEXT, steps.on_media))
    app.add_error_handler(_on_error)


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
    log.info("pruned %d sent outbox rows and %d handled updates", sent, handled)


async def _on_error(update: object, context: Context) -> None:
    """Log the fault, record it for `ktp-bot status`, and tell the person their action did not take.

    A database that is locked or full refuses the handler's transaction as a whole, so nothing is
    half-saved and nothing acknowledged is lost; the update stays unhandled in the inbox, and the
    person is asked to send it again. The bot keeps running.
    """
    # The exception type only: messages can carry user text (the log filter also hides the token).
    error = context.error
    name = type(error).__name__
    log.error("handler failed: %s", name,
              exc_info=(type(error), error, error.__traceback__) if error else None)
    services = context.bot_data.get("services")
    if isinstance(services, Services):
        try:
            async with services.store.transaction() as tx:
                await tx.meta.put("last_error", f"{iso(services.clock.now())} {name}")
        except sqlite3.Error as again:
            log.error("could not record the fault: the database refused it too (%s)", type(again).__name__)
    chat = update.effective_chat if isinstance(update, Update) else None
    if chat is not None and chat.type == "private" and not isinstance(error, Forbidden):
        text = (learning_views.NOT_SAVED if isinstance(error, sqlite3.Error)
                else learning_views.NOT_THROUGH if isinstance(error, TelegramError) else learning_views.FAULT)
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(chat.id, text)
