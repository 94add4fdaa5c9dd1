"""Scripted faults (errors, held requests) and the log of every call the bot made."""

from __future__ import annotations

import asyncio
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from bot.standin.errors import ApiError


@dataclass(frozen=True)
class Fault:
    """What to do instead of (or after) answering one call."""

    error: ApiError | None = None  # answer this error instead of running the method
    hang: bool = False  # hold the request until the client gives up
    after_delivery: bool = False  # run the method first, then hang: delivered, but unanswered


class Faults:
    """Faults queued per method, served in order, one per call."""

    def __init__(self) -> None:
        self.queued: dict[str, deque[Fault]] = {}
        self.closing = asyncio.Event()  # set at shutdown to release held requests

    def add(self, method: str, fault: Fault, count: int) -> None:
        self.queued.setdefault(method.lower(), deque()).extend([fault] * count)

    def take(self, method: str) -> Fault | None:
        """The next fault for this method, if one is queued."""
        queue = self.queued.get(method.lower())
        return queue.popleft() if queue else None

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
