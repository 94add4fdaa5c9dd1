"""Pacing sends under Telegram's limits, with learners' replies ahead of the outbox.

Telegram allows about 30 messages a second across chats and about one a second to one chat, and
answers 429 beyond them. Sends here wait in two lanes, learners' replies and bulk sends (the
outbox, marked with `bulk()`), and one dispatcher hands out slots at 29.5 a second against
absolute deadlines (bot.ptb.slots): a free slot goes to a waiting reply if there is one, else to
the outbox, so replies take only the slots they need and the outbox all the rest. A send waits
until a second has passed since the answer to the 30th send before it, so however the requests
are delayed on the way, Telegram never counts a 31st in a second. Sends to one chat are a second
apart (from the answer to the last one), so the two or three messages at a drop's end arrive in
order without a per-chat 429. Edits, answers to button presses and getUpdates are not messages
and are not paced. A 429 that comes all the same holds every slot for its retry_after; a reply is
then sent again through the slots (the transport never retries a paced send on its own).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Coroutine, Iterator
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from telegram._utils.types import JSONDict
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.ptb.slots import Slots, Turn

SENDS_PER_SECOND = 29.5
REPLY_TRIES = 3  # a reply that meets a 429 is sent again after its retry_after, twice at most
LONGEST_WAIT = 10.0  # seconds: a longer flood wait is the caller's to handle
CHAT_GAP = 1.0  # seconds between two messages to one private chat
GROUP_GAP = 3.0  # about 20 a minute to a group
SENDS = frozenset({"sendmessage", "senddocument", "sendphoto", "sendmediagroup", "copymessage",
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
        self.clock = clock
        self.slots: Slots[asyncio.Future[None]] = Slots(rate, _gap)
        self._dispatcher: asyncio.Task[None] | None = None
        self._wake: asyncio.Future[None] | None = None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        if self._dispatcher is not None:
            self._dispatcher.cancel()
            self._dispatcher = None

    async def process_request(
        self, callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any, kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | JSONDict | list[JSONDict]:
        if endpoint.lower() not in SENDS:
            return await callback(*args, **kwargs)
        reply = not _bulk.get()
        for attempt in range(REPLY_TRIES):
            turn = await self._turn(_chat(data.get("chat_id")), reply=reply)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                # Telegram's flood control covers the whole bot: every send waits it out. A reply
                # is sent again through the slots; the outbox keeps its own pause and retry.
                wait = retry_seconds(exc)
                self.slots.hold(self.clock() + wait)
                if not reply or attempt == REPLY_TRIES - 1 or wait > LONGEST_WAIT:
                    raise
            finally:
                self.slots.answered(turn, self.clock())
                self._nudge(asyncio.get_running_loop())
        raise AssertionError("unreachable")  # pragma: no cover

    async def _turn(self, chat: int | None, *, reply: bool) -> Turn[asyncio.Future[None]]:
        """Queue for a slot and wait until the dispatcher hands it over."""
        loop = asyncio.get_running_loop()
        turn = Turn(chat, reply, self.clock(), loop.create_future())
        self.slots.add(turn)
        self._nudge(loop)
        try:
            await turn.token
        except asyncio.CancelledError:
            self.slots.withdraw(turn, self.clock())
            self._nudge(loop)
            raise
        return turn

    def _nudge(self, loop: asyncio.AbstractEventLoop) -> None:
        if not self.slots.waiting:
            return
        if self._dispatcher is None or self._dispatcher.done():
            self._dispatcher = loop.create_task(self._dispatch())
        elif self._wake is not None and not self._wake.done():
            self._wake.set_result(None)

    async def _dispatch(self) -> None:
        """Hand out slots while sends wait: the one task here that sleeps, to the next slot's
        deadline or a chat's next moment, and earlier when a new send comes."""
        loop = asyncio.get_running_loop()
        while self.slots.waiting:
            turn, at = self.slots.next_turn(self.clock())
            if turn is not None:
                if not turn.token.done():
                    turn.token.set_result(None)
                continue
            self._wake = loop.create_future()
            timer = None if at == float("inf") else loop.call_later(max(0.0, at - self.clock()), _resolve,
                                                                   self._wake)
            try:
                await self._wake
            finally:
                if timer is not None:
                    timer.cancel()
                self._wake = None


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def retry_seconds(exc: RetryAfter) -> float:
    """A 429's wait in seconds, whether PTB gives it as seconds or as a timedelta."""
    wait = exc.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


def _chat(value: object) -> int | None:
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None


def _gap(chat: int) -> float:
    return CHAT_GAP if chat > 0 else GROUP_GAP
