"""One entry for every inline button: parse strictly, route, answer the query."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import parse
from bot.handlers.commands import on_pause_answer
from bot.handlers.coordinator import on_broadcast_button
from bot.handlers.events import on_attended, on_event_button
from bot.handlers.joining import on_joining_button
from bot.handlers.journal import on_journal_button
from bot.handlers.privacy import on_forget_button
from bot.handlers.settings import on_settings_button
from bot.handlers.steps import on_step_button
from bot.ptb.telegram_io import Context
from bot.views.learning import STALE

JOINING = frozenset({"ok", "role", "slot", "slots", "day", "days", "first"})
SETTINGS = frozenset({"set", "setsl", "setd", "setn"})
STEPS = frozenset({"n", "q", "c", "k", "r", "snz", "sz", "isd"})
JOURNAL = frozenset({"jp", "je", "jd", "jx", "jpdf", "sgk", "sgd"})


async def on_button(update: Update, context: Context) -> None:
    """Route a button press; unknown or forged data gets a polite answer and changes nothing."""
    query = update.callback_query
    assert query is not None
    callback = parse(query.data)
    notice: str | None = STALE
    if callback is not None and callback.action in JOINING:
        notice = await on_joining_button(update, context, callback)
    elif callback is not None and callback.action in SETTINGS:
        notice = await on_settings_button(update, context, callback)
    elif callback is not None and callback.action in STEPS:
        notice = await on_step_button(update, context, callback)
    elif callback is not None and callback.action in JOURNAL:
        notice = await on_journal_button(update, context, callback)
    elif callback is not None and callback.action == "ap":
        notice = await on_pause_answer(update, context, callback.target == "pause")
    elif callback is not None and callback.action in {"rsvp", "ics"}:
        notice = await on_event_button(update, context, callback)
    elif callback is not None and callback.action == "att":
        notice = await on_attended(update, context, callback)
    elif callback is not None and callback.action in {"bcs", "bcx"}:
        notice = await on_broadcast_button(update, context, callback)
    elif callback is not None and callback.action == "fgt":
        notice = await on_forget_button(update, context, callback.target == "yes")
    await query.answer(notice)
