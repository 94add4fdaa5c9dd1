"""Pruning what has done its job: sent outbox rows and handled inbox rows after a set time, and
expired dashboard sign-ins and coordinator invites."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from storage.store import Store, Tx

# Rows deleted per transaction: a term's worth (hundreds of thousands) goes in many short write
# locks, so learners' presses never wait behind the prune.
CHUNK = 2000


async def _in_chunks(store: Store, chunk: Callable[[Tx], Awaitable[int]]) -> int:
    """Run one chunk's delete per transaction until a chunk comes back short; the rows deleted."""
    deleted = 0
    while True:
        async with store.transaction() as tx:
            gone = await chunk(tx)
        deleted += gone
        if gone < CHUNK:
            return deleted


async def prune(store: Store, sent_before: datetime, handled_before: datetime) -> tuple[int, int]:
    """Delete outbox rows sent before one moment and inbox rows handled before another."""
    sent = await _in_chunks(store, lambda tx: tx.outbox.prune(sent_before, CHUNK))
    handled = await _in_chunks(store, lambda tx: tx.inbox.prune(handled_before, CHUNK))
    return sent, handled


async def prune_access(store: Store, before: datetime) -> int:
    """Delete dashboard sign-in links, sessions and coordinator invites that expired before a moment."""
    async with store.transaction() as tx:
        return await tx.dashboard.prune(before) + await tx.coordinator_invites.prune(before)
