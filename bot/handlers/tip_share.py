"""/sharetip, and the author's answer to it."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import Callback
from bot.handlers.coordinator import guarded
from bot.ptb.telegram_io import Context, edit_markup, ids, send
from bot.usecases.coordination import NotAllowed
from bot.usecases.tip_share import TipShare
from bot.views import tip_share as views
from bot.views.screen import Screen


@guarded
async def share_tip(update: Update, context: Context) -> None:
    """/sharetip TIP COHORT: admins ask a tip's author whether another cohort may see it."""
    user_id, chat_id, _ = ids(update)
    args = context.args or []
    if len(args) != 2 or not all(a.isdigit() for a in args):
        await send(context.bot, chat_id, Screen(views.USAGE))
        return
    try:
        tip = await TipShare(context.services, user_id).ask(int(args[0]), int(args[1]), views.ask_author)
    except NotAllowed:
        await send(context.bot, chat_id, Screen(views.ONLY_ADMINS))
        return
    await send(context.bot, chat_id, Screen(views.asked(tip) if tip else views.NOT_SHAREABLE))


async def on_share_answer(update: Update, context: Context, callback: Callback) -> str | None:
    query, (user_id, chat_id, _) = update.callback_query, ids(update)
    assert query is not None
    tip, _, cohort = callback.target.partition("-")
    agreed = callback.arg == "y"
    if not (tip.isdigit() and cohort.isdigit()) or not await TipShare(context.services, user_id).answer(
            int(tip), int(cohort), agreed):
        return views.GONE
    await edit_markup(query, None)
    await send(context.bot, chat_id, Screen(views.AGREED if agreed else views.REFUSED))
    return None
