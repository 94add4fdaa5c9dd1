"""What a learner has done: drops, steps, quiz answers, confidence ratings, reflections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Conn, from_iso, iso
from storage.inbox import Inbox


@dataclass(frozen=True)
class Answer:
    step_id: str
    choice: int
    correct: bool
    recall: bool
    at: datetime


@dataclass(frozen=True)
class Reflection:
    id: int
    step_id: str
    kind: str
    text: str
    created_at: datetime
    updated_at: datetime
    flagged: bool = False  # kept after a possible disclosure: the learner's own, never shared


class Progress:
    """A learner's record of learning; the caller owns the transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def drop_delivered(self, user_id: int, drop_id: str, now: datetime) -> None:
        await self.conn.execute(
            "INSERT OR IGNORE INTO drop_progress (user_id, drop_id, delivered_at) VALUES (?, ?, ?)",
            (user_id, drop_id, iso(now)),
        )

    async def drop_opened(self, user_id: int, drop_id: str, now: datetime) -> None:
        await self.conn.execute(
            "UPDATE drop_progress SET opened_at = COALESCE(opened_at, ?)"
            " WHERE user_id = ? AND drop_id = ?", (iso(now), user_id, drop_id))

    async def drop_completed(self, user_id: int, drop_id: str, now: datetime) -> None:
        await self.conn.execute(
            "INSERT INTO drop_progress (user_id, drop_id, delivered_at, opened_at, completed_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, drop_id) DO UPDATE SET"
            " opened_at = COALESCE(opened_at, excluded.opened_at),"
            " completed_at = COALESCE(completed_at, excluded.completed_at)",
            (user_id, drop_id, iso(now), iso(now), iso(now)),
        )

    async def completion_times(self, user_id: int) -> tuple[datetime, ...]:
        """When each finished drop was finished, earliest first."""
        async with self.conn.execute(
            "SELECT completed_at FROM drop_progress WHERE user_id = ? AND completed_at IS NOT NULL"
            " ORDER BY completed_at", (user_id,),
        ) as cur:
            return tuple(datetime.fromisoformat(r[0]) for r in await cur.fetchall())

    async def completed_drops(self, user_id: int) -> set[str]:
        async with self.conn.execute(
            "SELECT drop_id FROM drop_progress WHERE user_id = ? AND completed_at IS NOT NULL",
            (user_id,),
        ) as cur:
            return {row[0] for row in await cur.fetchall()}

    async def pause_started(self, user_id: int, now: datetime, until: datetime | None) -> None:
        """A pause begins (any open one ends now): until a time, or until /resume when None."""
        await self.pause_ended(user_id, now)
        await self.conn.execute("INSERT INTO pauses (user_id, started_at, ended_at) VALUES (?, ?, ?)",
                                (user_id, iso(now), iso(until) if until else None))

    async def pause_ended(self, user_id: int, now: datetime) -> None:
        """Lessons start again: a pause still open, or planned to run past now, ends now."""
        await self.conn.execute(
            "UPDATE pauses SET ended_at = ? WHERE user_id = ? AND (ended_at IS NULL OR ended_at > ?)"
            " AND started_at <= ?", (iso(now), user_id, iso(now), iso(now)))

    async def pauses(self, user_id: int) -> list[tuple[datetime, datetime | None]]:
        rows = (await self.conn.execute(
            "SELECT started_at, ended_at FROM pauses WHERE user_id = ? ORDER BY started_at", (user_id,))).rows
        return [(datetime.fromisoformat(r[0]), from_iso(r[1])) for r in rows]

    async def drops_delivered_since(self, user_id: int, since: datetime) -> int:
        async with self.conn.execute(
            "SELECT COUNT(*) FROM drop_progress WHERE user_id = ? AND delivered_at >= ?",
            (user_id, iso(since)),
        ) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def step_done(self, user_id: int, step_id: str, now: datetime,
                        status: str = "done") -> bool:
        """Record a step; False when it was already recorded (a repeated button press)."""
        cursor = await self.conn.execute(
            "INSERT OR IGNORE INTO step_progress (user_id, step_id, status, at) VALUES (?, ?, ?, ?)",
            (user_id, step_id, status, iso(now)),
        )
        return cursor.rowcount == 1

    async def steps_done_since(self, user_id: int, since: datetime) -> list[str]:
        """The steps finished (answered or skipped) at or after since."""
        return [str(r[0]) for r in (await self.conn.execute(
            "SELECT step_id FROM step_progress WHERE user_id = ? AND at >= ?", (user_id, iso(since)))).rows]

    async def add_answer(self, user_id: int, step_id: str, choice: int, correct: bool,
                         now: datetime, recall: bool = False) -> None:
        await self.conn.execute(
            "INSERT INTO quiz_answers (user_id, step_id, choice, correct, recall, at)"
            " VALUES (?, ?, ?, ?, ?, ?)", (user_id, step_id, choice, correct, recall, iso(now)))

    async def keep_card(self, user_id: int, step_id: str, card: str, due: datetime) -> None:
        await self.conn.execute(
            "INSERT INTO recall_cards (user_id, step_id, card, due) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (user_id, step_id) DO UPDATE SET card = excluded.card, due = excluded.due",
            (user_id, step_id, card, iso(due)))

    async def card(self, user_id: int, step_id: str) -> tuple[str, datetime] | None:
        async with self.conn.execute(
            "SELECT card, due FROM recall_cards WHERE user_id = ? AND step_id = ?", (user_id, step_id)
        ) as cur:
            row = await cur.fetchone()
        return (row[0], _at(row[1])) if row else None

    async def due_cards(self, user_id: int, now: datetime) -> list[tuple[str, datetime]]:
        async with self.conn.execute(
            "SELECT step_id, due FROM recall_cards WHERE user_id = ? AND due <= ?", (user_id, iso(now))
        ) as cur:
            return [(r[0], _at(r[1])) for r in await cur.fetchall()]

    async def answers(self, user_id: int) -> list[Answer]:
        async with self.conn.execute(
            "SELECT step_id, choice, correct, recall, at FROM quiz_answers WHERE user_id = ?"
            " ORDER BY id", (user_id,)
        ) as cur:
            rows = await cur.fetchall()
        return [Answer(r[0], r[1], bool(r[2]), bool(r[3]), _at(r[4])) for r in rows]

    async def rate(self, user_id: int, step_id: str, statement: str, phase: str, rating: int,
                   now: datetime) -> None:
        await self.conn.execute(
            "INSERT OR REPLACE INTO confidence (user_id, step_id, statement, phase, rating, at)"
            " VALUES (?, ?, ?, ?, ?, ?)", (user_id, step_id, statement, phase, rating, iso(now)))

    async def ratings(self, user_id: int) -> dict[tuple[str, str], int]:
        """(statement id, phase) -> rating."""
        async with self.conn.execute(
            "SELECT statement, phase, rating FROM confidence WHERE user_id = ?", (user_id,)
        ) as cur:
            return {(r[0], r[1]): r[2] for r in await cur.fetchall()}

    async def save_reflection(self, user_id: int, step_id: str, kind: str, text: str,
                              now: datetime, *, flagged: bool = False) -> int:
        """Keep a reflection (a second answer to the same prompt replaces the first); its id."""
        rows = (await self.conn.execute(
            "INSERT INTO reflections (user_id, step_id, kind, text, created_at, updated_at, flagged)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, step_id) DO UPDATE SET"
            " text = excluded.text, updated_at = excluded.updated_at, flagged = excluded.flagged"
            " RETURNING id", (user_id, step_id, kind, text, iso(now), iso(now), flagged),
        )).rows
        return int(rows[0][0])

    async def reflections(self, user_id: int) -> list[Reflection]:
        async with self.conn.execute(
            "SELECT id, step_id, kind, text, created_at, updated_at, flagged FROM reflections"
            " WHERE user_id = ? ORDER BY created_at DESC, id DESC", (user_id,)
        ) as cur:
            rows = await cur.fetchall()
        return [Reflection(r[0], r[1], r[2], r[3], _at(r[4]), _at(r[5]), bool(r[6])) for r in rows]


