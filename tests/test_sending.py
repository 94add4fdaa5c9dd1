"""Sending as deployed: a 429 costs only its retry_after, and learners' replies go ahead of bulk sends."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.ptb.jobs import DripRunner
from bot.ptb.pacing import Pacer, bulk
from standin import StandIn
from tests.conftest import FakeClock, tiny_course
from tests.journey import TOKEN, Journey


class MovingClock(FakeClock):
    """School time that also moves with real time, as the deployed bot's clock does."""

    def __init__(self, start: datetime) -> None:
        super().__init__(start)
        self._zero = time.monotonic()

    def now(self) -> datetime:
        return self.moment + timedelta(seconds=time.monotonic() - self._zero)


@pytest.fixture
async def journey(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Journey]:
    async with StandIn(token=TOKEN) as standin:
        trip = Journey(standin, tmp_path / "bot.sqlite3", MovingClock(clock.now()), tiny_course())
        await trip.start()
        try:
            yield trip
        finally:
            await trip.stop()


async def test_after_a_429_sending_resumes_within_the_same_tick(journey: Journey) -> None:
    for uid in (21, 22, 23):
        await journey.enrol(uid)
    journey.standin.fail_next("sendMessage", error_code=429, description="Too Many Requests: retry after 1",
                              retry_after=1, count=1)
    _, report = await journey.drip()
    assert report.paused_for == 1
    assert report.counts.get("sent") == 3  # all three learners have their drop from this one tick
    for uid in (21, 22, 23):
        assert len(journey.standin.user(uid).messages) == 1


async def test_a_reply_to_a_learner_goes_ahead_of_bulk_sends_already_waiting() -> None:
    pacer, order = Pacer(rate=50), []

    def recorder(name: str) -> Any:
        async def call() -> bool:
            order.append(name)
            return True
        return call

    async def outbox_send(n: int) -> None:
        with bulk():
            chat = {"chat_id": 100 + n}
            await pacer.process_request(recorder(f"bulk {n}"), (), {}, "sendMessage", chat, None)

    waiting = [asyncio.create_task(outbox_send(n)) for n in range(10)]
    await asyncio.sleep(0.05)  # the outbox's sends are queued at the pacer, a few have gone
    gone = len(order)
    await pacer.process_request(recorder("reply"), (), {}, "sendMessage", {"chat_id": 7}, None)
    await asyncio.gather(*waiting)
    assert gone < 10
    assert order.index("reply") <= gone + 1  # at most the one send already leaving went first


async def test_a_bot_ticking_several_times_a_second_still_sends_each_tick(journey: Journey) -> None:
    await journey.enrol(31)
    assert journey.app is not None
    runner = journey.app.bot_data["drip"]
    quick = DripRunner(dataclasses.replace(runner.services, settings=journey.settings(tick_seconds=0.2)),
                       runner.sender)
    _, report = await quick.run(journey.clock.now())
    assert report.counts == {"sent": 1}
    assert len(journey.standin.user(31).messages) == 1


async def test_a_reply_that_meets_a_429_is_sent_again_through_the_pacer_which_holds_every_send() -> None:
    """Telegram's flood wait covers the whole bot: the reply goes again after it, and an outbox send
    queued meanwhile waits it out too (before, the transport retried the reply on its own)."""
    pacer, calls = Pacer(rate=50), []

    async def reply_call() -> bool:
        calls.append(("reply", time.monotonic()))
        if len(calls) == 1:
            raise RetryAfter(1)
        return True

    async def bulk_call() -> bool:
        calls.append(("bulk", time.monotonic()))
        return True

    async def outbox_send() -> None:
        with bulk():
            await pacer.process_request(bulk_call, (), {}, "sendMessage", {"chat_id": 8}, None)

    sending = pacer.process_request(reply_call, (), {}, "sendMessage", {"chat_id": 7}, None)
    reply = asyncio.create_task(sending)
    await asyncio.sleep(0.05)
    await outbox_send()
    assert await reply is True
    assert [name for name, _ in calls] == ["reply", "reply", "bulk"]  # the reply first, once the wait is over
    refused_at = calls[0][1]
    assert all(at - refused_at >= 0.95 for _, at in calls[1:])  # nothing went during the flood wait
