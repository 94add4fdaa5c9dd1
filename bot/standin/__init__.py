"""A local stand-in for the Telegram Bot API: the bot runs against it offline (try, tests, bench)."""

from bot.standin.driver import StandIn
from bot.standin.errors import ApiError
from bot.standin.people import ChatUser
from bot.standin.state import Chat, Sent

__all__ = ["ApiError", "Chat", "ChatUser", "Sent", "StandIn"]
