"""The store: the database plus the units of work the scheduler asks for."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Protocol

import aiosqlite

from storage.db import Database, iso
from storage.drip import DripUnitSQL
from storage.learners import Learner
from storage.outbox import OutboxItem
from storage.tx import Tx


class Sent(Protocol):
    """What the sender reports about one outbox row (scheduler.ports.Delivery fits)."""

    @property
    def outcome(self) -> Enum: ...
    @property
    def message_id(self) -> int | None: ...
    @property
    def error(self) -> str: ...


class Row(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def user_id(self) -> int | None: ...


class Store:
    """Open once at start-up, closed at shutdown; everything else borrows it."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    async def open(cls, path: Path) -> Store:
        return cls(await Database.open(path))

    async def close(self) -> None:
        await self.db.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        async with self.db.transaction() as conn:
            yield Tx(conn)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Tx]:
        """Reads, or one statement that commits on its own: no BEGIN/COMMIT round trips needed."""
        async with self.db.reading() as conn:
            yield Tx(conn)

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[Tx]:
        """For long reads: their own read-only connection, so writers and short reads never wait."""
        async with self.db.snapshot() as conn:
            yield Tx(conn)

    @asynccontextmanager
    async def drip_unit(self) -> AsyncIterator[DripUnitSQL]:
        async with self.db.transaction() as conn:
            yield DripUnitSQL(conn)

    async def claim_outbox(self, now: datetime, limit: int, lease: timedelta) -> Sequence[OutboxItem]:
        async with self.transaction() as tx:
            return await tx.outbox.claim(now, limit, lease)

    async def record(self, item: Row, delivery: Sent, now: datetime,
                     retry_at: datetime | None) -> None:
        """Write what happened to one send; a block also marks the learner unreachable."""
        outcome = str(delivery.outcome.value)
        async with self.transaction() as tx:
            if outcome == "sent":
                await tx.outbox.mark_sent(item.id, delivery.message_id, now)
            elif retry_at is not None:
                await tx.outbox.retry_later(item.id, retry_at, delivery.error)
            else:
                await tx.outbox.mark_final(item.id, outcome, delivery.error)
            if outcome == "blocked" and item.user_id is not None:
                await tx.learners.update(item.user_id, status="unreachable", next_due_at=None)

    async def recover(self) -> int:
        """At start-up: leases held by a process that died are released, so its work is redone now.

        Only one bot process runs against a database, so any lease found at start is stale. A message
        that was in flight when the process died may be sent again: that is the one duplicate allowed.
        """
        async with self.transaction() as tx:
            cursor = await tx.conn.execute(
                "UPDATE outbox SET status = 'pending', lease_until = NULL WHERE status = 'sending'")
            await tx.conn.execute("UPDATE learners SET lease_until = NULL WHERE lease_until IS NOT NULL")
        return cursor.rowcount

    @staticmethod
    async def integrity(path: Path) -> str:
        """'' when PRAGMA integrity_check passes on the file at path, else what it found."""
        async with aiosqlite.connect(path) as conn, conn.execute("PRAGMA integrity_check") as cur:
            rows = [str(r[0]) for r in await cur.fetchall()]
        return "" if rows == ["ok"] else "; ".join(rows)

    async def learner(self, user_id: int) -> Learner | None:
        async with self.read() as tx:
            return await tx.learners.get(user_id)


__all__ = ["Store", "Tx", "iso"]
