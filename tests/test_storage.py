"""Storage on real SQLite files: schema, transactions, the outbox and the due index."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from scheduler.outgoing import Broadcast, DropCard
from storage.db import Database
from storage.migrations import MIGRATIONS
from storage.store import Store

NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)


async def test_new_database_is_migrated_private_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "bot.sqlite3"
    store = await Store.open(path)
    await store.close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    async with aiosqlite.connect(path) as conn:
        assert (await (await conn.execute("PRAGMA user_version")).fetchone()) == (len(MIGRATIONS),)
        assert (await (await conn.execute("PRAGMA journal_mode")).fetchone()) == ("wal",)


async def test_reopening_keeps_data_and_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    store = await Store.open(path)
    async with store.transaction() as tx:
        await tx.cohorts.create("Dundee", NOW, code="dundee2026")
    await store.close()
    store = await Store.open(path)
    async with store.read() as tx:
        cohort = await tx.cohorts.by_code("dundee2026")
    await store.close()
    assert cohort is not None and cohort.name == "Dundee"


async def test_a_newer_schema_than_the_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with aiosqlite.connect(path) as conn:
        await conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(RuntimeError, match="newer than this program"):
        await Database.open(path)


async def test_a_failed_transaction_leaves_nothing_behind(store: Store) -> None:
    with pytest.raises(ZeroDivisionError):
        async with store.transaction() as tx:
            await tx.cohorts.create("Lost", NOW)
            _ = 1 / 0
    async with store.read() as tx:
        assert await tx.cohorts.all() == []


async def test_outbox_dedupe_key_queues_a_message_once(store: Store) -> None:
    async with store.transaction() as tx:
        cohort = await tx.cohorts.create("C", NOW)
        learner = await tx.learners.create(7, 7, "Sam", cohort.id, NOW)
        first = await tx.outbox.add("drop:7:d1", learner.chat_id, DropCard(drop_id="d1"), NOW, user_id=7)
        again = await tx.outbox.add("drop:7:d1", learner.chat_id, DropCard(drop_id="d1"), NOW, user_id=7)
    assert (first, again) == (True, False)


async def test_claimed_outbox_rows_are_leased_then_reclaimable_after_the_lease(store: Store) -> None:
    async with store.transaction() as tx:
        await tx.outbox.add("k1", 1, Broadcast(text="hi"), NOW)
    first = await store.claim_outbox(NOW, 10, timedelta(minutes=2))
    during = await store.claim_outbox(NOW + timedelta(minutes=1), 10, timedelta(minutes=2))
    after = await store.claim_outbox(NOW + timedelta(minutes=3), 10, timedelta(minutes=2))
    assert [i.dedupe_key for i in first] == ["k1"]
    assert during == []
    assert [(i.dedupe_key, i.attempts) for i in after] == [("k1", 1)]


async def test_claim_due_uses_next_due_and_skips_leased_learners(store: Store) -> None:
    async with store.transaction() as tx:
        cohort = await tx.cohorts.create("C", NOW)
        for uid, due in ((1, NOW - timedelta(minutes=1)), (2, NOW + timedelta(minutes=1)), (3, None)):
            await tx.learners.create(uid, uid, "L", cohort.id, NOW)
            await tx.learners.update(uid, status="active", next_due_at=due)
        claimed = await tx.learners.claim_due(NOW, 10, timedelta(minutes=5))
        again = await tx.learners.claim_due(NOW, 10, timedelta(minutes=5))
    assert [learner.user_id for learner in claimed] == [1]
    assert again == []
    async with store.read() as tx, tx.conn.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM learners WHERE next_due_at <= ? AND status = 'active'",
        ("x",),
    ) as cur:
        plan = " ".join(str(tuple(r)) for r in await cur.fetchall())
    assert "learners_due" in plan


async def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="naive"):
        async with store.transaction() as tx:
            await tx.cohorts.create("C", datetime(2026, 1, 1))


async def test_forgetting_a_learner_removes_their_rows_and_outbox(store: Store) -> None:
    async with store.transaction() as tx:
        cohort = await tx.cohorts.create("C", NOW)
        await tx.learners.create(5, 5, "Ali", cohort.id, NOW)
        await tx.progress.save_reflection(5, "r1", "reflect", "I will listen more.", NOW)
        await tx.progress.add_answer(5, "q1", 0, True, NOW)
        await tx.outbox.add("drop:5:d1", 5, DropCard(drop_id="d1"), NOW, user_id=5)
        await tx.learners.delete(5)
    counts = {}
    for table in ("learners", "reflections", "quiz_answers", "outbox"):
        async with store.read() as tx, tx.conn.execute(f"SELECT COUNT(*) FROM {table}") as cur:
            row = await cur.fetchone()
            counts[table] = row[0] if row else -1
    assert counts == {"learners": 0, "reflections": 0, "quiz_answers": 0, "outbox": 0}


async def test_backup_is_a_valid_copy(store: Store, tmp_path: Path) -> None:
    async with store.transaction() as tx:
        await tx.cohorts.create("Kept", NOW)
    target = tmp_path / "backup.sqlite3"
    await store.db.backup(target)
    assert await Store.integrity(target) == ""
    copy = await Store.open(target)
    async with copy.read() as tx:
        names = [c.name for c in await tx.cohorts.all()]
    await copy.close()
    assert names == ["Kept"]
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


async def test_each_statement_is_one_trip_and_brings_back_rows_or_counts(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "trips.sqlite3")
    trips = 0
    real = database._conn._execute

    async def counted(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal trips
        trips += 1
        return await real(fn, *args, **kwargs)

    database._conn._execute = counted  # type: ignore[method-assign]
    async with database.transaction() as conn:
        inserted = await conn.execute("INSERT INTO cohorts (name, invite_code, created_at) VALUES (?, ?, ?)",
                                      ("A", "a1", "2026-01-01"))
        await conn.executemany("INSERT INTO cohorts (name, invite_code, created_at) VALUES (?, ?, ?)",
                               [("B", "b1", "2026-01-01"), ("C", "c1", "2026-01-01")])
        trips_before = trips
        async with conn.execute("SELECT name FROM cohorts ORDER BY name") as result:
            names = [row[0] for row in await result.fetchall()]
        first = await conn.execute("SELECT name FROM cohorts WHERE id = ?", (inserted.lastrowid,))
        one = await first.fetchone()
        renamed = await conn.execute("UPDATE cohorts SET name = name || '!' WHERE name != 'A'")
        returned = await conn.execute("UPDATE cohorts SET name = 'Z' WHERE invite_code = 'c1' RETURNING id")
        trips_for_four = trips - trips_before
    await database.close()
    assert names == ["A", "B", "C"] and one is not None and one[0] == "A"
    assert renamed.rowcount == 2 and len(returned.rows) == 1
    assert trips_for_four == 4  # a query and its rows, or a write and its count: one trip each
