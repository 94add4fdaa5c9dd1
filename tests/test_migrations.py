"""Upgrades: a database at any earlier schema version migrates to the latest and keeps its data."""

from __future__ import annotations

from pathlib import Path

import aiosqlite
import pytest

from storage.migrations import MIGRATIONS, migrate
from storage.store import Store


@pytest.mark.parametrize("version", range(1, len(MIGRATIONS)))
async def test_every_earlier_schema_upgrades_and_keeps_its_learners(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.sqlite3"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn, MIGRATIONS[:version]) == version
        await conn.execute("INSERT INTO cohorts (name, invite_code, created_at) VALUES ('C', 'c1', 'x')")
        await conn.execute("INSERT INTO learners (user_id, chat_id, first_name, cohort_id, joined_at)"
                           " VALUES (5, 5, 'Kept', 1, '2026-01-01T00:00:00+00:00')")
    store = await Store.open(path)
    async with store.read() as tx:
        learner = await tx.learners.get(5)
        async with tx.conn.execute("PRAGMA user_version") as cur:
            reached = (await cur.fetchone() or (0,))[0]
    await store.close()
    assert reached == len(MIGRATIONS)
    assert learner is not None and learner.first_name == "Kept"
