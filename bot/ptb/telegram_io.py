"""The edge between screens and Telegram: markup, sending, and the handler context."""

from __future__ import annotations

from typing import Any, cast

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, WebAppInfo
from telegram.error import BadRequest
from telegram.ext import Application, CallbackContext, ExtBot

from bot.services import Services
from bot.views.html import Markup
from bot.views.screen import Key, Screen, WebAppButton


class Context(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's context with typed access to our services (no domain state lives in it)."""

    @property
    def services(self) -> Services:
        return cast(Services, self.bot_data["services"])


App = Application[ExtBot[None], Context, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any]


def markup(screen: Screen) -> InlineKeyboardMarkup | None:
    if not screen.buttons:
        return None
    return InlineKeyboardMarkup([[_key(b) for b in row] for row in screen.buttons])


def _key(button: Key) -> InlineKeyboardButton:
    if isinstance(button, WebAppButton):
        return InlineKeyboardButton(button.label, web_app=WebAppInfo(button.url))
    return InlineKeyboardButton(button.label, callback_data=button.data)


async def send(bot: ExtBot[None], chat_id: int, screen: Screen) -> Message:
    return await bot.send_message(chat_id, screen.text, reply_markup=markup(screen))


async def send_all(bot: ExtBot[None], chat_id: int, screens: list[Screen]) -> None:
    for screen in screens:
        await send(bot, chat_id, screen)


def ids(update: Update) -> tuple[int, int, str]:
    """The user id, chat id and first name of a private update; narrowed once, here."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    return user.id, chat.id, user.first_name or "there"


# Edits that fail because the message is unchanged, gone or too old change nothing for the learner:
# the action itself is already recorded, so they are not errors.
_HARMLESS = ("message is not modified", "message to edit not found", "message can't be edited")


async def edit_markup(query: CallbackQuery, buttons: InlineKeyboardMarkup | None) -> None:
    """Replace (or remove) the buttons under the message a button was pressed on."""
    try:
        await query.edit_message_reply_markup(buttons)
    except BadRequest as exc:
        if not any(h in exc.message.lower() for h in _HARMLESS):
            raise


async def edit_text(query: CallbackQuery, text: Markup, buttons: InlineKeyboardMarkup | None = None) -> None:
    """Rewrite the message a button was pressed on."""
    try:
        await query.edit_message_text(text, reply_markup=buttons)
    except BadRequest as exc:
        if not any(h in exc.message.lower() for h in _HARMLESS):
            raise
