"""Small facts about the running bot, kept where another process (ktp-bot status) can read them."""

from __future__ import annotations

from storage.db import Conn


class Meta:
    """Key-value rows; the caller owns the transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def put(self, key: str, value: str) -> None:
        await self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    async def delete(self, key: str) -> None:
        await self.conn.execute("DELETE FROM meta WHERE key = ?", (key,))

    async def get(self, key: str) -> str | None:
        async with self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)) as cur:
            row = await cur.fetchone()
        return str(row[0]) if row else None
