"""Buttons under cards, quizzes and prompts; stickers and photos (free text is in replies)."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import Action, Callback
from bot.handlers.milestones import celebrate
from bot.ptb.telegram_io import Context, edit_markup, edit_text, ids, markup, send, send_all
from bot.usecases.learning import Learning
from bot.views import learning as views
from bot.views import pacing
from bot.views.screen import Screen
from bot.views.steps import confidence_answered, quiz_answered, skipped
from bot.views.timing import when


async def on_step_button(update: Update, context: Context, callback: Callback) -> str | None:
    """Next, a quiz option, a rating or Skip; a stale or forged button changes nothing."""
    query = update.callback_query
    assert query is not None
    user_id, chat_id, _ = ids(update)
    learning, now = Learning(context.services), context.services.clock.now()
    arg = callback.arg or ""
    if callback.action == Action.NEXT:
        advance = await learning.press_next(user_id, callback.target)
        if not advance.stale:
            await edit_markup(query, None)
    elif callback.action == Action.QUIZ and arg.isdigit():
        quiz, advance = await learning.answer_quiz(user_id, callback.target, int(arg))
        if quiz is not None:
            await edit_text(query, quiz_answered(quiz, int(arg)).text)
    elif callback.action == Action.IN_SERVICE_DAY:
        await edit_markup(query, None)
        if callback.target == "no":
            await send(context.bot, chat_id, Screen(pacing.NOT_TODAY))
            return None
        advance = await learning.long_session(user_id, callback.target)
    elif callback.action == Action.NOT_NOW:
        await edit_markup(query, markup(pacing.snooze_choices(callback.target)))
        return None
    elif callback.action == Action.SNOOZE and arg in pacing.SNOOZE_OPTIONS:
        advance = await learning.snooze(user_id, callback.target, arg)
        if advance.stale:
            return views.STALE
        await edit_markup(query, None)
        await send(context.bot, chat_id, pacing.snoozed(when(advance.next_due, advance.tz, now)))
        return None
    elif callback.action == Action.RECALL and arg.isdigit():
        recalled = await learning.answer_recall(user_id, callback.target, int(arg))
        if recalled is None:
            return views.STALE
        await edit_text(query, quiz_answered(recalled, int(arg)).text)
        return None
    elif callback.action == Action.CONFIDENCE and arg.isdigit():
        statement, advance = await learning.rate(user_id, callback.target, int(arg))
        if statement is not None:
            await edit_text(query, confidence_answered(statement, int(arg)).text)
    elif callback.action == Action.SKIP:
        kind, advance = await learning.skip(user_id, callback.target)
        if not advance.stale:
            await edit_markup(query, None)
            await send(context.bot, chat_id, skipped(kind))
    else:
        return views.STALE
    if advance.stale:
        return views.STALE
    await send_all(context.bot, chat_id, views.after(advance, now))
    await celebrate(context, user_id, chat_id, advance)
    return None


async def on_media(update: Update, context: Context) -> None:
    """Stickers, photos, voice notes and the like get a short, kind reply."""
    message = update.effective_message
    assert message is not None
    what = ("stickers" if message.sticker else "voice notes" if message.voice or message.audio
            else "photos" if message.photo else "files like that")
    await message.reply_text(views.MEDIA.format(what=what))
