"""Who sends next, and when: the pacer's bookkeeping, with time as an argument (no sleeping here).

Slots are due against absolute deadlines, evenly spaced at `rate` a second, so a late wake-up (a
busy loop, the timer's millisecond) is made up by the next slot instead of pushing every later
one back; at most `catch_up` missed slots are made up. Telegram counts a send at some moment
between the request leaving and its answer coming back, so a send starts only once the answer to
the `limit`-th send before it (and to every one before that) came back a `span` ago: however late
a request reaches Telegram, no second there ever holds more than `limit` (an answer is waited for
`patience` at most: a request hung that long is a fault, and holding every send for it is worse).
A free slot goes to the first waiting reply whose chat may be written to, else to the first
waiting bulk send whose chat may be; a chat may be written to again `gap(chat)` after the answer
to the last send to it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(eq=False)
class Turn(Generic[T]):
    """One send waiting for its slot; `token` is the caller's (the pacer's future)."""

    chat: int | None
    reply: bool
    since: float
    token: T
    started: float | None = None  # when it was given its slot
    ended: float | None = None  # when its answer came back


@dataclass
class Slots(Generic[T]):
    """The slot schedule and the two lanes of waiting sends, replies ahead of bulk."""

    rate: float
    gap: Callable[[int], float]
    limit: int = 30
    span: float = 1.0
    catch_up: int = 3
    patience: float = 1.0  # an answer longer coming than this (a hung request) is waited for no more
    replies: deque[Turn[T]] = field(default_factory=deque)
    bulk: deque[Turn[T]] = field(default_factory=deque)
    sent: deque[Turn[T]] = field(default_factory=deque)  # the last `limit` sends
    settled: float = float("-inf")  # the latest answer to any send before those
    chats: dict[int, float] = field(default_factory=dict)  # the first moment a chat may be sent to
    due: float = float("-inf")  # the next slot's deadline

    @property
    def interval(self) -> float:
        return 1.0 / self.rate

    @property
    def waiting(self) -> int:
        return len(self.replies) + len(self.bulk)

    def add(self, turn: Turn[T]) -> None:
        (self.replies if turn.reply else self.bulk).append(turn)

    def withdraw(self, turn: Turn[T], now: float) -> None:
        """A send whose caller gave up gives its place away; one given a slot already counts as
        answered now, so the sends after it never wait for an answer that will not come."""
        lane = self.replies if turn.reply else self.bulk
        if turn in lane:
            lane.remove(turn)
        elif turn.ended is None:
            self.answered(turn, now)

    def open_at(self, now: float) -> float:
        """The first moment a slot is open: its deadline, and a `span` after the answers to the
        `limit`-th send back and all before (while one is awaited, when to look again)."""
        moment = max(self.due, now - self.catch_up * self.interval)
        if len(self.sent) >= self.limit:
            oldest = self.sent[0]
            ended = oldest.ended
            if ended is None:
                # Awaited, but never past its patience, so one hung request holds no one long.
                ended = _or(oldest.started, now) + self.patience
                if ended > now:
                    return ended
            moment = max(moment, max(ended, self.settled) + self.span)
        return moment

    def hold(self, until: float) -> None:
        """Telegram asked for a pause (a 429's retry_after): no slot opens before then, for anyone."""
        self.due = max(self.due, until)

    def answered(self, turn: Turn[T], now: float) -> None:
        """A send's answer came back (or it failed): the moment its window and its chat count from."""
        turn.ended = now
        if turn.chat is not None:
            self.chats[turn.chat] = max(self.chats.get(turn.chat, 0.0), now + self.gap(turn.chat))

    def next_turn(self, now: float) -> tuple[Turn[T] | None, float]:
        """The send that takes a slot now (recorded as sent), or None and when to look again
        (infinity when nothing is waiting)."""
        opens = self.open_at(now)
        if opens > now:
            return None, opens
        for lane in (self.replies, self.bulk):
            for turn in lane:
                if turn.chat is None or self.chats.get(turn.chat, 0.0) <= now:
                    lane.remove(turn)
                    self._take(turn, opens, now)
                    return turn, now
        chats = [self.chats[t.chat] for lane in (self.replies, self.bulk) for t in lane if t.chat is not None]
        return None, min(chats, default=float("inf"))

    def _take(self, turn: Turn[T], opened: float, now: float) -> None:
        self.due = opened + self.interval
        turn.started = now
        self.sent.append(turn)
        while len(self.sent) > self.limit:
            gone = self.sent.popleft()
            self.settled = max(self.settled, _or(gone.ended, _or(gone.started, now) + self.patience))
        if turn.chat is not None:
            self.chats[turn.chat] = now + self.gap(turn.chat)
            if len(self.chats) > 50_000:
                self.chats = {c: t for c, t in self.chats.items() if t > now}


def _or(value: float | None, otherwise: float) -> float:
    return otherwise if value is None else value
