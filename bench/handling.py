"""Handling cost: what the bot spends per update for realistic traffic, against bare PTB bots.

1,000 learners each press Next on the card before a reflective prompt, then write their
reflection: two updates each. The stand-in Bot API runs in its own process, so the figures for
each bot are its own: updates a second, and CPU milliseconds per update in the bot's process
(its aiosqlite thread included). Three bots meet the same stand-in in one run, the two bare ones
both one update at a time (PTB's default) and 16 at once (as this bot handles them):

- a bare PTB echo bot, sent only texts (one reply each): the literal baseline;
- a bare PTB bot making the same Bot API calls as ours for the same updates, with the same
  messages (answer the button and send the prompt; reply 'saved' with the end of the drop in the
  same message), without storage or course logic: what the product's Telegram traffic costs in
  PTB itself;
- this bot, with its inbox, SQLite, course and safeguarding screen.

Also: start-up, from building the Application to polling with the full course loaded and validated.

Run: .venv/bin/python -m bench.handling [LEARNERS]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite
from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Settings
from bot.ptb.app import build_application
from bot.ptb.lifecycle import running
from bot.ptb.telegram_io import markup
from bot.ptb.updates import CONCURRENT_UPDATES
from bot.services import Services
from bot.usecases.terms import PRIVACY_VERSION
from bot.views.board import share_button
from bot.views.html import Markup
from bot.views.screen import Screen, together
from bot.views.steps import reflection_saved, step_screen
from lessons.loader import load_course
from lessons.progress import CourseMap

TOKEN = "123456789:AAHbenchbenchbenchbenchbenchbench12"
CARD = "m1-d3-c2"  # the card before Module 1's first reflective prompt
PROMPT = "m1-d3-r1"
REFLECTION = ("I noticed that I sometimes rush to fix things. Next week I will listen first and "
              "ask what would help, then check in again at the end of the day.")


# The stand-in's side, in a child process: people press and write when told, and counts are kept.

async def _serve(learners: int) -> None:
    from standin import StandIn
    from standin.state import Sent

    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    async with StandIn(token=TOKEN) as standin:
        chats = [standin.user(uid, f"L{uid}") for uid in range(1, learners + 1)]
        for chat in chats:
            chat.chat.known = True
        print(standin.base_url, flush=True)
        before: Counter[str] = Counter()
        while line := (await reader.readline()).decode().strip():
            if line == "press":
                for chat in chats:  # a fresh card with its Next button, as the bot would have sent
                    card = Sent(standin.state.message_id(chat.chat.id), chat.chat.id, "A card.",
                                buttons=[[("Next", f"n:{CARD}")]])
                    standin.state.messages[(card.chat_id, card.message_id)] = card
                    await chat.press_data(card, f"n:{CARD}")
            elif line == "write":
                for chat in chats:
                    await chat.send(REFLECTION)
            elif line == "calls":
                now = Counter(standin.calls.counters)
                print(" ".join(f"{k}={v}" for k, v in sorted((now - before).items())), flush=True)
                before = now
                continue
            print("ok", flush=True)


# The bot's side, in this process.

class Child:
    def __init__(self, learners: int) -> None:
        self.learners = learners
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> str:
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bench.handling", "--serve", str(self.learners),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        return await self._line()

    async def _line(self) -> str:
        assert self.proc is not None and self.proc.stdout is not None
        return (await self.proc.stdout.readline()).decode().strip()

    async def ask(self, command: str) -> str:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write(f"{command}\n".encode())
        await self.proc.stdin.drain()
        return await self._line()

    async def stop(self) -> None:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.close()
        await self.proc.wait()


class Counted:
    """Counts updates whose handling has finished (a last handler group sees them)."""

    def __init__(self) -> None:
        self.done = 0

    async def __call__(self, update: object, context: Any) -> None:
        self.done += 1

    async def wait(self, count: int) -> None:
        while self.done < count:  # noqa: ASYNC110 (polling a counter the handlers bump)
            await asyncio.sleep(0.002)


async def _phase(child: Child, counted: Counted, commands: list[str], updates: int) -> tuple[float, float]:
    """Wall seconds and this process's CPU seconds for the stand-in's commands to be handled."""
    target = counted.done + updates
    wall, cpu = time.perf_counter(), time.process_time()
    for command in commands:
        await child.ask(command)
    await counted.wait(target)
    return time.perf_counter() - wall, time.process_time() - cpu


def _bare(base_url: str, concurrent: int) -> Application[Any, Any, Any, Any, Any, Any]:
    """A bare PTB bot: one update at a time (PTB's default), or `concurrent` at once."""
    return ApplicationBuilder().token(TOKEN).base_url(base_url).concurrent_updates(
        concurrent if concurrent > 1 else False).build()


async def echo_bot(child: Child, base_url: str, learners: int, concurrent: int) -> tuple[float, float]:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(update.effective_message.text or "")

    app, counted = _bare(base_url, concurrent), Counted()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.add_handler(TypeHandler(Update, counted), group=9)
    async with running(app, polling=True):
        return await _phase(child, counted, ["write", "write"], 2 * learners)


def _screens() -> tuple[Screen, list[Screen]]:
    """The messages this bot sends for the benchmark's updates, built by its own views, so the bare
    bot sends the same content: the reflective prompt; the 'saved' reply with the end of the drop."""
    course = CourseMap(load_course())
    place = course.place(PROMPT)
    assert place is not None
    done = Screen(Markup("✅ <b>Drop done:</b> The Promise.\n\nYour next drop comes tomorrow at 10:30. "
                         "Want more now? /next"), ((share_button(place.drop.id),),))
    saved = together([reflection_saved("reflect", REFLECTION), done])
    return step_screen(place.module, place.drop, place.step), saved


async def same_calls_bot(child: Child, base_url: str, learners: int, concurrent: int) -> tuple[float, float]:
    prompt, saved = _screens()

    async def press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.message is not None
        await context.bot.send_message(query.message.chat.id, prompt.text, parse_mode="HTML",
                                       reply_markup=markup(prompt))
        await query.answer()

    async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        for screen in saved:
            await message.reply_text(screen.text, parse_mode="HTML", reply_markup=markup(screen))

    app, counted = _bare(base_url, concurrent), Counted()
    app.add_handler(CallbackQueryHandler(press))
    app.add_handler(MessageHandler(filters.TEXT, reply))
    app.add_handler(TypeHandler(Update, counted), group=9)
    async with running(app, polling=True):
        return await _phase(child, counted, ["press", "write"], 2 * learners)


class Trips:
    """Trips to SQLite's thread (each statement, BEGIN and COMMIT is one), counted while in use."""

    def __init__(self) -> None:
        self.count = 0
        self._original = aiosqlite.Connection._execute

    def __enter__(self) -> Trips:
        original, trips = self._original, self

        async def counted(conn: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
            trips.count += 1
            return await original(conn, fn, *args, **kwargs)  # type: ignore[no-untyped-call]

        aiosqlite.Connection._execute = counted  # type: ignore[method-assign,assignment]
        return self

    def __exit__(self, *_: object) -> None:
        aiosqlite.Connection._execute = self._original  # type: ignore[method-assign]


async def this_bot(child: Child, base_url: str, learners: int,
                   folder: Path) -> tuple[float, float, float, int]:
    settings = Settings(bot_token=TOKEN, database=folder / "h.sqlite3", api_base_url=base_url)
    started = time.perf_counter()
    app, counted = build_application(settings, rate_limit=False, drip_job=False), Counted()
    app.add_handler(TypeHandler(Update, counted), group=9)
    async with running(app, polling=True):
        startup = time.perf_counter() - started
        services: Services = app.bot_data["services"]
        now = datetime.now(UTC)
        async with services.store.transaction() as tx:
            cohort = await tx.cohorts.create("Bench", now)
            for uid in range(1, learners + 1):
                await tx.learners.create(uid, uid, f"L{uid}", cohort.id, now)
                await tx.learners.update(uid, consent_version=PRIVACY_VERSION, status="active",
                                         slots=("morning",), current_step=CARD)
        with Trips() as trips:
            wall, cpu = await _phase(child, counted, ["press", "write"], 2 * learners)
        async with services.store.read() as tx:
            saved = sum([len(await tx.progress.reflections(uid)) for uid in range(1, learners + 1)])
        if saved != learners:
            raise SystemExit(f"expected {learners} reflections kept, found {saved}")
    return wall, cpu, startup, trips.count


async def main(learners: int) -> None:
    updates = 2 * learners
    child = Child(learners)
    base_url = await child.start()
    try:
        rows: list[tuple[str, float, float, str]] = []
        for concurrent in (1, CONCURRENT_UPDATES):
            how = "one at a time" if concurrent == 1 else f"{concurrent} at once"
            for name, run in ((f"bare echo bot, {how}", echo_bot),
                              (f"bare same-calls bot, {how}", same_calls_bot)):
                wall, cpu = await run(child, base_url, learners, concurrent)
                rows.append((name, wall, cpu, await child.ask("calls")))
        with tempfile.TemporaryDirectory() as folder:
            wall, cpu, startup, trips = await this_bot(child, base_url, learners, Path(folder))
        rows.append((f"this bot, {CONCURRENT_UPDATES} at once", wall, cpu, await child.ask("calls")))
    finally:
        await child.stop()
    print(f"{learners} learners, {updates} updates per bot (stand-in in its own process)")
    print(f"{'':34} {'updates/s':>10} {'CPU ms/update':>14} {'Bot API calls/update':>21}")
    for name, wall, cpu, calls in rows:
        total = sum(int(part.split("=")[1]) for part in calls.split() if not part.startswith("getUpdates"))
        print(f"{name:34} {updates / wall:10.0f} {1000 * cpu / updates:14.2f} {total / updates:21.2f}")
    echo, same, echo_c, same_c, ours = rows
    print(f"this bot's CPU per update against bare PTB bots (goal: at most 1.5x):\n"
          f"  PTB defaults (one update at a time): {ours[2] / echo[2]:.2f}x the echo bot, "
          f"{ours[2] / same[2]:.2f}x the same-calls bot\n"
          f"  like for like ({CONCURRENT_UPDATES} updates at once): {ours[2] / echo_c[2]:.2f}x the echo bot, "
          f"{ours[2] / same_c[2]:.2f}x the same-calls bot")
    print(f"this bot's calls: {ours[3]}; trips to SQLite's thread per update: {trips / updates:.1f}")
    print(f"start-up to polling, full course loaded and validated: {startup * 1000:.0f} ms")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--serve":
        asyncio.run(_serve(int(sys.argv[2])))
    else:
        asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
