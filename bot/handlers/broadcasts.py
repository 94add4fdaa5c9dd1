"""Broadcasts: /broadcast N, the draft the coordinator types next, and the Send / Cancel buttons."""

from __future__ import annotations

import html
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Message, Update

from bot.callbacks import Action, Callback
from bot.handlers.args import number
from bot.handlers.coordinator import ask_number, cohort_number, guarded
from bot.ptb.telegram_io import Context, edit_text, ids, send, send_all
from bot.usecases.coordination import BadMessage, Coordination, NotAllowed, can_send_at
from bot.usecases.pending import Pending
from bot.views import coordinator as views
from bot.views.html import Markup
from bot.views.pending import dropped
from bot.views.plural import count as counted
from bot.views.screen import Screen
from bot.views.timing import when


@guarded
async def broadcast(update: Update, context: Context) -> None:
    """/broadcast N: the next message becomes a draft, previewed before anything is sent."""
    user_id, chat_id, _ = ids(update)
    number = cohort_number(context)
    if number is None:
        await ask_number(context, chat_id, "/broadcast 3")
        return
    send_at = None
    if context.args and len(context.args) >= 3:
        try:
            send_at = datetime.fromisoformat(f"{context.args[1]} {context.args[2]}").replace(
                tzinfo=ZoneInfo(context.services.settings.timezone))
        except ValueError:
            await send(context.bot, chat_id, Screen(views.BAD_WHEN))
            return
        if not can_send_at(context.services, send_at):
            await send(context.bot, chat_id, Screen(views.BAD_WHEN))
            return
    cohort, count, before = await Coordination(context.services, user_id).start_broadcast(number, send_at)
    await send_all(context.bot, chat_id, ([dropped(before)] if before else [])
                   + [Screen(views.WRITE_BROADCAST.format(cohort=cohort.name,
                                                          count=counted(count, "learner")))])


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


async def draft_text(context: Context, user_id: int, chat_id: int, text: str, waiting: Pending) -> bool:
    """The coordinator's message after /broadcast: check it, keep it as a draft, show the preview;
    False when they no longer run that cohort (the wait has ended, the text is theirs again)."""
    cohort_id, send_at = waiting.draft_target
    coordination = Coordination(context.services, user_id)
    try:
        broadcast_id, count = await coordination.draft(cohort_id, text, send_at)
    except NotAllowed:
        return False
    except BadMessage as refused:
        await send(context.bot, chat_id, Screen(views.bad_html(str(refused))))
        return True
    zone, now = context.services.settings.timezone, context.services.clock.now()
    later = when(send_at, zone, now) if send_at else None
    checked = Markup(text)  # the coordinator's own formatting, which draft has just accepted
    await send_all(context.bot, chat_id, views.preview(broadcast_id, checked, count, later))
    return True


async def on_broadcast_button(update: Update, context: Context, callback: Callback) -> str | None:
    """Send or cancel a draft; the actor's right to its cohort is checked again here."""
    query = update.callback_query
    assert query is not None and query.message is not None
    user_id, chat_id, _ = ids(update)
    broadcast_id = number(callback.target)
    if broadcast_id is None:
        return views.NOT_ALLOWED
    coordination = Coordination(context.services, user_id)
    try:
        if callback.action == Action.BROADCAST_CANCEL:
            await coordination.cancel_broadcast(broadcast_id)
            await edit_text(query, views.CANCELLED)
            return None
        count = await coordination.send_broadcast(broadcast_id, chat_id, query.message.message_id)
    except NotAllowed:
        return views.NOT_ALLOWED
    if count is not None:
        await edit_text(query, views.progress({}, count, done=False))
        services = context.services
        zone = ZoneInfo(services.settings.timezone)
        held = services.timing.awake_in(zone, services.clock.now())
        if held is not None:  # its own message: the progress line above is rewritten as it sends
            await send(context.bot, chat_id, Screen(views.HELD_QUIET.format(
                when=when(held, services.settings.timezone, services.clock.now()))))
    return None
