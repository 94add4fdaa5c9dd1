"""Fuzzing the real Application with generated updates: nothing crashes it, nobody else's data moves.

Updates of every kind the bot may meet (any text and unicode, maximum lengths, odd entities,
forged or unknown callback data, edited messages, groups and channels) go through the stand-in
into the running bot. After each, the bot must have handled it without an error, and a second
learner's rows must be exactly as they were.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Coroutine, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from standin import StandIn
from tests.conftest import FakeClock, tiny_course
from tests.journey import TOKEN, Journey

T = TypeVar("T")
FUZZER, VICTIM = 9001, 9002
VICTIM_TABLES = ("learners", "reflections", "quiz_answers", "confidence", "drop_progress", "step_progress")
EXAMPLES = int(os.environ.get("KTP_FUZZ_EXAMPLES", "300"))


class Background:
    """The bot running on its own event loop in a thread, so hypothesis can drive it synchronously."""

    def __init__(self, folder: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.folder, self.errors = folder, list[str]()
        self.next_id = 1_000_000
        self.examples = 0

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    async def start(self) -> None:
        self.standin = StandIn(token=TOKEN)
        await self.standin.start()
        clock = FakeClock(datetime(2026, 11, 23, 10, 30, tzinfo=UTC))
        self.journey = Journey(self.standin, self.folder / "fuzz.sqlite3", clock, tiny_course())
        app = await self.journey.start()

        async def collect(update: object, context: Any) -> None:
            self.errors.append(f"{type(context.error).__name__}: {context.error}")

        app.add_error_handler(collect)
        await self.journey.enrol(FUZZER, first_name="Fuzz")
        await self.journey.enrol(VICTIM, first_name="Victim")
        async with self.journey.services.store.transaction() as tx:
            await tx.learners.update(FUZZER, current_step="t1-d2-r1")
            await tx.learners.update(VICTIM, current_step="t1-d1-q1")
            await tx.progress.save_reflection(VICTIM, "t1-d2-r1", "reflect", "Victim's own words",
                                              clock.now())
            await tx.progress.add_answer(VICTIM, "t1-d1-q1", 0, True, clock.now())
        await self.journey.drip()

    async def stop(self) -> None:
        await self.journey.stop()
        await self.standin.stop()

    async def snapshot(self) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        async with aiosqlite.connect(self.journey.db) as conn:
            for table in VICTIM_TABLES:
                async with conn.execute(f"SELECT * FROM {table} WHERE user_id = ?", (VICTIM,)) as cur:
                    rows += [(table, *r) for r in await cur.fetchall()]
        return rows

    async def feed(self, body: dict[str, Any]) -> None:
        """Inject one update and wait until the bot has marked it handled."""
        self.next_id += 1
        update_id = self.next_id
        await self.standin.inject({"update_id": update_id, **body})
        for _ in range(400):
            async with self.journey.services.store.read() as tx, tx.conn.execute(
                    "SELECT handled_at FROM inbox WHERE update_id = ?", (update_id,)) as cur:
                row = await cur.fetchone()
            if row and row[0]:
                return
            await asyncio.sleep(0.01)
        raise AssertionError(f"update {update_id} was never handled: {body}")


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Background]:
    background = Background(tmp_path_factory.mktemp("fuzz"))
    background.run(background.start())
    yield background
    background.run(background.stop())
    background.loop.call_soon_threadsafe(background.loop.stop)
    background.thread.join(5)
    background.loop.close()
    print(f"\nfuzz: {background.examples} generated updates through the real Application")


CHATS = st.sampled_from([
    {"id": FUZZER, "type": "private", "first_name": "Fuzz"},
    {"id": -100123, "type": "supergroup", "title": "Staff room"},
    {"id": -42, "type": "group", "title": "Team"},
])
STEP_IDS = st.sampled_from(["t1-d1-c1", "t1-d1-q1", "t1-d2-r1", "t1-d3-fb", "t2-d1-q1", "nope"])
FORGED = st.one_of(
    st.text(max_size=80),
    st.builds(lambda a, s, n: f"{a}:{s}:{n}", st.sampled_from(["q", "r", "c", "n", "k", "sz", "snz"]),
              STEP_IDS, st.integers(-2, 9)),
    st.builds(lambda a, n: f"{a}:{n}", st.sampled_from(["jx", "je", "jd", "sgd", "sgk", "jp", "ap", "fgt",
                                                         "ok", "role", "slot", "day", "first"]),
              st.one_of(st.integers(0, 5).map(str), st.sampled_from(["yes", "renew", "dundee26", "d9"]))),
)
TEXT = st.one_of(
    st.text(min_size=1, max_size=4096),
    st.builds(lambda c, t: f"/{c} {t}", st.sampled_from(
        ["start", "next", "progress", "journal", "pause", "resume", "mydata", "certificate", "help"]),
        st.text(max_size=40)),
    st.just("x" * 4096),
)
ENTITIES = st.lists(st.fixed_dictionaries({
    "type": st.sampled_from(["bold", "bot_command", "url", "mention", "italic"]),
    "offset": st.integers(0, 5000), "length": st.integers(1, 5000)}), max_size=3)


def _message(chat: dict[str, Any], text: str, entities: list[dict[str, Any]]) -> dict[str, Any]:
    sender = {"id": FUZZER, "is_bot": False, "first_name": "Fuzz"}
    body = {"message_id": 5, "date": 1_800_000_000, "chat": chat, "from": sender, "text": text}
    return {**body, "entities": entities} if entities else body


UPDATES = st.one_of(
    st.builds(lambda c, t, e: {"message": _message(c, t, e)}, CHATS, TEXT, ENTITIES),
    st.builds(lambda c, t, e: {"edited_message": {**_message(c, t, e), "edit_date": 1_800_000_100}},
              CHATS, TEXT, ENTITIES),
    st.builds(lambda t: {"channel_post": {"message_id": 9, "date": 1_800_000_000, "text": t,
                                           "chat": {"id": -1009, "type": "channel", "title": "News"}}}, TEXT),
    st.builds(lambda d: {"callback_query": {
        "id": "cq", "chat_instance": "ci", "data": d,
        "from": {"id": FUZZER, "is_bot": False, "first_name": "Fuzz"},
        "message": {"message_id": 1, "date": 1_800_000_000,
                    "chat": {"id": FUZZER, "type": "private", "first_name": "Fuzz"}, "text": "x"}}}, FORGED),
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(update=UPDATES)
def test_no_update_crashes_the_bot_or_touches_another_learner(
        bot: Background, update: dict[str, Any]) -> None:
    before = bot.run(bot.snapshot())
    bot.run(bot.feed(update))
    bot.examples += 1
    assert bot.errors == []
    assert bot.run(bot.snapshot()) == before
