"""A big cohort's export keeps the bot answering: its files are written off the event loop."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from pathlib import Path

from bot.config import Settings
from bot.services import Services
from bot.usecases.export import export
from bot.usecases.roles import DESK
from lessons.loader import load_course
from lessons.progress import CourseMap
from scheduler.timing import SlotTiming
from storage.db import iso
from storage.store import Store

NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
LEARNERS, ANSWERS = 500, 40  # 20,000 quiz answers: a tenth of a big cohort's export


async def _cohort(path: Path) -> Store:
    store = await Store.open(path)
    async with store.transaction() as tx:
        cohort = await tx.cohorts.create("Dundee", NOW)
        for uid in range(1, LEARNERS + 1):
            await tx.learners.create(uid, uid, f"L{uid}", cohort.id, NOW)
        await tx.conn.executemany(
            "INSERT INTO quiz_answers (user_id, step_id, choice, correct, recall, at) VALUES (?,?,?,?,?,?)",
            [(uid, f"m1-d{n}-q1", n % 3, n % 2, 0, iso(NOW))
             for uid in range(1, LEARNERS + 1) for n in range(ANSWERS)])
    return store


async def test_an_export_with_its_workbook_never_holds_the_loop_for_long(tmp_path: Path) -> None:
    store = await _cohort(tmp_path / "big.sqlite3")
    settings = Settings(bot_token="123456789:AAHtesttesttesttesttesttesttest12",
                        database=tmp_path / "big.sqlite3", admin_ids=frozenset({DESK}))
    services = Services(store, CourseMap(load_course()), type("Clock", (), {"now": lambda self: NOW})(),
                        settings, SlotTiming("Europe/London"))
    stalls: list[float] = [0.0]
    done = False

    async def heartbeat() -> None:
        while not done:
            t0 = time.perf_counter()
            await asyncio.sleep(0.005)
            stalls.append(time.perf_counter() - t0 - 0.005)

    beat = asyncio.create_task(heartbeat())
    t0 = time.perf_counter()
    written = await export(services, DESK, 1, tmp_path / "out", workbook=True)
    elapsed, done = time.perf_counter() - t0, True
    await beat
    await store.close()
    assert written["answers.csv"] == LEARNERS * ANSWERS
    # Relative, so a loaded machine does not fail it: writing on the loop stalled it for most of
    # the export (over half of it); in a worker thread a learner waits a small share of it at most.
    assert max(stalls) < 0.25 * elapsed, (max(stalls), elapsed)
