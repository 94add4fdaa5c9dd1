"""Coordinators, the audit log and broadcasts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Conn, iso
from storage.learners import REACHABLE
from storage.outbox import Message


@dataclass(frozen=True)
class Broadcast:
    id: int
    cohort_id: int
    author: int
    text: str
    status: str
    progress_chat: int | None
    progress_message: int | None
    reported: str | None
    send_at: datetime | None = None


class Coordination:
    """Coordinator rows, audit entries and broadcasts; the caller owns the transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def add_coordinator(self, user_id: int, cohort_id: int, by: int, now: datetime) -> None:
        await self.conn.execute(
            "INSERT OR IGNORE INTO coordinators (user_id, cohort_id, added_by, added_at) VALUES (?, ?, ?, ?)",
            (user_id, cohort_id, by, iso(now)))

    async def remove_coordinator(self, user_id: int, cohort_id: int) -> bool:
        cursor = await self.conn.execute(
            "DELETE FROM coordinators WHERE user_id = ? AND cohort_id = ?", (user_id, cohort_id))
        return cursor.rowcount == 1

    async def cohorts_of(self, user_id: int) -> set[int]:
        async with self.conn.execute(
            "SELECT cohort_id FROM coordinators WHERE user_id = ?", (user_id,)
        ) as cur:
            return {r[0] for r in await cur.fetchall()}

    async def coordinator_ids(self) -> set[int]:
        async with self.conn.execute("SELECT DISTINCT user_id FROM coordinators") as cur:
            return {r[0] for r in await cur.fetchall()}

    async def audit(self, actor: int, action: str, now: datetime, *, cohort_id: int | None = None,
                    detail: str = "", count: int = 0) -> None:
        await self.conn.execute(
            "INSERT INTO audit (actor, action, cohort_id, detail, count, at) VALUES (?, ?, ?, ?, ?, ?)",
            (actor, action, cohort_id, detail, count, iso(now)))

    async def created_since(self, actor: int, name: str, since: datetime) -> int | None:
        """The newest cohort of this name the actor created since then, if any (a repeated request)."""
        async with self.conn.execute(
            "SELECT c.id FROM audit a JOIN cohorts c ON c.id = a.cohort_id WHERE a.actor = ?"
            " AND a.action = 'create cohort' AND a.at >= ? AND c.name = ? ORDER BY a.id DESC LIMIT 1",
            (actor, iso(since), name)) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else None

    async def draft(self, cohort_id: int, author: int, text: str, now: datetime,
                    send_at: datetime | None = None) -> int:
        cursor = await self.conn.execute(
            "INSERT INTO broadcasts (cohort_id, author, text, created_at, send_at) VALUES (?, ?, ?, ?, ?)",
            (cohort_id, author, text, iso(now), iso(send_at) if send_at else None))
        return int(cursor.lastrowid or 0)

    async def broadcast(self, broadcast_id: int) -> Broadcast | None:
        async with self.conn.execute(
            "SELECT id, cohort_id, author, text, status, progress_chat, progress_message, reported, send_at"
            " FROM broadcasts WHERE id = ?", (broadcast_id,)
        ) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        return Broadcast(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7],
                         datetime.fromisoformat(row[8]) if row[8] else None)

    async def of_cohort(self, cohort_id: int) -> list[Broadcast]:
        async with self.conn.execute(
            "SELECT id, cohort_id, author, text, status, progress_chat, progress_message, reported, send_at"
            " FROM broadcasts WHERE cohort_id = ? ORDER BY id DESC", (cohort_id,)
        ) as cur:
            return [Broadcast(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                              datetime.fromisoformat(r[8]) if r[8] else None) for r in await cur.fetchall()]

    async def queue_broadcast(self, item: Broadcast, sent: Message, now: datetime, chat: int | None,
                              message: int | None) -> int:
        """One outbox row of sent per reachable learner of the cohort; returns how many were queued."""
        cursor = await self.conn.execute(
            "INSERT OR IGNORE INTO outbox (dedupe_key, user_id, chat_id, kind, payload, not_before,"
            " created_at, broadcast_id) SELECT 'bc:' || ? || ':' || user_id, user_id, chat_id, ?, ?, ?, ?, ?"
            f" FROM learners WHERE cohort_id = ? AND {REACHABLE}",
            (item.id, sent.kind, sent.body(), iso(item.send_at or now), iso(now), item.id, item.cohort_id))
        await self.conn.execute(
            "UPDATE broadcasts SET status = 'queued', queued_at = ?, progress_chat = ?, progress_message = ?"
            " WHERE id = ?", (iso(now), chat, message, item.id))
        return cursor.rowcount

    async def cancel(self, broadcast_id: int) -> None:
        await self.conn.execute(
            "UPDATE broadcasts SET status = 'cancelled' WHERE id = ? AND status = 'draft'", (broadcast_id,))

    async def in_progress(self) -> list[Broadcast]:
        async with self.conn.execute(
            "SELECT id, cohort_id, author, text, status, progress_chat, progress_message, reported"
            " FROM broadcasts WHERE status = 'queued' AND finished = 0"
        ) as cur:
            return [Broadcast(*r) for r in await cur.fetchall()]

    async def set_reported(self, broadcast_id: int, reported: str, finished: bool) -> None:
        """The progress last shown; once finished, the broadcast is no longer followed."""
        await self.conn.execute("UPDATE broadcasts SET reported = ?, finished = ? WHERE id = ?",
                                (reported, int(finished), broadcast_id))
