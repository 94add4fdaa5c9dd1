"""The inbox: updates fetched from Telegram, kept until they have been handled."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from storage.db import Conn, iso


class Inbox:
    """Inbox rows; the caller owns the transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def keep(self, updates: list[dict[str, Any]], now: datetime) -> int:
        """Keep updates not kept before; returns how many were new (a repeat is not kept again)."""
        cursor = await self.conn.executemany(
            "INSERT OR IGNORE INTO inbox (update_id, body, received_at) VALUES (?, ?, ?)",
            [(u["update_id"], json.dumps(_minimal(u)), iso(now)) for u in updates if "update_id" in u])
        return max(cursor.rowcount, 0)

    async def forget_sender(self, user_id: int, keep: int | None = None) -> int:
        """Delete every kept update this person sent (for /forget), but `keep`; returns how many."""
        cursor = await self.conn.execute(
            "DELETE FROM inbox WHERE sender_id = ? AND update_id IS NOT ?", (user_id, keep))
        return cursor.rowcount

    async def forget_text(self, user_id: int, text: str) -> int:
        """Delete the kept messages from this person with exactly this text (a deleted reflection)."""
        cursor = await self.conn.execute(
            "DELETE FROM inbox WHERE sender_id = ? AND (json_extract(body, '$.message.text') = ?"
            " OR json_extract(body, '$.edited_message.text') = ?)", (user_id, text, text))
        return cursor.rowcount

    async def of_sender(self, user_id: int) -> list[dict[str, Any]]:
        """The kept updates this person sent, oldest first (for /mydata)."""
        async with self.conn.execute(
            "SELECT update_id, body, received_at, handled_at FROM inbox WHERE sender_id = ?"
            " ORDER BY update_id", (user_id,),
        ) as cur:
            return [{"update_id": r[0], "received_at": r[2], "handled_at": r[3], "update": json.loads(r[1])}
                    for r in await cur.fetchall()]

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

    async def prune(self, before: datetime, limit: int) -> int:
        """Drop up to `limit` handled rows older than `before`: their job is done."""
        cursor = await self.conn.execute(
            "DELETE FROM inbox WHERE update_id IN (SELECT update_id FROM inbox"
            " WHERE handled_at IS NOT NULL AND handled_at < ? LIMIT ?)", (iso(before), limit))
        return cursor.rowcount

# Not needed to handle or replay an update, and identifying: never kept.
_IDENTIFYING = frozenset({"username", "last_name", "language_code", "is_premium", "phone_number"})


def _minimal(value: Any) -> Any:
    """The update without usernames, last names and other details the bot does not use."""
    if isinstance(value, dict):
        return {k: _minimal(v) for k, v in value.items() if k not in _IDENTIFYING}
    if isinstance(value, list):
        return [_minimal(v) for v in value]
    return value
