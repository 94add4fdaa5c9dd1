"""The learner's commands: /next, /progress, /pause, /resume, /help."""

from __future__ import annotations

from telegram import Update

from bot.ptb.telegram_io import Context, edit_text, ids, send, send_all
from bot.usecases import record, streaks
from bot.usecases.learning import Learning
from bot.usecases.pacing import Pacing
from bot.usecases.roles import role_of
from bot.views import commands as views
from bot.views import pacing as pacing_views
from bot.views.help import help_text
from bot.views.learning import NOT_JOINED, after
from bot.views.screen import Screen
from bot.views.timing import when
from scheduler.dates import parse_uk_date


async def next_drop(update: Update, context: Context) -> None:
    """/next: the open step again, or the next drop now."""
    user_id, chat_id, _ = ids(update)
    advance = await Learning(context.services).next_now(user_id)
    if advance.stale:
        await send(context.bot, chat_id, Screen(NOT_JOINED))
        return
    await send_all(context.bot, chat_id, after(advance, context.services.clock.now()))


async def progress(update: Update, context: Context) -> None:
    """/progress: per module drops, quiz score, confidence and time left; the streak in weeks."""
    user_id, chat_id, _ = ids(update)
    services = context.services
    learner = await services.store.learner(user_id)
    built = await record.build(services.store, services.course, user_id)
    if learner is None or built is None or learner.status == "joining":
        await send(context.bot, chat_id, Screen(NOT_JOINED))
        return
    now = services.clock.now()
    streak = await streaks.streak(services, user_id, built, now)
    await send(context.bot, chat_id, views.progress(built, streak, learner.next_due_at, learner.tz, now,
                                                    learner.status == "paused"))


async def pause(update: Update, context: Context) -> None:
    """/pause [date, like 11/01/2027 or 11 Jan]: no drops until /resume, or until that date."""
    user_id, chat_id, _ = ids(update)
    now = context.services.clock.now()
    until = None
    if context.args:
        until = parse_uk_date(" ".join(context.args), now.date())
        if until is None:
            await send(context.bot, chat_id, Screen(pacing_views.BAD_DATE))
            return
        if until <= now.date():
            await send(context.bot, chat_id, Screen(pacing_views.PAST_DATE))
            return
    paced = await Pacing(context.services).pause(user_id, until)
    if paced.learner is None:
        text = NOT_JOINED
    elif until is None:
        text = views.PAUSED + "\n\n" + pacing_views.PAUSE_HELP
    else:
        text = pacing_views.PAUSED_UNTIL.format(when=when(paced.due, paced.learner.tz, now))
    await send(context.bot, chat_id, Screen(text))


async def resume(update: Update, context: Context) -> None:
    """/resume: drops again from the next slot."""
    user_id, chat_id, _ = ids(update)
    paced = await Pacing(context.services).resume(user_id)
    if paced.learner is None:
        await send(context.bot, chat_id, Screen(NOT_JOINED))
        return
    text = views.RESUMED if paced.changed else views.NOT_PAUSED
    await send(context.bot, chat_id, Screen(text.format(
        when=when(paced.due, paced.learner.tz, context.services.clock.now()))))


async def on_pause_answer(update: Update, context: Context, pause_now: bool) -> str | None:
    """The answer to "would you like to pause?" after two quiet weeks."""
    query = update.callback_query
    assert query is not None
    user_id, _, _ = ids(update)
    pacing = Pacing(context.services)
    paced = await (pacing.pause(user_id, None) if pause_now else pacing.resume(user_id))
    if paced.learner is None:
        return NOT_JOINED
    text = (views.PAUSED if pause_now else pacing_views.KEEP.format(
        when=when(paced.due, paced.learner.tz, context.services.clock.now())))
    await edit_text(query, text)
    return None


async def on_ask_back(update: Update, context: Context, carry_on: bool) -> str | None:
    """The answer to "would you like to pick up where you left off?" after a holiday."""
    query = update.callback_query
    assert query is not None
    user_id, _, _ = ids(update)
    pacing = Pacing(context.services)
    paced = await (pacing.resume(user_id) if carry_on else pacing.stay_paused(user_id))
    if paced.learner is None:
        return NOT_JOINED
    await edit_text(query, pacing_views.CARRIED_ON if carry_on else pacing_views.STAY_PAUSED)
    if carry_on:
        await next_drop(update, context)  # the open step again, or the next drop
    return None


async def help_command(update: Update, context: Context) -> None:
    """/help: what the bot does; coordinators and admins see their own commands, each with an example."""
    user_id, chat_id, _ = ids(update)
    await send(context.bot, chat_id, Screen(help_text(await role_of(context.services, user_id))))


async def unknown_command(update: Update, context: Context) -> None:
    """A command the bot does not have (a typo, or one from another bot): point to /help."""
    _, chat_id, _ = ids(update)
    await send(context.bot, chat_id, Screen(views.UNKNOWN))
