"""The coordinators' menu button opens the dashboard as a Telegram Mini App."""

from __future__ import annotations

import contextlib

from telegram import Bot, MenuButtonWebApp, WebAppInfo
from telegram.error import TelegramError

from bot.services import Services
from bot.views.dashboard import MENU_BUTTON


async def set_menu_buttons(bot: Bot, services: Services) -> None:
    """Each coordinator's and admin's chat gets the button; learners keep the command menu."""
    url = services.settings.dashboard_url
    if not url.startswith("https://"):  # Telegram opens Mini Apps over HTTPS only
        return
    async with services.store.read() as tx:
        people = await tx.coordination.coordinator_ids() | set(services.settings.admin_ids)
    button = MenuButtonWebApp(MENU_BUTTON, WebAppInfo(f"{url}/app"))
    for user_id in people:
        with contextlib.suppress(TelegramError):  # someone who never opened the chat has no menu
            await bot.set_chat_menu_button(chat_id=user_id, menu_button=button)
