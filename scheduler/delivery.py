"""Send what the outbox holds, at a safe rate, and record every outcome."""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from scheduler.ports import Delivery, OutboxItemLike, OutboxStore, Outcome, Sender

LEASE = timedelta(minutes=2)
MAX_BACKOFF = timedelta(minutes=30)


def backoff(attempts: int, rng: random.Random | None = None) -> timedelta:
    """Capped exponential backoff with full jitter: 2s, 4s, 8s ... up to 30 minutes."""
    ceiling = min(MAX_BACKOFF.total_seconds(), 2.0 ** max(1, attempts))
    return timedelta(seconds=(rng or random).uniform(ceiling / 2, ceiling))


def retry_at(item: OutboxItemLike, delivery: Delivery, now: datetime) -> datetime | None:
    """When a row that was not delivered should be tried again; None when it never should."""
    if delivery.outcome in (Outcome.PAUSE, Outcome.LATER):
        return now + timedelta(seconds=max(1.0, delivery.retry_after))
    if delivery.outcome is Outcome.RETRY:
        return now + backoff(item.attempts)
    return None


@dataclass
class FlushReport:
    counts: dict[str, int] = field(default_factory=dict)
    paused_for: float = 0.0

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.value] = self.counts.get(outcome.value, 0) + 1


async def flush(store: OutboxStore, sender: Sender, now: datetime, *, limit: int = 200,
                concurrency: int = 8) -> FlushReport:
    """Claim due rows and send them; a 429 stops this round and holds the rest back."""
    report = FlushReport()
    items = await store.claim_outbox(now, limit, LEASE)
    gate = asyncio.Semaphore(concurrency)
    paused = asyncio.Event()

    async def one(item: OutboxItemLike) -> None:
        async with gate:
            if paused.is_set():
                delivery = Delivery(Outcome.PAUSE, error="held back by flood control",
                                    retry_after=report.paused_for)
            else:
                delivery = await sender.deliver(item)
            if delivery.outcome is Outcome.PAUSE:
                report.paused_for = max(report.paused_for, delivery.retry_after)
                paused.set()
            report.add(delivery.outcome)
            await store.record(item, delivery, now, retry_at(item, delivery, now))

    await asyncio.gather(*(one(item) for item in items))
    return report
