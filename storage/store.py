"""The store: the database plus the units of work the scheduler asks for."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

import aiosqlite

from storage.cohorts import Cohorts
from storage.db import Database, iso
from storage.inbox import Inbox
from storage.learners import Learner, Learners
from storage.outbox import Outbox, OutboxItem
from storage.progress import Journal, Progress


class Addressee(Protocol):
    @property
    def user_id(self) -> int: ...
    @property
    def chat_id(self) -> int: ...


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


class Tx:
    """The repositories bound to one open transaction."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn
        self.learners = Learners(conn)
        self.cohorts = Cohorts(conn)
        self.progress = Progress(conn)
        self.outbox = Outbox(conn)
        self.journal = Journal(conn)
        self.inbox = Inbox(conn)


class DripUnitSQL(Tx):
    """One tick's storage work (satisfies scheduler.ports.DripUnit)."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        super().__init__(conn)
        self._calendars: dict[int | None, dict[str, Any]] = {}

    async def claim_due(self, now: datetime, limit: int, lease: timedelta) -> Sequence[Learner]:
        return await self.learners.claim_due(now, limit, lease)

    async def completed_drops(self, user_id: int) -> set[str]:
        return await self.progress.completed_drops(user_id)

    async def delivered_since(self, user_id: int, since: datetime) -> int:
        return await self.progress.drops_delivered_since(user_id, since)

    async def calendar(self, cohort_id: int | None) -> dict[str, Any]:
        if cohort_id not in self._calendars:
            cohort = await self.cohorts.get(cohort_id) if cohort_id is not None else None
            self._calendars[cohort_id] = cohort.calendar if cohort else {}
        return self._calendars[cohort_id]

    async def queue(self, key: str, learner: Addressee, payload: dict[str, Any], now: datetime) -> bool:
        return await self.outbox.add(key, learner.chat_id, payload, now, user_id=learner.user_id)

    async def start_drop(self, user_id: int, drop_id: str, first_step: str, now: datetime) -> None:
        await self.progress.drop_delivered(user_id, drop_id, now)
        await self.learners.update(user_id, current_step=first_step)

    async def set_due(self, user_id: int, due: datetime | None, status: str | None = None) -> None:
        fields: dict[str, Any] = {"next_due_at": due, "lease_until": None}
        if status is not None:
            fields["status"] = status
        await self.learners.update(user_id, **fields)


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
        async with self.db.reading() as conn:
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
