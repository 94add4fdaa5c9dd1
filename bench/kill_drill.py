"""Fault drill: SIGKILL the bot at random moments while it takes reflections and sends a drip and a
broadcast; restart; repeat. Counts lost reflections, lost drops and duplicate messages.

Run: .venv/bin/python -m bench.kill_drill [ROUNDS] [LEARNERS]
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import re
import signal
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import aiosqlite

from bot.usecases.terms import PRIVACY_VERSION
from scheduler.outgoing import Broadcast
from standin import StandIn
from storage.db import iso
from storage.store import Store

TOKEN = "123456789:AAHdrilldrilldrilldrilldrilldrill12"
PROMPT = "m1-d3-r1"
ACK = re.compile(r"Saved to your journal\. 📓 <i>“Round (\d+) ")


def school_hours_zone(now: datetime) -> str:
    """A time zone where it is now a weekday between 09:00 and 17:00, so that quiet hours (which
    hold sends at the moment of sending too) do not hold the drill's messages back."""
    for zone in ("Europe/London", "Asia/Kolkata", "Pacific/Auckland", "America/New_York", "Asia/Tokyo",
                 "America/Los_Angeles", "Europe/Moscow", "Pacific/Honolulu", "Asia/Dubai"):
        local = now.astimezone(ZoneInfo(zone))
        if local.weekday() < 5 and 9 <= local.hour < 17:
            return zone
    raise SystemExit("no listed time zone is in school hours just now (a weekend everywhere): try later")


async def prepare(db: Path, learners: int) -> None:
    store = await Store.open(db)
    now = datetime.now(UTC)
    zone = school_hours_zone(now)
    async with store.transaction() as tx:
        cohort = await tx.cohorts.create("Drill", now, code="drill")
        for uid in range(1, learners + 1):
            await tx.learners.create(uid, uid, f"L{uid}", cohort.id, now)
            await tx.learners.update(uid, consent_version=PRIVACY_VERSION, role="psa", status="active",
                                     slots=("morning", "lunch", "after"), current_step=PROMPT, tz=zone)
            # A broadcast waiting to go: one row per learner, sent by the drip's outbox.
            await tx.outbox.add(f"bc:drill:{uid}", uid, Broadcast(text=f"Broadcast to {uid}"),
                                now, user_id=uid)
    await store.close()


async def reopen_prompts(db: Path, learners: int) -> None:
    async with aiosqlite.connect(db) as conn:
        await conn.execute("UPDATE learners SET current_step = ?, next_due_at = ?",
                           (PROMPT, iso(datetime.now(UTC))))
        await conn.commit()


async def run_round(standin: StandIn, db: Path, learners: int, rnd: int,
                    sent: dict[int, list[str]]) -> None:
    env = {**os.environ, "KTP_BOT_TOKEN": TOKEN, "KTP_API_BASE_URL": standin.base_url,
           "KTP_DATABASE": str(db), "KTP_TICK_SECONDS": "0.2"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.desk.cli", "run", env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    for uid in range(1, learners + 1):
        text = f"Round {rnd} reflection from {uid}"
        sent[uid].append(text)
        await standin.user(uid).send(text)
    await asyncio.sleep(random.uniform(0.3, 2.5))
    process.send_signal(signal.SIGKILL)
    await process.wait()


def acknowledged(standin: StandIn, learners: int) -> dict[int, int]:
    """The latest round whose reflection the bot said it saved, per learner (the ack quotes it)."""
    acked: dict[int, int] = {}
    for uid in range(1, learners + 1):
        for message in standin.user(uid).messages:
            match = ACK.search(message.text)
            if match:
                acked[uid] = max(acked.get(uid, 0), int(match.group(1)))
    return acked


async def drill(rounds: int, learners: int) -> None:
    async with StandIn(token=TOKEN) as standin:
        for uid in range(1, learners + 1):
            standin.user(uid).chat.known = True
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "drill.sqlite3"
            await prepare(db, learners)
            sent: dict[int, list[str]] = {uid: [] for uid in range(1, learners + 1)}
            for rnd in range(1, rounds + 1):
                await reopen_prompts(db, learners)
                await run_round(standin, db, learners, rnd, sent)
            await finish(standin, db, learners)
            await report(standin, db, acknowledged(standin, learners), rounds, learners)


async def finish(standin: StandIn, db: Path, learners: int) -> None:
    """A last, uninterrupted run so that everything due is sent."""
    env = {**os.environ, "KTP_BOT_TOKEN": TOKEN, "KTP_API_BASE_URL": standin.base_url,
           "KTP_DATABASE": str(db), "KTP_TICK_SECONDS": "0.2"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.desk.cli", "run", env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    # Until the outbox has nothing left to send (at most 30 s): replies and outbox sends to one
    # learner are a second apart, so the restart's replayed acknowledgements slow the tail.
    for _ in range(60):
        await asyncio.sleep(0.5)
        async with aiosqlite.connect(db) as conn, conn.execute(
                "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')") as cur:
            if not (await cur.fetchone() or (0,))[0]:
                break
    await asyncio.sleep(1)
    process.send_signal(signal.SIGTERM)
    await process.wait()


async def report(standin: StandIn, db: Path, acked: dict[int, int], rounds: int, learners: int) -> None:
    async with aiosqlite.connect(db) as conn:
        async with conn.execute("SELECT user_id, text FROM reflections WHERE step_id = ?", (PROMPT,)) as cur:
            stored = {r[0]: r[1] for r in await cur.fetchall()}
        async with conn.execute("SELECT COUNT(*) FROM outbox WHERE status IN ('pending','sending')") as cur:
            unsent = (await cur.fetchone() or (0,))[0]
        async with conn.execute("SELECT COUNT(*) FROM outbox WHERE status = 'sent'") as cur:
            sent = (await cur.fetchone() or (0,))[0]
        async with conn.execute("SELECT COUNT(*) FROM outbox WHERE attempts > 1 AND status = 'sent'") as cur:
            retried = (await cur.fetchone() or (0,))[0]
    # A reflection is lost if the last one acknowledged is older than what the database holds.
    lost = sum(1 for uid, rnd in acked.items() if _round(stored.get(uid)) < rnd)
    broadcasts = [sum(1 for m in standin.user(uid).messages if m.text.startswith("Broadcast to"))
                  for uid in range(1, learners + 1)]
    duplicates = sum(count - 1 for count in broadcasts if count > 1)
    print(f"kill drill: {rounds} SIGKILLs, {learners} learners")
    print(f"  reflections acknowledged {len(acked)}, lost {lost} (goal 0)")
    print(f"  outbox rows sent {sent}, never sent {unsent} (goal 0), sent after a retry {retried}")
    print(f"  broadcast: {sum(1 for c in broadcasts if c)} of {learners} learners reached, "
          f"{duplicates} duplicate copies (allowed: messages in flight at a kill)")
    reached = all(broadcasts)
    print("  verdict:", "PASS" if lost == 0 and unsent == 0 and reached else "FAIL")


def _round(text: str | None) -> int:
    return int(text.split()[1]) if text else 0


if __name__ == "__main__":
    # A killed bot drops its connections mid-request; the stand-in need not print each one.
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
    asyncio.run(drill(int(sys.argv[1]) if len(sys.argv) > 1 else 20,
                      int(sys.argv[2]) if len(sys.argv) > 2 else 30))
