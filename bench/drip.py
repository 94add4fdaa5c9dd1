"""Drip benchmark: the tick's claim-and-plan time at 10,000 and 100,000 learners.

Run: .venv/bin/python -m bench.drip [N ...]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.common import populate
from bot.views.joining import PRIVACY_VERSION
from lessons.loader import load_course
from lessons.progress import CourseMap
from scheduler.drip import Policy, tick
from scheduler.timing import SlotTiming

NOW = datetime(2026, 11, 23, 10, 31, tzinfo=UTC)  # a Monday, just after morning break


async def measure(learners: int) -> None:
    course, timing = CourseMap(load_course()), SlotTiming("Europe/London")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        store = await populate(path, learners, NOW)
        started, batches, planned, worst = time.perf_counter(), 0, 0, 0.0
        while True:
            t0 = time.perf_counter()
            report = await tick(store, course, timing, NOW, batch=500, policy=Policy(PRIVACY_VERSION))
            worst = max(worst, time.perf_counter() - t0)
            if not report.claimed:
                break
            batches += 1
            planned += report.claimed
        total = time.perf_counter() - started
        await store.close()
        size = path.stat().st_size / 1e6
    print(f"{learners:>7} learners: planned {planned} in {total:.2f} s "
          f"({planned / total:,.0f} learners/s, {batches} batches of 500, "
          f"slowest batch {worst * 1000:.0f} ms, database {size:.1f} MB)")


def main(argv: list[str]) -> None:
    for n in [int(a) for a in argv] or [10_000, 100_000]:
        asyncio.run(measure(n))


if __name__ == "__main__":
    main(sys.argv[1:])
