"""The bot as deployed: the real `ktp-bot run` process, its own job schedule (a 30-second tick),
against the stand-in enforcing Telegram's limits. A broadcast to N learners goes out while learners
write /help at 10 a second. Prints start-up to the first poll, the send rate as a share of 30/s,
429s, how long learners waited for their replies (p50/p99) and the process's peak memory.

Run: .venv/bin/python -m bench.deployed [N] [SECONDS_OF_PRESSES], or --startup [RUNS]; with
BENCH_PROFILE=FILE and py-spy on the PATH, the bot process is sampled during the run (folded stacks).
"""

from __future__ import annotations

import asyncio
import os
import signal
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.common import populate
from bench.kill_drill import school_hours_zone
from scheduler.outgoing import Broadcast
from standin import StandIn

TOKEN = "123456789:AAHdeploydeploydeploydeploydeploy12"
TEXT = "Hello, cohort!"


async def prepare(db: Path, learners: int) -> None:
    now = datetime.now(UTC)
    store = await populate(db, learners, now)
    async with store.transaction() as tx:
        # No drops due: the broadcast is the tick's whole work; a zone in school hours, so quiet
        # hours do not hold it.
        await tx.conn.execute("UPDATE learners SET next_due_at = NULL, tz = ?", (school_hours_zone(now),))
        for uid in range(1, learners + 1):
            await tx.outbox.add(f"bc:1:{uid}", uid, Broadcast(text=TEXT), now, user_id=uid)
    await store.close()


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def presses(standin: StandIn, learners: int, seconds: float) -> list[float]:
    """/help from a different learner every 0.1 s; seconds from sending it to the bot's reply."""
    waits: list[float] = []

    async def one(uid: int) -> None:
        person = standin.user(uid)
        before = len(person.messages)
        sent = time.perf_counter()
        await person.send("/help")
        # Polled from outside, as a person watches the chat.
        while len(person.messages) <= before or all(TEXT in m.text for m in person.messages[before:]):  # noqa: ASYNC110
            await asyncio.sleep(0.005)
        waits.append(time.perf_counter() - sent)

    # From learners the broadcast reaches last: a reply to a chat that got a message in the last
    # second waits for the rest of that second by design (Telegram's one a second to a chat).
    tasks = []
    for n in range(int(seconds * 10)):
        tasks.append(asyncio.create_task(one(learners - n % learners)))
        await asyncio.sleep(0.1)
    await asyncio.wait_for(asyncio.gather(*tasks), 60)
    return waits


async def measure(learners: int, seconds: float) -> None:
    async with StandIn(token=TOKEN, enforce_limits=True) as standin:
        for uid in range(1, learners + 1):
            standin.user(uid).chat.known = True
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "deployed.sqlite3"
            await prepare(db, learners)
            env = {**os.environ, "KTP_BOT_TOKEN": TOKEN, "KTP_API_BASE_URL": standin.base_url,
                   "KTP_DATABASE": str(db)}
            started = time.perf_counter()
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.desk.cli", "run", env=env,
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
            while not standin.calls.counters["getUpdates"]:  # noqa: ASYNC110 (another process)
                await asyncio.sleep(0.005)
            startup = time.perf_counter() - started
            rss_start = peak_mb(process.pid)
            profiler = await profile(process.pid)
            waits = await presses(standin, learners, seconds)
            while broadcast_sent(standin) < learners:  # noqa: ASYNC110 (another process)
                await asyncio.sleep(0.5)
            rss = peak_mb(process.pid)
            if profiler is not None:
                profiler.send_signal(signal.SIGINT)
                await profiler.wait()
            process.terminate()
            await process.wait()
    print(f"start-up of `ktp-bot run` to its first poll: {startup:.2f} s; memory then {rss_start:.0f} MB")
    report_sends(standin, learners)
    if os.environ.get("BENCH_TIMES"):
        Path(os.environ["BENCH_TIMES"]).write_text("".join(
            f"{c.at:.6f} {c.method} {c.params.get('chat_id')} {TEXT in str(c.params.get('text', ''))}\n"
            for c in standin.calls.log))
    waits.sort()
    p99 = waits[int(len(waits) * 0.99) - 1]
    print(f"/help at 10 a second during the broadcast ({len(waits)} replies): "
          f"p50 {statistics.median(waits) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms")
    print(f"peak memory of the bot process: {rss:.0f} MB")


async def profile(pid: int) -> asyncio.subprocess.Process | None:
    """With BENCH_PROFILE=FILE (and py-spy installed), the bot's stacks sampled into FILE (folded)."""
    out = os.environ.get("BENCH_PROFILE")
    if not out:
        return None
    return await asyncio.create_subprocess_exec(
        "py-spy", "record", "--pid", str(pid), "--format", "raw", "--rate", "200", "--output", out,
        "--nonblocking", stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)


def broadcast_sent(standin: StandIn) -> int:
    return sum(TEXT in str(c.params.get("text", "")) for c in standin.calls.log if c.method == "sendMessage")


def report_sends(standin: StandIn, learners: int) -> None:
    """The send rate from the first broadcast message to the last, as the stand-in saw them: every
    message (the broadcast and the replies share Telegram's 30 a second) and the broadcast alone;
    and the most messages the stand-in saw in any one second."""
    sends = [(c.at, TEXT in str(c.params.get("text", ""))) for c in standin.calls.log
             if c.method == "sendMessage"]
    broadcast = [at for at, ours in sends if ours][:learners]
    first, last = broadcast[0], broadcast[-1]
    span = [at for at, _ in sends if first <= at <= last]
    rate, alone = (len(span) - 1) / (last - first), (learners - 1) / (last - first)
    times, busiest, start = [at for at, _ in sends], 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= 1.0:
            start += 1
        busiest = max(busiest, end - start + 1)
    # How close the sends came to a 429: the shortest time from one send to the 30th after it.
    closest = min((b - a for a, b in zip(times, times[30:], strict=False)), default=float("inf"))
    print(f"broadcast to {learners} learners over {last - first:.1f} s: every message {rate:.2f}/s = "
          f"{rate / 30:.1%} of 30/s; the broadcast alone {alone:.2f}/s = {alone / 30:.1%}")
    print(f"429s from the stand-in: {standin.calls.rate_limited}; most in any one second: {busiest}; "
          f"the shortest time in which 31 went: {closest * 1000:.0f} ms")


async def startups(runs: int) -> None:
    """Start-up to the first poll, several times on an empty database: the median and the range."""
    async with StandIn(token=TOKEN) as standin:
        times, memory = [], []
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as folder:
                env = {**os.environ, "KTP_BOT_TOKEN": TOKEN, "KTP_API_BASE_URL": standin.base_url,
                       "KTP_DATABASE": str(Path(folder) / "startup.sqlite3")}
                polls = standin.calls.counters["getUpdates"]
                started = time.perf_counter()
                process = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "bot.desk.cli", "run", env=env,
                    stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
                while standin.calls.counters["getUpdates"] == polls:  # noqa: ASYNC110 (another process)
                    await asyncio.sleep(0.005)
                times.append(time.perf_counter() - started)
                memory.append(peak_mb(process.pid))
                process.terminate()
                await process.wait()
    print(f"start-up to the first poll over {runs} runs: median {statistics.median(times):.2f} s "
          f"({min(times):.2f}-{max(times):.2f}); memory then {statistics.median(memory):.0f} MB")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--startup"]:
        asyncio.run(startups(int(sys.argv[2]) if len(sys.argv) > 2 else 5))
        sys.exit()
    asyncio.run(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 2000,
                        float(sys.argv[2]) if len(sys.argv) > 2 else 20))
