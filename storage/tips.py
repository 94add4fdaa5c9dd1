"""The practice board: tips colleagues offer, coordinators approve, and the cohort reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import Conn, from_iso, iso


@dataclass(frozen=True)
class Tip:
    id: int
    author_id: int
    cohort_id: int
    module_id: str  # '' for a tip from a practice-sharing session
    text: str
    signed: str  # the first name shown under it, '' when anonymous
    status: str  # draft, offered, published, declined, reported
    reason: str
    created_at: datetime
    published_at: datetime | None
    useful: int = 0
    proposed: str = ""  # a coordinator's lighter wording, waiting for the author to agree

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> Tip:
        created = from_iso(row["created_at"])
        assert created is not None
        return cls(row["id"], row["author_id"], row["cohort_id"], row["module_id"], row["text"],
                   row["signed"], row["status"], row["reason"], created, from_iso(row["published_at"]),
                   row["useful"], row["proposed"])


@dataclass(frozen=True)
class ModuleTipCounts:
    module_id: str
    offered: int
    published: int
    useful: int


_SELECT = ("SELECT t.*, (SELECT count(*) FROM tip_useful u WHERE u.tip_id = t.id) AS useful"
           " FROM tips t")


class Tips:
    """Tip rows; the caller owns the transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def _many(self, where: str, *args: object) -> list[Tip]:
        async with self.conn.execute(f"{_SELECT} WHERE {where}", args) as cur:
            return [Tip.from_row(row) for row in await cur.fetchall()]

    async def draft(self, author_id: int, cohort_id: int, module_id: str, text: str,
                    now: datetime) -> int:
        """A new tip only its author sees until they confirm it; an older unconfirmed one goes."""
        await self.conn.execute("DELETE FROM tips WHERE author_id = ? AND status = 'draft'", (author_id,))
        cursor = await self.conn.execute(
            "INSERT INTO tips (author_id, cohort_id, module_id, text, created_at) VALUES (?, ?, ?, ?, ?)",
            (author_id, cohort_id, module_id, text, iso(now)))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def get(self, tip_id: int) -> Tip | None:
        found = await self._many("t.id = ?", tip_id)
        return found[0] if found else None

    async def set_status(self, tip_id: int, status: str, *, from_status: tuple[str, ...],
                         reason: str = "", now: datetime | None = None) -> bool:
        """Move a tip on, only from the statuses named (so a stale button changes nothing)."""
        marks = ",".join("?" * len(from_status))
        cursor = await self.conn.execute(
            f"UPDATE tips SET status = ?, reason = ?, published_at = coalesce(?, published_at)"
            f" WHERE id = ? AND status IN ({marks})",
            (status, reason, iso(now) if now else None, tip_id, *from_status))
        return bool(cursor.rowcount)

    async def sign(self, tip_id: int, author_id: int, signed: str) -> bool:
        cursor = await self.conn.execute(
            "UPDATE tips SET signed = ? WHERE id = ? AND author_id = ? AND status = 'draft'",
            (signed, tip_id, author_id))
        return bool(cursor.rowcount)

    async def remove(self, tip_id: int, author_id: int) -> bool:
        """The author takes their tip back, whatever its status."""
        cursor = await self.conn.execute(
            "DELETE FROM tips WHERE id = ? AND author_id = ?", (tip_id, author_id))
        return bool(cursor.rowcount)

    async def board(self, cohort_id: int) -> list[Tip]:
        """The cohort's published tips, newest first."""
        return await self._many("(t.cohort_id = ? OR t.id IN (SELECT tip_id FROM tip_shares"
                                " WHERE cohort_id = ? AND agreed = 1)) AND t.status = 'published'"
                                " ORDER BY t.published_at DESC, t.id DESC", cohort_id, cohort_id)

    async def on_board(self, tip_id: int, cohort_id: int) -> Tip | None:
        """The tip, when it is published on this cohort's board (its own, or shared there with its
        author's agreement)."""
        found = await self._many("t.id = ? AND (t.cohort_id = ? OR t.id IN (SELECT tip_id FROM tip_shares"
                                 " WHERE cohort_id = ? AND agreed = 1)) AND t.status = 'published'",
                                 tip_id, cohort_id, cohort_id)
        return found[0] if found else None

    async def ask_share(self, tip_id: int, cohort_id: int) -> bool:
        """Another cohort may see the tip once its author agrees; False when already asked or shared."""
        cursor = await self.conn.execute(
            "INSERT OR IGNORE INTO tip_shares (tip_id, cohort_id) VALUES (?, ?)", (tip_id, cohort_id))
        return bool(cursor.rowcount)

    async def settle_share(self, tip_id: int, cohort_id: int, author_id: int, agreed: bool) -> bool:
        """The author's answer to a share still asked: agreed, or the ask is removed."""
        mine = ("tip_id = ? AND cohort_id = ? AND agreed = 0"
                " AND tip_id IN (SELECT id FROM tips WHERE author_id = ?)")
        change = "UPDATE tip_shares SET agreed = 1" if agreed else "DELETE FROM tip_shares"
        sql = f"{change} WHERE {mine}"
        cursor = await self.conn.execute(sql, (tip_id, cohort_id, author_id))
        return bool(cursor.rowcount)

    async def queue(self, cohort_id: int) -> list[Tip]:
        """What waits for the coordinator: offers, and reported tips (hidden meanwhile)."""
        return await self._many("t.cohort_id = ? AND t.status IN ('offered', 'reported') ORDER BY t.id",
                                cohort_id)

    async def toggle_useful(self, tip_id: int, user_id: int) -> bool:
        """One tap marks a tip useful, a second takes the mark back; True when it is now marked."""
        cursor = await self.conn.execute(
            "DELETE FROM tip_useful WHERE tip_id = ? AND user_id = ?", (tip_id, user_id))
        if cursor.rowcount:
            return False
        await self.conn.execute("INSERT INTO tip_useful (tip_id, user_id) VALUES (?, ?)", (tip_id, user_id))
        return True

    async def digest_wanted(self, user_id: int) -> bool:
        async with self.conn.execute("SELECT 1 FROM tip_digest_off WHERE user_id = ?", (user_id,)) as cur:
            return await cur.fetchone() is None

    async def set_digest(self, user_id: int, wanted: bool) -> None:
        if wanted:
            await self.conn.execute("DELETE FROM tip_digest_off WHERE user_id = ?", (user_id,))
        else:
            await self.conn.execute("INSERT OR IGNORE INTO tip_digest_off (user_id) VALUES (?)", (user_id,))

    async def fresh_for(self, user_ids: list[int], since: datetime) -> dict[int, int]:
        """For each learner who wants the digest: colleagues' tips published in their cohort since."""
        marks = ",".join("?" * len(user_ids))
        counts = dict.fromkeys(user_ids, 0)
        if not user_ids:
            return counts
        async with self.conn.execute(
            f"SELECT l.user_id, count(t.id) FROM learners l JOIN tips t ON t.cohort_id = l.cohort_id"
            f" AND t.status = 'published' AND t.published_at >= ? AND t.author_id != l.user_id"
            f" WHERE l.user_id IN ({marks})"
            f" AND l.user_id NOT IN (SELECT user_id FROM tip_digest_off) GROUP BY l.user_id",
            (iso(since), *user_ids)) as cur:
            async for uid, count in cur:
                counts[uid] = count
        return counts

    async def by_module(self, cohort_id: int) -> list[ModuleTipCounts]:
        async with self.conn.execute(
            "SELECT module_id, sum(status != 'draft'), sum(status = 'published'),"
            " sum(CASE WHEN status = 'published' THEN"
            "     (SELECT count(*) FROM tip_useful u WHERE u.tip_id = tips.id) ELSE 0 END)"
            " FROM tips WHERE cohort_id = ? GROUP BY module_id ORDER BY module_id", (cohort_id,)) as cur:
            return [ModuleTipCounts(str(r[0]), int(r[1]), int(r[2]), int(r[3])) for r in await cur.fetchall()]

    async def will_try(self, event_id: int, user_id: int) -> str | None:
        """What the learner said they will try after an event, the start of a tip they may offer."""
        async with self.conn.execute(
                "SELECT will_try FROM rsvps WHERE event_id = ? AND user_id = ?", (event_id, user_id)) as cur:
            row = await cur.fetchone()
        return str(row[0]) if row and row[0] else None

    async def coordinators(self, cohort_id: int) -> set[int]:
        async with self.conn.execute(
                "SELECT user_id FROM coordinators WHERE cohort_id = ?", (cohort_id,)) as cur:
            return {int(r[0]) for r in await cur.fetchall()}

    async def most_useful(self, cohort_id: int, module_id: str, n: int = 3) -> list[Tip]:
        """The module's published tips colleagues found most useful, the newest first among equals."""
        return (await self._many("t.cohort_id = ? AND t.module_id = ? AND t.status = 'published'"
                                 " ORDER BY useful DESC, t.published_at DESC, t.id DESC", cohort_id,
                                 module_id))[:n]

    async def attach(self, event_id: int, module_id: str | None) -> None:
        """The module whose tips go on the event's reminder; None takes them off."""
        if module_id is None:
            await self.conn.execute("DELETE FROM event_tips WHERE event_id = ?", (event_id,))
        else:
            await self.conn.execute("INSERT OR REPLACE INTO event_tips (event_id, module_id) VALUES (?, ?)",
                                    (event_id, module_id))

    async def attached(self, event_id: int) -> str | None:
        async with self.conn.execute("SELECT module_id FROM event_tips WHERE event_id = ?",
                                     (event_id,)) as cur:
            row = await cur.fetchone()
        return str(row[0]) if row else None

    async def propose(self, tip_id: int, wording: str) -> bool:
        """A coordinator's edited wording of an offered tip, for its author to agree to or not."""
        cursor = await self.conn.execute(
            "UPDATE tips SET proposed = ? WHERE id = ? AND status = 'offered'", (wording, tip_id))
        return bool(cursor.rowcount)

    async def settle_wording(self, tip_id: int, author_id: int, agreed: bool, now: datetime) -> bool:
        """Agreed: published as edited. Kept: the author's own words go back to the queue."""
        if agreed:
            sql = ("UPDATE tips SET text = proposed, proposed = '', status = 'published', published_at = ?"
                   " WHERE id = ? AND author_id = ? AND status = 'offered' AND proposed != ''")
            args: tuple[object, ...] = (iso(now), tip_id, author_id)
        else:
            sql = ("UPDATE tips SET proposed = '' WHERE id = ? AND author_id = ? AND status = 'offered'"
                   " AND proposed != ''")
            args = (tip_id, author_id)
        cursor = await self.conn.execute(sql, args)
        return bool(cursor.rowcount)
