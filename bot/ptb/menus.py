"""Each person's menu follows their role: the one place that sets command lists and menu buttons.

Called at start-up for everyone with a role, and whenever a role changes (a cohort made, a promotion
or a coordinator invite, a removal in the chat or on the dashboard), so a removed coordinator's menu
is a learner's at once, not at the next restart.
"""

from __future__ import annotations

import contextlib

from telegram import Bot, BotCommand, BotCommandScopeChat, MenuButtonDefault, MenuButtonWebApp, WebAppInfo
from telegram.error import TelegramError

from bot.services import Services
from bot.usecases.roles import Role, role_of
from bot.views.dashboard import MENU_BUTTON, mini_app_url
from bot.views.help import menu


def _commands(role: Role) -> list[BotCommand]:
    return [BotCommand(command, description) for command, description in menu(role)]


async def learners_menu(bot: Bot) -> None:
    """The menu everyone has unless their own chat's says otherwise; errors reach the caller."""
    await bot.set_my_commands(_commands(Role.LEARNER))


async def refresh_menu(bot: Bot, services: Services, user_id: int) -> None:
    """Set this person's command list and menu button for the role they have now.

    Telegram refuses a chat's menu for someone who has never written to the bot, and menus are
    cosmetic (every command works without them), so a refusal is passed over; they get theirs at
    the next start-up after they have written.
    """
    role = await role_of(services, user_id)
    scope = BotCommandScopeChat(user_id)
    url = mini_app_url(services.settings.dashboard_url)
    with contextlib.suppress(TelegramError):
        if role is Role.LEARNER:
            await bot.delete_my_commands(scope=scope)
        else:
            await bot.set_my_commands(_commands(role), scope=scope)
        if url:
            button = (MenuButtonDefault() if role is Role.LEARNER
                      else MenuButtonWebApp(MENU_BUTTON, WebAppInfo(url)))
            await bot.set_chat_menu_button(chat_id=user_id, menu_button=button)


async def staff_menus(bot: Bot, services: Services) -> None:
    """Every coordinator's and admin's chat gets their commands and, with the dashboard on, its button."""
    async with services.store.read() as tx:
        people = await tx.coordination.coordinator_ids()
    for user_id in sorted(people | set(services.settings.admin_ids)):
        await refresh_menu(bot, services, user_id)
