"""A local stand-in for the Telegram Bot API: the bot runs against it offline (try, tests, bench)."""

from standin.driver import StandIn
from standin.errors import ApiError
from standin.people import ChatUser
from standin.state import Chat, Sent

__all__ = ["ApiError", "Chat", "ChatUser", "Sent", "StandIn"]
