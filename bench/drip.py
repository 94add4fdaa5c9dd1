"""Drip benchmark: the tick's claim-and-plan time at 10,000 and 100,000 learners, on a term of
history (bench.term) and, for comparison, on the old synthetic data (same schedule, empty outbox).

Each batch is one write transaction, so the slowest batch is the longest the write lock is held.
Run: .venv/bin/python -m bench.drip [--synthetic] [--data FOLDER] [N ...]
--data keeps each built database in FOLDER (term-N.sqlite3 or synthetic-N.sqlite3) and, when it is
there already, plans on a fresh copy of it instead of building again: runs compare on the same data.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.common import populate
from bench.term import build_term
from bot.ptb.jobs import BATCH
from bot.usecases.terms import PRIVACY_VERSION
from lessons.loader import load_course
from lessons.progress import CourseMap
from scheduler.drip import Policy, tick
from scheduler.timing import SlotTiming
from storage.store import Store

NOW = datetime(2026, 11, 23, 10, 31, tzinfo=UTC)  # a Monday, just after morning break
TICK_SHARE = 1000  # about what a 30-second tick can send at 29 a second (870), in whole batches


async def _data(path: Path, learners: int, realistic: bool, kept: Path | None) -> Store:
    """The database to plan on, at path: a copy of the kept one, or built (and kept if asked)."""
    saved = kept / f"{'term' if realistic else 'synthetic'}-{learners}.sqlite3" if kept else None
    if saved is not None and saved.exists():
        shutil.copyfile(saved, path)
        return await Store.open(path)
    store = await (build_term(path, learners, NOW) if realistic else populate(path, learners, NOW))
    if saved is None:
        return store
    await store.close()
    saved.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, saved)
    return await Store.open(path)


async def measure(learners: int, realistic: bool, kept: Path | None = None) -> None:
    course, timing = CourseMap(load_course()), SlotTiming("Europe/London")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        store = await _data(path, learners, realistic, kept)
        if hasattr(store.db, "longest_hold"):
            store.db.longest_hold = 0.0  # building the data is not the tick's
        started, batches, planned, queued, worst = time.perf_counter(), 0, 0, 0, 0.0
        cpu = time.process_time()  # all threads (SQLite's too): less moved by a busy machine
        share = 0.0
        while True:
            t0 = time.perf_counter()
            report = await tick(store, course, timing, NOW, batch=BATCH, policy=Policy(PRIVACY_VERSION))
            worst = max(worst, time.perf_counter() - t0)
            if not report.claimed:
                break
            batches += 1
            planned += report.claimed
            queued += len(report.keys)
            if not share and planned >= TICK_SHARE:
                share = time.perf_counter() - started
        total, cpu = time.perf_counter() - started, time.process_time() - cpu
        # Planning outside the write lock makes the lock's hold shorter than a batch; before, the two
        # were the same.
        held = getattr(store.db, "longest_hold", worst)
        await store.close()
        size = path.stat().st_size / 1e6
    data = "term of history" if realistic else "synthetic"
    print(f"{learners:>7} learners ({data}): planned {planned} in {total:.2f} s ({cpu:.2f} s of CPU) "
          f"({planned / total:,.0f} learners/s, {queued} messages queued, {batches} batches of {BATCH}, "
          f"slowest batch {worst * 1000:.0f} ms, longest write-lock hold {held * 1000:.0f} ms, "
          f"a tick's share ({TICK_SHARE} learners) in {share:.2f} s, database {size:.1f} MB)")


def main(argv: list[str]) -> None:
    synthetic = "--synthetic" in argv
    kept = Path(argv[argv.index("--data") + 1]) if "--data" in argv else None
    for n in [int(a) for a in argv if a.isdigit()] or [10_000, 100_000]:
        asyncio.run(measure(n, realistic=not synthetic, kept=kept))


if __name__ == "__main__":
    main(sys.argv[1:])
