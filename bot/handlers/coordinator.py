"""Coordinator commands and buttons; the role is checked on every one, in the domain."""

from __future__ import annotations

import asyncio
import contextlib
import html
import importlib
import io
import re
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import segno
from telegram import BotCommand, BotCommandScopeChat, InputFile, Message, Update
from telegram.error import BadRequest

from bot.callbacks import Callback
from bot.ptb.telegram_io import Context, edit_text, ids, send, send_all
from bot.usecases.coordination import Coordination, NotAllowed
from bot.views import coordinator as views
from bot.views.commands import COMMANDS
from bot.views.screen import Screen, safe
from bot.views.timing import when
from lessons.markup import check_html
from scheduler.cohort_calendar import parse as parse_calendar
from scheduler.reminders import quiet_at

Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]


def guarded(handler: Handler) -> Handler:
    """Turn a refusal into a polite reply, whatever command it came from."""

    async def wrapper(update: Update, context: Context) -> None:
        try:
            await handler(update, context)
        except NotAllowed:
            _, chat_id, _ = ids(update)
            await send(context.bot, chat_id, Screen(views.NOT_ALLOWED))

    wrapper.__doc__ = handler.__doc__
    return wrapper


def _number(context: Context) -> int | None:
    return int(context.args[0]) if context.args and context.args[0].isdigit() else None


async def _ask_number(context: Context, chat_id: int, example: str) -> None:
    await send(context.bot, chat_id, Screen(views.WHICH_COHORT.format(example=example)))


async def menu_for(context: Context, user_id: int, admin: bool) -> None:
    """Coordinator commands in this person's menu only; learners keep the plain menu."""
    extra = views.COMMANDS + (views.ADMIN_COMMANDS if admin else [])
    # Telegram refuses a chat menu for someone who has never written to the bot; they get it at the
    # next start-up after they have (app._coordinator_menus), and the commands work meanwhile.
    with contextlib.suppress(BadRequest):
        await context.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS + extra],
                                          scope=BotCommandScopeChat(user_id))


async def _send_invite(context: Context, chat_id: int, coordination: Coordination, cohort_id: int,
                       change: str | None = None) -> None:
    cohort = await coordination.invite(cohort_id, change)
    link = coordination.link(cohort)
    await send(context.bot, chat_id, views.invite(cohort.name, link))
    qr = io.BytesIO()
    segno.make(link, error="m").save(qr, kind="png", scale=8)
    await context.bot.send_photo(chat_id, InputFile(qr.getvalue(), filename="invite.png"),
                                 caption=f"QR code for {cohort.name}")


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
    await menu_for(context, user_id, user_id in context.services.settings.admin_ids)
    await _send_invite(context, chat_id, coordination, cohort.id)


@guarded
async def cohorts(update: Update, context: Context) -> None:
    """/cohorts: the coordinator's cohorts with links and learner counts."""
    user_id, chat_id, _ = ids(update)
    coordination = Coordination(context.services, user_id)
    rows = [(c.id, c.name, coordination.link(c), n, c.invite_open) for c, n in await coordination.mine()]
    await send(context.bot, chat_id, views.cohort_list(rows))


@guarded
async def invite(update: Update, context: Context) -> None:
    """/invite N [rotate|close|open]: the invite link and QR code, or a change to the invite."""
    user_id, chat_id, _ = ids(update)
    number = _number(context)
    if number is None:
        await _ask_number(context, chat_id, "/invite 3")
        return
    change = context.args[1] if context.args and len(context.args) > 1 else None
    await _send_invite(context, chat_id, Coordination(context.services, user_id), number, change)


@guarded
async def promote(update: Update, context: Context) -> None:
    """/promote USER COHORT (admins): make someone a coordinator of a cohort."""
    user_id, chat_id, _ = ids(update)
    args = context.args or []
    if len(args) != 2 or not all(a.isdigit() for a in args):
        await send(context.bot, chat_id, Screen(views.PROMOTE_USAGE))
        return
    cohort = await Coordination(context.services, user_id).promote(int(args[0]), int(args[1]))
    await menu_for(context, int(args[0]), int(args[0]) in context.services.settings.admin_ids)
    await send(context.bot, chat_id, Screen(views.PROMOTED.format(user=args[0], cohort=cohort.name)))


@guarded
async def demote(update: Update, context: Context) -> None:
    """/demote USER COHORT (admins): someone stops coordinating a cohort; their menu follows."""
    user_id, chat_id, _ = ids(update)
    args = context.args or []
    if len(args) != 2 or not all(a.isdigit() for a in args):
        await send(context.bot, chat_id, Screen(views.DEMOTE_USAGE))
        return
    target = int(args[0])
    cohort, removed = await Coordination(context.services, user_id).demote(target, int(args[1]))
    async with context.services.store.read() as tx:
        still = bool(await tx.coordination.cohorts_of(target))
    admin = target in context.services.settings.admin_ids
    if still or admin:
        await menu_for(context, target, admin)
    else:  # back to the learners' menu
        with contextlib.suppress(BadRequest):
            await context.bot.delete_my_commands(scope=BotCommandScopeChat(target))
    text = views.DEMOTED if removed else views.NOT_A_COORDINATOR
    await send(context.bot, chat_id, Screen(text.format(user=target, cohort=safe(cohort.name))))


