"""The update queue behind getUpdates: offsets, long polling, allowed_updates, one poller at a time."""

from __future__ import annotations

import asyncio
from typing import Any

from standin.errors import conflict

# What Telegram sends when allowed_updates is empty: everything but these opt-in kinds.
OPT_IN = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
SUPERSEDED = "terminated by other getUpdates request; make sure that only one bot instance is running"


def kind_of(update: dict[str, Any]) -> str:
    """The update's kind: the one key besides update_id."""
    return next((key for key in update if key != "update_id"), "")


class UpdateQueue:
    """Updates waiting to be confirmed, in update_id order."""

    def __init__(self) -> None:
        self.pending: list[dict[str, Any]] = []
        self.forced: set[int] = set()  # delivered whatever allowed_updates says (fuzzing)
        self.next_id = 1
        self.allowed: frozenset[str] = frozenset()
        self.delivered = 0
        self._changed = asyncio.Condition()
        self._poll = 0  # which getUpdates call is the live one

    async def push(self, body: dict[str, Any], *, force: bool = False) -> int:
        """Queue an update; an update_id in the body is kept, later ones count on from it."""
        async with self._changed:
            update_id = int(body.get("update_id") or self.next_id)
            self.next_id = max(self.next_id, update_id + 1)
            if force:
                self.forced.add(update_id)
            self.pending.append({**body, "update_id": update_id})
            self._changed.notify_all()
        return update_id

    async def fetch(self, offset: int, limit: int, timeout: float,
                    allowed: list[str] | None) -> list[dict[str, Any]]:
        """getUpdates: confirm below offset, wait up to timeout for the next ones."""
        if allowed is not None:
            self.allowed = frozenset(allowed)
        limit = min(max(limit, 1), 100)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(timeout, 0.0)
        async with self._changed:
            self._poll += 1
            mine = self._poll
            self._changed.notify_all()  # an older poll still waiting is terminated, as in Telegram
            while True:
                self._confirm(offset)
                ready = [u for u in self.pending if self._wanted(u)][:limit]
                remaining = deadline - loop.time()
                if ready or remaining <= 0:
                    self.delivered += len(ready)
                    return ready
                try:
                    await asyncio.wait_for(self._changed.wait(), remaining)
                except TimeoutError:
                    continue
                if self._poll != mine:
                    raise conflict(SUPERSEDED)

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            self.pending = self.pending[offset:]
        elif offset:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
        self.forced &= {u["update_id"] for u in self.pending}

    def _wanted(self, update: dict[str, Any]) -> bool:
        if update["update_id"] in self.forced:
            return True
        kind = kind_of(update)
        return kind in self.allowed if self.allowed else kind not in OPT_IN
