"""Coordinator commands and buttons; the role is checked on every one, in the domain."""

from __future__ import annotations

import io
from collections.abc import Callable, Coroutine
from typing import Any

import segno
from telegram import InputFile, Update

from bot.handlers.args import first_number, numbers
from bot.handlers.term_dates import ask_term_dates
from bot.ptb.menus import refresh_menu
from bot.ptb.telegram_io import Context, ids, send
from bot.usecases.coordination import Coordination, NotAllowed
from bot.usecases.tip_desk import TipDesk
from bot.views import board as board_views
from bot.views import coordinator as views
from bot.views.charts import chart_caption, completion_chart
from bot.views.dashboard import mini_app_url
from bot.views.html import Markup
from bot.views.screen import Screen
from scheduler.closed_days import has_calendar
from scheduler.cohort_calendar import parse as parse_calendar

Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]


def guarded(handler: Handler) -> Handler:
    """Turn a refusal into a polite reply, whatever command it came from."""

    async def wrapper(update: Update, context: Context) -> None:
        try:
            # The role first: someone who coordinates nothing learns nothing from how input is read.
            await Coordination(context.services, ids(update)[0]).may_coordinate()
            await handler(update, context)
        except NotAllowed:
            _, chat_id, _ = ids(update)
            await send(context.bot, chat_id, Screen(views.NOT_ALLOWED))

    wrapper.__doc__ = handler.__doc__
    return wrapper


def cohort_number(context: Context) -> int | None:
    return first_number(context.args)


async def ask_number(context: Context, chat_id: int, example: str) -> None:
    await send(context.bot, chat_id, Screen(views.WHICH_COHORT.format(example=example)))


async def _send_invite(context: Context, chat_id: int, coordination: Coordination, cohort_id: int,
                       change: str | None = None) -> None:
    cohort = await coordination.invite(cohort_id, change)
    link = coordination.link(cohort)
    await send(context.bot, chat_id, views.invite(cohort.name, link))
    qr = io.BytesIO()
    segno.make(link, error="m").save(qr, kind="png", scale=8)
    await context.bot.send_photo(chat_id, InputFile(qr.getvalue(), filename="invite.png"),
                                 caption=views.qr_caption(cohort.name))


@guarded
async def new_cohort(update: Update, context: Context) -> None:
    """/newcohort Name: a cohort, its invite link and QR code."""
    user_id, chat_id, _ = ids(update)
    name = " ".join(context.args or []).strip()
    if not name:
        await send(context.bot, chat_id, Screen(views.NO_NAME))
        return
    coordination = Coordination(context.services, user_id)
    cohort = await coordination.create(name)
    await refresh_menu(context.bot, context.services, user_id)
    await _send_invite(context, chat_id, coordination, cohort.id)
    await ask_term_dates(context, user_id, chat_id, cohort.id, cohort.calendar)


@guarded
async def cohorts(update: Update, context: Context) -> None:
    """/cohorts: the coordinator's cohorts with links and learner counts."""
    user_id, chat_id, _ = ids(update)
    coordination = Coordination(context.services, user_id)
    mine = await coordination.mine()
    rows = [(c.id, c.name, coordination.link(c), n, c.invite_open) for c, n in mine]
    bare = frozenset(c.id for c, _ in mine if not has_calendar(c.calendar))
    dashboard = mini_app_url(context.services.settings.dashboard_url)
    await send(context.bot, chat_id, views.cohort_list(rows, dashboard, bare))


@guarded
async def invite(update: Update, context: Context) -> None:
    """/invite N [rotate|close|open]: the invite link and QR code, or a change to the invite."""
    user_id, chat_id, _ = ids(update)
    number = cohort_number(context)
    if number is None:
        await ask_number(context, chat_id, "/invite 3")
        return
    change = context.args[1].lower() if context.args and len(context.args) > 1 else None
    coordination = Coordination(context.services, user_id)
    if change == "close":  # a closed link is not one to share: confirm, without the link or QR
        cohort = await coordination.invite(number, change)
        await send(context.bot, chat_id, Screen(views.INVITE_CLOSED.format(name=cohort.name,
                                                                          number=cohort.id)))
        return
    await _send_invite(context, chat_id, coordination, number, change)


