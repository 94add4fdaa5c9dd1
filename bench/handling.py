"""Handling cost: updates a second the bot handles for realistic traffic (reflections and button
presses from 1,000 learners) against the stand-in Bot API, as a ratio to a bare PTB echo bot
measured in the same run on the same stand-in. Also start-up time with the full course.

Run: .venv/bin/python -m bench.handling [UPDATES]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.app import build_application
from bot.config import Settings
from bot.lifecycle import running
from bot.services import Services
from bot.standin import StandIn
from bot.views.joining import PRIVACY_VERSION
from lessons.loader import load_course

TOKEN = "123456789:AAHbenchbenchbenchbenchbenchbench12"
LEARNERS = 1000


def _answers(standin: StandIn) -> int:
    return sum(standin.calls.count(m) for m in ("sendMessage", "editMessageText", "editMessageReplyMarkup"))


async def _wait_for_sends(standin: StandIn, count: int) -> None:
    while _answers(standin) < count:  # noqa: ASYNC110 (counting calls the stand-in records)
        await asyncio.sleep(0.005)


async def echo_rate(updates: int) -> float:
    async with StandIn(token=TOKEN) as standin:
        async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            assert update.effective_message is not None
            await update.effective_message.reply_text(update.effective_message.text or "")

        app = ApplicationBuilder().token(TOKEN).base_url(standin.base_url).build()
        app.add_handler(MessageHandler(filters.TEXT, echo))
        chats = [standin.user(uid) for uid in range(1, LEARNERS + 1)]
        async with running(app, polling=True):
            started = time.perf_counter()
            for i in range(updates):
                await chats[i % LEARNERS].send(f"Reflection number {i}")
            await _wait_for_sends(standin, updates)
            return updates / (time.perf_counter() - started)


async def bot_rate(updates: int, folder: Path) -> float:
    async with StandIn(token=TOKEN) as standin:
        settings = Settings(bot_token=TOKEN, database=folder / "h.sqlite3", api_base_url=standin.base_url)
        app = build_application(settings, rate_limit=False, drip_job=False)
        async with running(app, polling=True):
            services: Services = app.bot_data["services"]
            now = datetime.now(UTC)
            async with services.store.transaction() as tx:
                cohort = await tx.cohorts.create("Bench", now)
                for uid in range(1, LEARNERS + 1):
                    await tx.learners.create(uid, uid, "L", cohort.id, now)
                    await tx.learners.update(uid, consent_version=PRIVACY_VERSION, status="active",
                                             slots=("morning",), current_step="m1-d1-c1")
            chats = [standin.user(uid) for uid in range(1, LEARNERS + 1)]
            for chat in chats:
                chat.chat.known = True
            sends_before = _answers(standin)
            started = time.perf_counter()
            # Realistic mix: each learner presses Next on their open card (an edit and a new card),
            # then replies with free text (a reply), so every update costs the bot some work.
            presses = [chat for chat in chats][: updates // 2]
            for chat in presses:
                await chat.press_data(_card(chat.chat.id), "n:m1-d1-c1")
            for i in range(updates - len(presses)):
                await chats[i % LEARNERS].send(f"A thought about my practice, number {i}")
            expected = sends_before + 2 * len(presses) + (updates - len(presses))
            await _wait_for_sends(standin, expected)
            return updates / (time.perf_counter() - started)


def _card(chat_id: int):  # type: ignore[no-untyped-def]
    from bot.standin.state import Sent

    return Sent(1, chat_id, "card")


def startup() -> float:
    started = time.perf_counter()
    load_course()
    return time.perf_counter() - started


async def main(updates: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        echo = await echo_rate(updates)
        ours = await bot_rate(updates, Path(folder))
    print(f"bare PTB echo bot: {echo:.0f} updates/s; this bot: {ours:.0f} updates/s")
    print(f"cost per update: {echo / ours:.2f}x the bare bot's (goal: at most 1.5x)")
    print(f"loading and validating the full course: {startup() * 1000:.0f} ms")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
