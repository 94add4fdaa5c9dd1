"""Heavy work in another process, so the event loop keeps answering learners while it runs.

Writing a big cohort's export is seconds of CPU, a learner's journal PDF most of one, and drawing
the /stats chart holds the interpreter's lock for tens of milliseconds at a time. In a worker
thread they still held the interpreter's lock, and the loop (every learner's button press) waited
behind them; a process of its own has its own interpreter. One pool, started the first time it is
needed and shut down with the bot; each job gets a fresh process, which gives its memory back when
the job is done.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

log = logging.getLogger(__name__)
Result = TypeVar("Result")
# Imported once by the process that starts the others, so each job starts with them loaded.
PRELOAD = ["bot.usecases.export_files", "bot.views.documents", "fpdf", "bot.views.charts",
           "matplotlib.figure", "matplotlib.backends.backend_agg"]
NICER = 10  # how much lower the other processes' priority is than the bot's


def _context() -> multiprocessing.context.BaseContext:
    # Never fork: the bot has threads (SQLite's, the HTTP client's), and a forked child would
    # inherit their locks mid-use. A fork server is a clean process, started once.
    if "forkserver" in multiprocessing.get_all_start_methods():
        server = multiprocessing.get_context("forkserver")
        server.set_forkserver_preload(PRELOAD)
        return server
    return multiprocessing.get_context("spawn")


class Processes:
    """A pool of other processes for work that would hold the event loop."""

    def __init__(self, workers: int = 2) -> None:  # a learner's PDF need not wait for an export
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # At a lower priority: on a busy machine the bot's own process gets the CPU first.
            self._pool = ProcessPoolExecutor(self.workers, mp_context=_context(), initializer=os.nice,
                                             initargs=(NICER,), max_tasks_per_child=1)
        return self._pool

    async def run(self, work: Callable[..., Result], *args: Any) -> Result:
        """work(*args) in another process; work, args and its result must pickle (keep them small).

        Raises what work raised, or BrokenProcessPool if the process died (killed, out of memory);
        the next job then gets a new pool.
        """
        pool = self._started()
        try:
            # Starting a process takes milliseconds: that happens off the loop as well.
            future = await asyncio.to_thread(pool.submit, work, *args)
            return await asyncio.wrap_future(future)
        except BrokenProcessPool:
            log.warning("a worker process died; the next job starts a new one")
            if self._pool is pool:
                self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise

    async def close(self) -> None:
        """Let a job under way finish, then stop the pool (at the bot's shutdown)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)
