"""Which handler each update goes to, in the order they are tried, and what happens when one fails."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.handlers import (
    board,
    broadcasts,
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
    tip_share,
)
from bot.handlers import dashboard as dashboard_handlers
from bot.handlers import events as event_handlers
from bot.handlers import settings as settings_handlers
from bot.handlers.welcome_back import greet_returning
from bot.ptb import inbox
from bot.ptb.telegram_io import App, Context
from bot.services import Services
from bot.views import learning as learning_views
from storage.db import iso

log = logging.getLogger(__name__)

Command = Callable[[Update, Context], Coroutine[Any, Any, None]]

# Every command, taken in private chats only (coordinators' commands refuse others politely).
COMMANDS: dict[str, Command] = {
    "start": joining.start, "next": commands.next_drop, "progress": commands.progress,
    "pause": commands.pause, "resume": commands.resume, "settings": settings_handlers.settings,
    "help": commands.help_command, "journal": journal.journal, "certificate": milestones.certificate,
    "mydata": privacy.my_data,
    "newcohort": coordinator.new_cohort, "cohorts": coordinator.cohorts, "invite": coordinator.invite,
    "promote": coordinator.promote, "demote": coordinator.demote, "rename": coordinator.rename,
    "stats": coordinator.stats, "broadcast": broadcasts.broadcast, "calendar": coordinator.calendar,
    "move": coordinator.move, "addevent": event_handlers.add_event,
    "cancelevent": event_handlers.cancel_event, "editevent": event_handlers.edit_event,
    "sessions": event_handlers.sessions, "rsvps": event_handlers.rsvps,
    "events": event_handlers.cohort_events, "dashboard": dashboard_handlers.dashboard,
    "forget": privacy.forget, "share": privacy.share, "board": board.board, "tips": board.tips,
    "eventtips": board.event_tips, "sharetip": tip_share.share_tip,
}


def add_handlers(app: App) -> None:
    """Handlers in the order they are tried: commands, buttons, then free text and media."""
    # Group -2: drop an update already handled before a restart; group 1: mark this one handled.
    app.add_handler(TypeHandler(Update, inbox.skip_handled), group=-2)
    # Group -1: welcome a learner back after a long silence (and stop there).
    app.add_handler(TypeHandler(Update, greet_returning), group=-1)
    app.add_handler(TypeHandler(Update, inbox.mark_handled), group=1)
    private = filters.ChatType.PRIVATE
    for name, handler in COMMANDS.items():
        app.add_handler(CommandHandler(name, handler, filters=private))
    app.add_handler(MessageHandler(private & filters.UpdateType.MESSAGE & filters.COMMAND,
                                   commands.unknown_command))
    app.add_handler(CallbackQueryHandler(buttons.on_button))
    app.add_handler(ChatMemberHandler(membership.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(private & filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND,
                                   replies.on_text))
    app.add_handler(MessageHandler(private & filters.UpdateType.MESSAGE & ~filters.TEXT, steps.on_media))
    elsewhere = filters.ChatType.GROUPS | filters.ChatType.CHANNEL
    app.add_handler(MessageHandler(elsewhere, membership.leave_group))
    app.add_error_handler(on_error)



async def on_error(update: object, context: Context) -> None:
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
