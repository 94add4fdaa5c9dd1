"""/dashboard: a one-time sign-in link for the coordinators' dashboard in a browser."""

from __future__ import annotations

from telegram import Update

from bot.handlers.coordinator import guarded
from bot.ptb.telegram_io import Context, ids, send
from bot.usecases.coordination import NotAllowed
from bot.usecases.dashboard_access import sign_in_link
from bot.views import dashboard as views
from bot.views.screen import Screen


@guarded
async def dashboard(update: Update, context: Context) -> None:
    """/dashboard: coordinators and admins get a link that signs them in once."""
    user_id, chat_id, _ = ids(update)
    services = context.services
    if not services.settings.dashboard_url:
        await send(context.bot, chat_id, Screen(views.OFF))
        return
    link = await sign_in_link(services, user_id)
    if link is None:
        raise NotAllowed
    await send(context.bot, chat_id, views.sign_in(link, services.settings.dashboard_link_minutes))
