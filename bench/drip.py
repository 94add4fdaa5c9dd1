"""Drip benchmark: the tick's claim-and-plan time at 10,000 and 100,000 learners, on a term of
history (bench.term) and, for comparison, on the old synthetic data (same schedule, empty outbox).

Each batch is one write transaction, so the slowest batch is the longest the write lock is held.
Run: .venv/bin/python -m bench.drip [--synthetic] [N ...]
"""

from __future__ import annotations

import asyncio
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

NOW = datetime(2026, 11, 23, 10, 31, tzinfo=UTC)  # a Monday, just after morning break
TICK_SHARE = 1000  # about what a 30-second tick can send at 29 a second (870), in whole batches


async def measure(learners: int, realistic: bool) -> None:
    course, timing = CourseMap(load_course()), SlotTiming("Europe/London")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        store = await (build_term(path, learners, NOW) if realistic else populate(path, learners, NOW))
        if hasattr(store.db, "longest_hold"):
            store.db.longest_hold = 0.0  # building the data is not the tick's
        started, batches, planned, queued, worst = time.perf_counter(), 0, 0, 0, 0.0
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
        total = time.perf_counter() - started
        # Planning outside the write lock makes the lock's hold shorter than a batch; before, the two
        # were the same.
        held = getattr(store.db, "longest_hold", worst)
        await store.close()
        size = path.stat().st_size / 1e6
    data = "term of history" if realistic else "synthetic"
    print(f"{learners:>7} learners ({data}): planned {planned} in {total:.2f} s "
          f"({planned / total:,.0f} learners/s, {queued} messages queued, {batches} batches of {BATCH}, "
          f"slowest batch {worst * 1000:.0f} ms, longest write-lock hold {held * 1000:.0f} ms, "
          f"a tick's share ({TICK_SHARE} learners) in {share:.2f} s, database {size:.1f} MB)")


def main(argv: list[str]) -> None:
    synthetic = "--synthetic" in argv
    for n in [int(a) for a in argv if a.isdigit()] or [10_000, 100_000]:
        asyncio.run(measure(n, realistic=not synthetic))


if __name__ == "__main__":
    main(sys.argv[1:])
