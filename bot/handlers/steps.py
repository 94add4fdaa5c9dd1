"""Buttons under cards, quizzes and prompts; stickers and photos (free text is in replies).

A card keeps its buttons once it has been acted on: each step's action checks the learner's place,
so a press on an earlier card's Next, Skip or Not now changes nothing and is answered as such, and
taking the buttons away would cost a call to Telegram for every card. The buttons that do go are
those of a quiz or rating (its verdict is written in their place, so the answer stays with the
question when the learner scrolls back), of the snooze choices (a second choice would move the
drop again) and of an in-service day's offer (a second press would start another session).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import CallbackQuery, Update

from bot.callbacks import Action, Callback
from bot.handlers.milestones import carry_on, crown, moments
from bot.ptb.telegram_io import Context, edit_markup, edit_text, markup, send, send_all
from bot.usecases.learning import Advance, Learning
from bot.views import learning as views
from bot.views import pacing
from bot.views.screen import Screen, together
from bot.views.steps import confidence_answered, quiz_answered, skipped
from bot.views.timing import when

StepHandler = Callable[[CallbackQuery, Context, Callback], Awaitable[str | None]]


async def _next(query: CallbackQuery, context: Context, callback: Callback) -> str | None:
    user_id = query.from_user.id
    advance = await Learning(context.services).press_next(user_id, callback.target)
    if advance.stale:
        return views.STALE
    await carry_on(context, user_id, _chat(query), advance)
    return None


async def _quiz(query: CallbackQuery, context: Context, callback: Callback) -> str | None:
    arg = callback.arg or ""
    if not arg.isdigit():
        return views.STALE
    learning = Learning(context.services)
    quiz, advance = await learning.answer_quiz(query.from_user.id, callback.target, int(arg))
    if quiz is None or advance.stale:
        return views.STALE
    await _answered(query, context, quiz_answered(quiz, int(arg)), advance)
    return None


async def _rating(query: CallbackQuery, context: Context, callback: Callback) -> str | None:
    arg = callback.arg or ""
    if not arg.isdigit():
        return views.STALE
    statement, advance = await Learning(context.services).rate(query.from_user.id, callback.target, int(arg))
    if statement is None or advance.stale:
        return views.STALE
    await _answered(query, context, confidence_answered(statement, int(arg)), advance)
    return None


async def _answered(query: CallbackQuery, context: Context, verdict: Screen, advance: Advance) -> None:
    """The verdict in place of the options; when the drop ends there, its end is said in the same
    message (no second buzz); the next step, a recall question or a module's end come as new messages."""
    user_id, now = query.from_user.id, context.services.clock.now()
    rest = views.after(advance, now, moments=await moments(context, user_id, advance))
    if advance.shown is None and advance.module_done is None:
        rest = together([verdict, *rest])
        verdict, rest = rest[0], rest[1:]
    await edit_text(query, verdict.text, markup(verdict))
    await send_all(context.bot, _chat(query), rest)
    await crown(context, user_id, _chat(query), advance)


async def _skip(query: CallbackQuery, context: Context, callback: Callback) -> str | None:
    kind, advance = await Learning(context.services).skip(query.from_user.id, callback.target)
    if advance.stale:
        return views.STALE
    await carry_on(context, query.from_user.id, _chat(query), advance, [skipped(kind)])
    return None


async def _recall(query: CallbackQuery, context: Context, callback: Callback) -> str | None:
    arg = callback.arg or ""
    recalled = (await Learning(context.services).answer_recall(query.from_user.id, callback.target, int(arg))
                if arg.isdigit() else None)
    if recalled is None:
        return views.STALE
    await edit_text(query, quiz_answered(recalled, int(arg)).text)
    return None


async def _not_now(query: CallbackQuery, context: Context, callback: Callback) -> str | None:
    learner, _ = await Learning(context.services).current(query.from_user.id)
    if learner is None or learner.current_step != callback.target:
        return views.STALE  # a drop already gone through (or put off) is not put off again
    await edit_markup(query, markup(pacing.snooze_choices(callback.target)))
    return None


async def _snooze(query: CallbackQuery, context: Context, callback: Callback) -> str | None:
    arg = callback.arg or ""
    if arg not in pacing.SNOOZE_OPTIONS:
        return views.STALE
    advance = await Learning(context.services).snooze(query.from_user.id, callback.target, arg)
    if advance.stale:
        return views.STALE
    await edit_markup(query, None)
    when_due = when(advance.next_due, advance.tz, context.services.clock.now())
    await send(context.bot, _chat(query), pacing.snoozed(when_due))
    return None


async def _in_service_day(query: CallbackQuery, context: Context, callback: Callback) -> str | None:
    await edit_markup(query, None)
    if callback.target == "no":
        await send(context.bot, _chat(query), Screen(pacing.NOT_TODAY))
        return None
    advance = await Learning(context.services).long_session(query.from_user.id, callback.target)
    if advance.stale:
        return views.STALE
    await carry_on(context, query.from_user.id, _chat(query), advance)
    return None


def _chat(query: CallbackQuery) -> int:
    assert query.message is not None  # buttons.on_button acts only on a press in the presser's chat
    return query.message.chat.id


ROUTES: dict[Action, StepHandler] = {
    Action.NEXT: _next, Action.QUIZ: _quiz, Action.CONFIDENCE: _rating, Action.SKIP: _skip,
    Action.RECALL: _recall, Action.NOT_NOW: _not_now, Action.SNOOZE: _snooze,
    Action.IN_SERVICE_DAY: _in_service_day,
}


async def on_step_button(update: Update, context: Context, callback: Callback) -> str | None:
    """Next, a quiz option, a rating or Skip; a stale or forged button changes nothing."""
    query = update.callback_query
    assert query is not None
    handler = ROUTES.get(callback.action)
    return views.STALE if handler is None else await handler(query, context, callback)


async def on_media(update: Update, context: Context) -> None:
    """Stickers, photos, voice notes and the like get a short, kind reply."""
    message = update.effective_message
    assert message is not None
    what = ("stickers" if message.sticker else "voice notes" if message.voice or message.audio
            else "photos" if message.photo else "files like that")
    await message.reply_text(views.MEDIA.format(what=what))
