"""Scripted faults (errors, held requests) and the log of every call the bot made."""

from __future__ import annotations

import asyncio
import random
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from standin.errors import ApiError


@dataclass(frozen=True)
class Fault:
    """What to do instead of (or after) answering one call."""

    error: ApiError | None = None  # answer this error instead of running the method
    hang: bool = False  # hold the request until the client gives up
    after_delivery: bool = False  # run the method first, then hang: delivered, but unanswered


@dataclass
class Chaos:
    """A bad day at Telegram: a share of calls fail at random, and sends meet bursts of 429s.

    Each failing call is, in turn at random: a 500, a 502, a request held until the client times
    out, or one held after it was carried out (delivered, but the client never hears so).
    """

    rate: float = 0.05
    seed: int = 1
    burst_every: float = 0.0  # seconds from the start of one 429 burst to the next (0: none)
    burst_for: float = 0.0  # how long each burst lasts
    retry_after: int = 1
    injected: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def in_burst(self, now: float) -> bool:
        return self.burst_every > 0 and now % self.burst_every < self.burst_for

    def pick(self) -> Fault | None:
        """The fault for the next call, or None to answer it properly."""
        if self._random.random() >= self.rate:
            return None
        kind = self._random.choice(("500", "502", "timeout", "timeout after delivery"))
        self.injected[kind] += 1
        if kind == "500":
            return Fault(ApiError(500, "Internal Server Error"))
        if kind == "502":
            return Fault(ApiError(502, "Bad Gateway"))
        return Fault(hang=True, after_delivery=kind == "timeout after delivery")


class Faults:
    """Faults queued per method, served in order, one per call."""

    def __init__(self) -> None:
        self.queued: dict[str, deque[Fault]] = {}
        self.closing = asyncio.Event()  # set at shutdown to release held requests
        self.chaos: Chaos | None = None

    def add(self, method: str, fault: Fault, count: int) -> None:
        self.queued.setdefault(method.lower(), deque()).extend([fault] * count)

    def take(self, method: str) -> Fault | None:
        """The next fault for this method: a queued one first, then perhaps a random one."""
        queue = self.queued.get(method.lower())
        if queue:
            return queue.popleft()
        return self.chaos.pick() if self.chaos is not None else None

    async def hold(self) -> None:
        """Wait until the client disconnects (the handler is cancelled) or the stand-in stops."""
        await self.closing.wait()


class Call(NamedTuple):
    """One request: the method, its decoded parameters and the stand-in's clock when it came."""

    method: str
    params: dict[str, Any]
    at: float


@dataclass
class Calls:
    """Every call the bot made, in order, with counters per method."""

    log: list[Call] = field(default_factory=list)
    counters: Counter[str] = field(default_factory=Counter)
    rate_limited: int = 0  # 429s from flood control (not scripted ones)

    def add(self, call: Call) -> None:
        self.log.append(call)
        self.counters[call.method] += 1

    def count(self, method: str) -> int:
        """How many times the bot called this method."""
        return self.counters[method]

    def of(self, method: str) -> list[dict[str, Any]]:
        """The parameters of every call to this method, oldest first."""
        return [call.params for call in self.log if call.method == method]

    def __iter__(self) -> Iterator[Call]:
        return iter(self.log)

    def __len__(self) -> int:
        return len(self.log)
