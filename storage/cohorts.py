"""Cohorts and their invite codes."""

from __future__ import annotations

import json
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from storage.db import Conn, iso


@dataclass(frozen=True)
class Cohort:
    id: int
    name: str
    invite_code: str
    invite_open: bool
    calendar: dict[str, Any]


_CODE_CHARS = "abcdefghijkmnpqrstuvwxyz23456789"


def new_invite_code() -> str:
    """A code for t.me/<bot>?start=<code>: lowercase and digits, so it also fits callback data."""
    return "".join(secrets.choice(_CODE_CHARS) for _ in range(10))


def _cohort(row: aiosqlite.Row) -> Cohort:
    return Cohort(row["id"], row["name"], row["invite_code"], bool(row["invite_open"]),
                  json.loads(row["calendar"]))


# Each tick reads the same few calendars: one parsed dict per calendar text, kept from tick to
# tick, so the drip's timing (which remembers its answers per calendar object) works each out once.
# Whoever is given one of these dicts only reads it.
_calendars: dict[str, dict[str, Any]] = {}


def _shared_calendar(text: str) -> dict[str, Any]:
    parsed = _calendars.get(text)
    if parsed is None:
        if len(_calendars) > 1024:
            _calendars.clear()
        parsed = _calendars[text] = json.loads(text)
    return parsed


class Cohorts:
    """Cohort rows; the caller owns the transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def create(self, name: str, now: datetime, code: str | None = None) -> Cohort:
        cursor = await self.conn.execute(
            "INSERT INTO cohorts (name, invite_code, created_at) VALUES (?, ?, ?)",
            (name, code or new_invite_code(), iso(now)),
        )
        cohort = await self.get(int(cursor.lastrowid or 0))
        assert cohort is not None
        return cohort

    async def get(self, cohort_id: int) -> Cohort | None:
        async with self.conn.execute("SELECT * FROM cohorts WHERE id = ?", (cohort_id,)) as cur:
            row = await cur.fetchone()
        return _cohort(row) if row else None

    async def by_code(self, code: str) -> Cohort | None:
        async with self.conn.execute(
            "SELECT * FROM cohorts WHERE invite_code = ?", (code,)
        ) as cur:
            row = await cur.fetchone()
        return _cohort(row) if row else None

    async def all(self) -> list[Cohort]:
        async with self.conn.execute("SELECT * FROM cohorts ORDER BY id") as cur:
            return [_cohort(r) for r in await cur.fetchall()]

    async def calendar_of(self, cohort_id: int | None) -> dict[str, Any]:
        """The calendar a learner of this cohort lives by; none (term all year) outside a cohort."""
        cohort = await self.get(cohort_id) if cohort_id is not None else None
        return cohort.calendar if cohort else {}

    async def calendars_of(self, cohort_ids: Collection[int | None]) -> dict[int | None, dict[str, Any]]:
        """calendar_of for many cohorts in one query, each a shared dict to read and never change."""
        calendars = {cohort_id: _shared_calendar("{}") for cohort_id in cohort_ids}
        known = [c for c in cohort_ids if c is not None]
        if known:
            async with self.conn.execute(
                f"SELECT id, calendar FROM cohorts WHERE id IN ({','.join('?' * len(known))})", known,
            ) as cur:
                async for cohort_id, text in cur:
                    calendars[cohort_id] = _shared_calendar(text)
        return calendars

    async def rotate_invite(self, cohort_id: int) -> None:
        """A new invite code (the old link stops working), open again."""
        await self.conn.execute("UPDATE cohorts SET invite_code = ?, invite_open = 1 WHERE id = ?",
                                (new_invite_code(), cohort_id))

    async def open_invite(self, cohort_id: int, is_open: bool) -> None:
        await self.conn.execute("UPDATE cohorts SET invite_open = ? WHERE id = ?", (is_open, cohort_id))

    async def rename(self, cohort_id: int, name: str) -> None:
        await self.conn.execute("UPDATE cohorts SET name = ? WHERE id = ?", (name, cohort_id))

    async def set_calendar(self, cohort_id: int, calendar: dict[str, Any]) -> None:
        await self.conn.execute("UPDATE cohorts SET calendar = ? WHERE id = ?",
                                (json.dumps(calendar, default=str), cohort_id))

    async def set_invite(self, cohort_id: int, code: str, open_: bool) -> None:
        await self.conn.execute("UPDATE cohorts SET invite_code = ?, invite_open = ? WHERE id = ?",
                                (code, open_, cohort_id))

    async def claim_tip_notice(self, cohort_id: int, now: datetime, since: datetime) -> bool:
        """True (and the moment kept) unless the cohort's coordinators were told a tip waits since then."""
        cursor = await self.conn.execute(
            "UPDATE cohorts SET tip_notice_at = ? WHERE id = ?"
            " AND (tip_notice_at IS NULL OR tip_notice_at < ?)",
            (iso(now), cohort_id, iso(since)))
        return cursor.rowcount == 1
