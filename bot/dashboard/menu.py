"""The coordinators' menu button opens the dashboard as a Telegram Mini App."""

from __future__ import annotations

import contextlib

from telegram import Bot, MenuButtonWebApp, WebAppInfo
from telegram.error import TelegramError

from bot.services import Services
from bot.views.dashboard import MENU_BUTTON, mini_app_url


async def set_menu_buttons(bot: Bot, services: Services) -> None:
    """Each coordinator's and admin's chat gets the button; learners keep the command menu."""
    url = mini_app_url(services.settings.dashboard_url)
    if not url:
        return
    async with services.store.read() as tx:
        people = await tx.coordination.coordinator_ids() | set(services.settings.admin_ids)
    button = MenuButtonWebApp(MENU_BUTTON, WebAppInfo(url))
    for user_id in people:
        with contextlib.suppress(TelegramError):  # someone who never opened the chat has no menu
            await bot.set_chat_menu_button(chat_id=user_id, menu_button=button)
