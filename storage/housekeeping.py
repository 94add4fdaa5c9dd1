"""Pruning what has done its job: sent outbox rows and handled inbox rows, after a set time."""

from __future__ import annotations

from datetime import datetime

from storage.store import Store

# Rows deleted per transaction: a term's worth (hundreds of thousands) goes in many short write
# locks, so learners' presses never wait behind the prune.
CHUNK = 2000


async def prune(store: Store, sent_before: datetime, handled_before: datetime) -> tuple[int, int]:
    """Delete outbox rows sent before one moment and inbox rows handled before another."""
    sent = handled = 0
    while True:
        async with store.transaction() as tx:
            gone = await tx.outbox.prune(sent_before, CHUNK)
        sent += gone
        if gone < CHUNK:
            break
    while True:
        async with store.transaction() as tx:
            gone = await tx.inbox.prune(handled_before, CHUNK)
        handled += gone
        if gone < CHUNK:
            break
    return sent, handled