@guarded
async def rename(update: Update, context: Context) -> None:
    """/rename N New name: a cohort's coordinators (or an admin) rename it."""
    user_id, chat_id, _ = ids(update)
    args = context.args or []
    name = " ".join(args[1:]).strip()
    if len(args) < 2 or not args[0].isdigit() or not name:
        await send(context.bot, chat_id, Screen(views.RENAME_USAGE))
        return
    cohort = await Coordination(context.services, user_id).rename(int(args[0]), name)
    await send(context.bot, chat_id, Screen(views.RENAMED.format(number=cohort.id, name=safe(cohort.name))))


@guarded
async def stats(update: Update, context: Context) -> None:
    """/stats N: the cohort's figures as text and as a chart."""
    user_id, chat_id, _ = ids(update)
    number = _number(context)
    if number is None:
        await _ask_number(context, chat_id, "/stats 3")
        return
    cohort, summary = await Coordination(context.services, user_id).stats(number)
    await send(context.bot, chat_id, views.stats(cohort.name, summary))
    # matplotlib (about a second to import) is loaded in a worker thread the first time.
    await asyncio.to_thread(importlib.import_module, "bot.views.charts")
    from bot.views.charts import completion_chart

    png = await asyncio.to_thread(completion_chart, summary, cohort.name)
    await context.bot.send_photo(chat_id, InputFile(png, filename="stats.png"), caption="Progress chart")


@guarded
async def broadcast(update: Update, context: Context) -> None:
    """/broadcast N: the next message becomes a draft, previewed before anything is sent."""
    user_id, chat_id, _ = ids(update)
    number = _number(context)
    if number is None:
        await _ask_number(context, chat_id, "/broadcast 3")
        return
    send_at = None
    if context.args and len(context.args) >= 3:
        try:
            send_at = datetime.fromisoformat(f"{context.args[1]} {context.args[2]}").replace(
                tzinfo=ZoneInfo(context.services.settings.timezone))
        except ValueError:
            await send(context.bot, chat_id, Screen(views.BAD_WHEN))
            return
        services = context.services
        late = quiet_at(send_at, services.settings.timezone, services.timing.quiet)
        if send_at <= services.clock.now() or late:
            await send(context.bot, chat_id, Screen(views.BAD_WHEN))
            return
    cohort, count = await Coordination(context.services, user_id).start_broadcast(number, send_at)
    await send(context.bot, chat_id, Screen(views.WRITE_BROADCAST.format(cohort=cohort.name, count=count)))


_TAG_ATTEMPT = re.compile(r"</?[a-zA-Z]")


def as_html(message: Message) -> str:
    """The coordinator's message as Telegram HTML, however they formatted it.

    Bold or italic chosen in the Telegram app arrives as entities: kept, as HTML. Tags typed by
    hand (<b>...</b>) are kept as typed. Anything else is plain text, and its '&' and '<' are escaped.
    """
    assert message.text is not None
    if message.entities:
        return message.text_html
    if _TAG_ATTEMPT.search(message.text):
        return message.text  # typed markup: checked, and explained if broken, by draft_text
    return html.escape(message.text, quote=False)


async def draft_text(context: Context, user_id: int, chat_id: int, text: str, waiting: str) -> None:
    """The coordinator's message after /broadcast: check it, keep it as a draft, show the preview."""
    problem = check_html(text)
    if problem:
        await send(context.bot, chat_id, Screen(views.BAD_HTML.format(problem=problem)))
        return
    _, cohort_text, when_text = [*waiting.split(":", 2), ""][:3]
    send_at = datetime.fromisoformat(when_text) if when_text else None
    try:
        broadcast_id, count = await Coordination(context.services, user_id).draft(
            int(cohort_text), text, send_at)
    except NotAllowed:
        await send(context.bot, chat_id, Screen(views.NOT_ALLOWED))
        return
    zone, now = context.services.settings.timezone, context.services.clock.now()
    later = when(send_at, zone, now) if send_at else None
    await send_all(context.bot, chat_id, views.preview(broadcast_id, text, count, later))


async def on_broadcast_button(update: Update, context: Context, callback: Callback) -> str | None:
    """Send or cancel a draft; the actor's right to its cohort is checked again here."""
    query = update.callback_query
    assert query is not None and query.message is not None
    user_id, chat_id, _ = ids(update)
    if not callback.target.isdigit():
        return views.NOT_ALLOWED
    coordination = Coordination(context.services, user_id)
    try:
        if callback.action == "bcx":
            await coordination.cancel_broadcast(int(callback.target))
            await edit_text(query, views.CANCELLED)
            return None
        count = await coordination.send_broadcast(int(callback.target), chat_id, query.message.message_id)
    except NotAllowed:
        return views.NOT_ALLOWED
    if count is not None:
        await edit_text(query, views.progress({}, count, done=False))
    return None


@guarded
async def calendar(update: Update, context: Context) -> None:
    """/calendar N, then YAML on the following lines: set the cohort's terms, holidays, in-service days."""
    user_id, chat_id, _ = ids(update)
    message = update.effective_message
    number = _number(context)
    if number is None or message is None or message.text is None:
        await _ask_number(context, chat_id, "/calendar 3")
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
    args = context.args or []
    if len(args) != 2 or not all(a.isdigit() for a in args):
        await send(context.bot, chat_id, Screen(views.MOVE_USAGE))
        return
    cohort = await Coordination(context.services, user_id).move(int(args[0]), int(args[1]))
    await send(context.bot, chat_id, Screen(views.MOVED.format(user=args[0], cohort=cohort.name)))