@guarded
async def promote(update: Update, context: Context) -> None:
    """/promote USER COHORT (admins): make someone a coordinator of a cohort."""
    user_id, chat_id, _ = ids(update)
    pair = numbers(context.args, 2)
    if pair is None:
        await send(context.bot, chat_id, Screen(views.PROMOTE_USAGE))
        return
    target, cohort_id = pair
    cohort = await Coordination(context.services, user_id).promote(target, cohort_id)
    await refresh_menu(context.bot, context.services, target)
    await send(context.bot, chat_id, Screen(views.PROMOTED.format(user=target, cohort=cohort.name)))


@guarded
async def demote(update: Update, context: Context) -> None:
    """/demote USER COHORT (admins): someone stops coordinating a cohort; their menu follows."""
    user_id, chat_id, _ = ids(update)
    pair = numbers(context.args, 2)
    if pair is None:
        await send(context.bot, chat_id, Screen(views.DEMOTE_USAGE))
        return
    target, cohort_id = pair
    cohort, removed = await Coordination(context.services, user_id).demote(target, cohort_id)
    await refresh_menu(context.bot, context.services, target)  # a learner's menu, if no cohort is left
    text = views.DEMOTED if removed else views.NOT_A_COORDINATOR
    await send(context.bot, chat_id, Screen(text.format(user=target, cohort=cohort.name)))


@guarded
async def rename(update: Update, context: Context) -> None:
    """/rename N New name: a cohort's coordinators (or an admin) rename it."""
    user_id, chat_id, _ = ids(update)
    args = context.args or []
    name = " ".join(args[1:]).strip()
    number = first_number(args)
    if len(args) < 2 or number is None or not name:
        await send(context.bot, chat_id, Screen(views.RENAME_USAGE))
        return
    cohort = await Coordination(context.services, user_id).rename(number, name)
    await send(context.bot, chat_id, Screen(views.RENAMED.format(number=cohort.id, name=cohort.name)))


@guarded
async def stats(update: Update, context: Context) -> None:
    """/stats N: the cohort's figures as text and as a chart."""
    user_id, chat_id, _ = ids(update)
    number = cohort_number(context)
    if number is None:
        await ask_number(context, chat_id, "/stats 3")
        return
    cohort, summary = await Coordination(context.services, user_id).stats(number)
    board = board_views.stats_section(await TipDesk(context.services, user_id).counts(cohort.id),
                                      {m.id: m for m in context.services.course.course.modules})
    bare = None if has_calendar(cohort.calendar) else cohort.id
    text = views.stats(cohort.name, summary, bare).text
    await send(context.bot, chat_id, Screen(text + Markup("\n\n") + board))
    # Drawn in another process: matplotlib's drawing holds the interpreter's lock for tens of ms.
    png = await context.services.processes.run(completion_chart, summary, cohort.name)
    await context.bot.send_photo(chat_id, InputFile(png, filename="stats.png"),
                                 caption=chart_caption(summary))


@guarded
async def calendar(update: Update, context: Context) -> None:
    """/calendar N, then YAML on the following lines: set the cohort's terms, holidays, in-service days."""
    user_id, chat_id, _ = ids(update)
    message = update.effective_message
    number = cohort_number(context)
    if number is None or message is None or message.text is None:
        await ask_number(context, chat_id, "/calendar 3")
        return
    coordination = Coordination(context.services, user_id)
    cohort = await coordination.check(number)
    body = message.text.partition("\n")[2]
    if not body.strip():
        await send(context.bot, chat_id, views.calendar_shown(cohort.name, cohort.calendar))
        return
    parsed, problems = parse_calendar(body)
    if parsed is None:
        await send(context.bot, chat_id, views.calendar_problems(problems))
        return
    await coordination.set_calendar(cohort.id, parsed.stored())
    await send(context.bot, chat_id, views.calendar_shown(cohort.name, parsed.stored()))


@guarded
async def move(update: Update, context: Context) -> None:
    """/move USER COHORT: move a learner between two of your cohorts."""
    user_id, chat_id, _ = ids(update)
    pair = numbers(context.args, 2)
    if pair is None:
        await send(context.bot, chat_id, Screen(views.MOVE_USAGE))
        return
    cohort = await Coordination(context.services, user_id).move(*pair)
    await send(context.bot, chat_id, Screen(views.MOVED.format(user=pair[0], cohort=cohort.name)))
