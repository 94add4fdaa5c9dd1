"""Cohort events and RSVPs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import Conn, iso


@dataclass(frozen=True)
class Event:
    id: int
    cohort_id: int
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    place: str
    description: str
    cancelled: bool
    version: int


_COLUMNS = "id, cohort_id, title, kind, starts_at, ends_at, place, description, cancelled, version"


def _event(row: aiosqlite.Row) -> Event:
    return Event(row[0], row[1], row[2], row[3], datetime.fromisoformat(row[4]),
                 datetime.fromisoformat(row[5]), row[6], row[7], bool(row[8]), row[9])


class Events:
    """Event and RSVP rows; the caller owns the transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def add(self, cohort_id: int, title: str, kind: str, starts: datetime, ends: datetime,
                  place: str, description: str, by: int, now: datetime) -> int:
        cursor = await self.conn.execute(
            "INSERT INTO events (cohort_id, title, kind, starts_at, ends_at, place, description,"
            " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (cohort_id, title, kind, iso(starts), iso(ends), place, description, by, iso(now)))
        return int(cursor.lastrowid or 0)

    async def get(self, event_id: int) -> Event | None:
        async with self.conn.execute(f"SELECT {_COLUMNS} FROM events WHERE id = ?", (event_id,)) as cur:
            row = await cur.fetchone()
        return _event(row) if row else None

    async def upcoming(self, now: datetime, cohort_id: int | None = None) -> list[Event]:
        sql = f"SELECT {_COLUMNS} FROM events WHERE cancelled = 0 AND starts_at > ?"
        params: tuple[object, ...] = (iso(now),)
        if cohort_id is not None:
            sql += " AND cohort_id = ?"
            params += (cohort_id,)
        async with self.conn.execute(sql + " ORDER BY starts_at", params) as cur:
            return [_event(r) for r in await cur.fetchall()]

    async def reschedule(self, event_id: int, starts: datetime, ends: datetime, place: str,
                         title: str | None = None) -> None:
        """A new version: reminders already sent for the old one do not stop those for this one."""
        await self.conn.execute(
            "UPDATE events SET starts_at = ?, ends_at = ?, place = ?, title = COALESCE(?, title),"
            " version = version + 1 WHERE id = ?", (iso(starts), iso(ends), place, title, event_id))

    async def cancel(self, event_id: int) -> None:
        await self.conn.execute(
            "UPDATE events SET cancelled = 1, version = version + 1 WHERE id = ?", (event_id,))

    async def answer(self, event_id: int, user_id: int, answer: str, now: datetime) -> None:
        await self.conn.execute(
            "INSERT INTO rsvps (event_id, user_id, answer, at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (event_id, user_id) DO UPDATE SET answer = excluded.answer, at = excluded.at",
            (event_id, user_id, answer, iso(now)))

    async def attended(self, event_id: int, user_id: int, attended: bool) -> bool:
        cursor = await self.conn.execute(
            "UPDATE rsvps SET attended = ? WHERE event_id = ? AND user_id = ?", (attended, event_id, user_id))
        return cursor.rowcount == 1

    async def will_try(self, event_id: int, user_id: int, text: str) -> None:
        await self.conn.execute(
            "UPDATE rsvps SET will_try = ? WHERE event_id = ? AND user_id = ?", (text, event_id, user_id))

    async def finished(self, now: datetime, since: datetime) -> list[Event]:
        """Events that ended between since and now: time to ask who came."""
        async with self.conn.execute(
            f"SELECT {_COLUMNS} FROM events WHERE cancelled = 0 AND ends_at <= ? AND ends_at > ?",
            (iso(now), iso(since)),
        ) as cur:
            return [_event(r) for r in await cur.fetchall()]

    async def rsvp_list(self, event_id: int) -> list[tuple[str, str, bool | None]]:
        """First name, answer and attendance of everyone who answered."""
        async with self.conn.execute(
            "SELECT l.first_name, r.answer, r.attended FROM rsvps r JOIN learners l USING (user_id)"
            " WHERE r.event_id = ? ORDER BY r.answer, l.first_name", (event_id,)
        ) as cur:
            return [(r[0], r[1], None if r[2] is None else bool(r[2])) for r in await cur.fetchall()]

    async def will_try_list(self, event_id: int) -> list[tuple[int, str]]:
        """User id and words of everyone who said what they will try after the event."""
        async with self.conn.execute(
            "SELECT user_id, will_try FROM rsvps WHERE event_id = ? AND will_try IS NOT NULL"
            " AND will_try != '' ORDER BY at", (event_id,)
        ) as cur:
            return [(r[0], r[1]) for r in await cur.fetchall()]

    async def answers(self, event_id: int) -> dict[int, str]:
        async with self.conn.execute(
            "SELECT user_id, answer FROM rsvps WHERE event_id = ?", (event_id,)
        ) as cur:
            return {r[0]: r[1] for r in await cur.fetchall()}
