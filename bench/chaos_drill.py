"""Fault drill: the Bot API fails 5% of calls (500, 502, timeouts before and after delivery) and
answers sends with bursts of 429s, while learners write reflections and the bot sends a drip and a
broadcast. Counts what was lost, what arrived twice, and ends with a verdict.

Run: .venv/bin/python -m bench.chaos_drill [LEARNERS] [FAILURE_RATE]
"""

from __future__ import annotations

import asyncio
import logging
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.common import SCHOOL_MORNING as START
from bench.common import SchoolClock
from bot.config import Settings
from bot.ptb.app import build_application
from bot.ptb.lifecycle import running
from bot.ptb.request import PatientRequest
from bot.usecases.terms import PRIVACY_VERSION
from scheduler.outgoing import Broadcast
from standin import StandIn
from storage.db import iso
from storage.store import Store

TOKEN = "123456789:AAHchaoschaoschaoschaoschaoschao12"
PROMPT = "m1-d3-r1"  # Module 1's first reflective prompt
SAVED = "Saved to your journal."
async def prepare(db: Path, learners: int) -> None:
    """Half the learners have a reflective prompt open; the other half are due their next drop.
    Everyone has a broadcast waiting in the outbox."""
    store = await Store.open(db)
    async with store.transaction() as tx:
        cohort = await tx.cohorts.create("Drill", START, code="chaos")
        for uid in range(1, learners + 1):
            writer = uid % 2 == 1
            await tx.learners.create(uid, uid, f"L{uid}", cohort.id, START)
            await tx.learners.update(uid, consent_version=PRIVACY_VERSION, role="psa", status="active",
                                     slots=("morning", "lunch", "after"),
                                     current_step=PROMPT if writer else None,
                                     next_due_at=None if writer else START)
            await tx.outbox.add(f"bc:chaos:{uid}", uid, Broadcast(text=f"Broadcast to {uid}"),
                                START, user_id=uid)
    await store.close()


async def quiet(store: Store, standin: StandIn, writers: list[int], deadline: float) -> bool:
    """Everything acknowledged, planned and sent, or the deadline passed. A tick plans only what it
    can send before the next, so due learners may still wait while the broadcast goes out."""
    while time.monotonic() < deadline:
        async with store.read() as tx:
            rows = (await tx.conn.execute(
                "SELECT (SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending'))"
                " + (SELECT COUNT(*) FROM learners WHERE next_due_at <= ?)", (iso(START),))).rows
        acked = all(any(SAVED in m.text for m in standin.user(uid).messages) for uid in writers)
        if rows[0][0] == 0 and acked:
            return True
        await asyncio.sleep(0.5)
    return False


async def drill(learners: int, rate: float) -> bool:
    async with StandIn(token=TOKEN) as standin:
        for uid in range(1, learners + 1):
            standin.user(uid, f"L{uid}").chat.known = True
        writers = [uid for uid in range(1, learners + 1) if uid % 2 == 1]
        due = [uid for uid in range(1, learners + 1) if uid % 2 == 0]
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "chaos.sqlite3"
            await prepare(db, learners)
            settings = Settings(bot_token=TOKEN, database=db, api_base_url=standin.base_url, tick_seconds=0.5)
            app = build_application(settings, clock=SchoolClock(), read_timeout=2.0)
            chaos = standin.chaos(rate, seed=7, burst_every=6.0, burst_for=1.0, retry_after=1)
            started = time.monotonic()
            async with running(app, polling=True):
                texts = {uid: f"Reflection {uid}: I will ask before I help, and listen to the answer."
                         for uid in writers}
                for uid in writers:
                    await standin.user(uid).send(texts[uid])
                    await asyncio.sleep(0.02)
                settled = await quiet(app.bot_data["services"].store, standin, writers,
                                      time.monotonic() + 240)
                async with app.bot_data["services"].store.read() as tx:
                    stored = {row[0]: row[1] for row in (await tx.conn.execute(
                        "SELECT user_id, text FROM reflections WHERE step_id = ?", (PROMPT,))).rows}
                    statuses = Counter({row[0]: row[1] for row in (await tx.conn.execute(
                        "SELECT status, COUNT(*) FROM outbox GROUP BY status")).rows})
                    retried_rows = (await tx.conn.execute(
                        "SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND attempts > 1")).rows[0][0]
                request = app.bot.request
                handler_retries = request.retried if isinstance(request, PatientRequest) else 0
            elapsed = time.monotonic() - started
        lost = [uid for uid in writers if stored.get(uid) != texts[uid]]
        acks = {uid: sum(SAVED in m.text for m in standin.user(uid).messages) for uid in writers}
        copies = {uid: sum(m.text.startswith("Broadcast to") for m in standin.user(uid).messages)
                  for uid in range(1, learners + 1)}
        drops = {uid: sum(bool(m.buttons) and not m.text.startswith("Broadcast")
                          for m in standin.user(uid).messages) for uid in due}
        unsent = statuses["pending"] + statuses["sending"]
        print(f"chaos drill: {learners} learners, {rate:.0%} of Bot API calls failing at random, "
              f"429 bursts of 1 s every 6 s; {len(standin.calls)} calls in {elapsed:.1f} s")
        print("  faults injected: " + ", ".join(f"{kind} {n}" for kind, n in sorted(chaos.injected.items())))
        kept = len(writers) - len(lost)
        print(f"  reflections written {len(writers)}, kept {kept}, lost {len(lost)} (goal 0)")
        print(f"  'saved' replies: {sum(1 for n in acks.values() if n)} of {len(writers)} writers; "
              f"{sum(n - 1 for n in acks.values() if n > 1)} duplicate(s); handler calls tried again: "
              f"{handler_retries}")
        print(f"  outbox: sent {statuses['sent']} ({retried_rows} after a retry), never sent {unsent} "
              f"(goal 0), failed {statuses['failed']}, blocked {statuses['blocked']}")
        print(f"  drip: {sum(1 for n in drops.values() if n)} of {len(due)} due learners got their drop; "
              f"broadcast reached {sum(1 for n in copies.values() if n)} of {learners}, "
              f"{sum(n - 1 for n in copies.values() if n > 1)} duplicate copies "
              "(allowed: timeouts after delivery)")
        passed = (settled and not lost and unsent == 0 and statuses["failed"] == 0 and all(acks.values())
                  and all(copies.values()) and all(drops.values()))
        print("  verdict:", "PASS" if passed else "FAIL")
        return passed


if __name__ == "__main__":
    logging.basicConfig(level=logging.CRITICAL)  # the drill's faults would fill the screen
    ok = asyncio.run(drill(int(sys.argv[1]) if len(sys.argv) > 1 else 200,
                           float(sys.argv[2]) if len(sys.argv) > 2 else 0.05))
    sys.exit(0 if ok else 1)
