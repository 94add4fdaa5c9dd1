"""A term of history for the benchmarks: the data a deployment has by November, not an empty outbox.

Learners have mixed schedules (named breaks and times of their own, three to five weekdays, one or
two drops a day), cohorts have calendars (terms, a half-term holiday, in-service days), about four
in ten have a drop open (some snoozed, some silent for weeks), each has about two sent outbox rows
(their last drops and a nudge now and then) and handled updates kept in the inbox from the last
few days. Everyone is due at `now`, as after a long weekend.
"""

from __future__ import annotations

import json
import random
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bot.usecases.terms import PRIVACY_VERSION
from lessons.loader import load_course
from scheduler.outgoing import DropCard, Nudge
from storage.db import iso
from storage.store import Store

SLOTS = ("morning", "lunch", "after", "morning,lunch", "lunch,after", "1045", "morning,1400")
WEEKDAYS = ("0,1,2,3,4", "0,2,4", "1,3", "0,1,2,3")
Row = tuple[Any, ...]


def calendar(year: int, cohort: int) -> dict[str, object]:
    """Scottish-looking terms; cohorts differ in their holiday week and in-service days."""
    shift = cohort % 3
    return {"terms": [{"start": f"{year}-08-{18 + shift}", "end": f"{year}-12-{19 + shift}",
                       "name": "Autumn"}],
            "holidays": [{"start": f"{year}-10-{12 + shift}", "end": f"{year}-10-{19 + shift}",
                          "name": "October week"}],
            "in_service": [f"{year}-09-{22 + shift}", f"{year}-11-{14 + shift}"]}


def _learner(uid: int, cohort: int, now: datetime, rng: random.Random, drops: list[str],
             first_step: dict[str, str]) -> tuple[Row, list[Row], list[Row], list[Row]]:
    """One learner's row, drop progress, sent outbox rows and quiz answers."""
    done = rng.randint(0, 16)
    open_drop = rng.random() < 0.4
    joined = now - timedelta(days=75)
    progress: list[Row] = []
    outbox: list[Row] = []
    for i, drop in enumerate(drops[:done + open_drop]):
        at = iso(joined + timedelta(days=1 + i * 4))
        progress.append((uid, drop, at, at, at if i < done else None))
    for drop in drops[max(0, done + open_drop - 2):done + open_drop]:
        outbox.append((f"drop:{uid}:{drop}", uid, uid, "drop", DropCard(drop_id=drop).body(),
                       iso(now - timedelta(days=3)), "sent", 1, iso(now - timedelta(days=3))))
    step = first_step[drops[done]] if open_drop else None
    silent = open_drop and rng.random() < 0.15
    last_active = now - timedelta(days=20 if silent else rng.randint(0, 6))
    if step is not None and rng.random() < 0.5:
        nudged = now - timedelta(days=rng.randint(1, 9))
        outbox.append((f"nudge:{uid}:{step}", uid, uid, "nudge", Nudge(step_id=step).body(),
                       iso(nudged), "sent", 1, iso(nudged)))
    row = (uid, uid, f"L{uid}", cohort, "psa", PRIVACY_VERSION, iso(joined), rng.choice(SLOTS),
           rng.choice(WEEKDAYS), rng.choice((1, 1, 1, 2)), "active", step, iso(now), iso(last_active),
           iso(joined), int(open_drop and rng.random() < 0.1))
    answers = [(uid, f"{d}-q", rng.randint(0, 2), rng.random() < 0.7, progress[i][2])
               for i, d in enumerate(drops[:done])]
    return row, progress, outbox, answers


def _kept_updates(uid: int, now: datetime, first: int, rng: random.Random) -> list[Row]:
    """Two handled updates a learner sent in the last ten days, as the inbox keeps them."""
    rows: list[Row] = []
    for n in range(2):
        at = iso(now - timedelta(days=rng.uniform(0, 10)))
        body = {"update_id": first + n, "callback_query": {
            "id": str(first + n), "from": {"id": uid, "is_bot": False, "first_name": f"L{uid}"},
            "chat_instance": "1", "data": "next"}}
        rows.append((first + n, json.dumps(body), at, at))
    return rows


async def build_term(path: Path, learners: int, now: datetime, cohorts: int = 50) -> Store:
    """The database described above; returns the open store."""
    started = time.perf_counter()
    rng = random.Random(18)
    course = load_course()
    drops = [d.id for m in course.modules for d in m.drops]
    first_step = {d.id: d.steps[0].id for m in course.modules for d in m.drops}
    store = await Store.open(path)
    async with store.transaction() as tx:
        ids = [(await tx.cohorts.create(f"Cohort {c}", now)).id for c in range(cohorts)]
        for c, cid in enumerate(ids):
            await tx.conn.execute("UPDATE cohorts SET calendar = ? WHERE id = ?",
                                  (json.dumps(calendar(now.year, c)), cid))
        people: list[Row] = []
        progress: list[Row] = []
        outbox: list[Row] = []
        answers: list[Row] = []
        inbox: list[Row] = []
        for uid in range(1, learners + 1):
            row, done, sent, quiz = _learner(uid, ids[uid % cohorts], now, rng, drops, first_step)
            people.append(row)
            progress += done
            outbox += sent
            answers += quiz
            inbox += _kept_updates(uid, now, uid * 2, rng)
        await tx.conn.executemany(
            "INSERT INTO learners (user_id, chat_id, first_name, cohort_id, role, consent_version,"
            " consent_at, slots, weekdays, per_day, status, current_step, next_due_at, last_active_at,"
            " joined_at, snoozed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", people)
        await tx.conn.executemany("INSERT INTO drop_progress VALUES (?, ?, ?, ?, ?)", progress)
        await tx.conn.executemany(
            "INSERT INTO outbox (dedupe_key, user_id, chat_id, kind, payload, created_at, status,"
            " attempts, sent_at, not_before) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(*r, r[5]) for r in outbox])
        await tx.conn.executemany(
            "INSERT INTO quiz_answers (user_id, step_id, choice, correct, at) VALUES (?, ?, ?, ?, ?)",
            answers)
        await tx.conn.executemany(
            "INSERT INTO inbox (update_id, body, received_at, handled_at) VALUES (?, ?, ?, ?)", inbox)
    print(f"term of history for {learners:,} learners: {len(progress):,} drops, {len(outbox):,} sent "
          f"outbox rows, {len(inbox):,} kept updates, built in {time.perf_counter() - started:.1f} s")
    return store
