"""One learner's own requests in a big cohort, for bench.scale: /mydata, their journal and
certificate PDFs, and /forget, each timed while other learners' reads run and the loop is watched.

The learner chosen is cohort 1's with the most rows held about them (the longest /mydata).
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any

from bot.usecases import mydata, record
from lessons.progress import CourseMap
from storage.certificates import Certificate
from storage.store import Store

Timed = Callable[[Store, str, Any], Awaitable[object]]


async def busiest(store: Store) -> int:
    async with store.read() as tx:
        cur = await tx.conn.execute("""
            SELECT l.user_id FROM learners l JOIN drop_progress d USING (user_id)
            WHERE l.cohort_id = 1 GROUP BY l.user_id ORDER BY count(*) DESC, l.user_id LIMIT 1""")
        row = await cur.fetchone()
    assert row is not None
    return int(row[0])


async def my_data(store: Store, course: CourseMap, uid: int, now: datetime) -> int:
    """What /mydata does before it sends: gather, the JSON file and the readable file."""
    data = await mydata.gather(store, uid)
    assert data is not None
    from bot.views.mydata import document
    return len(mydata.as_json(data)) + len(document(data, course, now))


async def _made(processes: Any, view: str, work: str, *args: Any) -> int:
    """A PDF as the handlers make it: in the other process, or (the code before) a worker thread."""
    if processes is not None:
        return len(await processes.run(getattr(importlib.import_module(view), work), *args))
    made = getattr(await asyncio.to_thread(importlib.import_module, view), work)
    return len(await asyncio.to_thread(made, *args))


async def journal(store: Store, course: CourseMap, uid: int, now: datetime, processes: Any) -> int:
    built = await record.build(store, course, uid)
    assert built is not None
    return await _made(processes, "bot.views.journal_pdf", "journal_pdf", built, built.first_name, now)


async def certificate(store: Store, course: CourseMap, uid: int, processes: Any) -> int:
    built = await record.build(store, course, uid)
    assert built is not None
    issued = Certificate("KTP-7F3K-9Q2M", uid, "Morag MacLeod", course.course.title, date(2027, 1, 7), 270.0)
    return await _made(processes, "bot.views.certificate", "certificate_pdf", built, issued)


async def measure(store: Store, course: CourseMap, now: datetime, timed: Timed, processes: Any) -> None:
    uid = await busiest(store)
    size = await timed(store, f"/mydata of learner {uid}", my_data(store, course, uid, now))
    print(f"  ({size} bytes in its two files)")
    size = await timed(store, "their journal PDF", journal(store, course, uid, now, processes))
    print(f"  ({size} bytes)")
    await timed(store, "a certificate PDF", certificate(store, course, uid, processes))
    store.db.longest_hold = 0.0
    await timed(store, f"/forget of learner {uid}", mydata.forget(store, uid))
    print(f"  (it held the write lock {store.db.longest_hold * 1000:.0f} ms)")
