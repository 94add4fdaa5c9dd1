"""A local stand-in for the Telegram Bot API: the bot runs against it offline (try, tests, bench)."""

from bot.standin.driver import ChatUser, StandIn
from bot.standin.state import Sent

__all__ = ["ChatUser", "Sent", "StandIn"]
