"""The database locked by another program, or the disk full: the bot reports it, keeps running,
and loses nothing it acknowledged; what it could not take in, it takes once the database is back."""

from __future__ import annotations

import sqlite3

import aiosqlite
import pytest

from storage.progress import Progress
from tests.journey import Journey

PROMPT = "t1-d2-r1"


async def _writer(journey: Journey, user_id: int = 4001):  # type: ignore[no-untyped-def]
    await journey.enrol(user_id)
    async with journey.services.store.transaction() as tx:
        await tx.learners.update(user_id, current_step=PROMPT, next_due_at=None)
    return journey.standin.user(user_id)


async def _kept(journey: Journey, user_id: int) -> list[str]:
    async with journey.services.store.read() as tx:
        return [r.text for r in await tx.progress.reflections(user_id)]


async def test_a_locked_database_holds_updates_at_telegram_until_it_is_free(journey: Journey) -> None:
    chat = await _writer(journey)
    async with journey.services.store.read() as tx:
        await tx.conn.execute("PRAGMA busy_timeout = 100")
    # Another program (a backup tool, an admin in the sqlite3 shell) holds the write lock.
    other = await aiosqlite.connect(journey.db)
    await other.execute("BEGIN EXCLUSIVE")
    await chat.send("I will slow down and listen first.")
    with pytest.raises(AssertionError, match="timed out"):
        await chat.wait_for("Saved to your journal", timeout=1.5)
    assert journey.standin.updates.pending  # never confirmed, so Telegram still holds it
    await other.rollback()
    await other.close()
    # The lock is gone: the same update is fetched again and kept, without the learner resending.
    await chat.wait_for("Saved to your journal", timeout=15)
    assert await _kept(journey, 4001) == ["I will slow down and listen first."]


async def test_a_full_disk_loses_nothing_acknowledged_and_recovers(journey: Journey) -> None:
    first = await _writer(journey, 4001)
    await first.send("What I said before the disk filled up.")
    await first.wait_for("Saved to your journal")
    second = await _writer(journey, 4002)
    # The database may not grow: every write that needs a new page fails as on a full disk.
    async with journey.services.store.read() as tx:
        pages = (await tx.conn.execute("PRAGMA page_count")).rows[0][0]
        await tx.conn.execute(f"PRAGMA max_page_count = {pages}")
    long_text = "A long reflection about listening to what a pupil is telling me. " * 60
    await second.send(long_text)
    with pytest.raises(AssertionError, match="timed out"):
        await second.wait_for("Saved to your journal", timeout=1.5)
    assert await _kept(journey, 4001) == ["What I said before the disk filled up."]
    async with journey.services.store.read() as tx:  # space again: an admin cleared the disk
        await tx.conn.execute("PRAGMA max_page_count = 1073741823")
    await second.wait_for("Saved to your journal", timeout=15)
    assert [t.strip() for t in await _kept(journey, 4002)] == [long_text.strip()]


async def test_a_write_refused_while_handling_gets_a_kind_reply_and_nothing_half_saved(
        journey: Journey, monkeypatch: pytest.MonkeyPatch) -> None:
    chat = await _writer(journey)
    real = Progress.save_reflection
    refusals = 0

    async def full_once(self: Progress, *args: object, **kwargs: object) -> object:
        nonlocal refusals
        if refusals == 0:
            refusals += 1
            raise sqlite3.OperationalError("database or disk is full")
        return await real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Progress, "save_reflection", full_once)
    await chat.send("First try.")
    await chat.wait_for("I couldn't save that just now")
    async with journey.services.store.read() as tx:
        learner = await tx.learners.get(4001)
        assert learner is not None and learner.current_step == PROMPT  # the prompt is still open
        assert "OperationalError" in (await tx.meta.get("last_error") or "")
    await chat.send("Second try.")
    await chat.wait_for("Saved to your journal")
    assert await _kept(journey, 4001) == ["Second try."]
