"""ktp-bot try: the real bot, a local stand-in for Telegram, and a chat in the terminal."""

from __future__ import annotations

import asyncio
import re
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from bot.clock import MovableClock
from bot.config import Settings
from bot.ptb.app import build_application
from bot.ptb.jobs import DripRunner
from bot.ptb.lifecycle import running
from bot.ptb.telegram_io import App
from bot.services import Services
from bot.tryout.timewarp import target
from bot.usecases.terms import PRIVACY_VERSION
from bot.views.timing import when
from lessons.markup import plain
from lessons.models import ConfidenceStep, QuizStep, ReflectStep
from standin import ChatUser, Sent, StandIn
from storage.store import Tx

TOKEN = "123456789:AAHtryitlocallytryitlocallytryit1"
USER_ID, COORDINATOR_ID = 700001, 700002
INVITE = "tryout"

INTRO = """\
#KeepThePromise learning bot: a try-out in your terminal (no Telegram, nothing leaves this machine).
Type a number to press a button, anything else to reply. :wait 2h or :wait tomorrow 10:30 moves
time on so the next drop arrives; :help lists commands; :quit ends.
"""
HELP = """\
  1, 2, 3...           press that button on the newest message with buttons
  any text             send it to the bot (/next, /progress, /journal, /help...)
  :wait 2h | 45m | 3d  move time on, then let the drip run
  :wait tomorrow 10:30 | :wait friday 12:30
  :now                 show the pretend time
  :quit                end the try-out
"""


def terminal_text(html: str, colour: bool) -> str:
    """Telegram HTML shown sensibly in a terminal: bold and italics as ANSI, quotes indented."""
    text = re.sub(r"<blockquote>(.*?)</blockquote>",
                  lambda m: "\n".join("  │ " + line for line in m.group(1).splitlines()), html, flags=re.S)
    if colour:
        text = re.sub(r"<b>(.*?)</b>", "\x1b[1m\\1\x1b[0m", text, flags=re.S)
        text = re.sub(r"<i>(.*?)</i>", "\x1b[3m\\1\x1b[0m", text, flags=re.S)
    return plain(text)


class TerminalChat:
    """Shows what the bot sends and turns what is typed into messages and button presses."""

    def __init__(self, chat: ChatUser, out: TextIO, colour: bool) -> None:
        self.chat, self.out, self.colour = chat, out, colour
        self.shown = 0
        self.seen: dict[int, str] = {}
        self.choices: list[tuple[Sent, str]] = []

    def show_new(self) -> None:
        events = self.chat.standin.state.events
        while self.shown < len(events):
            event = events[self.shown]
            self.shown += 1
            if event.chat_id == self.chat.chat.id:
                self._show(event)
        self.out.flush()

    def _show(self, sent: Sent) -> None:
        before = self.seen.get(sent.message_id)
        self.seen[sent.message_id] = sent.text
        if before is None or before != sent.text:
            label = "🤖" if before is None else "🤖 (changed)"
            self.out.write(f"\n{label}\n{terminal_text(sent.text, self.colour)}\n")
        if sent.document:
            self.out.write(f"📎 file: {sent.document[0]} ({len(sent.document[1])} bytes)\n")
        if sent.photo is not None:
            self.out.write(f"🖼  picture ({len(sent.photo)} bytes)\n")
        if sent.buttons:
            self.choices = [(sent, label) for row in sent.buttons for label, _ in row]
            for number, (_, label) in enumerate(self.choices, start=1):
                self.out.write(f"   [{number}] {label}\n")

    async def handle(self, line: str) -> bool:
        """One typed line; False when the person wants to stop."""
        if line.isdigit():
            index = int(line) - 1
            if not 0 <= index < len(self.choices):
                self.out.write("(no button with that number)\n")
                return True
            sent, label = self.choices[index]
            await self.chat.press(label, message=sent)
        elif line:
            await self.chat.send(line)
        return True


async def _settle(view: TerminalChat, quiet: float = 0.4, limit: float = 8.0) -> None:
    """Wait until the bot has been quiet for a moment (it has answered), then show what it sent."""
    events = view.chat.standin.state.events
    loop = asyncio.get_running_loop()
    start = changed = loop.time()
    count = len(events)
    while loop.time() - start < limit:
        await asyncio.sleep(0.05)
        if len(events) != count:
            count, changed = len(events), loop.time()
        elif loop.time() - changed >= quiet and count > view.shown - 1:
            break
    view.show_new()


