"""Telegram's flood control, reproduced so a sender can prove it stays under the limits.

Telegram documents about 30 messages a second across chats, about 1 a second to one chat and 20 a
minute to a group, and answers 429 with retry_after beyond them. It also lets a short burst to
one chat through. Here every limit is a sliding window on an injectable monotonic clock; a
private chat allows `private_burst` sends per `private_burst` seconds (1 by default, so two in
the same second are refused: a sender that passes here passes there) minus `jitter` seconds, so a
sender pacing at exactly one a second is not punished for timer noise.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Window:
    """At most `limit` events in any `span` seconds."""

    limit: int
    span: float
    times: deque[float] = field(default_factory=deque)

    def wait(self, now: float) -> float:
        """Seconds until one more event fits; 0 when it fits now."""
        while self.times and now - self.times[0] >= self.span:
            self.times.popleft()
        if len(self.times) < self.limit:
            return 0.0
        return self.span - (now - self.times[0])

    def add(self, now: float) -> None:
        self.times.append(now)


class FloodControl:
    """The three limits: a send is admitted (and counted) first, refunded if it then fails."""

    def __init__(self, enabled: bool, clock: Callable[[], float], *, overall: int = 30,
                 private_burst: int = 1, group_per_minute: int = 20, jitter: float = 0.05) -> None:
        self.enabled, self.clock = enabled, clock
        self.overall = Window(overall, 1.0)
        self.private_burst, self.group_per_minute, self.jitter = private_burst, group_per_minute, jitter
        self.chats: dict[int, Window] = {}

    def _window(self, chat_id: int) -> Window:
        if chat_id not in self.chats:
            private = chat_id > 0
            limit = self.private_burst if private else self.group_per_minute
            span = self.private_burst - self.jitter if private else 60.0
            self.chats[chat_id] = Window(limit, span)
        return self.chats[chat_id]

    def admit(self, chat_id: int) -> int:
        """0 when a send to this chat may go now (it is counted), else whole seconds to wait."""
        if not self.enabled:
            return 0
        now, window = self.clock(), self._window(chat_id)
        wait = max(self.overall.wait(now), window.wait(now))
        if wait > 0:
            return max(1, math.ceil(wait))
        self.overall.add(now)
        window.add(now)
        return 0

    def refund(self, chat_id: int) -> None:
        """Uncount an admitted send that failed (a blocked chat, a bad request)."""
        if self.enabled:
            for window in (self.overall, self._window(chat_id)):
                if window.times:
                    window.times.pop()
