"""Coordinator invites (single use, expiring, kept as hashes) and who coordinates which cohort."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.dashboard import digest
from storage.db import Conn, iso


@dataclass(frozen=True)
class CoordinatorRow:
    cohort_id: int
    cohort_name: str
    user_id: int
    first_name: str  # "" for someone named by id before names were kept


class CoordinatorInvites:
    """Invites that make whoever opens them a coordinator of one cohort; the caller owns the transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def add(self, code: str, cohort_id: int, made_by: int, now: datetime, expires: datetime) -> None:
        await self.conn.execute(
            "INSERT INTO coordinator_invites (code_hash, cohort_id, made_by, created_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?)", (digest(code), cohort_id, made_by, iso(now), iso(expires)))

    async def use(self, code: str, user_id: int, now: datetime) -> tuple[int, int] | None:
        """The invite's cohort and who made it, once: a used, expired or unknown code gives None."""
        cursor = await self.conn.execute(
            "UPDATE coordinator_invites SET used_at = ?, used_by = ? WHERE code_hash = ? AND used_at IS NULL"
            " AND expires_at > ? RETURNING cohort_id, made_by",
            (iso(now), user_id, digest(code), iso(now)))
        row = await cursor.fetchone()
        return (int(row[0]), int(row[1])) if row else None

    async def prune(self, before: datetime) -> int:
        """Delete invites that expired before a moment, opened or not: their hash opens nothing now."""
        cursor = await self.conn.execute(
            "DELETE FROM coordinator_invites WHERE expires_at < ?", (iso(before),))
        return cursor.rowcount

    async def name_coordinator(self, user_id: int, first_name: str) -> None:
        await self.conn.execute(
            "UPDATE coordinators SET first_name = ? WHERE user_id = ?", (first_name, user_id))

    async def coordinators(self) -> list[CoordinatorRow]:
        """Every cohort's coordinators, with the first name they gave (or their name as a learner)."""
        async with self.conn.execute(
            "SELECT c.id, c.name, k.user_id, coalesce(nullif(k.first_name, ''), l.first_name, '')"
            " FROM coordinators k JOIN cohorts c ON c.id = k.cohort_id"
            " LEFT JOIN learners l ON l.user_id = k.user_id ORDER BY c.id, k.added_at, k.user_id"
        ) as cur:
            return [CoordinatorRow(r[0], r[1], r[2], r[3]) for r in await cur.fetchall()]
