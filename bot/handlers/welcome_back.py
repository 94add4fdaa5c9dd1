"""Before anything else: a learner back after a long silence hears where they were."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot.callbacks import Action, Callback, parse
from bot.handlers.commands import next_drop
from bot.ptb.inbox import mark_handled
from bot.ptb.telegram_io import Context, send
from bot.usecases.welcome_back import returning
from bot.views.welcome_back import welcome_back


async def greet_returning(update: object, context: Context) -> None:
    """A message or a press after three silent weeks gets the welcome back instead of its usual answer.

    Commands go through as asked: someone who types /progress knows what they want, and so does
    someone answering the question whether to pick up again after a holiday. A command ends the
    silence too, so the buttons it brings (/forget's, /settings') are not met by a welcome back.
    """
    if not isinstance(update, Update) or update.effective_user is None or update.effective_chat is None:
        return
    if update.effective_chat.type != ChatType.PRIVATE:
        return
    text = update.message.text if update.message is not None else None
    if update.callback_query is None and (update.message is None or (text or "").startswith("/")):
        if text is not None:
            await returning(context.services, update.effective_user.id)
        return
    pressed = parse(update.callback_query.data) if update.callback_query is not None else None
    if pressed is not None and pressed.action == Action.ASK_BACK:
        return
    back = await returning(context.services, update.effective_user.id)
    if back is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    await send(context.bot, update.effective_chat.id, welcome_back(back))
    await mark_handled(update, context)  # the stop below skips the group that would mark it
    raise ApplicationHandlerStop


async def on_carry_on(update: Update, context: Context, callback: Callback) -> str | None:
    """Carry on: the open step again, or the next drop, as /next gives it."""
    await next_drop(update, context)
    return None
