"""What a person's next free-text message is for: at most one row per person."""

from __future__ import annotations

from datetime import datetime

from storage.db import Conn, iso


class PendingReplies:
    """Pending-reply rows (kind and target as text); the caller owns the transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def get(self, user_id: int) -> tuple[str, str] | None:
        async with self.conn.execute(
                "SELECT kind, target FROM pending_replies WHERE user_id = ?", (user_id,)) as cur:
            row = await cur.fetchone()
        return (str(row[0]), str(row[1])) if row else None

    async def put(self, user_id: int, kind: str, target: str, now: datetime) -> None:
        await self.conn.execute(
            "INSERT INTO pending_replies (user_id, kind, target, asked_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET kind = excluded.kind, target = excluded.target,"
            " asked_at = excluded.asked_at", (user_id, kind, target, iso(now)))

    async def asked_before_drop(self, user_id: int, drop_id: str) -> bool:
        """Whether the person's pending reply was asked for before that drop reached them."""
        async with self.conn.execute(
                "SELECT 1 FROM pending_replies p JOIN drop_progress d ON d.user_id = p.user_id"
                " WHERE p.user_id = ? AND d.drop_id = ? AND d.delivered_at > p.asked_at",
                (user_id, drop_id)) as cur:
            return await cur.fetchone() is not None

    async def clear(self, user_id: int, kinds: tuple[str, ...] = (), target: str | None = None) -> bool:
        """Remove the person's row (only of those kinds, and that target, when given)."""
        sql, args = "DELETE FROM pending_replies WHERE user_id = ?", list[object]([user_id])
        if kinds:
            sql += f" AND kind IN ({','.join('?' * len(kinds))})"
            args += list(kinds)
        if target is not None:
            sql += " AND target = ?"
            args.append(target)
        cursor = await self.conn.execute(sql, args)
        return bool(cursor.rowcount)
