"""The periodic drip: plan due learners, then send the outbox, pausing on flood control."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from bot.ptb.pacing import SENDS_PER_SECOND
from bot.services import Services
from bot.usecases.terms import PRIVACY_VERSION
from scheduler.delivery import FlushReport, flush
from scheduler.drip import Policy, TickReport, tick
from scheduler.ports import Sender
from storage.db import iso

log = logging.getLogger(__name__)

BATCH = 200  # learners planned per transaction: keeps each write lock under 100 ms
FLUSH_LIMIT = 200  # outbox rows claimed per round of sending
SEND_RATE = SENDS_PER_SECOND
TICK_MARGIN = 0.25  # seconds of each tick left unsent (a tenth of a short one), so ticks never overlap


async def _nothing() -> None:
    return None


async def _nothing_at(now: datetime) -> None:
    return None


@dataclass
class DripRunner:
    """One tick of the drip; a 429 holds every send back until Telegram's retry_after passes."""

    services: Services
    sender: Sender
    on_sent: Callable[[], Awaitable[None]] = _nothing
    before_send: Callable[[datetime], Awaitable[object]] = _nothing_at
    last_run: datetime | None = None

    @property
    def policy(self) -> Policy:
        return Policy(PRIVACY_VERSION, self.services.settings.nudges_per_week)

    async def run(self, now: datetime, budget: float | None = None) -> tuple[TickReport, FlushReport]:
        """Plan what can be sent before the next tick, then send until the outbox is drained or the
        tick's time is up (by default, all of it but a moment: the next tick carries on)."""
        s = self.services
        tick_time = s.settings.tick_seconds
        ends = time.monotonic() + (tick_time - min(TICK_MARGIN, tick_time / 10) if budget is None else budget)
        report = TickReport()
        room = await self._room(now)
        while room > 0:
            size = min(BATCH, room)
            batch = await tick(s.store, s.course, s.timing, now, batch=size, policy=self.policy)
            _merge(report, batch)
            room -= batch.claimed
            if batch.claimed < size:
                break
        await self.before_send(now)
        sent = await self._send(ends)
        self.last_run = now
        async with s.store.transaction() as tx:
            await tx.meta.put("last_tick", iso(now))
        if report.claimed or sent.counts:
            log.info("drip claimed=%d drops=%d nudges=%d sent=%s", report.claimed, report.drops,
                     report.nudges, sent.counts)
        return report, sent


    async def _send(self, ends: float) -> FlushReport:
        """Rounds of sending until the outbox has nothing due or `ends` (monotonic) comes. A 429
        holds every send for its retry_after, then sending resumes in the same tick."""
        s, sent = self.services, FlushReport()
        while (left := ends - time.monotonic()) > 0:
            # The last round is sized to the time left, so the tick ends when the next one starts;
            # but to a second's sending at least, or a bot ticking often would send little a tick.
            limit = max(int(SEND_RATE), min(FLUSH_LIMIT, int(left * SEND_RATE)))
            round_ = await flush(s.store, self.sender, s.clock.now(), limit=limit)
            for outcome, count in round_.counts.items():
                sent.counts[outcome] = sent.counts.get(outcome, 0) + count
            if round_.counts:
                # After each round (at most 200 rows, about 7 s at Telegram's pace), so a broadcast's
                # progress message moves while it sends, not once a tick.
                await self.on_sent()
            if round_.paused_for:
                sent.paused_for = max(sent.paused_for, round_.paused_for)
                await asyncio.sleep(min(round_.paused_for, max(0.0, ends - time.monotonic())))
                continue
            if sum(round_.counts.values()) < limit:
                break
        return sent

    async def _room(self, now: datetime) -> int:
        """Learners this tick plans: what can be sent before the next tick, less what the outbox
        already has to send. The rest stay due, first in line next tick, so a tick's work does
        not grow with the number of learners."""
        s = self.services
        capacity = int(SEND_RATE * s.settings.tick_seconds)
        async with s.store.read() as tx:
            waiting = await tx.outbox.due(now)
        return max(0, capacity - waiting)


def _merge(total: TickReport, batch: TickReport) -> None:
    total.claimed += batch.claimed
    total.drops += batch.drops
    total.nudges += batch.nudges
    total.finished += batch.finished
    total.keys += batch.keys