async def _command(line: str, view: TerminalChat, services: Services, runner: DripRunner,
                   clock: MovableClock, out: TextIO) -> bool:
    word, _, rest = line[1:].partition(" ")
    if word in {"quit", "q", "exit"}:
        return False
    if word == "help":
        out.write(HELP)
    elif word == "now":
        out.write(f"(it is {clock.now().astimezone(services.settings.zone):%A %d %B, %H:%M})\n")
    elif word == "wait":
        try:
            moment = target(rest or "1h", clock.now(), services.settings.zone)
        except ValueError as exc:
            out.write(f"({exc})\n")
            return True
        clock.skip(moment - clock.now())
        out.write(f"(time moves on to {moment.astimezone(services.settings.zone):%A %d %B, %H:%M})\n")
        await runner.run(clock.now())
        await _settle(view)  # what the drip sent appears before the line about the next one
        learner = await services.store.learner(USER_ID)
        if learner and learner.next_due_at:
            out.write(f"(next drop due {when(learner.next_due_at, learner.tz, clock.now())})\n")
    else:
        out.write("(unknown command: :help lists them)\n")
    return True


EXAMPLES_FROM, EXAMPLES = 710001, 12


async def _example_learners(tx: Tx, services: Services, cohort_id: int, now: datetime) -> None:
    """Made-up learners at different points of the course, so a coordinator trying the bot sees
    real-looking /stats, a chart and a broadcast that reaches someone. Clearly examples."""
    drops = [d for m in services.course.course.modules for d in m.drops]
    for n in range(EXAMPLES):
        uid, done = EXAMPLES_FROM + n, (n * 5) % (len(drops) + 1)
        await tx.learners.create(uid, uid, f"Example {n + 1}", cohort_id, now - timedelta(days=40))
        await tx.learners.update(uid, consent_version=PRIVACY_VERSION, role="psa", status="active",
                                 slots=("lunch",), last_active_at=now - timedelta(days=n))
        for index, drop in enumerate(drops[:done]):
            at = now - timedelta(days=done - index)
            await tx.progress.drop_completed(uid, drop.id, at)
            for step in drop.steps:
                if isinstance(step, QuizStep):
                    wrong = (n + index) % 3 == 0
                    await tx.progress.add_answer(uid, step.id, (step.answer + 1) % len(step.options)
                                                 if wrong else step.answer, not wrong, at)
                elif isinstance(step, ConfidenceStep):
                    rating = 2 + n % 2 if step.phase == "before" else 4
                    await tx.progress.rate(uid, step.id, step.statement, step.phase, rating, at)
                elif isinstance(step, ReflectStep):
                    await tx.progress.save_reflection(uid, step.id, "reflect", "(an example reflection)", at)


async def _session(db: Path, as_coordinator: bool, inp: TextIO, out: TextIO) -> None:
    clock = MovableClock()
    async with StandIn(token=TOKEN, bot_username="keepthepromise_try_bot") as standin:
        admins = frozenset({USER_ID}) if as_coordinator else frozenset()
        settings = Settings(bot_token=TOKEN, database=db, api_base_url=standin.base_url,
                            bot_username="keepthepromise_try_bot", admin_ids=admins)
        app: App = build_application(settings, clock=clock, rate_limit=False, drip_job=False)
        async with running(app, polling=True):
            services, runner = app.bot_data["services"], app.bot_data["drip"]
            async with services.store.transaction() as tx:
                if await tx.cohorts.by_code(INVITE) is None:
                    cohort = await tx.cohorts.create("Try-out cohort", clock.now(), code=INVITE)
                    if as_coordinator:
                        await _example_learners(tx, services, cohort.id, clock.now())
            for uid in range(EXAMPLES_FROM, EXAMPLES_FROM + EXAMPLES):
                standin.user(uid, f"Example {uid - EXAMPLES_FROM + 1}").chat.known = True
            view = TerminalChat(standin.user(USER_ID, "Alex"), out, out.isatty())
            out.write(INTRO)
            learner = await services.store.learner(USER_ID)
            await view.chat.send("/start" if learner else f"/start {INVITE}")
            await _loop(view, services, runner, clock, inp, out)


async def _loop(view: TerminalChat, services: Services, runner: DripRunner, clock: MovableClock,
                inp: TextIO, out: TextIO) -> None:
    loop = asyncio.get_running_loop()
    while True:
        await _settle(view)
        out.write("\nyou › ")
        out.flush()
        line = await loop.run_in_executor(None, inp.readline)
        if not line:
            return
        line = line.strip()
        keep_going = (await _command(line, view, services, runner, clock, out) if line.startswith(":")
                      else await view.handle(line))
        if not keep_going:
            out.write("Goodbye. Thank you for trying the course.\n")
            return


def run(db: Path | None, as_coordinator: bool) -> int:
    """Run the try-out; a throwaway database unless one is given."""
    if db is not None:
        asyncio.run(_session(db, as_coordinator, sys.stdin, sys.stdout))
        return 0
    with tempfile.TemporaryDirectory(prefix="ktp-try-") as folder:
        asyncio.run(_session(Path(folder) / "try.sqlite3", as_coordinator, sys.stdin, sys.stdout))
    return 0
