"""Scale benchmark: 100,000 learners with a term of history. Tick plan time, /stats time, export time,
database size and the process's peak memory.

Run: .venv/bin/python -m bench.scale [LEARNERS]
"""

from __future__ import annotations

import asyncio
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import populate
from bot.usecases.cohort_stats import summarise
from bot.usecases.export import export
from bot.views.joining import PRIVACY_VERSION
from lessons.loader import load_course
from lessons.progress import CourseMap
from scheduler.drip import Policy, tick
from scheduler.timing import SlotTiming
from storage.db import iso
from storage.stats import cohort_figures

NOW = datetime(2026, 11, 23, 10, 31, tzinfo=UTC)


async def history(store: object, learners: int, course: CourseMap) -> None:
    """A term's worth: each learner has done some drops, answered their quizzes, rated, reflected."""
    from storage.store import Store

    assert isinstance(store, Store)
    rng = random.Random(7)
    drops = [d for _, d in course.drops]
    quizzes = {d.id: [s.id for s in d.steps if s.kind == "quiz"] for d in drops}
    progress, answers, reflections = [], [], []
    for uid in range(1, learners + 1):
        done = rng.randint(0, 18)
        for i, drop in enumerate(drops[:done]):
            at = iso(NOW - timedelta(days=70 - i * 3))
            progress.append((uid, drop.id, at, at, at))
            answers += [(uid, q, rng.randint(0, 2), rng.random() < 0.7, at) for q in quizzes[drop.id]]
        if done > 2:
            reflections.append((uid, "m1-d3-r1", "reflect", "A short reflection.", iso(NOW), iso(NOW)))
    async with store.transaction() as tx:
        await tx.conn.executemany("INSERT INTO drop_progress VALUES (?, ?, ?, ?, ?)", progress)
        await tx.conn.executemany(
            "INSERT INTO quiz_answers (user_id, step_id, choice, correct, at) VALUES (?, ?, ?, ?, ?)",
            answers)
        await tx.conn.executemany(
            "INSERT INTO reflections (user_id, step_id, kind, text, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)", reflections)


async def build(path: Path, learners: int) -> None:
    course = CourseMap(load_course())
    t0 = time.perf_counter()
    store = await populate(path, learners, NOW)
    await history(store, learners, course)
    await store.close()
    print(f"built {learners} learners with history in {time.perf_counter() - t0:.1f} s; "
          f"database {path.stat().st_size / 1e6:.1f} MB")


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
