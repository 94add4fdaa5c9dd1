"""Buttons under cards, quizzes and prompts, and free-text replies to prompts."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import Action, Callback
from bot.handlers.coordinator import as_html, draft_text
from bot.handlers.events import will_try
from bot.handlers.journal import rewrite
from bot.handlers.milestones import celebrate, named
from bot.handlers.settings import on_settings_text
from bot.ptb.telegram_io import Context, edit_markup, edit_text, ids, markup, send, send_all
from bot.usecases.learning import Learning
from bot.usecases.safeguard import screen
from bot.views import journal as journal_views
from bot.views import learning as views
from bot.views import pacing
from bot.views.safeguard import safeguard_notice
from bot.views.screen import Screen
from bot.views.steps import confidence_answered, quiz_answered, reflection_saved, skipped
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


async def on_text(update: Update, context: Context) -> None:
    """Free text: a reflection or feedback when a prompt is open, otherwise a helpful pointer."""
    message = update.effective_message
    assert message is not None and message.text is not None
    user_id, chat_id, _ = ids(update)
    learner, waiting = await context.services.store.learner_and_awaiting(user_id)
    if waiting is not None and waiting.startswith("broadcast:"):
        await draft_text(context, user_id, chat_id, as_html(message), waiting)
        return
    if learner is not None and learner.editing is not None:
        entry = learner.editing
        reply = await rewrite(context, user_id, entry, message.text)
        await message.reply_text(reply)
        edited = screen(message.text)
        if reply == journal_views.EDITED and not edited.clear:  # screened like the first version
            await send(context.bot, chat_id, safeguard_notice(edited, entry))
        return
    if learner is not None and (learner.awaiting or "").startswith("event:"):
        event_id = int((learner.awaiting or "event:0").split(":")[1])
        await will_try(context, user_id, chat_id, event_id, message.text)
        return
    if learner is not None and (learner.awaiting or "").startswith("settings:"):
        await on_settings_text(context, user_id, chat_id, message.text, learner.awaiting or "")
        return
    if learner is not None and learner.awaiting == "certificate":
        await named(context, user_id, chat_id, message.text)
        return
    result = await Learning(context.services).reply(user_id, message.text)
    if result is None:
        reply = (views.NOT_JOINED if learner is None else
                 views.STILL_JOINING if learner.status == "joining" else views.NO_PROMPT)
        await message.reply_text(reply)
        return
    kind, saved, advance = result
    screening = screen(message.text)
    if not screening.clear:
        await send(context.bot, chat_id, safeguard_notice(screening, saved))
    await send(context.bot, chat_id, reflection_saved(kind, message.text))
    await send_all(context.bot, chat_id, views.after(advance, context.services.clock.now()))
    await celebrate(context, user_id, chat_id, advance)


async def on_media(update: Update, context: Context) -> None:
    """Stickers, photos, voice notes and the like get a short, kind reply."""
    message = update.effective_message
    assert message is not None
    what = ("stickers" if message.sticker else "voice notes" if message.voice or message.audio
            else "photos" if message.photo else "files like that")
    await message.reply_text(views.MEDIA.format(what=what))
