"""Pacing sends under Telegram's limits, with learners' replies ahead of the outbox.

Telegram allows about 30 messages a second across chats and about one a second to one chat, and
answers 429 beyond them. Sends here leave one at a time, evenly spaced at 29 a second: a sliding
second then holds at most 30, and a send arriving up to 34 ms early (timer or network jitter)
still does not make a 31st. A reply to a learner takes the next free moment; a bulk send (the
outbox, marked with `bulk()`) goes only when the moment is free now and no reply is waiting, so
the outbox gets what replies leave. Sends to one chat are a second apart, so the two or three
messages at a drop's end arrive in order without a per-chat 429. Edits, answers to button presses
and getUpdates are not messages and are not paced.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Coroutine, Iterator
from contextvars import ContextVar
from typing import Any

from telegram._utils.types import JSONDict
from telegram.ext import BaseRateLimiter

SENDS_PER_SECOND = 29.0
CHAT_GAP = 1.0  # seconds between two messages to one private chat
GROUP_GAP = 3.0  # about 20 a minute to a group
_SENDS = frozenset({"sendmessage", "senddocument", "sendphoto", "sendmediagroup", "copymessage",
                    "forwardmessage", "sendvideo", "sendaudio", "sendvoice", "sendsticker",
                    "sendlocation", "sendcontact", "sendpoll", "senddice", "sendanimation"})

_bulk: ContextVar[bool] = ContextVar("bulk_send", default=False)


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """Sends made inside wait for learners' replies to go first."""
    token = _bulk.set(True)
    try:
        yield
    finally:
        _bulk.reset(token)


class Pacer(BaseRateLimiter[None]):
    """PTB's rate limiter for this bot: even pacing, a reply lane ahead of bulk, per-chat gaps."""

    def __init__(self, rate: float = SENDS_PER_SECOND, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval, self.clock = 1.0 / rate, clock
        self._next = 0.0  # the first moment the next send may leave
        self._chats: dict[int, float] = {}  # the first moment the next send to a chat may leave
        self.waited_most = 0.0  # the longest a reply waited here, in seconds (for the benches)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(
        self, callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any, kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | JSONDict | list[JSONDict]:
        if endpoint.lower() in _SENDS:
            chat = _chat(data.get("chat_id"))
            if _bulk.get():
                await self._bulk_turn(chat)
            else:
                await self._reply_turn(chat)
        return await callback(*args, **kwargs)

    async def _reply_turn(self, chat: int | None) -> None:
        """Reserve the chat's next moment, then the next free moment overall, and wait for it."""
        started = self.clock()
        if chat is not None:
            free = max(started, self._chats.get(chat, 0.0))
            self._chats[chat] = free + _gap(chat)
            await _sleep_until(free, self.clock)
        slot = max(self.clock(), self._next)
        self._next = slot + self.interval
        await _sleep_until(slot, self.clock)
        self.waited_most = max(self.waited_most, self.clock() - started)

    async def _bulk_turn(self, chat: int | None) -> None:
        """Wait until a moment is free now (no reply holds it) and the chat is free, then take it."""
        while True:
            now = self.clock()
            ready = max(self._next, self._chats.get(chat, 0.0) if chat is not None else 0.0)
            if ready <= now:
                self._next = now + self.interval
                if chat is not None:
                    self._chats[chat] = now + _gap(chat)
                    self._forget_quiet_chats(now)
                return
            await asyncio.sleep(ready - now)

    def _forget_quiet_chats(self, now: float) -> None:
        if len(self._chats) > 50_000:
            self._chats = {c: t for c, t in self._chats.items() if t > now}


def _chat(value: object) -> int | None:
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None


def _gap(chat: int) -> float:
    return CHAT_GAP if chat > 0 else GROUP_GAP


async def _sleep_until(moment: float, clock: Callable[[], float]) -> None:
    wait = moment - clock()
    if wait > 0:
        await asyncio.sleep(wait)
