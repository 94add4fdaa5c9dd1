"""A break's rush on the bot as deployed: the real `ktp-bot run` process, its own job schedule, on a
term of history (bench.term), against the stand-in enforcing Telegram's limits.

Everyone is due at once, as at 10:30 after a long weekend, so the first ticks plan and send drop
cards at the full rate. Meanwhile learners who got their card press its first button at 10 a
second (each at least a second after their card came, as Telegram lets one chat have one message a
second). For each press: from the press reaching the stand-in to the bot's answer to it (the
spinner stops) and to the bot's next message or edit in that chat (what the press brings). Then an
admin asks /stats for the largest cohort, and the process's peak memory is read.

Run: .venv/bin/python -m bench.rush [LEARNERS] [SECONDS_OF_PRESSES] [COHORTS]
(5000 20 50 by default: 5,000 drops going out; 100000 20 5 for a 100k tick and cohorts of 20,000).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.deployed import peak_mb
from bench.kill_drill import school_hours_zone
from bench.term import build_term
from standin import StandIn
from standin.state import Sent

TOKEN = "123456789:AAHrushrushrushrushrushrushrushrush1"
ADMIN = 9_000_001


async def prepare(db: Path, learners: int, cohorts: int) -> None:
    now = datetime.now(UTC)
    store = await build_term(db, learners, now, cohorts=cohorts)
    async with store.transaction() as tx:  # in school hours wherever the bench runs
        await tx.conn.execute("UPDATE learners SET tz = ?", (school_hours_zone(now),))
    await store.close()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share) - 1)]


class Rush:
    """Presses on freshly arrived cards, and when the bot answered each."""

    def __init__(self, standin: StandIn) -> None:
        self.standin = standin
        self.pressed: set[int] = set()
        self.answer_ms: list[float] = []
        self.next_ms: list[float] = []
        self.cards_seen = 0

    def _ready(self) -> Sent | None:
        """A card with buttons that came more than a second ago, to a learner who has not pressed."""
        now = time.monotonic()
        for call in reversed(self.standin.calls.log[-400:]):
            chat = int(call.params.get("chat_id", 0) or 0)
            if call.method != "sendMessage" or chat in self.pressed or chat == ADMIN or now - call.at < 1.05:
                continue
            person = self.standin.user(chat)
            card = next((m for m in reversed(person.messages) if m.labels and not m.deleted), None)
            if card is not None:
                return card
        return None

    async def one(self, card: Sent) -> None:
        chat = card.chat_id
        self.pressed.add(chat)
        person = self.standin.user(chat)
        before = len(self.standin.state.events)
        pressed = time.monotonic()
        query = await person.press(card.labels[0], message=card)
        answered = nexts = None
        deadline = pressed + 30
        while (answered is None or nexts is None) and time.monotonic() < deadline:
            for call in reversed(self.standin.calls.log[-2000:]):
                if call.at < pressed:
                    break
                if call.method == "answerCallbackQuery" and call.params.get("callback_query_id") == query:
                    answered = call.at
            if nexts is None and any(e.chat_id == chat for e in self.standin.state.events[before:]):
                nexts = time.monotonic()
            await asyncio.sleep(0.005)
        if answered is not None:
            self.answer_ms.append((answered - pressed) * 1000)
        if nexts is not None:
            self.next_ms.append((nexts - pressed) * 1000)

    async def run(self, seconds: float) -> int:
        tasks: list[asyncio.Task[None]] = []
        started = time.monotonic()
        while not self._ready():  # the first cards
            if time.monotonic() - started > 120:
                raise SystemExit("no card arrived in two minutes")
            await asyncio.sleep(0.05)
        for _ in range(int(seconds * 10)):
            card = self._ready()
            if card is not None:
                tasks.append(asyncio.create_task(self.one(card)))
            await asyncio.sleep(0.1)
        await asyncio.gather(*tasks)
        return len(tasks)


async def stats(standin: StandIn) -> float:
    """/stats for cohort 1 from the admin: seconds to the chart's arrival."""
    admin = standin.user(ADMIN, "Admin")
    admin.chat.known = True
    started = time.monotonic()
    await admin.send("/stats 1")
    try:
        await admin.wait_for(lambda m: m.photo is not None, timeout=120)
    except AssertionError:
        return float("nan")
    return time.monotonic() - started


async def measure(learners: int, seconds: float, cohorts: int) -> None:
    async with StandIn(token=TOKEN, enforce_limits=True) as standin:
        # Telegram's update ids only grow: new ones come after the kept updates of the term.
        standin.updates.next_id = 10 * learners + 10
        for uid in range(1, learners + 1):
            standin.user(uid).chat.known = True
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "rush.sqlite3"
            await prepare(db, learners, cohorts)
            env = {**os.environ, "KTP_BOT_TOKEN": TOKEN, "KTP_API_BASE_URL": standin.base_url,
                   "KTP_DATABASE": str(db), "KTP_ADMIN_IDS": str(ADMIN)}
            log = open(Path(folder) / "bot.log", "wb")  # noqa: SIM115, ASYNC230 (the process writes it)
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.desk.cli", "run", env=env, stdout=log, stderr=log)
            rush = Rush(standin)
            pressed = await rush.run(seconds)
            cards = standin.calls.count("sendMessage")
            limited = standin.calls.rate_limited
            stats_s = await stats(standin)
            rss = peak_mb(process.pid)
            process.terminate()
            await process.wait()
            log.close()
            if os.environ.get("RUSH_LOG"):
                lines = (Path(folder) / "bot.log").read_text().splitlines()
                print("\n".join(line for line in lines if "INFO" not in line)[-6000:])
    print(f"{learners:,} learners (term of history, {cohorts} cohorts), everyone due at once; "
          f"{pressed} presses at up to 10 a second over {seconds:.0f} s while {cards:,} messages went out "
          f"({limited} 429s)")
    for name, values in (("press -> its answer", rush.answer_ms),
                         ("press -> next message/edit", rush.next_ms)):
        if values:
            print(f"  {name}: p50 {statistics.median(values):.0f} ms, p99 {_percentile(values, 0.99):.0f} ms,"
                  f" max {max(values):.0f} ms ({len(values)} of {pressed})")
    print(f"  /stats 1 ({learners // cohorts:,} learners) to its chart: {stats_s:.2f} s")
    print(f"  peak memory of the bot process (rush and /stats): {rss:.0f} MB")


if __name__ == "__main__":
    args = sys.argv[1:]
    asyncio.run(measure(int(args[0]) if args else 5000, float(args[1]) if len(args) > 1 else 20,
                        int(args[2]) if len(args) > 2 else 50))
