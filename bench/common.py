"""Shared set-up for the benchmarks: a database filled with many learners, quickly."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.usecases.terms import PRIVACY_VERSION
from storage.db import iso
from storage.store import Store

# A Wednesday at 10:31 in Scotland: inside the morning-break window, outside quiet hours.
SCHOOL_MORNING = datetime(2026, 11, 25, 10, 31, tzinfo=ZoneInfo("Europe/London")).astimezone(UTC)


class SchoolClock:
    """School time for a benchmark's bot: a Wednesday morning plus real elapsed time, so quiet
    hours (which hold sends back) never depend on when the benchmark happens to run."""

    def __init__(self, start: datetime = SCHOOL_MORNING) -> None:
        self.start, self._zero = start, time.monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self._zero)


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