def _at(text: str) -> datetime:
    moment = from_iso(text)
    assert moment is not None
    return moment


class Journal:
    """A learner's own reflections, changed only by their author."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def rewrite(self, user_id: int, reflection_id: int, text: str, now: datetime) -> bool:
        cursor = await self.conn.execute(
            "UPDATE reflections SET text = ?, updated_at = ? WHERE id = ? AND user_id = ?",
            (text, iso(now), reflection_id, user_id))
        return cursor.rowcount == 1

    async def flag(self, user_id: int, reflection_id: int) -> None:
        """An edit that reads like a disclosure: private from now on, whatever the learner chooses."""
        await self.conn.execute("UPDATE reflections SET flagged = 1 WHERE id = ? AND user_id = ?",
                                (reflection_id, user_id))

    async def delete(self, user_id: int, reflection_id: int) -> bool:
        """Delete an entry, and the copy of the message it came from kept for crash recovery."""
        gone = (await self.conn.execute("DELETE FROM reflections WHERE id = ? AND user_id = ? RETURNING text",
                                        (reflection_id, user_id))).rows
        if gone:
            await Inbox(self.conn).forget_text(user_id, gone[0][0])
        return bool(gone)

    async def owns(self, user_id: int, reflection_id: int) -> bool:
        async with self.conn.execute(
            "SELECT 1 FROM reflections WHERE id = ? AND user_id = ?", (reflection_id, user_id)
        ) as cur:
            return await cur.fetchone() is not None
