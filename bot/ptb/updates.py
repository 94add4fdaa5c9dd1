"""Handle different people's updates at the same time, and each person's in the order they came.

At lunchtime hundreds of learners press buttons within a few minutes, and each press waits on
Telegram two or three times (answer the button, tidy the old card, send the next). Handled one
after another, every learner would wait behind everyone else's round trips. Handled all at once,
one learner's two quick presses could overtake each other. So updates from different chats run
concurrently, and updates from the same chat run strictly one after the other, in arrival order.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates in progress at once; beyond this, PTB queues them (first come, first served). With
# Telegram about 50-150 ms away and two or three calls per update, 16 at once keeps the bot ahead
# of what Telegram lets it send (30 messages a second) without paying for idle concurrency.
CONCURRENT_UPDATES = 16


def _chat_of(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


class PerChatOrder(BaseUpdateProcessor):
    """Concurrent across chats, sequential within a chat.

    PTB starts each update's task in arrival order and its semaphore queues waiters first come,
    first served, so each update joins the end of its chat's chain before any later update of the
    same chat can; it then waits for the one ahead of it to finish, whatever that one's outcome.
    """

    def __init__(self, max_concurrent_updates: int = CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._tails: dict[int, asyncio.Future[None]] = {}

    def in_progress(self) -> int:
        """Chats with at least one update being handled or waiting its turn."""
        return len(self._tails)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = _chat_of(update)
        if chat is None:
            await coroutine
            return
        ahead = self._tails.get(chat)
        mine: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._tails[chat] = mine
        try:
            if ahead is not None:
                try:
                    await asyncio.shield(ahead)
                except asyncio.CancelledError:
                    if asyncio.iscoroutine(coroutine):
                        coroutine.close()  # stopped before its turn: never started, nothing half-done
                    raise
            await coroutine
        finally:
            mine.set_result(None)
            if self._tails.get(chat) is mine:
                del self._tails[chat]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release: PTB waits for updates in progress before it stops."""
