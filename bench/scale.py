"""Scale benchmark: 100,000 learners with a term of history (bench.term). Tick plan time, /stats
time, export time, one learner's /mydata, PDFs and /forget (bench.scale_learner), database size
and the process's peak memory.

Run: .venv/bin/python -m bench.scale [LEARNERS]; on a database built once (see bench/RESULTS.md):
.venv/bin/python -m bench.scale --measure DB, and --export-memory DB for the export's own process.
"""

from __future__ import annotations

import asyncio
import importlib
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Coroutine
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import scale_learner
from bench.term import build_term
from bot.config import Settings
from bot.services import Services, SystemClock
from bot.usecases.cohort_stats import summarise
from bot.usecases.export import export
from bot.usecases.roles import DESK
from bot.usecases.terms import PRIVACY_VERSION
from lessons.loader import load_course
from lessons.progress import CourseMap
from scheduler.drip import Policy, tick
from scheduler.timing import SlotTiming
from storage.stats import cohort_figures
from storage.store import Store

NOW = datetime(2026, 11, 23, 10, 31, tzinfo=UTC)


async def build(path: Path, learners: int) -> None:
    # Cohorts of 20,000, the size the goal for /stats names.
    store = await build_term(path, learners, NOW, cohorts=max(1, learners // 20_000))
    await store.close()
    print(f"database {path.stat().st_size / 1e6:.1f} MB")


class Learners:
    """While a coordinator's long read runs: learners' short reads, one after another, and how
    late the event loop wakes from a 10 ms sleep (a stall there blocks every learner)."""

    def __init__(self, store: Store) -> None:
        self.store, self.waits, self.late, self.running = store, [0.0], [0.0], True

    async def read(self) -> None:
        uid = 0
        while self.running:
            uid += 1
            t0 = time.perf_counter()
            await self.store.learner(uid)
            self.waits.append(time.perf_counter() - t0)
            await asyncio.sleep(0.005)

    async def beat(self) -> None:
        while self.running:
            t0 = time.perf_counter()
            await asyncio.sleep(0.01)
            self.late.append(time.perf_counter() - t0 - 0.01)

    def worst(self) -> str:
        return f"learners' reads waited at most {max(self.waits) * 1000:.0f} ms, loop stalled at most " \
               f"{max(self.late) * 1000:.0f} ms"


async def timed(store: Store, what: str, work: Coroutine[Any, Any, object]) -> object:
    watch = Learners(store)
    tasks = [asyncio.create_task(watch.read()), asyncio.create_task(watch.beat())]
    t0 = time.perf_counter()
    result = await work
    elapsed = (time.perf_counter() - t0) * 1000
    watch.running = False
    await asyncio.gather(*tasks)
    print(f"{what}: {elapsed:.0f} ms; {watch.worst()}")
    return result


async def stats(store: Store, course: CourseMap, processes: Any = None) -> object:
    # The code before this change read on the shared connection and drew the chart on the loop;
    # since the chart is drawn in another process, as the /stats handler does.
    reading = getattr(store, "snapshot", store.read)
    async with reading() as tx:
        figures = await cohort_figures(tx.conn, 1, NOW)
    summary = summarise(course.course, figures)
    if hasattr(store, "snapshot"):
        await asyncio.to_thread(importlib.import_module, "bot.views.charts")
    from bot.views.charts import completion_chart
    if processes is not None:
        await processes.run(completion_chart, summary, "Cohort 0")
    elif hasattr(store, "snapshot"):
        await asyncio.to_thread(completion_chart, summary, "Cohort 0")
    else:
        completion_chart(summary, "Cohort 0")
    return figures.enrolled


async def measure(path: Path) -> None:
    """In a fresh process, as the bot would be: a tick, /stats and an export on the big database."""
    course = CourseMap(load_course())
    store = await Store.open(path)
    t0 = time.perf_counter()
    report = await tick(store, course, SlotTiming("Europe/London"), NOW, policy=Policy(PRIVACY_VERSION))
    print(f"tick: one batch of {report.claimed} planned in {(time.perf_counter() - t0) * 1000:.0f} ms")
    # The export as the desk runs it: the operator, acting through the coordinators' use case.
    operator = Settings(bot_token="123456789:AAHbenchbenchbenchbenchbenchbench12", database=path,
                        admin_ids=frozenset({DESK}))
    desk = Services(store, course, SystemClock(), operator, SlotTiming("Europe/London"))
    processes = getattr(desk, "processes", None)  # the code before had no other processes
    enrolled = await timed(store, "/stats (figures and chart) for cohort 1", stats(store, course, processes))
    print(f"  (cohort 1 has {enrolled} learners)")
    written = await timed(store, "export of that cohort", export(desk, DESK, 1, path.parent / "export"))
    assert isinstance(written, dict)
    print(f"  ({sum(written.values())} rows)")
    written = await timed(store, "export of that cohort with the workbook",
                          export(desk, DESK, 1, path.parent / "export", workbook=True))
    assert isinstance(written, dict)
    await scale_learner.measure(store, course, NOW, timed, processes)
    if processes is not None:
        await processes.close()
    await store.close()
    print(f"peak memory of the measuring process: {peak_mb():.0f} MB (goal: under 200 MB)")


def peak_mb() -> float:
    """This process's high-water resident memory (VmHWM; ru_maxrss would include the parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export_memory(path: Path) -> None:
    """The export's process on its own: cohort 1's files and workbook, and that process's peak memory."""
    from bot.usecases.export_files import Job, write

    with tempfile.TemporaryDirectory(dir=path.parent) as folder:
        t0 = time.perf_counter()
        written = write(Job(path, 1, b"k" * 32, Path(folder), workbook=True))
        print(f"the export's own process: {sum(written.values()) // 2} rows and the workbook in "
              f"{(time.perf_counter() - t0) * 1000:.0f} ms, peak memory {peak_mb():.0f} MB")


def main(argv: list[str]) -> None:
    if argv[:1] == ["--measure"]:
        asyncio.run(measure(Path(argv[1])))
        return
    if argv[:1] == ["--export-memory"]:
        export_memory(Path(argv[1]))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scale.sqlite3"
        asyncio.run(build(path, int(argv[0]) if argv else 100_000))
        subprocess.run([sys.executable, "-m", "bench.scale", "--measure", str(path)], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
