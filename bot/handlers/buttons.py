"""One entry for every inline button: parse strictly, route by action from one table, answer the query."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update

from bot.callbacks import Action, Callback, parse
from bot.handlers.board import on_board_button, on_review_button
from bot.handlers.broadcasts import on_broadcast_button
from bot.handlers.commands import on_ask_back, on_pause_answer
from bot.handlers.events import on_attended, on_event_button
from bot.handlers.holding import on_held_button
from bot.handlers.joining import on_joining_button
from bot.handlers.journal import on_journal_button
from bot.handlers.privacy import on_forget_button, on_share_button
from bot.handlers.settings import on_settings_button
from bot.handlers.steps import on_step_button
from bot.handlers.tip_share import on_share_answer
from bot.handlers.welcome_back import on_carry_on
from bot.ptb.telegram_io import Context
from bot.views.learning import STALE

ButtonHandler = Callable[[Update, Context, Callback], Awaitable[str | None]]


async def _pause_answer(update: Update, context: Context, callback: Callback) -> str | None:
    return await on_pause_answer(update, context, callback.target == "pause")


async def _ask_back(update: Update, context: Context, callback: Callback) -> str | None:
    return await on_ask_back(update, context, callback.target == "go")


async def _forget(update: Update, context: Context, callback: Callback) -> str | None:
    return await on_forget_button(update, context, callback.target == "yes")


async def _share(update: Update, context: Context, callback: Callback) -> str | None:
    return await on_share_button(update, context, callback.target == "yes")


def _all(handler: ButtonHandler, *actions: Action) -> dict[Action, ButtonHandler]:
    return dict.fromkeys(actions, handler)


ROUTES: dict[Action, ButtonHandler] = {
    **_all(on_joining_button, Action.AGREE, Action.PRIVACY_MORE, Action.ROLE, Action.SLOT,
           Action.SLOTS_DONE, Action.DAY, Action.DAYS_DONE, Action.FIRST_DROP),
    **_all(on_settings_button, Action.SETTINGS, Action.SETTINGS_SLOT, Action.SETTINGS_DAY,
           Action.SETTINGS_PER_DAY),
    **_all(on_step_button, Action.NEXT, Action.QUIZ, Action.CONFIDENCE, Action.SKIP, Action.RECALL,
           Action.NOT_NOW, Action.SNOOZE, Action.IN_SERVICE_DAY),
    **_all(on_journal_button, Action.JOURNAL_PAGE, Action.JOURNAL_EDIT, Action.JOURNAL_DELETE,
           Action.JOURNAL_DELETE_CONFIRMED, Action.JOURNAL_PDF, Action.SAFEGUARD_KEEP,
           Action.SAFEGUARD_DELETE),
    **_all(on_held_button, Action.HELD_KEEP, Action.HELD_DELETE, Action.HELD_EDIT),
    **_all(on_event_button, Action.RSVP, Action.CALENDAR_FILE),
    Action.ATTENDED: on_attended,
    **_all(on_broadcast_button, Action.BROADCAST_SEND, Action.BROADCAST_CANCEL),
    Action.PAUSE_ANSWER: _pause_answer,
    Action.WELCOME_BACK: on_carry_on,
    Action.ASK_BACK: _ask_back,
    Action.FORGET: _forget,
    Action.SHARE: _share,
    **_all(on_board_button, Action.TIP_OFFER, Action.TIP_FROM_EVENT, Action.TIP_SIGN, Action.TIP_CONFIRM,
           Action.TIP_USEFUL, Action.TIP_REPORT, Action.TIP_WITHDRAW, Action.BOARD, Action.BOARD_DIGEST,
           Action.TIP_WORDING),
    Action.TIP_REVIEW: on_review_button,
    Action.TIP_SHARE: on_share_answer,
}


async def on_button(update: Update, context: Context) -> None:
    """Route a button press; unknown or forged data gets a polite answer and changes nothing."""
    query = update.callback_query
    assert query is not None
    callback = parse(query.data)
    if query.message is None or query.message.chat.id != query.from_user.id:
        # Only a press in the presser's own private chat acts: nothing changes or is sent elsewhere.
        callback = None
    handler = ROUTES.get(callback.action) if callback is not None else None
    notice = STALE if handler is None or callback is None else await handler(update, context, callback)
    await query.answer(notice)
