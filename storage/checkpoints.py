"""Copying the write-ahead log back into the database, off the writer's path.

SQLite's own automatic checkpoint runs inside the COMMIT that crosses its threshold, so that one
commit (and every transaction queued behind the writer's lock) waits while a thousand pages are
copied: 0.3-1.8 s on a busy disk. The writer turns it off; this runs a PASSIVE checkpoint from a
connection of its own, in its own thread, a few seconds after commits, so it never holds the
writer's lock and never waits for readers (what a reader still needs is copied next time). A last
checkpoint runs when the store closes. Litestream, when it replicates, checkpoints the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)
EVERY = 5.0  # seconds: at most one checkpoint this often while commits come


class Checkpointer:
    def __init__(self, path: Path, every: float = EVERY) -> None:
        self.path, self.every = path, every
        self._conn: aiosqlite.Connection | None = None
        self._task: asyncio.Task[tuple[int, int, int] | None] | None = None
        self._last = time.monotonic()

    def after_commit(self) -> None:
        """A commit happened: start a checkpoint in the background if one is due and none runs."""
        if self._task is not None and not self._task.done():
            return
        if time.monotonic() - self._last < self.every:
            return
        self._last = time.monotonic()
        self._task = asyncio.get_running_loop().create_task(self.run())

    async def run(self, mode: str = "PASSIVE") -> tuple[int, int, int] | None:
        """One checkpoint: (busy, frames in the log, frames copied), or None when it could not run."""
        try:
            if self._conn is None:
                self._conn = await aiosqlite.connect(self.path, isolation_level=None)
                await self._conn.execute("PRAGMA busy_timeout=5000")
            async with self._conn.execute(f"PRAGMA wal_checkpoint({mode})") as cursor:
                row = await cursor.fetchone()
        except sqlite3.Error as exc:  # the next commit tries again; nothing is lost meanwhile
            log.warning("checkpoint not done (%s)", type(exc).__name__)
            return None
        return (int(row[0]), int(row[1]), int(row[2])) if row else None

    async def close(self) -> None:
        """Finish a checkpoint under way, copy what is left, and close the connection."""
        if self._task is not None:
            with contextlib.suppress(Exception):
                await self._task
        await self.run()
        if self._conn is not None:
            await self._conn.close()
            self._conn = None
