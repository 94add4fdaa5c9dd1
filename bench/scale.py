"""Scale benchmark: 100,000 learners with a term of history (bench.term). Tick plan time, /stats
time, export time, database size and the process's peak memory.

Run: .venv/bin/python -m bench.scale [LEARNERS]
"""

from __future__ import annotations

import asyncio
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.term import build_term
from bot.usecases.cohort_stats import summarise
from bot.usecases.export import export
from bot.views.joining import PRIVACY_VERSION
from lessons.loader import load_course
from lessons.progress import CourseMap
from scheduler.drip import Policy, tick
from scheduler.timing import SlotTiming
from storage.stats import cohort_figures

NOW = datetime(2026, 11, 23, 10, 31, tzinfo=UTC)


async def build(path: Path, learners: int) -> None:
    store = await build_term(path, learners, NOW)
    await store.close()
    print(f"database {path.stat().st_size / 1e6:.1f} MB")


async def measure(path: Path) -> None:
    """In a fresh process, as the bot would be: a tick, /stats and an export on the big database."""
    from storage.store import Store

    course = CourseMap(load_course())
    store = await Store.open(path)
    t0 = time.perf_counter()
    report = await tick(store, course, SlotTiming("Europe/London"), NOW, policy=Policy(PRIVACY_VERSION))
    print(f"tick: one batch of {report.claimed} planned in {(time.perf_counter() - t0) * 1000:.0f} ms")
    t0 = time.perf_counter()
    async with store.read() as tx:
        figures = await cohort_figures(tx.conn, 1, NOW)
    summarise(course.course, figures)
    elapsed = (time.perf_counter() - t0) * 1000
    print(f"/stats for a cohort of {figures.enrolled} learners: {elapsed:.0f} ms")
    t0 = time.perf_counter()
    written = await export(store, 1, path.parent / "export")
    elapsed = (time.perf_counter() - t0) * 1000
    print(f"export of that cohort: {sum(written.values())} rows in {elapsed:.0f} ms")
    await store.close()
    print(f"peak memory of the measuring process: {peak_mb():.0f} MB (goal: under 200 MB)")


def peak_mb() -> float:
    """This process's high-water resident memory (VmHWM; ru_maxrss would include the parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> None:
    if argv[:1] == ["--measure"]:
        asyncio.run(measure(Path(argv[1])))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scale.sqlite3"
        asyncio.run(build(path, int(argv[0]) if argv else 100_000))
        subprocess.run([sys.executable, "-m", "bench.scale", "--measure", str(path)], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
