"""The learner's commands: /next, /progress, /pause, /resume, /help."""

from __future__ import annotations

from telegram import Update

from bot.learning import Learning
from bot.telegram_io import Context, ids, send, send_all
from bot.views import commands as views
from bot.views.learning import NOT_JOINED, after
from bot.views.screen import Screen
from bot.views.timing import when


async def next_drop(update: Update, context: Context) -> None:
    """/next: the open step again, or the next drop now."""
    user_id, chat_id, _ = ids(update)
    advance = await Learning(context.services).next_now(user_id)
    if advance.stale:
        await send(context.bot, chat_id, Screen(NOT_JOINED))
        return
    await send_all(context.bot, chat_id, after(advance, context.services.clock.now()))


async def progress(update: Update, context: Context) -> None:
    """/progress: drops per module, quiz score, next drop."""
    user_id, chat_id, _ = ids(update)
    store, course = context.services.store, context.services.course
    async with store.read() as tx:
        learner = await tx.learners.get(user_id)
        completed = await tx.progress.completed_drops(user_id)
        answers = await tx.progress.answers(user_id)
    if learner is None or learner.status == "joining":
        await send(context.bot, chat_id, Screen(NOT_JOINED))
        return
    first = {a.step_id: a.correct for a in reversed(answers) if not a.recall}
    score = (sum(first.values()), len(first))
    screen = views.progress(list(course.module_counts(completed)), score, learner.next_due_at,
                            learner.tz, context.services.clock.now(), learner.status == "paused")
    await send(context.bot, chat_id, screen)


async def pause(update: Update, context: Context) -> None:
    """/pause: no drops until /resume."""
    user_id, chat_id, _ = ids(update)
    async with context.services.store.transaction() as tx:
        learner = await tx.learners.get(user_id)
        if learner is None or learner.status == "joining":
            await send(context.bot, chat_id, Screen(NOT_JOINED))
            return
        await tx.learners.update(user_id, status="paused", next_due_at=None)
    await send(context.bot, chat_id, Screen(views.PAUSED))


async def resume(update: Update, context: Context) -> None:
    """/resume: drops again from the next slot."""
    user_id, chat_id, _ = ids(update)
    services = context.services
    now = services.clock.now()
    async with services.store.transaction() as tx:
        learner = await tx.learners.get(user_id)
        if learner is None or learner.status == "joining":
            await send(context.bot, chat_id, Screen(NOT_JOINED))
            return
        cohort = await tx.cohorts.get(learner.cohort_id) if learner.cohort_id else None
        due = services.timing.next_due(learner, cohort.calendar if cohort else {}, now, 0)
        was_paused = learner.status == "paused"
        if was_paused:
            await tx.learners.update(user_id, status="active", next_due_at=due, paused_until=None)
    text = views.RESUMED if was_paused else views.NOT_PAUSED
    await send(context.bot, chat_id, Screen(text.format(when=when(
        due if was_paused else learner.next_due_at, learner.tz, now))))


async def help_command(update: Update, context: Context) -> None:
    """/help: what the bot does and how to use it."""
    _, chat_id, _ = ids(update)
    await send(context.bot, chat_id, Screen(views.HELP))
