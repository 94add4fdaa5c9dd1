"""The store: the database plus the units of work the scheduler asks for."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

import aiosqlite

from storage.db import Database, iso
from storage.learners import Learner
from storage.outbox import Message, OutboxItem
from storage.tx import Tx


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


@dataclass(frozen=True)
class DueLearner:
    """A claimed learner and the facts the drip plans from (satisfies scheduler's LearnerFacts)."""

    learner: Learner
    completed: frozenset[str]
    delivered: tuple[datetime, ...]
    calendar: dict[str, Any]
    nudges: tuple[datetime, ...] = ()
    digests: tuple[datetime, ...] = ()  # weekly board digests sent in the last week
    fresh_tips: int = 0  # colleagues' tips published in the cohort in the last week
    offered: frozenset[str] = frozenset()  # every drop ever delivered to them, finished or not


class Plan(Protocol):
    """What the drip decided for one learner (scheduler.ports.Planned fits)."""

    @property
    def learner(self) -> Addressee: ...
    @property
    def message(self) -> tuple[str, Message] | None: ...
    @property
    def also(self) -> tuple[str, Message] | None: ...
    @property
    def start(self) -> tuple[str, str] | None: ...
    @property
    def due(self) -> datetime | None: ...
    @property
    def status(self) -> str | None: ...
    @property
    def asks_pause(self) -> bool: ...


class DripUnitSQL(Tx):
    """One tick's storage work in a few set-based statements (satisfies scheduler's DripUnit)."""

    async def claim_due(self, now: datetime, limit: int, lease: timedelta,
                        since: datetime) -> list[DueLearner]:
        learners = await self.learners.claim_due(now, limit, lease)
        ids = [learner.user_id for learner in learners]
        completed: dict[int, set[str]] = {uid: set() for uid in ids}
        delivered: dict[int, list[datetime]] = {uid: [] for uid in ids}
        offered: dict[int, set[str]] = {uid: set() for uid in ids}
        marks, recent = ",".join("?" * len(ids)), iso(since)
        if ids:
            async with self.conn.execute(
                f"SELECT user_id, drop_id, delivered_at, completed_at FROM drop_progress"
                f" WHERE user_id IN ({marks})", ids,
            ) as cur:
                async for uid, drop_id, delivered_at, completed_at in cur:
                    offered[uid].add(drop_id)
                    if completed_at is not None:
                        completed[uid].add(drop_id)
                    if delivered_at >= recent:
                        delivered[uid].append(datetime.fromisoformat(delivered_at))
        nudges: dict[int, list[datetime]] = {uid: [] for uid in ids}
        digests: dict[int, list[datetime]] = {uid: [] for uid in ids}
        if ids:
            async with self.conn.execute(
                f"SELECT user_id, kind, created_at FROM outbox WHERE user_id IN ({marks})"
                " AND kind IN ('nudge', 'digest') AND created_at >= ?", [*ids, recent],
            ) as cur:
                async for uid, kind, created_at in cur:
                    # The weekly board digest counts against the nudge limit too.
                    nudges[uid].append(datetime.fromisoformat(created_at))
                    if kind == "digest":
                        digests[uid].append(datetime.fromisoformat(created_at))
        fresh = await self.tips.fresh_for(ids, since)
        calendars: dict[int | None, dict[str, Any]] = {}
        for cohort_id in {learner.cohort_id for learner in learners}:
            calendars[cohort_id] = await self.cohorts.calendar_of(cohort_id)
        return [DueLearner(learner, frozenset(completed[learner.user_id]),
                           tuple(delivered[learner.user_id]), calendars[learner.cohort_id],
                           tuple(nudges[learner.user_id]), tuple(digests[learner.user_id]),
                           fresh.get(learner.user_id, 0), frozenset(offered[learner.user_id]))
                for learner in learners]

    async def apply(self, plans: Sequence[Plan], now: datetime) -> set[str]:
        """Write every plan: outbox rows (deduplicated), started drops, next due times."""
        queued = await self.outbox.add_many(
            [(m[0], p.learner.chat_id, m[1], p.learner.user_id)
             for p in plans for m in (p.message, p.also) if m is not None], now)
        await self.conn.executemany(
            "INSERT OR IGNORE INTO drop_progress (user_id, drop_id, delivered_at) VALUES (?, ?, ?)",
            [(p.learner.user_id, p.start[0], iso(now)) for p in plans if p.start])
        await self.conn.executemany(
            "UPDATE learners SET current_step = ? WHERE user_id = ?",
            [(p.start[1], p.learner.user_id) for p in plans if p.start])
        await self.conn.executemany(
            "UPDATE learners SET next_due_at = ?, lease_until = NULL, status = COALESCE(?, status),"
            " snoozed = 0, asked_pause_at = CASE WHEN ? THEN ? ELSE asked_pause_at END"
            " WHERE user_id = ?",
            [(iso(p.due) if p.due else None, p.status,
              p.asks_pause, iso(now), p.learner.user_id)
             for p in plans])
        return queued


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
