"""Shared set-up for the benchmarks: a database filled with many learners, quickly."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from bot.views.joining import PRIVACY_VERSION
from storage.db import iso
from storage.store import Store


async def populate(path: Path, learners: int, now: datetime, cohorts: int = 50) -> Store:
    """A database with `learners` active learners spread over cohorts, all due by now."""
    store = await Store.open(path)
    async with store.transaction() as tx:
        ids = [(await tx.cohorts.create(f"Cohort {c}", now)).id for c in range(cohorts)]
        rows = [(uid, uid, f"L{uid}", ids[uid % cohorts], "psa", PRIVACY_VERSION, iso(now),
                 "morning,lunch", "active", iso(now - timedelta(seconds=uid % 3600)), iso(now))
                for uid in range(1, learners + 1)]
        await tx.conn.executemany(
            "INSERT INTO learners (user_id, chat_id, first_name, cohort_id, role, consent_version,"
            " consent_at, slots, status, next_due_at, joined_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    return store
