"""The dashboard's sign-in links and sessions, kept as hashes so a copied database opens nothing."""

from __future__ import annotations

import hashlib
from datetime import datetime

from storage.db import Conn, iso


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class DashboardAccess:
    """One-time links and sessions; the caller owns the transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def add_link(self, token: str, user_id: int, expires: datetime) -> None:
        await self.conn.execute(
            "INSERT INTO dashboard_links (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
            (digest(token), user_id, iso(expires)))

    async def use_link(self, token: str, now: datetime) -> int | None:
        """The link's user, once: a used or expired link gives None."""
        cursor = await self.conn.execute(
            "UPDATE dashboard_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
            " AND expires_at > ? RETURNING user_id", (iso(now), digest(token), iso(now)))
        row = await cursor.fetchone()
        return int(row[0]) if row else None

    async def start_session(self, session_id: str, user_id: int, now: datetime, expires: datetime) -> None:
        await self.conn.execute(
            "INSERT INTO dashboard_sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
            (digest(session_id), user_id, iso(now), iso(expires)))

    async def session_user(self, session_id: str, now: datetime) -> int | None:
        async with self.conn.execute(
            "SELECT user_id FROM dashboard_sessions WHERE id_hash = ? AND ended_at IS NULL"
            " AND expires_at > ?", (digest(session_id), iso(now))
        ) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else None

    async def end_session(self, session_id: str, now: datetime) -> None:
        await self.conn.execute(
            "UPDATE dashboard_sessions SET ended_at = ? WHERE id_hash = ? AND ended_at IS NULL",
            (iso(now), digest(session_id)))

    async def prune(self, before: datetime) -> int:
        """Delete links and sessions that expired before a moment (used or not); how many went."""
        links = await self.conn.execute("DELETE FROM dashboard_links WHERE expires_at < ?", (iso(before),))
        sessions = await self.conn.execute(
            "DELETE FROM dashboard_sessions WHERE expires_at < ?", (iso(before),))
        return links.rowcount + sessions.rowcount
