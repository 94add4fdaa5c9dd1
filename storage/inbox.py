"""The inbox: updates fetched from Telegram, kept until they have been handled."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from storage.db import Conn, iso


class Inbox:
    """Inbox rows; the caller owns the transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def keep(self, updates: list[dict[str, Any]], now: datetime) -> None:
        await self.conn.executemany(
            "INSERT OR IGNORE INTO inbox (update_id, body, received_at) VALUES (?, ?, ?)",
            [(u["update_id"], json.dumps(u), iso(now)) for u in updates if "update_id" in u])

    async def handled(self, update_id: int, now: datetime) -> bool:
        """Mark an update handled; False if it already was (a redelivered duplicate)."""
        cursor = await self.conn.execute(
            "UPDATE inbox SET handled_at = ? WHERE update_id = ? AND handled_at IS NULL",
            (iso(now), update_id))
        return cursor.rowcount == 1

    async def is_handled(self, update_id: int) -> bool:
        async with self.conn.execute(
            "SELECT handled_at IS NOT NULL FROM inbox WHERE update_id = ?", (update_id,)
        ) as cur:
            row = await cur.fetchone()
        return bool(row and row[0])

    async def newest(self) -> int:
        async with self.conn.execute("SELECT COALESCE(MAX(update_id), 0) FROM inbox") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def unhandled(self) -> list[dict[str, Any]]:
        async with self.conn.execute(
            "SELECT body FROM inbox WHERE handled_at IS NULL ORDER BY update_id"
        ) as cur:
            return [json.loads(r[0]) for r in await cur.fetchall()]

    async def prune(self, before: datetime) -> int:
        """Drop handled rows older than a day or so: their job is done."""
        cursor = await self.conn.execute(
            "DELETE FROM inbox WHERE handled_at IS NOT NULL AND handled_at < ?", (iso(before),))
        return cursor.rowcount


KEEP_HANDLED = timedelta(days=2)
