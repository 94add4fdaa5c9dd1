"""The outbox: every message the bot sends on its own initiative is a row here first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from storage.db import Conn, iso


class Message(Protocol):
    """A message to queue (scheduler.outgoing's models fit): storage keeps it, never reads it."""

    @property
    def kind(self) -> str: ...
    def body(self) -> str: ...


@dataclass(frozen=True)
class OutboxItem:
    id: int
    dedupe_key: str
    user_id: int | None
    chat_id: int
    kind: str
    body: str  # JSON, read by the sender: a row it cannot read fails alone, not the whole claim
    attempts: int


class Outbox:
    """Outbox rows; the caller owns the transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def add(self, dedupe_key: str, chat_id: int, message: Message, now: datetime,
                  *, user_id: int | None = None, not_before: datetime | None = None) -> bool:
        """Queue a message; False if a message with this key was queued before."""
        cursor = await self.conn.execute(
            "INSERT OR IGNORE INTO outbox (dedupe_key, user_id, chat_id, kind, payload, not_before,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (dedupe_key, user_id, chat_id, message.kind, message.body(), iso(not_before or now), iso(now)),
        )
        return cursor.rowcount == 1

    async def add_many(self, rows: Sequence[tuple[str, int, Message, int | None]],
                       now: datetime) -> set[str]:
        """Queue (key, chat id, message, user id) rows; returns the keys that were new."""
        if not rows:
            return set()
        keys = [row[0] for row in rows]
        async with self.conn.execute(
            f"SELECT dedupe_key FROM outbox WHERE dedupe_key IN ({','.join('?' * len(keys))})", keys
        ) as cur:
            existing = {r[0] for r in await cur.fetchall()}
        at = iso(now)
        await self.conn.executemany(
            "INSERT OR IGNORE INTO outbox (dedupe_key, user_id, chat_id, kind, payload, not_before,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(key, uid, chat, message.kind, message.body(), at, at)
             for key, chat, message, uid in rows if key not in existing])
        return set(keys) - existing

    async def claim(self, now: datetime, limit: int, lease: timedelta) -> list[OutboxItem]:
        """Pending rows due by now (or whose lease ran out); leases them to this sender."""
        async with self.conn.execute(
            "SELECT id, dedupe_key, user_id, chat_id, kind, payload, attempts FROM outbox"
            " WHERE status IN ('pending', 'sending') AND not_before <= ?"
            " AND (lease_until IS NULL OR lease_until <= ?) ORDER BY not_before, id LIMIT ?",
            (iso(now), iso(now), limit),
        ) as cur:
            rows = await cur.fetchall()
        items = [OutboxItem(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]
        await self.conn.executemany(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_until = ?"
            " WHERE id = ?", [(iso(now + lease), item.id) for item in items])
        return items

    async def mark_sent(self, item_id: int, message_id: int | None, now: datetime) -> None:
        await self.conn.execute(
            "UPDATE outbox SET status = 'sent', message_id = ?, sent_at = ?, lease_until = NULL,"
            " error = NULL WHERE id = ?", (message_id, iso(now), item_id))

    async def mark_final(self, item_id: int, status: str, error: str) -> None:
        """A row that will not be retried: blocked (403) or failed (refused by Telegram)."""
        await self.conn.execute(
            "UPDATE outbox SET status = ?, error = ?, lease_until = NULL WHERE id = ?",
            (status, error, item_id))

    async def retry_later(self, item_id: int, not_before: datetime, error: str) -> None:
        await self.conn.execute(
            "UPDATE outbox SET status = 'pending', not_before = ?, error = ?, lease_until = NULL"
            " WHERE id = ?", (iso(not_before), error, item_id))

    async def broadcast_counts(self, broadcast_id: int) -> dict[str, int]:
        """One broadcast's rows by status (pending, sending, sent, failed, blocked)."""
        async with self.conn.execute(
            "SELECT status, COUNT(*) FROM outbox WHERE broadcast_id = ? GROUP BY status", (broadcast_id,)
        ) as cur:
            return {r[0]: r[1] for r in await cur.fetchall()}

    async def prune(self, before: datetime, limit: int) -> int:
        """Drop up to `limit` rows sent before `before`: nothing reads them once they are this old."""
        cursor = await self.conn.execute(
            "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE status = 'sent'"
            " AND sent_at < ? LIMIT ?)", (iso(before), limit))
        return cursor.rowcount

    async def due(self, now: datetime) -> int:
        """Rows that may be sent now: what the next round of sending already has to do."""
        async with self.conn.execute(
            "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending') AND not_before <= ?",
            (iso(now),)
        ) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def depth(self) -> int:
        async with self.conn.execute(
            "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')"
        ) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0
