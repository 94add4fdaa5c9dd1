"""Checkpoints run off the writer's path: the writer never copies the log back inside a COMMIT."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from storage.store import Store

NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)


def _wal_frames(path: Path) -> int:
    """Frames in the write-ahead log: a 32-byte header, then a 24-byte header and a page each."""
    wal = path.with_name(path.name + "-wal")
    size = wal.stat().st_size if wal.exists() else 0
    return max(0, size - 32) // (24 + 4096)


async def test_commits_never_checkpoint_and_the_checkpointer_copies_the_log_back(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    store = await Store.open(path)
    store.db.checkpoints.every = 3600.0  # only the explicit run below
    async with store.read() as tx:
        assert (await tx.conn.execute("PRAGMA wal_autocheckpoint")).rows[0][0] == 0
    for batch in range(30):  # about 3,000 pages of log: past SQLite's own threshold of 1,000
        async with store.transaction() as tx:
            await tx.conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [(f"k{batch}-{n}", "x" * 400) for n in range(300)])
    assert _wal_frames(path) > 1000  # no commit copied it back
    result = await store.db.checkpoints.run()
    assert result is not None and result[0] == 0 and result[1] == result[2] > 1000  # all copied
    await store.close()


async def test_a_checkpoint_starts_in_the_background_after_commits(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "bot.sqlite3")
    store.db.checkpoints.every = 0.0
    async with store.transaction() as tx:
        await tx.meta.put("last_tick", NOW.isoformat())
    task = store.db.checkpoints._task
    assert task is not None
    busy, frames, copied = await asyncio.wait_for(task, 10) or (1, 0, 0)
    assert busy == 0 and frames == copied
    await store.close()
