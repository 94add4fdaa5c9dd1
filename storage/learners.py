"""Learners: who they are, their schedule, and where they are in the course."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import aiosqlite

from storage.db import Conn, from_iso, iso

# Who a cohort-wide message reaches: not those who blocked the bot, nor those still joining.
REACHABLE = "status NOT IN ('unreachable', 'joining')"

# Columns a caller may set through update(); everything else changes through its own method.
_UPDATABLE = frozenset({
    "chat_id", "first_name", "cohort_id", "role", "consent_version", "consent_at", "slots",
    "weekdays", "per_day", "tz", "status", "current_step", "next_due_at", "paused_until",
    "last_active_at", "share_reflections", "lease_until", "editing", "snoozed", "asked_pause_at",
    "awaiting", "session_left", "paused_by", "paused_at", "asked_back_at", "asked_back",
})


# A handful of schedules are shared by thousands of learners: each is split once.
@lru_cache(maxsize=1024)
def _slots(text: str) -> tuple[str, ...]:
    return tuple(s for s in text.split(",") if s)


@lru_cache(maxsize=1024)
def _weekdays(text: str) -> tuple[int, ...]:
    return tuple(int(d) for d in text.split(",") if d)


@dataclass(frozen=True)
class Learner:
    user_id: int
    chat_id: int
    first_name: str
    cohort_id: int | None
    role: str | None
    consent_version: str | None
    slots: tuple[str, ...]
    weekdays: tuple[int, ...]
    per_day: int
    tz: str
    status: str
    current_step: str | None
    next_due_at: datetime | None
    paused_until: datetime | None
    last_active_at: datetime | None
    joined_at: datetime
    share_reflections: bool
    editing: int | None = None
    snoozed: bool = False
    asked_pause_at: datetime | None = None
    awaiting: str | None = None
    session_left: int = 0
    paused_by: str | None = None  # "bot": paused after the pause question went unanswered
    paused_at: datetime | None = None
    asked_back_at: datetime | None = None  # the last time the bot asked whether to carry on
    asked_back: int = 0

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> Learner:
        joined = from_iso(row["joined_at"])
        assert joined is not None
        return cls(
            user_id=row["user_id"], chat_id=row["chat_id"], first_name=row["first_name"],
            cohort_id=row["cohort_id"], role=row["role"], consent_version=row["consent_version"],
            slots=_slots(row["slots"]), weekdays=_weekdays(row["weekdays"]),
            per_day=row["per_day"], tz=row["tz"], status=row["status"],
            current_step=row["current_step"], next_due_at=from_iso(row["next_due_at"]),
            paused_until=from_iso(row["paused_until"]),
            last_active_at=from_iso(row["last_active_at"]), joined_at=joined,
            share_reflections=bool(row["share_reflections"]), editing=row["editing"],
            snoozed=bool(row["snoozed"]), asked_pause_at=from_iso(row["asked_pause_at"]),
            awaiting=row["awaiting"], session_left=row["session_left"], paused_by=row["paused_by"],
            paused_at=from_iso(row["paused_at"]), asked_back_at=from_iso(row["asked_back_at"]),
            asked_back=row["asked_back"],
        )


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    return value


class Learners:
    """Learner rows; the caller owns the transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def get(self, user_id: int) -> Learner | None:
        async with self.conn.execute("SELECT * FROM learners WHERE user_id = ?", (user_id,)) as cur:
            row = await cur.fetchone()
        return Learner.from_row(row) if row else None

    async def create(self, user_id: int, chat_id: int, first_name: str, cohort_id: int,
                     now: datetime) -> Learner:
        await self.conn.execute(
            "INSERT INTO learners (user_id, chat_id, first_name, cohort_id, joined_at,"
            " last_active_at) VALUES (?, ?, ?, ?, ?, ?)",
            (user_id, chat_id, first_name, cohort_id, iso(now), iso(now)),
        )
        learner = await self.get(user_id)
        assert learner is not None
        return learner

    async def update(self, user_id: int, **fields: Any) -> None:
        unknown = set(fields) - _UPDATABLE
        if unknown:
            raise ValueError(f"not updatable: {sorted(unknown)}")
        assignments = ", ".join(f"{name} = ?" for name in fields)
        values = [_value(v) for v in fields.values()]
        await self.conn.execute(f"UPDATE learners SET {assignments} WHERE user_id = ?",
                                (*values, user_id))

    async def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[Learner]:
        """Learners due by now and not leased to another tick, earliest due first; leases them.

        Besides active learners: those asked whether to pause (quiet), due when the bot pauses
        them, and those the bot paused, due when it asks whether to carry on.
        """
        async with self.conn.execute(
            "UPDATE learners SET lease_until = ? WHERE user_id IN (SELECT user_id FROM learners"
            " WHERE next_due_at <= ?"
            " AND (status IN ('active', 'quiet') OR (status = 'paused' AND paused_by = 'bot'))"
            " AND (lease_until IS NULL OR lease_until <= ?)"
            " ORDER BY next_due_at, user_id LIMIT ?) RETURNING *",
            (iso(now + lease), iso(now), iso(now), limit),
        ) as cur:
            rows = await cur.fetchall()
        # RETURNING gives rows in no set order: the earliest due is planned (and sent) first.
        rows.sort(key=lambda r: (r["next_due_at"], r["user_id"]))
        return [Learner.from_row(r) for r in rows]

    async def in_cohort(self, cohort_id: int) -> list[Learner]:
        async with self.conn.execute(
            "SELECT * FROM learners WHERE cohort_id = ? ORDER BY user_id", (cohort_id,)
        ) as cur:
            return [Learner.from_row(r) for r in await cur.fetchall()]

    async def reachable(self, cohort_id: int) -> list[Learner]:
        """The cohort's learners a broadcast or an event reminder goes to."""
        async with self.conn.execute(
            f"SELECT * FROM learners WHERE cohort_id = ? AND {REACHABLE} ORDER BY user_id", (cohort_id,)
        ) as cur:
            return [Learner.from_row(r) for r in await cur.fetchall()]

    async def delete(self, user_id: int) -> None:
        await self.conn.execute("DELETE FROM outbox WHERE user_id = ?", (user_id,))
        await self.conn.execute("DELETE FROM learners WHERE user_id = ?", (user_id,))
